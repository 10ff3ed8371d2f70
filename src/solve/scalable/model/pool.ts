/**
 * The round compiled into typed arrays for the scalable solver: experts,
 * skills, needs and quotas as integers and floats, so that the hot loops
 * (pricing scans, subproblems) never touch a string or a Map.
 *
 * `fitOf`, `leaderTermOf` and `coverMaskOf` reproduce `memberFit`,
 * `leaderTerm` and the covering terms of `src/objective/score.ts` operation
 * for operation, so that the scores the solver optimizes are the scores the
 * checker recomputes.
 *
 * The set-coverage terms of a group's score are bits of a per-county mask
 * (see `bitLayout`): each bit is earned once, when some member of the group
 * has it, and is worth `bitPoints`:
 *  - per need, an "any cover" bit worth wildcardFactor · share (S1; for a
 *    required need it is also the H7 bit) and a "named cover" bit worth
 *    (1 − wildcardFactor) · share (S1: a named skill earns the whole share,
 *    a wildcard-industry skill only the first part);
 *  - per county industry, a bit worth its S1b share (a named skill in it).
 * S4b (organization types) is no bit: each expert has one type, which the
 * group solver uses (see `group-solver.ts`).
 */
import { ORG_TYPES, ANY } from '../../../model/vocabulary.js';
import type { RoundContext } from '../../../rules/context.js';
import { capacityOf } from '../../../rules/h2-capacity.js';
import { groupSizeBounds } from '../../../rules/h3-group-size.js';
import { partnersOf } from '../../../rules/h6-east-west.js';
import { normalizeAffinity } from '../../../objective/affinity-scale.js';
import { targetSizeOf } from '../../../objective/group-size.js';
import { industryShares, needShares } from '../../../objective/need-coverage.js';
import { countyIndustries } from '../../../objective/relevance.js';
import { isCentralOrWestern } from '../../../objective/same-province.js';

/**
 * Bits of one county's coverage mask. Required needs' "any cover" bits come
 * first (H7 needs them), then the other bits by points, heaviest first; a
 * bit beyond the limit (a county listing very many needs) is left out of
 * the search and its points are added to the county's bound instead, which
 * keeps the bound valid and only costs optimality on such unusual counties.
 */
export const MAX_MASK_NEEDS = 31;

/** Number of organization types (S4b bits). */
export const N_ORG_TYPES = ORG_TYPES.length;

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
  /** Weight of the normalized affinity in fit (1 on the raw score in affinity mode). */
  readonly affinityWeight: number;
  /** S2b: weight of the leader's rel(ℓ, c) (0 in affinity mode). */
  readonly leaderWeight: number;
  /** S6: cost per member away from the target size (0 in affinity mode). */
  readonly sizeWeight: number;
  /** S4 penalty per member beyond the organization limit (0 in affinity mode). */
  readonly organizationPenalty: number;
  /** S4b points per organization type present (0 in affinity mode). */
  readonly orgTypePoints: number;
  /** Organization types some expert of the pool has (no group holds more). */
  readonly orgTypeCount: number;
  /** The affinity part of fit of a pair without an affinity row: affinity · â(0) (0 in affinity mode). */
  readonly unratedAffinity: number;
  /** H4b: the leader must hold a skill in one of the county's industries. */
  readonly leaderSkillRequired: boolean;
  /** H6: the leader counts toward the East–West quota. */
  readonly leaderCountsEast: boolean;
  /** H4c: an expert leads at most one group (primal side only). */
  readonly leadOnce: boolean;
  /** H8: only pairs with consent on both sides (or pinned) may be assigned. */
  readonly consentRequired: boolean;

  /** H2 capacity per expert; 0 means the expert may serve nobody. */
  readonly capacity: Int32Array;
  /** 1 when the expert's level may lead (H4, before the local exception and H4b). */
  readonly leaderLevel: Uint8Array;
  /** Interned province per expert. */
  readonly province: Int32Array;
  /** Interned organization per expert, −1 for none (S4 does not count empty names). */
  readonly organization: Int32Array;
  /** Organization type per expert (index in ORG_TYPES), −1 for none (S4b). */
  readonly orgType: Int8Array;
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
  /** Bit of each need's "any cover" (S1, H7) and "named cover" (S1) in its county's mask, −1 for none. */
  readonly needAnyBit: Int8Array;
  readonly needNamedBit: Int8Array;
  /** Industries of county c (`countyIndustries` order): industryId/industryBit[industryStart[c] … industryStart[c+1]−1]. */
  readonly industryStart: Int32Array;
  readonly industryId: Int32Array;
  /** S1b bit of each county industry, −1 for none. */
  readonly industryBit: Int8Array;
  /** Points of each bit of county c: bitPoints[c·32 + bit]. */
  readonly bitPoints: Float64Array;
  /** Per county: points of the terms left out of its mask (added to its bounds only). */
  readonly unmaskedPoints: Float64Array;
  /** Per county: required needs without a bit (then the county cannot be solved here). */
  readonly unmaskedRequired: Int32Array;
  /** Per county: its province (interned). */
  readonly countyProvince: Int32Array;
  /** Per county: S7 points of a non-leader member from its province (0 for an eastern county, and in affinity mode). */
  readonly sameProvincePoints: Float64Array;
  /** Per county: S6's target size (`targetSizeOf`). */
  readonly sizeTarget: Int32Array;
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
  /** Per affinity row: 1 when `consentAllows` the pair unpinned (both said yes); 2 when a side said no. */
  readonly affConsent: Uint8Array;
  /** Pins of county c (for consent): pinExpert[pinStart[c] … pinStart[c+1]−1], sorted. */
  readonly pinStart: Int32Array;
  readonly pinExpert: Int32Array;
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

/** A term that wants a bit of a county's mask. */
interface BitClaim {
  points: number;
  required: boolean;
  assign: (bit: number) => void;
}

/** Compiles the round. Linear in the size of the input. */
export function compilePool(ctx: RoundContext): Pool {
  const { experts, counties, options } = ctx;
  const affinityMode = options.objective === 'affinity';
  const weights = options.weights;
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
  const orgType = new Int8Array(nE);
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
    orgType[e] = x.orgType === undefined ? -1 : ORG_TYPES.indexOf(x.orgType);
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
  const needAnyBit = new Int8Array(nNeeds).fill(-1);
  const needNamedBit = new Int8Array(nNeeds).fill(-1);
  const industryStart = new Int32Array(nC + 1);
  const industryList: number[] = [];
  const bitPoints = new Float64Array(nC * 32);
  const unmaskedPoints = new Float64Array(nC);
  const unmaskedRequired = new Int32Array(nC);
  const countyProvince = new Int32Array(nC);
  const sameProvincePoints = new Float64Array(nC);
  const sizeTarget = new Int32Array(nC);
  const partnerStart = new Int32Array(nC + 1);
  const partnerList: number[] = [];
  const sizeMin = new Int32Array(nC);
  const sizeMax = new Int32Array(nC);
  const affStart = new Int32Array(nC + 1);
  const affE: number[] = [];
  const affS: number[] = [];
  const affV: number[] = [];
  const affK: number[] = [];
  const pinStart = new Int32Array(nC + 1);
  const pinList: number[] = [];
  const industryBitList: number[] = [];
  let n = 0;
  for (let c = 0; c < nC; c++) {
    const county = counties[c]!;
    needStart[c] = n;
    const n0 = n;
    for (const need of ctx.needsByCounty.get(county.id) ?? []) {
      needIndustry[n] = industries.id(need.industry);
      needStage[n] = stages.id(need.stage);
      needWeight[n] = need.weight;
      needRequired[n] = need.required ? 1 : 0;
      n++;
    }
    industryStart[c] = industryList.length;
    const names = countyIndustries(ctx, county.id);
    for (const name of names) {
      industryList.push(industries.id(name));
      industryBitList.push(-1);
    }
    countyProvince[c] = provinces.id(county.province);
    sameProvincePoints[c] = affinityMode || !isCentralOrWestern(ctx, county) ? 0 : weights.sameProvince;
    sizeTarget[c] = targetSizeOf(ctx, county);
    partnerStart[c] = partnerList.length;
    for (const p of new Set(partnersOf(ctx, county))) partnerList.push(provinces.id(p));
    const size = groupSizeBounds(ctx, county);
    sizeMin[c] = size.min;
    sizeMax[c] = size.max;
    affStart[c] = affE.length;
    const rows: [number, number, number, number][] = [];
    for (const a of ctx.affinityByCounty.get(county.id)?.values() ?? []) {
      const e = ctx.expertIndex.get(a.expertId);
      const consent = a.countyConsents === true && a.expertConsents === true ? 1 : a.countyConsents === false || a.expertConsents === false ? 2 : 0;
      if (e !== undefined) rows.push([e, a.score, a.veto ? 1 : 0, consent]);
    }
    rows.sort((a, b) => a[0] - b[0]);
    for (const [e, score, veto, consent] of rows) {
      affE.push(e);
      affS.push(score);
      affV.push(veto);
      affK.push(consent);
    }
    pinStart[c] = pinList.length;
    const pinned = new Set<number>();
    for (const pin of ctx.pinsByCounty.get(county.id) ?? []) {
      const e = ctx.expertIndex.get(pin.expertId);
      if (e !== undefined) pinned.add(e);
    }
    pinList.push(...[...pinned].sort((a, b) => a - b));
    // The bits of the county's mask: every term that is earned once per group.
    const claims: BitClaim[] = [];
    const shares = affinityMode ? [] : needShares(ctx, county.id);
    const omega = options.wildcardFactor;
    for (let k = n0; k < n; k++) {
      const share = shares[k - n0] ?? 0;
      const required = needRequired[k] === 1;
      const kk = k;
      claims.push({ points: affinityMode ? 0 : omega * share, required, assign: (bit) => (needAnyBit[kk] = bit) });
      if (!affinityMode) claims.push({ points: (1 - omega) * share, required: false, assign: (bit) => (needNamedBit[kk] = bit) });
    }
    if (!affinityMode) {
      const iShares = industryShares(ctx, county.id);
      iShares.forEach((points, i) => {
        const at = industryStart[c]! + i;
        claims.push({ points, required: false, assign: (bit) => (industryBitList[at] = bit) });
      });
    }
    // Required bits first (H7), then the heaviest; ties by the order above. Terms worth nothing need no bit.
    const order = claims.map((_, i) => i).filter((i) => claims[i]!.required || claims[i]!.points > 0);
    order.sort((a, b) => Number(claims[b]!.required) - Number(claims[a]!.required) || claims[b]!.points - claims[a]!.points || a - b);
    order.forEach((i, bit) => {
      const claim = claims[i]!;
      if (bit < MAX_MASK_NEEDS) {
        claim.assign(bit);
        bitPoints[c * 32 + bit] = claim.points;
      } else {
        unmaskedPoints[c]! += claim.points;
        if (claim.required) unmaskedRequired[c]!++;
      }
    });
  }
  needStart[nC] = n;
  industryStart[nC] = industryList.length;
  partnerStart[nC] = partnerList.length;
  affStart[nC] = affE.length;
  pinStart[nC] = pinList.length;

  return {
    ctx,
    nExperts: nE,
    nCounties: nC,
    affinityMode,
    relevanceWeight: affinityMode ? 0 : weights.relevance,
    affinityWeight: affinityMode ? 1 : weights.affinity,
    leaderWeight: affinityMode ? 0 : weights.leader,
    sizeWeight: affinityMode ? 0 : weights.size,
    organizationPenalty: affinityMode ? 0 : weights.organization,
    orgTypePoints: affinityMode ? 0 : weights.orgTypes,
    orgTypeCount: new Set(Array.from(orgType).filter((t) => t >= 0)).size,
    unratedAffinity: affinityMode ? 0 : weights.affinity * normalizeAffinity(ctx, 0),
    leaderSkillRequired: options.leaderSkill === 'required',
    leaderCountsEast: options.leaderCountsEast,
    leadOnce: options.leadOnce,
    consentRequired: options.consent === 'required',
    capacity,
    leaderLevel,
    province,
    organization,
    orgType,
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
    needAnyBit,
    needNamedBit,
    industryStart,
    industryId: Int32Array.from(industryList),
    industryBit: Int8Array.from(industryBitList),
    bitPoints,
    unmaskedPoints,
    unmaskedRequired,
    countyProvince,
    sameProvincePoints,
    sizeTarget,
    partnerStart,
    partnerProvince: Int32Array.from(partnerList),
    sizeMin,
    sizeMax,
    affStart,
    affExpert: Int32Array.from(affE),
    affScore: Float64Array.from(affS),
    affVeto: Uint8Array.from(affV),
    affConsent: Uint8Array.from(affK),
    pinStart,
    pinExpert: Int32Array.from(pinList),
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

/** True when the county pins the expert (H9). Binary search over its sorted pins. */
export function isPinnedPairOf(pool: Pool, county: number, expert: number): boolean {
  let lo = pool.pinStart[county]!;
  let hi = pool.pinStart[county + 1]! - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const e = pool.pinExpert[mid]!;
    if (e === expert) return true;
    if (e < expert) lo = mid + 1;
    else hi = mid - 1;
  }
  return false;
}

/** rel(e, c) exactly as `relevanceOf` computes it: the best match of one of its skills to one of the county's needs. */
export function relevanceOfPair(pool: Pool, expert: number, county: number): number {
  const n0 = pool.needStart[county]!;
  const n1 = pool.needStart[county + 1]!;
  const s0 = pool.skillStart[expert]!;
  const s1 = pool.skillStart[expert + 1]!;
  let best = 0;
  for (let n = n0; n < n1; n++) for (let s = s0; s < s1; s++) best = Math.max(best, matchOf(pool, s, n));
  return best;
}

/** S7 points of the expert as a non-leader member of the county's group (`sameProvinceBonus`). */
export function sameProvinceOf(pool: Pool, expert: number, county: number): number {
  return pool.province[expert] === pool.countyProvince[county] ? pool.sameProvincePoints[county]! : 0;
}

/** fit(e, c) exactly as `memberFit(...).fit`. */
export function fitOf(pool: Pool, expert: number, county: number): number {
  const row = affinityRow(pool, county, expert);
  const affinity = row >= 0 ? pool.affScore[row]! : 0;
  if (pool.affinityMode) return affinity;
  return pool.relevanceWeight * relevanceOfPair(pool, expert, county) + pool.affinityWeight * normalizeAffinity(pool.ctx, affinity) + sameProvinceOf(pool, expert, county);
}

/** S2b exactly as `leaderTerm`: what leading the county's group adds to the expert's fit. */
export function leaderTermOf(pool: Pool, expert: number, county: number): number {
  if (pool.affinityMode) return 0;
  return pool.leaderWeight * relevanceOfPair(pool, expert, county) - sameProvinceOf(pool, expert, county);
}

/** True when the expert holds a skill naming one of the county's industries (`holdsCountyIndustry`). */
export function holdsIndustryOf(pool: Pool, expert: number, county: number): boolean {
  for (let s = pool.skillStart[expert]!; s < pool.skillStart[expert + 1]!; s++) {
    const ind = pool.skillIndustry[s]!;
    if (ind === pool.anyIndustry) continue;
    for (let k = pool.industryStart[county]!; k < pool.industryStart[county + 1]!; k++) if (pool.industryId[k] === ind) return true;
  }
  return false;
}

/** True when the expert may lead the county's group (`canLead`: H4, and H4b when `leaderSkill` is `required`). */
export function canLeadOf(pool: Pool, expert: number, county: number): boolean {
  if (pool.leaderLevel[expert] !== 1 || pool.home[expert] === county) return false;
  return !pool.leaderSkillRequired || holdsIndustryOf(pool, expert, county);
}

/** The county's mask of the expert: the bits it earns (needs covered by any or by a named skill, industries named). */
export function coverMaskOf(pool: Pool, expert: number, county: number): number {
  const n0 = pool.needStart[county]!;
  const n1 = pool.needStart[county + 1]!;
  const s0 = pool.skillStart[expert]!;
  const s1 = pool.skillStart[expert + 1]!;
  let mask = 0;
  for (let n = n0; n < n1; n++) {
    const anyBit = pool.needAnyBit[n]!;
    const namedBit = pool.needNamedBit[n]!;
    if (anyBit < 0 && namedBit < 0) continue;
    let any = false;
    let named = false;
    for (let s = s0; s < s1 && !named; s++) {
      if (!coversOf(pool, s, n)) continue;
      any = true;
      if (pool.skillIndustry[s] === pool.needIndustry[n]) named = true;
    }
    if (any && anyBit >= 0) mask |= 1 << anyBit;
    if (named && namedBit >= 0) mask |= 1 << namedBit;
  }
  for (let k = pool.industryStart[county]!; k < pool.industryStart[county + 1]!; k++) {
    const bit = pool.industryBit[k]!;
    if (bit < 0) continue;
    for (let s = s0; s < s1; s++) {
      if (pool.skillIndustry[s] === pool.industryId[k]) {
        mask |= 1 << bit;
        break;
      }
    }
  }
  return mask;
}

/** Points of each bit of a county's mask (32 entries, a view). */
export function bitPointsOf(pool: Pool, county: number): Float64Array {
  return pool.bitPoints.subarray(county * 32, county * 32 + 32);
}

/** Bits of the county's required needs (H7). */
export function requiredMask(pool: Pool, county: number): number {
  let mask = 0;
  for (let n = pool.needStart[county]!; n < pool.needStart[county + 1]!; n++) if (pool.needRequired[n] === 1 && pool.needAnyBit[n]! >= 0) mask |= 1 << pool.needAnyBit[n]!;
  return mask;
}

/** The S6 size term −size · |k − target| of a group of k members (≤ 0). */
export function sizeTermOf(pool: Pool, county: number, members: number): number {
  return -pool.sizeWeight * Math.abs(members - pool.sizeTarget[county]!);
}

/**
 * True when the expert may serve the county at all (H2 capacity, H5 local
 * elsewhere, H8 veto, and consent when required: `isEligible`, with
 * `consentAllows` of `src/rules/consent.ts` mirrored on the typed rows).
 */
export function eligible(pool: Pool, expert: number, county: number): boolean {
  if (pool.capacity[expert]! <= 0) return false;
  const h = pool.home[expert]!;
  if (h !== -1 && h !== county) return false;
  const row = affinityRow(pool, county, expert);
  if (row >= 0 && pool.affVeto[row] !== 0) return false;
  if (!pool.consentRequired) return true;
  const consent = row >= 0 ? pool.affConsent[row]! : 0;
  return consent === 1 || (consent !== 2 && isPinnedPairOf(pool, county, expert));
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
