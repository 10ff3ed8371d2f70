/**
 * Priority under scarcity (成熟一批、匹配一批): which counties are served
 * first when not all can be matched. The one home of the ranking: every
 * solver, the checker and the explainer read it from here.
 *
 * `options.priority` ranks the counties into tiers (tier 0 is served first):
 *  - `column` (default): by the `priority` column of counties.csv, smaller
 *    first; counties without a value form the last tier. When no county has
 *    one, all are one tier.
 *  - `order`: by row order in counties.csv (every county its own tier).
 *  - `batch`: by batch label, batches in order of first appearance;
 *    counties without a label last. No labels: one tier.
 *  - `none`: one tier.
 *
 * The solvers' order of valid results (lexicographic): counties with pins
 * matched (H9: earlier batches stand), then counties matched in tier 0,
 * then in tier 1, …, then the soft score. With one tier this is "pinned
 * counties, counties matched, score", as before priorities existed. A tier
 * count counts every matched county of the tier, pinned or not.
 *
 * Without priorities the soft score decides between counties, and it does
 * not reward listing more needs: S1 shares a fixed `coverage` among each
 * county's needs by weight (`need-coverage.ts`), so a county that lists
 * more needs can earn no more than one that lists fewer.
 */
import type { County, Instance, ReasonCode } from '../model/schemas.js';
import type { Options } from '../model/options.js';
import type { RoundContext } from './context.js';

/** The ranking of a round's counties into tiers. */
export interface PriorityTiers {
  /** The option that ranked them. */
  readonly mode: Options['priority'];
  /** Counties of each tier, served-first tier first, each in round order. */
  readonly tiers: readonly (readonly County[])[];
  /** Tier of each county, by position in `ctx.counties`. */
  readonly tierAt: Int32Array;
}

const cache = new WeakMap<Instance, Map<Options['priority'], PriorityTiers>>();

/** The key a county ranks by (smaller first), or undefined for "after every county that has one". */
function rankKeys(counties: readonly County[], mode: Options['priority']): (number | undefined)[] {
  switch (mode) {
    case 'none':
      return counties.map(() => 0);
    case 'order':
      return counties.map((_, i) => i);
    case 'column':
      return counties.map((c) => c.priority);
    case 'batch': {
      const firstSeen = new Map<string, number>();
      for (const c of counties) if (c.batch !== undefined && c.batch !== '' && !firstSeen.has(c.batch)) firstSeen.set(c.batch, firstSeen.size);
      return counties.map((c) => (c.batch === undefined || c.batch === '' ? undefined : firstSeen.get(c.batch)));
    }
  }
}

/** The tiers of the round's counties under `ctx.options.priority` (computed once per instance and mode). */
export function priorityTiers(ctx: Pick<RoundContext, 'instance' | 'options' | 'counties'>): PriorityTiers {
  const mode = ctx.options.priority;
  let byMode = cache.get(ctx.instance);
  if (!byMode) cache.set(ctx.instance, (byMode = new Map()));
  const known = byMode.get(mode);
  if (known && known.tierAt.length === ctx.counties.length) return known;
  const keys = rankKeys(ctx.counties, mode);
  const distinct = [...new Set(keys.filter((k): k is number => k !== undefined))].sort((a, b) => a - b);
  const tierOfKey = new Map(distinct.map((k, i) => [k, i]));
  // Counties without a key come after every ranked one; when none is ranked, all are one tier.
  const last = distinct.length;
  const tierAt = new Int32Array(ctx.counties.length);
  keys.forEach((k, i) => (tierAt[i] = k === undefined ? last : tierOfKey.get(k)!));
  const count = keys.some((k) => k === undefined) ? last + 1 : Math.max(1, last);
  const tiers: County[][] = Array.from({ length: count }, () => []);
  ctx.counties.forEach((c, i) => tiers[tierAt[i]!]!.push(c));
  const out: PriorityTiers = { mode, tiers, tierAt };
  byMode.set(mode, out);
  return out;
}

/** The tier of a county (0 = served first); the last tier for an id not in the round. */
export function tierOf(ctx: Pick<RoundContext, 'instance' | 'options' | 'counties' | 'countyIndex'>, countyId: string): number {
  const t = priorityTiers(ctx);
  const i = ctx.countyIndex.get(countyId);
  return i === undefined ? t.tiers.length - 1 : t.tierAt[i]!;
}

/** True when the ranking has more than one tier, so that priority (not the score) can decide who is matched. */
export function hasPriorities(ctx: Pick<RoundContext, 'instance' | 'options' | 'counties'>): boolean {
  return priorityTiers(ctx).tiers.length > 1;
}

/**
 * Where a result stands in the solvers' order before the score: counties
 * with pins matched, then the counties matched in each tier.
 */
export interface Standing {
  /** Counties with pins that have a group. */
  readonly pinned: number;
  /** Counties with a group, per tier. */
  readonly tiers: readonly number[];
}

/** The standing of a set of matched counties. */
export function standingOf(ctx: RoundContext, matched: Iterable<string>, hasPins: (countyId: string) => boolean): Standing {
  const t = priorityTiers(ctx);
  const tiers = t.tiers.map(() => 0);
  let pinned = 0;
  const seen = new Set<string>();
  for (const id of matched) {
    if (seen.has(id)) continue;
    seen.add(id);
    const i = ctx.countyIndex.get(id);
    if (i === undefined) continue;
    tiers[t.tierAt[i]!]!++;
    if (hasPins(id)) pinned++;
  }
  return { pinned, tiers };
}

/** Lexicographic comparison of tier counts: > 0 when `a` serves an earlier tier better, 0 when equal. */
export function compareTierCounts(a: ArrayLike<number>, b: ArrayLike<number>): number {
  const n = Math.max(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const d = (a[i] ?? 0) - (b[i] ?? 0);
    if (d !== 0) return d;
  }
  return 0;
}

/** > 0 when `a` stands before `b` in the solvers' order (pins, then tiers), 0 when they stand level (the score decides). */
export function compareStandings(a: Standing, b: Standing): number {
  return a.pinned - b.pinned || compareTierCounts(a.tiers, b.tiers);
}

/**
 * The county's rank in words, for explanations: `priority 2`, `row 3 of
 * counties.csv`, `batch 二批`, `no priority given`, `no ranking (--priority none)`.
 */
export function rankWords(ctx: Pick<RoundContext, 'options' | 'countyIndex'>, county: County): string {
  switch (ctx.options.priority) {
    case 'none':
      return 'no ranking (priority none)';
    case 'order':
      return `row ${(ctx.countyIndex.get(county.id) ?? 0) + 1} of counties.csv`;
    case 'column':
      return county.priority === undefined ? 'no priority given' : `priority ${county.priority}`;
    case 'batch':
      return county.batch === undefined || county.batch === '' ? 'no batch label' : `batch ${county.batch}`;
  }
}

/** Reason codes that say no valid result matches the county (whatever others do): such a county is not contested. */
export const ALONE_REASON_CODES: ReadonlySet<ReasonCode> = new Set<ReasonCode>(['no-leader-candidate', 'no-local-scientist', 'no-east-expert', 'required-need-uncovered', 'too-few-candidates', 'no-valid-group', 'key-county']);

/**
 * True when a result whose total of matched counties is proven maximal is
 * also lexicographically best over the tiers: when every county it leaves
 * out that some valid result might match (`contested`) lies in one tier t,
 * and it matches no county of a later tier. Every tier before t is then
 * full, no later tier holds an expert, and tier t holds all that the
 * maximal total allows. (Were some later county matched, a better result
 * might drop it to match one more of tier t.)
 */
export function tiersProvenByTotal(ctx: RoundContext, contested: Iterable<string>, matched: Iterable<string>): boolean {
  if (!hasPriorities(ctx)) return true;
  let tier = -1;
  for (const id of contested) {
    const t = tierOf(ctx, id);
    if (tier >= 0 && t !== tier) return false;
    tier = t;
  }
  if (tier < 0) return true;
  for (const id of matched) if (tierOf(ctx, id) > tier) return false;
  return true;
}
