/**
 * The scalable solver: Lagrangian relaxation of the experts' capacities with
 * column generation, repair to a feasible assignment, and local search. It
 * takes national rounds and ten times that on one machine, and returns a
 * bound proven on the whole (unpruned) round.
 *
 * Phases (see each module):
 *  1. `setup.ts`     — indexes, diagnosis, first candidate lists;
 *  2. `lagrangian.ts` — prices, restricted subproblems, pricing passes (bound + columns);
 *  3. `repair.ts`     — the dual's choices made feasible;
 *  4. `local-search.ts` — per-county re-optimization and steal moves;
 *  5. `competition.ts` — the bound on matched counties and the reasons of unmatched ones.
 *
 * Deterministic: every loop runs in position order, ties are broken by
 * position or by a hash of the seed, and the schedule (iterations, passes,
 * stopping gap) depends on values only. The wall clock only cuts the
 * schedule short when `timeLimit` runs out; the result then has status
 * `time-limit` and may differ between runs.
 */
import type { Progress } from '../../model/options.js';
import type { InputWarning } from '../../model/issues.js';
import type { SolveResult } from '../../model/result.js';
import type { Expert, Status } from '../../model/schemas.js';
import type { Diagnosis } from '../../explain/diagnose.js';
import { groupScore } from '../../objective/score.js';
import type { RoundContext } from '../../rules/context.js';
import { assembleResult, type ChosenGroup } from '../assemble.js';
import type { Assignment } from './assignment.js';
import { competitionReason, matchableBound, resources } from './competition.js';
import { Lagrangian } from './lagrangian.js';
import { refreshFree, reoptimize, steal } from './local-search.js';
import { repair } from './repair.js';
import { label, prepare, type ScalableState } from './setup.js';

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
  iterations: Number(process.env['AG_ITER'] ?? 40),
  /** A pricing pass (bound and columns) every so many steps. */
  pricingEvery: Number(process.env['AG_PRICE'] ?? 8),
  /** A repair and local search every so many steps. */
  repairEvery: Number(process.env['AG_REPAIR'] ?? 8),
  /** Stop once the relative gap is this small. */
  targetGap: 1e-3,
  /** Passes of per-county re-optimization per local search. */
  reoptimizePasses: 2,
} as const;

/**
 * Solves a round by decomposition. The result has passed `checkSolution`;
 * `summary.upperBound` bounds the score of any valid result that matches at
 * least as many counties, over every expert of the pool.
 */
export async function solveScalable(ctx: RoundContext, settings: ScalableSettings): Promise<SolveResult> {
  const state = prepare(ctx, settings.startedAt, settings.onProgress);
  const { clock } = state;
  const lag = new Lagrangian(state);
  let best: Assignment | undefined;
  let bound = Infinity;

  const consider = (a: Assignment, phase: string): void => {
    if (a.betterThan(best)) best = a;
    bound = currentBound(state, lag, best);
    clock.report(best?.objective ?? Number.NaN, bound, best?.matched ?? 0, phase);
  };
  const primal = (): void => {
    const a = repair(state, lag);
    improve(state, a);
    consider(a, 'local-search');
    // The best assignment so far also gains from the newer prices and lists.
    if (best !== a && best) {
      improve(state, best);
      consider(best, 'local-search');
    }
  };

  if (lag.pricingPass()) primal();
  for (let it = 1; it <= SCHEDULE.iterations && !clock.expired(); it++) {
    const target = best?.objective ?? Number.NEGATIVE_INFINITY;
    const { restricted, norm } = lag.step(Number.isFinite(target) ? target : -Infinity);
    if (!lag.refresh()) break;
    clock.report(best?.objective ?? Number.NaN, bound, best?.matched ?? 0, `lagrangian ${it} (restricted dual ${restricted.toFixed(2)})`);
    const last = it === SCHEDULE.iterations || norm === 0;
    if (it % SCHEDULE.pricingEvery === 0 || last) {
      if (!lag.pricingPass()) break;
      bound = currentBound(state, lag, best);
    }
    if (it % SCHEDULE.repairEvery === 0 || last) primal();
    if (best && gapOf(best.objective, bound) <= SCHEDULE.targetGap && best.matched === lag.open().length) break;
    if (norm === 0) break;
  }
  if (!best) best = repair(state, lag);
  if (!clock.expired()) {
    for (const c of lag.open()) {
      if (clock.expired()) break;
      if (!best.group[c]) steal(state, best, c, true);
    }
  }
  return finish(state, lag, best, settings);
}

function gapOf(objective: number, bound: number): number {
  return (bound - objective) / Math.max(Math.abs(bound), 1e-9);
}

/** Local search on a repaired assignment: re-optimization passes, then steals for unmatched counties. */
function improve(state: ScalableState, a: Assignment): void {
  const open: number[] = [];
  state.countyState.forEach((s, c) => {
    if (s === 'open') open.push(c);
  });
  refreshFree(state, a, open);
  for (let pass = 0; pass < SCHEDULE.reoptimizePasses; pass++) {
    if (state.clock.expired() || reoptimize(state, a, open) === 0) break;
  }
  for (const c of open) {
    if (state.clock.expired()) break;
    if (a.group[c]) steal(state, a, c, false, 'dual');
  }
  const unmatched = open.filter((c) => !a.group[c]);
  if (unmatched.length > 0) {
    refreshFree(state, a, unmatched);
    reoptimize(state, a, unmatched);
  }
  for (const c of open) {
    if (state.clock.expired()) break;
    if (!a.group[c]) steal(state, a, c, true);
  }
}

/** Counties no valid result can match are left out; the rest are counted. */
function countedCounties(state: ScalableState): number[] {
  const out: number[] = [];
  state.countyState.forEach((s, c) => {
    if (s === 'open') out.push(c);
  });
  return out;
}

/** An upper bound on any group score of a county the search left out but a valid result might match ('unsupported'). */
function looseCountyBound(state: ScalableState, c: number): number {
  const { pool } = state;
  let maxAffinity = 0;
  for (let r = pool.affStart[c]!; r < pool.affStart[c + 1]!; r++) if (pool.affVeto[r] === 0) maxAffinity = Math.max(maxAffinity, pool.affScore[r]!);
  let points = 0;
  for (let n = pool.needStart[c]!; n < pool.needStart[c + 1]!; n++) points += pool.coverageWeight * pool.needWeight[n]!;
  return pool.sizeMax[c]! * (pool.relevanceWeight + pool.affinityWeight * maxAffinity) + points;
}

/** The bound that fits the best assignment: z fixed on the open counties when it matches them all, else each county free. */
function currentBound(state: ScalableState, lag: Lagrangian, best: Assignment | undefined): number {
  const counted = countedCounties(state);
  let extra = 0;
  state.countyState.forEach((s, c) => {
    if (s === 'unsupported') extra += looseCountyBound(state, c);
  });
  const matchesAll = best !== undefined && extra === 0 && counted.every((c) => best.group[c] !== undefined);
  return lag.bound(counted, matchesAll) + extra;
}

/** Labels, reasons and the checked result. */
function finish(state: ScalableState, lag: Lagrangian, best: Assignment, settings: ScalableSettings): SolveResult {
  const { ctx, clock } = state;
  const open = countedCounties(state);
  const list = resources(state, open);
  const unmatched = new Map<string, Diagnosis>();
  const groups: ChosenGroup[] = [];
  ctx.counties.forEach((county, c) => {
    const g = best.group[c];
    if (g && state.countyState[c] === 'open') {
      const members: Expert[] = g.members.map((e) => ctx.experts[e]!);
      groups.push({ county, leader: ctx.experts[g.leader]!, members });
      return;
    }
    const known = state.reasons.get(c);
    if (known) unmatched.set(county.id, known);
    else if (state.store.pinnedExperts(c).length > 0) {
      unmatched.set(county.id, { reasonCode: 'pinned-infeasible', detail: `${label(county)}: its pinned experts could not be completed into a valid group together with the other counties' groups` });
    } else if (clock.cut) {
      unmatched.set(county.id, { reasonCode: 'not-solved', detail: `${label(county)}: the time limit ran out before a group that fits beside the others was found` });
    } else unmatched.set(county.id, competitionReason(state, c, list));
  });
  let objective = 0;
  for (const g of groups) objective += groupScore(ctx, g.county, g.members).total;
  const upperBound = currentBound(state, lag, best);
  const matched = groups.length;
  let matchable = matchableBound(open, list);
  let extraOpen = 0;
  state.countyState.forEach((s) => {
    if (s === 'unsupported') extraOpen++;
  });
  matchable = Math.max(matched, matchable + extraOpen);
  const proven = Number.isFinite(upperBound) && upperBound - objective <= 1e-9 * Math.max(1, Math.abs(upperBound)) && matched >= matchable;
  const status: Status = clock.cut ? 'time-limit' : proven ? 'optimal' : 'feasible';
  clock.report(objective, upperBound, matched, 'done');
  return assembleResult({
    ctx,
    groups,
    unmatched,
    status,
    upperBound,
    matchableUpperBound: matchable,
    solver: 'scalable',
    startedAt: settings.startedAt,
    warnings: settings.warnings ?? [],
  });
}
