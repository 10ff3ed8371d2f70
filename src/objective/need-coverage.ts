/**
 * S1 and S1b: breadth of a group's coverage of its county's needs.
 *
 * S1: each need n earns `coverage` · w_n / Σ w (its share of the county's
 * need weight) when a member covers it with a named skill, and
 * `wildcardFactor` of that when only a wildcard-industry skill (`*`) covers
 * it. The shares sum to `coverage` for every county, so listing more needs
 * never makes a county's group worth more (and never wins it a scarce expert).
 * S1b: each of the county's industries earns `industry` / (number of its
 * industries) when some member holds a named skill in it (any stage).
 * A second member on a need earns only its own S2, never these points
 * again: one member per industry and per need comes before depth.
 */
import { coverageKind } from '../model/coverage.js';
import type { County, Expert } from '../model/schemas.js';
import { ANY } from '../model/vocabulary.js';
import { needsOf, skillsOf, type RoundContext } from '../rules/context.js';
import { countyIndustries } from './relevance.js';

/** Points of each need of the county when covered by a named skill (S1), in `needsOf` order. */
export function needShares(ctx: RoundContext, countyId: string): number[] {
  const needs = needsOf(ctx, countyId);
  let total = 0;
  for (const n of needs) total += Math.max(0, n.weight);
  const w = ctx.options.weights.coverage;
  return needs.map((n) => (total > 0 ? (w * Math.max(0, n.weight)) / total : 0));
}

/** Points of each of the county's industries when present (S1b), in `countyIndustries` order. */
export function industryShares(ctx: RoundContext, countyId: string): number[] {
  const industries = countyIndustries(ctx, countyId);
  return industries.map(() => ctx.options.weights.industry / industries.length);
}

/** How a group covers each need: 1 (named skill), `wildcardFactor` (wildcard only) or 0, in `needsOf` order. */
export function needQualities(ctx: RoundContext, county: Pick<County, 'id'>, members: readonly Pick<Expert, 'id'>[]): number[] {
  const needs = needsOf(ctx, county.id);
  const out = needs.map(() => 0);
  for (const e of members) {
    const skills = skillsOf(ctx, e.id);
    needs.forEach((need, i) => {
      if (out[i] === 1) return;
      for (const s of skills) {
        const kind = coverageKind(s, need);
        if (kind === 'named') {
          out[i] = 1;
          return;
        }
        if (kind === 'wildcard') out[i] = Math.max(out[i]!, ctx.options.wildcardFactor);
      }
    });
  }
  return out;
}

/** Indices (in `countyIndustries`) of the county's industries in which some member holds a named skill. */
export function presentIndustries(ctx: RoundContext, county: Pick<County, 'id'>, members: readonly Pick<Expert, 'id'>[]): Set<number> {
  const industries = countyIndustries(ctx, county.id);
  const out = new Set<number>();
  for (const e of members) {
    for (const s of skillsOf(ctx, e.id)) {
      if (s.industry === ANY) continue;
      const i = industries.indexOf(s.industry);
      if (i >= 0) out.add(i);
    }
  }
  return out;
}
