/**
 * The exact single-county subproblem: choose one group from a list of items
 * under H3–H9 for that county alone, maximizing
 *
 *   Σ_{i ∈ G} value_i + Σ_{bits j earned by G} needValue_j − penalty · Σ_k max(0, |G ∩ org_k| − limit)
 *     + typeValue · min(typeCap, |types of G| + |wild items of G|) − sizeWeight · | |G| − sizeTarget |
 *
 * Items are real candidates (value = fit − price) and, when the caller bounds
 * pruned experts, "pseudo" items that stand for pruned experts (they may be
 * taken `mult` times and may be flexible about counting as East–West
 * members). See `pricing.ts` for why that is an upper bound. A bit is any
 * term earned once per group (a need covered, an industry named: see
 * `pool.ts`).
 *
 * The organization types (S4b) are not bits: each item has at most one, and
 * a group earns at most `typeCap` of them. A pseudo item may be "wild": it
 * stands for experts of any type, and may bring one type the group lacks.
 * The bound prices them like bits (see `select`).
 *
 * Who leads changes the score (S2b) and the East–West count (H6 without
 * `leaderCountsEast`), so an expert who may lead comes as two items: its
 * plain copy (a member) and its leader twin (`F_LEADER`: worth its value
 * plus the leader term, East–West only when the leader counts), linked as
 * `partner`s: at most one of the two is in a group, and a group holds
 * exactly one leader twin. A pin that names no role is a pair marked
 * `F_FORCED_ONE`: one of the two is in every group.
 *
 * The method is a depth-first branch and bound, started from a good group
 * (`group-heuristic.ts`). It is exact: a branch is cut only when a valid
 * upper bound cannot beat the best group found (by more than the optional
 * tolerance, whose slack is then added to the answer's bound), when a quota
 * can no longer be met, or when a dominance rule shows that some optimal
 * group lies elsewhere. The bound at a node is a Lagrangian relaxation of
 * coverage (see `optimistic`): each open need is priced, its points move to
 * the items covering it, and the rest is an exactly solved selection with
 * the leader, local and East–West quotas (`select`); a few subgradient steps
 * on the prices tighten it towards the LP bound. The organization penalty is
 * left out of the bound, which only raises it (the penalty is never
 * negative). A node budget guards against a pathological list; when it runs
 * out the answer carries the root bound instead of a proof
 * (`status: 'truncated'`), which keeps every bound built on it valid.
 *
 * The method's steps, a file each: the shared state and the group's
 * bookkeeping (`group-search-state.ts`), the node bound and the incumbent
 * read off it (`group-bound.ts`), dominance (`group-dominance.ts`), and here
 * the search itself: `solve` (pins, branching order, suffix counts, first
 * incumbent, root bound) and `dfs` (the branching).
 *
 * Everything is deterministic: items are ordered by a fixed key with ties by
 * position, and no randomness is used.
 */

import { buildDominance } from './group-dominance.js';
import { GroupBound } from './group-bound.js';
import { GroupHeuristic } from './group-heuristic.js';
import { F_EAST, F_EAST_FLEX, F_FORCED, F_FORCED_ONE, F_LEADER, F_LOCAL, F_PIN_LEADER, F_PSEUDO, PRICES, sizeTerm, WILD_TYPE, type GroupRules, type ItemList } from './group-items.js';
import { EPS, pointsOf } from './group-search-state.js';

// The items and their flags, re-exported: every phase reads them with the solver.
export { F_EAST, F_EAST_FLEX, F_FORCED, F_FORCED_ONE, F_LEAD, F_LEADER, F_LOCAL, F_PIN_LEADER, F_PSEUDO, ItemList, PRICES, sizeTerm, WILD_TYPE, type GroupRules } from './group-items.js';


/** The answer for one subproblem. `take[i]` copies of item i are in the group. */
export interface GroupAnswer {
  /** `optimal`: `value` is the best group within the tolerance, proven by `bound`; `truncated`: the node budget ran out, `bound` is the root bound; `infeasible`: no group exists. */
  status: 'optimal' | 'truncated' | 'infeasible';
  value: number;
  /** A proven upper bound on the maximum (`value` when solved exactly, −∞ when infeasible). */
  bound: number;
  /** Copies taken per item (valid until the next call of `solve`). */
  take: Int32Array;
  /** The leader twin in the group when it is a real item, or −1 (a pseudo item leads). */
  leader: number;
  /** Nodes explored. */
  nodes: number;
}

/** Subgradient steps on the coverage prices at the root and at other nodes. */
const ROOT_STEPS = 12;
const NODE_STEPS = 2;

/** A reusable exact solver; keeps its scratch arrays between calls. Not re-entrant. */
export class GroupSolver extends GroupBound {
  /** Node budget per call; beyond it the answer is `truncated` (still valid, with a weaker bound). */
  nodeLimit = 200_000;
  /**
   * Branches whose bound is within this share of the first group's value are
   * not explored (their bound still counts in the answer's bound). 0 = exact.
   */
  relativeTolerance = 0;
  /** Subgradient steps on the coverage prices at the root, and at other nodes. */
  override rootSteps = ROOT_STEPS;
  /** Subgradient steps on the coverage prices at the nodes below the root. */
  override nodeSteps = NODE_STEPS;

  private readonly heuristic: GroupHeuristic;
  private dominanceBuilt = false;
  /** Items per organization in the current list (for dominance). */
  private readonly orgItems = new Map<number, number>();
  /** Largest bound of a branch left unexplored within tolerance, above the best (added to the answer's bound). */
  private slack = 0;
  private nodes = 0;
  private truncated = false;

  /** @param organizations number of distinct organization ids in the pool */
  constructor(organizations: number) {
    super(organizations);
    this.heuristic = new GroupHeuristic(organizations);
  }

  /** The coverage prices of the last solve's root bound (`PRICES` entries: the bits, the organization types, the type cap; copy to keep). */
  rootPrices(): Float64Array {
    return this.muStack.subarray(0, PRICES);
  }

  /**
   * Solves the subproblem: the answer's group is within `tolerance` of the
   * best, and its `bound` is a proven upper bound (the best value plus the
   * largest bound of a branch left unexplored within tolerance). With
   * tolerance 0 the answer is exact.
   */
  solve(items: ItemList, rules: GroupRules, tolerance = 0, warm?: { hint?: Int32Array; mu?: Float64Array }): GroupAnswer {
    this.warmMu = warm?.mu;
    this.tolerance = EPS;
    this.slack = 0;
    const n = items.n;
    this.ensure(n, rules);
    this.nSel = 0;
    this.items = items;
    this.rules = rules;
    const { value, mask, flags, org, mult, partner } = items;
    const take = this.take;
    take.fill(0, 0, n);
    this.cnt = 0;
    this.nLocal = 0;
    this.nEast = 0;
    this.nFlex = 0;
    this.nLead = 0;
    this.nFO = 0;
    this.nFOPairs = 0;
    this.typeCount.fill(0);
    this.nTypes = 0;
    this.covered = 0;
    this.val = 0;
    this.covVal = 0;
    this.best = -Infinity;
    this.nodes = 0;
    this.truncated = false;
    const infeasible = (): GroupAnswer => {
      for (let i = 0; i < n; i++) if (take[i]! > 0 && org[i]! >= 0) this.orgCount[org[i]!] = 0;
      return { status: 'infeasible', value: -Infinity, bound: -Infinity, take: this.bestTake.fill(0, 0, n), leader: -1, nodes: 0 };
    };

    // Pinned items are in every group: apply them first. Pins that may lead or not (pairs of F_FORCED_ONE
    // items) are branched on first, each pair at adjacent positions.
    let pinLeaders = 0;
    let m = 0;
    for (let i = 0; i < n; i++) {
      if ((flags[i]! & F_FORCED) !== 0) {
        this.apply(i, 1);
        if ((flags[i]! & F_PIN_LEADER) !== 0) pinLeaders++;
      } else if ((flags[i]! & F_FORCED_ONE) !== 0) {
        if (partner[i]! > i) {
          this.ord[m++] = i;
          this.ord[m++] = partner[i]!;
          this.nFOPairs++;
        } else if (partner[i]! < 0) {
          // A lone F_FORCED_ONE item (its partner was blocked) is simply forced.
          this.apply(i, 1);
          this.nFO--;
        }
      }
    }
    const pairs = m;
    for (let i = 0; i < n; i++) if ((flags[i]! & (F_FORCED | F_FORCED_ONE)) === 0) this.ord[m++] = i;
    this.m = m;
    if (pinLeaders > 1 || this.nLead > 1 || this.cnt > rules.sizeMax || this.nLocal > rules.localMax || (rules.paired && this.nEast > rules.eastMax)) return infeasible();

    // Branching order (after the pinned pairs): real items before pseudo ones, then by potential (value plus the
    // points of what they earn).
    const pot = this.pot;
    for (let i = 0; i < n; i++) pot[i] = value[i]! + pointsOf(mask[i]!, rules.needValue) - ((flags[i]! & F_PSEUDO) !== 0 ? 1e12 : 0);
    this.ord.subarray(pairs, m).sort((a, b) => pot[b]! - pot[a]! || a - b);
    this.posOf.fill(-1, 0, n);
    for (let q = 0; q < m; q++) {
      const i = this.ord[q]!;
      this.posOf[i] = q;
      this.pValue[q] = value[i]!;
      this.pMask[q] = mask[i]!;
      this.pFlags[q] = flags[i]!;
      this.pPartner[q] = partner[i]!;
      this.pMult[q] = mult[i]!;
      this.pType[q] = items.type[i]!;
    }
    this.sufMask[m] = 0;
    this.sufCnt[m] = 0;
    this.sufLocal[m] = 0;
    this.sufEast[m] = 0;
    this.sufLead[m] = 0;
    this.sufLocalEast[m] = 0;
    this.sufTypes[m] = 0;
    for (let p = m - 1; p >= 0; p--) {
      const i = this.ord[p]!;
      const f = flags[i]!;
      const k = mult[i]!;
      this.sufMask[p] = this.sufMask[p + 1]! | mask[i]!;
      this.sufCnt[p] = Math.min(1_000_000, this.sufCnt[p + 1]! + k);
      this.sufLocal[p] = this.sufLocal[p + 1]! + ((f & F_LOCAL) !== 0 ? k : 0);
      this.sufEast[p] = this.sufEast[p + 1]! + ((f & (F_EAST | F_EAST_FLEX)) !== 0 ? k : 0);
      this.sufLead[p] = this.sufLead[p + 1]! + ((f & F_LEADER) !== 0 ? k : 0);
      this.sufLocalEast[p] = this.sufLocalEast[p + 1]! + ((f & F_LOCAL) !== 0 && (f & (F_EAST | F_EAST_FLEX)) !== 0 ? 1 : 0);
      const t = items.type[i]!;
      this.sufTypes[p] = this.sufTypes[p + 1]! | (t >= 0 && t !== WILD_TYPE ? 1 << t : 0);
    }
    this.categorize();
    // Dominance is built on the first branching: most subproblems are settled at the root.
    this.forbidden.fill(0, 0, m);
    this.dominanceBuilt = false;
    // A good first incumbent lets the bound prove it early.
    const start = this.heuristic.run(items, rules, this.seedTake, warm?.hint);
    if (start > -Infinity) {
      this.best = start;
      this.bestTake.set(this.seedTake.subarray(0, n));
    }
    this.tolerance = Math.max(EPS, tolerance, this.relativeTolerance * (start > -Infinity ? Math.abs(start) : 0));
    const rootBound = this.val + this.covVal + sizeTerm(rules, this.cnt) + Math.max(0, this.optimistic(0, 0));
    this.dfs(0, 0);
    // Undo the pinned items' organization counts (the only state that outlives a call).
    for (let i = 0; i < n; i++) if ((flags[i]! & F_FORCED) !== 0 && org[i]! >= 0) this.orgCount[org[i]!] = 0;
    if (this.best === -Infinity) {
      if (!this.truncated) return { status: 'infeasible', value: -Infinity, bound: -Infinity, take: this.bestTake.fill(0, 0, n), leader: -1, nodes: this.nodes };
      return { status: 'truncated', value: -Infinity, bound: rootBound, take: this.bestTake.fill(0, 0, n), leader: -1, nodes: this.nodes };
    }
    const bestTake = this.bestTake;
    let leader = -1;
    for (let i = 0; i < n; i++) if (bestTake[i]! > 0 && (flags[i]! & (F_LEADER | F_PSEUDO)) === F_LEADER) leader = i;
    if (this.truncated) return { status: 'truncated', value: this.best, bound: Math.max(this.best + this.slack, rootBound), take: bestTake, leader, nodes: this.nodes };
    return { status: 'optimal', value: this.best, bound: this.best + this.slack, take: bestTake, leader, nodes: this.nodes };
  }

  /**
   * Branches on position p at search depth `depth`: records the group so far
   * when it is valid and better, returns when the quotas, the required bits
   * or the bound rule the branch out, and otherwise takes each possible
   * number of copies of the item at p, most first.
   */
  private dfs(p: number, depth: number): void {
    if (++this.nodes > this.nodeLimit) {
      this.truncated = true;
      return;
    }
    const total = this.val + this.covVal + sizeTerm(this.rules, this.cnt);
    if (total > this.best + EPS && this.feasibleNow()) {
      this.best = total;
      this.bestTake.set(this.take.subarray(0, this.items.n));
    }
    const r = this.rules;
    if (p >= this.m || this.cnt >= r.sizeMax) return;
    if (this.cnt + this.sufCnt[p]! < r.sizeMin) return;
    if (this.nLocal + this.sufLocal[p]! < r.localMin) return;
    if (r.paired && this.nEast + this.nFlex + this.sufEast[p]! < r.eastMin) return;
    if (this.nLead <= 0 && this.sufLead[p]! <= 0) return;
    if (((this.covered | this.sufMask[p]!) & r.required) !== r.required) return;
    const optimistic = this.optimistic(p, depth);
    if (optimistic === -Infinity || total + optimistic <= this.best + EPS) return;
    if (total + optimistic <= this.best + this.tolerance) {
      // Within tolerance of the best group: not explored, but its bound is remembered in the answer's.
      this.slack = Math.max(this.slack, total + optimistic - this.best);
      return;
    }

    if (!this.dominanceBuilt) {
      this.domList = buildDominance(this.items, this.rules, this.ord, this.m, this.domStart, this.domList, this.orgItems);
      this.dominanceBuilt = true;
    }
    const it = this.items;
    const i = this.ord[p]!;
    const f = it.flags[i]!;
    let maxK = this.forbidden[p]! > 0 ? 0 : Math.min(it.mult[i]!, r.sizeMax - this.cnt);
    if ((f & F_LOCAL) !== 0) maxK = Math.min(maxK, r.localMax - this.nLocal);
    if (r.paired && (f & F_EAST) !== 0) maxK = Math.min(maxK, r.eastMax - this.nEast);
    // One leader twin per group; never an expert twice (its plain copy and its twin).
    if ((f & F_LEADER) !== 0) maxK = Math.min(maxK, 1 - this.nLead);
    const mate = it.partner[i]!;
    if (mate >= 0 && this.take[mate]! > 0) maxK = 0;
    // The second item of a pinned pair must be taken when the first was not.
    const minK = (f & F_FORCED_ONE) !== 0 && mate >= 0 && this.posOf[mate]! < p && this.take[mate]! === 0 ? 1 : 0;
    if (maxK < minK) return;
    const covered = this.covered;
    const covVal = this.covVal;
    const d0 = this.domStart[p]!;
    const d1 = this.domStart[p + 1]!;
    for (let k = maxK; k >= minK; k--) {
      // Fewer than all copies of a dominator: the items it dominates stay out below this branch.
      const partial = k < it.mult[i]!;
      if (partial) for (let d = d0; d < d1; d++) this.forbidden[this.domList[d]!]!++;
      if (k > 0) this.apply(i, k);
      this.dfs(p + 1, depth + 1);
      if (k > 0) {
        this.remove(i, k);
        this.covered = covered;
        this.covVal = covVal;
      }
      if (partial) for (let d = d0; d < d1; d++) this.forbidden[this.domList[d]!]!--;
      if (this.truncated) return;
    }
  }
}
