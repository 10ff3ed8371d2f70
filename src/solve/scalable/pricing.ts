/**
 * Pricing of pruned experts: for one county and the current prices λ, an
 * upper bound on what any expert outside its candidate list could add to
 * its group, found without listing those experts (column generation's
 * pricing step, over the skill classes of `classes.ts`).
 *
 * For county c, a pruned expert e of type t (may lead × is East–West) is
 * worth at most fit(e, c) − λ_e to the group, plus the coverage of needs it
 * holds. The scan returns, per type, the largest such value over all pruned
 * experts; per need, the largest value of a pruned expert covering it; and
 * the needs some pruned expert covers. It is exact up to one relaxation that
 * keeps it cheap: within a class only the cheapest pruned member is priced,
 * at the class's fit, which bounds every other member of the class (same
 * fit from that industry, higher price); experts whose fit comes from two or
 * more of the county's industries, or from a wildcard-industry skill, are
 * priced one by one. Pruned experts that fit none of the county's industries
 * ("fillers", fit 0 and no coverage) are worth at most 0 — their affinity
 * rows, if any, make them candidates, never pruned.
 *
 * `pseudoItems` turns the scan into items for the group solver: per type, a
 * FREE item worth max(best value, 0) that may be taken up to the group's
 * size, and one COV item worth the best value of a pruned coverer that
 * covers every need some pruned expert covers. Every group over the whole
 * pool maps onto candidates plus such items with at least its value: each
 * pruned member becomes the FREE item of its type, except one pruned member
 * that covers a need (if any), which becomes COV and brings all pruned
 * coverage with it; dropping pruned members from the organization penalty
 * only raises the score. So the subproblem optimum with these items is an
 * upper bound over the unpruned pool, which is what the Lagrangian bound needs.
 */
import type { SkillClasses } from './classes.js';
import type { CandidateStore } from './candidates.js';
import { F_EAST, F_EAST_FLEX, F_LEAD, F_PSEUDO, type ItemList } from './group-solver.js';
import { affinityRow, coverMaskOf, fitOf, isEastPair, MAX_MASK_NEEDS, type Pool } from './pool.js';
import { RankedSets, spinOf } from './ranked-sets.js';

/** Coverage items of the bound at most (the rest are merged into one). */
const MAX_COVER_ITEMS = 24;

/** Records kept per type for the bound's individual items. */
const TYPE_TOP = 8;
/** Pruned experts the bound represents one by one per type (the rest share one item). */
export const INDIVIDUALS = 4;

/** Type bit: may lead. */
export const TYPE_LEAD = 2;
/** Type bit: from an eastern partner province of the county. */
export const TYPE_EAST = 1;

/**
 * Added to every pruned value used in a bound: the class scan sums a fit's
 * terms in another order than `memberFit`, so it may differ in the last bits.
 */
const ROUNDING = 1e-9;

/** What the scan found for one county; reused between scans (copy what you keep). */
export interface PrunedSummary {
  /** Best value (fit − λ) of a pruned relevant expert per type, −∞ when none. */
  readonly typeValue: Float64Array;
  readonly typeExpert: Int32Array;
  /** 1 when some pruned expert (relevant or filler) of the type exists. */
  readonly typeExists: Uint8Array;
  /** How many pruned experts (relevant or filler) of each type there are. */
  readonly typePruned: Int32Array;
  /**
   * Per type, the best records (value desc), TYPE_TOP each: value, expert,
   * and the value of the next member of the same class (−∞ when none or
   * when the record is an exact one-by-one price). A record's value bounds
   * its expert, and with `second` every other member of its class.
   */
  readonly typeTopValue: Float64Array;
  readonly typeTopExpert: Int32Array;
  readonly typeTopSecond: Float64Array;
  readonly typeTopSecondExpert: Int32Array;
  readonly typeTopCount: Int32Array;
  /** 1 when records of the type were dropped off the list (all worth at most its last value). */
  readonly typeTopSaturated: Uint8Array;
  /** Experts `pseudoItems` represented one by one. */
  readonly individuals: Set<number>;
  /** Best value of a pruned expert covering each need bit, −∞ when none. */
  readonly needValue: Float64Array;
  readonly needExpert: Int32Array;
  /** Needs some pruned expert covers. */
  coverable: number;
  /** Per coverage mask of some pruned expert: the best value of a pruned expert with exactly that mask. */
  readonly maskBest: Map<number, number>;
  /** The best pruned experts overall, best first: topExpert[0 … topCount−1]. */
  readonly topValue: Float64Array;
  readonly topExpert: Int32Array;
  readonly topType: Int32Array;
  topCount: number;
}

/** The scanner of pruned experts. Holds the prices λ (read and written by the Lagrangian). */
export class Pricer {
  /** λ_e ≥ 0 per expert. */
  readonly price: Float64Array;
  /** Pool experts by (province, may lead): set 2·province + lead. */
  readonly fillers: RankedSets;
  private readonly poolCount: number;
  private readonly poolLead: number;
  private readonly provCount: Int32Array;
  private readonly provLead: Int32Array;
  private readonly candMark: Int32Array;
  private readonly seenMark: Int32Array;
  private readonly sigStamp: Int32Array;
  private readonly sigH: Float64Array;
  private readonly sigMask: Int32Array;
  private stamp = 0;
  private readonly summary: PrunedSummary;
  private topSize = 0;
  /** During a `scanFree`: the load to skip full experts by, and no prices. */
  private load: Int32Array | null = null;
  private active: Float64Array;

  constructor(readonly pool: Pool, readonly classes: SkillClasses, readonly seed: number) {
    const nE = pool.nExperts;
    const nProv = pool.provinceNames.length;
    this.price = new Float64Array(nE);
    this.active = this.price;
    this.provCount = new Int32Array(nProv);
    this.provLead = new Int32Array(nProv);
    const lists: number[][] = Array.from({ length: 2 * nProv }, () => []);
    let count = 0;
    let lead = 0;
    for (let e = 0; e < nE; e++) {
      if (classes.inPool[e] !== 1) continue;
      const p = pool.province[e]!;
      const l = pool.leaderLevel[e]!;
      count++;
      lead += l;
      this.provCount[p]!++;
      this.provLead[p]! += l;
      lists[2 * p + l]!.push(e);
    }
    this.poolCount = count;
    this.poolLead = lead;
    this.fillers = new RankedSets(nE, lists);
    this.candMark = new Int32Array(nE);
    this.seenMark = new Int32Array(nE);
    const nSig = classes.sigClassStart.length - 1;
    this.sigStamp = new Int32Array(nSig);
    this.sigH = new Float64Array(nSig);
    this.sigMask = new Int32Array(nSig);
    this.summary = {
      typeValue: new Float64Array(4),
      typeExpert: new Int32Array(4),
      typeExists: new Uint8Array(4),
      typePruned: new Int32Array(4),
      typeTopValue: new Float64Array(4 * TYPE_TOP),
      typeTopExpert: new Int32Array(4 * TYPE_TOP),
      typeTopSecond: new Float64Array(4 * TYPE_TOP),
      typeTopSecondExpert: new Int32Array(4 * TYPE_TOP),
      typeTopCount: new Int32Array(4),
      typeTopSaturated: new Uint8Array(4),
      individuals: new Set<number>(),
      needValue: new Float64Array(MAX_MASK_NEEDS),
      needExpert: new Int32Array(MAX_MASK_NEEDS),
      coverable: 0,
      maskBest: new Map<number, number>(),
      topValue: new Float64Array(256),
      topExpert: new Int32Array(256),
      topType: new Int32Array(256),
      topCount: 0,
    };
  }

  /** Re-sorts the classes and filler sets after the prices of `changed` experts moved. */
  resort(changed: readonly number[]): void {
    this.classes.sets.resort(this.price, changed);
    this.fillers.resort(this.price, changed);
  }

  private vetoed(county: number, expert: number): boolean {
    const row = affinityRow(this.pool, county, expert);
    return row >= 0 && this.pool.affVeto[row] === 1;
  }

  /** True when the expert may be offered to the county: not a candidate yet, not vetoed, and (in a free scan) not full. */
  private offerable(county: number, e: number): boolean {
    if (this.candMark[e] === this.stamp || this.vetoed(county, e)) return false;
    return this.load === null || this.load[e]! < this.pool.capacity[e]!;
  }

  /** The cheapest member of ranked set k that is neither a candidate of the county nor vetoed for it; −1 if none. */
  private pick(sets: RankedSets, k: number, county: number, spin: number): number {
    const a = sets.start[k]!;
    const b = sets.start[k + 1]!;
    this.second = -1;
    if (a === b) return -1;
    const run = sets.frontRun[k]!;
    const off = spin % run;
    let first = -1;
    for (let j = 0; j < run; j++) {
      const e = sets.members[a + ((off + j) % run)]!;
      if (!this.offerable(county, e)) continue;
      if (first < 0) first = e;
      else {
        this.second = e;
        return first;
      }
    }
    for (let j = a + run; j < b; j++) {
      const e = sets.members[j]!;
      if (!this.offerable(county, e)) continue;
      if (first < 0) first = e;
      else {
        this.second = e;
        return first;
      }
    }
    return first;
  }

  /** The next offerable member after the last `pick`'s (−1 when none): it bounds the rest of the class. */
  private second = -1;

  private isEastProvince(county: number, province: number): boolean {
    const pool = this.pool;
    for (let k = pool.partnerStart[county]!; k < pool.partnerStart[county + 1]!; k++) if (pool.partnerProvince[k] === province) return true;
    return false;
  }

  private record(value: number, expert: number, type: number, mask: number, second = -Infinity, secondExpert = -1): void {
    const s = this.summary;
    // Per-type list (for the bound's individual items), with the value of the class's next member.
    {
      const base = type * TYPE_TOP;
      let n = s.typeTopCount[type]!;
      if (n < TYPE_TOP || value > s.typeTopValue[base + n - 1]!) {
        if (n < TYPE_TOP) n++;
        else s.typeTopSaturated[type] = 1;
        let j = n - 1;
        while (j > 0 && s.typeTopValue[base + j - 1]! < value) {
          s.typeTopValue[base + j] = s.typeTopValue[base + j - 1]!;
          s.typeTopExpert[base + j] = s.typeTopExpert[base + j - 1]!;
          s.typeTopSecond[base + j] = s.typeTopSecond[base + j - 1]!;
          s.typeTopSecondExpert[base + j] = s.typeTopSecondExpert[base + j - 1]!;
          j--;
        }
        s.typeTopValue[base + j] = value;
        s.typeTopExpert[base + j] = expert;
        s.typeTopSecond[base + j] = second;
        s.typeTopSecondExpert[base + j] = secondExpert;
        s.typeTopCount[type] = n;
      } else s.typeTopSaturated[type] = 1;
    }
    if (value > s.typeValue[type]!) {
      s.typeValue[type] = value;
      s.typeExpert[type] = expert;
    }
    if (mask !== 0) {
      s.coverable |= mask;
      const known = s.maskBest.get(mask);
      if (known === undefined || value > known) s.maskBest.set(mask, value);
      let b = mask;
      while (b !== 0) {
        const low = b & -b;
        const j = 31 - Math.clz32(low);
        if (value > s.needValue[j]!) {
          s.needValue[j] = value;
          s.needExpert[j] = expert;
        }
        b ^= low;
      }
    }
    const size = this.topSize;
    if (size === 0) return;
    let n = s.topCount;
    if (n === size && value <= s.topValue[n - 1]!) return;
    if (n < size) n++;
    let j = n - 1;
    while (j > 0 && s.topValue[j - 1]! < value) {
      s.topValue[j] = s.topValue[j - 1]!;
      s.topExpert[j] = s.topExpert[j - 1]!;
      s.topType[j] = s.topType[j - 1]!;
      j--;
    }
    s.topValue[j] = value;
    s.topExpert[j] = expert;
    s.topType[j] = type;
    s.topCount = n;
  }

  /**
   * Scans every pruned expert of the county (through the classes) at the
   * current prices. `top` best pruned experts are kept for column generation.
   */
  scan(county: number, store: CandidateStore, top = 0): PrunedSummary {
    const pool = this.pool;
    const cls = this.classes;
    const stamp = ++this.stamp;
    const s = this.summary;
    s.typeValue.fill(-Infinity);
    s.typeExpert.fill(-1);
    s.needValue.fill(-Infinity);
    s.needExpert.fill(-1);
    s.coverable = 0;
    s.maskBest.clear();
    s.topCount = 0;
    s.typeTopCount.fill(0);
    s.typeTopSaturated.fill(0);
    s.individuals.clear();
    this.topSize = Math.min(top, s.topValue.length);
    const list = store.lists[county]!;
    const candType = [0, 0, 0, 0];
    for (let i = 0; i < list.experts.length; i++) {
      const e = list.experts[i]!;
      this.candMark[e] = stamp;
      if (cls.inPool[e] === 1) candType[(pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (isEastPair(pool, e, county) ? TYPE_EAST : 0)]!++;
    }
    const spin = spinOf(this.seed, county);
    const total = pool.needTotal[county]!;
    const scale = total > 0 ? pool.relevanceWeight / total : 0;
    const n0 = pool.needStart[county]!;
    const n1 = pool.needStart[county + 1]!;
    const industries: number[] = [];
    for (let n = n0; n < n1; n++) if (!industries.includes(pool.needIndustry[n]!)) industries.push(pool.needIndustry[n]!);

    for (const ind of industries) {
      if (ind + 1 >= cls.indSigStart.length) continue;
      const g0 = cls.indSigStart[ind]!;
      const g1 = cls.indSigStart[ind + 1]!;
      for (let g = g0; g < g1; g++) {
        let h = 0;
        let mask = 0;
        for (let n = n0; n < n1; n++) {
          if (pool.needIndustry[n] !== ind) continue;
          const st = pool.needStage[n]!;
          const bit = pool.needBit[n]!;
          let best = 0;
          for (let t = cls.sigSkillStart[g]!; t < cls.sigSkillStart[g + 1]!; t++) {
            const ss = cls.sigStage[t]!;
            const covers = ss === st || ss === pool.anyStage;
            const v = (cls.sigProficiency[t]! / 3) * (ss === st ? 1 : covers ? 0.6 : 0.25);
            if (v > best) best = v;
            if (covers && bit >= 0) mask |= 1 << bit;
          }
          h += pool.needWeight[n]! * best;
        }
        this.sigStamp[g] = stamp;
        this.sigH[g] = h;
        this.sigMask[g] = mask;
        const base = scale * h;
        // Every member of the signature's classes is worth at most `base` (prices are ≥ 0): when that
        // cannot change any record kept so far, the classes need no look.
        let sigMatters = this.topSize > 0 && (s.topCount < this.topSize || base > s.topValue[this.topSize - 1]!);
        if (!sigMatters && mask !== 0) {
          const known = s.maskBest.get(mask);
          sigMatters = known === undefined || base > known || (mask & ~s.coverable) !== 0;
          for (let b = mask; !sigMatters && b !== 0; b &= b - 1) if (base > s.needValue[31 - Math.clz32(b & -b)]!) sigMatters = true;
        }
        for (let k = cls.sigClassStart[g]!; k < cls.sigClassStart[g + 1]!; k++) {
          const type = (cls.classLead[k] === 1 ? TYPE_LEAD : 0) | (cls.classProvince[k]! >= 0 && this.isEastProvince(county, cls.classProvince[k]!) ? TYPE_EAST : 0);
          if (!sigMatters && s.typeTopCount[type] === TYPE_TOP && base <= s.typeTopValue[type * TYPE_TOP + TYPE_TOP - 1]!) {
            // Would be dropped off a full list: remember that something was.
            s.typeTopSaturated[type] = 1;
            continue;
          }
          const e = this.pick(cls.sets, k, county, spin);
          if (e < 0) continue;
          const second = this.second;
          this.record(base - this.active[e]!, e, type, mask, second >= 0 ? base - this.active[second]! : -Infinity, second);
        }
      }
    }
    // Experts whose fit comes from two or more of the county's industries: priced one by one.
    const nInd = pool.industryNames.length;
    for (let a = 0; a < industries.length; a++) {
      for (let b = 0; b < industries.length; b++) {
        if (industries[a]! >= industries[b]!) continue;
        const mixed = cls.mixed.get(industries[a]! * nInd + industries[b]!);
        if (!mixed) continue;
        for (let j = 0; j < mixed.length; j++) {
          const e = mixed[j]!;
          if (this.seenMark[e] === stamp) continue;
          this.seenMark[e] = stamp;
          if (!this.offerable(county, e)) continue;
          let h = 0;
          let mask = 0;
          for (let q = cls.sets.setOfStart[e]!; q < cls.sets.setOfStart[e + 1]!; q++) {
            const g = cls.classSig[cls.sets.setOf[q]!]!;
            if (this.sigStamp[g] !== stamp) continue;
            h += this.sigH[g]!;
            mask |= this.sigMask[g]!;
          }
          const type = (pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (isEastPair(pool, e, county) ? TYPE_EAST : 0);
          this.record(scale * h - this.active[e]!, e, type, mask);
        }
      }
    }
    // Wildcard-industry experts match every county: priced exactly.
    for (let j = 0; j < cls.special.length; j++) {
      const e = cls.special[j]!;
      if (!this.offerable(county, e)) continue;
      const type = (pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (isEastPair(pool, e, county) ? TYPE_EAST : 0);
      this.record(fitOf(pool, e, county) - this.active[e]!, e, type, coverMaskOf(pool, e, county));
    }

    // Which types have any pruned expert at all (fillers included): pool counts minus candidates.
    let east = 0;
    let eastLead = 0;
    for (let k = pool.partnerStart[county]!; k < pool.partnerStart[county + 1]!; k++) {
      east += this.provCount[pool.partnerProvince[k]!] ?? 0;
      eastLead += this.provLead[pool.partnerProvince[k]!] ?? 0;
    }
    const typeTotal = [this.poolCount - this.poolLead - east + eastLead, east - eastLead, this.poolLead - eastLead, eastLead];
    for (let t = 0; t < 4; t++) {
      s.typePruned[t] = typeTotal[t]! - candType[t]!;
      s.typeExists[t] = s.typePruned[t]! > 0 ? 1 : 0;
    }
    return s;
  }

  /**
   * Like `scan`, but for the local search: every expert that still has a
   * free seat under `load` counts at its fit, without prices; full experts
   * are skipped. The summary is not a bound (it ignores full experts).
   */
  scanFree(county: number, store: CandidateStore, top: number): PrunedSummary {
    if (this.load === null) throw new Error('scanFree outside freeMode');
    return this.scan(county, store, top);
  }

  /**
   * Enters (with the load of an assignment) or leaves (null) the free mode
   * of `scanFree` and `pickFiller`: full experts skipped, prices ignored.
   */
  freeMode(load: Int32Array | null): void {
    this.load = load;
    this.active = load === null ? this.price : (this.zero ??= new Float64Array(this.pool.nExperts));
  }

  private zero: Float64Array | undefined;

  /** Marks an expert just added to the scanned county's candidates, so that `pickFiller` skips it. */
  mark(expert: number): void {
    this.candMark[expert] = this.stamp;
  }

  /**
   * A pruned expert of the type for the county's list when no relevant one
   * is worth taking: the cheapest of the matching provinces and level,
   * rotated among ties. Call right after `scan` of the same county.
   */
  pickFiller(county: number, type: number): number {
    const pool = this.pool;
    const lead = (type & TYPE_LEAD) !== 0 ? 1 : 0;
    const wantEast = (type & TYPE_EAST) !== 0;
    const nProv = pool.provinceNames.length;
    const spin = spinOf(this.seed, county, 1);
    let best = -1;
    for (let q = 0; q < nProv; q++) {
      const p = (q + spin) % nProv;
      if (this.isEastProvince(county, p) !== wantEast) continue;
      const e = this.pick(this.fillers, 2 * p + lead, county, spin);
      if (e >= 0 && (best < 0 || this.active[e]! < this.active[best]!)) best = e;
    }
    return best;
  }
}

/**
 * The best pruned experts of a type other than the individuals, best first:
 * for column generation when the bound's FREE item of the type is used.
 */
export function nextOfType(summary: PrunedSummary, type: number): number[] {
  const base = type * TYPE_TOP;
  const out: [number, number][] = [];
  for (let j = 0; j < summary.typeTopCount[type]!; j++) {
    const e = summary.typeTopExpert[base + j]!;
    if (!summary.individuals.has(e)) out.push([summary.typeTopValue[base + j]!, e]);
    else if (summary.typeTopSecondExpert[base + j]! >= 0) out.push([summary.typeTopSecond[base + j]!, summary.typeTopSecondExpert[base + j]!]);
  }
  out.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  return out.map((x) => x[1]);
}

/**
 * Appends the pseudo items of a scan to a subproblem's item list (see the
 * module comment for why the result bounds the unpruned subproblem).
 *
 * Per type, the best pruned experts are represented one by one, at their
 * exact value, coverage and organization ("individuals": a group can hold
 * each only once); one FREE item with copies stands for every other pruned
 * expert of the type, at a value that bounds them all: the best record not
 * of an individual, the next member of an individual's class, the list's
 * last value when records were dropped, and 0 for fillers. COV items bring
 * the coverage of the other pruned experts: in a group, pick for each need
 * covered only by non-individual pruned members one such member (its
 * witness), no two with the same mask; each witness maps to the COV item of
 * its mask (or of a mask containing it with a higher value), every other
 * non-individual pruned member to the FREE item of its type.
 */
export function pseudoItems(summary: PrunedSummary, items: ItemList, sizeMax: number, pool: Pool, county: number, price: Float64Array): void {
  summary.individuals.clear();
  let restMax = -Infinity;
  const seen = new Set<number>();
  for (let t = 0; t < 4; t++) {
    const pruned = summary.typePruned[t]!;
    if (pruned <= 0) continue;
    const flags = F_PSEUDO | ((t & TYPE_LEAD) !== 0 ? F_LEAD : 0) | ((t & TYPE_EAST) !== 0 ? F_EAST : 0);
    const base = t * TYPE_TOP;
    const count = summary.typeTopCount[t]!;
    const individual = new Set<number>();
    for (let j = 0; j < count && individual.size < INDIVIDUALS; j++) {
      const e = summary.typeTopExpert[base + j]!;
      if (individual.has(e) || seen.has(e)) continue;
      individual.add(e);
      seen.add(e);
      summary.individuals.add(e);
      items.push(e, fitOf(pool, e, county) - price[e]! + ROUNDING, coverMaskOf(pool, e, county), flags, pool.organization[e]!, 1);
    }
    if (pruned <= individual.size) continue;
    let rest = 0;
    for (let j = 0; j < count; j++) {
      const e = summary.typeTopExpert[base + j]!;
      rest = Math.max(rest, individual.has(e) ? summary.typeTopSecond[base + j]! : summary.typeTopValue[base + j]!);
    }
    if (summary.typeTopSaturated[t] === 1 && count > 0) rest = Math.max(rest, summary.typeTopValue[base + count - 1]!);
    items.push(-1, rest + ROUNDING, 0, flags, -1, sizeMax);
    restMax = Math.max(restMax, rest);
  }
  // Coverage by pruned experts other than the individuals (who bring their own): one item per coverage
  // mask of pruned experts, worth the best expert with that mask (and at most the best FREE value). Masks
  // that a better-valued mask contains are left out: its item dominates theirs.
  if (restMax === -Infinity) return;
  const anyLead = summary.typeExists[TYPE_LEAD] === 1 || summary.typeExists[TYPE_LEAD | TYPE_EAST] === 1;
  const anyEast = summary.typeExists[TYPE_EAST] === 1 || summary.typeExists[TYPE_LEAD | TYPE_EAST] === 1;
  const flags = F_PSEUDO | (anyLead ? F_LEAD : 0) | (anyEast ? F_EAST_FLEX : 0);
  const masks = [...summary.maskBest].sort((a, b) => b[1] - a[1] || a[0] - b[0]);
  const kept: [number, number][] = [];
  for (const [mask, value] of masks) if (!kept.some(([m]) => (m & mask) === mask)) kept.push([mask, value]);
  // Past a few dozen items the search slows; the rest share one item (their union, their best value).
  let spillMask = 0;
  let spillValue = -Infinity;
  kept.forEach(([mask, value], j) => {
    if (j < MAX_COVER_ITEMS) items.push(-1, Math.min(value, restMax) + ROUNDING, mask, flags, -1, 1);
    else {
      spillMask |= mask;
      spillValue = Math.max(spillValue, value);
    }
  });
  if (spillMask !== 0) items.push(-1, Math.min(spillValue, restMax) + ROUNDING, spillMask, flags, -1, 1);
}
