/**
 * Shrink, place, regrow: a move for rounds where the pool runs short of
 * members, not of one kind of expert.
 *
 * The score rewards groups near the target size (10) and every member's
 * fit, so groups grow past their smallest size whenever experts are free;
 * on a thin pool the experts an unmatched county would need are then spread
 * one or two per group over many groups, none of which can spare them one
 * at a time (their alternatives are taken too). Measured on scarce generated
 * rounds (20 counties of 贵州 and 云南, 9 experts per county, `scarcity: 1`):
 * the county's best group took 4 to 6 held experts from as many holders,
 * and one holder always failed to re-form.
 *
 * The move: every matched county re-forms at its smallest valid size, using
 * as few experts of the kinds the unmatched counties must have (leaders,
 * East–West scientists, holders of their required needs) as it can; the
 * unmatched counties are then placed, earliest priority tier first (from
 * free experts, or by the moves that take from others); last every group
 * regrows from what is free (`reoptimize`). The whole move is kept only
 * when the assignment is better in the solvers' order (pinned counties,
 * tiers, score), else everything is put back as it was.
 */
import type { Expert } from '../../../model/schemas.js';
import { ORG_TYPES } from '../../../model/vocabulary.js';
import { priorityTiers } from '../../../rules/priority.js';
import { compareAssignments, type Assignment, type Standing } from './assignment.js';
import { essentialKinds } from './held-candidates.js';
import { chainMatch, placeBest, refreshFree, reoptimize, rescore, steal } from './local-search.js';
import { makeRoom } from './make-room.js';
import type { ScalableState } from '../state/state.js';
import type { GroupChoice } from '../columns/subproblem.js';

/** Open counties up to which the move is tried (it re-solves every matched county twice), and `make-room.ts` with the held candidates. */
export const SHRINK_COUNTIES = 2000;

/** A bound on what any one member or covering term adds to the county's score: every need, industry and leader point and the largest fit. */
function scoreSpread(state: ScalableState, c: number): number {
  const w = state.ctx.options.weights;
  let fit = 0;
  for (const f of state.store.lists[c]!.fit) fit = Math.max(fit, Math.abs(f));
  return w.coverage + w.industry + w.leader + w.orgTypes * ORG_TYPES.length + w.organization + w.size + fit + 1;
}

/** Tries the move (see the module comment) for the unmatched counties of `open`; true when it was kept. */
export function shrinkAndPlace(state: ScalableState, a: Assignment, open: readonly number[]): boolean {
  const { subs, clock, ctx } = state;
  if (open.length > SHRINK_COUNTIES) return false;
  const { tierAt } = priorityTiers(ctx);
  const waiting = open.filter((c) => !a.group[c]).sort((x, y) => tierAt[x]! - tierAt[y]! || x - y);
  if (waiting.length === 0 || clock.expired()) return false;
  const before: Standing = { pinnedMatched: a.pinnedMatched, matched: a.matched, objective: a.objective, tierMatched: a.tierMatched };
  const saved = a.group.slice();
  const kinds: ((e: Expert) => boolean)[] = waiting.flatMap((c) => essentialKinds(state, c));
  const essential = (e: number): boolean => kinds.some((k) => k(ctx.experts[e]!));

  // Smallest groups first (a member costs more than it can bring), then fewest experts the waiting counties must have.
  for (const d of open) {
    if (clock.expired()) break;
    const g = a.group[d];
    if (!g) continue;
    const spread = scoreSpread(state, d);
    const perMember = spread * (state.pool.sizeMax[d]! + 2);
    subs.load(d, null, (e) => a.blockedFor(d, e), true, (x) => a.leadsElsewhere(d, x));
    const items = subs.items;
    for (let i = 0; i < items.n; i++) items.value[i]! -= perMember + (essential(items.expert[i]!) ? spread : 0);
    const small = subs.choice(subs.solve(d, 'search', g.members));
    if (small) a.place(d, rescore(state, d, small));
  }
  for (const c of waiting) {
    if (clock.expired()) break;
    refreshFree(state, a, [c], true);
    if (!placeBest(state, a, c) && !steal(state, a, c, true) && !chainMatch(state, a, c)) makeRoom(state, a, c);
  }
  refreshFree(state, a, open);
  reoptimize(state, a, open);
  if (compareAssignments(a, before) > 0) return true;
  restore(a, saved);
  return false;
}

/** Puts every county's group back as it was (`saved`: a copy of `a.group`). */
export function restore(a: Assignment, saved: readonly (GroupChoice | undefined)[]): void {
  for (let c = 0; c < saved.length; c++) if (a.group[c] !== saved[c]) a.clear(c);
  for (let c = 0; c < saved.length; c++) {
    const g = saved[c];
    if (g && a.group[c] !== g) a.place(c, g);
  }
}
