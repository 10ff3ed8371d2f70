/**
 * Pricing of pruned experts: for one county and the current prices λ, an
 * upper bound on what any expert outside its candidate list could add to
 * its group, found without listing those experts (column generation's
 * pricing step, over the skill classes of `classes.ts`).
 *
 * For county c, a pruned expert e of type t (may lead × is East–West) is
 * worth at most fit(e, c) − λ_e to the group, plus the coverage of the
 * needs it covers. The scan records, without listing the pool:
 *  - per type, the best pruned experts (class by class: a class's cheapest
 *    pruned member at the class's fit, which bounds every other member —
 *    same fit from that industry, higher price — together with the value of
 *    the next member); a class whose fit cannot enter a full list is only
 *    noted as "dropped";
 *  - per coverage mask, the best value of a pruned expert with that mask
 *    (signature by signature, at the signature's fit less its cheapest
 *    member's price);
 *  - the needs some pruned expert covers.
 * Experts whose fit comes from two or more of the county's industries, or
 * from a wildcard-industry skill, are priced one by one and exactly.
 * Pruned experts that fit none of the county's industries ("fillers", fit 0
 * and no coverage) are worth at most 0 — their affinity rows, if any, make
 * them candidates, never pruned.
 *
 * `pseudoItems` turns a scan into items of the group solver whose optimum
 * bounds the county's subproblem over the whole pool (see there).
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

/** Masks with fewer bits than this are kept in an array; more, in a map. */
const MASK_ARRAY_BITS = 12;

/** The best value per coverage mask seen in a scan. */
class MaskTable {
  private readonly array = new Float64Array(1 << MASK_ARRAY_BITS).fill(-Infinity);
  private readonly touched: number[] = [];
  private readonly map = new Map<number, number>();

  clear(): void {
    for (const m of this.touched) this.array[m] = -Infinity;
    this.touched.length = 0;
    this.map.clear();
  }

  get(mask: number): number {
    if (mask < 1 << MASK_ARRAY_BITS) return this.array[mask]!;
    return this.map.get(mask) ?? -Infinity;
  }

  offer(mask: number, value: number): void {
    if (mask < 1 << MASK_ARRAY_BITS) {
      const old = this.array[mask]!;
      if (old === -Infinity) this.touched.push(mask);
      if (value > old) this.array[mask] = value;
    } else if (value > (this.map.get(mask) ?? -Infinity)) this.map.set(mask, value);
  }

  /** Every (mask, best value) seen. */
  entries(): [number, number][] {
    const out: [number, number][] = this.touched.map((m) => [m, this.array[m]!]);
    for (const e of this.map) out.push(e);
    return out;
  }
}

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
   * and the value (and expert) of the next member of the same class (−∞ /
   * −1 when none or when the record is an exact one-by-one price). A
   * record's value bounds its expert, and with `second` every other member
   * of its class.
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
  /** Best value of a pruned expert covering each need bit (−∞ when none), and that expert (−1 when not known yet). */
  readonly needValue: Float64Array;
  readonly needExpert: Int32Array;
  /** The signature behind needValue when its expert is still to be picked (−1 otherwise). */
  readonly needSig: Int32Array;
  /** Needs some pruned expert covers. */
  coverable: number;
  /** Per coverage mask of some pruned expert: the best value of a pruned expert with exactly that mask. */
  readonly maskBest: MaskTable;
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
  /** Per signature: members in all its classes, and the lowest price among them. */
  private readonly sigSize: Int32Array;
  private readonly sigMinPrice: Float64Array;
  /** Per signature, during a scan: the county's candidates among its members (valid when sigCandStamp = stamp). */
  private readonly sigCand: Int32Array;
  private readonly sigCandStamp: Int32Array;
  /** Per signature, during a scan: its value Σ weight × match and coverage mask for the county (valid when sigStamp = stamp). */
  private readonly sigStamp: Int32Array;
  private readonly sigHVal: Float64Array;
  private readonly sigMask: Int32Array;
  /** Industry of each signature. */
  private readonly sigIndustry: Int32Array;
  /** Provinces that are partners of the scanned county (= stamp). */
  private readonly eastProv: Int32Array;
  /** One industry's needs of the scanned county (needs are unique per industry and stage, so nStages bounds them). */
  private readonly needStageBuf: Int32Array;
  private readonly needWeightBuf: Float64Array;
  private readonly needBitBuf: Int32Array;
  private stamp = 0;
  private readonly summary: PrunedSummary;
  private topSize = 0;
  /** During a free scan: the load to skip full experts by (prices are then ignored). */
  private load: Int32Array | null = null;
  private active: Float64Array;
  private zero: Float64Array | undefined;
  /** The next offerable member after the last `pick`'s (−1 when none): it bounds the rest of the class. */
  private second = -1;

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
    this.sigSize = new Int32Array(nSig);
    this.sigMinPrice = new Float64Array(nSig);
    for (let g = 0; g < nSig; g++) {
      for (let k = classes.sigClassStart[g]!; k < classes.sigClassStart[g + 1]!; k++) this.sigSize[g]! += classes.sets.start[k + 1]! - classes.sets.start[k]!;
    }
    this.sigCand = new Int32Array(nSig);
    this.sigCandStamp = new Int32Array(nSig);
    this.sigStamp = new Int32Array(nSig);
    this.sigHVal = new Float64Array(nSig);
    this.sigMask = new Int32Array(nSig);
    this.sigIndustry = new Int32Array(nSig);
    for (let i = 0; i + 1 < classes.indSigStart.length; i++) for (let g = classes.indSigStart[i]!; g < classes.indSigStart[i + 1]!; g++) this.sigIndustry[g] = i;
    this.eastProv = new Int32Array(nProv);
    this.needStageBuf = new Int32Array(classes.nStages + 1);
    this.needWeightBuf = new Float64Array(classes.nStages + 1);
    this.needBitBuf = new Int32Array(classes.nStages + 1);
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
      needSig: new Int32Array(MAX_MASK_NEEDS),
      coverable: 0,
      maskBest: new MaskTable(),
      topValue: new Float64Array(256),
      topExpert: new Int32Array(256),
      topType: new Int32Array(256),
      topCount: 0,
    };
  }

  /** Re-sorts the classes and filler sets after the prices of `changed` experts moved. */
  resort(changed: readonly number[]): void {
    const dirty = this.classes.sets.resort(this.price, changed);
    this.fillers.resort(this.price, changed);
    const { classes } = this;
    const sigs = new Set<number>();
    for (const k of dirty) sigs.add(classes.classSig[k]!);
    for (const g of sigs) {
      let min = Infinity;
      for (let k = classes.sigClassStart[g]!; k < classes.sigClassStart[g + 1]!; k++) {
        const a = classes.sets.start[k]!;
        if (a < classes.sets.start[k + 1]!) min = Math.min(min, this.price[classes.sets.members[a]!]!);
      }
      this.sigMinPrice[g] = min === Infinity ? 0 : min;
    }
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

  /** The cheapest member of ranked set k that is offerable to the county (ties rotated by `spin`); −1 if none. Sets `second`. */
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

  private isEastProvince(county: number, province: number): boolean {
    const pool = this.pool;
    for (let k = pool.partnerStart[county]!; k < pool.partnerStart[county + 1]!; k++) if (pool.partnerProvince[k] === province) return true;
    return false;
  }

  /** Records a priced expert (or class) for its type: per-type list, best of type, best overall. */
  private recordType(value: number, expert: number, type: number, second = -Infinity, secondExpert = -1): void {
    const s = this.summary;
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
    if (value > s.typeValue[type]!) {
      s.typeValue[type] = value;
      s.typeExpert[type] = expert;
    }
    const size = this.topSize;
    if (size === 0) return;
    let m = s.topCount;
    if (m === size && value <= s.topValue[m - 1]!) return;
    if (m < size) m++;
    let j = m - 1;
    while (j > 0 && s.topValue[j - 1]! < value) {
      s.topValue[j] = s.topValue[j - 1]!;
      s.topExpert[j] = s.topExpert[j - 1]!;
      s.topType[j] = s.topType[j - 1]!;
      j--;
    }
    s.topValue[j] = value;
    s.topExpert[j] = expert;
    s.topType[j] = type;
    s.topCount = m;
  }

  /** Records coverage: a pruned expert (or, with sig ≥ 0, some pruned member of that signature) with this mask is worth at most `value`. */
  private recordMask(mask: number, value: number, expert: number, sig: number): void {
    if (mask === 0) return;
    const s = this.summary;
    s.coverable |= mask;
    s.maskBest.offer(mask, value);
    for (let b = mask; b !== 0; b &= b - 1) {
      const j = 31 - Math.clz32(b & -b);
      if (expert >= 0 && (this.concreteExpert[j]! < 0 || value > this.concreteValue[j]!)) {
        this.concreteValue[j] = value;
        this.concreteExpert[j] = expert;
      }
      if (value > s.needValue[j]!) {
        s.needValue[j] = value;
        s.needExpert[j] = expert;
        s.needSig[j] = sig;
      }
    }
  }

  /** The value a record must beat to change any type list or the best-overall list (−∞ while one has room). */
  private lowestThreshold(): number {
    const s = this.summary;
    if (this.topSize > 0 && s.topCount < this.topSize) return -Infinity;
    let low = this.topSize > 0 ? s.topValue[this.topSize - 1]! : Infinity;
    for (let t = 0; t < 4; t++) {
      if (s.typeTopCount[t]! < TYPE_TOP) return -Infinity;
      low = Math.min(low, s.typeTopValue[t * TYPE_TOP + TYPE_TOP - 1]!);
    }
    return low;
  }

  /** True when a record of this value could still change the type list of `type` or the best-overall list. */
  private typeMatters(type: number, value: number): boolean {
    const s = this.summary;
    if (this.topSize > 0 && (s.topCount < this.topSize || value > s.topValue[this.topSize - 1]!)) return true;
    return s.typeTopCount[type]! < TYPE_TOP || value > s.typeTopValue[type * TYPE_TOP + TYPE_TOP - 1]!;
  }

  /** Σ weight × match of signature g over the county's needs of its industry (those in the need buffers), with its mask; cached for the scan. */
  private sigValue(g: number, nNeeds: number, stamp: number): number {
    if (this.sigStamp[g] === stamp) return this.sigHVal[g]!;
    const cls = this.classes;
    const row = g * cls.nStages;
    let h = 0;
    let mask = 0;
    for (let j = 0; j < nNeeds; j++) {
      const st = this.needStageBuf[j]!;
      h += this.needWeightBuf[j]! * cls.sigStageValue[row + st]!;
      if (cls.sigStageCover[row + st] === 1 && this.needBitBuf[j]! >= 0) mask |= 1 << this.needBitBuf[j]!;
    }
    this.sigStamp[g] = stamp;
    this.sigHVal[g] = h;
    this.sigMask[g] = mask;
    return h;
  }

  /** Loads one industry's needs of the county into the need buffers; returns how many and their total weight. */
  private loadNeeds(county: number, industry: number): { n: number; weight: number } {
    const pool = this.pool;
    let n = 0;
    let weight = 0;
    for (let k = pool.needStart[county]!; k < pool.needStart[county + 1]!; k++) {
      if (pool.needIndustry[k] !== industry) continue;
      this.needStageBuf[n] = pool.needStage[k]!;
      this.needWeightBuf[n] = pool.needWeight[k]!;
      this.needBitBuf[n++] = pool.needBit[k]!;
      weight += pool.needWeight[k]!;
    }
    return { n, weight };
  }

  /**
   * Scans every pruned expert of the county (through the classes) at the
   * current prices. `top` best pruned experts overall are kept for seeding
   * candidate lists. In a free scan (see `freeMode`) prices are ignored,
   * full experts are skipped, and coverage is recorded only through picked
   * experts (the summary is then no bound).
   */
  scan(county: number, store: CandidateStore, top = 0): PrunedSummary {
    const pool = this.pool;
    const cls = this.classes;
    const stamp = ++this.stamp;
    const s = this.summary;
    const free = this.load !== null;
    s.typeValue.fill(-Infinity);
    s.typeExpert.fill(-1);
    s.needValue.fill(-Infinity);
    s.needExpert.fill(-1);
    s.needSig.fill(-1);
    this.concreteExpert.fill(-1);
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
      if (cls.inPool[e] !== 1) continue;
      candType[(pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (isEastPair(pool, e, county) ? TYPE_EAST : 0)]!++;
      for (let q = cls.sets.setOfStart[e]!; q < cls.sets.setOfStart[e + 1]!; q++) {
        const g = cls.classSig[cls.sets.setOf[q]!]!;
        if (this.sigCandStamp[g] !== stamp) {
          this.sigCandStamp[g] = stamp;
          this.sigCand[g] = 0;
        }
        this.sigCand[g]!++;
      }
    }
    const spin = spinOf(this.seed, county);
    const total = pool.needTotal[county]!;
    const scale = total > 0 ? pool.relevanceWeight / total : 0;
    const industries: number[] = [];
    for (let n = pool.needStart[county]!; n < pool.needStart[county + 1]!; n++) if (!industries.includes(pool.needIndustry[n]!)) industries.push(pool.needIndustry[n]!);

    const eastProv = this.eastProv;
    for (let k = pool.partnerStart[county]!; k < pool.partnerStart[county + 1]!; k++) eastProv[pool.partnerProvince[k]!] = stamp;
    for (const ind of industries) {
      if (ind + 1 >= cls.indSigStart.length) continue;
      const { n: nNeeds } = this.loadNeeds(county, ind);
      for (let g = cls.indSigStart[ind]!; g < cls.indSigStart[ind + 1]!; g++) {
        const base = scale * this.sigValue(g, nNeeds, stamp);
        const mask = this.sigMask[g]!;
        // Coverage, signature-wide: any pruned member is worth at most the fit less the cheapest price.
        const pruned = this.sigSize[g]! - (this.sigCandStamp[g] === stamp ? this.sigCand[g]! : 0);
        if (!free && pruned > 0) this.recordMask(mask, base - this.sigMinPrice[g]!, -1, g);
        // Types, class by class; a class whose best member cannot enter its list is only noted as dropped
        // (and when no class of the signature can, the whole signature is).
        if (!free && base - this.sigMinPrice[g]! <= this.lowestThreshold()) {
          s.typeTopSaturated.fill(1);
          continue;
        }
        for (let k = cls.sigClassStart[g]!; k < cls.sigClassStart[g + 1]!; k++) {
          const a = cls.sets.start[k]!;
          if (a === cls.sets.start[k + 1]! || (free && this.classFree![k] === 0)) continue;
          const type = (cls.classLead[k] === 1 ? TYPE_LEAD : 0) | (cls.classProvince[k]! >= 0 && eastProv[cls.classProvince[k]!] === stamp ? TYPE_EAST : 0);
          const upper = base - this.active[cls.sets.members[a]!]!;
          if (!this.typeMatters(type, upper) && !(free && mask !== 0 && this.improvesNeed(mask, upper))) {
            s.typeTopSaturated[type] = 1;
            continue;
          }
          const e = this.pick(cls.sets, k, county, spin);
          if (e < 0) continue;
          const second = this.second;
          const value = base - this.active[e]!;
          this.recordType(value, e, type, second >= 0 ? base - this.active[second]! : -Infinity, second);
          if (free) this.recordMask(mask, value, e, -1);
        }
      }
    }
    // Experts whose fit comes from two or more of the county's industries: priced one by one (each is
    // passed over when even its fit without price could change nothing recorded so far).
    const nInd = pool.industryNames.length;
    for (let a = 0; a < industries.length; a++) {
      for (let b = 0; b < industries.length; b++) {
        if (industries[a]! >= industries[b]!) continue;
        const mixed = cls.mixed.get(industries[a]! * nInd + industries[b]!);
        if (!mixed) continue;
        const { experts, sigA, sigB, wide } = mixed;
        for (let j = 0; j < experts.length; j++) {
          const e = experts[j]!;
          if (this.seenMark[e] === stamp) continue;
          this.seenMark[e] = stamp;
          let h = this.sigHVal[sigA[j]!]! + this.sigHVal[sigB[j]!]!;
          let mask = this.sigMask[sigA[j]!]! | this.sigMask[sigB[j]!]!;
          if (wide[j] === 1) {
            // Skills in a third industry: sum every signature of the county's industries.
            h = 0;
            mask = 0;
            for (let q = cls.sets.setOfStart[e]!; q < cls.sets.setOfStart[e + 1]!; q++) {
              const g = cls.classSig[cls.sets.setOf[q]!]!;
              if (this.sigStamp[g] !== stamp) continue;
              h += this.sigHVal[g]!;
              mask |= this.sigMask[g]!;
            }
          }
          const upper = scale * h;
          const type = (pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (eastProv[pool.province[e]!] === stamp ? TYPE_EAST : 0);
          const maskDone = free || mask === 0 || ((mask & ~s.coverable) === 0 && s.maskBest.get(mask) >= upper);
          if (maskDone && !this.typeMatters(type, upper) && !(free && mask !== 0 && this.improvesNeed(mask, upper))) {
            s.typeTopSaturated[type] = 1;
            continue;
          }
          if (!this.offerable(county, e)) continue;
          const value = upper - this.active[e]!;
          if (this.typeMatters(type, value)) this.recordType(value, e, type);
          else s.typeTopSaturated[type] = 1;
          this.recordMask(mask, value, e, -1);
        }
      }
    }
    // Wildcard-industry experts match every county: priced exactly.
    for (let j = 0; j < cls.special.length; j++) {
      const e = cls.special[j]!;
      if (!this.offerable(county, e)) continue;
      const type = (pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (isEastPair(pool, e, county) ? TYPE_EAST : 0);
      const value = fitOf(pool, e, county) - this.active[e]!;
      this.recordType(value, e, type);
      this.recordMask(coverMaskOf(pool, e, county), value, e, -1);
    }

    // Which types have any pruned expert at all (fillers included): pool counts minus candidates.
    const typeTotal = this.poolTypeTotals(county);
    for (let t = 0; t < 4; t++) {
      s.typePruned[t] = typeTotal[t]! - candType[t]!;
      s.typeExists[t] = s.typePruned[t]! > 0 ? 1 : 0;
    }
    // The best coverer of each need, where only its signature was recorded: pick one of its members. Its
    // pruned members may all be out of reach (vetoed for the county): then the best other coverer stands in,
    // so that the county's first candidates hold a coverer of every need the pool covers.
    for (let j = 0; j < MAX_MASK_NEEDS; j++) {
      const g = s.needSig[j]!;
      if (g < 0) continue;
      for (let k = cls.sigClassStart[g]!; k < cls.sigClassStart[g + 1]! && s.needExpert[j]! < 0; k++) s.needExpert[j] = this.pick(cls.sets, k, county, spin);
      if (s.needExpert[j]! < 0) s.needExpert[j] = this.otherCoverer(county, j, g, industries, scale, spin, stamp);
    }
    return s;
  }

  /**
   * The best offerable coverer of need bit `j` outside signature `skip`: the
   * best expert recorded one by one, or a member of another signature of the
   * county's industries (cached in this scan); −1 when none.
   */
  private otherCoverer(county: number, j: number, skip: number, industries: readonly number[], scale: number, spin: number, stamp: number): number {
    const cls = this.classes;
    let best = this.concreteExpert[j]!;
    let bestValue = best >= 0 ? this.concreteValue[j]! : -Infinity;
    for (const ind of industries) {
      if (ind + 1 >= cls.indSigStart.length) continue;
      for (let g = cls.indSigStart[ind]!; g < cls.indSigStart[ind + 1]!; g++) {
        if (g === skip || this.sigStamp[g] !== stamp || (this.sigMask[g]! & (1 << j)) === 0) continue;
        for (let k = cls.sigClassStart[g]!; k < cls.sigClassStart[g + 1]!; k++) {
          const e = this.pick(cls.sets, k, county, spin);
          if (e < 0) continue;
          const value = scale * this.sigHVal[g]! - this.active[e]!;
          if (value > bestValue) {
            best = e;
            bestValue = value;
          }
        }
      }
    }
    return best;
  }

  /** True when a pruned expert of this value and mask would be the best free coverer of one of the needs (free scans). */
  private improvesNeed(mask: number, value: number): boolean {
    for (let b = mask; b !== 0; b &= b - 1) if (value > this.summary.needValue[31 - Math.clz32(b & -b)]!) return true;
    return false;
  }

  /**
   * Like `scan`, but for the local search: every expert that still has a
   * free seat under the load of `freeMode` counts at its fit, without
   * prices; full experts are skipped. The summary is not a bound.
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
    if (load === null) return;
    // Classes whose members are all full are passed over without a walk.
    const { sets } = this.classes;
    const cap = this.pool.capacity;
    this.classFree ??= new Int32Array(sets.size);
    for (let k = 0; k < sets.size; k++) {
      let free = 0;
      for (let j = sets.start[k]!; j < sets.start[k + 1]!; j++) if (load[sets.members[j]!]! < cap[sets.members[j]!]!) free++;
      this.classFree[k] = free;
    }
  }

  /** Per need bit, during a scan: the best coverer recorded one by one (not through its signature), and its value. */
  private readonly concreteExpert = new Int32Array(MAX_MASK_NEEDS);
  private readonly concreteValue = new Float64Array(MAX_MASK_NEEDS);

  /** Per class, in free mode: members with a free seat (when freeMode was entered). */
  private classFree: Int32Array | undefined;


  /** Pool experts of each type for this county (plain, East–West, leader-capable, East–West leader-capable), fillers included. */
  private poolTypeTotals(county: number): number[] {
    const pool = this.pool;
    let east = 0;
    let eastLead = 0;
    for (let k = pool.partnerStart[county]!; k < pool.partnerStart[county + 1]!; k++) {
      east += this.provCount[pool.partnerProvince[k]!] ?? 0;
      eastLead += this.provLead[pool.partnerProvince[k]!] ?? 0;
    }
    return [this.poolCount - this.poolLead - east + eastLead, east - eastLead, this.poolLead - eastLead, eastLead];
  }
  /** Bit t set when the pool holds an expert of type t for the county outside its list (without a scan: counts only). */
  prunedTypes(county: number, store: CandidateStore): number {
    const pool = this.pool;
    const candType = [0, 0, 0, 0];
    for (const e of store.lists[county]!.experts) {
      if (this.classes.inPool[e] !== 1) continue;
      candType[(pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (isEastPair(pool, e, county) ? TYPE_EAST : 0)]!++;
    }
    const typeTotal = this.poolTypeTotals(county);
    let out = 0;
    for (let t = 0; t < 4; t++) if (typeTotal[t]! - candType[t]! > 0) out |= 1 << t;
    return out;
  }

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
  const masks = summary.maskBest.entries().sort((a, b) => b[1] - a[1] || a[0] - b[0]);
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
