/**
 * The round compiled into typed arrays for the scalable solver: experts,
 * skills, needs and quotas as integers and floats, so that the hot loops
 * (pricing scans, subproblems) never touch a string or a Map.
 *
 * `fitOf` and `coverMaskOf` reproduce `memberFit` and `coveredNeedIndices`
 * of `src/objective/score.ts` operation for operation, so that the scores the
 * solver optimizes are the scores the checker recomputes.
 */
import { ANY } from '../../model/vocabulary.js';
import type { RoundContext } from '../../rules/context.js';
import { capacityOf } from '../../rules/h2-capacity.js';
import { groupSizeBounds } from '../../rules/h3-group-size.js';
import { partnersOf } from '../../rules/h6-east-west.js';

/**
 * Needs of one county that get a bit in the subproblem's coverage mask.
 * Required needs get bits first, then the heaviest; a need beyond the limit
 * (a county listing more than 31 needs) is left out of the search and its
 * points are added to the county's bound instead, which keeps the bound
 * valid and only costs optimality on such unusual counties.
 */
export const MAX_MASK_NEEDS = 31;

/** Sentinel of `home` for a local scientist of a county outside the round: eligible nowhere (H5). */
export const HOME_ELSEWHERE = -2;

/** The compiled round. Expert and county positions are those of `ctx.experts` and `ctx.counties`. */
export interface Pool {
  readonly ctx: RoundContext;
  readonly nExperts: number;
  readonly nCounties: number;
  /** True in affinity mode: the objective is exactly Σ affinity. */
  readonly affinityMode: boolean;
  /** Weight of rel(e, c) in fit (0 in affinity mode). */
  readonly relevanceWeight: number;
  /** Weight of the affinity score in fit (1 in affinity mode). */
  readonly affinityWeight: number;
  /** Points per unit of need weight covered (0 in affinity mode). */
  readonly coverageWeight: number;
  /** S4 penalty per member beyond the organization limit (0 in affinity mode). */
  readonly organizationPenalty: number;

  /** H2 capacity per expert; 0 means the expert may serve nobody. */
  readonly capacity: Int32Array;
  /** 1 when the expert's level may lead (H4, before the local exception). */
  readonly leaderLevel: Uint8Array;
  /** Interned province per expert. */
  readonly province: Int32Array;
  /** Interned organization per expert, −1 for none (S4 does not count empty names). */
  readonly organization: Int32Array;
  /** County position of a local scientist's home county, −1 for none, `HOME_ELSEWHERE` for a county outside the round. */
  readonly home: Int32Array;
  /** Skills of expert e are positions skillStart[e] … skillStart[e+1]−1. */
  readonly skillStart: Int32Array;
  readonly skillIndustry: Int32Array;
  readonly skillStage: Int32Array;
  readonly skillProficiency: Float64Array;
  /** Interned id of the wildcard `*` among industries and among stages. */
  readonly anyIndustry: number;
  readonly anyStage: number;
  /** Interned industry names, by id. */
  readonly industryNames: readonly string[];
  /** Interned stage names, by id. */
  readonly stageNames: readonly string[];
  /** Interned province names, by id. */
  readonly provinceNames: readonly string[];

  /** Needs of county c are positions needStart[c] … needStart[c+1]−1, in `needsOf` order. */
  readonly needStart: Int32Array;
  readonly needIndustry: Int32Array;
  readonly needStage: Int32Array;
  readonly needWeight: Float64Array;
  readonly needRequired: Uint8Array;
  /** Bit of each need in its county's coverage mask, −1 for a need left out of the mask (see MAX_MASK_NEEDS). */
  readonly needBit: Int8Array;
  /** Per county: required needs without a bit (then the county cannot be solved here). */
  readonly unmaskedRequired: Int32Array;
  /** Σ need weights per county (the denominator of rel). */
  readonly needTotal: Float64Array;
  /** Eastern partner provinces of county c: partnerProvince[partnerStart[c] … partnerStart[c+1]−1]. */
  readonly partnerStart: Int32Array;
  readonly partnerProvince: Int32Array;
  readonly sizeMin: Int32Array;
  readonly sizeMax: Int32Array;
  /** Affinity rows of county c: affExpert/affScore/affVeto[affStart[c] … affStart[c+1]−1], sorted by expert. */
  readonly affStart: Int32Array;
  readonly affExpert: Int32Array;
  readonly affScore: Float64Array;
  readonly affVeto: Uint8Array;
}

class Interner {
  readonly names: string[] = [];
  private readonly ids = new Map<string, number>();
  id(name: string): number {
    let id = this.ids.get(name);
    if (id === undefined) {
      id = this.names.length;
      this.names.push(name);
      this.ids.set(name, id);
    }
    return id;
  }
}

/** Compiles the round. Linear in the size of the input. */
export function compilePool(ctx: RoundContext): Pool {
  const { experts, counties, options } = ctx;
  const nE = experts.length;
  const nC = counties.length;
  const industries = new Interner();
  const stages = new Interner();
  const provinces = new Interner();
  const organizations = new Interner();
  const anyIndustry = industries.id(ANY);
  const anyStage = stages.id(ANY);

  const capacity = new Int32Array(nE);
  const leaderLevel = new Uint8Array(nE);
  const province = new Int32Array(nE);
  const organization = new Int32Array(nE);
  const home = new Int32Array(nE);
  const skillStart = new Int32Array(nE + 1);
  let nSkills = 0;
  for (let e = 0; e < nE; e++) nSkills += ctx.skillsByExpert.get(experts[e]!.id)?.length ?? 0;
  const skillIndustry = new Int32Array(nSkills);
  const skillStage = new Int32Array(nSkills);
  const skillProficiency = new Float64Array(nSkills);
  let s = 0;
  for (let e = 0; e < nE; e++) {
    const x = experts[e]!;
    capacity[e] = capacityOf(ctx, x);
    leaderLevel[e] = options.leaderLevels.includes(x.level) ? 1 : 0;
    province[e] = provinces.id(x.province);
    organization[e] = x.organization ? organizations.id(x.organization) : -1;
    home[e] = x.homeCounty === undefined ? -1 : (ctx.countyIndex.get(x.homeCounty) ?? HOME_ELSEWHERE);
    skillStart[e] = s;
    for (const k of ctx.skillsByExpert.get(x.id) ?? []) {
      skillIndustry[s] = industries.id(k.industry);
      skillStage[s] = stages.id(k.stage);
      skillProficiency[s] = k.proficiency;
      s++;
    }
  }
  skillStart[nE] = s;

  const needStart = new Int32Array(nC + 1);
  let nNeeds = 0;
  for (const c of counties) nNeeds += ctx.needsByCounty.get(c.id)?.length ?? 0;
  const needIndustry = new Int32Array(nNeeds);
  const needStage = new Int32Array(nNeeds);
  const needWeight = new Float64Array(nNeeds);
  const needRequired = new Uint8Array(nNeeds);
  const needTotal = new Float64Array(nC);
  const partnerStart = new Int32Array(nC + 1);
  const partnerList: number[] = [];
  const sizeMin = new Int32Array(nC);
  const sizeMax = new Int32Array(nC);
  const affStart = new Int32Array(nC + 1);
  const affE: number[] = [];
  const affS: number[] = [];
  const affV: number[] = [];
  let n = 0;
  for (let c = 0; c < nC; c++) {
    const county = counties[c]!;
    needStart[c] = n;
    let total = 0;
    for (const need of ctx.needsByCounty.get(county.id) ?? []) {
      needIndustry[n] = industries.id(need.industry);
      needStage[n] = stages.id(need.stage);
      needWeight[n] = need.weight;
      needRequired[n] = need.required ? 1 : 0;
      total += need.weight;
      n++;
    }
    needTotal[c] = total;
    partnerStart[c] = partnerList.length;
    for (const p of new Set(partnersOf(ctx, county))) partnerList.push(provinces.id(p));
    const size = groupSizeBounds(ctx, county);
    sizeMin[c] = size.min;
    sizeMax[c] = size.max;
    affStart[c] = affE.length;
    const rows: [number, number, number][] = [];
    for (const a of ctx.affinityByCounty.get(county.id)?.values() ?? []) {
      const e = ctx.expertIndex.get(a.expertId);
      if (e !== undefined) rows.push([e, a.score, a.veto ? 1 : 0]);
    }
    rows.sort((a, b) => a[0] - b[0]);
    for (const [e, score, veto] of rows) {
      affE.push(e);
      affS.push(score);
      affV.push(veto);
    }
  }
  needStart[nC] = n;
  partnerStart[nC] = partnerList.length;
  const needBit = new Int8Array(nNeeds).fill(-1);
  const unmaskedRequired = new Int32Array(nC);
  for (let c = 0; c < nC; c++) {
    const order: number[] = [];
    for (let k = needStart[c]!; k < needStart[c + 1]!; k++) order.push(k);
    order.sort((a, b) => needRequired[b]! - needRequired[a]! || needWeight[b]! - needWeight[a]! || a - b);
    order.forEach((k, bit) => {
      if (bit < MAX_MASK_NEEDS) needBit[k] = bit;
      else if (needRequired[k] === 1) unmaskedRequired[c]!++;
    });
  }
  affStart[nC] = affE.length;

  const affinityMode = options.objective === 'affinity';
  return {
    ctx,
    nExperts: nE,
    nCounties: nC,
    affinityMode,
    relevanceWeight: affinityMode ? 0 : options.weights.relevance,
    affinityWeight: affinityMode ? 1 : options.weights.affinity,
    coverageWeight: affinityMode ? 0 : options.weights.coverage,
    organizationPenalty: affinityMode ? 0 : options.weights.organization,
    capacity,
    leaderLevel,
    province,
    organization,
    home,
    skillStart,
    skillIndustry,
    skillStage,
    skillProficiency,
    anyIndustry,
    anyStage,
    industryNames: industries.names,
    stageNames: stages.names,
    provinceNames: provinces.names,
    needStart,
    needIndustry,
    needStage,
    needWeight,
    needRequired,
    needBit,
    unmaskedRequired,
    needTotal,
    partnerStart,
    partnerProvince: Int32Array.from(partnerList),
    sizeMin,
    sizeMax,
    affStart,
    affExpert: Int32Array.from(affE),
    affScore: Float64Array.from(affS),
    affVeto: Uint8Array.from(affV),
  };
}

/** skillMatch of `src/model/coverage.ts` on interned ids: proficiency/3 × quality. */
export function matchOf(pool: Pool, skill: number, need: number): number {
  const si = pool.skillIndustry[skill]!;
  const ss = pool.skillStage[skill]!;
  const ni = pool.needIndustry[need]!;
  const ns = pool.needStage[need]!;
  const industryExact = si === ni;
  const stageExact = ss === ns;
  let quality: number;
  if (industryExact && stageExact) quality = 1;
  else if ((industryExact || si === pool.anyIndustry) && (stageExact || ss === pool.anyStage)) quality = industryExact || stageExact ? 0.6 : 0.4;
  else if (industryExact) quality = 0.25;
  else return 0;
  return (pool.skillProficiency[skill]! / 3) * quality;
}

/** skillCovers on interned ids. */
export function coversOf(pool: Pool, skill: number, need: number): boolean {
  const si = pool.skillIndustry[skill]!;
  const ss = pool.skillStage[skill]!;
  return (si === pool.needIndustry[need] || si === pool.anyIndustry) && (ss === pool.needStage[need] || ss === pool.anyStage);
}

/** The affinity row of a pair: its position in the aff arrays, or −1. Binary search: rows are sorted by expert. */
export function affinityRow(pool: Pool, county: number, expert: number): number {
  let lo = pool.affStart[county]!;
  let hi = pool.affStart[county + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = pool.affExpert[mid]!;
    if (e === expert) return mid;
    if (e < expert) lo = mid + 1;
    else hi = mid - 1;
  }
  return -1;
}

/** rel(e, c) exactly as `relevanceOf` computes it. */
export function relevanceOfPair(pool: Pool, expert: number, county: number): number {
  const n0 = pool.needStart[county]!;
  const n1 = pool.needStart[county + 1]!;
  const s0 = pool.skillStart[expert]!;
  const s1 = pool.skillStart[expert + 1]!;
  if (n0 === n1 || s0 === s1) return 0;
  let total = 0;
  let weighted = 0;
  for (let n = n0; n < n1; n++) {
    const w = pool.needWeight[n]!;
    total += w;
    let best = 0;
    for (let s = s0; s < s1; s++) best = Math.max(best, matchOf(pool, s, n));
    weighted += w * best;
  }
  return total > 0 ? weighted / total : 0;
}

/** fit(e, c) exactly as `memberFit(...).fit`. */
export function fitOf(pool: Pool, expert: number, county: number): number {
  const row = affinityRow(pool, county, expert);
  const affinity = row >= 0 ? pool.affScore[row]! : 0;
  if (pool.affinityMode) return affinity;
  return pool.relevanceWeight * relevanceOfPair(pool, expert, county) + pool.affinityWeight * affinity;
}

/** The county's coverage mask of the expert: bit `needBit[n]` set for each need n it covers. */
export function coverMaskOf(pool: Pool, expert: number, county: number): number {
  const n0 = pool.needStart[county]!;
  const n1 = pool.needStart[county + 1]!;
  const s0 = pool.skillStart[expert]!;
  const s1 = pool.skillStart[expert + 1]!;
  let mask = 0;
  for (let n = n0; n < n1; n++) {
    const bit = pool.needBit[n]!;
    if (bit < 0) continue;
    for (let s = s0; s < s1; s++) {
      if (coversOf(pool, s, n)) {
        mask |= 1 << bit;
        break;
      }
    }
  }
  return mask;
}

/** Points for covering each masked need of a county (coverage weight × need weight), by bit. */
export function needPoints(pool: Pool, county: number): Float64Array {
  const out = new Float64Array(MAX_MASK_NEEDS);
  for (let n = pool.needStart[county]!; n < pool.needStart[county + 1]!; n++) {
    const bit = pool.needBit[n]!;
    if (bit >= 0) out[bit] = pool.coverageWeight * pool.needWeight[n]!;
  }
  return out;
}

/** Points of the needs left out of the mask: added to the county's bound (see MAX_MASK_NEEDS). */
export function unmaskedPoints(pool: Pool, county: number): number {
  let sum = 0;
  for (let n = pool.needStart[county]!; n < pool.needStart[county + 1]!; n++) if (pool.needBit[n]! < 0) sum += pool.coverageWeight * pool.needWeight[n]!;
  return sum;
}

/** Bits of the county's required needs (H7). */
export function requiredMask(pool: Pool, county: number): number {
  let mask = 0;
  for (let n = pool.needStart[county]!; n < pool.needStart[county + 1]!; n++) if (pool.needRequired[n] === 1 && pool.needBit[n]! >= 0) mask |= 1 << pool.needBit[n]!;
  return mask;
}

/** True when the expert may serve the county at all (H2 capacity, H5 local elsewhere, H8 veto). */
export function eligible(pool: Pool, expert: number, county: number): boolean {
  if (pool.capacity[expert]! <= 0) return false;
  const h = pool.home[expert]!;
  if (h !== -1 && h !== county) return false;
  const row = affinityRow(pool, county, expert);
  return row < 0 || pool.affVeto[row] === 0;
}

/** True when the expert works in one of the county's partner provinces (H6). */
export function isEastPair(pool: Pool, expert: number, county: number): boolean {
  const p = pool.province[expert]!;
  for (let k = pool.partnerStart[county]!; k < pool.partnerStart[county + 1]!; k++) if (pool.partnerProvince[k] === p) return true;
  return false;
}

/** True when the county has East–West partners (H6 applies). */
export function isPaired(pool: Pool, county: number): boolean {
  return pool.partnerStart[county + 1]! > pool.partnerStart[county]!;
}
