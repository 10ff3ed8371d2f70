/**
 * The expert pool (产业顾问专家库) and the experts' skills. Four kinds of
 * experts, drawn so that a round is mostly feasible but not trivially so:
 *
 * - local scientists: 2–3 per county, recommended by it (`homeCounty`), of
 *   county or municipal level, skilled in the county's own industries;
 * - national-level experts (~15%): mostly in 北京's institutes, skilled in
 *   proportion to the round's needs, except rare industries (养蜂, 青稞,
 *   蚕桑, 花椒) which the `scarcity` knob thins;
 * - eastern experts: from each eastern partner province, about 1.2 per
 *   county paired with it, skilled in what those counties need;
 * - the general pool: every province, weighted toward those with counties.
 *
 * Ids (`E00001`…) are given after a shuffle so that an id says nothing about
 * the kind of expert.
 */
import type { Expert, Skill } from '../model/schemas.js';
import { ANY, DEFAULT_STAGES, type Level, type OrgType } from '../model/vocabulary.js';
import type { CountyPlan } from './counties.js';
import { PROVINCES, provinceByName } from './geography.js';
import { INDUSTRIES, stageWeights } from './industries.js';
import { personName } from './names.js';
import { OrganizationCatalog, chooseOrganization, type Organization } from './organizations.js';
import type { ResolvedSpec } from './presets.js';
import { WeightedTable, type Rng } from './random.js';

/** The generated pool: experts in id order, skills in expert then industry then stage order. */
export interface ExpertPool {
  readonly experts: Expert[];
  readonly skills: Skill[];
}

type Kind = 'local' | 'national' | 'east' | 'general';

interface SkillDraft {
  industry: string;
  stage: string;
  proficiency: number;
}

interface Draft {
  readonly kind: Kind;
  readonly name: string;
  readonly province: string;
  readonly organization: Organization;
  readonly level: Level;
  readonly homeCounty?: string;
  /** Set only for the ~10% of national experts who serve two groups; others follow the round's `defaultCapacity`. */
  readonly capacity?: number;
  readonly skills: SkillDraft[];
}

const N_INDUSTRIES = INDUSTRIES.length;
const INDUSTRY_INDEX: ReadonlyMap<string, number> = new Map(INDUSTRIES.map((x, i) => [x.name, i]));
/** Skills per expert: 1–4, two or three most often. */
const SKILL_COUNTS = [1, 2, 3, 4] as const;
const SKILL_COUNT_WEIGHTS = [0.25, 0.35, 0.28, 0.12];
/** Share of skills with the stage `*`: a generalist of the industry. */
const ANY_STAGE_RATE = 0.08;
/** Share of the industry distribution spread evenly over every industry, so pools hold some unrelated expertise. */
const SMOOTHING = 0.03;

/** Proficiency 1–3 by level: national experts are mostly 3, county ones mostly 1–2. */
const PROFICIENCY_WEIGHTS: Readonly<Record<Level, readonly number[]>> = {
  national: [0, 0.3, 0.7],
  provincial: [0.15, 0.5, 0.35],
  municipal: [0.25, 0.55, 0.2],
  county: [0.4, 0.5, 0.1],
};

/** Demand for each industry (in `INDUSTRIES` order): needs counted once, required needs twice, hard needs not at all. */
function demandOf(plans: Iterable<CountyPlan>): Float64Array {
  const demand = new Float64Array(N_INDUSTRIES);
  for (const plan of plans) {
    for (const need of plan.needs) {
      if (need === plan.hardNeed) continue;
      const i = INDUSTRY_INDEX.get(need.industry);
      if (i !== undefined) demand[i] = (demand[i] ?? 0) + (need.required ? 2 : 1);
    }
  }
  return demand;
}

function normalized(values: Float64Array): Float64Array {
  let sum = 0;
  for (const v of values) sum += v;
  const out = new Float64Array(values.length);
  if (sum > 0) for (let i = 0; i < values.length; i++) out[i] = (values[i] ?? 0) / sum;
  return out;
}

/**
 * A table of industry indices: `mix` of normalized demands, plus smoothing,
 * with rare industries multiplied by `rareFactor`.
 */
function industryTable(parts: readonly (readonly [share: number, demand: Float64Array])[], rareFactor: number): WeightedTable<number> {
  const weights: number[] = new Array<number>(N_INDUSTRIES).fill(SMOOTHING / N_INDUSTRIES);
  for (const [share, demand] of parts) {
    const norm = normalized(demand);
    for (let i = 0; i < N_INDUSTRIES; i++) weights[i] = (weights[i] ?? 0) + share * (norm[i] ?? 0);
  }
  INDUSTRIES.forEach((info, i) => {
    if (info.rare) weights[i] = (weights[i] ?? 0) * rareFactor;
  });
  return new WeightedTable(INDUSTRIES.map((_, i) => i), weights);
}

/** Draws the kinds of things the pool generator needs, sharing the tables between experts. */
class PoolBuilder {
  readonly drafts: Draft[] = [];
  private readonly stageTables = INDUSTRIES.map((info) => new WeightedTable<string>(DEFAULT_STAGES, stageWeights(info)));
  private readonly proficiencyTables = new Map<Level, WeightedTable<number>>(
    (Object.keys(PROFICIENCY_WEIGHTS) as Level[]).map((level) => [level, new WeightedTable([1, 2, 3], PROFICIENCY_WEIGHTS[level])]),
  );
  private readonly skillCountTable = new WeightedTable<number>(SKILL_COUNTS, SKILL_COUNT_WEIGHTS);

  constructor(readonly rng: Rng, readonly catalog: OrganizationCatalog) {}

  proficiency(level: Level): number {
    return (this.proficiencyTables.get(level) as WeightedTable<number>).draw(this.rng);
  }

  stageOf(industry: number): string {
    if (this.rng.chance(ANY_STAGE_RATE)) return ANY;
    return (this.stageTables[industry] as WeightedTable<string>).draw(this.rng);
  }

  /**
   * 1–4 skills around a main industry from `table`: further skills stay in
   * the same industry at another stage 70% of the time (experts specialise),
   * else move to another industry of the table.
   */
  skillsFrom(table: WeightedTable<number>, level: Level, generalistRate: number): SkillDraft[] {
    const rng = this.rng;
    const skills: SkillDraft[] = [];
    const keys = new Set<string>();
    const add = (industry: string, stage: string): void => {
      const key = `${industry}\u0000${stage}`;
      if (keys.has(key)) return;
      keys.add(key);
      skills.push({ industry, stage, proficiency: this.proficiency(level) });
    };
    const main = table.draw(rng);
    const count = this.skillCountTable.draw(rng);
    if (rng.chance(generalistRate)) {
      // An extension generalist (农技推广): covers any need, at modest depth.
      add(ANY, ANY);
      if (count > 1) add(INDUSTRIES[main]?.name ?? ANY, this.stageOf(main));
      return skills;
    }
    add(INDUSTRIES[main]?.name ?? ANY, this.stageOf(main));
    for (let k = 1; k < count; k++) {
      const industry = rng.chance(0.7) ? main : table.draw(rng);
      add(INDUSTRIES[industry]?.name ?? ANY, this.stageOf(industry));
    }
    return skills;
  }

  /** An organization of `level` in `province`, known for `industry` when possible. */
  organization(province: string, level: Level, industry: string, countyPlans: readonly CountyPlan[] | undefined): Organization {
    const { rng, catalog } = this;
    let orgs: readonly Organization[];
    switch (level) {
      case 'national':
        orgs = catalog.national(province);
        break;
      case 'provincial':
        orgs = catalog.provincial(province);
        break;
      case 'municipal':
        orgs = catalog.municipal(province, catalog.city(province, rng));
        break;
      case 'county':
        if (countyPlans !== undefined && countyPlans.length > 0) {
          const plan = rng.pick(countyPlans);
          orgs = catalog.county(plan.county.name, plan.industries);
        } else {
          orgs = catalog.looseCounty(province, rng);
        }
        break;
    }
    return chooseOrganization(rng, orgs, industry);
  }

  push(draft: Draft): void {
    this.drafts.push(draft);
  }
}

const LOCAL_LEVELS: readonly Level[] = ['county', 'municipal', 'provincial'];
const LOCAL_LEVEL_WEIGHTS = [0.6, 0.35, 0.05];
const OTHER_LEVELS: readonly Level[] = ['provincial', 'municipal', 'county'];
const GENERAL_LEVEL_WEIGHTS = [0.4, 0.38, 0.22];
const EAST_LEVEL_WEIGHTS = [0.5, 0.35, 0.15];

/** 2–3 local scientists per county, skilled in its own industries, production first. */
function addLocals(b: PoolBuilder, plans: readonly CountyPlan[], spec: ResolvedSpec): void {
  const { rng, catalog } = b;
  const [lo, hi] = spec.localsPerCounty;
  for (const plan of plans) {
    const { county } = plan;
    const info = provinceByName(county.province);
    const n = rng.int(lo, hi);
    for (let k = 0; k < n; k++) {
      const level = rng.weighted(LOCAL_LEVELS, LOCAL_LEVEL_WEIGHTS);
      const main = rng.chance(0.7) ? plan.industries[0] : rng.pick(plan.industries);
      const industry = main ?? ANY;
      let orgs: readonly Organization[];
      if (level === 'county') orgs = catalog.county(county.name, plan.industries);
      else if (level === 'municipal') orgs = catalog.municipal(county.province, info.cities === undefined ? county.prefecture : catalog.city(county.province, rng));
      else orgs = catalog.provincial(county.province);
      const skills: SkillDraft[] = [];
      const keys = new Set<string>();
      const add = (ind: string, stage: string): void => {
        const key = `${ind}\u0000${stage}`;
        if (keys.has(key)) return;
        keys.add(key);
        skills.push({ industry: ind, stage, proficiency: b.proficiency(level) });
      };
      // County scientists know growing and breeding best; processing and beyond come from outside.
      add(industry, rng.chance(0.1) ? ANY : rng.chance(0.6) ? 'production' : rng.pick(plan.needs.filter((x) => x.industry === industry).map((x) => x.stage).concat('production')));
      const more = rng.weighted([0, 1, 2], [0.3, 0.45, 0.25]);
      for (let j = 0; j < more; j++) {
        if (rng.chance(0.7)) {
          const need = rng.pick(plan.needs);
          add(need.industry, need.stage);
        } else {
          const ind = rng.pick(plan.industries);
          add(ind, b.stageOf(INDUSTRY_INDEX.get(ind) ?? 0));
        }
      }
      b.push({
        kind: 'local', name: personName(rng, plan.style), province: county.province,
        organization: chooseOrganization(rng, orgs, industry), level, homeCounty: county.id, skills,
      });
    }
  }
}

/**
 * Rare industries' share of skills: (1 − s)² for most experts, (1 − s)³ for
 * national ones (a floor keeps a few). The pool holds ~7 skills per need, so
 * the default s = 0.6 leaves about twice as many holders of a rare need as
 * counties requiring it: enough for most, tight for some.
 */
function rareFactors(scarcity: number): { national: number; other: number } {
  return { national: Math.max(0.01, (1 - scarcity) ** 3), other: Math.max(0.02, (1 - scarcity) ** 2) };
}

/**
 * Generates the expert pool and skills for the counties. The pool has
 * `round(counties × expertsPerCounty)` experts unless locals, national and
 * eastern experts alone exceed it.
 */
export function generateExperts(plans: readonly CountyPlan[], spec: ResolvedSpec, rng: Rng): ExpertPool {
  const catalog = new OrganizationCatalog(rng.fork('organizations'));
  const b = new PoolBuilder(rng.fork('pool'), catalog);
  const draw = b.rng;
  const total = Math.round(plans.length * spec.expertsPerCounty);
  const rare = rareFactors(spec.scarcity);

  const plansByProvince = new Map<string, CountyPlan[]>();
  const plansByEast = new Map<string, CountyPlan[]>();
  for (const plan of plans) {
    const list = plansByProvince.get(plan.county.province) ?? [];
    list.push(plan);
    plansByProvince.set(plan.county.province, list);
    for (const east of plan.partners) {
      const paired = plansByEast.get(east) ?? [];
      paired.push(plan);
      plansByEast.set(east, paired);
    }
  }
  const totalDemand = demandOf(plans);

  // 1. Local scientists.
  addLocals(b, plans, spec);
  const localCount = b.drafts.length;

  // 2. National-level experts: enough to lead every group one and a half times over, at least.
  const nationalCount = Math.max(Math.round(total * spec.nationalShare), Math.ceil(1.5 * plans.length));
  const nationalTable = industryTable([[1, totalDemand]], rare.national);
  const hubTable = new WeightedTable(PROVINCES.map((x) => x.name), PROVINCES.map((x) => x.nationalHub));
  for (let k = 0; k < nationalCount; k++) {
    const province = hubTable.draw(draw);
    const skills = b.skillsFrom(nationalTable, 'national', 0);
    const industry = skills[0]?.industry ?? ANY;
    const organization = b.organization(province, 'national', industry, undefined);
    const name = personName(draw, 'han');
    if (draw.chance(0.1)) b.push({ kind: 'national', name, province, organization, level: 'national', capacity: 2, skills });
    else b.push({ kind: 'national', name, province, organization, level: 'national', skills });
  }

  // 3. Eastern experts, for the counties paired with each eastern province (sorted for a stable order).
  let eastCount = 0;
  for (const east of [...plansByEast.keys()].sort()) {
    const paired = plansByEast.get(east) ?? [];
    const table = industryTable([[1, demandOf(paired)]], rare.other);
    const n = Math.ceil(spec.eastPerPairedCounty * paired.length);
    for (let k = 0; k < n; k++) {
      const level = draw.weighted(OTHER_LEVELS, EAST_LEVEL_WEIGHTS);
      const skills = b.skillsFrom(table, level, 0);
      const industry = skills[0]?.industry ?? ANY;
      b.push({
        kind: 'east', name: personName(draw, 'han'), province: east, organization: b.organization(east, level, industry, undefined),
        level, skills,
      });
    }
    eastCount += n;
  }

  // 4. The general pool, from every province, weighted toward those with counties.
  const generalCount = Math.max(0, total - localCount - nationalCount - eastCount);
  const countyShare = (name: string): number => (plansByProvince.get(name)?.length ?? 0) / plans.length;
  const provinceTable = new WeightedTable(
    PROVINCES.map((x) => x.name),
    PROVINCES.map((x) => 0.8 * countyShare(x.name) + 0.2 / PROVINCES.length),
  );
  const tables = new Map<string, WeightedTable<number>>();
  const tableFor = (province: string): WeightedTable<number> => {
    let table = tables.get(province);
    if (table === undefined) {
      const own = plansByProvince.get(province);
      table = own === undefined
        ? industryTable([[1, totalDemand]], rare.other)
        : industryTable([[0.6, demandOf(own)], [0.4, totalDemand]], rare.other);
      tables.set(province, table);
    }
    return table;
  };
  for (let k = 0; k < generalCount; k++) {
    const province = provinceTable.draw(draw);
    const level = draw.weighted(OTHER_LEVELS, GENERAL_LEVEL_WEIGHTS);
    const skills = b.skillsFrom(tableFor(province), level, spec.generalistRate);
    const industry = skills[0]?.industry ?? ANY;
    b.push({
      kind: 'general', name: personName(draw, provinceByName(province).nameStyle), province,
      organization: b.organization(province, level, industry, plansByProvince.get(province)), level, skills,
    });
  }

  if (spec.minRequiredHolders > 0) ensureRequiredHolders(b.drafts, plans, spec.minRequiredHolders, rng.fork('guarantee'));
  return finish(b.drafts, rng.fork('ids'));
}

/**
 * Gives each required need at least `min` holders among the experts who
 * may serve the county (its own locals, and everyone not local anywhere),
 * by teaching the skill to general-pool experts of that industry. Used by
 * the small presets, which must be matchable; the large ones keep the
 * natural supply, scarcity included.
 */
function ensureRequiredHolders(drafts: Draft[], plans: readonly CountyPlan[], min: number, rng: Rng): void {
  const key = (industry: string, stage: string): string => `${industry}\u0000${stage}`;
  const holders = new Map<string, number>();
  const localsOf = new Map<string, Draft[]>();
  const generalByIndustry = new Map<string, Draft[]>();
  const generalAll: Draft[] = [];
  for (const d of drafts) {
    if (d.homeCounty !== undefined) {
      const list = localsOf.get(d.homeCounty) ?? [];
      list.push(d);
      localsOf.set(d.homeCounty, list);
      continue;
    }
    for (const s of d.skills) if (s.industry !== ANY) holders.set(key(s.industry, s.stage), (holders.get(key(s.industry, s.stage)) ?? 0) + 1);
    if (d.kind === 'general') {
      generalAll.push(d);
      const main = d.skills[0]?.industry;
      if (main !== undefined && main !== ANY) {
        const list = generalByIndustry.get(main) ?? [];
        list.push(d);
        generalByIndustry.set(main, list);
      }
    }
  }
  const holds = (d: Draft, industry: string, stage: string): boolean =>
    d.skills.some((s) => s.industry === industry && (s.stage === stage || s.stage === ANY));
  for (const plan of plans) {
    for (const need of plan.needs) {
      if (!need.required) continue;
      const count = (): number =>
        (holders.get(key(need.industry, need.stage)) ?? 0) + (holders.get(key(need.industry, ANY)) ?? 0) +
        (localsOf.get(plan.county.id) ?? []).filter((d) => holds(d, need.industry, need.stage)).length;
      let missing = min - count();
      if (missing <= 0) continue;
      const same = (generalByIndustry.get(need.industry) ?? []).filter((d) => !holds(d, need.industry, need.stage));
      const pool = same.length >= missing ? same : generalAll.filter((d) => !holds(d, need.industry, need.stage));
      for (const d of rng.sample(pool, missing)) {
        d.skills.push({ industry: need.industry, stage: need.stage, proficiency: 2 });
        holders.set(key(need.industry, need.stage), (holders.get(key(need.industry, need.stage)) ?? 0) + 1);
        missing--;
      }
    }
  }
}

/** Shuffles the drafts, numbers them, and turns them into sorted experts and skills. */
function finish(drafts: Draft[], rng: Rng): ExpertPool {
  rng.shuffle(drafts);
  const width = Math.max(5, String(drafts.length).length);
  const experts: Expert[] = [];
  const skills: Skill[] = [];
  drafts.forEach((d, i) => {
    const id = `E${String(i + 1).padStart(width, '0')}`;
    const orgType: OrgType = d.organization.type;
    const expert: Expert = { id, name: d.name, province: d.province, organization: d.organization.name, orgType, level: d.level };
    if (d.homeCounty !== undefined) expert.homeCounty = d.homeCounty;
    if (d.capacity !== undefined) expert.capacity = d.capacity;
    experts.push(expert);
    const own = d.skills.slice().sort((a, b) => (a.industry < b.industry ? -1 : a.industry > b.industry ? 1 : a.stage < b.stage ? -1 : a.stage > b.stage ? 1 : 0));
    for (const s of own) skills.push({ expertId: id, industry: s.industry, stage: s.stage, proficiency: s.proficiency });
  });
  return { experts, skills };
}
