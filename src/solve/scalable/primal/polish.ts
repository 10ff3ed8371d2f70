/**
 * The local-search schedules run on a feasible assignment (the moves are in
 * `local-search.ts`): `improve` after each repair, `matchLeftovers` for the
 * counties still without a group, and `finalSearch` on the best assignment
 * before the result is built. Each stops between moves when the deadline
 * passes; the assignment stays feasible throughout.
 */
import type { Assignment } from './assignment.js';
import { openCounties } from '../state/county-states.js';
import { matchableBound, resources } from '../bound/competition.js';
import { chainMatch, refreshFree, reoptimize, steal } from './local-search.js';
import { addHeldCandidates } from './held-candidates.js';
import { makeRoom } from './make-room.js';
import { SHRINK_COUNTIES, shrinkAndPlace } from './shrink.js';
import { keepPinnedCounties } from './pinned.js';
import { keepPriorityCounties } from './priority-takeover.js';
import { priorityTiers } from '../../../rules/priority.js';
import type { ScalableState } from '../state/state.js';

/** How far the local search goes. */
export const POLISH = {
  /** Passes of per-county re-optimization per local search. */
  reoptimizePasses: 2,
  /** Exact steal moves (one re-solve per held candidate) in the final search, up to this many open counties. */
  exactStealCounties: 2000,
} as const;

/** Local search on a repaired assignment: free experts offered, re-optimization passes, steals, then the counties left over. */
export function improve(state: ScalableState, a: Assignment): void {
  const open = openCounties(state);
  refreshFree(state, a, open);
  for (let pass = 0; pass < POLISH.reoptimizePasses; pass++) {
    if (state.clock.expired() || reoptimize(state, a, open) === 0) break;
  }
  // Exchanges guided by the prices: a county takes a held expert if it gains more than the expert's price.
  for (const c of open) {
    if (state.clock.expired()) break;
    if (a.group[c]) steal(state, a, c, false, 'dual');
  }
  matchLeftovers(state, a, open);
}

/**
 * Unmatched counties: offered free experts, re-solved, and finally allowed to take experts from others. Pinned
 * counties first get their own chance (H9), then the others in priority order (`src/rules/priority.ts`): stealing,
 * ejection chains and making room (`make-room.ts`), each with the held experts it must have on its list
 * (`held-candidates.ts`), then all groups shrinking together (`shrink.ts`); these moves only ever add a county, so
 * they are skipped once the counting argument proves that no valid result matches more. Last, a county of an
 * earlier tier may take experts from later-tier counties (`priority-takeover.ts`).
 */
export function matchLeftovers(state: ScalableState, a: Assignment, open: readonly number[]): void {
  const { tierAt } = priorityTiers(state.ctx);
  // Earlier tiers first: what a move takes, a later county can no longer have.
  const unmatched = open.filter((c) => !a.group[c]).sort((x, y) => tierAt[x]! - tierAt[y]! || x - y);
  if (unmatched.length === 0) return;
  refreshFree(state, a, unmatched);
  reoptimize(state, a, unmatched);
  keepPinnedCounties(state, a, unmatched);
  if (a.matched < matchableBound(open, resources(state, open))) {
    for (const c of unmatched) {
      if (state.clock.expired()) break;
      // Pinned counties had their turn above.
      if (a.group[c] || state.store.hasPins(c)) continue;
      // The experts it would have to take may not be on its list at all; scanning the held ones for them costs a pass
      // over every member per county, which rounds beyond SHRINK_COUNTIES do not get.
      const thorough = open.length <= SHRINK_COUNTIES;
      if (thorough) addHeldCandidates(state, a, c);
      if (!steal(state, a, c, true) && !chainMatch(state, a, c) && thorough) makeRoom(state, a, c);
    }
    // A thin pool: the groups give up their extra members together, then the leftovers are placed.
    if (unmatched.some((c) => !a.group[c])) shrinkAndPlace(state, a, open);
  }
  keepPriorityCounties(state, a, open);
}

/** The final search on the best assignment: once more with the last prices, then exact steals where affordable. */
export function finalSearch(state: ScalableState, best: Assignment): void {
  if (state.clock.expired()) return;
  improve(state, best);
  const open = openCounties(state);
  if (open.length > POLISH.exactStealCounties) return;
  for (const c of open) {
    if (state.clock.expired()) return;
    if (best.group[c]) steal(state, best, c, false, 'exact');
  }
  reoptimize(state, best, open);
}
