/**
 * Skill classes: the index that lets the solver reason about every expert of
 * the pool without enumerating county × expert pairs.
 *
 * An expert's fit for a county depends only on its skills in the county's
 * industries. For one industry I, experts with the same skills in I (same
 * stages and proficiencies: their "signature" in I) contribute the same
 * relevance to every county; if they also share whether they may lead,
 * their province (as far as some county can tell provinces apart: an
 * eastern partner province for H6, a central or western county's own
 * province for S7) and their organization type (S4b), they are
 * interchangeable for the quotas and the objective too. A class is such a
 * set (industry, signature, leader level, province bucket, organization
 * type); its members are kept sorted by price, so "the cheapest member of
 * the class that is not yet a candidate of county c" is found at its front.
 *
 * An expert with skills in several industries of one county covers more
 * than any single class says; those experts ("mixed") are listed per pair of
 * industries and scanned one by one. Experts with a wildcard-industry skill
 * ("special") match every county and are scanned one by one. Local
 * scientists and experts without capacity are in no class: locals are
 * always candidates of their own county and eligible nowhere else.
 */
import type { Pool } from './pool.js';
import { RankedSets } from './ranked-sets.js';

/**
 * The experts with skills in both industries a < b: per entry the expert,
 * its signature in a and in b, and 1 when it has skills in a third industry
 * too (its fit for a county of a, b and that industry needs all three).
 */
export interface MixedList {
  readonly experts: Int32Array;
  readonly sigA: Int32Array;
  readonly sigB: Int32Array;
  readonly wide: Uint8Array;
}

/** The class index of a pool. All arrays are positions; see the module comment. */
export interface SkillClasses {
  /** Signatures sorted by industry: those of industry I are indSigStart[I] … indSigStart[I+1]−1. */
  readonly indSigStart: Int32Array;
  /** Skills of signature g: (sigStage, sigProficiency)[sigSkillStart[g] … sigSkillStart[g+1]−1]. */
  readonly sigSkillStart: Int32Array;
  readonly sigStage: Int32Array;
  readonly sigProficiency: Float64Array;
  /**
   * Per signature g and need stage st (index g·nStages + st): the best match
   * of its skills for a need of its industry at that stage, as `skillMatch`
   * computes it (proficiency/3 × 1 for the stage, 0.6 for a wildcard stage,
   * 0.25 for another stage), and whether some skill covers that stage.
   */
  readonly sigStageValue: Float64Array;
  readonly sigStageCover: Uint8Array;
  /** Per signature: its best match over all stages (an upper bound for any need). */
  readonly sigMaxValue: Float64Array;
  /** Number of interned stages (the stride of sigStageValue). */
  readonly nStages: number;
  /** Classes of signature g: sigClassStart[g] … sigClassStart[g+1]−1. */
  readonly sigClassStart: Int32Array;
  /** Per class: 1 when its members' level may lead. */
  readonly classLead: Uint8Array;
  /** Per class: its members' province when some county tells it apart (a partner province, or a central or western county's own), else −1. */
  readonly classProvince: Int32Array;
  /** Per class: its members' organization type (index in ORG_TYPES), −1 for none. */
  readonly classOrgType: Int8Array;
  /** Per class: its signature. */
  readonly classSig: Int32Array;
  /** The members of each class, sorted by price (class k is set k). */
  readonly sets: RankedSets;
  /** Experts with skills in both industries a < b, keyed a·nIndustries + b (see `MixedList`). */
  readonly mixed: ReadonlyMap<number, MixedList>;
  /** Experts with a wildcard-industry skill. */
  readonly special: Int32Array;
  /** 1 for an expert that is in the pool of some county's candidates-to-be (non-local, capacity > 0). */
  readonly inPool: Uint8Array;
}

/** Builds the class index. Linear in skills (plus sorting of keys). */
export function buildClasses(pool: Pool): SkillClasses {
  const nE = pool.nExperts;
  const nInd = pool.industryNames.length;
  // Provinces some county tells apart: East–West partners (H6), and the own provinces of counties with S7 points.
  const partnerSet = new Set<number>(pool.partnerProvince);
  for (let c = 0; c < pool.nCounties; c++) if (pool.sameProvincePoints[c]! > 0) partnerSet.add(pool.countyProvince[c]!);
  const inPool = new Uint8Array(nE);
  const specialList: number[] = [];
  const sigIds = new Map<string, number>();
  const sigIndustryList: number[] = [];
  const sigSkills: [number, number][][] = [];
  const classIds = new Map<string, number>();
  const classSig: number[] = [];
  const classLeadList: number[] = [];
  const classProvList: number[] = [];
  const classOrgList: number[] = [];
  const classMembers: number[][] = [];
  const mixedLists = new Map<number, { experts: number[]; sigA: number[]; sigB: number[]; wide: number[] }>();
  const byIndustry = new Map<number, [number, number][]>();

  for (let e = 0; e < nE; e++) {
    if (pool.capacity[e]! <= 0 || pool.home[e] !== -1) continue;
    inPool[e] = 1;
    const s0 = pool.skillStart[e]!;
    const s1 = pool.skillStart[e + 1]!;
    let special = false;
    for (let s = s0; s < s1; s++) if (pool.skillIndustry[s] === pool.anyIndustry) special = true;
    if (special) {
      specialList.push(e);
      continue;
    }
    byIndustry.clear();
    for (let s = s0; s < s1; s++) {
      const ind = pool.skillIndustry[s]!;
      let list = byIndustry.get(ind);
      if (!list) byIndustry.set(ind, (list = []));
      list.push([pool.skillStage[s]!, pool.skillProficiency[s]!]);
    }
    const inds = [...byIndustry.keys()].sort((a, b) => a - b);
    const sigOfInd: number[] = [];
    for (const ind of inds) {
      const skills = byIndustry.get(ind)!.sort((a, b) => a[0] - b[0] || a[1] - b[1]);
      const key = `${ind}|${skills.map((k) => `${k[0]}:${k[1]}`).join(',')}`;
      let g = sigIds.get(key);
      if (g === undefined) {
        g = sigIndustryList.length;
        sigIds.set(key, g);
        sigIndustryList.push(ind);
        sigSkills.push(skills);
      }
      const prov = partnerSet.has(pool.province[e]!) ? pool.province[e]! : -1;
      const lead = pool.leaderLevel[e]!;
      const org = pool.orgType[e]!;
      const ckey = `${g}|${lead}|${prov}|${org}`;
      let k = classIds.get(ckey);
      if (k === undefined) {
        k = classSig.length;
        classIds.set(ckey, k);
        classSig.push(g);
        classLeadList.push(lead);
        classProvList.push(prov);
        classOrgList.push(org);
        classMembers.push([]);
      }
      classMembers[k]!.push(e);
      sigOfInd.push(g);
    }
    for (let a = 0; a < inds.length; a++) {
      for (let b = a + 1; b < inds.length; b++) {
        const key = inds[a]! * nInd + inds[b]!;
        let list = mixedLists.get(key);
        if (!list) mixedLists.set(key, (list = { experts: [], sigA: [], sigB: [], wide: [] }));
        list.experts.push(e);
        list.sigA.push(sigOfInd[a]!);
        list.sigB.push(sigOfInd[b]!);
        list.wide.push(inds.length > 2 ? 1 : 0);
      }
    }
  }

  // Signatures in industry order, the most proficient first (so that a county's scan meets the best early
  // and can pass over the rest), then by first appearance; classes grouped by signature.
  const bestProficiency = sigSkills.map((skills) => skills.reduce((m, [, pr]) => Math.max(m, pr), 0));
  const sigOrder = sigIndustryList
    .map((_, g) => g)
    .sort((a, b) => sigIndustryList[a]! - sigIndustryList[b]! || bestProficiency[b]! - bestProficiency[a]! || a - b);
  const sigRank = new Int32Array(sigOrder.length);
  sigOrder.forEach((g, r) => (sigRank[g] = r));
  const indSigStart = new Int32Array(nInd + 1);
  for (const g of sigOrder) indSigStart[sigIndustryList[g]! + 1]!++;
  for (let i = 0; i < nInd; i++) indSigStart[i + 1]! += indSigStart[i]!;
  const sigSkillStart = new Int32Array(sigOrder.length + 1);
  const stageList: number[] = [];
  const profList: number[] = [];
  sigOrder.forEach((g, r) => {
    sigSkillStart[r] = stageList.length;
    for (const [st, pr] of sigSkills[g]!) {
      stageList.push(st);
      profList.push(pr);
    }
  });
  sigSkillStart[sigOrder.length] = stageList.length;

  const classOrder = classSig.map((_, k) => k).sort((a, b) => sigRank[classSig[a]!]! - sigRank[classSig[b]!]! || a - b);
  const sigClassStart = new Int32Array(sigOrder.length + 1);
  for (const k of classOrder) sigClassStart[sigRank[classSig[k]!]! + 1]!++;
  for (let r = 0; r < sigOrder.length; r++) sigClassStart[r + 1]! += sigClassStart[r]!;
  const nClass = classOrder.length;
  const classLead = new Uint8Array(nClass);
  const classProvince = new Int32Array(nClass);
  const classOrgType = new Int8Array(nClass);
  const classSigOut = new Int32Array(nClass);
  const lists: number[][] = [];
  classOrder.forEach((k, r) => {
    classLead[r] = classLeadList[k]!;
    classProvince[r] = classProvList[k]!;
    classOrgType[r] = classOrgList[k]!;
    classSigOut[r] = sigRank[classSig[k]!]!;
    lists.push(classMembers[k]!);
  });
  const sets = new RankedSets(nE, lists);

  const nStages = pool.stageNames.length;
  const nSig = sigOrder.length;
  const sigStageValue = new Float64Array(nSig * nStages);
  const sigStageCover = new Uint8Array(nSig * nStages);
  const sigMaxValue = new Float64Array(nSig);
  for (let g = 0; g < nSig; g++) {
    for (let st = 0; st < nStages; st++) {
      let best = 0;
      let covers = 0;
      for (let t = sigSkillStart[g]!; t < sigSkillStart[g + 1]!; t++) {
        const ss = stageList[t]!;
        const c = ss === st || ss === pool.anyStage;
        const v = (profList[t]! / 3) * (ss === st ? 1 : c ? 0.6 : 0.25);
        if (v > best) best = v;
        if (c) covers = 1;
      }
      sigStageValue[g * nStages + st] = best;
      sigStageCover[g * nStages + st] = covers;
      if (best > sigMaxValue[g]!) sigMaxValue[g] = best;
    }
  }

  const mixed = new Map<number, MixedList>();
  for (const [key, list] of mixedLists) {
    mixed.set(key, {
      experts: Int32Array.from(list.experts),
      sigA: Int32Array.from(list.sigA, (g) => sigRank[g]!),
      sigB: Int32Array.from(list.sigB, (g) => sigRank[g]!),
      wide: Uint8Array.from(list.wide),
    });
  }
  return {
    indSigStart,
    sigSkillStart,
    sigStage: Int32Array.from(stageList),
    sigProficiency: Float64Array.from(profList),
    sigStageValue,
    sigStageCover,
    sigMaxValue,
    nStages,
    sigClassStart,
    classLead,
    classProvince,
    classOrgType,
    classSig: classSigOut,
    sets,
    mixed,
    special: Int32Array.from(specialList),
    inPool,
  };
}

