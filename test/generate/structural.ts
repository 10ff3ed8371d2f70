/**
 * A per-county structural audit of a generated instance, independent of the
 * solver: who could lead, who is local, who comes from a partner province,
 * and who holds each required need. It ignores competition between counties
 * (capacities), so it proves infeasibility of a county, never feasibility of
 * the round.
 */
import type { Instance } from '../../src/model/schemas.js';
import { ANY } from '../../src/model/vocabulary.js';

/** What one county can draw on. */
export interface CountyAudit {
  countyId: string;
  /** Eastern partner provinces (H6), empty when none. */
  partners: string[];
  /** Experts who may serve it: not local to another county, not vetoed, capacity ≥ 1. */
  candidates: number;
  /** National-level candidates who are not its own locals (H4). */
  national: number;
  /** Its own local scientists (H5). */
  locals: number;
  /** Candidates from its partner provinces (H6). */
  east: number;
  /** For each required need `industry/stage`: candidates covering it, and those doing so without a `*`/`*` skill. */
  required: { key: string; holders: number; specific: number }[];
}

/** Audits every county of the instance, in county order. */
export function auditInstance(instance: Instance): CountyAudit[] {
  const provincePairs = new Map<string, string[]>();
  const countyPairs = new Map<string, string[]>();
  for (const p of instance.pairings) {
    const map = p.countyId === undefined ? provincePairs : countyPairs;
    const key = p.countyId ?? p.westProvince;
    map.set(key, [...(map.get(key) ?? []), p.eastProvince]);
  }
  const vetoes = new Map<string, Set<string>>();
  for (const a of instance.affinities) {
    if (!a.veto) continue;
    const set = vetoes.get(a.countyId) ?? new Set<string>();
    set.add(a.expertId);
    vetoes.set(a.countyId, set);
  }
  const skillsOf = new Map<string, { industry: string; stage: string }[]>();
  for (const s of instance.skills) skillsOf.set(s.expertId, [...(skillsOf.get(s.expertId) ?? []), s]);

  // Non-local experts serve every county; count them once, then adjust per county.
  const open = instance.experts.filter((e) => e.homeCounty === undefined && (e.capacity ?? 1) >= 1);
  const openNational = open.filter((e) => e.level === 'national').length;
  const openByProvince = new Map<string, number>();
  for (const e of open) openByProvince.set(e.province, (openByProvince.get(e.province) ?? 0) + 1);
  const localsOf = new Map<string, typeof instance.experts>();
  for (const e of instance.experts) {
    if (e.homeCounty !== undefined && (e.capacity ?? 1) >= 1) localsOf.set(e.homeCounty, [...(localsOf.get(e.homeCounty) ?? []), e]);
  }
  const covers = (skills: { industry: string; stage: string }[] | undefined, industry: string, stage: string, specificOnly: boolean): boolean =>
    (skills ?? []).some((s) => (s.industry === industry || (!specificOnly && s.industry === ANY)) && (s.stage === stage || s.stage === ANY));
  const holderCache = new Map<string, { holders: string[]; specific: string[] }>();
  const openHolders = (industry: string, stage: string): { holders: string[]; specific: string[] } => {
    const key = `${industry}/${stage}`;
    let hit = holderCache.get(key);
    if (hit === undefined) {
      hit = {
        holders: open.filter((e) => covers(skillsOf.get(e.id), industry, stage, false)).map((e) => e.id),
        specific: open.filter((e) => covers(skillsOf.get(e.id), industry, stage, true)).map((e) => e.id),
      };
      holderCache.set(key, hit);
    }
    return hit;
  };
  const needsOf = new Map<string, typeof instance.needs>();
  for (const n of instance.needs) needsOf.set(n.countyId, [...(needsOf.get(n.countyId) ?? []), n]);
  const byId = new Map(instance.experts.map((e) => [e.id, e]));

  return instance.counties.map((county) => {
    const partners = county.eastPartner.length > 0 ? county.eastPartner : countyPairs.get(county.id) ?? provincePairs.get(county.province) ?? [];
    const vetoed = [...(vetoes.get(county.id) ?? [])].map((id) => byId.get(id)).filter((e) => e !== undefined && e.homeCounty === undefined);
    const locals = (localsOf.get(county.id) ?? []).filter((e) => !vetoes.get(county.id)?.has(e.id));
    const east = partners.reduce((n, p) => n + (openByProvince.get(p) ?? 0), 0)
      - vetoed.filter((e) => partners.includes(e?.province ?? '')).length
      + locals.filter((e) => partners.includes(e.province)).length;
    const required = (needsOf.get(county.id) ?? []).filter((n) => n.required).map((n) => {
      const { holders, specific } = openHolders(n.industry, n.stage);
      const isVetoed = (id: string): boolean => vetoes.get(county.id)?.has(id) ?? false;
      const own = (specificOnly: boolean): number => locals.filter((e) => covers(skillsOf.get(e.id), n.industry, n.stage, specificOnly)).length;
      return {
        key: `${n.industry}/${n.stage}`,
        holders: holders.filter((id) => !isVetoed(id)).length + own(false),
        specific: specific.filter((id) => !isVetoed(id)).length + own(true),
      };
    });
    return {
      countyId: county.id,
      partners,
      candidates: open.length - vetoed.length + locals.length,
      national: openNational - vetoed.filter((e) => e?.level === 'national').length,
      locals: locals.length,
      east,
      required,
    };
  });
}
