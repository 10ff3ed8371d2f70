/**
 * A short list of candidates for re-forming one county's group: the
 * experts most worth having (best fit, best of each kind a group needs,
 * best holder of each need) among those available, plus a few fillers.
 * It keeps local models small enough for the exact one-county model
 * (DESIGN section 5: javascript-lp-solver is reliable up to ~1,000
 * binaries), at the price that a local re-solve is best *within the list*,
 * which the callers say.
 */
import type { County, Expert } from '../model/schemas.js';
import { needsOf, type RoundContext } from '../rules/context.js';
import { isEligible } from '../rules/eligibility.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { partnersOf } from '../rules/h6-east-west.js';
import { memberFit } from '../objective/score.js';
import { ANY } from '../model/vocabulary.js';
import { leaderKind, needKind, provinceKind, type ExpertKind, type PoolIndex } from '../explain/pool-index.js';

/** Sizes of the list. */
export interface ShortlistSize {
  /** Best-fit experts kept whatever their kind. Default 20. */
  top?: number;
  /** Best experts kept of each kind (leaders, East–West, holders of each need). Default 4. */
  perKind?: number;
}

/**
 * The short list of a county among the available experts (`available(e)`:
 * has a place for it), in pool order. Its own eligible locals are always in.
 */
export function shortlist(index: PoolIndex, county: County, available: (e: Expert) => boolean, size: ShortlistSize = {}): Expert[] {
  const ctx = index.ctx;
  const top = size.top ?? 20;
  const perKind = size.perKind ?? 4;
  const seen = new Set<Expert>();
  const pool: Expert[] = [];
  const consider = (e: Expert): void => {
    if (seen.has(e)) return;
    seen.add(e);
    if (isEligible(ctx, e, county) && available(e)) pool.push(e);
  };
  // Only these can have a positive fit: holders of its industries (or of `*`), and experts it rated.
  for (const e of ctx.localsByCounty.get(county.id) ?? []) consider(e);
  const industries = new Set(needsOf(ctx, county.id).map((n) => n.industry));
  industries.add(ANY);
  for (const industry of industries) for (const e of index.holdersByIndustry.get(industry) ?? []) consider(e);
  for (const a of ctx.affinityByCounty.get(county.id)?.values() ?? []) {
    const e = ctx.expertById.get(a.expertId);
    if (e) consider(e);
  }
  // A few of each kind in pool order, so that a kind is never missing only because its members have no fit.
  const kinds: ExpertKind[] = [leaderKind(index)];
  const partners = partnersOf(ctx, county);
  if (partners.length > 0) kinds.push(provinceKind(index, partners));
  const needKinds = needsOf(ctx, county.id).map((n) => needKind(index, n));
  for (const kind of [...kinds, ...needKinds]) takeFirst(kind.pool, 2 * perKind, consider, pool);
  const { max } = groupSizeBounds(ctx, county);
  takeFirst(index.globals, max, consider, pool);

  const fit = new Map(pool.map((e) => [e, memberFit(ctx, e, county).fit]));
  const order = (a: Expert, b: Expert): number => fit.get(b)! - fit.get(a)! || ctx.expertIndex.get(a.id)! - ctx.expertIndex.get(b.id)!;
  const ranked = [...pool].sort(order);
  const chosen = new Set<Expert>(ranked.slice(0, top));
  for (const e of pool) if (e.homeCounty === county.id) chosen.add(e);
  for (const kind of [...kinds, ...needKinds]) {
    let n = 0;
    for (const e of ranked) {
      if (n >= perKind) break;
      if (kind.has(e, county)) {
        chosen.add(e);
        n++;
      }
    }
  }
  // Fillers: the first in pool order, so that the size rule can be met even by experts with no fit.
  let fillers = 0;
  for (const e of pool) {
    if (fillers >= max) break;
    if (!chosen.has(e)) {
      chosen.add(e);
      fillers++;
    }
  }
  return [...chosen].sort((a, b) => ctx.expertIndex.get(a.id)! - ctx.expertIndex.get(b.id)!);
}

function takeFirst(list: readonly Expert[], n: number, consider: (e: Expert) => void, pool: readonly Expert[]): void {
  const before = pool.length;
  for (const e of list) {
    if (pool.length - before >= n) return;
    consider(e);
  }
}

/** Merges candidate lists without repeats, in pool order. */
export function mergeCandidates(ctx: RoundContext, ...lists: readonly (readonly Expert[])[]): Expert[] {
  const set = new Set<Expert>();
  for (const l of lists) for (const e of l) set.add(e);
  return [...set].sort((a, b) => ctx.expertIndex.get(a.id)! - ctx.expertIndex.get(b.id)!);
}
