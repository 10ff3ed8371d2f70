/**
 * Whether one group, on its own, keeps the rules that concern a single
 * group (H3–H8), by the rules' own checks, and who leads it (H4, with the
 * roles of H9 pins): what a local move asks before it changes a group. H1,
 * H2 and H9's presence concern the whole result and are the caller's to
 * keep (a move never puts an expert in a group twice, never exceeds a
 * capacity, never moves a pinned member).
 */
import type { County, Expert } from '../model/schemas.js';
import { pinsOf, type RoundContext } from './context.js';
import { canLead } from './h4-leader.js';
import { h3GroupSize } from './h3-group-size.js';
import { h4Leader } from './h4-leader.js';
import { h5Local } from './h5-local.js';
import { h6EastWest } from './h6-east-west.js';
import { h7RequiredNeeds } from './h7-required-needs.js';
import { h8Veto } from './h8-veto.js';
import { roleOf } from './roles.js';
import type { Rule, SolutionView } from './types.js';

/** The rules checked group by group. */
export const GROUP_RULES: readonly Rule[] = [h3GroupSize, h4Leader, h5Local, h6EastWest, h7RequiredNeeds, h8Veto];

/**
 * The group's leader: its pinned leader (H9) if it has one; else `current`
 * while it stays and may lead; else the first member (in the given order)
 * that may lead. A member pinned in another role never leads, nor one that
 * `allowed` (the caller's whole-result rules, e.g. H4c) refuses.
 */
export function leaderAmong(ctx: RoundContext, county: County, members: readonly Expert[], current?: Expert, allowed: (e: Expert) => boolean = () => true): Expert | undefined {
  const pins = pinsOf(ctx, county.id);
  const pinnedLeader = pins.find((p) => p.role === 'leader');
  if (pinnedLeader) return members.find((e) => e.id === pinnedLeader.expertId && canLead(ctx, e, county) && allowed(e));
  const barred = new Set(pins.filter((p) => p.role !== undefined).map((p) => p.expertId));
  const may = (e: Expert): boolean => !barred.has(e.id) && canLead(ctx, e, county) && allowed(e);
  if (current && members.includes(current) && may(current)) return current;
  return members.find(may);
}

/** True when the group keeps H3–H8 with this leader. */
export function isValidGroup(ctx: RoundContext, county: County, members: readonly Expert[], leader: Expert): boolean {
  const view: SolutionView = {
    groups: new Map([[county.id, members.map((expert) => ({ expert, role: roleOf(ctx, expert, county, expert === leader) }))]]),
    unmatched: new Map(),
    rows: members.map((e) => ({ countyId: county.id, expertId: e.id })),
  };
  return GROUP_RULES.every((rule) => rule.check(ctx, view).length === 0);
}
