/**
 * Bounds that hold for any valid result, whatever the solver: used to size
 * the lexicographic match reward and as a fallback proof when an engine
 * stops without one.
 */
import type { County, Expert } from '../model/schemas.js';
import { needsOf, type RoundContext } from '../rules/context.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { memberFit } from './score.js';

/** Highest and lowest soft score a group of this county could have, ignoring every other county. */
export function countyScoreRange(ctx: RoundContext, county: County, candidates: readonly Expert[]): { max: number; min: number } {
  const { max: size } = groupSizeBounds(ctx, county);
  const fits = candidates.map((e) => memberFit(ctx, e, county).fit).sort((a, b) => b - a);
  let best = 0;
  let worst = 0;
  for (let i = 0; i < Math.min(size, fits.length); i++) {
    best += Math.max(0, fits[i]!);
    worst += Math.min(0, fits[fits.length - 1 - i]!);
  }
  if (ctx.options.objective === 'default') {
    best += ctx.options.weights.coverage * needsOf(ctx, county.id).reduce((s, n) => s + n.weight, 0);
    worst -= ctx.options.weights.organization * size;
  }
  return { max: best, min: worst };
}

/** A reward per matched county larger than any change of the soft score, so that matching comes first (lexicographic). */
export function lexicographicMatchReward(ranges: Iterable<{ max: number; min: number }>): number {
  let spread = 0;
  for (const r of ranges) spread += r.max - r.min;
  return Math.ceil(spread) + 1;
}

/**
 * A ceiling on the county's group score without scanning the pool, in
 * O(needs + affinities): every need covered, and `groupMax` members each
 * with relevance 1 and the best affinity scores the county gave (0 for
 * experts it did not rate); the organization penalty only lowers a score.
 */
export function quickScoreCeiling(ctx: RoundContext, county: County): number {
  const { max: size } = groupSizeBounds(ctx, county);
  // A vetoed pair never serves (H8), so its score cannot count.
  const rated = [...(ctx.affinityByCounty.get(county.id)?.values() ?? [])].filter((a) => !a.veto).map((a) => a.score).sort((a, b) => b - a);
  let affinity = 0;
  for (let i = 0; i < Math.min(size, rated.length); i++) affinity += Math.max(0, rated[i]!);
  if (ctx.options.objective === 'affinity') return affinity;
  const w = ctx.options.weights;
  const coverage = w.coverage * needsOf(ctx, county.id).reduce((s, n) => s + Math.max(0, n.weight), 0);
  return coverage + size * w.relevance + w.affinity * affinity;
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
