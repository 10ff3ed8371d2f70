/**
 * Stated consent (双向选择、自主自愿) for `consent: 'required'` rounds: the
 * `county_consents` and `expert_consents` columns of affinity.csv. Off unless
 * `spec.consentCandidates > 0`, so that other instances stay as they were.
 *
 * As a round is run: each county names about `consentCandidates` experts it
 * would accept (its own local scientists, national experts of its leading
 * industries who could lead, scientists of its East–West partner provinces,
 * holders of its required needs, then other holders of its industries), and
 * each named expert answers. A `consentRate` share of the pairs end with yes
 * on both sides; of the others the expert said no (40%), the county withdrew
 * its yes (20%), or the expert never answered (40%). Pins are consent given
 * (both yes); vetoed pairs are never named. Preference rows of the same pair
 * take the answers; preference rows of pairs not named keep no answers.
 */
import type { Affinity, Expert, Pin, Skill } from '../model/schemas.js';
import { ANY } from '../model/vocabulary.js';
import type { CountyPlan } from './counties.js';
import type { ResolvedSpec } from './presets.js';
import type { Rng } from './random.js';

/** The experts a county names, in the order it names them (no repeats). */
function candidatesOf(plan: CountyPlan, pools: CandidatePools, want: number, rng: Rng): number[] {
  const chosen = new Set<number>();
  const take = (list: readonly number[] | undefined, n: number): void => {
    if (list === undefined || list.length === 0) return;
    for (const e of rng.sample(list, Math.min(n, list.length))) if (chosen.size < want || n === Infinity) chosen.add(e);
  };
  // Its own local scientists, all of them: the county recommended them (H5).
  take(pools.locals.get(plan.county.id), Infinity);
  for (const industry of plan.industries.slice(0, 2)) take(pools.nationalByIndustry.get(industry), 2);
  for (const province of plan.partners) take(pools.byProvince.get(province), 2);
  for (const need of plan.needs) if (need.required) take(holdersOf(pools, need.industry, need.stage), 2);
  const holders = plan.industries.flatMap((i) => pools.byIndustry.get(i) ?? []);
  for (let guard = 0; chosen.size < want && guard < 4 * want && holders.length > 0; guard++) chosen.add(rng.pick(holders));
  return [...chosen];
}

/** Where counties find the experts they name: non-local experts by industry, skill and province; locals by county. */
interface CandidatePools {
  readonly locals: Map<string, number[]>;
  readonly byIndustry: Map<string, number[]>;
  readonly nationalByIndustry: Map<string, number[]>;
  /** Per industry, each non-local holder's skills in it: [expert, stage]. */
  readonly skillsByIndustry: Map<string, [number, string][]>;
  readonly byProvince: Map<string, number[]>;
}

function push<K>(map: Map<K, number[]>, key: K, value: number): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else if (list[list.length - 1] !== value) list.push(value);
}

function candidatePools(experts: readonly Expert[], skills: readonly Skill[]): CandidatePools {
  const index = new Map<string, number>();
  experts.forEach((e, i) => index.set(e.id, i));
  const pools: CandidatePools = { locals: new Map(), byIndustry: new Map(), nationalByIndustry: new Map(), skillsByIndustry: new Map(), byProvince: new Map() };
  experts.forEach((e, i) => {
    if (e.homeCounty !== undefined) push(pools.locals, e.homeCounty, i);
    else push(pools.byProvince, e.province, i);
  });
  for (const s of skills) {
    const i = index.get(s.expertId);
    if (i === undefined || experts[i]!.homeCounty !== undefined || s.industry === ANY) continue;
    push(pools.byIndustry, s.industry, i);
    if (experts[i]!.level === 'national') push(pools.nationalByIndustry, s.industry, i);
    const list = pools.skillsByIndustry.get(s.industry);
    if (list === undefined) pools.skillsByIndustry.set(s.industry, [[i, s.stage]]);
    else list.push([i, s.stage]);
  }
  return pools;
}

/** Non-local holders of a named skill covering the need (its stage, or any stage: see `skillCovers`), in pool order. */
function holdersOf(pools: CandidatePools, industry: string, stage: string): number[] {
  const out = new Set<number>();
  for (const [e, st] of pools.skillsByIndustry.get(industry) ?? []) if (st === stage || st === ANY) out.add(e);
  return [...out];
}

/** The two answers of a named pair. */
function answers(rng: Rng, rate: number): Pick<Affinity, 'countyConsents' | 'expertConsents'> {
  if (rng.next() < rate) return { countyConsents: true, expertConsents: true };
  const u = rng.next();
  if (u < 0.4) return { countyConsents: true, expertConsents: false };
  if (u < 0.6) return { countyConsents: false, expertConsents: true };
  return { countyConsents: true };
}

/**
 * The affinity rows with consent answers merged in (see the module
 * comment), sorted as `affinities` is (by county, then expert). Returns
 * `affinities` itself when `spec.consentCandidates` is 0.
 */
export function withConsent(
  affinities: Affinity[], pins: readonly Pin[], plans: readonly CountyPlan[], experts: readonly Expert[], skills: readonly Skill[], spec: ResolvedSpec, rng: Rng,
): Affinity[] {
  if (spec.consentCandidates <= 0) return affinities;
  const key = (countyId: string, expertId: string): string => `${countyId}\u0000${expertId}`;
  const rows = new Map<string, Affinity>(affinities.map((a) => [key(a.countyId, a.expertId), a]));
  const pools = candidatePools(experts, skills);
  for (const plan of plans) {
    const countyId = plan.county.id;
    for (const e of candidatesOf(plan, pools, spec.consentCandidates, rng)) {
      const expertId = experts[e]!.id;
      const k = key(countyId, expertId);
      const row = rows.get(k);
      if (row?.veto === true) continue;
      rows.set(k, { ...(row ?? { countyId, expertId, score: 0, veto: false }), ...answers(rng, spec.consentRate) });
    }
  }
  // A pin is consent given: both yes, so that validation never meets a pin whose row says no.
  for (const p of pins) {
    const row = rows.get(key(p.countyId, p.expertId));
    rows.set(key(p.countyId, p.expertId), { ...(row ?? { countyId: p.countyId, expertId: p.expertId, score: 0, veto: false }), countyConsents: true, expertConsents: true });
  }
  const byPair = (a: Affinity, b: Affinity): number =>
    a.countyId < b.countyId ? -1 : a.countyId > b.countyId ? 1 : a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0;
  return [...rows.values()].sort(byPair);
}
