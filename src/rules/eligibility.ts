/**
 * Which county–expert pairs may exist at all: the expert has capacity (H2),
 * is not a local scientist of another county (H5), the pair is not vetoed
 * (H8) and, when the round requires consent, both sides said yes (H8,
 * `consent.ts`). Solvers give variables only to eligible pairs.
 */
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from './context.js';
import { lacksConsent } from './consent.js';
import { capacityOf } from './h2-capacity.js';
import { isLocalElsewhere } from './h5-local.js';
import { isVetoed } from './h8-veto.js';

/** True when the expert may serve the county under H2, H5 and H8 (vetoes, and consent when required). */
export function isEligible(ctx: RoundContext, expert: Expert, county: County): boolean {
  return capacityOf(ctx, expert) > 0 && !isLocalElsewhere(expert, county) && !isVetoed(ctx, county.id, expert.id) && !lacksConsent(ctx, county.id, expert.id);
}

/** All eligible experts of a county, in pool order. O(experts). */
export function eligibleExperts(ctx: RoundContext, county: County): Expert[] {
  return ctx.experts.filter((e) => isEligible(ctx, e, county));
}
