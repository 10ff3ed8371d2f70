/**
 * Indexes of the expert pool for diagnosis at national scale: who may lead,
 * who works in which province, who holds which industry, whose vetoes name
 * which experts. With them a county's candidates of one kind are counted in
 * time proportional to its vetoes and locals, never to the whole pool (the
 * pool of a ten-times-national round has 150,000 experts).
 *
 * Terms used here: a *global* expert has capacity and no `home_county`, so
 * it is eligible for every county except where vetoed (H2, H5, H8); a
 * county's own locals are eligible only for it.
 *
 * With `consent: 'required'` no expert is eligible everywhere: a county's
 * eligible experts are those its affinity rows (and pins) give consent for
 * (`consent.ts`), listed per county in `consented`, so counts cost time
 * proportional to the county's rows instead.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert, Need } from '../model/schemas.js';
import { ANY } from '../model/vocabulary.js';
import { countyIndustries } from '../objective/relevance.js';
import { skillsOf, type RoundContext } from '../rules/context.js';
import { lacksConsent } from '../rules/consent.js';
import { isEligible } from '../rules/eligibility.js';
import { capacityOf } from '../rules/h2-capacity.js';

/** The indexes, built once per round in linear time. */
export interface PoolIndex {
  readonly ctx: RoundContext;
  /** Experts with capacity and no `home_county`, in pool order. */
  readonly globals: readonly Expert[];
  /** Every expert of a leader level (any capacity, any home), in pool order. */
  readonly leaderLevelExperts: readonly Expert[];
  /** Every expert holding a skill in an industry (`*` for the wildcard industry), in pool order. */
  readonly holdersByIndustry: ReadonlyMap<string, readonly Expert[]>;
  /** Every expert holding a skill of exactly this `industry/stage` (either may be `*`), in pool order. */
  readonly holdersBySkill: ReadonlyMap<string, readonly Expert[]>;
  /** Experts vetoed for each county (H8). */
  readonly vetoedByCounty: ReadonlyMap<string, ReadonlySet<string>>;
  /**
   * With `consent: 'required'`: per county, the eligible experts without a `home_county` (consent on both sides,
   * or pinned; capacity; no veto), in pool order. Undefined when consent is optional (then globals serve everywhere).
   */
  readonly consented: ReadonlyMap<string, readonly Expert[]> | undefined;
}

const indexCache = new WeakMap<RoundContext, PoolIndex>();

/** The indexes of a round, built on first use and kept as long as the round is. */
export function poolIndexOf(ctx: RoundContext): PoolIndex {
  let index = indexCache.get(ctx);
  if (!index) indexCache.set(ctx, (index = buildPoolIndex(ctx)));
  return index;
}

/**
 * What an index keeps besides its fields: experts by their position in the pool (`ctx.experts`), so that
 * a kind's members are merged, filtered and searched as numbers, without hashing an expert or an id.
 */
interface Positions {
  /** Positions of the holders of each `industry/stage` skill key, ascending (an expert once per skill of the key). */
  readonly holders: ReadonlyMap<string, readonly number[]>;
  /** 1 at the position of a global expert (capacity, no `home_county`). */
  readonly global: Uint8Array;
  /** Positions of `globals`, ascending. */
  readonly globalPositions: readonly number[];
  /** Positions of `leaderLevelExperts`, ascending. */
  readonly leaderPositions: readonly number[];
  /** Each expert's capacity (`capacityOf`), by position. */
  readonly capacity: Float64Array;
  /** Each county's eligible locals (`eligibleLocals`), made when first asked for. */
  readonly locals: Map<string, readonly Expert[]>;
  /** Expert → position, for rounds whose ids repeat (an unvalidated instance); made when first needed. */
  byObject: Map<Expert, number> | undefined;
}

const positionsCache = new WeakMap<PoolIndex, Positions>();

/** Builds the indexes of a round. */
export function buildPoolIndex(ctx: RoundContext): PoolIndex {
  const experts = ctx.experts;
  const globals: Expert[] = [];
  const leaderLevelExperts: Expert[] = [];
  const global = new Uint8Array(experts.length);
  const capacity = new Float64Array(experts.length);
  const globalPositions: number[] = [];
  const leaderPositions: number[] = [];
  const holders = new Map<string, number[]>();
  // A skill's list is found by its industry, then its stage: a key text is made once per distinct pair, not per skill
  // (the key decides which list, so two pairs with one key, e.g. `a/b`+`c` and `a`+`b/c`, share it as before).
  const byPair = new Map<string, Map<string, number[]>>();
  const levels = ctx.options.leaderLevels;
  for (let p = 0; p < experts.length; p++) {
    const e = experts[p]!;
    const skills = skillsOf(ctx, e.id);
    for (let k = 0; k < skills.length; k++) {
      const s = skills[k]!;
      let byStage = byPair.get(s.industry);
      if (!byStage) byPair.set(s.industry, (byStage = new Map()));
      let list = byStage.get(s.stage);
      if (!list) {
        const key = needKey(s);
        list = holders.get(key);
        if (!list) holders.set(key, (list = []));
        byStage.set(s.stage, list);
      }
      list.push(p);
    }
    capacity[p] = capacityOf(ctx, e);
    if (e.homeCounty === undefined && capacity[p]! > 0) {
      globals.push(e);
      globalPositions.push(p);
      global[p] = 1;
    }
    if (levels.includes(e.level)) {
      leaderLevelExperts.push(e);
      leaderPositions.push(p);
    }
  }
  const vetoedByCounty = new Map<string, Set<string>>();
  ctx.affinityByCounty.forEach((row, countyId) => {
    row.forEach((a) => {
      if (!a.veto) return;
      let set = vetoedByCounty.get(countyId);
      if (!set) vetoedByCounty.set(countyId, (set = new Set()));
      set.add(a.expertId);
    });
  });
  // Only the repair shortlist reads these two as maps of experts: made when first read, not for every diagnosis.
  let byIndustry: Map<string, Expert[]> | undefined;
  let bySkill: Map<string, Expert[]> | undefined;
  const index: PoolIndex = {
    ctx,
    globals,
    leaderLevelExperts,
    get holdersByIndustry() {
      return (byIndustry ??= holdersByIndustryOf(ctx));
    },
    get holdersBySkill() {
      return (bySkill ??= new Map([...holders].map(([key, list]) => [key, list.map((p) => experts[p]!)])));
    },
    vetoedByCounty,
    consented: consentedLists(ctx),
  };
  positionsCache.set(index, { holders, global, globalPositions, leaderPositions, capacity, locals: new Map(), byObject: undefined });
  return index;
}

/** Every expert holding a skill in an industry (`*` for the wildcard industry), in pool order. */
function holdersByIndustryOf(ctx: RoundContext): Map<string, Expert[]> {
  const out = new Map<string, Expert[]>();
  for (const e of ctx.experts) {
    for (const industry of new Set(skillsOf(ctx, e.id).map((s) => s.industry))) {
      const list = out.get(industry);
      if (list) list.push(e);
      else out.set(industry, [e]);
    }
  }
  return out;
}

/** The positions an index keeps (an index made by `buildPoolIndex`). */
function positionsOf(index: PoolIndex): Positions {
  const positions = positionsCache.get(index);
  if (positions === undefined) throw new TypeError('a PoolIndex must come from buildPoolIndex');
  return positions;
}

/** The pool position of each of `list` (see `poolPosition`; -1 for an expert not of the round). */
function poolPositions(index: PoolIndex, list: readonly Expert[]): number[] {
  const out = new Array<number>(list.length);
  for (let i = 0; i < list.length; i++) out[i] = poolPosition(index, list[i]!);
  return out;
}

/** The experts at the positions `at`, in that order. */
function expertsAt(experts: readonly Expert[], at: ArrayLike<number>): Expert[] {
  const out: Expert[] = [];
  for (let i = 0; i < at.length; i++) out.push(experts[at[i]!]!);
  return out;
}

/** The global experts at the positions `at` (ascending), with their positions. */
function globalsAt(index: PoolIndex, at: ArrayLike<number>): KnownGlobals {
  const { global } = positionsOf(index);
  const experts = index.ctx.experts;
  const globals: Expert[] = [];
  const positions: number[] = [];
  for (let i = 0; i < at.length; i++) {
    const p = at[i]!;
    if (global[p] !== 1) continue;
    globals.push(experts[p]!);
    positions.push(p);
  }
  return { globals, positions };
}

/** The last place of `value` in the ascending `sorted`, or -1. */
function lastIndexIn(sorted: ArrayLike<number>, value: number): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! <= value) lo = mid + 1;
    else hi = mid;
  }
  return lo > 0 && sorted[lo - 1] === value ? lo - 1 : -1;
}

/** The `consented` lists, from the affinity rows and pins: O(rows + pins). */
function consentedLists(ctx: RoundContext): Map<string, Expert[]> | undefined {
  if (ctx.options.consent !== 'required') return undefined;
  const out = new Map<string, Expert[]>();
  for (const c of ctx.counties) {
    const ids = new Set<string>();
    for (const id of ctx.affinityByCounty.get(c.id)?.keys() ?? []) ids.add(id);
    for (const p of ctx.pinsByCounty.get(c.id) ?? []) ids.add(p.expertId);
    const list: Expert[] = [];
    for (const id of ids) {
      const e = ctx.expertById.get(id);
      if (e !== undefined && e.homeCounty === undefined && isEligible(ctx, e, c)) list.push(e);
    }
    out.set(c.id, list.sort((a, b) => ctx.expertIndex.get(a.id)! - ctx.expertIndex.get(b.id)!));
  }
  return out;
}

/** The county's eligible experts without a `home_county` under consent required (empty for an unknown county); undefined when consent is optional. */
export function consentedFor(index: PoolIndex, county: Pick<County, 'id'>): readonly Expert[] | undefined {
  return index.consented === undefined ? undefined : index.consented.get(county.id) ?? [];
}

/** True when the expert is vetoed for the county. */
export function vetoedIn(index: PoolIndex, countyId: string, expertId: string): boolean {
  return index.vetoedByCounty.get(countyId)?.has(expertId) === true;
}

/** A kind of expert a group needs: a membership test and every expert of the kind in the pool. */
export interface ExpertKind {
  /** Stable key, e.g. `leader`, `east:浙江`, `need:茶叶/processing`, `any`. */
  readonly key: string;
  /** Plain words for the kind, e.g. `national-level experts`. */
  readonly label: string;
  /** Every expert of the kind in the pool, whatever their capacity or home county, in pool order. */
  readonly pool: readonly Expert[];
  /** Membership test, for a county (a county's own local never leads it). */
  has(expert: Expert, county: Pick<County, 'id'>): boolean;
}

/** A kind as the index keeps it: the kind, its global members, and their pool positions once asked for. */
interface KindEntry {
  readonly kind: ExpertKind;
  /** The kind's members with capacity and no home county, in the order of its pool. */
  readonly globals: readonly Expert[];
  /** Their pool positions, ascending, when the kind's maker knows them; else found when first needed. */
  readonly positions: ArrayLike<number> | undefined;
  /** Where each global stands among `globals` (see `kindGlobalPlace`); made when first needed. */
  place: ((expert: Expert) => number) | undefined;
  /** The capacity of each of `globals` (see `kindGlobalCapacities`); made when first needed. */
  capacities: readonly number[] | undefined;
}

/** A kind's global members as its maker gives them: the experts, and their pool positions (ascending). */
interface KnownGlobals {
  readonly globals: readonly Expert[];
  readonly positions: ArrayLike<number>;
}

const kindCache = new WeakMap<PoolIndex, Map<string, KindEntry>>();

/**
 * The kind of `key`, made by `make` on first use. A kind's global members are those of its pool with
 * capacity and no home county; `globalsOf` may give them more cheaply (the same list), with their positions.
 */
function cached(index: PoolIndex, key: string, make: () => ExpertKind, globalsOf?: () => KnownGlobals): KindEntry {
  let map = kindCache.get(index);
  if (!map) kindCache.set(index, (map = new Map()));
  let entry = map.get(key);
  if (!entry) {
    const kind = make();
    const ctx = index.ctx;
    const known = globalsOf?.();
    const globals = known !== undefined ? known.globals : kind.pool.filter((e) => e.homeCounty === undefined && capacityOf(ctx, e) > 0);
    entry = { kind, globals, positions: known?.positions, place: undefined, capacities: undefined };
    map.set(key, entry);
  }
  return entry;
}

/** Merges lists that are each in pool order into one, in pool order, without repeats. */
function mergeInPoolOrder(ctx: RoundContext, lists: readonly (readonly Expert[])[]): Expert[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return [...nonEmpty[0]!];
  return mergeSorted(nonEmpty.map((l) => l.map((e) => ctx.expertIndex.get(e.id)!)), nonEmpty);
}

/**
 * Merges ascending lists of positions into one, ascending, without repeats (`mergeInPoolOrder` on
 * positions): a single list is copied as it is. Several are sorted together natively and their repeats
 * dropped, which gives the merge's answer at a fraction of its cost.
 */
function mergePositions(lists: readonly (readonly number[])[]): ArrayLike<number> {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return new Int32Array(0);
  if (nonEmpty.length === 1) return Int32Array.from(nonEmpty[0]!);
  let n = 0;
  for (const l of nonEmpty) n += l.length;
  const all = new Int32Array(n);
  let k = 0;
  for (const l of nonEmpty) for (let i = 0; i < l.length; i++) all[k++] = l[i]!;
  all.sort();
  let m = 0;
  for (let i = 0; i < n; i++) if (m === 0 || all[i] !== all[m - 1]) all[m++] = all[i]!;
  return all.subarray(0, m);
}

/** The k-way merge of `mergeInPoolOrder`: items of `items` in the ascending order of their `positions`, a repeated position once. */
function mergeSorted<T>(positions: readonly (readonly number[])[], items: readonly (readonly T[])[]): T[] {
  const at = positions.map(() => 0);
  const out: T[] = [];
  let last = -1;
  for (;;) {
    let best = -1;
    for (let i = 0; i < positions.length; i++) {
      if (at[i]! < positions[i]!.length && (best < 0 || positions[i]![at[i]!]! < positions[best]![at[best]!]!)) best = i;
    }
    if (best < 0) return out;
    const p = positions[best]![at[best]!]!;
    if (p !== last) out.push(items[best]![at[best]!]!);
    last = p;
    at[best]!++;
  }
}

/** Experts who may lead (a level in `leaderLevels`, not the county's own local). */
export function leaderKind(index: PoolIndex, county?: Pick<County, 'id'>): ExpertKind {
  const levels = index.ctx.options.leaderLevels;
  // H4b (leaderSkill required): the leader also names one of the county's industries, so the kind is the county's.
  // Without a county the kind is every leader-level expert: a superset, so a shortage of it is still a shortage.
  if (county !== undefined && index.ctx.options.leaderSkill === 'required') {
    const industries = [...countyIndustries(index.ctx, county.id)].sort();
    const key = `leader:${industries.join('/')}`;
    return cached(index, key, () => ({
      key,
      label: `${levels.join('/')}-level experts with a skill in ${industries.join('/') || 'its industries'}`,
      pool: index.leaderLevelExperts.filter((e) => skillsOf(index.ctx, e.id).some((s) => industries.includes(s.industry))),
      has: (e, c) => levels.includes(e.level) && e.homeCounty !== c.id && skillsOf(index.ctx, e.id).some((s) => industries.includes(s.industry)),
    })).kind;
  }
  return cached(index, 'leader', () => ({
    key: 'leader',
    label: `${levels.join('/')}-level experts`,
    pool: index.leaderLevelExperts,
    has: (e, c) => levels.includes(e.level) && e.homeCounty !== c.id,
  }), () => globalsAt(index, positionsOf(index).leaderPositions)).kind;
}

/** Experts working in one of the provinces (East–West partners, H6). */
export function provinceKind(index: PoolIndex, provinces: readonly string[]): ExpertKind {
  const sorted = [...new Set(provinces)].sort();
  return cached(index, `east:${sorted.join('/')}`, () => {
    const set = new Set(sorted);
    const pool = mergeInPoolOrder(index.ctx, sorted.map((p) => index.ctx.expertsByProvince.get(p) ?? []));
    return { key: `east:${sorted.join('/')}`, label: `scientists from ${sorted.join('/')}`, pool, has: (e) => set.has(e.province) };
  }).kind;
}

/** Experts holding a skill that covers the need (H7). */
export function needKind(index: PoolIndex, need: Pick<Need, 'industry' | 'stage'>): ExpertKind {
  const key = needKey(need);
  // Merged and filtered as pool positions (a national round has ~100 required needs, ~40,000 holders between them).
  let merged: ArrayLike<number> = [];
  const make = (): ExpertKind => {
    // A skill covers the need when its industry and stage are the need's or `*` (see `skillCovers`): four exact keys.
    const keys = new Set([needKey(need), needKey({ industry: need.industry, stage: ANY }), needKey({ industry: ANY, stage: need.stage }), needKey({ industry: ANY, stage: ANY })]);
    const { holders } = positionsOf(index);
    merged = mergePositions([...keys].map((k) => holders.get(k) ?? []));
    const ctx = index.ctx;
    const experts = ctx.experts;
    let pool: Expert[] | undefined;
    let members: Set<Expert> | undefined;
    return {
      key: `need:${key}`,
      label: `holders of ${key}`,
      get pool() {
        return (pool ??= expertsAt(experts, merged));
      },
      // Membership of the pool: by position for the round's own experts (ids unique), by object otherwise.
      has: (e) => {
        const p = ctx.expertIndex.get(e.id);
        if (p !== undefined && experts[p] === e && ctx.expertIndex.size === experts.length) return lastIndexIn(merged, p) >= 0;
        return (members ??= new Set(pool ?? expertsAt(experts, merged))).has(e);
      },
    };
  };
  const globalsOf = (): KnownGlobals => globalsAt(index, merged);
  return cached(index, `need:${key}`, make, globalsOf).kind;
}

/** Every expert (the group-size rule H3). */
export function anyKind(index: PoolIndex): ExpertKind {
  return cached(index, 'any', () => ({ key: 'any', label: 'experts', pool: index.ctx.experts, has: () => true }), () => ({ globals: index.globals, positions: positionsOf(index).globalPositions })).kind;
}

/**
 * The kind's members with capacity and no home county: eligible for every county that has not vetoed them.
 * Empty under consent required, where nobody is eligible everywhere (see `consentedFor`).
 */
export function kindGlobals(index: PoolIndex, kind: ExpertKind): readonly Expert[] {
  if (index.consented !== undefined) return [];
  return cached(index, kind.key, () => kind).globals;
}

/**
 * Where an expert stands among the kind's globals (`kindGlobals`): its place in that list (the last,
 * should it be there twice), or -1 when it is not there. Found by pool position, in O(log n).
 */
export function kindGlobalPlace(index: PoolIndex, kind: ExpertKind): (expert: Expert) => number {
  if (index.consented !== undefined) return () => -1;
  const entry = cached(index, kind.key, () => kind);
  return (entry.place ??= placeFinder(index, entry.globals, entry.positions));
}

/** The capacity (`capacityOf`) of each of the kind's globals (`kindGlobals`), in their order. */
export function kindGlobalCapacities(index: PoolIndex, kind: ExpertKind): readonly number[] {
  if (index.consented !== undefined) return [];
  const entry = cached(index, kind.key, () => kind);
  if (entry.capacities === undefined) {
    const at = entry.positions;
    const { capacity } = positionsOf(index);
    const out: number[] = [];
    if (at !== undefined) for (let i = 0; i < at.length; i++) out.push(capacity[at[i]!]!);
    else for (const e of entry.globals) out.push(capacityOf(index.ctx, e));
    entry.capacities = out;
  }
  return entry.capacities;
}

/** `kindGlobalPlace` of a list: a binary search of its pool positions when it is in pool order, else a map. */
function placeFinder(index: PoolIndex, list: readonly Expert[], known: ArrayLike<number> | undefined): (expert: Expert) => number {
  const sorted = known ?? poolPositions(index, list);
  let ordered = true;
  for (let i = 0; i < sorted.length && ordered; i++) ordered = sorted[i]! >= 0 && (i === 0 || sorted[i - 1]! <= sorted[i]!);
  if (!ordered) {
    // A kind made elsewhere, out of pool order: its places by object, the last place winning.
    const places = new Map(list.map((e, i) => [e, i]));
    return (e) => places.get(e) ?? -1;
  }
  return (e) => {
    const p = poolPosition(index, e);
    return p < 0 ? -1 : lastIndexIn(sorted, p);
  };
}

/** The position of one of the round's experts in the pool; -1 for an expert object not of the round. */
function poolPosition(index: PoolIndex, e: Expert): number {
  const ctx = index.ctx;
  if (ctx.expertIndex.size === ctx.experts.length) {
    const p = ctx.expertIndex.get(e.id);
    return p !== undefined && ctx.experts[p] === e ? p : -1;
  }
  const positions = positionsOf(index);
  positions.byObject ??= new Map(ctx.experts.map((x, p) => [x, p]));
  return positions.byObject.get(e) ?? -1;
}

/** The county's own local scientists who may serve it (capacity, no veto, consent when required). */
export function eligibleLocals(index: PoolIndex, county: Pick<County, 'id'>): readonly Expert[] {
  const ctx = index.ctx;
  // Asked for many times per county (each kind it needs); the answer is the index's, so it is kept.
  const { locals } = positionsOf(index);
  let list = locals.get(county.id);
  if (list === undefined) {
    list = (ctx.localsByCounty.get(county.id) ?? []).filter((e) => capacityOf(ctx, e) > 0 && !vetoedIn(index, county.id, e.id) && !lacksConsent(ctx, county.id, e.id));
    locals.set(county.id, list);
  }
  return list;
}

/**
 * How many experts of a kind may serve a county (H2, H5, H8): the kind's
 * globals not vetoed by it, plus its own eligible locals of the kind.
 * O(vetoes + locals of the county); under consent required, its consented
 * experts of the kind instead of the globals, O(rows of the county).
 */
export function countEligible(index: PoolIndex, kind: ExpertKind, county: Pick<County, 'id'>): number {
  const ctx = index.ctx;
  const consented = consentedFor(index, county);
  if (consented !== undefined) {
    let m = 0;
    for (const e of consented) if (kind.has(e, county)) m++;
    for (const e of eligibleLocals(index, county)) if (kind.has(e, county)) m++;
    return m;
  }
  let n = kindGlobals(index, kind).length;
  for (const id of index.vetoedByCounty.get(county.id) ?? []) {
    const e = ctx.expertById.get(id);
    if (e && e.homeCounty === undefined && capacityOf(ctx, e) > 0 && kind.has(e, county)) n--;
  }
  for (const e of eligibleLocals(index, county)) if (kind.has(e, county)) n++;
  return n;
}

/** Why the experts of a kind in the pool may not serve a county, counted. */
export interface KindBreakdown {
  /** Experts of the kind in the pool. */
  inPool: number;
  /** Of them, eligible for the county. */
  eligible: number;
  /** Vetoed for this county (H8). */
  vetoed: number;
  /** Otherwise eligible, but without consent on both sides while consent is required (H8). */
  noConsent: number;
  /** With capacity 0 (H2). */
  noCapacity: number;
  /** Local scientists of other counties (H5). */
  localElsewhere: number;
  /** The county's own local scientists, who may not lead it (H4); counted only for the leader kind. */
  ownLocal: number;
}

/** Counts why a kind's experts may or may not serve the county. O(size of the kind). */
export function kindBreakdown(index: PoolIndex, kind: ExpertKind, county: Pick<County, 'id'>): KindBreakdown {
  const ctx = index.ctx;
  const out: KindBreakdown = { inPool: kind.pool.length, eligible: 0, vetoed: 0, noConsent: 0, noCapacity: 0, localElsewhere: 0, ownLocal: 0 };
  for (const e of kind.pool) {
    if (e.homeCounty !== undefined && e.homeCounty !== county.id) out.localElsewhere++;
    else if (capacityOf(ctx, e) <= 0) out.noCapacity++;
    else if (vetoedIn(index, county.id, e.id)) out.vetoed++;
    else if (!kind.has(e, county)) out.ownLocal++;
    else if (lacksConsent(ctx, county.id, e.id)) out.noConsent++;
    else out.eligible++;
  }
  return out;
}

/** `3 vetoed, 2 without capacity, 1 local scientist of another county`: the non-zero parts of a breakdown. */
export function describeBreakdown(b: KindBreakdown): string {
  const parts: string[] = [];
  if (b.noConsent > 0) parts.push(`${b.noConsent} without consent on both sides (consent required, H8)`);
  if (b.vetoed > 0) parts.push(`${b.vetoed} vetoed for it (H8)`);
  if (b.noCapacity > 0) parts.push(`${b.noCapacity} with capacity 0 (H2)`);
  if (b.localElsewhere > 0) parts.push(`${b.localElsewhere} local scientist${b.localElsewhere === 1 ? '' : 's'} of other counties (H5)`);
  if (b.ownLocal > 0) parts.push(`${b.ownLocal} its own local scientist${b.ownLocal === 1 ? '' : 's'}, who may not lead it (H4)`);
  return parts.join(', ');
}

/**
 * How many county–expert pairs may exist (H2, H5, H8) — what
 * `allCandidates` would list — counted in O(counties + vetoes + locals)
 * instead of O(counties × experts). A solver picker can size a round with it.
 */
export function countEligiblePairs(index: PoolIndex): number {
  const ctx = index.ctx;
  let n = 0;
  for (const c of ctx.counties) {
    const consented = consentedFor(index, c);
    if (consented !== undefined) {
      n += consented.length + eligibleLocals(index, c).length;
      continue;
    }
    n += index.globals.length + eligibleLocals(index, c).length;
    for (const id of index.vetoedByCounty.get(c.id) ?? []) {
      const e = ctx.expertById.get(id);
      if (e && e.homeCounty === undefined && capacityOf(ctx, e) > 0) n--;
    }
  }
  return n;
}
