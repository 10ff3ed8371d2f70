/**
 * The indexes every rule, solver and explainer reads, built once per round in
 * linear time. Nothing here decides a rule; the rule files do, through it.
 * The lists are walked by index, one pass each: a command builds this once,
 * before V8 optimizes the loops, where a `for…of` allocates per step.
 */
import type { Affinity, County, Expert, Instance, Need, Pin, Skill } from '../model/schemas.js';
import type { Options } from '../model/options.js';

/** A round prepared for rules, solvers, checker and explainer. */
export interface RoundContext {
  readonly instance: Instance;
  readonly options: Options;
  readonly counties: readonly County[];
  readonly experts: readonly Expert[];
  readonly countyById: ReadonlyMap<string, County>;
  readonly expertById: ReadonlyMap<string, Expert>;
  /** Position of each county in `counties` (variable names use it). */
  readonly countyIndex: ReadonlyMap<string, number>;
  /** Position of each expert in `experts`. */
  readonly expertIndex: ReadonlyMap<string, number>;
  readonly needsByCounty: ReadonlyMap<string, readonly Need[]>;
  readonly skillsByExpert: ReadonlyMap<string, readonly Skill[]>;
  /** Local scientists recommended by each county (H5). */
  readonly localsByCounty: ReadonlyMap<string, readonly Expert[]>;
  /** Affinity rows by county, then expert (H8, S3). */
  readonly affinityByCounty: ReadonlyMap<string, ReadonlyMap<string, Affinity>>;
  readonly pinsByCounty: ReadonlyMap<string, readonly Pin[]>;
  /** Experts by province. */
  readonly expertsByProvince: ReadonlyMap<string, readonly Expert[]>;
  /** County-level pairings: county → eastern provinces. */
  readonly countyPairings: ReadonlyMap<string, readonly string[]>;
  /** Province-level pairings: western province → eastern provinces. */
  readonly provincePairings: ReadonlyMap<string, readonly string[]>;
  /** Every province named as the eastern side of a pairing: counties elsewhere are central or western (S7). */
  readonly eastProvinces: ReadonlySet<string>;
  /** The range S3 normalizes affinity scores from (see `affinity-scale.ts`). */
  readonly affinityRange: { readonly min: number; readonly max: number };
}

function groupBy<T>(items: readonly T[], key: (item: T) => string): Map<string, T[]> {
  const map = new Map<string, T[]>();
  // Rows of one county or expert usually come together: the previous row's list, without a lookup.
  let lastKey: string | undefined;
  let lastList: T[] | undefined;
  for (let i = 0; i < items.length; i++) {
    const item = items[i]!;
    const k = key(item);
    if (k === lastKey) {
      lastList!.push(item);
      continue;
    }
    let list = map.get(k);
    if (!list) map.set(k, (list = []));
    list.push(item);
    lastKey = k;
    lastList = list;
  }
  return map;
}

function push<T>(map: Map<string, T[]>, key: string, item: T): void {
  const list = map.get(key);
  if (list) list.push(item);
  else map.set(key, [item]);
}

function addUnique(map: Map<string, string[]>, key: string, value: string): void {
  const list = map.get(key);
  if (!list) map.set(key, [value]);
  else if (!list.includes(value)) list.push(value);
}

/** Builds the indexes of a round. The instance must already be validated. */
export function buildContext(instance: Instance, options: Options): RoundContext {
  const countyPairings = new Map<string, string[]>();
  const provincePairings = new Map<string, string[]>();
  for (const p of instance.pairings) {
    if (p.countyId !== undefined) addUnique(countyPairings, p.countyId, p.eastProvince);
    else addUnique(provincePairings, p.westProvince, p.eastProvince);
  }
  const affinityByCounty = new Map<string, Map<string, Affinity>>();
  let low = 0;
  let high = -Infinity;
  for (let i = 0; i < instance.affinities.length; i++) {
    const a = instance.affinities[i]!;
    let inner = affinityByCounty.get(a.countyId);
    if (!inner) affinityByCounty.set(a.countyId, (inner = new Map()));
    inner.set(a.expertId, a);
    if (a.score < low) low = a.score;
    if (a.score > high) high = a.score;
  }
  const affinityRange = options.affinityScale ?? { min: low, max: Math.max(high, low) };
  // One pass per list (a national pool has 15,000 experts), each map filled in list order as before.
  const countyById = new Map<string, County>();
  const countyIndex = new Map<string, number>();
  for (let i = 0; i < instance.counties.length; i++) {
    const c = instance.counties[i]!;
    countyById.set(c.id, c);
    countyIndex.set(c.id, i);
  }
  const expertById = new Map<string, Expert>();
  const expertIndex = new Map<string, number>();
  const localsByCounty = new Map<string, Expert[]>();
  const expertsByProvince = new Map<string, Expert[]>();
  for (let i = 0; i < instance.experts.length; i++) {
    const e = instance.experts[i]!;
    expertById.set(e.id, e);
    expertIndex.set(e.id, i);
    if (e.homeCounty !== undefined) push(localsByCounty, e.homeCounty, e);
    push(expertsByProvince, e.province, e);
  }
  return {
    instance,
    options,
    counties: instance.counties,
    experts: instance.experts,
    countyById,
    expertById,
    countyIndex,
    expertIndex,
    needsByCounty: groupBy(instance.needs, (n) => n.countyId),
    skillsByExpert: groupBy(instance.skills, (s) => s.expertId),
    localsByCounty,
    affinityByCounty,
    pinsByCounty: groupBy(instance.pins, (p) => p.countyId),
    expertsByProvince,
    countyPairings,
    provincePairings,
    eastProvinces: new Set(instance.pairings.map((p) => p.eastProvince)),
    affinityRange,
  };
}

/** The needs of a county (empty when it listed none). */
export function needsOf(ctx: RoundContext, countyId: string): readonly Need[] {
  return ctx.needsByCounty.get(countyId) ?? [];
}

/** The skills of an expert. */
export function skillsOf(ctx: RoundContext, expertId: string): readonly Skill[] {
  return ctx.skillsByExpert.get(expertId) ?? [];
}

/** The affinity row of a pair, if any. */
export function affinityOf(ctx: RoundContext, countyId: string, expertId: string): Affinity | undefined {
  return ctx.affinityByCounty.get(countyId)?.get(expertId);
}

/** The pins of a county. */
export function pinsOf(ctx: RoundContext, countyId: string): readonly Pin[] {
  return ctx.pinsByCounty.get(countyId) ?? [];
}
