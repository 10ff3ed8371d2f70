/**
 * A county's group explained: each member's role, needs covered and fit
 * terms (the reason of assignments.csv), what the member adds to the group,
 * and the group's score broken down by term (S1 coverage, S1b industries,
 * S2+S3+S7 fit, S2b leader, S4b organization types, S4 organization
 * penalty, S6 size cost) through `groupScore`, the same function the
 * checker uses.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert } from '../model/schemas.js';
import type { Role } from '../model/vocabulary.js';
import { targetSizeOf } from '../objective/group-size.js';
import { needShares } from '../objective/need-coverage.js';
import { organizationExcess } from '../objective/organizations.js';
import { coveredNeedIndices, groupScore, leaderTerm, memberFit, type MemberFit } from '../objective/score.js';
import { needsOf, pinsOf, type RoundContext } from '../rules/context.js';
import { roleOf } from '../rules/roles.js';
import { memberReason } from './reasons.js';

/** One member, explained. */
export interface MemberExplanation {
  expertId: string;
  name: string;
  role: Role;
  level: Expert['level'];
  province: string;
  organization: string;
  /** Fit terms as a member (S2 relevance, S3 normalized affinity, S7 own province, and their sum). */
  fit: MemberFit;
  /** S2b: what leading adds (`leaderTerm`); 0 for a member who does not lead. */
  leaderTerm: number;
  /** The member's whole term, `fit.fit + leaderTerm`: the `fit` column of assignments.csv. */
  term: number;
  /** Keys of the county's needs this member covers. */
  covers: string[];
  /** The plain-language reason, as in assignments.csv. */
  reason: string;
  /** The group's score minus the score of the group without this member (the others unchanged; without the leader, no leader term). */
  contribution: number;
  /** Pinned to this county (H9). */
  pinned: boolean;
}

/** One need of the county and who covers it. */
export interface NeedCoverage {
  key: string;
  weight: number;
  required: boolean;
  /** S1 points it brings when covered by a named skill (its share of `coverage`; 0 in affinity mode). */
  points: number;
  /** How the group covers it: 1 by a named skill, `wildcardFactor` only through a wildcard skill, 0 not at all (always 0 in affinity mode). */
  quality: number;
  /** Members holding a skill that covers it. */
  coveredBy: string[];
}

/** A score split by term. */
export interface ScoreBreakdown {
  /** S1: points for needs covered. */
  coverage: number;
  /** S1b: points for the county's industries present. */
  industry: number;
  /** S2 + S3 + S7: Σ of the members' fit as members. */
  fit: number;
  /** S2b: the leader's term. */
  leader: number;
  /** S4b: points for distinct organization types. */
  orgTypes: number;
  /** S4: penalty for members beyond the per-organization limit (subtracted). */
  organizationPenalty: number;
  /** S6: cost of the distance from the target size (subtracted). */
  sizeCost: number;
  /** The size S6 aims at for this county. */
  targetSize: number;
  total: number;
}

/** A matched county's group, explained. */
export interface GroupExplanation {
  matched: true;
  county: County;
  members: MemberExplanation[];
  score: ScoreBreakdown;
  needs: NeedCoverage[];
  /** Organizations with more members than `maxSameOrganization`. */
  crowdedOrganizations: { organization: string; members: number; excess: number }[];
}

/** The score of a group led by `leaderId`, by term. */
export function scoreBreakdown(ctx: RoundContext, county: County, members: readonly Expert[], leaderId: string | undefined): ScoreBreakdown {
  const s = groupScore(ctx, county, members, leaderId);
  return {
    coverage: s.coverage, industry: s.industry, fit: s.fit, leader: s.leader, orgTypes: s.orgTypes,
    organizationPenalty: s.organizationPenalty, sizeCost: s.sizeCost, targetSize: targetSizeOf(ctx, county), total: s.total,
  };
}

/** Explains a group: members in result order (leader first), the score by term, the needs and who covers them. */
export function explainGroup(ctx: RoundContext, county: County, leader: Expert, members: readonly Expert[]): GroupExplanation {
  const needs = needsOf(ctx, county.id);
  const whole = groupScore(ctx, county, members, leader.id);
  const pinned = new Set(pinsOf(ctx, county.id).map((p) => p.expertId));
  const explained = members.map((e): MemberExplanation => {
    const role = roleOf(ctx, e, county, e === leader);
    const fit = memberFit(ctx, e, county);
    const lead = e === leader ? leaderTerm(ctx, e, county) : 0;
    const covers = coveredNeedIndices(ctx, e, county).map((i) => needKey(needs[i]!));
    const without = groupScore(ctx, county, members.filter((m) => m !== e), leader.id).total;
    return {
      expertId: e.id, name: e.name, role, level: e.level, province: e.province, organization: e.organization,
      fit, leaderTerm: lead, term: fit.fit + lead, covers, reason: memberReason(e, county, role, fit, covers, ctx.options.objective, lead),
      contribution: whole.total - without, pinned: pinned.has(e.id),
    };
  });
  const roleRank: Record<Role, number> = { leader: 0, local: 1, east: 2, member: 3 };
  explained.sort((a, b) => roleRank[a.role] - roleRank[b.role] || (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0));
  const shares = ctx.options.objective === 'default' ? needShares(ctx, county.id) : needs.map(() => 0);
  const needRows = needs.map((n, i): NeedCoverage => ({
    key: needKey(n), weight: n.weight, required: n.required, points: shares[i] ?? 0, quality: whole.qualities[i] ?? 0,
    coveredBy: members.filter((e) => coveredNeedIndices(ctx, e, county).includes(i)).map((e) => e.id).sort(),
  }));
  const byOrg = new Map<string, Expert[]>();
  for (const e of members) if (e.organization) byOrg.set(e.organization, [...(byOrg.get(e.organization) ?? []), e]);
  const limit = ctx.options.maxSameOrganization;
  const crowded = [...byOrg].filter(([, list]) => list.length > limit).map(([organization, list]) => ({ organization, members: list.length, excess: organizationExcess(list, limit) }));
  return { matched: true, county, members: explained, score: scoreBreakdown(ctx, county, members, leader.id), needs: needRows, crowdedOrganizations: crowded };
}
