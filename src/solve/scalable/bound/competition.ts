/**
 * Scarce kinds of experts: the counting argument behind the bound on
 * matched counties and the words of the `competition` reason.
 *
 * A "resource" is a kind of expert that each county of a set S needs at
 * least `need` of in its group: the holders of a required need's skill, the
 * experts who may lead, or the scientists of a set of eastern partner
 * provinces. Each expert serves at most its capacity in groups, so at most
 * ⌊supply / need⌋ counties of S can be matched, whatever else happens.
 * Supplies are over-counted where that is simpler (vetoes and pins are
 * ignored), which keeps the argument valid. Summing the shortfalls of
 * resources with disjoint county sets bounds the counties any valid result
 * can match.
 */
import type { Diagnosis } from '../../../explain/diagnose.js';
import { priorityTiers } from '../../../rules/priority.js';
import type { ScalableState } from '../state/state.js';
import { label } from '../state/state.js';

/** A kind of expert that a set of counties needs. */
export interface Resource {
  kind: 'need' | 'leader' | 'east';
  /** What the kind is, in words. */
  what: string;
  /** Counties that need it (positions). */
  counties: number[];
  /** Group seats the pool's experts of this kind can fill (Σ capacity). */
  supply: number;
  /** Members of this kind each county needs. */
  need: number;
}

/** Counties of the resource that cannot all be matched. */
export function shortfall(r: Resource): number {
  if (r.need <= 0) return 0;
  return Math.max(0, r.counties.length - Math.floor(r.supply / r.need));
}

/** The resources of the open counties. */
export function resources(state: ScalableState, open: readonly number[]): Resource[] {
  const { pool, classes, ctx } = state;
  const out: Resource[] = [];
  const capOf = (e: number): number => pool.capacity[e]!;
  const levels = ctx.options.leaderLevels.join('/');

  // Required needs: holders of a covering skill among the pool, plus counties whose own local scientist holds it.
  const byKey = new Map<string, { ind: number; stage: number; counties: number[]; localCover: number }>();
  for (const c of open) {
    for (let n = pool.needStart[c]!; n < pool.needStart[c + 1]!; n++) {
      if (pool.needRequired[n] !== 1) continue;
      const key = `${pool.needIndustry[n]}|${pool.needStage[n]}`;
      let r = byKey.get(key);
      if (!r) byKey.set(key, (r = { ind: pool.needIndustry[n]!, stage: pool.needStage[n]!, counties: [], localCover: 0 }));
      r.counties.push(c);
      const county = ctx.counties[c]!;
      const localCovers = (ctx.localsByCounty.get(county.id) ?? []).some((x) => {
        const e = ctx.expertIndex.get(x.id)!;
        if (pool.capacity[e]! <= 0) return false;
        for (let s = pool.skillStart[e]!; s < pool.skillStart[e + 1]!; s++) {
          if ((pool.skillIndustry[s] === pool.needIndustry[n] || pool.skillIndustry[s] === pool.anyIndustry) && (pool.skillStage[s] === pool.needStage[n] || pool.skillStage[s] === pool.anyStage)) return true;
        }
        return false;
      });
      if (localCovers) r.localCover++;
    }
  }
  for (const r of byKey.values()) {
    let supply = r.localCover;
    const seen = new Set<number>();
    if (r.ind + 1 < classes.indSigStart.length) {
      for (let g = classes.indSigStart[r.ind]!; g < classes.indSigStart[r.ind + 1]!; g++) {
        let covers = false;
        for (let t = classes.sigSkillStart[g]!; t < classes.sigSkillStart[g + 1]!; t++) if (classes.sigStage[t] === r.stage || classes.sigStage[t] === pool.anyStage) covers = true;
        if (!covers) continue;
        for (let k = classes.sigClassStart[g]!; k < classes.sigClassStart[g + 1]!; k++) {
          for (let j = classes.sets.start[k]!; j < classes.sets.start[k + 1]!; j++) {
            const e = classes.sets.members[j]!;
            if (!seen.has(e)) {
              seen.add(e);
              supply += capOf(e);
            }
          }
        }
      }
    }
    for (const e of classes.special) {
      for (let s = pool.skillStart[e]!; s < pool.skillStart[e + 1]!; s++) {
        if ((pool.skillIndustry[s] === r.ind || pool.skillIndustry[s] === pool.anyIndustry) && (pool.skillStage[s] === r.stage || pool.skillStage[s] === pool.anyStage) && !seen.has(e)) {
          seen.add(e);
          supply += capOf(e);
        }
      }
    }
    out.push({ kind: 'need', what: `expert with a skill in ${pool.industryNames[r.ind]}/${pool.stageNames[r.stage]}`, counties: r.counties, supply, need: 1 });
  }

  // Leaders: every group needs one; a county's own locals never lead it, and locals serve nowhere else.
  let leadSupply = 0;
  for (let e = 0; e < pool.nExperts; e++) if (classes.inPool[e] === 1 && pool.leaderLevel[e] === 1) leadSupply += capOf(e);
  out.push({ kind: 'leader', what: `${levels}-level expert to lead`, counties: [...open], supply: leadSupply, need: 1 });

  // East–West: counties whose partner provinces overlap share one supply.
  const eastMin = ctx.options.eastMin;
  if (eastMin > 0) {
    const parent = new Map<number, number>();
    const find = (p: number): number => {
      let r = p;
      while (parent.get(r) !== r) r = parent.get(r)!;
      return r;
    };
    for (const c of open) {
      const ps = Array.from(pool.partnerProvince.subarray(pool.partnerStart[c]!, pool.partnerStart[c + 1]!));
      for (const p of ps) if (!parent.has(p)) parent.set(p, p);
      for (let i = 1; i < ps.length; i++) parent.set(find(ps[i]!), find(ps[0]!));
    }
    const groups = new Map<number, { counties: number[]; provinces: Set<number> }>();
    for (const c of open) {
      const p0 = pool.partnerProvince[pool.partnerStart[c]!];
      if (pool.partnerStart[c + 1] === pool.partnerStart[c] || p0 === undefined) continue;
      const root = find(p0);
      let g = groups.get(root);
      if (!g) groups.set(root, (g = { counties: [], provinces: new Set() }));
      g.counties.push(c);
      for (let k = pool.partnerStart[c]!; k < pool.partnerStart[c + 1]!; k++) g.provinces.add(pool.partnerProvince[k]!);
    }
    const provSupply = new Map<number, number>();
    for (let e = 0; e < pool.nExperts; e++) if (classes.inPool[e] === 1) provSupply.set(pool.province[e]!, (provSupply.get(pool.province[e]!) ?? 0) + capOf(e));
    for (const g of groups.values()) {
      let supply = 0;
      for (const p of g.provinces) supply += provSupply.get(p) ?? 0;
      // A county's own local scientist counts for it when it works in a partner province.
      for (const c of g.counties) {
        for (const x of ctx.localsByCounty.get(ctx.counties[c]!.id) ?? []) {
          const e = ctx.expertIndex.get(x.id)!;
          if (pool.capacity[e]! > 0 && g.provinces.has(pool.province[e]!)) supply += Math.min(eastMin, 1);
        }
      }
      const names = [...g.provinces].map((p) => pool.provinceNames[p]!).sort().join('/');
      out.push({ kind: 'east', what: `scientist from ${names}`, counties: g.counties, supply, need: eastMin });
    }
  }
  return out;
}

/** A proven upper bound on matched counties: the open ones minus the shortfalls of resources with disjoint county sets. */
export function matchableBound(open: readonly number[], list: readonly Resource[]): number {
  const short = list.filter((r) => shortfall(r) > 0).sort((a, b) => shortfall(b) - shortfall(a) || a.what.localeCompare(b.what));
  const used = new Set<number>();
  let lost = 0;
  for (const r of short) {
    if (r.counties.some((c) => used.has(c))) continue;
    for (const c of r.counties) used.add(c);
    lost += shortfall(r);
  }
  return open.length - lost;
}

/**
 * True when the counting argument proves the assignment's counts per
 * priority tier lexicographically best (`src/rules/priority.ts`): for each
 * tier that leaves an open county unmatched, the counties it matches in that
 * tier and every earlier one reach the bound of `matchableBound` over
 * exactly those tiers' open counties. No valid result then matches more of
 * tiers 0..t for any t, so none is better in tier counts. Always true with
 * one tier (the total's bound is the proof there). `matched(c)` tells
 * whether open county c has a group.
 */
export function tiersProven(state: ScalableState, open: readonly number[], matched: (c: number) => boolean): boolean {
  const { tierAt, tiers } = priorityTiers(state.ctx);
  if (tiers.length <= 1) return true;
  const short = [...new Set(open.filter((c) => !matched(c)).map((c) => tierAt[c]!))].sort((x, y) => x - y);
  for (const t of short) {
    const prefix = open.filter((c) => tierAt[c]! <= t);
    const count = prefix.filter(matched).length;
    if (matchableBound(prefix, resources(state, prefix)) > count) return false;
  }
  return true;
}

/** The `competition` reason of an open county left unmatched, naming its scarcest kind of expert. */
export function competitionReason(state: ScalableState, c: number, list: readonly Resource[]): Diagnosis {
  const who = label(state.ctx.counties[c]!);
  let best: Resource | undefined;
  let bestRatio = -Infinity;
  for (const r of list) {
    if (!r.counties.includes(c)) continue;
    const ratio = (r.counties.length * r.need) / Math.max(r.supply, 1e-9);
    if (ratio > bestRatio) {
      bestRatio = ratio;
      best = r;
    }
  }
  if (best && bestRatio >= 0.5) {
    const n = best.counties.length;
    const per = best.need > 1 ? ` ${best.need} each` : '';
    return {
      reasonCode: 'competition',
      detail: `${who}: no ${best.what} is free for it: ${n} counties need one${per}, and the pool's such experts can fill ${best.supply} seat(s)`,
    };
  }
  return {
    reasonCode: 'competition',
    detail: `${who} could be matched on its own, but not together with the other counties: every group that meets its rules needs experts that the chosen groups already use`,
  };
}
