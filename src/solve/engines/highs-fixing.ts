/**
 * HiGHS with reduced-cost fixing (`reduced-cost.ts`): the exact engine of
 * `auto` and `--solver exact`. The whole model's optimum, proven, from a
 * smaller MILP.
 *
 * Why: on these models the LP relaxation is nearly exact (province rounds:
 * the LP optimum is within 0.03 points of the MILP's, often equal), and
 * HiGHS spends its time in the root of the whole MILP (3.8 s of a 50-county
 * round, 0.4 s of which the LP), not in branching. Most columns are far
 * from mattering: at δ = 0.1 point (of a score near 9,600) reduced costs
 * fix 53,767 of a province round's 57,024 binaries.
 *
 * 1. The LP relaxation of the whole model, and its bound B computed here
 *    from its row duals (valid whatever their accuracy). An LP optimum
 *    that is integral is the MILP's optimum: returned.
 * 2. HiGHS on the restriction that fixes every binary whose |reduced
 *    cost| exceeds `FIRST_DELTA`. Its optimum z is the whole model's when
 *    B + slack − z ≤ `FIRST_DELTA` (no fixed column can be flipped in a
 *    solution scoring z or more): returned as `optimal`.
 * 3. Otherwise one more restriction, at δ = B + slack − z (which keeps z's
 *    solution, so its optimum is proven the whole model's).
 * An LP that fails, or a restriction with no solution while no point is
 * known, leaves HiGHS on the whole model with the time left; a deadline
 * that passes returns the best point known. Every answer's values are
 * checked against the whole model (`acceptAnswer`), and its bound holds
 * for the whole model.
 */
import type { EngineLimits, LinearEngine, LinearModel, LinearSolution, ValuedSolution as Valued } from '../../model/linear.js';
import { answerOf, runHighs, toRowForm, type HighsRun } from './highs.js';
import { dualBound, neededDelta, restrictByReducedCost, type DualBound, type Restriction, type RowForm } from './reduced-cost.js';
import { acceptAnswer } from './verify.js';

/**
 * The first restriction's δ, in objective points: wider than the LP's gap
 * on most rounds measured (0 to 0.03 points), narrow enough to fix nearly
 * every binary. A wider δ keeps more columns and HiGHS's root slows with
 * them; a narrower one needs a second restriction more often. HiGHS on the
 * first restriction, δ = 0.01 / 0.05 / 0.1 / 0.25 / 1 (seconds):
 * province seed 1 0.71 (not proven) / 0.47 / 0.37 / 0.35 / 1.35;
 * seed 2 0.74 / 0.13 / 0.14 / 0.31 / 0.85; an 80-county round 1.54 /
 * 0.26 / 0.85 / 0.96 / —; a 100-county round (δ = 0.001 / 0.1 / 0.5 / 1)
 * 0.63 / 0.44 / 2.84 / 4.52, against 6.4 s for HiGHS on the whole model.
 */
export const FIRST_DELTA = 0.1;

/** Distance from an integer within which an LP value of a binary counts as integral (HiGHS's own is 1e-6; the answer is rounded and checked). */
const INTEGRAL = 1e-9;

/** The gap between the computed bound and a point's objective below which the point is called optimal (rounding of sums near 10⁶). */
function optimalWithin(bound: number): number {
  return 1e-6 + 1e-9 * Math.abs(bound);
}

/** The LP point with its binaries rounded, when every one is within `INTEGRAL` of 0 or 1. */
function integralPoint(form: RowForm, colValue: Float64Array): Float64Array | undefined {
  const point = Float64Array.from(colValue);
  for (let j = 0; j < form.numCols; j++) {
    if (form.integer[j] !== 1) continue;
    const r = Math.round(point[j]!);
    if (Math.abs(point[j]! - r) > INTEGRAL) return undefined;
    point[j] = r;
  }
  return point;
}

/** A restriction's run, its point lifted back to the whole model's columns (the left-out ones at 0). */
function lift(run: HighsRun, restriction: Restriction, numCols: number): HighsRun {
  if (!('dualBound' in run) || !run.point) return run;
  const colValue = new Float64Array(numCols);
  restriction.columns.forEach((j, k) => (colValue[j] = run.point!.colValue[k]!));
  return { ...run, point: { colValue, objective: run.point.objective } };
}

/** A checked answer with its bound replaced (never below its objective). */
function withBound(answer: Valued, status: 'optimal' | 'feasible', bound: number): LinearSolution {
  return { ...answer, status, bound: status === 'optimal' ? answer.objective : Math.max(answer.objective, bound) };
}

/** One restriction an engine solved: its δ, the binaries it fixed, and the columns left. */
export interface RestrictionSolved {
  readonly delta: number;
  readonly fixed: number;
  readonly columns: number;
  /** The whole model's columns. */
  readonly of: number;
}

/** Solves `model` through reduced-cost fixing (see the module comment); `seen` hears of each restriction solved. */
async function solveWithFixing(model: LinearModel, limits: EngineLimits, seen?: (r: RestrictionSolved) => void): Promise<LinearSolution> {
  const deadline = Date.now() + limits.timeLimitSeconds * 1000;
  const { form, names } = toRowForm(model);
  const whole = async (): Promise<LinearSolution> => answerOf(model, names, await runHighs(form, deadline));
  const lp = await runHighs(form, deadline, true);
  if (!('dualBound' in lp) || lp.kind !== 'optimal' || !lp.rowDual || !lp.point) return whole();
  const dual: DualBound | undefined = dualBound(form, lp.rowDual);
  if (!dual) return whole();
  const ceiling = dual.bound + dual.slack;

  // The best checked point so far (the LP's own, when integral; then each restriction's optimum).
  let best: Valued | undefined;
  const rounded = integralPoint(form, lp.point.colValue);
  if (rounded) {
    const answer = acceptAnswer('HiGHS', model, { status: 'feasible', objective: lp.point.objective, bound: ceiling, values: new Map(names.map((n, i) => [n, rounded[i]!])) });
    if (answer.status === 'feasible') {
      if (ceiling - answer.objective <= optimalWithin(ceiling)) return withBound(answer, 'optimal', answer.objective);
      best = answer;
    }
  }

  // The δ that proves an incumbent, with room for the rounding of objectives recomputed from the values.
  const proving = (z: number): number => neededDelta(dual, z) + optimalWithin(ceiling);
  let delta = best === undefined ? FIRST_DELTA : Math.max(FIRST_DELTA, proving(best.objective));
  for (let attempt = 0; attempt < 2; attempt++) {
    const restriction = restrictByReducedCost(form, dual, delta);
    seen?.({ delta, fixed: restriction.fixed, columns: restriction.form.numCols, of: form.numCols });
    const answer = answerOf(model, names, lift(await runHighs(restriction.form, deadline), restriction, form.numCols));
    if (answer.status === 'error' || answer.status === 'rejected' || answer.status === 'unbounded') return answer;
    // A restriction that keeps every solution as good as the best one known bounds the whole model by its own dual bound.
    const keepsBest = best !== undefined && delta >= neededDelta(dual, best.objective);
    if (answer.status !== 'optimal' && answer.status !== 'feasible') {
      // No solution in the restriction: the best point known stands (the deadline has passed) or, with none, the whole model decides.
      return best ? withBound(best, 'feasible', ceiling) : whole();
    }
    if (answer.status === 'feasible') {
      // Stopped at the deadline.
      const better = best && best.objective > answer.objective ? best : answer;
      return withBound(better, 'feasible', keepsBest ? Math.min(ceiling, answer.bound) : ceiling);
    }
    if (delta >= neededDelta(dual, answer.objective)) return withBound(answer, 'optimal', answer.objective);
    best = answer;
    delta = proving(best.objective);
  }
  // Not reached: the second restriction keeps the first one's solution, so its optimum passes the test above.
  return best ? withBound(best, 'feasible', ceiling) : whole();
}

/** HiGHS behind reduced-cost fixing as an engine; `seen` (for tests and diagnostics) hears of each restriction it solves. */
export function fixingEngine(seen?: (r: RestrictionSolved) => void): LinearEngine {
  return { name: 'highs', solve: (model, limits) => solveWithFixing(model, limits, seen) };
}

/** HiGHS behind reduced-cost fixing: the answers of `highsEngine` on the whole model, from a smaller one. */
export const highsFixingEngine: LinearEngine = fixingEngine();
