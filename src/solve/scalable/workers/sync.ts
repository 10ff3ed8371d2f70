/**
 * What keeps a replica of the state (`replica.ts`) equal to the main
 * thread's for the counties it solves: the prices (and the classes sorted
 * by them), a county's candidate list and its version, and a county's warm
 * start (`Subproblems.warmStartOf`: the root coverage prices its search seeds its bound with,
 * which every solve of the county, also the primal side's, leaves behind).
 * A county's answer depends on these and on the round alone, so a replica
 * kept equal on them answers exactly as the main thread would.
 */
import { refillList, type CandidateStore } from '../columns/candidates.js';
import type { Pricer } from '../columns/pricing.js';

/** A candidate list as sent between threads: its parallel arrays (the index is rebuilt from `experts`). */
export interface ListSnapshot {
  readonly experts: number[];
  readonly fit: number[];
  readonly lead: number[];
  readonly mask: number[];
  readonly flags: number[];
}

/** A copy of a county's candidate list. */
export function snapshotList(store: CandidateStore, county: number): ListSnapshot {
  const list = store.lists[county]!;
  return { experts: [...list.experts], fit: [...list.fit], lead: [...list.lead], mask: [...list.mask], flags: [...list.flags] };
}

/** Makes a county's list the snapshot, at the given version (the version of the list the snapshot was taken of). */
export function restoreList(store: CandidateStore, county: number, snapshot: ListSnapshot, version: number): void {
  refillList(store.lists[county]!, snapshot);
  store.version[county] = version;
}

/**
 * Makes the pricer's prices `prices`, re-sorting the classes and filler sets
 * of the experts whose price moved. The sorted sets depend on the prices
 * alone (ties by position), so they end as the main thread's.
 */
export function syncPrices(pricer: Pricer, prices: Float64Array): void {
  const own = pricer.price;
  const changed: number[] = [];
  for (let e = 0; e < own.length; e++) {
    // Object.is: a zero's sign is a difference too (it could show in a last bit).
    if (!Object.is(own[e], prices[e])) {
      own[e] = prices[e]!;
      changed.push(e);
    }
  }
  if (changed.length > 0) pricer.resort(changed);
}
