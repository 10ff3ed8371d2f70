/**
 * A county's group explained: each member's role, needs covered and fit
 * terms (the reason of assignments.csv), what the member adds to the group,
 * and the group's score broken down by term (S1 coverage, S2+S3 fit, S4
 * organization penalty) through `groupScore`, the same function the
 * checker uses.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert } from '../model/schemas.js';
import type { Role } from '../model/vocabulary.js';
import { coveredNeedIndices, groupScore, memberFit, organizationExcess, type MemberFit } from '../objective/score.js';
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
  /** Fit terms (S2 relevance, S3 affinity, and the member's objective term). */
  fit: MemberFit;
  /** Keys of the county's needs this member covers. */
  covers: string[];
  /** The plain-language reason, as in assignments.csv. */
  reason: string;
  /** The group's score minus the score of the group without this member (the others unchanged). */
  contribution: number;
  /** Pinned to this county (H9). */
  pinned: boolean;
}

/** One need of the county and who covers it. */
export interface NeedCoverage {
  key: string;
  weight: number;
  required: boolean;
  /** S1 points it brings when covered (coverage weight × need weight; 0 in affinity mode). */
  points: number;
  /** Members holding a skill that covers it. */
  coveredBy: string[];
}

/** A score split by term. */
export interface ScoreBreakdown {
  /** S1: points for needs covered. */
  coverage: number;
  /** S2 + S3: Σ of the members' fit. */
  fit: number;
  /** S4: penalty for members beyond the per-organization limit (subtracted). */
  organizationPenalty: number;
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

/** The score of a group, by term. */
export function scoreBreakdown(ctx: RoundContext, county: Pick<County, 'id'>, members: readonly Expert[]): ScoreBreakdown {
  const s = groupScore(ctx, county, members);
  return { coverage: s.coverage, fit: s.fit, organizationPenalty: s.organizationPenalty, total: s.total };
}

/** Explains a group: members in result order (leader first), the score by term, the needs and who covers them. */
export function explainGroup(ctx: RoundContext, county: County, leader: Expert, members: readonly Expert[]): GroupExplanation {
  const needs = needsOf(ctx, county.id);
  const total = groupScore(ctx, county, members).total;
  const pinned = new Set(pinsOf(ctx, county.id).map((p) => p.expertId));
  const explained = members.map((e): MemberExplanation => {
    const role = roleOf(ctx, e, county, e === leader);
    const fit = memberFit(ctx, e, county);
    const covers = coveredNeedIndices(ctx, e, county).map((i) => needKey(needs[i]!));
    const without = groupScore(ctx, county, members.filter((m) => m !== e)).total;
    return {
      expertId: e.id, name: e.name, role, level: e.level, province: e.province, organization: e.organization,
      fit, covers, reason: memberReason(e, county, role, fit, covers, ctx.options.objective), contribution: total - without, pinned: pinned.has(e.id),
    };
  });
  const roleRank: Record<Role, number> = { leader: 0, local: 1, east: 2, member: 3 };
  explained.sort((a, b) => roleRank[a.role] - roleRank[b.role] || (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0));
  const coverageWeight = ctx.options.objective === 'default' ? ctx.options.weights.coverage : 0;
  const needRows = needs.map((n, i): NeedCoverage => ({
    key: needKey(n), weight: n.weight, required: n.required, points: coverageWeight * n.weight,
    coveredBy: members.filter((e) => coveredNeedIndices(ctx, e, county).includes(i)).map((e) => e.id).sort(),
  }));
  const byOrg = new Map<string, Expert[]>();
  for (const e of members) if (e.organization) byOrg.set(e.organization, [...(byOrg.get(e.organization) ?? []), e]);
  const limit = ctx.options.maxSameOrganization;
  const crowded = [...byOrg].filter(([, list]) => list.length > limit).map(([organization, list]) => ({ organization, members: list.length, excess: organizationExcess(list, limit) }));
  return { matched: true, county, members: explained, score: scoreBreakdown(ctx, county, members), needs: needRows, crowdedOrganizations: crowded };
}
