/**
 * S6 每组10名左右: a cost of `size` points per member above or below the
 * target size, so that a group grows past ten only for a real gain (a need
 * or an industry no one else covers, a strong preference) and is filled to
 * ten when experts are there. The target is `targetSize` (default 10),
 * clamped into the county's own [groupMin, groupMax] (H3 stays the hard limit).
 */
import type { County } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';

/** The county's target size: `targetSize` clamped into its H3 bounds. */
export function targetSizeOf(ctx: RoundContext, county: Pick<County, 'groupMin' | 'groupMax'>): number {
  const { min, max } = groupSizeBounds(ctx, county);
  return Math.min(max, Math.max(min, ctx.options.targetSize));
}

/** The size cost (≥ 0, subtracted) of a group of `size` members. */
export function sizeCost(ctx: RoundContext, county: Pick<County, 'groupMin' | 'groupMax'>, size: number): number {
  return ctx.options.weights.size * Math.abs(size - targetSizeOf(ctx, county));
}

/** The smallest, mean and largest of some group sizes (summary.json `groupSizes`). */
export interface GroupSizes {
  min: number;
  mean: number;
  max: number;
}

/** The sizes' min, mean and max; null when there are none. */
export function groupSizeSummary(sizes: Iterable<number>): GroupSizes | null {
  let n = 0;
  let total = 0;
  let min = Infinity;
  let max = -Infinity;
  for (const s of sizes) {
    n++;
    total += s;
    if (s < min) min = s;
    if (s > max) max = s;
  }
  return n === 0 ? null : { min, mean: total / n, max };
}
