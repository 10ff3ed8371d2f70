/**
 * The last step of a scalable solve: the best assignment turned into
 * groups with leaders, every other county's reason, the proven bounds, the
 * status, and the checked result (`assembleResult` runs `checkSolution`).
 */
import type { Diagnosis } from '../../../explain/diagnose.js';
import type { SolveResult } from '../../../model/result.js';
import type { Expert, Status } from '../../../model/schemas.js';
import { groupScore } from '../../../objective/score.js';
import { scoreStep, writtenBound } from '../../../objective/score-step.js';
import { assembleResult, type ChosenGroup } from '../../assemble.js';
import type { Assignment } from '../primal/assignment.js';
import { currentBound, openCounties, unsearchedCounties } from '../bound/bound.js';
import { competitionReason, matchableBound, resources, tiersProven } from '../bound/competition.js';
import type { Lagrangian } from '../bound/lagrangian.js';
import { label, type ScalableState } from '../state/state.js';
import type { ScalableSettings } from './settings.js';

/** Builds the checked result of a scalable solve (`inputHash`: the input's hash, computed at the start). */
export function finish(state: ScalableState, lag: Lagrangian, best: Assignment, settings: ScalableSettings, inputHash: string): SolveResult {
  const { ctx, clock } = state;
  const open = openCounties(state);
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
    else if (clock.cut) {
      // Cut short, the search may have missed a group (pinned or not): not-solved, which H9 also accepts for pins.
      unmatched.set(county.id, { reasonCode: 'not-solved', detail: `${label(county)}: the time limit ran out before a group that fits beside the others was found` });
    } else if (state.store.hasPins(c)) {
      // H9 excuses missing pins only for a county reported pinned-infeasible.
      unmatched.set(county.id, { reasonCode: 'pinned-infeasible', detail: `${label(county)}: its pinned experts could not be completed into a valid group beside the other counties' groups` });
    } else unmatched.set(county.id, competitionReason(state, c, list));
  });
  let objective = 0;
  for (const g of groups) objective += groupScore(ctx, g.county, g.members, g.leader.id).total;
  const matched = groups.length;
  // Counties outside the search may be matchable: they count on top of the proven bound of the searched ones.
  const matchable = Math.max(matched, matchableBound(open, list) + unsearchedCounties(state).length);
  // The bound as the result will write it (rounded to the score's step: 21.4 proves 21); the status is decided from it.
  const upperBound = writtenBound(currentBound(state, lag, best, matchable), objective, scoreStep(ctx));
  const scoreProven = upperBound === objective;
  // Optimal in the solver's order (pinned counties, counties of each priority tier, score): the bound proves the
  // total and the score; pins hold when every open county with pins has its group (no valid result matches more of
  // them); tiers, when the counting argument bounds each tier left short together with the earlier ones.
  const pinnedAll = open.every((c) => !state.store.hasPins(c) || best.group[c] !== undefined);
  const proven = scoreProven && matched >= matchable && pinnedAll
    && unsearchedCounties(state).length === 0 && tiersProven(state, open, (c) => best.group[c] !== undefined);
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
    inputHash,
  });
}
