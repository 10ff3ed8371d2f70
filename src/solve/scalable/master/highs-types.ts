/**
 * The part of the `highs` package's persistent-model API the master problem
 * uses (the package's own types describe much more; `engines/highs.ts`
 * types only its one-shot use), and the master's typed error.
 */

/** Sparse entries of one new row or column. */
export interface SparseEntries {
  indices: Int32Array;
  values: Float64Array;
}

/** A persistent HiGHS model, as the master uses it. */
export interface HighsLp {
  options: { set(o: Record<string, unknown>): void };
  info: { get(name: string): number | bigint };
  changeObjectiveSense(sense: unknown): void;
  addRow(lower: number, upper: number, entries: SparseEntries): void;
  addCol(cost: number, lower: number, upper: number, entries: SparseEntries): void;
  changeColIntegrality(index: number, type: number): void;
  setSolution(solution: { colValue: Float64Array }): void;
  run(callbacks?: Record<number, (event: { interrupt(): void }) => undefined>): unknown;
  getModelStatus(): number;
  getObjectiveValue(): number;
  getSolution(): { colValue: Float64Array; rowDual: Float64Array };
  dispose(): void;
}

/** The loaded HiGHS module, as the master uses it. */
export interface Highs {
  infinity: number;
  constants: {
    objectiveSense: { maximize: unknown };
    variableType: { continuous: number; integer: number };
    modelStatus: Record<string, number>;
    callbackType: { simplexInterrupt: number; mipInterrupt: number };
  };
  createModel(): HighsLp;
}

/** Raised when HiGHS ends a master solve without an answer the master can use (the caller stops column generation). */
export class MasterError extends Error {
  override readonly name = 'MasterError';
}
