/**
 * The scalable solver: Lagrangian relaxation of the experts' capacities with
 * column generation, repair to a feasible assignment, and local search. It
 * takes national rounds and ten times that on one machine, and returns a
 * bound proven on the whole (unpruned) round.
 *
 * Phases (see each module):
 *  1. `setup.ts`        — indexes, diagnosis, first candidate lists;
 *  2. `lagrangian.ts`   — prices, restricted subproblems, pricing passes (bound + columns);
 *  3. `repair.ts`       — the dual's choices made feasible;
 *  4. `local-search.ts` — free experts offered, per-county re-optimization, steal moves;
 *  5. `bound.ts`, `competition.ts`, `finish.ts` — the bounds, the reasons, the checked result.
 *
 * Deterministic: every loop runs in position order, ties are broken by
 * position or by a hash of the seed, and the schedule (iterations, passes,
 * stopping gap) depends on values and sizes only. The wall clock only cuts
 * the schedule short when `timeLimit` runs out; the result then has status
 * `time-limit` and may differ between runs.
 */
import type { Progress } from '../../model/options.js';
import type { InputWarning } from '../../model/issues.js';
import type { SolveResult } from '../../model/result.js';
import type { RoundContext } from '../../rules/context.js';
import type { Assignment } from './assignment.js';
import { currentBound, openCounties } from './bound.js';
import { finish } from './finish.js';
import { Lagrangian } from './lagrangian.js';
import { chainMatch, refreshFree, reoptimize, steal } from './local-search.js';
import { repair } from './repair.js';
import { prepare, type ScalableState } from './setup.js';

/** Settings of a scalable solve. */
export interface ScalableSettings {
  /** `Date.now()` when the solve started; the time limit counts from it. */
  startedAt: number;
  warnings?: readonly InputWarning[];
  /** Called at each improvement and iteration. */
  onProgress?: (p: Progress) => void;
}

/** The schedule: how far the solver goes when the time limit does not cut it first. */
export const SCHEDULE = {
  /** Subgradient steps at most. */
  iterations: 32,
  /** A pricing pass (bound and columns) every so many steps. */
  pricingEvery: 8,
  /** A repair and local search every so many steps. */
  repairEvery: 8,
  /** Stop once the relative gap is this small (and every county is matched). */
  targetGap: 1e-3,
  /** Passes of per-county re-optimization per local search. */
  reoptimizePasses: 2,
  /** Exact steal moves (one re-solve per held candidate) in the final search, up to this many open counties. */
  exactStealCounties: 2000,
} as const;

/**
 * Solves a round by decomposition. The result has passed `checkSolution`;
 * `summary.upperBound` bounds the score of any valid result that matches at
 * least as many counties, over every expert of the pool, and
 * `summary.matchableUpperBound` the number of counties any valid result can
 * match.
 */
export async function solveScalable(ctx: RoundContext, settings: ScalableSettings): Promise<SolveResult> {
  const state = prepare(ctx, settings.startedAt, settings.onProgress);
  const { clock } = state;
  const lag = new Lagrangian(state);
  let best: Assignment | undefined;
  let bound = Infinity;
  const report = (phase: string): void => clock.report(best?.objective ?? Number.NaN, bound, best?.matched ?? 0, phase);
  const consider = (a: Assignment): void => {
    if (a.betterThan(best)) best = a;
    bound = currentBound(state, lag, best);
    report('local-search');
  };
  const primal = (polishBest: boolean): void => {
    const a = repair(state, lag);
    improve(state, a);
    consider(a);
    // The best assignment so far also gains from the newer prices and lists (the final search does it last).
    if (polishBest && best && best !== a) {
      improve(state, best);
      consider(best);
    }
  };

  if (lag.pricingPass()) {
    bound = currentBound(state, lag, best);
    primal(true);
  }
  for (let it = 1; it <= SCHEDULE.iterations && !clock.expired(); it++) {
    // Let the event loop breathe between steps (timers, progress output); nothing depends on it.
    await yieldToEventLoop();
    const { norm } = lag.step(best?.objective ?? -Infinity);
    if (!lag.refresh()) break;
    report(`lagrangian ${it}`);
    const last = it === SCHEDULE.iterations || norm === 0;
    if (it % SCHEDULE.pricingEvery === 0 || last) {
      if (!lag.pricingPass()) break;
      bound = currentBound(state, lag, best);
    }
    if (it % SCHEDULE.repairEvery === 0 || last) primal(!last);
    if (best && best.matched === lag.open().length && (bound - best.objective) / Math.max(Math.abs(bound), 1e-9) <= SCHEDULE.targetGap) break;
    if (norm === 0) break;
  }
  best ??= repair(state, lag);
  finalSearch(state, best);
  return finish(state, lag, best, settings);
}

/** Resolves on the next turn of the event loop. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}

/** Local search on a repaired assignment: free experts offered, re-optimization passes, steals. */
function improve(state: ScalableState, a: Assignment): void {
  const open = openCounties(state);
  refreshFree(state, a, open);
  for (let pass = 0; pass < SCHEDULE.reoptimizePasses; pass++) {
    if (state.clock.expired() || reoptimize(state, a, open) === 0) break;
  }
  // Exchanges guided by the prices: a county takes a held expert if it gains more than the expert's price.
  for (const c of open) {
    if (state.clock.expired()) break;
    if (a.group[c]) steal(state, a, c, false, 'dual');
  }
  matchLeftovers(state, a, open);
}

/** Unmatched counties: offered free experts, re-solved, and finally allowed to take experts from others. */
function matchLeftovers(state: ScalableState, a: Assignment, open: readonly number[]): void {
  const unmatched = open.filter((c) => !a.group[c]);
  if (unmatched.length === 0) return;
  refreshFree(state, a, unmatched);
  reoptimize(state, a, unmatched);
  for (const c of unmatched) {
    if (state.clock.expired()) break;
    if (!a.group[c] && !steal(state, a, c, true)) chainMatch(state, a, c);
  }
}

/** The final search on the best assignment: once more with the last prices, then exact steals where affordable. */
function finalSearch(state: ScalableState, best: Assignment): void {
  if (state.clock.expired()) return;
  improve(state, best);
  const open = openCounties(state);
  if (open.length > SCHEDULE.exactStealCounties) return;
  for (const c of open) {
    if (state.clock.expired()) return;
    if (best.group[c]) steal(state, best, c, false, 'exact');
  }
  reoptimize(state, best, open);
}
