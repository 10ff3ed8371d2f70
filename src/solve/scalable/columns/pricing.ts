/**
 * Pricing of pruned experts: for one county and the current prices λ, an
 * upper bound on what any expert outside its candidate list could add to
 * its group, found without listing those experts (column generation's
 * pricing step, over the skill classes of `classes.ts`).
 *
 * For county c, a pruned expert e (no affinity row: those are candidates)
 * is worth at most fit(e, c) − λ_e to the group as a member, and
 * fit(e, c) + leaderTerm(e, c) − λ_e as its leader, plus the bits of its
 * mask (needs covered, industries named, its organization type). With
 * rel(e, c) the best match of its skills to the county's needs, A the
 * affinity term of an unrated pair and s the county's same-province points:
 *   fit = relevance · rel + A + s·[same province],   fit + leaderTerm = (relevance + leader) · rel + A.
 * The scan records, without listing the pool:
 *  - per type (leader level × East–West), the best pruned experts as
 *    members, and per East–West kind the best as leaders (class by class: a
 *    class's cheapest pruned member at the class's value, which bounds every
 *    other member — same skills, province and organization type, higher
 *    price — together with the value of the next member); a class whose
 *    values cannot enter full lists is only noted as "dropped";
 *  - per mask, the best value of a pruned expert with that mask, as member
 *    and as leader (class by class, at the class's value less its cheapest
 *    member's price);
 *  - per organization type, the best value of a pruned expert of that type;
 *  - the bits some pruned expert earns.
 * Experts with skills in two or more of the county's industries, or a
 * wildcard-industry skill, are priced one by one and exactly. Pruned
 * experts with no skill in the county's industries ("fillers": rel 0, only
 * their organization type's bit) are bounded per province and level from
 * the cheapest price in the pool's filler sets.
 *
 * Under `consent: 'required'` no expert without a row may serve, and every
 * one with a row is a candidate: nothing is pruned, and the scan is empty.
 *
 * `pseudo-items.ts` turns a scan into items of the group solver whose
 * optimum bounds the county's subproblem over the whole pool.
 */
import type { SkillClasses } from '../model/classes.js';
import type { CandidateStore } from './candidates.js';
import { canLeadOf, coverMaskOf, eligible, fitOf, isEastPair, leaderTermOf, MAX_MASK_NEEDS, N_ORG_TYPES, type Pool } from '../model/pool.js';
import { RankedSets, spinOf } from '../model/ranked-sets.js';
import { TopList, TypedMaskTable } from './scan-tables.js';

/** Type bit: may lead. */
export const TYPE_LEAD = 2;
/** Type bit: from an eastern partner province of the county. */
export const TYPE_EAST = 1;

/** What the scan found for one county; reused between scans (copy what you keep). */
export interface PrunedSummary {
  /** Best value (fit − λ) of a pruned relevant expert per type, −∞ when none. */
  readonly typeValue: Float64Array;
  readonly typeExpert: Int32Array;
  /** 1 when some pruned expert (relevant or filler) of the type exists. */
  readonly typeExists: Uint8Array;
  /** How many pruned experts (relevant or filler) of each type there are. */
  readonly typePruned: Int32Array;
  /** Per type, the best records as members (value desc). */
  readonly typeTop: readonly TopList[];
  /** Per East–West kind (0 not, 1 from a partner province), the best records as leaders (fit + leader term − λ). */
  readonly leadTop: readonly TopList[];
  /** Per type: a bound on pruned fillers as members (−∞ when none). */
  readonly fillerValue: Float64Array;
  /** Per East–West kind: a bound on pruned fillers as leaders (−∞ when none may lead). */
  readonly fillerLead: Float64Array;
  /** Experts `pseudoItems` represented one by one. */
  readonly individuals: Set<number>;
  /** Best value of a pruned expert earning each bit (−∞ when none), and that expert (−1 when not known yet). */
  readonly needValue: Float64Array;
  readonly needExpert: Int32Array;
  /** The class behind needValue when its expert is still to be picked (−1 otherwise). */
  readonly needClass: Int32Array;
  /** Per organization type: the best value of a pruned expert of the type as a member (−∞ when none), that expert (−1 when not known yet), the class behind it (−1 otherwise). */
  readonly orgValue: Float64Array;
  readonly orgExpert: Int32Array;
  readonly orgClass: Int32Array;
  /** Bits some pruned expert earns. */
  coverable: number;
  /** Per (mask, organization type) of some pruned expert: the best value of a pruned expert with exactly that mask and type, as member and as leader. */
  readonly maskBest: TypedMaskTable;
  readonly leadMaskBest: TypedMaskTable;
  /** The best pruned experts overall (as members), best first: topExpert[0 … topCount−1]. */
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
  /** Per signature: the lowest price among its members, and 1 when some class of it may lead. */
  private readonly sigMinPrice: Float64Array;
  private readonly sigLead: Uint8Array;
  /** Per class, during a scan: the county's candidates among its members (valid when classCandStamp = stamp). */
  private readonly classCand: Int32Array;
  private readonly classCandStamp: Int32Array;
  /** Per signature, during a scan: its best match rel for the county and its mask without organization type (valid when sigStamp = stamp). */
  private readonly sigStamp: Int32Array;
  private readonly sigRel: Float64Array;
  private readonly sigMask: Int32Array;
  /** Organization types present in the pool (bit t for type t). */
  private readonly poolOrgTypes: number;
  /** Provinces that are partners of the scanned county (= stamp). */
  private readonly eastProv: Int32Array;
  /** One industry's needs of the scanned county (needs are unique per industry and stage, so nStages bounds them). */
  private readonly needStageBuf: Int32Array;
  private readonly needAnyBuf: Int32Array;
  private readonly needNamedBuf: Int32Array;
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
    let orgTypes = 0;
    for (let e = 0; e < nE; e++) {
      if (classes.inPool[e] !== 1) continue;
      const p = pool.province[e]!;
      const l = pool.leaderLevel[e]!;
      count++;
      lead += l;
      this.provCount[p]!++;
      this.provLead[p]! += l;
      lists[2 * p + l]!.push(e);
      if (pool.orgType[e]! >= 0) orgTypes |= 1 << pool.orgType[e]!;
    }
    this.poolCount = count;
    this.poolLead = lead;
    this.poolOrgTypes = orgTypes;
    this.fillers = new RankedSets(nE, lists);
    this.candMark = new Int32Array(nE);
    this.seenMark = new Int32Array(nE);
    const nSig = classes.sigClassStart.length - 1;
    this.sigMinPrice = new Float64Array(nSig);
    this.sigLead = new Uint8Array(nSig);
    for (let g = 0; g < nSig; g++) for (let k = classes.sigClassStart[g]!; k < classes.sigClassStart[g + 1]!; k++) if (classes.classLead[k] === 1) this.sigLead[g] = 1;
    this.classCand = new Int32Array(classes.sets.size);
    this.classCandStamp = new Int32Array(classes.sets.size);
    this.sigStamp = new Int32Array(nSig);
    this.sigRel = new Float64Array(nSig);
    this.sigMask = new Int32Array(nSig);
    this.eastProv = new Int32Array(nProv);
    this.needStageBuf = new Int32Array(classes.nStages + 1);
    this.needAnyBuf = new Int32Array(classes.nStages + 1);
    this.needNamedBuf = new Int32Array(classes.nStages + 1);
    this.summary = {
      typeValue: new Float64Array(4),
      typeExpert: new Int32Array(4),
      typeExists: new Uint8Array(4),
      typePruned: new Int32Array(4),
      typeTop: Array.from({ length: 4 }, () => new TopList()),
      leadTop: Array.from({ length: 2 }, () => new TopList()),
      fillerValue: new Float64Array(4),
      fillerLead: new Float64Array(2),
      individuals: new Set<number>(),
      needValue: new Float64Array(MAX_MASK_NEEDS),
      needExpert: new Int32Array(MAX_MASK_NEEDS),
      needClass: new Int32Array(MAX_MASK_NEEDS),
      orgValue: new Float64Array(N_ORG_TYPES),
      orgExpert: new Int32Array(N_ORG_TYPES),
      orgClass: new Int32Array(N_ORG_TYPES),
      coverable: 0,
      maskBest: new TypedMaskTable(),
      leadMaskBest: new TypedMaskTable(),
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

  /** True when the expert may be offered to the county: not a candidate yet, eligible (veto, consent), and (in a free scan) not full. */
  private offerable(county: number, e: number): boolean {
    if (this.candMark[e] === this.stamp || !eligible(this.pool, e, county)) return false;
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

  /** Records a priced expert (or class) as a member for its type: per-type list, best of type, best overall. */
  private recordType(value: number, expert: number, type: number, second = -Infinity, secondExpert = -1): void {
    const s = this.summary;
    s.typeTop[type]!.offer(value, expert, second, secondExpert);
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

  /** Records bits: a pruned expert (or, with cls ≥ 0, some pruned member of that class) with this mask and organization type is worth at most `value` as a member. */
  private recordMask(mask: number, orgType: number, value: number, expert: number, cls: number): void {
    if (mask === 0) return;
    const s = this.summary;
    s.coverable |= mask;
    s.maskBest.offer(mask, orgType, value);
    for (let b = mask; b !== 0; b &= b - 1) {
      const j = 31 - Math.clz32(b & -b);
      if (expert >= 0 && (this.concreteExpert[j]! < 0 || value > this.concreteValue[j]!)) {
        this.concreteValue[j] = value;
        this.concreteExpert[j] = expert;
      }
      if (value > s.needValue[j]!) {
        s.needValue[j] = value;
        s.needExpert[j] = expert;
        s.needClass[j] = cls;
      }
    }
  }

  /** The value a record must beat to change any member list or the best-overall list (−∞ while one has room). */
  private lowestThreshold(): number {
    const s = this.summary;
    if (this.topSize > 0 && s.topCount < this.topSize) return -Infinity;
    let low = this.topSize > 0 ? s.topValue[this.topSize - 1]! : Infinity;
    for (let t = 0; t < 4; t++) low = Math.min(low, s.typeTop[t]!.threshold());
    return low;
  }

  /** The value a leader record must beat to change a leader list (−∞ while one has room). */
  private lowestLeadThreshold(): number {
    const s = this.summary;
    return Math.min(s.leadTop[0]!.threshold(), s.leadTop[1]!.threshold());
  }

  /** True when a record of this value could still change the member list of `type` or the best-overall list. */
  private typeMatters(type: number, value: number): boolean {
    const s = this.summary;
    if (this.topSize > 0 && (s.topCount < this.topSize || value > s.topValue[this.topSize - 1]!)) return true;
    return s.typeTop[type]!.admits(value);
  }

  /** Rel and mask (without organization type) of signature g for the county: its best match over the county's needs of its industry (those in the need buffers); cached for the scan. */
  private sigValue(g: number, nNeeds: number, stamp: number, industryMask: number): number {
    if (this.sigStamp[g] === stamp) return this.sigRel[g]!;
    const cls = this.classes;
    const row = g * cls.nStages;
    let rel = 0;
    let mask = industryMask;
    for (let j = 0; j < nNeeds; j++) {
      const st = this.needStageBuf[j]!;
      rel = Math.max(rel, cls.sigStageValue[row + st]!);
      // A skill in the need's industry covering its stage is a named cover: both of the need's bits.
      if (cls.sigStageCover[row + st] === 1) {
        if (this.needAnyBuf[j]! >= 0) mask |= 1 << this.needAnyBuf[j]!;
        if (this.needNamedBuf[j]! >= 0) mask |= 1 << this.needNamedBuf[j]!;
      }
    }
    this.sigStamp[g] = stamp;
    this.sigRel[g] = rel;
    this.sigMask[g] = mask;
    return rel;
  }

  /** Loads one industry's needs of the county into the need buffers; returns how many. */
  private loadNeeds(county: number, industry: number): number {
    const pool = this.pool;
    let n = 0;
    for (let k = pool.needStart[county]!; k < pool.needStart[county + 1]!; k++) {
      if (pool.needIndustry[k] !== industry) continue;
      this.needStageBuf[n] = pool.needStage[k]!;
      this.needAnyBuf[n] = pool.needAnyBit[k]!;
      this.needNamedBuf[n++] = pool.needNamedBit[k]!;
    }
    return n;
  }

  /** Empties the summary for a new scan. */
  private reset(): void {
    const s = this.summary;
    s.typeValue.fill(-Infinity);
    s.typeExpert.fill(-1);
    s.typeExists.fill(0);
    s.typePruned.fill(0);
    for (const l of s.typeTop) l.clear();
    for (const l of s.leadTop) l.clear();
    s.fillerValue.fill(-Infinity);
    s.fillerLead.fill(-Infinity);
    s.needValue.fill(-Infinity);
    s.needExpert.fill(-1);
    s.needClass.fill(-1);
    s.orgValue.fill(-Infinity);
    s.orgExpert.fill(-1);
    s.orgClass.fill(-1);
    this.concreteExpert.fill(-1);
    s.coverable = 0;
    s.maskBest.clear();
    s.leadMaskBest.clear();
    s.topCount = 0;
    s.individuals.clear();
  }

  /** Every list noted as having dropped records. */
  private saturateAll(): void {
    for (const l of this.summary.typeTop) l.saturated = true;
    for (const l of this.summary.leadTop) l.saturated = true;
  }

  /**
   * Scans every pruned expert of the county (through the classes) at the
   * current prices. `top` best pruned experts overall are kept for seeding
   * candidate lists. In a free scan (see `freeMode`) prices are ignored,
   * full experts are skipped, and bits are recorded only through picked
   * experts (the summary is then no bound).
   */
  scan(county: number, store: CandidateStore, top = 0): PrunedSummary {
    const pool = this.pool;
    const cls = this.classes;
    const stamp = ++this.stamp;
    const s = this.summary;
    const free = this.load !== null;
    this.reset();
    this.topSize = Math.min(top, s.topValue.length);
    const list = store.lists[county]!;
    const candType = [0, 0, 0, 0];
    for (let i = 0; i < list.experts.length; i++) {
      const e = list.experts[i]!;
      this.candMark[e] = stamp;
      if (cls.inPool[e] !== 1) continue;
      candType[(pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (isEastPair(pool, e, county) ? TYPE_EAST : 0)]!++;
      for (let q = cls.sets.setOfStart[e]!; q < cls.sets.setOfStart[e + 1]!; q++) {
        const k = cls.sets.setOf[q]!;
        if (this.classCandStamp[k] !== stamp) {
          this.classCandStamp[k] = stamp;
          this.classCand[k] = 0;
        }
        this.classCand[k]!++;
      }
    }
    // Every expert who may serve under required consent has a row, and so is a candidate: nothing is pruned.
    if (pool.consentRequired) return s;
    const spin = spinOf(this.seed, county);
    const cp = pool.countyProvince[county]!;
    const sp = pool.sameProvincePoints[county]!;
    const unrated = pool.unratedAffinity;
    const wr = pool.relevanceWeight;
    const wl = pool.leaderWeight;
    const industries: number[] = [];
    for (let k = pool.industryStart[county]!; k < pool.industryStart[county + 1]!; k++) industries.push(pool.industryId[k]!);

    const eastProv = this.eastProv;
    for (let k = pool.partnerStart[county]!; k < pool.partnerStart[county + 1]!; k++) eastProv[pool.partnerProvince[k]!] = stamp;
    for (let ii = 0; ii < industries.length; ii++) {
      const ind = industries[ii]!;
      if (ind + 1 >= cls.indSigStart.length) continue;
      const bit = pool.industryBit[pool.industryStart[county]! + ii]!;
      const nNeeds = this.loadNeeds(county, ind);
      for (let g = cls.indSigStart[ind]!; g < cls.indSigStart[ind + 1]!; g++) {
        const rel = this.sigValue(g, nNeeds, stamp, bit >= 0 ? 1 << bit : 0);
        const smask = this.sigMask[g]!;
        const memberBase = wr * rel + unrated;
        const leadBase = (wr + wl) * rel + unrated;
        // Bits, class by class: any pruned member is worth at most the class's value less its cheapest price.
        if (!free) {
          for (let k = cls.sigClassStart[g]!; k < cls.sigClassStart[g + 1]!; k++) {
            const a = cls.sets.start[k]!;
            const size = cls.sets.start[k + 1]! - a;
            if (size - (this.classCandStamp[k] === stamp ? this.classCand[k]! : 0) <= 0) continue;
            const cheapest = this.price[cls.sets.members[a]!]!;
            const same = cls.classProvince[k] === cp ? sp : 0;
            this.recordMask(smask, cls.classOrgType[k]!, memberBase + same - cheapest, -1, k);
            this.recordOrgType(cls.classOrgType[k]!, memberBase + same - cheapest, -1, k);
            if (cls.classLead[k] === 1) s.leadMaskBest.offer(smask, cls.classOrgType[k]!, leadBase - cheapest);
          }
        }
        // Types, class by class; a class whose best member cannot enter its lists is only noted as dropped
        // (and when no class of the signature can, the whole signature is).
        if (!free && memberBase + sp - this.sigMinPrice[g]! <= this.lowestThreshold() && (this.sigLead[g] === 0 || leadBase - this.sigMinPrice[g]! <= this.lowestLeadThreshold())) {
          this.saturateAll();
          continue;
        }
        for (let k = cls.sigClassStart[g]!; k < cls.sigClassStart[g + 1]!; k++) {
          const a = cls.sets.start[k]!;
          if (a === cls.sets.start[k + 1]! || (free && this.classFree![k] === 0)) continue;
          const prov = cls.classProvince[k]!;
          const east = prov >= 0 && eastProv[prov] === stamp ? 1 : 0;
          const lead = cls.classLead[k] === 1;
          const type = (lead ? TYPE_LEAD : 0) | (east === 1 ? TYPE_EAST : 0);
          const base = memberBase + (prov === cp ? sp : 0);
          const kmask = smask;
          const front = this.active[cls.sets.members[a]!]!;
          const upper = base - front;
          if (!this.typeMatters(type, upper) && !(lead && s.leadTop[east]!.admits(leadBase - front)) && !(free && kmask !== 0 && this.improvesNeed(kmask, upper))) {
            s.typeTop[type]!.saturated = true;
            if (lead) s.leadTop[east]!.saturated = true;
            continue;
          }
          const e = this.pick(cls.sets, k, county, spin);
          if (e < 0) continue;
          const second = this.second;
          const value = base - this.active[e]!;
          this.recordType(value, e, type, second >= 0 ? base - this.active[second]! : -Infinity, second);
          if (lead) this.recordLead(leadBase - this.active[e]!, e, east, second >= 0 ? leadBase - this.active[second]! : -Infinity, second);
          if (free) {
            this.recordMask(kmask, cls.classOrgType[k]!, value, e, -1);
            this.recordOrgType(cls.classOrgType[k]!, value, e, -1);
          }
        }
      }
    }
    // Experts with skills in two or more of the county's industries: priced one by one (each is passed over
    // when even its value without price could change nothing recorded so far).
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
          let rel = Math.max(this.sigRel[sigA[j]!]!, this.sigRel[sigB[j]!]!);
          let mask = this.sigMask[sigA[j]!]! | this.sigMask[sigB[j]!]!;
          if (wide[j] === 1) {
            // Skills in a third industry: every signature of the county's industries counts.
            rel = 0;
            mask = 0;
            for (let q = cls.sets.setOfStart[e]!; q < cls.sets.setOfStart[e + 1]!; q++) {
              const g = cls.classSig[cls.sets.setOf[q]!]!;
              if (this.sigStamp[g] !== stamp) continue;
              rel = Math.max(rel, this.sigRel[g]!);
              mask |= this.sigMask[g]!;
            }
          }
          const upper = wr * rel + unrated + (pool.province[e] === cp ? sp : 0);
          const lead = pool.leaderLevel[e] === 1;
          const leadUpper = (wr + wl) * rel + unrated;
          const east = eastProv[pool.province[e]!] === stamp ? 1 : 0;
          const type = (lead ? TYPE_LEAD : 0) | (east === 1 ? TYPE_EAST : 0);
          const orgType = pool.orgType[e]!;
          const orgDone = orgType < 0 || s.orgValue[orgType]! >= upper;
          const maskDone = free || ((mask === 0 || ((mask & ~s.coverable) === 0 && s.maskBest.get(mask, orgType) >= upper && (!lead || s.leadMaskBest.get(mask, orgType) >= leadUpper))) && orgDone);
          if (maskDone && !this.typeMatters(type, upper) && !(lead && s.leadTop[east]!.admits(leadUpper)) && !(free && mask !== 0 && this.improvesNeed(mask, upper))) {
            s.typeTop[type]!.saturated = true;
            if (lead) s.leadTop[east]!.saturated = true;
            continue;
          }
          if (!this.offerable(county, e)) continue;
          const value = upper - this.active[e]!;
          this.recordType(value, e, type);
          this.recordMask(mask, orgType, value, e, -1);
          this.recordOrgType(orgType, value, e, -1);
          if (lead) {
            this.recordLead(leadUpper - this.active[e]!, e, east);
            if (!free) s.leadMaskBest.offer(mask, orgType, leadUpper - this.active[e]!);
          }
        }
      }
    }
    // Wildcard-industry experts match every county: priced exactly.
    for (let j = 0; j < cls.special.length; j++) {
      const e = cls.special[j]!;
      if (!this.offerable(county, e)) continue;
      const east = isEastPair(pool, e, county) ? 1 : 0;
      const type = (pool.leaderLevel[e] === 1 ? TYPE_LEAD : 0) | (east === 1 ? TYPE_EAST : 0);
      const value = fitOf(pool, e, county) - this.active[e]!;
      const mask = coverMaskOf(pool, e, county);
      this.recordType(value, e, type);
      this.recordMask(mask, pool.orgType[e]!, value, e, -1);
      this.recordOrgType(pool.orgType[e]!, value, e, -1);
      if (canLeadOf(pool, e, county)) {
        const leads = value + leaderTermOf(pool, e, county);
        this.recordLead(leads, e, east);
        if (!free) s.leadMaskBest.offer(mask, pool.orgType[e]!, leads);
      }
    }
    if (!free) this.boundFillers(county, unrated, sp, cp);

    // Which types have any pruned expert at all (fillers included): pool counts minus candidates.
    const typeTotal = this.poolTypeTotals(county);
    for (let t = 0; t < 4; t++) {
      s.typePruned[t] = typeTotal[t]! - candType[t]!;
      s.typeExists[t] = s.typePruned[t]! > 0 ? 1 : 0;
    }
    // The best holder of each bit, where only its class was recorded: pick one of its members. Its pruned
    // members may all be out of reach (vetoed for the county): then the best other holder stands in, so that
    // the county's first candidates hold a holder of every bit the pool offers.
    for (let j = 0; j < MAX_MASK_NEEDS; j++) {
      const k = s.needClass[j]!;
      if (k < 0) continue;
      s.needExpert[j] = this.pick(cls.sets, k, county, spin);
      if (s.needExpert[j]! < 0) s.needExpert[j] = this.otherCoverer(county, j, k, industries, spin, stamp);
    }
    for (let t = 0; t < N_ORG_TYPES; t++) if (s.orgClass[t]! >= 0) s.orgExpert[t] = this.pick(cls.sets, s.orgClass[t]!, county, spin);
    return s;
  }

  /** Records a priced expert (or class) as a leader for its East–West kind. */
  private recordLead(value: number, expert: number, east: number, second = -Infinity, secondExpert = -1): void {
    this.summary.leadTop[east]!.offer(value, expert, second, secondExpert);
  }

  /**
   * Bounds on the pruned fillers (no skill in the county's industries: rel
   * 0, no bit), per type as members and per East–West kind as leaders: the
   * unrated affinity term, the same-province points in the county's own
   * province, less the cheapest price of the pool's experts of the province
   * and level (a lower bound on a filler's); and, for every organization
   * type of the pool, the best of them.
   */
  private boundFillers(county: number, unrated: number, sp: number, cp: number): void {
    const s = this.summary;
    const pool = this.pool;
    const sets = this.fillers;
    for (let p = 0; p < pool.provinceNames.length; p++) {
      const east = this.isEastProvince(county, p) ? 1 : 0;
      for (let l = 0; l < 2; l++) {
        const k = 2 * p + l;
        if (sets.start[k] === sets.start[k + 1]) continue;
        const cheapest = this.price[sets.members[sets.start[k]!]!]!;
        const t = (l === 1 ? TYPE_LEAD : 0) | (east === 1 ? TYPE_EAST : 0);
        s.fillerValue[t] = Math.max(s.fillerValue[t]!, unrated + (p === cp ? sp : 0) - cheapest);
        if (l === 1 && !pool.leaderSkillRequired) s.fillerLead[east] = Math.max(s.fillerLead[east]!, unrated - cheapest);
      }
    }
    let member = -Infinity;
    for (let t = 0; t < 4; t++) member = Math.max(member, s.fillerValue[t]!);
    // A filler may be of any type the pool has (not known without a walk).
    if (member > -Infinity) for (let t = 0; t < N_ORG_TYPES; t++) if ((this.poolOrgTypes & (1 << t)) !== 0 && member > s.orgValue[t]!) s.orgValue[t] = member;
  }

  /** Records an organization type: a pruned expert (or, with cls ≥ 0, some pruned member of that class) of type t is worth at most `value`. */
  private recordOrgType(t: number, value: number, expert: number, cls: number): void {
    const s = this.summary;
    if (t < 0 || !(value > s.orgValue[t]!)) return;
    s.orgValue[t] = value;
    s.orgExpert[t] = expert;
    s.orgClass[t] = cls;
  }

  /**
   * The best offerable holder of bit `j` outside class `skip`: the best
   * expert recorded one by one, or a member of another class of the
   * county's industries (cached in this scan); −1 when none.
   */
  private otherCoverer(county: number, j: number, skip: number, industries: readonly number[], spin: number, stamp: number): number {
    const cls = this.classes;
    const pool = this.pool;
    let best = this.concreteExpert[j]!;
    let bestValue = best >= 0 ? this.concreteValue[j]! : -Infinity;
    for (const ind of industries) {
      if (ind + 1 >= cls.indSigStart.length) continue;
      for (let g = cls.indSigStart[ind]!; g < cls.indSigStart[ind + 1]!; g++) {
        if (this.sigStamp[g] !== stamp) continue;
        for (let k = cls.sigClassStart[g]!; k < cls.sigClassStart[g + 1]!; k++) {
          if (k === skip || (this.sigMask[g]! & (1 << j)) === 0) continue;
          const e = this.pick(cls.sets, k, county, spin);
          if (e < 0) continue;
          const value = pool.relevanceWeight * this.sigRel[g]! - this.active[e]!;
          if (value > bestValue) {
            best = e;
            bestValue = value;
          }
        }
      }
    }
    return best;
  }

  /** True when a pruned expert of this value and mask would be the best free holder of one of its bits (free scans). */
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

  /** Per bit, during a scan: the best holder recorded one by one (not through its class), and its value. */
  private readonly concreteExpert = new Int32Array(MAX_MASK_NEEDS);
  private readonly concreteValue = new Float64Array(MAX_MASK_NEEDS);

  /** Per class, in free mode: members with a free seat (when freeMode was entered). */
  private classFree: Int32Array | undefined;

  /** Pool experts of each type for this county (plain, East–West, leader-level, East–West leader-level), fillers included. */
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
    if (pool.consentRequired) return 0;
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
    if (pool.consentRequired) return -1;
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
  return summary.typeTop[type]!.next(summary.individuals);
}

/** The best pruned leaders of an East–West kind (0 or 1) other than the individuals, best first. */
export function nextLeaders(summary: PrunedSummary, east: number): number[] {
  return summary.leadTop[east]!.next(summary.individuals);
}
