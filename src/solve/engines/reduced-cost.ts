/**
 * Reduced-cost fixing: what an LP's duals prove about a maximization MILP.
 *
 * For any row multipliers y (not only optimal ones), every point x with
 * l ≤ x ≤ u and L ≤ Ax ≤ U satisfies c·x = y·(Ax) + d·x with
 * d = c − Aᵀy, so c·x ≤ Σᵢ max(yᵢLᵢ, yᵢUᵢ) + Σⱼ max(dⱼlⱼ, dⱼuⱼ) = B. That B
 * is computed here from the duals alone: its validity depends on no solver
 * tolerance, only on this file's arithmetic (covered by `slack`). A binary
 * column away from the value its dⱼ prefers costs |dⱼ| of that bound: every
 * point with xⱼ = 1 where dⱼ < 0 (or xⱼ = 0 where dⱼ > 0) scores at most
 * B − |dⱼ|. So once some solution is known to score z, every column with
 * B + slack − |dⱼ| < z can be fixed at its preferred value without losing
 * any solution as good as z: the classic reduced-cost fixing of branch and
 * bound, done once at the root from HiGHS's LP duals.
 */

/** A model in sparse row form (CSR), bounds ±Infinity where absent, always maximized. */
export interface RowForm {
  readonly numCols: number;
  readonly numRows: number;
  readonly colCost: Float64Array;
  readonly colLower: Float64Array;
  readonly colUpper: Float64Array;
  /** 1 for a binary column, 0 for a continuous one. */
  readonly integer: Uint8Array;
  readonly rowLower: Float64Array;
  readonly rowUpper: Float64Array;
  /** Row i's entries are `indices`/`values` from `starts[i]` to `starts[i + 1]`. */
  readonly starts: Int32Array;
  readonly indices: Int32Array;
  readonly values: Float64Array;
}

/** The bound that row multipliers prove, with each column's reduced cost. */
export interface DualBound {
  /** B: no point of the model's LP relaxation scores more than `bound + slack`. */
  readonly bound: number;
  /** A margin for the floating-point error of `bound` and of each reduced cost (see `errorOf`). */
  readonly slack: number;
  /** dⱼ = cⱼ − Σᵢ yᵢ aᵢⱼ, with the multipliers as used (a multiplier on a row's missing side is 0). */
  readonly reducedCosts: Float64Array;
}

/** The unit roundoff of a double, 2⁻⁵³. */
const U = 2 ** -53;

/**
 * A rigorous margin for a compensated (Neumaier) sum of `n` rounded
 * products whose absolute values add up to `size`: each product errs by
 * u of itself, the sum by 2u of the result plus n·u² of `size` (Higham,
 * Accuracy and Stability of Numerical Algorithms, §4.3), here 4u + 2n·u²
 * of `size`, doubled. A naive sum may err by n·u of `size`; a margin of
 * 10⁻⁹ of it (tried first) came to 0.51 points on a 100-county model whose
 * lexicographic reward makes its objective 2.6·10⁸, where the LP's gap is
 * below 10⁻⁵ and the first δ 0.1. This margin is 4.6·10⁻⁷ there.
 */
function errorOf(size: number, n: number): number {
  return 2 * (4 * U + 2 * n * U * U) * size;
}

/** The rounding error of t = s + x, the term Neumaier's compensated sum carries. */
function lost(s: number, x: number, t: number): number {
  return Math.abs(s) >= Math.abs(x) ? s - t + x : x - t + s;
}

/** Neumaier's compensated sum: `sum + carry` is the total, its error independent of how many terms. */
class Compensated {
  sum = 0;
  carry = 0;
  size = 0;
  add(x: number): void {
    const t = this.sum + x;
    this.carry += lost(this.sum, x, t);
    this.sum = t;
    this.size += Math.abs(x);
  }
  get value(): number {
    return this.sum + this.carry;
  }
}

/**
 * The bound B of the model for multipliers `rowDual`, or undefined when it
 * is infinite (a column whose reduced cost pushes it toward a missing bound).
 * A multiplier whose row has no bound on the side it would price is taken
 * as 0, so any vector is accepted. Sums are compensated, so that the margin
 * stays near u of the terms whatever the model's size.
 */
export function dualBound(form: RowForm, rowDual: ArrayLike<number>): DualBound | undefined {
  const n = form.indices.length + form.numRows + form.numCols;
  // Per column: the running sum cⱼ − Σ yᵢaᵢⱼ, its carry, and the size of its terms.
  const sum = Float64Array.from(form.colCost);
  const carry = new Float64Array(form.numCols);
  const size = Float64Array.from(form.colCost, Math.abs);
  const total = new Compensated();
  for (let i = 0; i < form.numRows; i++) {
    const y = rowDual[i] ?? 0;
    const side = y > 0 ? form.rowUpper[i]! : y < 0 ? form.rowLower[i]! : 0;
    if (!Number.isFinite(y) || !Number.isFinite(side) || y === 0) continue;
    total.add(y * side);
    for (let k = form.starts[i]!; k < form.starts[i + 1]!; k++) {
      const j = form.indices[k]!;
      const x = -y * form.values[k]!;
      const s = sum[j]!;
      const t = s + x;
      carry[j]! += lost(s, x, t);
      sum[j] = t;
      size[j]! += Math.abs(x);
    }
  }
  const reducedCosts = new Float64Array(form.numCols);
  // Each reduced cost errs by at most errorOf(size[j]): B by |side| of that, and a fixing test by it once more (`worstCost`).
  let costError = 0;
  let worstCost = 0;
  for (let j = 0; j < form.numCols; j++) {
    const d = sum[j]! + carry[j]!;
    reducedCosts[j] = d;
    const e = errorOf(size[j]!, n);
    worstCost = Math.max(worstCost, e);
    if (Math.abs(d) <= e) {
      // The true dⱼ may have either sign: its term is counted as 0, within e of either side's (an unbounded side leaves no finite margin).
      costError += e * (Math.abs(form.colLower[j]!) + Math.abs(form.colUpper[j]!));
      continue;
    }
    const side = d > 0 ? form.colUpper[j]! : form.colLower[j]!;
    if (!Number.isFinite(side)) return undefined;
    costError += e * Math.abs(side);
    total.add(d * side);
  }
  const bound = total.value;
  return { bound, slack: errorOf(total.size, n) + costError + worstCost, reducedCosts };
}

/**
 * The smallest `delta` whose restriction keeps every solution scoring at
 * least `incumbent`: each column it fixed has |dⱼ| > delta, and a solution
 * that flips it scores at most B + slack − |dⱼ|, below the incumbent once
 * delta ≥ B + slack − incumbent. The restriction's optimum is then the
 * model's.
 */
export function neededDelta(dual: DualBound, incumbent: number): number {
  return Math.max(0, dual.bound + dual.slack - incumbent);
}

/** A restriction as a smaller model: the columns fixed at 0 left out, the rows left empty by them dropped. */
export interface Restriction {
  readonly form: RowForm;
  /** `columns[k]` is the original index of the restriction's column k. */
  readonly columns: Int32Array;
  /** Free binary columns fixed (at 0, left out, or at 1, kept with both bounds 1). */
  readonly fixed: number;
}

/**
 * The model with every free binary column whose |reduced cost| exceeds
 * `delta` fixed at the value its reduced cost prefers (0 when dⱼ < 0, 1
 * when dⱼ > 0). Columns at 0 are left out rather than bounded: HiGHS (with
 * presolve off, see `highs.ts`) would still carry them through its root
 * (measured on a 50-county round at δ = 2: 4.3 s with them bounded, 1.2 s
 * without).
 */
export function restrictByReducedCost(form: RowForm, dual: DualBound, delta: number): Restriction {
  const colLower = Float64Array.from(form.colLower);
  const colUpper = Float64Array.from(form.colUpper);
  let fixed = 0;
  for (let j = 0; j < form.numCols; j++) {
    if (form.integer[j] !== 1 || colLower[j] !== 0 || colUpper[j] !== 1) continue;
    const d = dual.reducedCosts[j]!;
    if (d < -delta) colUpper[j] = 0;
    else if (d > delta) colLower[j] = 1;
    else continue;
    fixed++;
  }
  const position = new Int32Array(form.numCols).fill(-1);
  const kept: number[] = [];
  for (let j = 0; j < form.numCols; j++) {
    // A column fixed at 0 adds nothing to any row or to the objective.
    if (colLower[j] === 0 && colUpper[j] === 0) continue;
    position[j] = kept.length;
    kept.push(j);
  }
  const starts: number[] = [0];
  const indices: number[] = [];
  const values: number[] = [];
  const rowLower: number[] = [];
  const rowUpper: number[] = [];
  for (let i = 0; i < form.numRows; i++) {
    const before = indices.length;
    for (let k = form.starts[i]!; k < form.starts[i + 1]!; k++) {
      const at = position[form.indices[k]!]!;
      if (at < 0) continue;
      indices.push(at);
      values.push(form.values[k]!);
    }
    // An empty row that 0 satisfies says nothing; one that 0 breaks stays, for the engine to find the restriction infeasible.
    if (indices.length === before && form.rowLower[i]! <= 0 && form.rowUpper[i]! >= 0) continue;
    starts.push(indices.length);
    rowLower.push(form.rowLower[i]!);
    rowUpper.push(form.rowUpper[i]!);
  }
  const pick = (from: Float64Array): Float64Array => Float64Array.from(kept, (j) => from[j]!);
  return {
    form: {
      numCols: kept.length,
      numRows: rowLower.length,
      colCost: pick(form.colCost),
      colLower: pick(colLower),
      colUpper: pick(colUpper),
      integer: Uint8Array.from(kept, (j) => form.integer[j]!),
      rowLower: Float64Array.from(rowLower),
      rowUpper: Float64Array.from(rowUpper),
      starts: Int32Array.from(starts),
      indices: Int32Array.from(indices),
      values: Float64Array.from(values),
    },
    columns: Int32Array.from(kept),
    fixed,
  };
}
