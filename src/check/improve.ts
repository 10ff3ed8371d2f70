/**
 * A refutation of a bound by example: one free expert added to one group
 * that keeps every rule and raises the score above the bound the summary
 * claims. The checker cannot prove a bound true without solving, but one
 * better valid result proves it false. The search is greedy and budgeted:
 * finding nothing confirms nothing.
 */
import type { County, Expert } from '../model/schemas.js';
import { groupScore } from '../objective/score.js';
import type { RoundContext } from '../rules/context.js';
import { capacityOf } from '../rules/h2-capacity.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { isLocalElsewhere } from '../rules/h5-local.js';
import { isVetoed } from '../rules/h8-veto.js';
import { isValidGroup } from '../rules/group-validity.js';
import { SCORE_TOLERANCE } from './verify-summary.js';

/** Candidate additions evaluated at most (about a second on a national round). */
export const IMPROVE_BUDGET = 200_000;

/** A valid result better than the one checked, one member away from it. */
export interface Improvement {
  countyId: string;
  /** The free expert added to the county's group. */
  expertId: string;
  /** The result's total score after the addition. */
  total: number;
}

/** A group of the checked result: its county, members and leader. */
export interface HeldGroup {
  county: County;
  members: readonly Expert[];
  leader: Expert;
}

/**
 * The first addition (counties and experts in input order) of a free
 * expert to a group that keeps H2–H8 and raises the result's total score
 * `total` above `above`; undefined when none is found within the budget.
 * `unavailable` experts (withdrawn) are never added.
 * Pins (H9) stay: adding a member never removes one.
 */
export function improvingAddition(ctx: RoundContext, groups: readonly HeldGroup[], total: number, above: number, load: ReadonlyMap<string, number>, unavailable: ReadonlySet<string> = new Set()): Improvement | undefined {
  const free = ctx.experts.filter((e) => capacityOf(ctx, e) - (load.get(e.id) ?? 0) > 0 && !unavailable.has(e.id));
  let budget = IMPROVE_BUDGET;
  for (const g of groups) {
    if (g.members.length >= groupSizeBounds(ctx, g.county).max) continue;
    const before = groupScore(ctx, g.county, g.members, g.leader.id).total;
    const inGroup = new Set(g.members);
    for (const e of free) {
      if (budget-- <= 0) return undefined;
      if (inGroup.has(e) || isLocalElsewhere(e, g.county) || isVetoed(ctx, g.county.id, e.id)) continue;
      const members = [...g.members, e];
      const after = total - before + groupScore(ctx, g.county, members, g.leader.id).total;
      if (after - above <= SCORE_TOLERANCE * Math.max(1, Math.abs(above))) continue;
      if (isValidGroup(ctx, g.county, members, g.leader)) return { countyId: g.county.id, expertId: e.id, total: after };
    }
  }
  return undefined;
}
