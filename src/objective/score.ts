/**
 * The soft objective, computed for one county's group. Every solver puts the
 * same terms into its model, the checker recomputes them, and explanations
 * quote them; each term lives in one module, summed here.
 *
 * Default mode, for a matched county c with group G and leader ℓ (README "Objective"):
 *   score(c, G, ℓ) = Σ_n share_n · q_n(G)                                   S1  need coverage (need-coverage.ts)
 *                  + Σ_i industryShare_i · [some member names industry i]    S1b industry breadth (need-coverage.ts)
 *                  + Σ_{e ∈ G} fit(e, c)                                     S2 + S3 + S7 members (below)
 *                  + leader · rel(ℓ, c) − sameProvince(ℓ, c)                 S2b the leader's term (below)
 *                  + orgTypes · |distinct organization types of G|          S4b (organizations.ts)
 *                  − organization · Σ_k max(0, |G ∩ org_k| − maxSameOrganization)   S4 (organizations.ts)
 *                  − size · | |G| − target(c) |                              S6 (group-size.ts)
 *   fit(e, c)      = relevance · rel(e, c) + affinity · â(e, c) + sameProvince(e, c)
 *   q_n(G) = 1 for a named-skill cover, wildcardFactor for a wildcard-only cover, else 0.
 * Affinity mode: score(c, G) = Σ_{e ∈ G} score(c, e), exactly (raw scores, no other term).
 */
import { skillCovers } from '../model/coverage.js';
import type { County, Expert } from '../model/schemas.js';
import { needsOf, skillsOf, type RoundContext } from '../rules/context.js';
import { normalizeAffinity, rawAffinity } from './affinity-scale.js';
import { sizeCost } from './group-size.js';
import { industryShares, needQualities, needShares, presentIndustries } from './need-coverage.js';
import { distinctOrgTypes, organizationExcess } from './organizations.js';
import { relevanceOf } from './relevance.js';
import { sameProvinceBonus } from './same-province.js';

export { relevanceOf } from './relevance.js';

/** The fit of one member, split into its terms (as a member; the leader adds `leaderTerm`). */
export interface MemberFit {
  /** rel(e, c) ∈ [0, 1] (S2); 0 in affinity mode. */
  relevance: number;
  /** The pair's affinity: â(e, c) ∈ [0, 1] in default mode (S3), the raw score in affinity mode; 0 when no row. */
  affinity: number;
  /** S7 points (0 or `sameProvince`) as a non-leader member; 0 in affinity mode. */
  sameProvince: number;
  /** The member's own objective term. */
  fit: number;
}

/** fit(e, c): the term of the expert as a non-leader member of the county's group. */
export function memberFit(ctx: RoundContext, expert: Expert, county: Pick<County, 'id' | 'province'>): MemberFit {
  const raw = rawAffinity(ctx, county.id, expert.id);
  if (ctx.options.objective === 'affinity') return { relevance: 0, affinity: raw, sameProvince: 0, fit: raw };
  const relevance = relevanceOf(ctx, expert, county);
  const affinity = normalizeAffinity(ctx, raw);
  const sameProvince = sameProvinceBonus(ctx, expert, county);
  const w = ctx.options.weights;
  return { relevance, affinity, sameProvince, fit: w.relevance * relevance + w.affinity * affinity + sameProvince };
}

/** S2b: what leading the group adds to the expert's member term: leader · rel(e, c), less S7 (a leader earns no same-province points). 0 in affinity mode. */
export function leaderTerm(ctx: RoundContext, expert: Expert, county: Pick<County, 'id' | 'province'>): number {
  if (ctx.options.objective === 'affinity') return 0;
  return ctx.options.weights.leader * relevanceOf(ctx, expert, county) - sameProvinceBonus(ctx, expert, county);
}

/** The member's whole own term: fit, plus `leaderTerm` for the leader (the `fit` column of assignments.csv). */
export function memberTerm(ctx: RoundContext, expert: Expert, county: Pick<County, 'id' | 'province'>, isLeader: boolean): number {
  return memberFit(ctx, expert, county).fit + (isLeader ? leaderTerm(ctx, expert, county) : 0);
}

/** Indices (in `needsOf(ctx, c)`) of the county's needs that the expert covers in the sense of H7 (named or wildcard). */
export function coveredNeedIndices(ctx: RoundContext, expert: Expert, county: Pick<County, 'id'>): number[] {
  const skills = skillsOf(ctx, expert.id);
  const out: number[] = [];
  needsOf(ctx, county.id).forEach((need, i) => {
    if (skills.some((s) => skillCovers(s, need))) out.push(i);
  });
  return out;
}

/** A group's score split by term (all 0 but `fit` and `total` in affinity mode). */
export interface GroupScore {
  /** S1 points. */
  coverage: number;
  /** S1b points. */
  industry: number;
  /** Σ fit of the members as members (S2 + S3 + S7). */
  fit: number;
  /** S2b: the leader's term (`leaderTerm`), 0 without a leader. */
  leader: number;
  /** S4b points. */
  orgTypes: number;
  /** S4 penalty (≥ 0, subtracted). */
  organizationPenalty: number;
  /** S6 cost (≥ 0, subtracted). */
  sizeCost: number;
  total: number;
  /** Indices of the needs covered (H7 sense: named or wildcard). */
  covered: ReadonlySet<number>;
  /** Per need (in `needsOf` order): 1 named cover, `wildcardFactor` wildcard only, 0 uncovered. */
  qualities: readonly number[];
}

/** The score of one county's group, led by `leaderId` (undefined: no leader term). */
export function groupScore(ctx: RoundContext, county: Pick<County, 'id' | 'province' | 'groupMin' | 'groupMax'>, members: readonly Expert[], leaderId: string | undefined): GroupScore {
  const covered = new Set<number>();
  let fit = 0;
  for (const e of members) {
    fit += memberFit(ctx, e, county).fit;
    for (const i of coveredNeedIndices(ctx, e, county)) covered.add(i);
  }
  if (ctx.options.objective === 'affinity') {
    return { coverage: 0, industry: 0, fit, leader: 0, orgTypes: 0, organizationPenalty: 0, sizeCost: 0, total: fit, covered, qualities: [] };
  }
  const w = ctx.options.weights;
  const qualities = needQualities(ctx, county, members);
  const shares = needShares(ctx, county.id);
  let coverage = 0;
  qualities.forEach((q, i) => (coverage += q * (shares[i] ?? 0)));
  const iShares = industryShares(ctx, county.id);
  let industry = 0;
  for (const i of presentIndustries(ctx, county, members)) industry += iShares[i] ?? 0;
  const leaderExpert = leaderId === undefined ? undefined : members.find((e) => e.id === leaderId);
  const leader = leaderExpert ? leaderTerm(ctx, leaderExpert, county) : 0;
  const orgTypes = w.orgTypes * distinctOrgTypes(members);
  const organizationPenalty = w.organization * organizationExcess(members, ctx.options.maxSameOrganization);
  const size = sizeCost(ctx, county, members.length);
  const total = coverage + industry + fit + leader + orgTypes - organizationPenalty - size;
  return { coverage, industry, fit, leader, orgTypes, organizationPenalty, sizeCost: size, total, covered, qualities };
}
