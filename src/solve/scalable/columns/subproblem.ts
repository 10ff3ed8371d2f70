/**
 * One county's subproblem as the scalable solver poses it: its candidates
 * turned into group-solver items at some prices, with or without the pseudo
 * items that bound the pruned experts, and the answer read back as experts.
 *
 * A candidate who may lead comes as two items, its plain copy (worth
 * fit − price) and its leader twin (worth fit + leader term − price,
 * East–West only when `leaderCountsEast`), so that the solver picks the
 * leader for what leading is worth (S2b) and counts H6 without the leader.
 */
import type { CandidateStore } from './candidates.js';
import { F_EAST, F_FORCED, F_FORCED_ONE, F_LEAD, F_LEADER, F_LOCAL, F_PIN_LEADER, F_PSEUDO, GroupSolver, ItemList, PRICES, type GroupAnswer, type GroupRules } from './group-solver.js';
import { bitPointsOf, isPaired, requiredMask, type Pool } from '../model/pool.js';
import { TYPE_EAST, TYPE_LEAD, type PrunedSummary } from './pricing.js';
import { pseudoItems } from './pseudo-items.js';
import { spinOf } from '../model/ranked-sets.js';

/**
 * How hard each kind of solve works. `bound`: the pricing passes, whose
 * answers make the proven bound — near-exact (bounds stay proven whatever
 * the tolerance; it only adds its slack to them). `guide`: the restricted
 * solves between pricing passes, which only steer prices — a subgradient
 * method is content with nearly optimal answers. `search`: repair and local
 * search, which keep whatever is better.
 */
export const EFFORT = {
  // Many candidates are worth the same (equal fits; bits that differ only by organization type), and a proof
  // among such ties can take hundreds of thousands of nodes for a fraction of a point: past the node limit the
  // root bound stands (valid, a little weaker), sharpened by more subgradient steps. No tolerance: its slack
  // (up to 0.2% of each county's value at 2e-3) weighed more in the bound than the root bound of the counties it
  // lets through; the root's steps pay off instead. Measured on national seed 1 (issue #11, one thread, same
  // schedule): tolerance 2e-3 / 500 nodes / 100 root steps gave a final gap of 0.645% in 22.2 s; tolerance 0 /
  // 250 / 100 0.523% in 21.5 s; 0 / 250 / 200 0.492% in 22.3 s; 0 / 250 / 400 0.447% in 28.2 s.
  bound: { relativeTolerance: 0, nodeLimit: 250, rootSteps: 200 },
  // (On small rounds `Subproblems.exactBounds` and `exactSearch` make the bound's and the search's solves exact.)
  guide: { relativeTolerance: 5e-3, nodeLimit: 60, rootSteps: 12 },
  search: { relativeTolerance: 5e-3, nodeLimit: 300, rootSteps: 20 },
} as const;

/**
 * Node limits of exact solves: the bound's on small rounds (`Subproblems.exactBounds`; past the limit the root
 * bound stands, which keeps the bound valid), the search's on tiny ones (`Subproblems.exactSearch`).
 */
export const EXACT_NODES = { bound: 20_000, search: 200_000, guide: 0 } as const;

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

/** A group to start a search from: its members, and who led it. */
export interface GroupHint {
  readonly members: readonly number[];
  readonly leader?: number | undefined;
}

function isMemberList(hint: GroupHint | readonly number[]): hint is readonly number[] {
  return Array.isArray(hint);
}

/** The solver's view of every county's subproblem. */
export class Subproblems {
  readonly solver: GroupSolver;
  readonly items = new ItemList();
  private readonly rules: (GroupRules | undefined)[];
  /** Points of terms beyond the mask, per county (added to bounds only). */
  readonly extraPoints: Float64Array;
  /**
   * Solve the bound's subproblems exactly (no tolerance, `EXACT_NODES`):
   * set for small rounds, where the bound can then prove an optimum.
   */
  exactBounds = false;
  /** Solve the search's subproblems exactly too: set for tiny rounds (the properties' and tests' rounds), where the search can then reach the optimum. */
  exactSearch = false;

  constructor(readonly pool: Pool, readonly store: CandidateStore) {
    let orgs = 0;
    for (let e = 0; e < pool.nExperts; e++) orgs = Math.max(orgs, pool.organization[e]! + 1);
    this.solver = new GroupSolver(orgs);
    this.rules = new Array<GroupRules | undefined>(pool.nCounties);
    this.extraPoints = new Float64Array(pool.nCounties);
    for (let c = 0; c < pool.nCounties; c++) this.extraPoints[c] = pool.unmaskedPoints[c]!;
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
        needValue: bitPointsOf(pool, county),
        required: requiredMask(pool, county),
        orgLimit: o.maxSameOrganization,
        orgPenalty: pool.organizationPenalty,
        sizeTarget: pool.sizeTarget[county]!,
        sizeWeight: pool.sizeWeight,
        typeValue: pool.orgTypePoints,
        typeCap: pool.orgTypeCount,
      };
      this.rules[county] = r;
    }
    return r;
  }

  /**
   * Loads the county's candidates as items worth fit − price (price may be
   * null for none), a leader twin beside each candidate who may lead;
   * experts for which `blocked` returns true are left out, and those for
   * which `cannotLead` does get no twin (H4c on the primal side). When a
   * left-out expert is pinned to the county (its seat taken over by another
   * pinned county, see `pinned.ts`, or a pinned leader who may not lead
   * here), the county has no group: `solve` then answers infeasible.
   */
  load(county: number, price: Float64Array | null, blocked?: (expert: number) => boolean, tieBreak = true, cannotLead?: (expert: number) => boolean): void {
    const list = this.store.lists[county]!;
    const items = this.items;
    const pool = this.pool;
    items.clear();
    this.pinBlocked = false;
    const seed = pool.ctx.options.seed;
    // A pinned leader leads: nobody else gets a twin.
    let pinnedLeader = false;
    for (const f of list.flags) if ((f & F_PIN_LEADER) !== 0) pinnedLeader = true;
    for (let i = 0; i < list.experts.length; i++) {
      const e = list.experts[i]!;
      const f = list.flags[i]!;
      if (blocked?.(e)) {
        if ((f & F_FORCED) !== 0) this.pinBlocked = true;
        continue;
      }
      const value = list.fit[i]! - (price ? price[e]! : 0) + (tieBreak ? jitter(seed, county, e) : 0);
      const mask = list.mask[i]!;
      const org = pool.organization[e]!;
      const type = pool.orgType[e]!;
      const quota = f & (F_LOCAL | F_EAST);
      const twin = F_LEADER | (pool.leaderCountsEast ? f & F_EAST : 0);
      const mayLead = (f & F_LEAD) !== 0 && !(cannotLead?.(e) ?? false);
      if ((f & F_PIN_LEADER) !== 0) {
        if (!mayLead) this.pinBlocked = true;
        else items.push(e, value + list.lead[i]!, mask, F_FORCED | F_PIN_LEADER | twin, org, 1, type);
      } else if (!mayLead || pinnedLeader) {
        items.push(e, value, mask, quota | (f & F_FORCED), org, 1, type);
      } else {
        const forced = (f & F_FORCED) !== 0 ? F_FORCED_ONE : 0;
        const a = items.push(e, value, mask, quota | forced, org, 1, type);
        const b = items.push(e, value + list.lead[i]!, mask, twin | forced, org, 1, type);
        items.link(a, b);
      }
    }
  }

  /** Adds the pseudo items of a pricing scan to the loaded items. */
  addPseudo(county: number, summary: PrunedSummary, price: Float64Array): void {
    pseudoItems(summary, this.items, this.rulesOf(county).sizeMax, this.pool, county, price);
  }

  /**
   * Solves the loaded items for the county with the effort of its kind. A
   * `hint` (a group, e.g. the county's last one) seeds the first incumbent;
   * the county's last root coverage prices seed the bound. Both only speed
   * the search up: the answer is as exact either way.
   */
  solve(county: number, effort: Effort, hint?: GroupHint | readonly number[]): GroupAnswer {
    if (this.pinBlocked) return { status: 'infeasible', value: -Infinity, bound: -Infinity, take: new Int32Array(this.items.n), leader: -1, nodes: 0 };
    // On small rounds the bound's solves are exact, and on tiny ones the search's too (the guide's only steer prices).
    const exact = (effort === 'bound' && this.exactBounds) || (effort === 'search' && this.exactSearch);
    this.solver.relativeTolerance = exact ? 0 : EFFORT[effort].relativeTolerance;
    this.solver.nodeLimit = exact ? EXACT_NODES[effort] : EFFORT[effort].nodeLimit;
    this.solver.rootSteps = EFFORT[effort].rootSteps;
    let hintTake: Int32Array | undefined;
    const given: GroupHint | undefined = hint === undefined ? undefined : isMemberList(hint) ? { members: hint } : hint;
    if (given && given.members.length > 0) {
      const items = this.items;
      if (this.hintBuf.length < items.n) this.hintBuf = new Int32Array(2 * items.n);
      hintTake = this.hintBuf;
      for (let i = 0; i < items.n; i++) {
        const e = items.expert[i]!;
        const leads = (items.flags[i]! & F_LEADER) !== 0;
        hintTake[i] = e >= 0 && (items.flags[i]! & F_PSEUDO) === 0 && given.members.includes(e) && leads === (e === given.leader) ? 1 : 0;
      }
    }
    let mu = this.mu[county];
    const answer = this.solver.solve(this.items, this.rulesOf(county), 0, { ...(hintTake ? { hint: hintTake } : {}), ...(mu ? { mu } : {}) });
    if (!mu) this.mu[county] = mu = new Float64Array(PRICES);
    mu.set(this.solver.rootPrices());
    return answer;
  }

  private hintBuf = new Int32Array(64);
  /** The last `load` left out an expert pinned to the county. */
  private pinBlocked = false;
  /** Each county's last root coverage prices. */
  private readonly mu: (Float64Array | undefined)[] = [];

  /**
   * A copy of the county's warm start: its last root coverage prices, which
   * start its next search (undefined before its first solve). A replica of
   * the state (`workers/`) must hold the same ones, or its bounds would
   * differ in the last bits.
   */
  warmStartOf(county: number): Float64Array | undefined {
    const mu = this.mu[county];
    return mu === undefined ? undefined : Float64Array.from(mu);
  }

  /** Sets the county's warm start (undefined: none, as before its first solve). */
  setWarmStart(county: number, mu: Float64Array | undefined): void {
    if (mu === undefined) {
      this.mu[county] = undefined;
      return;
    }
    const own = this.mu[county];
    if (own !== undefined && own.length === mu.length) own.set(mu);
    else this.mu[county] = Float64Array.from(mu);
  }

  /**
   * Adds a virtual filler (worth 0, no coverage, copies up to the group size) for each type in `types` (bit t set
   * for type t), and for a type that may lead, a virtual leader (one copy).
   */
  addFillers(county: number, types: number): void {
    const sizeMax = this.rulesOf(county).sizeMax;
    for (let t = 0; t < 4; t++) {
      if ((types & (1 << t)) === 0) continue;
      const east = (t & TYPE_EAST) !== 0 ? F_EAST : 0;
      this.items.push(-1, 0, 0, F_PSEUDO | east, -1, sizeMax);
      if ((t & TYPE_LEAD) !== 0) this.items.push(-1, 0, 0, F_PSEUDO | F_LEADER | (this.pool.leaderCountsEast ? east : 0), -1, 1);
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
