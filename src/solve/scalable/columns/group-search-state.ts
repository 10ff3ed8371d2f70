/**
 * The group solver's search state (see `group-solver.ts`): the item list in
 * branching order with its fields by position and its suffix counts, the
 * group being built with its counters, and the scratch buffers the bound
 * (`group-bound.ts`) and the search fill. Every step of the method reads
 * and writes these fields: one object of a class chain (state ← bound ←
 * solver) rather than closures keeps the hot paths monomorphic.
 *
 * The step kept here is the group's bookkeeping. `apply` and `remove` keep
 * the score and the quota counters of the group exact when copies of an
 * item join or leave: `val` holds the items' values, the organization
 * penalty and the S4b type term, `covVal` the points of the bits covered.
 * `remove` is the exact inverse of `apply` except for coverage (a bit may be
 * earned by several items), which the caller restores from the `covered`
 * and `covVal` it saved, so a branch leaves the state as it found it.
 * `feasibleNow` checks the rules a finished group must meet.
 */

import { F_EAST, F_EAST_FLEX, F_FORCED_ONE, F_LEADER, F_LOCAL, PRICES, WILD_TYPE, type GroupRules, type ItemList } from './group-items.js';

/** Margin of the comparisons of group values (a group must beat the best by more to replace it). */
export const EPS = 1e-9;

/** Points of the needs in `bits`. */
export function pointsOf(bits: number, needValue: Float64Array): number {
  let sum = 0;
  let b = bits;
  while (b !== 0) {
    const low = b & -b;
    sum += needValue[31 - Math.clz32(low)]!;
    b ^= low;
  }
  return sum;
}

/**
 * The buffers and counters every step of the group solver shares. Buffers
 * only grow (`ensure`) and are kept between calls; the counters describe the
 * group of the current search node. Not re-entrant.
 */
export abstract class GroupSearchState {
  /** Copies taken per organization, for the penalty beyond `orgLimit` (all 0 between calls). */
  protected orgCount: Int32Array;
  /** The branching order: the item at each position (pinned pairs first, then the rest by potential). */
  protected ord = new Int32Array(64);
  /** The items' fields by position (`ord` order), for the bound's scans. */
  protected pValue = new Float64Array(64);
  protected pMask = new Int32Array(64);
  protected pFlags = new Int32Array(64);
  protected pPartner = new Int32Array(64);
  protected pMult = new Int32Array(64);
  protected pType = new Int8Array(64);
  /** Each item's potential, the key of the branching order (by item). */
  protected pot = new Float64Array(64);
  /** From position p on: the bits earned, and the copies in all, local, East–West (certain or flexible) and leader twins. */
  protected sufMask = new Int32Array(65);
  protected sufCnt = new Int32Array(65);
  protected sufLocal = new Int32Array(65);
  protected sufEast = new Int32Array(65);
  protected sufLead = new Int32Array(65);
  /** Undecided items from position p on that are both local and East–West (see `localEastLeft`). */
  protected sufLocalEast = new Int32Array(65);
  /** The organization types (bit t, wild items aside) of the items from position p on. */
  protected sufTypes = new Int32Array(65);
  /** Copies per item of the current group, of the best group found, and of the heuristic's first group. */
  protected take = new Int32Array(64);
  protected bestTake = new Int32Array(64);
  protected seedTake = new Int32Array(64);
  /** Dominance lists: items (by position) that position p dominates are domList[domStart[p] … domStart[p+1]−1]. */
  protected domStart = new Int32Array(65);
  protected domList = new Int32Array(256);
  /** How many excluded dominators currently forbid each position. */
  protected forbidden = new Int32Array(64);
  /** The rest's candidates for the bound, best first per part (others, locals, capped East–West): keys and positions. */
  protected topBuf = new Float64Array(64);
  protected topPos = new Int32Array(64);
  /** Keys of the undecided positions in the current bound (NaN for forbidden ones). */
  protected keyBuf = new Float64Array(64);
  /** Positions chosen by the last greedy, with copies. */
  protected selPos = new Int32Array(64);
  protected selCount = new Int32Array(64);
  /** Per position: 1 + its index in selPos during `assemble`, 0 when not chosen (cleared when `assemble` ends). */
  protected selIdx = new Int32Array(64);
  /** The best leader case's selection, kept while `select` tries the others (see `keepSelection`). */
  protected saveSel = new Int32Array(64);
  protected saveCnt = new Int32Array(64);
  /** Entries of selPos/selCount in use. */
  protected nSel = 0;
  /** Coverage prices to start the root bound from (a previous solve's), if any. */
  protected warmMu: Float64Array | undefined;
  /** Witness copies to skip per position during `assemble` (reset after). */
  protected skipAt = new Int32Array(64);
  /** Positions by witness category (see `categorize`). */
  protected catLead = new Int32Array(64);
  protected catEast = new Int32Array(64);
  protected catLocal = new Int32Array(64);
  /** Best coverage prices found at each depth (`PRICES` per depth), inherited by the children. */
  protected muStack = new Float64Array(64 * PRICES);

  // Search state (fields rather than closures: the hot path stays monomorphic).
  protected items!: ItemList;
  protected rules!: GroupRules;
  /** Positions in `ord`. */
  protected m = 0;
  /** The group's copies: in all, local, East–West for certain, flexible East–West, leader twins. */
  protected cnt = 0;
  protected nLocal = 0;
  protected nEast = 0;
  protected nFlex = 0;
  protected nLead = 0;
  /** Items taken per organization type (index WILD_TYPE: wild items), and the types present. */
  protected readonly typeCount = new Int32Array(16);
  protected nTypes = 0;
  /** `F_FORCED_ONE` items taken, and pairs of them (all satisfied when equal). */
  protected nFO = 0;
  protected nFOPairs = 0;
  /** Position of each item in `ord` (−1 for items applied before the search). */
  protected posOf = new Int32Array(64);
  /** The bits the group earns, the value of its items (with the penalty and the type term), the points of its bits. */
  protected covered = 0;
  protected val = 0;
  protected covVal = 0;
  /** The best group's value, and the margin a branch's bound must beat it by (at least EPS). */
  protected best = -Infinity;
  protected tolerance = EPS;

  /** @param organizations number of distinct organization ids in the pool */
  constructor(organizations: number) {
    this.orgCount = new Int32Array(Math.max(1, organizations));
  }

  /** Grows the buffers (kept between calls) for a list of n items under `rules`. */
  protected ensure(n: number, rules: GroupRules): void {
    this.ensurePositions(n + 1);
    const bufSize = 3 * (rules.sizeMax + 3 + rules.localMin + rules.eastMin) + 8;
    if (this.topBuf.length < bufSize) {
      this.topBuf = new Float64Array(bufSize);
      this.topPos = new Int32Array(bufSize);
    }
    if (this.selPos.length < n + bufSize) {
      this.selPos = new Int32Array(n + bufSize);
      this.selCount = new Int32Array(n + bufSize);
      this.saveSel = new Int32Array(n + bufSize);
      this.saveCnt = new Int32Array(n + bufSize);
    }
    if (this.muStack.length < (n + 2) * PRICES) this.muStack = new Float64Array((n + 2) * PRICES);
    if (this.skipAt.length < n + 1) {
      this.skipAt = new Int32Array(2 * n + 2);
      this.catLead = new Int32Array(2 * n + 2);
      this.catEast = new Int32Array(2 * n + 2);
      this.catLocal = new Int32Array(2 * n + 2);
    }
  }

  /** Grows the per-position buffers to at least n positions. */
  private ensurePositions(n: number): void {
    if (this.ord.length >= n) return;
    let size = this.ord.length;
    while (size < n) size *= 2;
    this.ord = new Int32Array(size);
    this.pValue = new Float64Array(size);
    this.pMask = new Int32Array(size);
    this.pFlags = new Int32Array(size);
    this.pPartner = new Int32Array(size);
    this.pMult = new Int32Array(size);
    this.pType = new Int8Array(size);
    this.pot = new Float64Array(size);
    this.sufMask = new Int32Array(size + 1);
    this.sufCnt = new Int32Array(size + 1);
    this.sufLocal = new Int32Array(size + 1);
    this.sufEast = new Int32Array(size + 1);
    this.sufLead = new Int32Array(size + 1);
    this.sufLocalEast = new Int32Array(size + 1);
    this.sufTypes = new Int32Array(size + 1);
    this.selIdx = new Int32Array(size);
    this.take = new Int32Array(size);
    this.bestTake = new Int32Array(size);
    this.seedTake = new Int32Array(size);
    this.domStart = new Int32Array(size + 1);
    this.forbidden = new Int32Array(size);
    this.keyBuf = new Float64Array(size);
    this.topBuf = new Float64Array(size);
    this.posOf = new Int32Array(size);
  }

  /** Adds k copies of item i to the group. */
  protected apply(i: number, k: number): void {
    const it = this.items;
    const f = it.flags[i]!;
    this.take[i]! += k;
    this.cnt += k;
    this.val += k * it.value[i]!;
    if ((f & F_LOCAL) !== 0) this.nLocal += k;
    if ((f & F_EAST) !== 0) this.nEast += k;
    if ((f & F_EAST_FLEX) !== 0) this.nFlex += k;
    if ((f & F_LEADER) !== 0) this.nLead += k;
    if ((f & F_FORCED_ONE) !== 0) this.nFO += k;
    const fresh = it.mask[i]! & ~this.covered;
    if (fresh !== 0) {
      this.covVal += pointsOf(fresh, this.rules.needValue);
      this.covered |= fresh;
    }
    const o = it.org[i]!;
    if (o >= 0) {
      for (let j = 0; j < k; j++) if (++this.orgCount[o]! > this.rules.orgLimit) this.val -= this.rules.orgPenalty;
    }
    const t = it.type[i]!;
    if (t >= 0) this.val += this.typeChange(t, k);
  }

  /** The change of the S4b term when k copies of an item of type t join (k < 0: leave); updates the counts. */
  private typeChange(t: number, k: number): number {
    const r = this.rules;
    const before = Math.min(r.typeCap, this.nTypes + this.typeCount[WILD_TYPE]!);
    const was = this.typeCount[t]!;
    this.typeCount[t] = was + k;
    if (t !== WILD_TYPE) {
      if (was === 0 && k > 0) this.nTypes++;
      else if (was + k === 0 && k < 0) this.nTypes--;
    }
    return r.typeValue * (Math.min(r.typeCap, this.nTypes + this.typeCount[WILD_TYPE]!) - before);
  }

  /** Removes k copies of item i; `covered`/`covVal` are restored by the caller. */
  protected remove(i: number, k: number): void {
    const it = this.items;
    const f = it.flags[i]!;
    this.take[i]! -= k;
    this.cnt -= k;
    this.val -= k * it.value[i]!;
    if ((f & F_LOCAL) !== 0) this.nLocal -= k;
    if ((f & F_EAST) !== 0) this.nEast -= k;
    if ((f & F_EAST_FLEX) !== 0) this.nFlex -= k;
    if ((f & F_LEADER) !== 0) this.nLead -= k;
    if ((f & F_FORCED_ONE) !== 0) this.nFO -= k;
    const o = it.org[i]!;
    if (o >= 0) {
      for (let j = 0; j < k; j++) if (this.orgCount[o]!-- > this.rules.orgLimit) this.val += this.rules.orgPenalty;
    }
    const t = it.type[i]!;
    if (t >= 0) this.val += this.typeChange(t, -k);
  }

  /** True when the group meets every rule of a finished group: size, quotas, one leader, the pinned pairs, the required bits. */
  protected feasibleNow(): boolean {
    const r = this.rules;
    if (this.cnt < r.sizeMin || this.nLocal < r.localMin || this.nLead !== 1 || this.nFO !== this.nFOPairs) return false;
    if (r.paired && (this.nEast > r.eastMax || this.nEast + this.nFlex < r.eastMin)) return false;
    return (this.covered & r.required) === r.required;
  }
}
