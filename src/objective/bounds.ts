/**
 * Bounds that hold for any valid result, whatever the solver: used to size
 * the lexicographic match reward and as a fallback proof when an engine
 * stops without one.
 */
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { ORG_TYPES } from '../model/vocabulary.js';
import { normalizeAffinity } from './affinity-scale.js';
import { targetSizeOf } from './group-size.js';
import { industryShares, needShares } from './need-coverage.js';
import { leaderTerm, memberFit } from './score.js';

/** Highest and lowest soft score a group of this county could have, ignoring every other county. */
export function countyScoreRange(ctx: RoundContext, county: County, candidates: readonly Expert[]): { max: number; min: number } {
  const { min: smallest, max: size } = groupSizeBounds(ctx, county);
  const fits = candidates.map((e) => memberFit(ctx, e, county).fit).sort((a, b) => b - a);
  let best = 0;
  let worst = 0;
  for (let i = 0; i < Math.min(size, fits.length); i++) {
    best += Math.max(0, fits[i]!);
    worst += Math.min(0, fits[fits.length - 1 - i]!);
  }
  if (ctx.options.objective === 'default') {
    const w = ctx.options.weights;
    best += fixedCeiling(ctx, county, size);
    let leaderBest = 0;
    for (const e of candidates) leaderBest = Math.max(leaderBest, leaderTerm(ctx, e, county));
    best += leaderBest;
    const target = targetSizeOf(ctx, county);
    worst -= w.organization * size + w.sameProvince + w.size * Math.max(target - smallest, size - target);
  }
  return { max: best, min: worst };
}

/** Ceiling of the terms that do not depend on which experts are chosen: S1, S1b and S4b at their best. */
function fixedCeiling(ctx: RoundContext, county: County, size: number): number {
  const w = ctx.options.weights;
  const coverage = needShares(ctx, county.id).reduce((s, x) => s + x, 0);
  const industry = industryShares(ctx, county.id).reduce((s, x) => s + x, 0);
  return coverage + industry + w.orgTypes * Math.min(ORG_TYPES.length, size);
}

/** A reward per matched county larger than any change of the soft score, so that matching comes first (lexicographic). */
export function lexicographicMatchReward(ranges: Iterable<{ max: number; min: number }>): number {
  let spread = 0;
  for (const r of ranges) spread += r.max - r.min;
  return Math.ceil(spread) + 1;
}

/**
 * A ceiling on the county's group score without scanning the pool, in
 * O(needs + affinities): every need and industry covered, `groupMax`
 * members each with relevance 1, the same-province points and the best
 * affinity scores the county gave (a pair without a row at score 0), the
 * best leader and every organization type; the S4 and S6 costs only lower a
 * score.
 */
export function quickScoreCeiling(ctx: RoundContext, county: County): number {
  const { max: size } = groupSizeBounds(ctx, county);
  // A vetoed pair never serves (H8), so its score cannot count.
  const rated = [...(ctx.affinityByCounty.get(county.id)?.values() ?? [])].filter((a) => !a.veto).map((a) => a.score).sort((a, b) => b - a);
  if (ctx.options.objective === 'affinity') {
    let affinity = 0;
    for (let i = 0; i < Math.min(size, rated.length); i++) affinity += Math.max(0, rated[i]!);
    return affinity;
  }
  const w = ctx.options.weights;
  const unrated = normalizeAffinity(ctx, 0);
  let affinity = 0;
  for (let i = 0; i < size; i++) affinity += Math.max(unrated, i < rated.length ? normalizeAffinity(ctx, rated[i]!) : 0);
  return fixedCeiling(ctx, county, size) + size * (w.relevance + w.sameProvince) + w.affinity * affinity + w.leader;
}

/**
 * A bound on the soft score of any valid result of the whole round, in
 * O(counties + needs + affinities): the sum of every county's
 * `quickScoreCeiling`. The proof of last resort, so that a summary's bound
 * is always finite.
 */
export function roundScoreCeiling(ctx: RoundContext): number {
  let total = 0;
  for (const c of ctx.counties) total += quickScoreCeiling(ctx, c);
  return total;
}
