/**
 * One county's subproblem as the scalable solver poses it: its candidates
 * turned into group-solver items at some prices, with or without the pseudo
 * items that bound the pruned experts, and the answer read back as experts.
 */
import type { CandidateStore } from './candidates.js';
import { F_EAST, F_FORCED, F_LEAD, F_PSEUDO, GroupSolver, ItemList, type GroupAnswer, type GroupRules } from './group-solver.js';
import { isPaired, needPoints, requiredMask, unmaskedPoints, type Pool } from './pool.js';
import { pseudoItems, TYPE_EAST, TYPE_LEAD, type PrunedSummary } from './pricing.js';
import { spinOf } from './ranked-sets.js';

/**
 * How hard each kind of solve works. `bound`: the pricing passes, whose
 * answers make the proven bound — near-exact (bounds stay proven whatever
 * the tolerance; it only adds its slack to them). `guide`: the restricted
 * solves between pricing passes, which only steer prices — a subgradient
 * method is content with nearly optimal answers. `search`: repair and local
 * search, which keep whatever is better.
 */
export const EFFORT = {
  bound: { relativeTolerance: 1e-5, nodeLimit: 200_000 },
  // (On small rounds `Subproblems.exactBounds` makes the bound's solves exact.)
  guide: { relativeTolerance: 1e-3, nodeLimit: 300 },
  search: { relativeTolerance: 1e-4, nodeLimit: 3_000 },
} as const;

/** A kind of solve (see `EFFORT`). */
export type Effort = keyof typeof EFFORT;

/**
 * A tiny, seeded, non-negative bonus per county–expert pair. Many experts
 * are worth exactly the same to a county (fillers, equal fits); without it
 * every county would pick the same ones among equals, and the prices would
 * chase conflicts that do not exist. It breaks such ties differently for
 * each county. Being non-negative, it can only raise a subproblem's bound
 * (by at most the group size × JITTER); scores of groups are always
 * recomputed without it.
 */
export const JITTER = 1e-7;

/** The tie-breaking bonus of a pair (see `JITTER`). */
export function jitter(seed: number, county: number, expert: number): number {
  return (spinOf(seed, county, expert) / 4294967296) * JITTER;
}

/** A group read back from an answer. */
export interface GroupChoice {
  /** Experts of the group, in candidate order. */
  members: number[];
  /** The leader (one of `members`). */
  leader: number;
  /** Subproblem value (fit − price + coverage − penalty). */
  value: number;
}

/** The solver's view of every county's subproblem. */
export class Subproblems {
  readonly solver: GroupSolver;
  readonly items = new ItemList();
  private readonly rules: (GroupRules | undefined)[];
  /** Points of needs beyond the mask, per county (added to bounds only). */
  readonly extraPoints: Float64Array;
  /**
   * Solve the bound's subproblems exactly (no tolerance): set for small
   * rounds, where the bound can then prove an optimum.
   */
  exactBounds = false;

  constructor(readonly pool: Pool, readonly store: CandidateStore) {
    let orgs = 0;
    for (let e = 0; e < pool.nExperts; e++) orgs = Math.max(orgs, pool.organization[e]! + 1);
    this.solver = new GroupSolver(orgs);
    this.rules = new Array<GroupRules | undefined>(pool.nCounties);
    this.extraPoints = new Float64Array(pool.nCounties);
    for (let c = 0; c < pool.nCounties; c++) this.extraPoints[c] = unmaskedPoints(pool, c);
  }

  /** The county's rules (built once). */
  rulesOf(county: number): GroupRules {
    let r = this.rules[county];
    if (!r) {
      const { pool } = this;
      const o = pool.ctx.options;
      r = {
        sizeMin: pool.sizeMin[county]!,
        sizeMax: pool.sizeMax[county]!,
        localMin: o.localMin,
        localMax: o.localMax,
        paired: isPaired(pool, county),
        eastMin: o.eastMin,
        eastMax: o.eastMax,
        needValue: needPoints(pool, county),
        required: requiredMask(pool, county),
        orgLimit: o.maxSameOrganization,
        orgPenalty: pool.organizationPenalty,
      };
      this.rules[county] = r;
    }
    return r;
  }

  /**
   * Loads the county's candidates as items worth fit − price (price may be
   * null for none); experts for which `blocked` returns true are left out.
   * When one of them is pinned to the county (its seat taken over by another
   * pinned county, see `pinned.ts`), the county has no group: `solve` then
   * answers infeasible.
   */
  load(county: number, price: Float64Array | null, blocked?: (expert: number) => boolean, tieBreak = true): void {
    const list = this.store.lists[county]!;
    const items = this.items;
    items.clear();
    this.pinBlocked = false;
    const seed = this.pool.ctx.options.seed;
    for (let i = 0; i < list.experts.length; i++) {
      const e = list.experts[i]!;
      if (blocked?.(e)) {
        if ((list.flags[i]! & F_FORCED) !== 0) this.pinBlocked = true;
        continue;
      }
      items.push(e, list.fit[i]! - (price ? price[e]! : 0) + (tieBreak ? jitter(seed, county, e) : 0), list.mask[i]!, list.flags[i]!, this.pool.organization[e]!);
    }
  }

  /** Adds the pseudo items of a pricing scan to the loaded items. */
  addPseudo(county: number, summary: PrunedSummary, price: Float64Array): void {
    pseudoItems(summary, this.items, this.rulesOf(county).sizeMax, this.pool, county, price);
  }

  /**
   * Solves the loaded items for the county with the effort of its kind. A
   * `hint` (experts of a group, e.g. the county's last one) seeds the first
   * incumbent; the county's last root coverage prices seed the bound. Both
   * only speed the search up: the answer is as exact either way.
   */
  solve(county: number, effort: Effort, hint?: readonly number[]): GroupAnswer {
    if (this.pinBlocked) return { status: 'infeasible', value: -Infinity, bound: -Infinity, take: new Int32Array(this.items.n), leader: -1, nodes: 0 };
    this.solver.relativeTolerance = effort === 'bound' && this.exactBounds ? 0 : EFFORT[effort].relativeTolerance;
    this.solver.nodeLimit = EFFORT[effort].nodeLimit;
    let hintTake: Int32Array | undefined;
    if (hint && hint.length > 0) {
      const items = this.items;
      if (this.hintBuf.length < items.n) this.hintBuf = new Int32Array(2 * items.n);
      hintTake = this.hintBuf;
      for (let i = 0; i < items.n; i++) hintTake[i] = items.expert[i]! >= 0 && hint.includes(items.expert[i]!) ? 1 : 0;
    }
    let mu = this.mu[county];
    const answer = this.solver.solve(this.items, this.rulesOf(county), 0, { ...(hintTake ? { hint: hintTake } : {}), ...(mu ? { mu } : {}) });
    if (!mu) this.mu[county] = mu = new Float64Array(32);
    mu.set(this.solver.rootPrices());
    return answer;
  }

  private hintBuf = new Int32Array(64);
  /** The last `load` left out an expert pinned to the county. */
  private pinBlocked = false;
  /** Each county's last root coverage prices. */
  private readonly mu: (Float64Array | undefined)[] = [];

  /** Adds a virtual filler (worth 0, no coverage, copies up to the group size) for each type in `types` (bit t set for type t). */
  addFillers(county: number, types: number): void {
    const sizeMax = this.rulesOf(county).sizeMax;
    for (let t = 0; t < 4; t++) {
      if ((types & (1 << t)) === 0) continue;
      this.items.push(-1, 0, 0, F_PSEUDO | ((t & TYPE_LEAD) !== 0 ? F_LEAD : 0) | ((t & TYPE_EAST) !== 0 ? F_EAST : 0), -1, sizeMax);
    }
  }

  /**
   * The real part of an answer that may use virtual fillers: its members,
   * and the complete group when it needs none; undefined when infeasible.
   */
  guideChoice(answer: GroupAnswer): { members: number[]; complete: boolean; choice: GroupChoice | undefined } | undefined {
    if (answer.status === 'infeasible' || answer.value === -Infinity) return undefined;
    const items = this.items;
    const members: number[] = [];
    let complete = true;
    for (let i = 0; i < items.n; i++) {
      if (answer.take[i]! <= 0) continue;
      if ((items.flags[i]! & F_PSEUDO) !== 0) complete = false;
      else members.push(items.expert[i]!);
    }
    return { members, complete, choice: complete ? this.choice(answer) : undefined };
  }

  /** True when the answer takes a pseudo item. */
  usesPseudo(answer: GroupAnswer): boolean {
    const items = this.items;
    for (let i = 0; i < items.n; i++) if (answer.take[i]! > 0 && (items.flags[i]! & F_PSEUDO) !== 0) return true;
    return false;
  }

  /** Reads the group of an answer (real items only); undefined when it has none or needs a pseudo item. */
  choice(answer: GroupAnswer): GroupChoice | undefined {
    if (answer.status === 'infeasible' || answer.value === -Infinity || this.usesPseudo(answer)) return undefined;
    const items = this.items;
    const members: number[] = [];
    for (let i = 0; i < items.n; i++) if (answer.take[i]! > 0) members.push(items.expert[i]!);
    const leaderItem = answer.leader;
    if (leaderItem < 0 || answer.take[leaderItem]! === 0) return undefined;
    return { members, leader: items.expert[leaderItem]!, value: answer.value };
  }
}
