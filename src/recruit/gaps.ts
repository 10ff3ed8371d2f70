/**
 * What an unmatched county's group lacks among the experts still available
 * to it (eligible, with a place left in the result): a leader, local
 * scientists, East–West scientists, holders of required needs, members at
 * all. Counted by kind through the pool indexes.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert, Need } from '../model/schemas.js';
import { needsOf } from '../rules/context.js';
import { isEligible } from '../rules/eligibility.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { isEastFor, partnersOf } from '../rules/h6-east-west.js';
import { eligibleLocals, leaderKind, needKind, provinceKind, type ExpertKind, type PoolIndex } from '../explain/pool-index.js';

/** The gaps of one county. */
export interface Gaps {
  /** No available expert may lead it. */
  leader: boolean;
  /** Local scientists missing to reach `localMin`. */
  locals: number;
  /** East–West scientists missing to reach `eastMin` (0 when unpaired). */
  east: number;
  /** Required needs no available expert covers. */
  needs: Need[];
  /** Members that can sit together (within the local and East–West maxima), available now. */
  usable: number;
  /** The smallest group. */
  sizeMin: number;
  /** Its partner provinces (H6). */
  partners: readonly string[];
}

/** Counts what is available to the county by kind, and what is missing. */
export function findGaps(index: PoolIndex, county: County, available: (e: Expert) => boolean): Gaps {
  const ctx = index.ctx;
  const ok = (e: Expert): boolean => isEligible(ctx, e, county) && available(e);
  const count = (kind: ExpertKind, limit = Infinity): number => {
    let n = 0;
    for (const e of kind.pool) if (kind.has(e, county) && ok(e) && ++n >= limit) break;
    return n;
  };
  const { localMin, localMax, eastMin, eastMax } = ctx.options;
  const partners = partnersOf(ctx, county);
  const locals = eligibleLocals(index, county).filter(available);
  const east = partners.length > 0 ? count(provinceKind(index, partners)) : 0;
  const eastLocals = partners.length > 0 ? locals.filter((e) => isEastFor(ctx, e, county)).length : 0;
  let others = 0;
  const { min } = groupSizeBounds(ctx, county);
  for (const e of index.globals) {
    if (others >= min) break;
    if (ok(e) && !(partners.length > 0 && isEastFor(ctx, e, county))) others++;
  }
  return {
    leader: count(leaderKind(index, county), 1) === 0,
    locals: Math.max(0, localMin - locals.length),
    east: partners.length > 0 ? Math.max(0, eastMin - east) : 0,
    needs: needsOf(ctx, county.id).filter((n) => n.required && count(needKind(index, n), 1) === 0),
    // An eastern leader sits beside eastMax East–West members when the leader does not count toward the quota (H6).
    usable: Math.min(locals.length, localMax) + Math.min(east - eastLocals, eastMax + (ctx.options.leaderCountsEast ? 0 : 1)) + others,
    sizeMin: min,
    partners,
  };
}

/** The need a generic recruit should hold: the county's heaviest (required first). */
export function topNeed(index: PoolIndex, county: County): Pick<Need, 'industry' | 'stage'> | undefined {
  const needs = [...needsOf(index.ctx, county.id)];
  needs.sort((a, b) => Number(b.required) - Number(a.required) || b.weight - a.weight || (needKey(a) < needKey(b) ? -1 : 1));
  return needs[0];
}
