/**
 * HiGHS (npm `highs`, WebAssembly) behind the `LinearEngine` interface: an
 * optional peer dependency, loaded only when asked for. The library never
 * needs it; the benchmark and the tests use it as the reference solver.
 */
import type { LinearEngine, LinearModel, LinearSolution } from '../../model/linear.js';

/** Raised when `highs` is asked for but not installed. */
export class EngineUnavailableError extends Error {
  override readonly name = 'EngineUnavailableError';
  constructor(readonly engine: string, readonly hint: string) {
    super(`${engine} is not available: ${hint}`);
  }
}

// The module's type is taken from the package only where it is installed; we keep our use minimal.
type HighsModule = {
  infinity: number;
  constants: { objectiveSense: { maximize: unknown }; variableType: { continuous: number; integer: number }; modelStatus: Record<string, number> };
  createModel(data: unknown): HighsModel;
};
type HighsModel = {
  options: { set(o: Record<string, unknown>): void };
  info: { mip_dual_bound?: number; objective_function_value?: number };
  run(): void;
  getModelStatus(): number;
  getObjectiveValue(): number;
  getSolution(): { colValue: Float64Array };
  dispose(): void;
};

let loaded: Promise<HighsModule> | undefined;

/** Loads HiGHS once; rejects with `EngineUnavailableError` when the package is missing. */
export function loadHighs(): Promise<HighsModule> {
  loaded ??= (async () => {
    try {
      const name = 'highs';
      const mod = (await import(name)) as { default: (o?: unknown) => Promise<HighsModule> };
      return await mod.default();
    } catch (cause) {
      loaded = undefined;
      throw new EngineUnavailableError('highs', `install it with \`npm install highs\` (${cause instanceof Error ? cause.message : String(cause)})`);
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

/** HiGHS as an engine, with `mip_rel_gap: 0` so that "optimal" is a proof. */
export const highsEngine: LinearEngine = {
  name: 'highs',
  async solve(model, { timeLimitSeconds }): Promise<LinearSolution> {
    const highs = await loadHighs();
    const { data, names } = toModelData(highs, model);
    const m = highs.createModel(data);
    try {
      m.options.set({ output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0, time_limit: timeLimitSeconds, random_seed: 0 });
      m.run();
      const status = m.getModelStatus();
      const codes = highs.constants.modelStatus;
      if (status === codes['infeasible']) return { status: 'infeasible', message: 'HiGHS proved the model infeasible' };
      if (status === codes['unbounded'] || status === codes['unboundedOrInfeasible']) return { status: 'unbounded', message: 'HiGHS: unbounded or infeasible' };
      const optimal = status === codes['optimal'];
      const timeLimit = status === codes['timeLimit'];
      if (!optimal && !timeLimit) return { status: 'error', message: `HiGHS stopped with model status ${status}` };
      const col = m.getSolution().colValue;
      if (col.length !== names.length || Number.isNaN(col[0] ?? 0)) return { status: 'time-limit', message: 'HiGHS found no solution before the time limit' };
      const values = new Map(names.map((n, i) => [n, col[i] ?? 0]));
      const objective = m.getObjectiveValue();
      const dual = m.info.mip_dual_bound;
      const bound = optimal ? objective : typeof dual === 'number' && Number.isFinite(dual) ? dual : Number.POSITIVE_INFINITY;
      return { status: optimal ? 'optimal' : 'feasible', objective, bound, values };
    } finally {
      m.dispose();
    }
  },
};
