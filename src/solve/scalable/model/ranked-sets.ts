/**
 * Sets of experts kept sorted by price, cheapest first, with ties in
 * position order. Members of one set are interchangeable for the purpose the
 * set serves (a skill class, or the fillers of one province and level), so a
 * county asking for "a member not yet in my list" takes one from the front.
 *
 * Many counties ask the same set at the same price; to spread them over the
 * tied members instead of all asking for the first, each county starts at
 * its own offset (`spin`, a seeded hash of the county) within the front run
 * of equally cheap members. The offset depends on the seed and the county
 * only, never on time, so the choice is reproducible.
 */

/** A family of ranked sets over expert positions. */
export class RankedSets {
  /** Members of set k: members[start[k] … start[k+1]−1]. */
  readonly start: Int32Array;
  readonly members: Int32Array;
  /** How many members at the front of each set share the lowest price. */
  readonly frontRun: Int32Array;
  /** Sets each expert belongs to: setOf[setOfStart[e] … setOfStart[e+1]−1]. */
  readonly setOfStart: Int32Array;
  readonly setOf: Int32Array;

  /** Builds the sets from member lists (members in position order; all prices start equal). */
  constructor(nExperts: number, lists: readonly (readonly number[])[]) {
    const n = lists.length;
    this.start = new Int32Array(n + 1);
    let total = 0;
    for (let k = 0; k < n; k++) {
      this.start[k] = total;
      total += lists[k]!.length;
    }
    this.start[n] = total;
    this.members = new Int32Array(total);
    this.frontRun = new Int32Array(n);
    const count = new Int32Array(nExperts);
    for (let k = 0; k < n; k++) {
      const list = lists[k]!;
      this.members.set(list, this.start[k]!);
      this.frontRun[k] = list.length;
      for (const e of list) count[e]!++;
    }
    this.setOfStart = new Int32Array(nExperts + 1);
    for (let e = 0; e < nExperts; e++) this.setOfStart[e + 1] = this.setOfStart[e]! + count[e]!;
    this.setOf = new Int32Array(total);
    const fill = this.setOfStart.slice(0, nExperts);
    for (let k = 0; k < n; k++) for (let j = this.start[k]!; j < this.start[k + 1]!; j++) this.setOf[fill[this.members[j]!]!++] = k;
  }

  /** Number of sets. */
  get size(): number {
    return this.frontRun.length;
  }

  /** Re-sorts the sets holding any of the `changed` experts by (price, position); returns those sets. */
  resort(price: Float64Array, changed: Iterable<number>): Set<number> {
    const dirty = new Set<number>();
    for (const e of changed) for (let j = this.setOfStart[e]!; j < this.setOfStart[e + 1]!; j++) dirty.add(this.setOf[j]!);
    const { members, start, frontRun } = this;
    for (const k of dirty) {
      const a = start[k]!;
      const b = start[k + 1]!;
      if (b <= a) continue;
      const seg = Array.from(members.subarray(a, b)).sort((x, y) => price[x]! - price[y]! || x - y);
      members.set(seg, a);
      const p0 = price[seg[0]!]!;
      let run = 1;
      while (run < seg.length && price[seg[run]!] === p0) run++;
      frontRun[k] = run;
    }
    return dirty;
  }
}

/** A seeded integer hash of a county (and a salt), for the rotation of ties. */
export function spinOf(seed: number, county: number, salt = 0): number {
  let h = (Math.imul(county + 1, 0x9e3779b1) ^ Math.imul(seed | 0, 0x85ebca6b) ^ Math.imul(salt + 7, 0xc2b2ae35)) >>> 0;
  h ^= h >>> 16;
  h = Math.imul(h, 0x7feb352d) >>> 0;
  h ^= h >>> 15;
  return h >>> 0;
}
