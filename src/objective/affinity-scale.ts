/**
 * S3 on a declared scale: an affinity score normalized into [0, 1] from the
 * round's range (`RoundContext.affinityRange`: the `affinityScale` option,
 * else [min(0, lowest score), highest score] of affinity.csv), so that a
 * 0–100 survey and a 1–5 rating weigh the same against skill. A pair without
 * a row has score 0 (no stated preference). `objective: 'affinity'` never
 * reads this: it sums the raw scores.
 */
import { affinityOf, type RoundContext } from '../rules/context.js';

/** A raw score mapped into [0, 1] by the round's range (clamped; 0 when the range is empty). */
export function normalizeAffinity(ctx: RoundContext, score: number): number {
  const { min, max } = ctx.affinityRange;
  if (!(max > min)) return 0;
  const v = (score - min) / (max - min);
  return v <= 0 ? 0 : v >= 1 ? 1 : v;
}

/** The pair's raw affinity score (0 without a row). */
export function rawAffinity(ctx: RoundContext, countyId: string, expertId: string): number {
  return affinityOf(ctx, countyId, expertId)?.score ?? 0;
}

/** The pair's normalized affinity â(e, c) ∈ [0, 1]. */
export function normalizedAffinity(ctx: RoundContext, countyId: string, expertId: string): number {
  return normalizeAffinity(ctx, rawAffinity(ctx, countyId, expertId));
}
