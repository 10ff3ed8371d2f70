/**
 * S7 中西部省份动员本地科技工作者: `sameProvince` points for each non-leader
 * member who works in the county's own province, when the county is central
 * or western. A county is central or western unless its province is the
 * eastern side of some pairing in pairings.csv (the data says which
 * provinces are eastern; no list of provinces is built in).
 */
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';

/** True when the county's province is not an eastern partner province of the round. */
export function isCentralOrWestern(ctx: RoundContext, county: Pick<County, 'province'>): boolean {
  return !ctx.eastProvinces.has(county.province);
}

/** S7 points of a member who is not the leader (0 or `sameProvince`). */
export function sameProvinceBonus(ctx: RoundContext, expert: Pick<Expert, 'province'>, county: Pick<County, 'province'>): number {
  return expert.province === county.province && isCentralOrWestern(ctx, county) ? ctx.options.weights.sameProvince : 0;
}
