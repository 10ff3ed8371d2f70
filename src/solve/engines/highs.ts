/**
 * HiGHS (npm `highs`, WebAssembly) behind the `LinearEngine` interface, on
 * the whole model (`highsEngine`: the benchmark's `highs-full`, and the
 * per-county checks), and the runs that `highs-fixing.ts` builds on (the
 * engine of `--solver exact` and of `auto`). Loaded on first use (3.9 MB
 * of WebAssembly that a scalable-only run never needs).
 *
 * HiGHS runs synchronously and blocks the event loop, and it honours its
 * `time_limit` only roughly; the engine therefore also interrupts it from
 * its own progress callbacks once the wall-clock deadline has passed. Every
 * model is released after use (`dispose`), and every answer's values are
 * checked against the model (`verify.ts`) before they count.
 */
import type { EngineLimits, LinearEngine, LinearModel, LinearSolution } from '../../model/linear.js';
import type { RowForm } from './reduced-cost.js';
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
  getSolution(): { colValue: Float64Array; rowDual: Float64Array };
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

/** The model in sparse row form, with its column names in column order. */
export function toRowForm(model: LinearModel): { form: RowForm; names: string[] } {
  const names = [...model.variables.keys()];
  const index = new Map(names.map((n, i) => [n, i]));
  const vars = [...model.variables.values()];
  const starts = [0];
  const indices: number[] = [];
  const values: number[] = [];
  // Terms on one variable are merged through a dense scratch row (a Map per row cost 0.7 s on a 100-county model).
  const sum = new Float64Array(vars.length);
  const seenIn = new Int32Array(vars.length).fill(-1);
  model.constraints.forEach((c, row) => {
    const columns: number[] = [];
    for (const t of c.terms) {
      const j = index.get(t.name)!;
      if (seenIn[j] !== row) {
        seenIn[j] = row;
        sum[j] = 0;
        columns.push(j);
      }
      sum[j]! += t.coef;
    }
    for (const j of Int32Array.from(columns).sort()) {
      if (sum[j] !== 0) {
        indices.push(j);
        values.push(sum[j]!);
      }
    }
    starts.push(indices.length);
  });
  const form: RowForm = {
    numCols: vars.length,
    numRows: model.constraints.length,
    colCost: Float64Array.from(vars, (v) => v.obj),
    colLower: Float64Array.from(vars, (v) => v.lb),
    colUpper: Float64Array.from(vars, (v) => v.ub),
    integer: Uint8Array.from(vars, (v) => (v.type === 'binary' ? 1 : 0)),
    rowLower: Float64Array.from(model.constraints, (c) => c.min ?? Number.NEGATIVE_INFINITY),
    rowUpper: Float64Array.from(model.constraints, (c) => c.max ?? Number.POSITIVE_INFINITY),
    starts: Int32Array.from(starts),
    indices: Int32Array.from(indices),
    values: Float64Array.from(values),
  };
  return { form, names };
}

/** HiGHS's model data for a row form, as a MILP or (`relax`) as its LP relaxation. */
function toModelData(highs: HighsModule, form: RowForm, relax: boolean): unknown {
  const finite = (v: number): number => (v === Number.POSITIVE_INFINITY ? highs.infinity : v === Number.NEGATIVE_INFINITY ? -highs.infinity : v);
  const { integer, continuous } = highs.constants.variableType;
  return {
    numCols: form.numCols,
    numRows: form.numRows,
    sense: highs.constants.objectiveSense.maximize,
    colCost: form.colCost,
    colLower: Float64Array.from(form.colLower, finite),
    colUpper: Float64Array.from(form.colUpper, finite),
    rowLower: Float64Array.from(form.rowLower, finite),
    rowUpper: Float64Array.from(form.rowUpper, finite),
    matrix: { format: 'csr', numRows: form.numRows, numCols: form.numCols, starts: form.starts, indices: form.indices, values: form.values },
    integrality: Int32Array.from(form.integer, (b) => (b === 1 && !relax ? integer : continuous)),
  };
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

/**
 * How one HiGHS run ended. `optimal` and `stopped` (the deadline) carry a
 * feasible point when HiGHS has one; an LP's `optimal` carries its row
 * duals too.
 */
export type HighsRun =
  | { kind: 'optimal' | 'stopped'; point?: { colValue: Float64Array; objective: number }; rowDual?: Float64Array; dualBound: number }
  | { kind: 'infeasible' | 'unbounded' | 'error'; message: string };

/** Runs HiGHS on a row form until `deadline` (ms since the epoch), as a MILP with `mip_rel_gap: 0` so that "optimal" is a proof, or (`relax`) as an LP. */
export async function runHighs(form: RowForm, deadline: number, relax = false): Promise<HighsRun> {
  const highs = await loadHighs();
  let m: HighsModel;
  try {
    m = highs.createModel(toModelData(highs, form, relax));
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
    if (status === codes['infeasible']) return { kind: 'infeasible', message: 'HiGHS proved the model infeasible' };
    if (status === codes['unbounded'] || status === codes['unboundedOrInfeasible']) return { kind: 'unbounded', message: 'HiGHS: unbounded or infeasible' };
    const optimal = status === codes['optimal'];
    const stopped = status === codes['timeLimit'] || status === codes['interrupted'];
    if (!optimal && !stopped) return { kind: 'error', message: `HiGHS stopped with model status ${status}` };
    const kind = optimal ? 'optimal' : 'stopped';
    const solution = m.getSolution();
    const objective = infoNumber(m, 'objective_function_value') ?? Number.NaN;
    // Stopped early, a MILP's dual bound is HiGHS's proof; none (or a broken one) leaves the caller to find a finite ceiling.
    const dual = relax ? undefined : infoNumber(m, 'mip_dual_bound');
    const dualBound = optimal ? objective : dual !== undefined && Number.isFinite(dual) && Math.abs(dual) < highs.infinity ? dual : Number.POSITIVE_INFINITY;
    const hasPoint = infoNumber(m, 'primal_solution_status') === PRIMAL_FEASIBLE && solution.colValue.length === form.numCols;
    return {
      kind,
      dualBound,
      ...(hasPoint ? { point: { colValue: Float64Array.from(solution.colValue), objective } } : {}),
      ...(relax && optimal && solution.rowDual.length === form.numRows ? { rowDual: Float64Array.from(solution.rowDual) } : {}),
    };
  } catch (error) {
    return failed(error);
  } finally {
    try {
      m.dispose();
    } catch {
      // An aborted module cannot release the model; it is dropped whole (see `failed`).
    }
  }
}

/** A run's answer for the model it was given (`names` in column order), its values checked against the model. */
export function answerOf(model: LinearModel, names: readonly string[], run: HighsRun): LinearSolution {
  if ('message' in run) return { status: run.kind, message: run.message };
  if (!run.point) return { status: 'time-limit', message: 'HiGHS found no solution before the time limit' };
  const col = run.point.colValue;
  const values = new Map(names.map((n, i) => [n, col[i] ?? 0]));
  return acceptAnswer('HiGHS', model, { status: run.kind === 'optimal' ? 'optimal' : 'feasible', objective: run.point.objective, bound: run.dualBound, values });
}

/** HiGHS as an engine on the whole model, with `mip_rel_gap: 0` so that "optimal" is a proof. */
export const highsEngine: LinearEngine = {
  name: 'highs',
  async solve(model: LinearModel, limits: EngineLimits): Promise<LinearSolution> {
    const deadline = Date.now() + limits.timeLimitSeconds * 1000;
    const { form, names } = toRowForm(model);
    return answerOf(model, names, await runHighs(form, deadline));
  },
};

/**
 * An exception of HiGHS as an engine failure. A WebAssembly abort (its heap
 * exhausted: measured on a 780,493-pair round) leaves the module unusable,
 * so the next solve loads a fresh one (whatever the exception: a fresh
 * module costs a fraction of a second).
 */
function failed(error: unknown): HighsRun {
  loaded = undefined;
  return { kind: 'error', message: `HiGHS failed: ${error instanceof Error ? error.message : String(error)}` };
}
