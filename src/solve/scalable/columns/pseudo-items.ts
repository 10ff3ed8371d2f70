/**
 * The bound's pseudo items: a pricing scan (`pricing.ts`) turned into items
 * of the group solver standing for the county's pruned experts, so that the
 * subproblem over its candidates plus these items bounds the subproblem over
 * the whole pool (see `pseudoItems`).
 */
import { F_EAST, F_EAST_FLEX, F_LEAD, F_LEADER, F_PSEUDO, WILD_TYPE, type ItemList } from './group-solver.js';
import { canLeadOf, coverMaskOf, fitOf, isEastPair, leaderTermOf, N_ORG_TYPES, type Pool } from '../model/pool.js';
import { TYPE_EAST, TYPE_LEAD, type PrunedSummary } from './pricing.js';
import type { TopList, TypedMaskTable } from './scan-tables.js';

/** Coverage items of the bound at most, as members and as leaders (the rest are merged into one each). */
const MAX_COVER_ITEMS = 24;
const MAX_LEAD_COVER_ITEMS = 12;

/** Pruned experts the bound represents one by one per type, and per leader kind (the rest share items). */
export const INDIVIDUALS = 4;

/**
 * Added to every pruned value used in a bound: the class scan sums a fit's
 * terms in another order than `memberFit`, so it may differ in the last bits.
 */
const ROUNDING = 1e-9;

/**
 * Appends the pseudo items of a scan to a subproblem's item list (see
 * `pricing.ts` for what a scan bounds, and below why the result bounds the
 * unpruned subproblem).
 *
 * The best pruned experts, per type as members and per East–West kind as
 * leaders, are represented one by one ("individuals"), at their exact
 * value, mask and organization, each as a plain item and (when it may lead)
 * a linked leader twin: a group can hold each once. The other pruned
 * experts map to shared items. A group over the whole pool with leader ℓ
 * maps to items as follows: pick for each bit earned only by non-individual
 * pruned members one such member (its witness), no two with the same mask;
 * a witness maps to the COV item of its mask (or of a mask containing it
 * with a higher value) — the LEADCOV item when it is ℓ —; ℓ (when not a
 * witness) maps to the LEADFREE item; then pick for each organization type
 * brought only by the other non-individual pruned members one of them, who
 * maps to the ORG item of its type; every other non-individual pruned member
 * maps to the FREE item of its type. Each such item is worth at least what
 * its experts bring: FREE bounds every non-individual pruned expert of its
 * type as a member (the best record not of an individual, the next member
 * of an individual's class, the list's last value when records were
 * dropped, the fillers' bound), LEADFREE every one as leader, COV and
 * LEADCOV their mask's best (at most FREE's and LEADFREE's), ORG its type's
 * best; COV and LEADCOV are kept per (mask, organization type) and bring
 * that type (a witness brings its own, or none: an entry without a type
 * may map to a typed item holding its bits), LEADFREE is kept per type
 * (its type's best leader, at most the rest of the kind) with one wild item
 * for the fillers (whose types the scan does not see), ORG brings its own,
 * FREE none. Pseudo items
 * carry no organization: the S4 penalty only lowers a score.
 */
export function pseudoItems(summary: PrunedSummary, items: ItemList, sizeMax: number, pool: Pool, county: number, price: Float64Array): void {
  summary.individuals.clear();
  if (pool.consentRequired) return;
  const chosen: number[] = [];
  const pick = (list: TopList): void => {
    let taken = 0;
    for (let j = 0; j < list.count && taken < INDIVIDUALS; j++) {
      const e = list.expert[j]!;
      if (summary.individuals.has(e)) continue;
      summary.individuals.add(e);
      chosen.push(e);
      taken++;
    }
  };
  for (let t = 0; t < 4; t++) if (summary.typePruned[t]! > 0) pick(summary.typeTop[t]!);
  for (const list of summary.leadTop) pick(list);
  const perType = [0, 0, 0, 0];
  const leadersOf = [0, 0];
  const countsEast = pool.leaderCountsEast;
  for (const e of chosen) {
    const east = isEastPair(pool, e, county);
    perType[(pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (east ? TYPE_EAST : 0)]!++;
    const value = fitOf(pool, e, county) - price[e]! + ROUNDING;
    const mask = coverMaskOf(pool, e, county);
    const org = pool.organization[e]!;
    const type = pool.orgType[e]!;
    const plain = items.push(e, value, mask, F_PSEUDO | (east ? F_EAST : 0), org, 1, type);
    if (!canLeadOf(pool, e, county)) continue;
    leadersOf[east ? 1 : 0]!++;
    const twin = items.push(e, value + leaderTermOf(pool, e, county), mask, F_PSEUDO | F_LEADER | (countsEast && east ? F_EAST : 0), org, 1, type);
    items.link(plain, twin);
  }
  // FREE: the other pruned experts of each type, as members.
  let restMax = -Infinity;
  for (let t = 0; t < 4; t++) {
    if (summary.typePruned[t]! <= perType[t]!) continue;
    const rest = Math.max(summary.typeTop[t]!.rest(summary.individuals), summary.fillerValue[t]!);
    if (rest === -Infinity) continue;
    items.push(-1, rest + ROUNDING, 0, F_PSEUDO | ((t & TYPE_LEAD) !== 0 ? F_LEAD : 0) | ((t & TYPE_EAST) !== 0 ? F_EAST : 0), -1, sizeMax);
    restMax = Math.max(restMax, rest);
  }
  // LEADFREE: the other pruned experts who may lead, as leaders (one item when the leader is never East–West).
  const leadRest = [-Infinity, -Infinity];
  for (let east = 0; east < 2; east++) {
    if (summary.typePruned[TYPE_LEAD | (east === 1 ? TYPE_EAST : 0)]! <= leadersOf[east]!) continue;
    leadRest[east] = Math.max(summary.leadTop[east]!.rest(summary.individuals), summary.fillerLead[east]!);
  }
  // Per organization type, the best pruned leader of the type (over the leader masks' entries, which hold every
  // pruned leader with a skill in the county's industries); fillers, whose types the scan does not see, share a
  // wild item at their bound. A LEADFREE item per type brings that type, at most the kind's rest.
  const leadTypeBest = new Float64Array(N_ORG_TYPES + 1).fill(-Infinity);
  for (const [, type, value] of summary.leadMaskBest.entries()) leadTypeBest[type + 1] = Math.max(leadTypeBest[type + 1]!, value);
  const leadFree = (rest: number, fillers: number, flags: number): void => {
    for (let i = 0; i <= N_ORG_TYPES; i++) if (leadTypeBest[i]! > -Infinity) items.push(-1, Math.min(rest, leadTypeBest[i]!) + ROUNDING, 0, flags, -1, 1, i - 1);
    if (fillers > -Infinity) items.push(-1, Math.min(rest, fillers) + ROUNDING, 0, flags, -1, 1, WILD_TYPE);
  };
  let leadRestMax = -Infinity;
  if (countsEast) {
    for (let east = 0; east < 2; east++) {
      if (leadRest[east] === -Infinity) continue;
      leadFree(leadRest[east]!, summary.fillerLead[east]!, F_PSEUDO | F_LEADER | (east === 1 ? F_EAST : 0));
      leadRestMax = Math.max(leadRestMax, leadRest[east]!);
    }
  } else {
    leadRestMax = Math.max(leadRest[0]!, leadRest[1]!);
    if (leadRestMax > -Infinity) leadFree(leadRestMax, Math.max(summary.fillerLead[0]!, summary.fillerLead[1]!), F_PSEUDO | F_LEADER);
  }
  const anyEast = summary.typeExists[TYPE_EAST] === 1 || summary.typeExists[TYPE_LEAD | TYPE_EAST] === 1;
  // ORG: per organization type, one item standing for the member who brings it (typed, at most FREE's best).
  if (restMax > -Infinity) {
    for (let t = 0; t < summary.orgValue.length; t++) {
      const v = summary.orgValue[t]!;
      if (v > -Infinity) items.push(-1, Math.min(v, restMax) + ROUNDING, 0, F_PSEUDO | (anyEast ? F_EAST_FLEX : 0), -1, 1, t);
    }
  }
  // COV: bits of pruned experts other than the individuals (who bring their own): one item per mask of pruned
  // experts, worth the best expert with that mask (and at most FREE's best). Masks that a better-valued mask
  // contains are left out: its item dominates theirs.
  if (restMax > -Infinity) coverItems(items, summary.maskBest, restMax, F_PSEUDO | (anyEast ? F_EAST_FLEX : 0), MAX_COVER_ITEMS);
  // LEADCOV: the same for the leader's bits, at leader values.
  if (leadRestMax > -Infinity) {
    const eastLeader = countsEast && summary.typeExists[TYPE_LEAD | TYPE_EAST] === 1;
    coverItems(items, summary.leadMaskBest, leadRestMax, F_PSEUDO | F_LEADER | (eastLeader ? F_EAST_FLEX : 0), MAX_LEAD_COVER_ITEMS);
  }
}

/**
 * Items, one copy each, for the (mask, organization type) entries of a
 * table: at most `cap` of them, past which the rest of each type share one
 * item (their union, their best value, their type). An entry is left out
 * when a better-valued one of the same type (or any type, for an entry
 * without one) holds every bit of its mask: that item stands for its
 * witness too.
 */
function coverItems(items: ItemList, table: TypedMaskTable, ceiling: number, flags: number, cap: number): void {
  const entries = table.entries().sort((a, b) => b[2] - a[2] || a[0] - b[0] || a[1] - b[1]);
  const kept: [number, number, number][] = [];
  for (const entry of entries) {
    const [mask, type] = entry;
    if (!kept.some(([m, t]) => (m & mask) === mask && (t === type || type < 0))) kept.push(entry);
  }
  // Past a few dozen items the search slows.
  const spillMask = new Map<number, number>();
  const spillValue = new Map<number, number>();
  kept.forEach(([mask, type, value], j) => {
    if (j < cap) items.push(-1, Math.min(value, ceiling) + ROUNDING, mask, flags, -1, 1, type);
    else {
      spillMask.set(type, (spillMask.get(type) ?? 0) | mask);
      spillValue.set(type, Math.max(spillValue.get(type) ?? -Infinity, value));
    }
  });
  for (const [type, mask] of [...spillMask].sort((a, b) => a[0] - b[0])) items.push(-1, Math.min(spillValue.get(type)!, ceiling) + ROUNDING, mask, flags, -1, 1, type);
}
