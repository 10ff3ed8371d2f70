/**
 * Counties and their needs: where the counties are (province, prefecture,
 * a 6-digit code), what they are called, their 2–3 leading industries, and
 * 4–8 needs on chain stages of which 1–2 are required.
 */
import type { County, Need } from '../model/schemas.js';
import { DEFAULT_STAGES } from '../model/vocabulary.js';
import {
  GANSU_SHANDONG_PREFECTURES, TIBETAN_PREFECTURES, eastPartnersOf, eligibleCount, provinceByName,
  type ProvinceInfo,
} from './geography.js';
import { INDUSTRIES, industryByName, industryWeights, type Stage } from './industries.js';
import { uniqueCountyName, type NameStyle } from './names.js';
import type { ResolvedSpec } from './presets.js';
import type { Rng } from './random.js';

/** A generated county with what the rest of the generator needs to know about it. */
export interface CountyPlan {
  readonly county: County;
  /** Leading industries, the main one first. */
  readonly industries: readonly string[];
  /** Its needs, main industry first. */
  readonly needs: readonly Need[];
  /** Its eastern partner provinces (H6); empty when it has none. */
  readonly partners: readonly string[];
  /** The naming style of its area, also used for its local scientists' names. */
  readonly style: NameStyle;
  /**
   * The rare need that made the county hard (`hardRate`), if any. The pool
   * is not shaped by it: experts follow the other needs only, as a real
   * registry does not grow to fit one unusual application.
   */
  readonly hardNeed?: Need;
}

/** One prefecture of one province with how many counties it gets. */
interface PrefectureQuota {
  readonly province: ProvinceInfo;
  /** 0-based position in the province's table: the middle two digits of the code. */
  readonly index: number;
  readonly name: string;
  readonly count: number;
}

/** Group-size overrides a county may carry (H3): small remote counties, tight groups, large ones. */
const SIZE_OVERRIDES: readonly (readonly [min: number, max: number])[] = [[6, 10], [6, 8], [8, 10], [9, 12], [10, 12]];

/** The last two digits of county codes start at 21 (01–20 are city districts) and stop at 99. */
const FIRST_COUNTY_DIGITS = 21;
const MAX_COUNTIES_PER_PREFECTURE = 99 - FIRST_COUNTY_DIGITS + 1;

/**
 * Splits `total` over `weights` in proportion (largest remainder), so the
 * parts add up exactly; ties go to the earlier entry, which keeps it
 * deterministic without a random draw.
 */
export function apportion(total: number, weights: readonly number[]): number[] {
  const sum = weights.reduce((a, b) => a + b, 0);
  if (sum <= 0) return weights.map(() => 0);
  const exact = weights.map((w) => (total * w) / sum);
  const parts = exact.map(Math.floor);
  let left = total - parts.reduce((a, b) => a + b, 0);
  const order = exact.map((x, i) => [x - Math.floor(x), i] as const).sort((a, b) => b[0] - a[0] || a[1] - b[1]);
  for (const [, i] of order) {
    if (left <= 0) break;
    parts[i] = (parts[i] ?? 0) + 1;
    left--;
  }
  return parts;
}

/**
 * How many counties each prefecture gets. The national count reproduces
 * the table; fewer counties are a random sample of the table's county slots
 * (so prefectures appear in proportion); more are scaled up.
 */
function prefectureQuotas(spec: ResolvedSpec, rng: Rng): PrefectureQuota[] {
  const provinces = spec.provinces.map(provinceByName);
  const perProvince = apportion(spec.counties, provinces.map(eligibleCount));
  const quotas: PrefectureQuota[] = [];
  provinces.forEach((province, p) => {
    const n = perProvince[p] ?? 0;
    const eligible = province.prefectures.map(([, count]) => count);
    let counts: number[];
    if (n === eligibleCount(province)) {
      counts = eligible;
    } else if (n < eligibleCount(province)) {
      const slots = eligible.flatMap((count, i) => Array.from({ length: count }, () => i));
      counts = eligible.map(() => 0);
      for (const i of rng.sample(slots, n)) counts[i] = (counts[i] ?? 0) + 1;
      if (province.name === '甘肃') mixGansu(province, counts);
    } else {
      counts = apportion(n, eligible);
    }
    counts.forEach((count, index) => {
      if (count === 0) return;
      const name = province.prefectures[index]?.[0] ?? '';
      if (count > MAX_COUNTIES_PER_PREFECTURE) {
        throw new RangeError(`PresetSpec: ${count} counties in ${province.name} ${name} exceed the 6-digit code space; use replicas`);
      }
      quotas.push({ province, index, name, count });
    });
  });
  return quotas;
}

/**
 * A sample of 甘肃 with two or more counties keeps both kinds of county-level
 * pairing (天津 and 山东), which is what makes 甘肃 worth including: move one
 * county from the largest prefecture of the over-represented side.
 */
function mixGansu(province: ProvinceInfo, counts: number[]): void {
  const total = counts.reduce((a, b) => a + b, 0);
  if (total < 2) return;
  const isShandong = (i: number): boolean => GANSU_SHANDONG_PREFECTURES.includes(province.prefectures[i]?.[0] ?? '');
  const side = (shandong: boolean): number[] => counts.map((_, i) => i).filter((i) => isShandong(i) === shandong);
  for (const missing of [true, false]) {
    const target = side(missing);
    if (target.some((i) => (counts[i] ?? 0) > 0)) continue;
    const donors = side(!missing).filter((i) => (counts[i] ?? 0) > 0);
    const donor = donors.reduce((a, b) => ((counts[b] ?? 0) > (counts[a] ?? 0) ? b : a));
    const receiver = target.reduce((a, b) => ((province.prefectures[b]?.[1] ?? 0) > (province.prefectures[a]?.[1] ?? 0) ? b : a));
    counts[donor] = (counts[donor] ?? 0) - 1;
    counts[receiver] = (counts[receiver] ?? 0) + 1;
  }
}

/** Distinct indices drawn by weight without replacement (short lists only). */
function drawDistinct(rng: Rng, weights: readonly number[], k: number, taken: Set<number>): number[] {
  const out: number[] = [];
  const w = weights.map((x, i) => (taken.has(i) ? 0 : x));
  while (out.length < k && w.some((x) => x > 0)) {
    const i = rng.weightedIndex(w);
    out.push(i);
    w[i] = 0;
  }
  return out;
}

/** A need weight: mostly 1–2, the main ones heavier. */
function needWeight(rng: Rng, important: boolean): number {
  if (important) return rng.chance(0.75) ? 3 : 2;
  const r = rng.next();
  return r < 0.4 ? 1 : r < 0.8 ? 2 : 3;
}

/**
 * 4–8 needs over the county's industries, the main one taking most; the
 * main industry always needs production (or planning, for tourism), and its
 * first core stage or the second is required; a second required need comes
 * in a bit under half of the counties.
 */
function generateNeeds(rng: Rng, countyId: string, industries: readonly string[]): Need[] {
  const total = rng.int(4, 8);
  const shares = industries.length === 2 ? [0.65, 0.35] : [0.55, 0.3, 0.15];
  const infos = industries.map(industryByName);
  const capacity = infos.map((info) => DEFAULT_STAGES.filter((s) => info.stages[s] > 0).length);
  const counts = industries.map(() => 1);
  for (let left = total - industries.length; left > 0;) {
    const open = shares.map((s, i) => ((counts[i] ?? 0) < (capacity[i] ?? 0) ? s : 0));
    if (!open.some((x) => x > 0)) break;
    const i = rng.weightedIndex(open);
    counts[i] = (counts[i] ?? 0) + 1;
    left--;
  }

  const needs: Need[] = [];
  const main = infos[0];
  if (main === undefined) return needs;
  const requiredStage: Stage = rng.chance(0.6) ? main.coreStages[0] : main.coreStages[1];
  infos.forEach((info, i) => {
    const stageWeights = DEFAULT_STAGES.map((s) => info.stages[s]);
    const chosen = new Set<number>();
    if (i === 0) {
      chosen.add(DEFAULT_STAGES.indexOf(info.coreStages[0]));
      chosen.add(DEFAULT_STAGES.indexOf(requiredStage));
    }
    const more = Math.max(0, (counts[i] ?? 1) - chosen.size);
    for (const s of drawDistinct(rng, stageWeights, more, chosen)) chosen.add(s);
    for (const s of [...chosen].sort((a, b) => a - b)) {
      const stage = DEFAULT_STAGES[s] as Stage;
      const isRequired = i === 0 && stage === requiredStage;
      const isCore = i === 0 && stage === info.coreStages[0];
      needs.push({ countyId, industry: info.name, stage, weight: needWeight(rng, isRequired || isCore), required: isRequired });
    }
  });

  if (rng.chance(0.45)) {
    const optional = needs.map((n, i) => [n, i] as const).filter(([n]) => !n.required);
    if (optional.length > 0) {
      const weights = optional.map(([n]) => (industryByName(n.industry).coreStages.includes(n.stage as Stage) ? 3 : 1));
      const [, index] = rng.weighted(optional, weights);
      const need = needs[index];
      if (need !== undefined) needs[index] = { ...need, required: true, weight: Math.max(need.weight, 2) };
    }
  }
  return needs;
}

/** Stages a hard county's rare need falls on: beyond production, where specialists are fewest. */
const HARD_STAGES: readonly Stage[] = ['processing', 'preservation', 'storage-transport', 'branding', 'transfer'];

/**
 * Makes a county hard to serve, as some real ones are: it requires a need of
 * a rare industry (养蜂, 青稞, 蚕桑, 花椒) beyond production, which only a
 * handful of experts in the pool hold. The rare industry joins its
 * industries (replacing the third one) unless already there; the needs stay
 * within 4–8.
 */
function makeHard(
  rng: Rng, countyId: string, weights: readonly number[], industries: readonly string[], needs: readonly Need[],
): { industries: string[]; needs: Need[]; hardNeed: Need } {
  const rare = INDUSTRIES.map((info, i) => [info, i] as const).filter(([info]) => info.rare);
  // Prefer a rare industry that grows in the province; 养蜂 (base weight everywhere) is the fallback.
  const [info] = rng.weighted(rare, rare.map(([, i]) => (weights[i] ?? 0) + 0.01));
  let nextIndustries = industries.slice();
  let nextNeeds = needs.slice();
  if (!nextIndustries.includes(info.name)) {
    if (nextIndustries.length >= 3) {
      const dropped = nextIndustries.pop();
      nextNeeds = nextNeeds.filter((n) => n.industry !== dropped);
    }
    nextIndustries.push(info.name);
  }
  const stage = rng.weighted(HARD_STAGES, HARD_STAGES.map((s) => info.stages[s]));
  nextNeeds = nextNeeds.filter((n) => !(n.industry === info.name && n.stage === stage));
  const hardNeed: Need = { countyId, industry: info.name, stage, weight: 3, required: true };
  nextNeeds.push(hardNeed);
  // Keep at most 8 needs: drop optional needs of the other industries, last first.
  for (let i = nextNeeds.length - 1; nextNeeds.length > 8 && i >= 0; i--) {
    const n = nextNeeds[i];
    if (n !== undefined && !n.required && n.industry !== info.name) nextNeeds.splice(i, 1);
  }
  nextIndustries = nextIndustries.filter((name) => name === info.name || nextNeeds.some((n) => n.industry === name));
  return { industries: nextIndustries, needs: nextNeeds, hardNeed };
}

/** The naming style of a county: its province's, or Tibetan in the Tibetan prefectures of 四川, 甘肃 and 青海. */
function styleOf(province: ProvinceInfo, prefecture: string): NameStyle {
  return TIBETAN_PREFECTURES.includes(prefecture) ? 'tibetan' : province.nameStyle;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * Generates every county of the round with its industries and needs, in id
 * order. Names are unique across the whole instance (all replicas).
 */
export function generateCounties(spec: ResolvedSpec, rng: Rng): CountyPlan[] {
  const quotas = prefectureQuotas(spec, rng.fork('quotas'));
  const names = new Set<string>();
  const plans: CountyPlan[] = [];
  const draw = rng.fork('counties');
  const allIndustries = INDUSTRIES.map((x) => x.name);
  const weightsByProvince = new Map<string, number[]>();
  for (let r = 0; r < spec.replicas; r++) {
    const suffix = spec.replicas > 1 ? `-${pad2(r + 1)}` : '';
    for (const quota of quotas) {
      const { province } = quota;
      let weights = weightsByProvince.get(province.name);
      if (weights === undefined) {
        weights = industryWeights(province.name);
        weightsByProvince.set(province.name, weights);
      }
      const style = styleOf(province, quota.name);
      for (let k = 0; k < quota.count; k++) {
        const id = `${province.code}${pad2(quota.index + 1)}${pad2(FIRST_COUNTY_DIGITS + k)}${suffix}`;
        const name = uniqueCountyName(draw, style, names);
        const industryCount = draw.chance(0.5) ? 2 : 3;
        let industries = drawDistinct(draw, weights, industryCount, new Set()).map((i) => allIndustries[i] as string);
        let needs = generateNeeds(draw, id, industries);
        let hardNeed: Need | undefined;
        if (draw.chance(spec.hardRate)) ({ industries, needs, hardNeed } = makeHard(draw, id, weights, industries, needs));
        const county: County = {
          id, name, province: province.name, prefecture: quota.name, keyCounty: false, eastPartner: [],
        };
        if (draw.chance(spec.sizeOverrideRate)) {
          const [groupMin, groupMax] = draw.pick(SIZE_OVERRIDES);
          county.groupMin = groupMin;
          county.groupMax = groupMax;
        }
        if (draw.chance(spec.batchRate)) county.batch = draw.chance(0.6) ? '1' : '2';
        const partners = eastPartnersOf(province.name, quota.name);
        plans.push(hardNeed === undefined ? { county, industries, needs, partners, style } : { county, industries, needs, partners, style, hardNeed });
      }
    }
  }
  return plans.sort((a, b) => (a.county.id < b.county.id ? -1 : a.county.id > b.county.id ? 1 : 0));
}
