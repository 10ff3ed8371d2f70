/**
 * S2 and S2b: how well an expert's skills answer a county's needs, and
 * whether a leader holds a skill in one of the county's industries (the
 * hard form of S2b, option `leaderSkill: 'required'`, H4).
 *
 * rel(e, c) is the best match of any of the expert's skills to any of the
 * county's needs (`skillMatch`: proficiency / 3 × match quality), in
 * [0, 1]. It is a maximum, not an average weighted by need: an average
 * makes every member look best on the county's heaviest need, and groups
 * piled onto it; breadth is rewarded by S1 instead.
 */
import { skillMatch } from '../model/coverage.js';
import type { County, Expert } from '../model/schemas.js';
import { ANY } from '../model/vocabulary.js';
import { needsOf, skillsOf, type RoundContext } from '../rules/context.js';

/** rel(e, c) ∈ [0, 1]: the best match of one of the expert's skills to one of the county's needs. */
export function relevanceOf(ctx: RoundContext, expert: Pick<Expert, 'id'>, county: Pick<County, 'id'>): number {
  const needs = needsOf(ctx, county.id);
  const skills = skillsOf(ctx, expert.id);
  let best = 0;
  for (const need of needs) for (const s of skills) best = Math.max(best, skillMatch(s, need));
  return best;
}

/** The county's industries (主导产业): the distinct industries of its needs, in first-listed order. */
export function countyIndustries(ctx: RoundContext, countyId: string): readonly string[] {
  const out: string[] = [];
  for (const n of needsOf(ctx, countyId)) if (n.industry !== ANY && !out.includes(n.industry)) out.push(n.industry);
  return out;
}

/** True when the expert holds a skill naming one of the county's industries (any stage; a wildcard industry does not count). */
export function holdsCountyIndustry(ctx: RoundContext, expert: Pick<Expert, 'id'>, county: Pick<County, 'id'>): boolean {
  const industries = countyIndustries(ctx, county.id);
  return skillsOf(ctx, expert.id).some((s) => s.industry !== ANY && industries.includes(s.industry));
}
