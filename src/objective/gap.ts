/**
 * The relative gap between a result's score and its proven bound: one
 * formula, shared by the solvers that write `summary.gap` and the checker
 * that verifies it.
 */

/** Below this, a difference between score and bound is floating-point noise of an engine, not a gap. */
export const GAP_NOISE = 1e-9;

/**
 * (bound − objective) / max(|bound|, 1); 1 when the bound is not finite
 * (no proof held), 0 when it is at most `GAP_NOISE`. Scores are
 * points (a group earns tens to hundreds), so below one point the gap is
 * the difference itself: a bound of 1e-9 over a score of 0 is noise, not a
 * gap of 100%.
 * @example relativeGap(90, 100) // 0.1
 * @example relativeGap(0, 1e-9) // 0
 */
export function relativeGap(objective: number, bound: number): number {
  if (!Number.isFinite(bound)) return 1;
  const gap = (bound - objective) / Math.max(Math.abs(bound), 1);
  return gap <= GAP_NOISE ? 0 : gap;
}
