/**
 * The relative gap between a result's score and its proven bound: one
 * formula, shared by the solvers that write `summary.gap` and the checker
 * that verifies it.
 */

/** Below this, a difference between score and bound is floating-point noise of an engine, not a gap. */
export const GAP_NOISE = 1e-9;

/**
 * (bound − objective) / max(|bound|, 1e-9); 1 when the bound is not finite
 * (no proof held), 0 when the difference is below `GAP_NOISE`.
 * @example relativeGap(90, 100) // 0.1
 */
export function relativeGap(objective: number, bound: number): number {
  if (!Number.isFinite(bound)) return 1;
  const gap = (bound - objective) / Math.max(Math.abs(bound), 1e-9);
  return gap < GAP_NOISE ? 0 : gap;
}
