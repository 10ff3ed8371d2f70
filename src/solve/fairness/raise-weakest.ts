/**
 * S5 (fairness between counties): takes any solver's checked result and
 * raises its weakest group, then returns it checked again.
 *
 * Each step makes the best move around the weakest county (`bestMove`: an
 * expert joins it from the free pool or from a donor group, alone or in
 * exchange for a member). A step lifts every group it changes above the
 * old weakest score and never unmatches a county, so the
 * scores improve in leximin order (the weakest first) and the pass ends:
 * when the weakest group reaches its proven ceiling (its best score with
 * the whole pool to itself), when no step raises it, or at the time limit.
 * Counties matched and pins are kept as the solver left them.
 */
import type { InputWarning } from '../../model/issues.js';
import type { LinearEngine } from '../../model/linear.js';
import type { SolveResult } from '../../model/result.js';
import type { Status } from '../../model/schemas.js';
import type { Diagnosis } from '../../explain/diagnose.js';
import type { RoundContext } from '../../rules/context.js';
import { assembleResult } from '../assemble.js';
import { jsLpEngine } from '../engines/jslp.js';
import { FairnessState } from './group-state.js';
import { bestMove } from './moves.js';
import { reformAlone } from './reform-alone.js';
import { groupScore } from '../../objective/score.js';
import type { ChosenGroup } from '../assemble.js';
import { WeakestBound } from './weakest-bound.js';

/** Ceilings tightened before the first step at most. */
const FIRST_TIGHTENINGS = 16;

/** Share of the time limit the pass may run to; the rest is kept for checking and assembling the result. */
const DEADLINE_SHARE = 0.95;

/** Settings of the pass. */
export interface RaiseSettings {
  /** `Date.now()` when the solve started; the round's time limit counts from it. */
  startedAt: number;
  warnings?: readonly InputWarning[];
  /** Engine of the one-county models that tighten the bound. Default javascript-lp-solver. */
  engine?: LinearEngine;
}

/** What the pass did, for the summary's status and for tests. */
export interface RaiseOutcome {
  result: SolveResult;
  /** Steps that changed groups. */
  steps: number;
  /** Why the pass ended. */
  ended: 'proven' | 'stuck' | 'time-limit' | 'no-groups';
}

function relativeTolerance(x: number): number {
  return 1e-6 * Math.max(1, Math.abs(x));
}

/** Moves the weakest group up until it reaches its bound, no move lifts it, or time is up. */
async function raise(state: FairnessState, bound: WeakestBound, changed: Set<string>, timeUp: () => boolean): Promise<{ steps: number; ended: RaiseOutcome['ended'] }> {
  let steps = 0;
  for (;;) {
    const weakest = state.weakest()!;
    const low = state.scores.get(weakest.id)!;
    await bound.tighten(weakest);
    if (low >= bound.value() - relativeTolerance(bound.value())) return { steps, ended: 'proven' };
    if (timeUp()) return { steps, ended: 'time-limit' };
    const move = bestMove(state, weakest, { kind: 'raise', floor: low + relativeTolerance(low) });
    if (!move) return { steps, ended: 'stuck' };
    for (const g of move.groups) {
      state.place(g);
      changed.add(g.county.id);
    }
    steps++;
  }
}

/** Seconds one one-county model may take. */
const REFORM_SECONDS = 2;

/** Gains back total on the changed groups: each re-formed alone, then the best gaining move around it, while anything gains. */
async function regain(state: FairnessState, changed: Set<string>, floor: number, engine: LinearEngine, timeUp: () => boolean): Promise<void> {
  const queue = [...changed];
  const queued = new Set(queue);
  while (queue.length > 0 && !timeUp()) {
    const county = state.ctx.countyById.get(queue.shift()!)!;
    queued.delete(county.id);
    const alone = await reformAlone(state, county, engine, REFORM_SECONDS);
    const touched: string[] = [];
    if (alone && groupGain(state, alone) > 0) {
      state.place(alone);
      touched.push(county.id);
    }
    const move = bestMove(state, county, { kind: 'gain', floor });
    if (move) {
      for (const g of move.groups) {
        state.place(g);
        touched.push(g.county.id);
      }
    }
    for (const id of touched) {
      changed.add(id);
      if (!queued.has(id)) {
        queued.add(id);
        queue.push(id);
      }
    }
  }
}

/** How much a new group would raise its county's score. */
function groupGain(state: FairnessState, group: ChosenGroup): number {
  const now = state.scores.get(group.county.id)!;
  return groupScore(state.ctx, group.county, group.members, group.leader.id).total - now - 1e-9 * Math.max(1, Math.abs(now));
}

/** Raises the weakest group of a checked result (see the module comment). */
export async function raiseWeakestGroup(ctx: RoundContext, result: SolveResult, settings: RaiseSettings): Promise<RaiseOutcome> {
  const engine = settings.engine ?? jsLpEngine;
  const deadline = settings.startedAt + ctx.options.timeLimit * 1000 * DEADLINE_SHARE;
  const state = new FairnessState(ctx, result);
  if (state.groups.size === 0) return { result, steps: 0, ended: 'no-groups' };
  const bound = new WeakestBound(ctx, state.groups.size, engine);
  await bound.tightenCritical(FIRST_TIGHTENINGS, deadline);

  const changed = new Set<string>();
  const timeUp = (): boolean => Date.now() >= deadline;
  const { steps, ended } = await raise(state, bound, changed, timeUp);
  // Then the total: the groups the raise changed (and those their gains change) gain back what they can, none below the weakest score reached.
  const weakestNow = state.scores.get(state.weakest()!.id)!;
  await regain(state, changed, weakestNow, engine, timeUp);
  const status = statusAfter(result.status, steps, ended);
  const unmatched = new Map<string, Diagnosis>(result.unmatched.map((u) => [u.countyId, { reasonCode: u.reasonCode, detail: u.detail }]));
  return {
    result: assembleResult({
      ctx,
      groups: [...state.groups.values()],
      unmatched,
      status,
      // The solver's bounds hold for every valid result, so for these groups too.
      upperBound: result.summary.upperBound,
      matchableUpperBound: result.summary.matchableUpperBound,
      weakestGroupBound: bound.value(),
      solver: `${result.summary.solver} + fairness`,
      inputHash: result.summary.inputHash,
      startedAt: settings.startedAt,
      warnings: settings.warnings ?? result.warnings,
    }),
    steps,
    ended,
  };
}

/**
 * Optimal stays optimal only when nothing moved and the weakest group is
 * proven at its best: the total was then the best of all results, so also
 * of those with the best weakest group.
 */
function statusAfter(before: Status, steps: number, ended: RaiseOutcome['ended']): Status {
  if (ended === 'time-limit' || before === 'time-limit') return 'time-limit';
  if (before === 'optimal' && steps === 0 && ended === 'proven') return 'optimal';
  return before === 'infeasible' ? before : 'feasible';
}
