/**
 * A seeded fast-check arbitrary of small valid rounds (2–5 counties, 15–60
 * experts) with every feature of the data contract: levels, provinces,
 * local scientists, province- and county-level pairings and an own
 * `east_partner`, skills with wildcards, needs (some required), affinities,
 * vetoes, capacities 0–2, organizations, group-size overrides, and
 * sometimes a pin.
 *
 * The shape comes from a few numbers fast-check draws and shrinks (sizes and
 * a seed); the rest is drawn from a small PRNG of that seed, so a failing
 * case is reproduced from the numbers fast-check prints.
 *
 * A pinned county gets a dedicated core (a national leader, a local
 * scientist, an East–West member, a generalist covering every need, and
 * enough members), vetoed for every other county, so that it can always be
 * matched: the property is about the engines, not about unmatchable pins.
 */
import fc from 'fast-check';
import type { OptionsInput } from '../../src/model/options.js';
import type { Instance } from '../../src/model/schemas.js';
import type { Level } from '../../src/model/vocabulary.js';
import { makeInstance, type AffinityIn, type CountyIn, type ExpertIn, type NeedIn, type PairingIn, type PinIn, type SkillIn } from './instance.js';

/** A PRNG (mulberry32): deterministic from its seed. */
export class Prng {
  private state: number;
  constructor(seed: number) {
    this.state = seed >>> 0;
  }
  /** A float in [0, 1). */
  next(): number {
    let t = (this.state = (this.state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  }
  /** An integer in [lo, hi]. */
  int(lo: number, hi: number): number {
    return lo + Math.floor(this.next() * (hi - lo + 1));
  }
  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }
  /** One item of a non-empty list. */
  pick<T>(list: readonly T[]): T {
    return list[Math.floor(this.next() * list.length)]!;
  }
}

/** The drawn numbers a small round is built from. */
export interface SmallRoundSpec {
  counties: number;
  experts: number;
  seed: number;
  /** Add a pinned county with a dedicated core. */
  pin: boolean;
}

/** A small round and the options to solve it with (add `objective` as needed). */
export interface SmallRound {
  spec: SmallRoundSpec;
  instance: Instance;
  options: OptionsInput;
}

const INDUSTRIES = ['tea', 'fruit', 'cattle'] as const;
const STAGES = ['production', 'processing', 'branding'] as const;
const ORGS = ['', 'Academy', 'University', 'Institute', 'Coop'] as const;
const LEVEL_TABLE: readonly Level[] = ['national', 'national', 'provincial', 'provincial', 'provincial', 'municipal', 'municipal', 'county'];

/** Builds the round of a spec (deterministic). */
export function buildSmallRound(spec: SmallRoundSpec): SmallRound {
  const rng = new Prng(spec.seed);
  const groupMin = rng.int(3, 5);
  const groupMax = groupMin + rng.int(0, 3);
  const options: OptionsInput = { groupMin, groupMax, seed: spec.seed, timeLimit: 60 };

  // Counties: W1 paired with E1 (province level); W2 unpaired, except a
  // county-level pairing with E2 for its first county; sometimes an own partner.
  const counties: CountyIn[] = [];
  const pairings: PairingIn[] = [{ eastProvince: 'E1', westProvince: 'W1' }];
  for (let i = 0; i < spec.counties; i++) {
    const id = `c${i + 1}`;
    const province = rng.chance(0.6) ? 'W1' : 'W2';
    const county: CountyIn = { id, province };
    if (province === 'W2' && !pairings.some((p) => p.countyId !== undefined)) pairings.push({ eastProvince: 'E2', westProvince: 'W2', countyId: id });
    else if (rng.chance(0.15)) county.eastPartner = [rng.pick(['E1', 'E2'])];
    if (rng.chance(0.2)) {
      // At least 3 (a leader, a local, an East–West member; issue #9 E5 refuses less), with the same draws as before.
      const min = Math.max(3, rng.int(2, groupMin));
      county.groupMin = min;
      county.groupMax = min + rng.int(0, 3);
    }
    counties.push(county);
  }
  const countyIds = counties.map((c) => c.id);

  const needs: NeedIn[] = [];
  for (const c of countyIds) {
    const keys = new Set<string>();
    for (let k = rng.int(1, 3); k > 0; k--) {
      const industry = rng.pick(INDUSTRIES);
      const stage = rng.pick(STAGES);
      if (keys.has(`${industry}/${stage}`)) continue;
      keys.add(`${industry}/${stage}`);
      needs.push({ countyId: c, industry, stage, weight: rng.int(1, 6) / 2, required: rng.chance(0.3) });
    }
  }

  const experts: ExpertIn[] = [];
  const skills: SkillIn[] = [];
  const skill = (expertId: string): void => {
    const seen = new Set<string>();
    for (let k = rng.int(0, 3); k > 0; k--) {
      const industry = rng.chance(0.1) ? '*' : rng.pick(INDUSTRIES);
      const stage = rng.chance(0.15) ? '*' : rng.pick(STAGES);
      if (seen.has(`${industry}/${stage}`)) continue;
      seen.add(`${industry}/${stage}`);
      skills.push({ expertId, industry, stage, proficiency: rng.int(1, 3) });
    }
  };
  for (let i = 0; i < spec.experts; i++) {
    const id = `e${i + 1}`;
    const level = rng.pick(LEVEL_TABLE);
    const e: ExpertIn = { id, province: rng.pick(['W1', 'W2', 'E1', 'E2', 'P', 'P']), level, organization: rng.pick(ORGS) };
    if (rng.chance(0.18)) {
      const home = rng.pick(countyIds);
      e.homeCounty = home;
      e.province = counties.find((c) => c.id === home)!.province;
    }
    if (rng.chance(0.15)) e.capacity = 2;
    else if (rng.chance(0.03)) e.capacity = 0;
    experts.push(e);
    skill(id);
  }

  const affinities: AffinityIn[] = [];
  for (const c of countyIds) {
    for (const e of experts) {
      if (!rng.chance(0.25)) continue;
      if (rng.chance(0.12)) affinities.push({ countyId: c, expertId: e.id, score: rng.int(-2, 6), veto: true });
      else affinities.push({ countyId: c, expertId: e.id, score: rng.int(-6, 20) / 2 });
    }
  }

  const pins: PinIn[] = [];
  if (spec.pin) {
    // A pinned county with a dedicated core that no other county may use.
    const p = counties[rng.int(0, counties.length - 1)]!;
    const core: ExpertIn[] = [
      { id: 'k-lead', province: 'P', level: 'national', organization: 'Academy' },
      { id: 'k-local', province: p.province, level: 'county', homeCounty: p.id },
      { id: 'k-all', province: 'P', level: 'provincial' },
    ];
    const partners = p.eastPartner ?? (pairings.find((x) => x.countyId === p.id) ? ['E2'] : p.province === 'W1' ? ['E1'] : []);
    if (partners.length > 0) core.push({ id: 'k-east', province: partners[0]!, level: 'municipal' });
    const min = p.groupMin ?? groupMin;
    for (let i = core.length; i < min; i++) core.push({ id: `k-m${i}`, province: 'P', level: 'provincial' });
    skills.push({ expertId: 'k-all', industry: '*', stage: '*', proficiency: 1 });
    for (const e of core) {
      experts.push(e);
      for (const c of countyIds) {
        if (c === p.id) continue;
        const existing = affinities.findIndex((a) => a.countyId === c && a.expertId === e.id);
        if (existing >= 0) affinities.splice(existing, 1);
        if (e.homeCounty === undefined) affinities.push({ countyId: c, expertId: e.id, veto: true });
      }
    }
    // The pinned pair: the core's leader (as leader) or one of its members.
    if (rng.chance(0.5)) pins.push({ countyId: p.id, expertId: 'k-lead', role: 'leader' });
    else pins.push({ countyId: p.id, expertId: 'k-all', ...(rng.chance(0.5) ? { role: 'member' as const } : {}) });
    // The pinned county may be smaller than the core: widen its bounds.
    if (p.groupMax !== undefined && p.groupMax < core.length) p.groupMax = core.length;
    if (p.groupMax === undefined && groupMax < core.length) p.groupMax = core.length;
  }

  const instance = makeInstance({ counties, needs, experts, skills, pairings, affinities, pins });
  return { spec, instance, options };
}

/** The arbitrary of small rounds. */
export function smallRoundArb(sizes: { counties?: [number, number]; experts?: [number, number] } = {}): fc.Arbitrary<SmallRound> {
  const [cMin, cMax] = sizes.counties ?? [2, 5];
  const [eMin, eMax] = sizes.experts ?? [15, 60];
  return fc
    .record({
      counties: fc.integer({ min: cMin, max: cMax }),
      experts: fc.integer({ min: eMin, max: eMax }),
      seed: fc.integer({ min: 0, max: 0x7fffffff }),
      pin: fc.boolean(),
    })
    .map(buildSmallRound);
}
