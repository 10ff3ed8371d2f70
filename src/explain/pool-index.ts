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

/** Builds the indexes of a round. */
export function buildPoolIndex(ctx: RoundContext): PoolIndex {
  const globals: Expert[] = [];
  const leaderLevelExperts: Expert[] = [];
  const holdersByIndustry = new Map<string, Expert[]>();
  const holdersBySkill = new Map<string, Expert[]>();
  for (const e of ctx.experts) {
    for (const s of skillsOf(ctx, e.id)) {
      const key = needKey(s);
      const list = holdersBySkill.get(key);
      if (list) list.push(e);
      else holdersBySkill.set(key, [e]);
    }
    if (e.homeCounty === undefined && capacityOf(ctx, e) > 0) globals.push(e);
    if (ctx.options.leaderLevels.includes(e.level)) leaderLevelExperts.push(e);
    const industries = new Set(skillsOf(ctx, e.id).map((s) => s.industry));
    for (const industry of industries) {
      const list = holdersByIndustry.get(industry);
      if (list) list.push(e);
      else holdersByIndustry.set(industry, [e]);
    }
  }
  const vetoedByCounty = new Map<string, Set<string>>();
  for (const [countyId, row] of ctx.affinityByCounty) {
    for (const a of row.values()) {
      if (!a.veto) continue;
      let set = vetoedByCounty.get(countyId);
      if (!set) vetoedByCounty.set(countyId, (set = new Set()));
      set.add(a.expertId);
    }
  }
  return { ctx, globals, leaderLevelExperts, holdersByIndustry, holdersBySkill, vetoedByCounty, consented: consentedLists(ctx) };
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

const kindCache = new WeakMap<PoolIndex, Map<string, { kind: ExpertKind; globals: readonly Expert[] }>>();

function cached(index: PoolIndex, key: string, make: () => ExpertKind): { kind: ExpertKind; globals: readonly Expert[] } {
  let map = kindCache.get(index);
  if (!map) kindCache.set(index, (map = new Map()));
  let entry = map.get(key);
  if (!entry) {
    const kind = make();
    const ctx = index.ctx;
    // A kind's global members are those of its pool with capacity and no home county.
    entry = { kind, globals: kind.pool.filter((e) => e.homeCounty === undefined && capacityOf(ctx, e) > 0) };
    map.set(key, entry);
  }
  return entry;
}

/** Merges lists that are each in pool order into one, in pool order, without repeats. */
function mergeInPoolOrder(ctx: RoundContext, lists: readonly (readonly Expert[])[]): Expert[] {
  const nonEmpty = lists.filter((l) => l.length > 0);
  if (nonEmpty.length === 0) return [];
  if (nonEmpty.length === 1) return [...nonEmpty[0]!];
  const positions = nonEmpty.map((l) => l.map((e) => ctx.expertIndex.get(e.id)!));
  const at = nonEmpty.map(() => 0);
  const out: Expert[] = [];
  let last = -1;
  for (;;) {
    let best = -1;
    for (let i = 0; i < nonEmpty.length; i++) {
      if (at[i]! < nonEmpty[i]!.length && (best < 0 || positions[i]![at[i]!]! < positions[best]![at[best]!]!)) best = i;
    }
    if (best < 0) return out;
    const p = positions[best]![at[best]!]!;
    if (p !== last) out.push(nonEmpty[best]![at[best]!]!);
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
  })).kind;
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
  return cached(index, `need:${key}`, () => {
    // A skill covers the need when its industry and stage are the need's or `*` (see `skillCovers`): four exact keys.
    const keys = new Set([needKey(need), needKey({ industry: need.industry, stage: ANY }), needKey({ industry: ANY, stage: need.stage }), needKey({ industry: ANY, stage: ANY })]);
    const pool = mergeInPoolOrder(index.ctx, [...keys].map((k) => index.holdersBySkill.get(k) ?? []));
    const members = new Set(pool);
    return { key: `need:${key}`, label: `holders of ${key}`, pool, has: (e) => members.has(e) };
  }).kind;
}

/** Every expert (the group-size rule H3). */
export function anyKind(index: PoolIndex): ExpertKind {
  return cached(index, 'any', () => ({ key: 'any', label: 'experts', pool: index.ctx.experts, has: () => true })).kind;
}

/**
 * The kind's members with capacity and no home county: eligible for every county that has not vetoed them.
 * Empty under consent required, where nobody is eligible everywhere (see `consentedFor`).
 */
export function kindGlobals(index: PoolIndex, kind: ExpertKind): readonly Expert[] {
  if (index.consented !== undefined) return [];
  return cached(index, kind.key, () => kind).globals;
}

/** The county's own local scientists who may serve it (capacity, no veto, consent when required). */
export function eligibleLocals(index: PoolIndex, county: Pick<County, 'id'>): Expert[] {
  const ctx = index.ctx;
  return (ctx.localsByCounty.get(county.id) ?? []).filter((e) => capacityOf(ctx, e) > 0 && !vetoedIn(index, county.id, e.id) && !lacksConsent(ctx, county.id, e.id));
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
