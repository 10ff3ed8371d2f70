/**
 * The soft-score bound the scalable solver reports, and which form of it
 * applies to the result at hand.
 *
 * Every complete pricing pass gives, at its prices λ, a bound
 * L(λ) = Σ_e cap_e·λ_e + Σ_c v_c(λ), each county's v_c a proven upper bound
 * on its subproblem over the whole pool (see `lagrangian.ts`). Counties that
 * no valid result can match (diagnosed, or whose relaxation has no group)
 * are left out of the sum. Two forms:
 *
 *  - forced: when the result matches every other county, any valid result
 *    matching as many counties matches exactly those, so each one's group
 *    is required and v_c counts as it is;
 *  - free: otherwise a county may also be left out, so it counts max(0, v_c)
 *    (its z[c] = 0 alternative scores 0); this bounds every valid result,
 *    whatever it matches, and so in particular those matching at least as
 *    many counties as ours.
 *
 * Counties the search could not take up ('unsupported', or cut off by the
 * time limit before they were prepared) may still be matched by some valid
 * result: they add a coarse but valid bound of their own, and force the
 * free form.
 */
import { quickScoreCeiling } from '../../../objective/bounds.js';
import type { Lagrangian } from './lagrangian.js';
import { openCounties, unsearchedCounties } from '../state/county-states.js';
import type { ScalableState } from '../state/state.js';

export { openCounties, unsearchedCounties } from '../state/county-states.js';

/**
 * An upper bound on the score of any group of the county, whatever the other
 * counties do: `quickScoreCeiling` (every slot at the best fit a member
 * could have, every need, industry and organization type earned, the best
 * leader, no penalty or size cost), plus nothing for the terms beyond the
 * mask (the ceiling counts them already).
 */
export function looseCountyBound(state: ScalableState, c: number): number {
  return quickScoreCeiling(state.ctx, state.ctx.counties[c]!);
}

/** What the bound's form reads of a result: which counties it matches (an `Assignment` is one). */
export interface MatchedCounties {
  readonly group: readonly unknown[];
}

/**
 * The bound that fits `best` (see the module comment); coarse but finite
 * before the first pricing pass. `matchable`, a proven bound on the counties
 * any valid result matches, lets the free form count only that many terms.
 */
export function currentBound(state: ScalableState, lag: Lagrangian, best: MatchedCounties | undefined, matchable = Infinity): number {
  const counted = openCounties(state);
  const outside = unsearchedCounties(state);
  let extra = 0;
  for (const c of outside) extra += looseCountyBound(state, c);
  const matchesAll = best !== undefined && outside.length === 0 && counted.every((c) => best.group[c] !== undefined);
  const fromPasses = lag.bound(counted, matchesAll, outside.length === 0 ? matchable : Infinity);
  if (Number.isFinite(fromPasses)) return fromPasses + extra;
  let coarse = extra;
  for (const c of counted) coarse += looseCountyBound(state, c);
  return coarse;
}
