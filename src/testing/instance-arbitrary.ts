/**
 * fast-check arbitraries of valid rounds. An instance is built from small
 * "genes" that fast-check draws and shrinks (per county: its needs, the
 * experts it brings to the pool, its local scientists, its affinity rows,
 * its pins), so a failing case shrinks to a few counties and experts.
 *
 * Every instance drawn passes `validateInstance` under the default options
 * (`keyCounties: 'refuse'`, `leaderLevels: ['national']`,
 * `defaultCapacity: 1`), is already in the parsed shape
 * (`InstanceSchema.parse(instance)` deep-equals it), and reads back equal
 * from the CSV folder `writeInstanceDir` writes.
 */
import fc from 'fast-check';
import type { OptionsInput } from '../model/options.js';
import type { Affinity, County, Expert, Instance, Need, Pairing, Pin, Skill } from '../model/schemas.js';
import { DEFAULT_STAGES, type Level } from '../model/vocabulary.js';
import { resolveKnobs, type InstanceKnobs, type IntRange, type ResolvedKnobs } from './knobs.js';

const CHANCE_SCALE = 10_000;

/** True with probability `rate`; shrinks toward `false`. */
function chance(rate: number): fc.Arbitrary<boolean> {
  if (rate <= 0) return fc.constant(false);
  if (rate >= 1) return fc.constant(true);
  const threshold = Math.round((1 - rate) * CHANCE_SCALE);
  return fc.integer({ min: 0, max: CHANCE_SCALE - 1 }).map((n) => n >= threshold);
}

function intIn([min, max]: IntRange): fc.Arbitrary<number> {
  return fc.integer({ min, max });
}

/**
 * The leading industries needs and skills are drawn from (DESIGN section 4);
 * `InstanceKnobs.industries` takes the first n.
 *
 * @example
 * ```ts
 * TEST_INDUSTRIES.slice(0, 3); // ['茶叶', '牛羊', '水果']
 * ```
 */
export const TEST_INDUSTRIES = ['茶叶', '牛羊', '水果', '蔬菜', '食用菌', '马铃薯', '中药材', '辣椒'] as const;
/**
 * The western provinces counties lie in.
 *
 * @example
 * ```ts
 * instance.counties.every((c) => TEST_WEST.includes(c.province as never)); // true
 * ```
 */
export const TEST_WEST = ['四川', '甘肃'] as const;
/**
 * Province-level pairings (east → west) used when `pairings` is on.
 *
 * @example
 * ```ts
 * TEST_PAIRINGS[0]; // { eastProvince: '浙江', westProvince: '四川' }
 * ```
 */
export const TEST_PAIRINGS: readonly Pairing[] = [
  { eastProvince: '浙江', westProvince: '四川' },
  { eastProvince: '天津', westProvince: '甘肃' },
];
const COUNTY_PAIRING_EAST = '山东';
const OWN_PARTNERS: readonly (readonly string[])[] = [['广东'], ['浙江', '上海']];
// Weighted toward the province-level partners, so that paired counties usually find East–West members.
const EAST_PROVINCES = ['浙江', '天津', '浙江', '天津', '山东', '广东', '上海'] as const;
const NATIONAL_PROVINCES = ['北京', '北京', '湖北', '浙江', '天津'] as const;
const OTHER_PROVINCES = ['北京', '湖北', '四川', '陕西'] as const;
const POOL_LEVELS: readonly Level[] = ['provincial', 'provincial', 'municipal', 'county'];
const LOCAL_LEVELS: readonly Level[] = ['county', 'county', 'county', 'county', 'municipal', 'municipal', 'municipal', 'provincial', 'provincial', 'national'];
const PLAIN_ORGS = ['中国农业科学院', '中国农业大学', '西北农林科技大学', '浙江大学', ''] as const;
const AWKWARD_ORGS = ['=中国农科院', '-农技协', '"Quoted", Inc.', '+甲\n乙', '@学会', ''] as const;
const AWKWARD_TEXT = ['=1+1', '-2', '+3', '@SUM(A1)', '"quoted"', 'a,b', 'line\nbreak', ' lead', "'=x", '\ttab', '张三'] as const;
// No control characters (a line break, a tab): validation refuses them in ids (issue #9 E3).
const AWKWARD_ID_PREFIXES = ['=', '-', '+', '@', '张', 'a"', 'b,', "'", 'x y', '=-'] as const;

interface SkillGene { industry: number; stage: number; wild: number; proficiency: number }
interface ExpertGene { kind: number; level: number; province: number; org: number; cap2: boolean; skills: SkillGene[] }
interface NeedGene { industry: number; stage: number; weight: number; required: boolean }
interface AffinityGene { expert: number; score: number; veto: boolean }
interface PinGene { pinned: boolean; leader: number; role: number; withLocal: boolean }
interface CountyGene {
  province: number;
  partner: number;
  needs: NeedGene[];
  pool: ExpertGene[];
  locals: ExpertGene[];
  affinities: AffinityGene[];
  pin: PinGene;
  override: boolean;
  size: [number, number];
}

function genes(k: ResolvedKnobs): fc.Arbitrary<CountyGene[]> {
  const skill = fc.record({
    industry: fc.nat(k.industries - 1),
    stage: fc.nat(4),
    wild: fc.nat(19),
    proficiency: fc.integer({ min: 1, max: 3 }),
  });
  const expert = fc.record({
    kind: fc.nat(CHANCE_SCALE - 1),
    level: fc.nat(LOCAL_LEVELS.length - 1),
    province: fc.nat(99),
    org: fc.nat(99),
    cap2: chance(k.capacity2Rate),
    skills: fc.array(skill, { minLength: 1, maxLength: 3 }),
  });
  const need = fc.record({
    industry: fc.nat(k.industries - 1),
    stage: fc.nat(4),
    weight: fc.integer({ min: 0, max: 6 }),
    required: chance(k.requiredRate),
  });
  const affinity = fc.record({
    expert: fc.nat(999),
    score: intIn(k.affinityScores),
    veto: chance(k.vetoRate),
  });
  const county = fc.record({
    province: fc.nat(1),
    partner: fc.nat(5),
    needs: fc.array(need, { minLength: k.needsPerCounty[0], maxLength: k.needsPerCounty[1] }),
    pool: fc.array(expert, { minLength: k.expertsPerCounty[0], maxLength: k.expertsPerCounty[1] }),
    locals: fc.array(expert, { minLength: k.localsPerCounty[0], maxLength: k.localsPerCounty[1] }),
    affinities: fc.array(affinity, { minLength: k.affinitiesPerCounty[0], maxLength: k.affinitiesPerCounty[1] }),
    pin: fc.record({ pinned: chance(k.pinsRate), leader: fc.nat(99), role: fc.nat(2), withLocal: fc.boolean() }),
    override: chance(k.sizeOverrideRate),
    // At least 3: a leader, a local scientist and an East–West member; validation refuses a smaller group_max (issue #9 E5).
    size: fc.tuple(fc.integer({ min: 3, max: 6 }), fc.integer({ min: 0, max: 2 })),
  });
  return fc.array(county, { minLength: k.counties[0], maxLength: k.counties[1] });
}

function pick<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

function idOf(k: ResolvedKnobs, prefix: string, n: number): string {
  return k.ids === 'plain' ? `${prefix}${n}` : `${pick(AWKWARD_ID_PREFIXES, n - 1)}${prefix}${n}`;
}

function textOf(k: ResolvedKnobs, plain: string, n: number): string {
  return k.text === 'plain' ? plain : `${pick(AWKWARD_TEXT, n)}${n % 3 === 0 ? '' : plain}`;
}

/** Builds the instance of a list of county genes (deterministic). */
function build(k: ResolvedKnobs, gs: readonly CountyGene[]): Instance {
  const pairings: Pairing[] = k.pairings ? TEST_PAIRINGS.map((p) => ({ ...p })) : [];
  const counties: County[] = gs.map((g, i) => {
    const id = idOf(k, 'c', i + 1);
    const province = pick(TEST_WEST, g.province);
    let eastPartner: string[] = [];
    if (k.pairings) {
      if (g.partner === 3 && province === '甘肃') pairings.push({ eastProvince: COUNTY_PAIRING_EAST, westProvince: province, countyId: id });
      else if (g.partner >= 4) eastPartner = [...pick(OWN_PARTNERS, g.partner)];
    }
    const c: County = { id, name: textOf(k, `县${i + 1}`, i), province, prefecture: '', keyCounty: false, eastPartner };
    if (g.override) {
      c.groupMin = g.size[0];
      c.groupMax = g.size[0] + g.size[1];
    }
    return c;
  });

  const needs: Need[] = [];
  gs.forEach((g, i) => {
    const seen = new Set<string>();
    for (const n of g.needs) {
      const industry = pick(TEST_INDUSTRIES, n.industry);
      const stage = pick(DEFAULT_STAGES, n.stage);
      if (seen.has(`${industry}\u0000${stage}`)) continue;
      seen.add(`${industry}\u0000${stage}`);
      needs.push({ countyId: counties[i]!.id, industry, stage, weight: n.weight / 2, required: n.required });
    }
  });

  const experts: Expert[] = [];
  const skills: Skill[] = [];
  const orgs = k.text === 'plain' ? PLAIN_ORGS : AWKWARD_ORGS;
  const addExpert = (g: ExpertGene, home: County | undefined): void => {
    const n = experts.length + 1;
    const id = idOf(k, 'e', n);
    let level: Level;
    let province: string;
    if (home !== undefined) {
      level = pick(LOCAL_LEVELS, g.level);
      province = home.province;
    } else if (g.kind >= Math.round((1 - k.nationalShare) * CHANCE_SCALE)) {
      level = 'national';
      province = pick(NATIONAL_PROVINCES, g.province);
    } else if (g.kind >= Math.round((1 - k.nationalShare - k.eastShare) * CHANCE_SCALE)) {
      level = pick(POOL_LEVELS, g.level);
      province = pick(EAST_PROVINCES, g.province);
    } else {
      level = pick(POOL_LEVELS, g.level);
      province = pick(OTHER_PROVINCES, g.province);
    }
    const e: Expert = { id, name: textOf(k, `专家${n}`, n), province, organization: pick(orgs, g.org), level };
    if (home !== undefined) e.homeCounty = home.id;
    if (g.cap2) e.capacity = 2;
    experts.push(e);
    const seen = new Set<string>();
    for (const s of g.skills) {
      const industry = s.wild === 0 ? '*' : pick(TEST_INDUSTRIES.slice(0, k.industries), s.industry);
      const stage = s.wild === 1 ? '*' : pick(DEFAULT_STAGES, s.stage);
      if (seen.has(`${industry}\u0000${stage}`)) continue;
      seen.add(`${industry}\u0000${stage}`);
      skills.push({ expertId: id, industry, stage, proficiency: s.proficiency });
    }
  };
  gs.forEach((g, i) => {
    for (const e of g.pool) addExpert(e, undefined);
    for (const e of g.locals) addExpert(e, counties[i]);
  });

  const affinities: Affinity[] = [];
  const vetoed = new Set<string>();
  if (experts.length > 0) {
    gs.forEach((g, i) => {
      const c = counties[i]!;
      const seen = new Set<string>();
      for (const a of g.affinities) {
        const e = pick(experts, a.expert);
        if (seen.has(e.id)) continue;
        seen.add(e.id);
        affinities.push({ countyId: c.id, expertId: e.id, score: a.score, veto: a.veto });
        if (a.veto) vetoed.add(`${c.id}\u0000${e.id}`);
      }
    });
  }

  const pins: Pin[] = [];
  const load = new Map<string, number>();
  const free = (e: Expert, c: County): boolean =>
    !vetoed.has(`${c.id}\u0000${e.id}`) && (load.get(e.id) ?? 0) < (e.capacity ?? 1);
  const pin = (c: County, e: Expert, role: Pin['role']): void => {
    load.set(e.id, (load.get(e.id) ?? 0) + 1);
    pins.push(role === undefined ? { countyId: c.id, expertId: e.id } : { countyId: c.id, expertId: e.id, role });
  };
  gs.forEach((g, i) => {
    if (!g.pin.pinned) return;
    const c = counties[i]!;
    const leaders = experts.filter((e) => e.level === 'national' && e.homeCounty === undefined && free(e, c));
    if (leaders.length > 0) pin(c, pick(leaders, g.pin.leader), g.pin.role === 0 ? 'leader' : g.pin.role === 1 ? undefined : 'member');
    if (g.pin.withLocal) {
      const local = experts.find((e) => e.homeCounty === c.id && free(e, c));
      if (local !== undefined) pin(c, local, 'local');
    }
  });

  return { counties, needs, experts, skills, pairings, affinities, pins };
}

/**
 * An arbitrary of valid instances, shaped by `knobs` (see `InstanceKnobs`;
 * defaults in `DEFAULT_INSTANCE_KNOBS`).
 *
 * What every instance holds: counties in 四川 or 甘肃 (no key county);
 * needs over `knobs.industries` industries and the first five chain stages;
 * a pool of national, eastern and other experts with 1–3 skills each
 * (sometimes a `*` wildcard) from a handful of organizations; local
 * scientists; affinity rows with whole-number scores, some of them vetoes;
 * with `pairings`, province- and county-level pairings and own partners;
 * pins that respect every validation rule (a national, non-local, unvetoed
 * leader within capacity; a local scientist of the county).
 *
 * Nothing guarantees that a county can be matched: scarcity is a knob.
 *
 * @throws RangeError on a bad knob (see `resolveKnobs`)
 * @example
 * ```ts
 * import fc from 'fast-check';
 * import { instanceArbitrary, checkSolution } from 'advisory-groups/testing';
 * import { solveOrThrow } from 'advisory-groups';
 *
 * await fc.assert(fc.asyncProperty(instanceArbitrary({ counties: [1, 3] }), async (instance) => {
 *   const result = await solveOrThrow(instance, { groupMin: 3, groupMax: 5 });
 *   return checkSolution(instance, result, { groupMin: 3, groupMax: 5 }).ok;
 * }), { seed: 42, numRuns: 50 });
 * ```
 */
export function instanceArbitrary(knobs: InstanceKnobs = {}): fc.Arbitrary<Instance> {
  const k = resolveKnobs(knobs);
  return genes(k).map((gs) => build(k, gs));
}

/**
 * Knobs of `roundArbitrary`: the instance's, plus the options drawn with it.
 *
 * @example
 * ```ts
 * const knobs: RoundKnobs = { objective: 'affinity', groupMin: [3, 3], pinsRate: 0.5 };
 * ```
 */
export interface RoundKnobs extends InstanceKnobs {
  /** The objective of the options: one mode, or `both` to draw it. Default `both`. */
  readonly objective?: 'default' | 'affinity' | 'both' | undefined;
  /** Range of `groupMin`; `groupMax` is drawn in `groupMin`…`groupMin + 2`. Default `[2, 4]`, small enough for small pools. */
  readonly groupMin?: IntRange | undefined;
}

/**
 * A round: an instance and the options to solve and check it with.
 *
 * @example
 * ```ts
 * const [{ instance, options }] = fc.sample(roundArbitrary(), 1) as Round[];
 * ```
 */
export interface Round {
  readonly instance: Instance;
  /** `objective`, `groupMin`, `groupMax`, `maxSameOrganization` (1–3), `seed` and a `timeLimit` of 60 s; the rest default. */
  readonly options: OptionsInput;
}

/**
 * An arbitrary of rounds: a valid instance (see `instanceArbitrary`) with
 * options fit for its size (small groups, an organization limit that
 * binds, a seed).
 *
 * @throws RangeError on a bad knob
 * @example
 * ```ts
 * fc.assert(fc.asyncProperty(roundArbitrary({ objective: 'affinity' }), async ({ instance, options }) => {
 *   const r = await solveOrThrow(instance, options);
 *   return checkSolution(instance, r, options).ok;
 * }));
 * ```
 */
export function roundArbitrary(knobs: RoundKnobs = {}): fc.Arbitrary<Round> {
  const { objective = 'both', groupMin = [2, 4], ...instanceKnobs } = knobs;
  const [gMin, gMax] = groupMin;
  if (!Number.isInteger(gMin) || !Number.isInteger(gMax) || gMin < 1 || gMax < gMin) {
    throw new RangeError(`RoundKnobs: groupMin must be whole numbers 1 ≤ min ≤ max, not [${String(gMin)}, ${String(gMax)}]`);
  }
  return fc
    .record({
      instance: instanceArbitrary(instanceKnobs),
      objective: objective === 'both' ? fc.constantFrom('default' as const, 'affinity' as const) : fc.constant(objective),
      groupMin: fc.integer({ min: gMin, max: gMax }),
      spread: fc.integer({ min: 0, max: 2 }),
      maxSameOrganization: fc.integer({ min: 1, max: 3 }),
      seed: fc.integer({ min: 0, max: 1_000_000 }),
    })
    .map(({ instance, objective: mode, groupMin: min, spread, maxSameOrganization, seed }) => ({
      instance,
      options: { objective: mode, groupMin: min, groupMax: min + spread, maxSameOrganization, seed, timeLimit: 60 },
    }));
}
