/**
 * The scalable solver: Lagrangian relaxation of the experts' capacities with
 * column generation, repair to a feasible assignment, and local search. It
 * takes national rounds and ten times that on one machine, and returns a
 * bound proven on the whole (unpruned) round.
 *
 * The folders are the algorithm's steps, each importing only those below it:
 *  - `model/`    — the round compiled into typed arrays, skill classes, price-ordered sets;
 *  - `columns/`  — one county's group subproblem (items, exact solver, heuristic), its
 *                  candidate list, and the pricing of the experts left off it;
 *  - `state/`    — what the phases share (`state.ts`), the clock, and each county's first
 *                  candidates and diagnosis (`prepare.ts`);
 *  - `bound/`    — the Lagrangian dual (`lagrangian.ts`: prices, restricted subproblems,
 *                  pricing passes), the bound a result reports, the counting bound on matches;
 *  - `workers/`  — the dual side on every core: each refresh's and pricing pass's counties shared between this
 *                  thread and worker threads holding replicas of the state (`workers` option; the result is
 *                  the same whatever the number of threads); the first pass begins on the threads while this
 *                  thread prepares the counties;
 *  - `primal/`   — a feasible assignment: `repair.ts` from the dual's choices, then `polish.ts`,
 *                  `local-search.ts`, `pinned.ts`, `make-room.ts`, `shrink.ts`, `priority-takeover.ts`;
 *  - `master/`   — column generation on a restricted master LP (HiGHS) whose capacity duals price
 *                  the pricing passes, then price-and-branch (the master as a MIP); between the
 *                  repair and the final search when `SCHEDULE.master` is on (off by default);
 *  - `schedule/` — the order of the phases: the rush path, the answer before the start, and
 *                  `finish.ts` (groups, reasons, bounds, status, the checked result).
 * A time limit too short for the dual and the repair takes the rush path instead (`rush.ts`):
 * a greedy group per county as it is prepared, then local search.
 *
 * Deterministic: every loop runs in position order, ties are broken by
 * position or by a hash of the seed, and the schedule (iterations, passes,
 * stopping gap) depends on values and sizes only. The wall clock only cuts
 * the schedule short when `timeLimit` runs out (or, on the rush path, when
 * the schedule cannot fit in it); the result then has status `time-limit`
 * and may differ between runs.
 */
import type { SolveResult } from '../../model/result.js';
import type { RoundContext } from '../../rules/context.js';
import { relativeGap } from '../../objective/gap.js';
import { hashInstance } from '../assemble.js';
import type { Assignment } from './primal/assignment.js';
import { currentBound } from './bound/bound.js';
import { Clock, finishCost } from './state/clock.js';
import { finish } from './schedule/finish.js';
import { Lagrangian } from './bound/lagrangian.js';
import { finalSearch, improve } from './primal/polish.js';
import { repair } from './primal/repair.js';
import { Rush } from './schedule/rush.js';
import { prepareCounties } from './state/prepare.js';
import { createState } from './state/state.js';
import { tooLateResult, tooLateToStart } from './schedule/too-late.js';
import { ColumnPool } from './master/columns.js';
import { masterPhase } from './master/phase.js';
import type { ScalableSettings } from './schedule/settings.js';
import { Team } from './workers/team.js';

export type { ScalableSettings } from './schedule/settings.js';

/** The schedule: how far the solver goes when the time limit does not cut it first. */
export const SCHEDULE = {
  /** Subgradient steps at most. */
  iterations: 32,
  /** A pricing pass (bound and columns) every so many steps. */
  pricingEvery: 8,
  /**
   * A repair and local search every so many steps (besides the one after the first pass). Once, at the end: on
   * national seeds 1–3 and province seeds 1–2 (issue #11) the repairs in between cost 17–60% of the time and
   * changed the final gap by under 0.02 points either way.
   */
  repairEvery: 32,
  /** Stop once the relative gap is this small (and every county is matched). */
  targetGap: 1e-3,
  /**
   * The master phase (`master/`: column generation on a restricted master LP, then price-and-branch) after the
   * subgradient steps. Off, as measured (issue #11): on national rounds the subgradient schedule alone fills the
   * 60 s limit; on province-1 each pass's relaxation of pruned experts (its pseudo items, ~1.5 points a county),
   * not the prices, holds the bound up, and HiGHS's MIP stays at its root node for the rest of the time limit.
   */
  master: false as boolean,
  /** Branch-and-bound nodes of the price-and-branch MIP (a count, not seconds: the answer must not depend on speed). */
  mipNodes: 2000,
} as const;

/**
 * Solves a round by decomposition. The result has passed `checkSolution`;
 * `summary.upperBound` bounds the score of any valid result that matches at
 * least as many counties, over every expert of the pool, and
 * `summary.matchableUpperBound` the number of counties any valid result can
 * match.
 *
 * The time limit counts from `settings.startedAt`; the solver's own work
 * stops early enough to leave time for building and checking the result
 * (see `Clock`). A limit too short for the schedule takes the rush path
 * (`rush.ts`); one too short to start gives no group (`too-late.ts`).
 */
export async function solveScalable(ctx: RoundContext, settings: ScalableSettings): Promise<SolveResult> {
  // What the caller spent before us (validation, indexing) predicts what finishing will take.
  const setupSeconds = (Date.now() - (settings.setupFrom ?? settings.startedAt)) / 1000;
  // Hashed first, whatever the time limit: finishing then has one cost less to estimate (1–2 s on national-x10).
  const inputHash = hashInstance(ctx.instance);
  const clock = new Clock(settings.startedAt, ctx.options.timeLimit, settings.onProgress, finishCost(setupSeconds, ctx.experts.length));
  if (tooLateToStart(setupSeconds, clock.deadlineFor(0))) return tooLateResult(ctx, settings, (Date.now() - settings.startedAt) / 1000, inputHash);
  // The dual side's threads start now (loading their code); their replicas build while the counties are prepared.
  const team = Team.start(ctx);
  try {
    return await solveWithTeam(ctx, settings, clock, inputHash, team);
  } finally {
    await team.stop();
  }
}

/** The solve itself, its dual side shared among the team's threads (`workers/`), which it stops once no longer needed. */
async function solveWithTeam(ctx: RoundContext, settings: ScalableSettings, clock: Clock, inputHash: string, team: Team): Promise<SolveResult> {
  const state = createState(ctx, clock);
  team.send(state);
  const rush = new Rush(state);
  const lag = new Lagrangian(state);
  // The first pricing pass begins on the other cores as the counties are prepared here.
  const first = team.beginPass(state, lag);
  prepareCounties(state, (c, done) => {
    rush.observe(c, done);
    first.offer(c);
  });
  const rushed = rush.conclude();
  if (rushed) {
    // A proven bound far tighter than the per-county one: the first pass, at zero prices, ends on the other cores
    // while this one searches (the search changes lists; the pass gives only its bound), else after the search
    // when time is left.
    const inFlight = first.background();
    rush.improve(rushed);
    const bounded = inFlight !== undefined && (await inFlight.take());
    if (!bounded && rush.timeForBoundPass()) await team.pricingPass(state, lag);
    await team.stop();
    return finish(state, lag, rushed, settings, inputHash);
  }

  let best: Assignment | undefined;
  /** The assignment being repaired and improved: finishing may have to build it, if it turns out best. */
  let current: Assignment | undefined;
  let bound = Infinity;
  clock.watchMembers(() => Math.max(best?.members ?? 0, current?.members ?? 0));
  const report = (phase: string): void => clock.report(best?.objective ?? Number.NaN, bound, best?.matched ?? 0, phase);
  const consider = (a: Assignment): void => {
    if (a.betterThan(best)) best = a;
    bound = currentBound(state, lag, best);
    report('local-search');
  };
  const primal = (polishBest: boolean): void => {
    const a = repair(state, lag);
    current = a;
    improve(state, a);
    consider(a);
    // The best assignment so far also gains from the newer prices and lists (the final search does it last).
    if (polishBest && best && best !== a) {
      improve(state, best);
      consider(best);
    }
  };

  // The master phase collects columns from the start; off (`SCHEDULE.master`), nothing is collected.
  const pool = SCHEDULE.master ? new ColumnPool(state) : undefined;
  const gapReached = (): boolean => best !== undefined && best.matched === lag.open().length && relativeGap(best.objective, bound) <= SCHEDULE.targetGap;
  if (await first.complete()) {
    bound = currentBound(state, lag, best);
    pool?.collect(lag);
    primal(true);
  }
  let done = false;
  for (let it = 1; it <= SCHEDULE.iterations && !clock.expired(); it++) {
    // Let the event loop breathe between steps (timers, progress output); nothing depends on it.
    await yieldToEventLoop();
    const { norm } = lag.step(best?.objective ?? -Infinity);
    if (!(await team.refresh(state, lag))) break;
    pool?.collect(lag);
    report(`lagrangian ${it}`);
    const last = it === SCHEDULE.iterations || norm === 0;
    if (it % SCHEDULE.pricingEvery === 0 || last) {
      if (!(await team.pricingPass(state, lag))) break;
      pool?.collect(lag);
      bound = currentBound(state, lag, best);
    }
    if (it % SCHEDULE.repairEvery === 0 || last) primal(!last);
    if (gapReached()) {
      done = true;
      break;
    }
    if (norm === 0) break;
  }
  // The threads' part is over (the master phase works on this thread): their memory goes before the final search.
  await team.stop();
  if (pool && !done && !clock.expired()) {
    await yieldToEventLoop();
    const stats = await masterPhase(state, lag, pool, {
      best: () => best,
      consider,
      afterPass: () => {
        bound = currentBound(state, lag, best);
        report('column generation');
        return gapReached();
      },
    }, SCHEDULE.mipNodes);
    settings.onMasterStats?.(stats);
  }
  best ??= repair(state, lag);
  finalSearch(state, best);
  return finish(state, lag, best, settings, inputHash);
}

/** Resolves on the next turn of the event loop. */
function yieldToEventLoop(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
