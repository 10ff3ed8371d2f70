/**
 * Candidate lists: the experts each county's subproblem may choose from.
 * Lists start small and grow by column generation (see `pricing.ts`); an
 * expert outside a county's list is "pruned" for it, and the bound accounts
 * for every pruned expert without listing it.
 *
 * Per candidate the store caches what never changes during a solve: its fit
 * (exactly `memberFit`), what leading adds to it (exactly `leaderTerm`), the
 * bits it earns (mask), and its rule flags (may lead, local, East–West,
 * pinned).
 */
import { pinsOf } from '../../../rules/context.js';
import { F_EAST, F_FORCED, F_LEAD, F_LOCAL, F_PIN_LEADER } from './group-solver.js';
import { affinityRow, canLeadOf, coverMaskOf, eligible, fitOf, isEastPair, leaderTermOf, type Pool } from '../model/pool.js';

/** One county's candidates, as parallel arrays. */
export interface CandidateList {
  readonly experts: number[];
  readonly fit: number[];
  /** S2b: what leading the group adds to the candidate's fit. */
  readonly lead: number[];
  readonly mask: number[];
  readonly flags: number[];
  readonly index: Map<number, number>;
}

/** The candidate lists of every county. */
export class CandidateStore {
  readonly lists: CandidateList[];
  /** Bumped on every change of a county's list, so solvers know to recompute. */
  readonly version: Int32Array;
  /** Pins per county: expert → the pinned role (undefined when the pin names none). */
  private readonly pinRoles: Map<number, string | undefined>[];

  constructor(readonly pool: Pool) {
    const { ctx } = pool;
    this.lists = Array.from({ length: pool.nCounties }, () => ({ experts: [], fit: [], lead: [], mask: [], flags: [], index: new Map<number, number>() }));
    this.version = new Int32Array(pool.nCounties);
    this.pinRoles = Array.from({ length: pool.nCounties }, () => new Map<number, string | undefined>());
    ctx.counties.forEach((county, c) => {
      for (const pin of pinsOf(ctx, county.id)) {
        const e = ctx.expertIndex.get(pin.expertId);
        if (e !== undefined) this.pinRoles[c]!.set(e, pin.role);
      }
    });
  }

  /** The rule flags of a pair (H4–H6, H9). */
  flagsOf(county: number, expert: number): number {
    const pool = this.pool;
    let f = 0;
    if (pool.home[expert] === county) f |= F_LOCAL;
    if (canLeadOf(pool, expert, county)) f |= F_LEAD;
    if (isEastPair(pool, expert, county)) f |= F_EAST;
    const roles = this.pinRoles[county]!;
    if (roles.has(expert)) {
      f |= F_FORCED;
      const role = roles.get(expert);
      if (role === 'leader') f |= F_PIN_LEADER;
      // A pin with another role label forbids leading (see h9-pins.ts).
      else if (role !== undefined) f &= ~F_LEAD;
    }
    return f;
  }

  /** The experts pinned to a county. */
  pinnedExperts(county: number): number[] {
    return [...this.pinRoles[county]!.keys()].sort((a, b) => a - b);
  }

  /** True when the county has pins (H9): a pinned county comes before any other in every comparison of assignments. */
  hasPins(county: number): boolean {
    return this.pinRoles[county]!.size > 0;
  }

  /** True when the expert is a candidate of the county. */
  has(county: number, expert: number): boolean {
    return this.lists[county]!.index.has(expert);
  }

  /** Adds an eligible expert to a county's list; returns false when already there or not eligible. */
  add(county: number, expert: number): boolean {
    const list = this.lists[county]!;
    if (list.index.has(expert) || !eligible(this.pool, expert, county)) return false;
    list.index.set(expert, list.experts.length);
    list.experts.push(expert);
    list.fit.push(fitOf(this.pool, expert, county));
    list.lead.push(leaderTermOf(this.pool, expert, county));
    list.mask.push(coverMaskOf(this.pool, expert, county));
    list.flags.push(this.flagsOf(county, expert));
    this.version[county]!++;
    return true;
  }

  /**
   * Trims a county's list to about `limit` candidates: keeps pinned, local
   * and affinity experts (the pricing scan does not see what makes them
   * worth having), the `keep` experts (its current group), the three best
   * holders of each bit (need, industry), the two best of each organization
   * type, the three best leaders, and then the best by fit − price.
   */
  trim(county: number, limit: number, price: Float64Array, keep: readonly number[]): void {
    const list = this.lists[county]!;
    if (list.experts.length <= limit) return;
    const kept = new Set<number>(keep);
    const order = list.experts.map((_, i) => i).sort((a, b) => list.fit[b]! - price[list.experts[b]!]! - (list.fit[a]! - price[list.experts[a]!]!) || list.experts[a]! - list.experts[b]!);
    const leaders = order.filter((i) => (list.flags[i]! & F_LEAD) !== 0);
    leaders.sort((a, b) => list.fit[b]! + list.lead[b]! - price[list.experts[b]!]! - (list.fit[a]! + list.lead[a]! - price[list.experts[a]!]!) || list.experts[a]! - list.experts[b]!);
    for (const i of leaders.slice(0, 3)) kept.add(list.experts[i]!);
    const perNeed = new Int32Array(32);
    const perType = new Int32Array(16);
    for (const i of order) {
      let useful = false;
      for (let b = list.mask[i]!; b !== 0; b &= b - 1) if (perNeed[31 - Math.clz32(b & -b)]!++ < 3) useful = true;
      const t = this.pool.orgType[list.experts[i]!]!;
      if (t >= 0 && perType[t]!++ < 2) useful = true;
      if (useful || kept.size < limit) kept.add(list.experts[i]!);
    }
    this.retain(county, (e) => kept.has(e) || this.pool.home[e] === county || affinityRow(this.pool, county, e) >= 0);
  }

  /** Keeps only the candidates for which `keep` is true (pinned ones always stay). */
  retain(county: number, keep: (expert: number, position: number) => boolean): void {
    const list = this.lists[county]!;
    const next = { experts: [] as number[], fit: [] as number[], lead: [] as number[], mask: [] as number[], flags: [] as number[] };
    for (let i = 0; i < list.experts.length; i++) {
      if ((list.flags[i]! & F_FORCED) !== 0 || keep(list.experts[i]!, i)) {
        next.experts.push(list.experts[i]!);
        next.fit.push(list.fit[i]!);
        next.lead.push(list.lead[i]!);
        next.mask.push(list.mask[i]!);
        next.flags.push(list.flags[i]!);
      }
    }
    if (next.experts.length === list.experts.length) return;
    refillList(list, next);
    this.version[county]!++;
  }
}

/** A candidate list's parallel arrays, without its index (rebuilt from `experts`). */
export interface ListArrays {
  readonly experts: readonly number[];
  readonly fit: readonly number[];
  readonly lead: readonly number[];
  readonly mask: readonly number[];
  readonly flags: readonly number[];
}

/** Makes `list` hold exactly the entries of `from`, in order (its index rebuilt); the caller sets the version. */
export function refillList(list: CandidateList, from: ListArrays): void {
  list.experts.length = 0;
  list.fit.length = 0;
  list.lead.length = 0;
  list.mask.length = 0;
  list.flags.length = 0;
  list.index.clear();
  for (let i = 0; i < from.experts.length; i++) {
    list.index.set(from.experts[i]!, i);
    list.experts.push(from.experts[i]!);
    list.fit.push(from.fit[i]!);
    list.lead.push(from.lead[i]!);
    list.mask.push(from.mask[i]!);
    list.flags.push(from.flags[i]!);
  }
}
