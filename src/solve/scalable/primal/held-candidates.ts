/**
 * The held experts an unmatched county would need, put on its candidate
 * list so that the moves that take experts from other groups (`steal`,
 * `chainMatch`, `priority-takeover.ts`) can consider them.
 *
 * A county's list holds the experts worth having at the Lagrangian prices
 * and, after `refreshFree`, the best free ones. When the scarce kinds are all
 * held (every leader candidate serves another group, often as a plain member
 * beside that group's own leader), none of them may be on the list, and no
 * move can find that a holder could spare one. Measured on scarce generated
 * rounds (20 counties of 贵州 and 云南, `scarcity: 1`): counties left
 * unmatched with every one of 30 eligible leaders held, while the exact
 * optimum matched them with a national expert that a holder used as a
 * member.
 *
 * Only the kinds every group must have are added: those who may lead it
 * (H4), scientists of its East–West partners (H6), holders of its required
 * needs (H7); members pinned to their holder never move and are left out.
 */
import type { Expert } from '../../../model/schemas.js';
import { needsOf } from '../../../rules/context.js';
import { canLead } from '../../../rules/h4-leader.js';
import { isEastFor, partnersOf } from '../../../rules/h6-east-west.js';
import { expertCovers } from '../../../rules/h7-required-needs.js';
import { isPinned, type Assignment } from './assignment.js';
import type { ScalableState } from '../state/state.js';

/** Held experts added per county at most, per kind (the lists' size drives every subproblem's time). */
export const HELD_PER_KIND = 12;

/** The kinds of expert every group of the county must have: may lead it (H4), from its East–West partners (H6), a holder of each required need (H7). */
export function essentialKinds(state: ScalableState, c: number): ((e: Expert) => boolean)[] {
  const { ctx } = state;
  const county = ctx.counties[c]!;
  const kinds: ((e: Expert) => boolean)[] = [(e) => canLead(ctx, e, county)];
  if (partnersOf(ctx, county).length > 0 && ctx.options.eastMin > 0) kinds.push((e) => isEastFor(ctx, e, county));
  for (const n of needsOf(ctx, county.id)) if (n.required) kinds.push((e) => expertCovers(ctx, e, n));
  return kinds;
}

/**
 * Adds to the county's list the held experts of the kinds it must have
 * (see the module comment), up to `HELD_PER_KIND` per kind, those whose
 * holder has another expert of the kind first (a holder that can spare
 * one). Returns how many were added.
 */
export function addHeldCandidates(state: ScalableState, a: Assignment, c: number): number {
  const { ctx, store } = state;
  const kinds = essentialKinds(state, c);
  let added = 0;
  for (const kind of kinds) {
    const spare: number[] = [];
    const only: number[] = [];
    for (const [e, holders] of a.holders) {
      if (store.has(c, e) || holders.includes(c)) continue;
      const expert = ctx.experts[e]!;
      if (!kind(expert)) continue;
      const d = holders.find((h) => !isPinned(state, h, e));
      if (d === undefined) continue;
      // A holder with a second expert of the kind can give this one up and keep its group.
      const others = a.group[d]!.members.filter((m) => m !== e && kind(ctx.experts[m]!)).length;
      (others > 0 ? spare : only).push(e);
    }
    for (const e of [...spare.sort((x, y) => x - y), ...only.sort((x, y) => x - y)].slice(0, HELD_PER_KIND)) if (store.add(c, e)) added++;
  }
  return added;
}
