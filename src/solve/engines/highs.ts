/**
 * HiGHS (npm `highs`, WebAssembly) behind the `LinearEngine` interface: the
 * engine of the whole-round MILP (`--solver exact`, and `auto`'s polish).
 * Loaded on first use (3.9 MB of WebAssembly that a scalable-only run never
 * needs).
 *
 * HiGHS runs synchronously and blocks the event loop, and it honours its
 * `time_limit` only roughly; the engine therefore also interrupts it from
 * its own progress callbacks once the wall-clock deadline has passed. Every
 * model is released after use (`dispose`), and every answer's values are
 * checked against the model (`verify.ts`) before they count.
 */
import type { EngineLimits, LinearEngine, LinearModel, LinearSolution } from '../../model/linear.js';
import { acceptAnswer } from './verify.js';

/** Raised when `highs` cannot be loaded (it is a dependency, so only a broken installation gets here). */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
  constructor(readonly engine: string, readonly hint: string) {
    super(`${engine} is not available: ${hint}`);
  }
}

// The part of the package's API this engine uses.
type InterruptEvent = { interrupt(): void };
type HighsModule = {
  infinity: number;
  constants: {
    objectiveSense: { maximize: unknown };
    variableType: { continuous: number; integer: number };
    modelStatus: Record<string, number>;
    callbackType: { simplexInterrupt: number; ipmInterrupt: number; mipInterrupt: number };
  };
  createModel(data: unknown): HighsModel;
};
type HighsModel = {
  options: { set(o: Record<string, unknown>): void };
  info: { get(name: string): number | bigint };
  run(callbacks?: Record<number, (event: InterruptEvent) => undefined>): unknown;
  getModelStatus(): number;
  getSolution(): { colValue: Float64Array };
  dispose(): void;
};

let loaded: Promise<HighsModule> | undefined;

/** Loads HiGHS once; rejects with `EngineUnavailableError` when the package cannot be loaded. */
export function loadHighs(): Promise<HighsModule> {
  loaded ??= (async () => {
    try {
      const mod = (await import('highs')) as unknown as { default: (o?: unknown) => Promise<HighsModule> };
      return await mod.default();
    } catch (cause) {
      loaded = undefined;
      throw new EngineUnavailableError('highs', `reinstall the package's dependencies (\`npm install\`): ${cause instanceof Error ? cause.message : String(cause)}`);
    }
  })();
  return loaded;
}

/** Converts the model to HiGHS's sparse row form. */
function toModelData(highs: HighsModule, model: LinearModel): { data: unknown; names: string[] } {
  const names = [...model.variables.keys()];
  const index = new Map(names.map((n, i) => [n, i]));
  const vars = [...model.variables.values()];
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (const c of model.constraints) {
    const merged = new Map<number, number>();
    for (const t of c.terms) {
      const j = index.get(t.name)!;
      merged.set(j, (merged.get(j) ?? 0) + t.coef);
    }
    for (const [j, v] of [...merged].sort((a, b) => a[0] - b[0])) {
      if (v !== 0) {
        indices.push(j);
        values.push(v);
      }
    }
    starts.push(indices.length);
    rowLower.push(c.min ?? -highs.infinity);
    rowUpper.push(c.max ?? highs.infinity);
  }
  const data = {
    numCols: vars.length,
    numRows: model.constraints.length,
    sense: highs.constants.objectiveSense.maximize,
    colCost: vars.map((v) => v.obj),
    colLower: vars.map((v) => v.lb),
    colUpper: vars.map((v) => v.ub),
    rowLower,
    rowUpper,
    matrix: { format: 'csr', numRows: model.constraints.length, numCols: vars.length, starts, indices, values },
    integrality: vars.map((v) => (v.type === 'binary' ? highs.constants.variableType.integer : highs.constants.variableType.continuous)),
  };
  return { data, names };
}

/** A HiGHS info value as a number, or undefined when HiGHS has none. */
function infoNumber(m: HighsModel, name: string): number | undefined {
  try {
    const v = m.info.get(name);
    return typeof v === 'bigint' ? Number(v) : v;
  } catch {
    return undefined;
  }
}

/** HiGHS's `primal_solution_status` for a feasible point (its `solutionStatus.feasible`). */
const PRIMAL_FEASIBLE = 2;

/** Callbacks that interrupt HiGHS at its periodic checkpoints once the deadline has passed. */
function interruptAfter(highs: HighsModule, deadline: number): Record<number, (event: InterruptEvent) => undefined> {
  const stop = (event: InterruptEvent): undefined => {
    if (Date.now() >= deadline) event.interrupt();
    return undefined;
  };
  const t = highs.constants.callbackType;
  return { [t.simplexInterrupt]: stop, [t.ipmInterrupt]: stop, [t.mipInterrupt]: stop };
}

/** HiGHS as an engine, with `mip_rel_gap: 0` so that "optimal" is a proof. */
export const highsEngine: LinearEngine = {
  name: 'highs',
  async solve(model: LinearModel, limits: EngineLimits): Promise<LinearSolution> {
    const highs = await loadHighs();
    const deadline = Date.now() + limits.timeLimitSeconds * 1000;
    const { data, names } = toModelData(highs, model);
    let m: HighsModel;
    try {
      m = highs.createModel(data);
    } catch (error) {
      return failed(error);
    }
    try {
      const timeLimit = Math.max(0.01, (deadline - Date.now()) / 1000);
      // Presolve off: on these models it reduces nothing, and it neither checks the time limit nor calls back
      // (measured: 5.7 s of a 5 s limit on 240,871 columns; with it off the same round is proven optimal in 6 s, 46 s with it).
      m.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, time_limit: timeLimit, random_seed: 0, presolve: 'off' });
      m.run(interruptAfter(highs, deadline));
      const status = m.getModelStatus();
      const codes = highs.constants.modelStatus;
      if (status === codes['infeasible']) return { status: 'infeasible', message: 'HiGHS proved the model infeasible' };
      if (status === codes['unbounded'] || status === codes['unboundedOrInfeasible']) return { status: 'unbounded', message: 'HiGHS: unbounded or infeasible' };
      const optimal = status === codes['optimal'];
      const stopped = status === codes['timeLimit'] || status === codes['interrupted'];
      if (!optimal && !stopped) return { status: 'error', message: `HiGHS stopped with model status ${status}` };
      const col = m.getSolution().colValue;
      if (infoNumber(m, 'primal_solution_status') !== PRIMAL_FEASIBLE || col.length !== names.length) return { status: 'time-limit', message: 'HiGHS found no solution before the time limit' };
      const values = new Map(names.map((n, i) => [n, col[i] ?? 0]));
      const objective = infoNumber(m, 'objective_function_value') ?? Number.NaN;
      // Stopped early, the dual bound is HiGHS's proof; none (or a broken one) leaves the caller to find a finite ceiling.
      const dual = infoNumber(m, 'mip_dual_bound');
      const bound = optimal ? objective : dual !== undefined && Number.isFinite(dual) && Math.abs(dual) < highs.infinity ? dual : Number.POSITIVE_INFINITY;
      return acceptAnswer('HiGHS', model, { status: optimal ? 'optimal' : 'feasible', objective, bound, values });
    } catch (error) {
      return failed(error);
    } finally {
      try {
        m.dispose();
      } catch {
        // An aborted module cannot release the model; it is dropped whole (see `failed`).
      }
    }
  },
};

/**
 * An exception of HiGHS as an engine failure. A WebAssembly abort (its heap
 * exhausted: measured on a 780,493-pair round) leaves the module unusable,
 * so the next solve loads a fresh one (whatever the exception: a fresh
 * module costs a fraction of a second).
 */
function failed(error: unknown): LinearSolution {
  loaded = undefined;
  return { status: 'error', message: `HiGHS failed: ${error instanceof Error ? error.message : String(error)}` };
}
