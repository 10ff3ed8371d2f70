/**
 * Prices from the master: the duals of its capacity rows become the
 * pricer's prices, so that the restricted subproblems, the pricing passes
 * and the primal search all see them. Any prices λ ≥ 0 give a valid bound
 * L(λ), so this changes which bounds are computed, never whether they hold.
 */
import type { ScalableState } from '../state/state.js';

/** Sets the pricer's prices to `prices` (one per expert, ≥ 0) and re-sorts what changed, as `Lagrangian.step` does. Returns how many changed. */
export function applyPrices(state: ScalableState, prices: Float64Array): number {
  const { pricer } = state;
  const price = pricer.price;
  const changed: number[] = [];
  for (let e = 0; e < price.length; e++) {
    const next = prices[e]!;
    if (next !== price[e]) {
      price[e] = next;
      changed.push(e);
    }
  }
  pricer.resort(changed);
  return changed.length;
}
