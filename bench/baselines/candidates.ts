/**
 * The experts worth looking at for a county, found through an index rather
 * than by scanning the whole pool for every county (which is quadratic:
 * 10⁹ pairs at ten times national scale). A county's pool is:
 *
 * - for each of its needs, the first `perKey` usable holders of a skill
 *   covering it (same industry, same stage or `*`), by proficiency;
 * - every generalist (a `*` industry skill), every expert with an affinity
 *   row for it, its local scientists and its pinned experts;
 * - up to `perKey` East–West experts and `minLeaders` leader-capable ones
 *   beyond those, so the quotas of H4 and H6 can be met.
 *
 * Each pool member carries its fit (`memberFit`) and the needs it covers.
 */
import type { County, Expert } from '../../src/model/schemas.js';
import { skillCovers } from '../../src/model/coverage.js';
import { ANY } from '../../src/model/vocabulary.js';
import { needsOf, pinsOf, skillsOf, type RoundContext } from '../../src/rules/context.js';
import { canLead } from '../../src/rules/h4-leader.js';
import { partnersOf } from '../../src/rules/h6-east-west.js';
import { isEligible } from '../../src/rules/eligibility.js';
import { memberFit } from '../../src/objective/score.js';

/** A pool member for one county. */
export interface Scored {
  readonly expert: Expert;
  /** Position in the pool (`ctx.experts`). */
  readonly pos: number;
  /** fit(e, c), as the objective counts it. */
  readonly fit: number;
  /** Indices in `needsOf(ctx, c)` of the needs it covers. */
  readonly covers: readonly number[];
}

/** The round's skill index, built once. */
export interface PoolIndex {
  /** `industry\u0000stage` → positions of experts holding it (a `*` stage under its own key), best proficiency first. */
  readonly byKey: ReadonlyMap<string, readonly number[]>;
  /** `industry` → positions of every expert with a skill in it. */
  readonly byIndustry: ReadonlyMap<string, readonly number[]>;
  /** Positions of experts with a `*` industry skill. */
  readonly generalists: readonly number[];
  /** Positions of experts of a leader level. */
  readonly leaders: readonly number[];
  /** Stamp per position, for deduplication without sets. */
  readonly stamp: Int32Array;
  round: number;
  /** Per list, the first entry not yet `spent` (see `PoolSettings.spent`): spent experts are skipped once, not once per county. */
  readonly cursor: Map<readonly unknown[], number>;
}

const key = (industry: string, stage: string): string => `${industry}\u0000${stage}`;

/** Indexes the pool's skills. O(skills · log). */
export function indexPool(ctx: RoundContext): PoolIndex {
  const byKey = new Map<string, { pos: number; prof: number }[]>();
  const byIndustry = new Map<string, number[]>();
  const generalists: number[] = [];
  ctx.experts.forEach((e, pos) => {
    const industries = new Set<string>();
    for (const s of skillsOf(ctx, e.id)) {
      if (s.industry === ANY) {
        if (!industries.has(ANY)) generalists.push(pos);
        industries.add(ANY);
        continue;
      }
      const k = key(s.industry, s.stage);
      const list = byKey.get(k);
      if (list) list.push({ pos, prof: s.proficiency });
      else byKey.set(k, [{ pos, prof: s.proficiency }]);
      if (!industries.has(s.industry)) {
        industries.add(s.industry);
        const il = byIndustry.get(s.industry);
        if (il) il.push(pos);
        else byIndustry.set(s.industry, [pos]);
      }
    }
  });
  const sorted = new Map<string, number[]>();
  for (const [k, list] of byKey) {
    // One entry per expert (its best proficiency for the key), best first, then pool order.
    const best = new Map<number, number>();
    for (const x of list) best.set(x.pos, Math.max(best.get(x.pos) ?? 0, x.prof));
    sorted.set(k, [...best].sort((a, b) => b[1] - a[1] || a[0] - b[0]).map(([pos]) => pos));
  }
  const leaders: number[] = [];
  ctx.experts.forEach((e, pos) => {
    if (ctx.options.leaderLevels.includes(e.level)) leaders.push(pos);
  });
  return { byKey: sorted, byIndustry, generalists, leaders, stamp: new Int32Array(ctx.experts.length), round: 0, cursor: new Map() };
}

/** How a county's pool is drawn. */
export interface PoolSettings {
  /** Holders taken per need and skill key, and East–West experts taken beyond those. */
  perKey: number;
  /** Leader-capable experts the pool holds at least (when that many are usable). */
  minLeaders: number;
  /** Experts that may be taken (e.g. those with capacity left); pinned experts are always looked at. */
  usable?: (pos: number) => boolean;
  /** Experts that will never be usable again in this round (e.g. capacity used up): lists skip them for good. */
  spent?: (pos: number) => boolean;
}

/** Scores one expert for one county. */
export function scoreFor(ctx: RoundContext, county: County, pos: number): Scored {
  const expert = ctx.experts[pos]!;
  const fit = memberFit(ctx, expert, county).fit;
  const needs = needsOf(ctx, county.id);
  const skills = skillsOf(ctx, expert.id);
  const covers: number[] = [];
  needs.forEach((need, i) => {
    if (skills.some((s) => skillCovers(s, need))) covers.push(i);
  });
  return { expert, pos, fit, covers };
}

/** The county's pool, unsorted. */
export function countyPool(ctx: RoundContext, index: PoolIndex, county: County, settings: PoolSettings): Scored[] {
  const round = ++index.round;
  const usable = settings.usable ?? (() => true);
  const out: Scored[] = [];
  const take = (pos: number | undefined, force = false): boolean => {
    if (pos === undefined || index.stamp[pos] === round) return false;
    const e = ctx.experts[pos]!;
    if (!force && !usable(pos)) return false;
    index.stamp[pos] = round;
    if (!isEligible(ctx, e, county)) return false;
    out.push(scoreFor(ctx, county, pos));
    return true;
  };
  const posOf = (e: Expert | undefined): number | undefined => (e ? ctx.expertIndex.get(e.id) : undefined);
  const spent = settings.spent;
  /** The list from its first entry that is not spent. */
  const from = <T>(list: readonly T[], pos: (x: T) => number | undefined): number => {
    let i = index.cursor.get(list) ?? 0;
    if (spent) {
      while (i < list.length && spent(pos(list[i]!) ?? -1)) i++;
      index.cursor.set(list, i);
    }
    return i;
  };
  for (const pin of pinsOf(ctx, county.id)) take(posOf(ctx.expertById.get(pin.expertId)), true);
  for (const e of ctx.localsByCounty.get(county.id) ?? []) take(posOf(e));
  for (const a of ctx.affinityByCounty.get(county.id)?.values() ?? []) take(posOf(ctx.expertById.get(a.expertId)));
  for (const pos of index.generalists) take(pos);
  for (const need of needsOf(ctx, county.id)) {
    for (const k of [key(need.industry, need.stage), key(need.industry, ANY)]) {
      const list = index.byKey.get(k) ?? [];
      let n = 0;
      for (let i = from(list, (p) => p); i < list.length && n < settings.perKey; i++) if (take(list[i])) n++;
    }
  }
  if (partnersOf(ctx, county).length > 0) {
    let n = 0;
    for (const p of partnersOf(ctx, county)) {
      const list = ctx.expertsByProvince.get(p) ?? [];
      for (let i = from(list, posOf); i < list.length && n < settings.perKey; i++) if (take(posOf(list[i]))) n++;
    }
  }
  let leaders = out.filter((s) => canLead(ctx, s.expert, county)).length;
  for (let i = from(index.leaders, (p) => p); i < index.leaders.length && leaders < settings.minLeaders; i++) {
    const pos = index.leaders[i]!;
    if (canLead(ctx, ctx.experts[pos]!, county) && take(pos)) leaders++;
  }
  return out;
}

/** Best fit first; ties by pool order, so the order is reproducible. */
export function byFit(a: Scored, b: Scored): number {
  return b.fit - a.fit || a.pos - b.pos;
}

/**
 * Every eligible expert whose fit for the county may be above 0: those with
 * a skill in one of its industries, generalists and those with an affinity
 * row. Every other eligible expert has a fit of exactly 0. O(holders of its industries).
 */
export function positiveFitCandidates(ctx: RoundContext, index: PoolIndex, county: County): Expert[] {
  const round = ++index.round;
  const out: Expert[] = [];
  const take = (pos: number | undefined): void => {
    if (pos === undefined || index.stamp[pos] === round) return;
    index.stamp[pos] = round;
    const e = ctx.experts[pos]!;
    if (isEligible(ctx, e, county)) out.push(e);
  };
  for (const industry of new Set(needsOf(ctx, county.id).map((n) => n.industry))) for (const pos of index.byIndustry.get(industry) ?? []) take(pos);
  for (const pos of index.generalists) take(pos);
  for (const a of ctx.affinityByCounty.get(county.id)?.values() ?? []) take(ctx.expertIndex.get(a.expertId));
  return out;
}
