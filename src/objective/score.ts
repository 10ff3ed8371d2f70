/**
 * The soft objective (S1–S4), computed for a group. Solvers put the same
 * terms into their models (see `add-objective.ts`); this is the reference
 * they are checked against, and what explanations quote.
 *
 * Default mode, for a matched county c with group G:
 *   score(c, G) = coverage · Σ_{n ∈ needs(c)} weight_n · [some member covers n]      (S1)
 *              + Σ_{e ∈ G} fit(e, c)                                                  (S2 + S3)
 *              − organization · Σ_k max(0, |G ∩ org_k| − maxSameOrganization)         (S4)
 *   fit(e, c)  = relevance · rel(e, c) + affinity · score(c, e)
 *   rel(e, c)  = Σ_n weight_n · max_{s ∈ skills(e)} match(s, n) / Σ_n weight_n  ∈ [0, 1]
 * Affinity mode: score(c, G) = Σ_{e ∈ G} score(c, e), exactly.
 */
import { skillCovers, skillMatch } from '../model/coverage.js';
import type { County, Expert } from '../model/schemas.js';
import { affinityOf, needsOf, skillsOf, type RoundContext } from '../rules/context.js';

/** The fit of one member, split into its terms. */
export interface MemberFit {
  /** rel(e, c) ∈ [0, 1] (S2). */
  relevance: number;
  /** The supplied affinity score of the pair (S3), 0 when none. */
  affinity: number;
  /** The member's own objective term. */
  fit: number;
}

/** How well an expert's skills answer a county's needs, in [0, 1] (S2). */
export function relevanceOf(ctx: RoundContext, expert: Expert, county: Pick<County, 'id'>): number {
  const needs = needsOf(ctx, county.id);
  const skills = skillsOf(ctx, expert.id);
  if (needs.length === 0 || skills.length === 0) return 0;
  let total = 0;
  let weighted = 0;
  for (const need of needs) {
    total += need.weight;
    let best = 0;
    for (const s of skills) best = Math.max(best, skillMatch(s, need));
    weighted += need.weight * best;
  }
  return total > 0 ? weighted / total : 0;
}

/** fit(e, c): the member's own term of the objective. */
export function memberFit(ctx: RoundContext, expert: Expert, county: Pick<County, 'id'>): MemberFit {
  const affinity = affinityOf(ctx, county.id, expert.id)?.score ?? 0;
  if (ctx.options.objective === 'affinity') return { relevance: 0, affinity, fit: affinity };
  const relevance = relevanceOf(ctx, expert, county);
  const w = ctx.options.weights;
  return { relevance, affinity, fit: w.relevance * relevance + w.affinity * affinity };
}

/** Indices (in `needsOf(ctx, c)`) of the county's needs that the expert covers. */
export function coveredNeedIndices(ctx: RoundContext, expert: Expert, county: Pick<County, 'id'>): number[] {
  const skills = skillsOf(ctx, expert.id);
  const out: number[] = [];
  needsOf(ctx, county.id).forEach((need, i) => {
    if (skills.some((s) => skillCovers(s, need))) out.push(i);
  });
  return out;
}

/** A group's score split by term. */
export interface GroupScore {
  /** S1 points. */
  coverage: number;
  /** Σ fit (S2 + S3). */
  fit: number;
  /** S4 penalty (≥ 0, subtracted). */
  organizationPenalty: number;
  total: number;
  /** Indices of the needs covered. */
  covered: ReadonlySet<number>;
}

/** Members beyond the limit from each organization, summed (S4). Empty organization names do not count as one organization. */
export function organizationExcess(members: readonly Expert[], limit: number): number {
  const counts = new Map<string, number>();
  for (const e of members) if (e.organization) counts.set(e.organization, (counts.get(e.organization) ?? 0) + 1);
  let excess = 0;
  for (const n of counts.values()) excess += Math.max(0, n - limit);
  return excess;
}

/** The score of one county's group. */
export function groupScore(ctx: RoundContext, county: Pick<County, 'id'>, members: readonly Expert[]): GroupScore {
  const covered = new Set<number>();
  let fit = 0;
  for (const e of members) {
    fit += memberFit(ctx, e, county).fit;
    for (const i of coveredNeedIndices(ctx, e, county)) covered.add(i);
  }
  if (ctx.options.objective === 'affinity') return { coverage: 0, fit, organizationPenalty: 0, total: fit, covered };
  const needs = needsOf(ctx, county.id);
  let coverage = 0;
  for (const i of covered) coverage += ctx.options.weights.coverage * (needs[i]?.weight ?? 0);
  const organizationPenalty = ctx.options.weights.organization * organizationExcess(members, ctx.options.maxSameOrganization);
  return { coverage, fit, organizationPenalty, total: coverage + fit - organizationPenalty, covered };
}
