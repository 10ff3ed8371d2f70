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
 * Everything is deterministic: items are ordered by a fixed key with ties by
 * position, and no randomness is used.
 */

import { GroupHeuristic } from './group-heuristic.js';
import { CAP_PRICE, F_EAST, F_EAST_FLEX, F_FORCED, F_FORCED_ONE, F_LEADER, F_LOCAL, F_PIN_LEADER, F_PSEUDO, ItemList, PRICES, sizeTerm, WILD_TYPE, type GroupRules } from './group-items.js';

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

const EPS = 1e-9;
/** Leader cases of the bound: the leader may lead and is not East–West, or is both. */
const LEADER_ONLY = 1;
const LEADER_EAST = 2;
/** Subgradient steps on the coverage prices at the root and at other nodes. */
const ROOT_STEPS = 12;
const NODE_STEPS = 2;

/** Points of the needs in `bits`. */
function pointsOf(bits: number, needValue: Float64Array): number {
  let sum = 0;
  let b = bits;
  while (b !== 0) {
    const low = b & -b;
    sum += needValue[31 - Math.clz32(low)]!;
    b ^= low;
  }
  return sum;
}

/** A reusable exact solver; keeps its scratch arrays between calls. Not re-entrant. */
export class GroupSolver {
  /** Node budget per call; beyond it the answer is `truncated` (still valid, with a weaker bound). */
  nodeLimit = 200_000;
  /**
   * Branches whose bound is within this share of the first group's value are
   * not explored (their bound still counts in the answer's bound). 0 = exact.
   */
  relativeTolerance = 0;
  /** Subgradient steps on the coverage prices at the root, and at other nodes. */
  rootSteps = ROOT_STEPS;
  nodeSteps = NODE_STEPS;

  private orgCount: Int32Array;
  private readonly heuristic: GroupHeuristic;
  private ord = new Int32Array(64);
  /** The items' fields by position (`ord` order), for the bound's scans. */
  private pValue = new Float64Array(64);
  private pMask = new Int32Array(64);
  private pFlags = new Int32Array(64);
  private pPartner = new Int32Array(64);
  private pMult = new Int32Array(64);
  private pType = new Int8Array(64);
  private pot = new Float64Array(64);
  private sufMask = new Int32Array(65);
  private sufCnt = new Int32Array(65);
  private sufLocal = new Int32Array(65);
  private sufEast = new Int32Array(65);
  private sufLead = new Int32Array(65);
  /** Undecided items from position p on that are both local and East–West (see `localEastLeft`). */
  private sufLocalEast = new Int32Array(65);
  /** The organization types (bit t, wild items aside) of the items from position p on. */
  private sufTypes = new Int32Array(65);
  private take = new Int32Array(64);
  private bestTake = new Int32Array(64);
  private seedTake = new Int32Array(64);
  /** Dominance lists: items (by position) that position p dominates are domList[domStart[p] … domStart[p+1]−1]. */
  private domStart = new Int32Array(65);
  private domList = new Int32Array(256);
  /** How many excluded dominators currently forbid each position. */
  private forbidden = new Int32Array(64);
  private dominanceBuilt = false;
  /** Items per organization in the current list (for dominance). */
  private readonly orgItems = new Map<number, number>();
  private topBuf = new Float64Array(64);
  /** Keys of the undecided positions in the current bound (NaN for forbidden ones). */
  private keyBuf = new Float64Array(64);
  /** Positions chosen by the last greedy, with copies. */
  private selPos = new Int32Array(64);
  private selCount = new Int32Array(64);
  /** Per position: 1 + its index in selPos during `assemble`, 0 when not chosen (cleared when `assemble` ends). */
  private selIdx = new Int32Array(64);
  private saveSel = new Int32Array(64);
  private saveCnt = new Int32Array(64);
  private nSel = 0;
  private pickSum = 0;
  private topPos = new Int32Array(64);
  private readonly coverCount = new Int32Array(PRICES);
  /** Coverage prices to start the root bound from (a previous solve's), if any. */
  private warmMu: Float64Array | undefined;

  /** The coverage prices of the last solve's root bound (32 entries; copy to keep). */
  rootPrices(): Float64Array {
    return this.muStack.subarray(0, PRICES);
  }

  /** Witness copies to skip per position during `assemble` (reset after). */
  private skipAt = new Int32Array(64);
  private nO = 0;
  private nL = 0;
  private nE = 0;
  private baseL = 0;
  private baseE = 0;
  /** Positions by witness category (see `categorize`). */
  private catLead = new Int32Array(64);
  private catEast = new Int32Array(64);
  private catLocal = new Int32Array(64);
  private nCatLead = 0;
  private nCatEast = 0;
  private nCatLocal = 0;
  /** Best coverage prices found at each depth (32 per depth), inherited by the children. */
  private muStack = new Float64Array(64 * PRICES);
  /** Coverage prices of the bound (per need bit). */
  private readonly mu = new Float64Array(PRICES);

  // Search state (fields rather than closures: the hot path stays monomorphic).
  private items!: ItemList;
  private rules!: GroupRules;
  private m = 0;
  private cnt = 0;
  private nLocal = 0;
  private nEast = 0;
  private nFlex = 0;
  private nLead = 0;
  /** Items taken per organization type (index WILD_TYPE: wild items), and the types present. */
  private readonly typeCount = new Int32Array(16);
  private nTypes = 0;
  /** `F_FORCED_ONE` items taken, and pairs of them (all satisfied when equal). */
  private nFO = 0;
  private nFOPairs = 0;
  /** Position of each item in `ord` (−1 for items applied before the search). */
  private posOf = new Int32Array(64);
  /** Position the current `assemble` keeps out of the group: the partner of its leader witness (−1 none). */
  private exclPos = -1;
  private covered = 0;
  private val = 0;
  private covVal = 0;
  private best = -Infinity;
  private tolerance = EPS;
  private slack = 0;
  private nodes = 0;
  private truncated = false;

  /** @param organizations number of distinct organization ids in the pool */
  constructor(organizations: number) {
    this.orgCount = new Int32Array(Math.max(1, organizations));
    this.heuristic = new GroupHeuristic(organizations);
  }

  private ensure(n: number): void {
    if (this.ord.length >= n) return;
    let size = this.ord.length;
    while (size < n) size *= 2;
    this.ord = new Int32Array(size);
    this.pValue = new Float64Array(size);
    this.pMask = new Int32Array(size);
    this.pFlags = new Int32Array(size);
    this.pPartner = new Int32Array(size);
    this.pMult = new Int32Array(size);
    this.pType = new Int8Array(size);
    this.pot = new Float64Array(size);
    this.sufMask = new Int32Array(size + 1);
    this.sufCnt = new Int32Array(size + 1);
    this.sufLocal = new Int32Array(size + 1);
    this.sufEast = new Int32Array(size + 1);
    this.sufLead = new Int32Array(size + 1);
    this.sufLocalEast = new Int32Array(size + 1);
    this.sufTypes = new Int32Array(size + 1);
    this.selIdx = new Int32Array(size);
    this.take = new Int32Array(size);
    this.bestTake = new Int32Array(size);
    this.seedTake = new Int32Array(size);
    this.domStart = new Int32Array(size + 1);
    this.forbidden = new Int32Array(size);
    this.keyBuf = new Float64Array(size);
    this.topBuf = new Float64Array(size);
    this.posOf = new Int32Array(size);
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
    this.ensure(n + 1);
    const bufSize = 3 * (rules.sizeMax + 3 + rules.localMin + rules.eastMin) + 8;
    if (this.topBuf.length < bufSize) {
      this.topBuf = new Float64Array(bufSize);
      this.topPos = new Int32Array(bufSize);
    }
    if (this.selPos.length < n + bufSize) {
      this.selPos = new Int32Array(n + bufSize);
      this.selCount = new Int32Array(n + bufSize);
      this.saveSel = new Int32Array(n + bufSize);
      this.saveCnt = new Int32Array(n + bufSize);
    }
    if (this.muStack.length < (n + 2) * PRICES) this.muStack = new Float64Array((n + 2) * PRICES);
    if (this.skipAt.length < n + 1) {
      this.skipAt = new Int32Array(2 * n + 2);
      this.catLead = new Int32Array(2 * n + 2);
      this.catEast = new Int32Array(2 * n + 2);
      this.catLocal = new Int32Array(2 * n + 2);
    }
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
   * Item a (earlier in the branching order) dominates item b when swapping b
   * for a never lowers the score of a group: a is worth at least as much,
   * earns every bit b earns, counts the same for the local and East–West
   * quotas, and the swap cannot add an organization penalty (same
   * organization, none, or a value margin of a full penalty). Some optimal
   * group then never holds b without a (or, for an item with copies,
   * without all of a's copies), so the search skips those groups. Leader
   * twins and pinned pairs take no part, and a dominator has no partner: a
   * group may hold a's partner instead of a, and then the swap is no swap.
   */
  private buildDominance(): void {
    const { value, mask, flags, org, mult } = this.items;
    const m = this.m;
    // An organization with at most `orgLimit` items in the whole list can never be penalized: swaps into it are safe.
    this.orgItems.clear();
    for (let i = 0; i < this.items.n; i++) if (org[i]! >= 0) this.orgItems.set(org[i]!, (this.orgItems.get(org[i]!) ?? 0) + mult[i]!);
    const quota = F_LOCAL | F_EAST | F_EAST_FLEX | F_FORCED | F_PIN_LEADER;
    const apart = F_LEADER | F_FORCED_ONE;
    const partner = this.items.partner;
    const penalty = this.rules.orgPenalty;
    let count = 0;
    for (let p = 0; p < m; p++) {
      this.domStart[p] = count;
      const a = this.ord[p]!;
      if ((flags[a]! & apart) !== 0 || partner[a]! >= 0) continue;
      for (let q = p + 1; q < m; q++) {
        const b = this.ord[q]!;
        if ((flags[b]! & apart) !== 0) continue;
        if ((flags[a]! & quota) !== (flags[b]! & quota)) continue;
        if ((mask[b]! & ~mask[a]!) !== 0) continue;
        if (mult[b]! > 1) continue;
        // The swap may cost a penalty (another organization that can be over its limit) and a type's points
        // (another organization type): the value margin must pay for both.
        let cost = this.items.type[a] !== this.items.type[b] ? this.rules.typeValue : 0;
        if (org[a]! >= 0 && org[a] !== org[b] && this.orgItems.get(org[a]!)! > this.rules.orgLimit) cost += penalty;
        if (value[a]! - value[b]! < cost || value[a]! < value[b]!) continue;
        if (count === this.domList.length) {
          const grown = new Int32Array(count * 2);
          grown.set(this.domList);
          this.domList = grown;
        }
        this.domList[count++] = q;
      }
    }
    this.domStart[m] = count;
  }

  /** Adds k copies of item i to the group. */
  private apply(i: number, k: number): void {
    const it = this.items;
    const f = it.flags[i]!;
    this.take[i]! += k;
    this.cnt += k;
    this.val += k * it.value[i]!;
    if ((f & F_LOCAL) !== 0) this.nLocal += k;
    if ((f & F_EAST) !== 0) this.nEast += k;
    if ((f & F_EAST_FLEX) !== 0) this.nFlex += k;
    if ((f & F_LEADER) !== 0) this.nLead += k;
    if ((f & F_FORCED_ONE) !== 0) this.nFO += k;
    const fresh = it.mask[i]! & ~this.covered;
    if (fresh !== 0) {
      this.covVal += pointsOf(fresh, this.rules.needValue);
      this.covered |= fresh;
    }
    const o = it.org[i]!;
    if (o >= 0) {
      for (let j = 0; j < k; j++) if (++this.orgCount[o]! > this.rules.orgLimit) this.val -= this.rules.orgPenalty;
    }
    const t = it.type[i]!;
    if (t >= 0) this.val += this.typeChange(t, k);
  }

  /** The change of the S4b term when k copies of an item of type t join (k < 0: leave); updates the counts. */
  private typeChange(t: number, k: number): number {
    const r = this.rules;
    const before = Math.min(r.typeCap, this.nTypes + this.typeCount[WILD_TYPE]!);
    const was = this.typeCount[t]!;
    this.typeCount[t] = was + k;
    if (t !== WILD_TYPE) {
      if (was === 0 && k > 0) this.nTypes++;
      else if (was + k === 0 && k < 0) this.nTypes--;
    }
    return r.typeValue * (Math.min(r.typeCap, this.nTypes + this.typeCount[WILD_TYPE]!) - before);
  }

  /** Removes k copies of item i; `covered`/`covVal` are restored by the caller. */
  private remove(i: number, k: number): void {
    const it = this.items;
    const f = it.flags[i]!;
    this.take[i]! -= k;
    this.cnt -= k;
    this.val -= k * it.value[i]!;
    if ((f & F_LOCAL) !== 0) this.nLocal -= k;
    if ((f & F_EAST) !== 0) this.nEast -= k;
    if ((f & F_EAST_FLEX) !== 0) this.nFlex -= k;
    if ((f & F_LEADER) !== 0) this.nLead -= k;
    if ((f & F_FORCED_ONE) !== 0) this.nFO -= k;
    const o = it.org[i]!;
    if (o >= 0) {
      for (let j = 0; j < k; j++) if (this.orgCount[o]!-- > this.rules.orgLimit) this.val += this.rules.orgPenalty;
    }
    const t = it.type[i]!;
    if (t >= 0) this.val += this.typeChange(t, -k);
  }

  private feasibleNow(): boolean {
    const r = this.rules;
    if (this.cnt < r.sizeMin || this.nLocal < r.localMin || this.nLead !== 1 || this.nFO !== this.nFOPairs) return false;
    if (r.paired && (this.nEast > r.eastMax || this.nEast + this.nFlex < r.eastMin)) return false;
    return (this.covered & r.required) === r.required;
  }

  /**
   * Upper bound on what the undecided items from position p on can still
   * add (−∞ when the quotas can no longer be met), at search depth `depth`.
   *
   * Coverage is priced out (Lagrangian relaxation): with a price mu_n in
   * [0, points_n] per open need n, each item's key is its value plus the
   * prices of the open needs it covers, and
   *   bound(mu) = Σ_n (points_n − mu_n) + select(keys)
   * holds for every such mu. A few subgradient steps lower it (towards the
   * LP bound), starting from the parent node's prices; the search keeps the
   * lowest value found, so every step only tightens a valid bound.
   */
  private optimistic(p: number, depth: number): number {
    const r = this.rules;
    const slots = r.sizeMax - this.cnt;
    if (slots <= 0) return 0;
    const needL = Math.max(0, r.localMin - this.nLocal);
    let needE = r.paired ? Math.max(0, r.eastMin - this.nEast - this.nFlex) : 0;
    if (needE > 0 && this.localEastLeft(p)) needE = 0;
    if (needL + needE > slots) return -Infinity;
    const open = this.sufMask[p]! & ~this.covered;
    const openTypes = this.openTypes(p);
    const w = r.typeValue;
    const mu = this.mu;
    // Start from the parent's prices (the root from the county's last ones, else from zero).
    const parent = depth > 0 ? (depth - 1) * PRICES : -1;
    const warmMu = this.warmMu;
    for (let j = 0; j < 32; j++) mu[j] = (open & (1 << j)) === 0 ? 0 : parent >= 0 ? this.muStack[parent + j]! : warmMu ? Math.min(warmMu[j]!, r.needValue[j]!) : 0;
    for (let t = 0; t < 15; t++) mu[32 + t] = (openTypes & (1 << t)) === 0 ? 0 : parent >= 0 ? this.muStack[parent + 32 + t]! : warmMu ? Math.min(warmMu[32 + t]!, w) : 0;
    // The type cap (at most typeCap types, wild items included) is priced too: its price ν lowers every type's
    // and wild item's points (to w − ν) and charges ν per place left.
    const capLeft = r.typeCap - this.nTypes - this.typeCount[WILD_TYPE]!;
    const typed = w > 0 && capLeft > 0;
    mu[CAP_PRICE] = !typed ? 0 : parent >= 0 ? this.muStack[parent + CAP_PRICE]! : warmMu ? Math.min(warmMu[CAP_PRICE]!, w) : 0;
    for (let t = 0; t < 15; t++) mu[32 + t] = Math.min(mu[32 + t]!, w - mu[CAP_PRICE]!);
    const target = this.best + this.tolerance - (this.val + this.covVal + sizeTerm(r, this.cnt));
    const steps = open === 0 && !typed ? 0 : depth === 0 ? this.rootSteps : this.nodeSteps;
    let best = Infinity;
    const own = depth * PRICES;
    for (let step = 0; ; step++) {
      let charged = 0;
      for (let b = open; b !== 0; b &= b - 1) {
        const bit = 31 - Math.clz32(b & -b);
        charged += r.needValue[bit]! - mu[bit]!;
      }
      const nu = mu[CAP_PRICE]!;
      if (typed) charged += nu * capLeft;
      for (let b = openTypes; b !== 0; b &= b - 1) charged += w - nu - mu[32 + 31 - Math.clz32(b & -b)]!;
      const sel = this.select(p, slots, needL, needE, open);
      if (sel === -Infinity) return sel;
      this.tryIncumbent();
      const v = sel + charged;
      if (v < best) {
        best = v;
        this.muStack.set(mu, own);
      }
      if (best <= target || step >= steps) break;
      // Subgradient: (number of chosen items earning j) − 1 for each open bit, and (chosen holders of the type's
      // points) − 1 for each open type.
      const cover = this.coverCount;
      cover.fill(0);
      for (let j = 0; j < this.nSel; j++) {
        const q = this.selPos[j]!;
        for (let b = this.pMask[q]! & open; b !== 0; b &= b - 1) cover[31 - Math.clz32(b & -b)]! += this.selCount[j]!;
        const t = this.pType[q]!;
        if (t === WILD_TYPE) cover[CAP_PRICE]! += this.selCount[j]!;
        else if (t >= 0 && this.typeCount[t]! === 0) cover[32 + t]! += this.selCount[j]!;
      }
      let norm = 0;
      for (let b = open; b !== 0; b &= b - 1) {
        const g = cover[31 - Math.clz32(b & -b)]! - 1;
        norm += g * g;
      }
      for (let b = openTypes; b !== 0; b &= b - 1) {
        const g = cover[32 + 31 - Math.clz32(b & -b)]! - 1;
        norm += g * g;
      }
      // The cap's subgradient: places left less the types charged (each open one, at a positive point) and wild items chosen.
      let capGrad = 0;
      if (typed) {
        capGrad = capLeft - cover[CAP_PRICE]!;
        for (let b = openTypes; b !== 0; b &= b - 1) if (w - nu - mu[32 + 31 - Math.clz32(b & -b)]! > 0) capGrad--;
        norm += capGrad * capGrad;
      }
      if (norm === 0) break;
      // Polyak's step towards the value that would prune this node (a small cut when nothing is known yet).
      const aim = Number.isFinite(target) ? target : v - Math.max(1, 0.05 * Math.abs(v));
      const length = Math.max(v - aim, 1e-6) / norm;
      for (let b = open; b !== 0; b &= b - 1) {
        const bit = 31 - Math.clz32(b & -b);
        mu[bit] = Math.min(r.needValue[bit]!, Math.max(0, mu[bit]! - length * (cover[bit]! - 1)));
      }
      if (typed) mu[CAP_PRICE] = Math.min(w, Math.max(0, nu - length * capGrad));
      for (let b = openTypes; b !== 0; b &= b - 1) {
        const j = 32 + 31 - Math.clz32(b & -b);
        mu[j] = Math.min(w - mu[CAP_PRICE]!, Math.max(0, mu[j]! - length * (cover[j]! - 1)));
      }
    }
    return best;
  }

  /**
   * The organization types (bit t) a completion from position p may still
   * add: missing from the group, held by an undecided item that may join,
   * and the group below `typeCap`. 0 without a type term.
   */
  private openTypes(p: number): number {
    const r = this.rules;
    if (r.typeValue <= 0 || this.nTypes + this.typeCount[WILD_TYPE]! >= r.typeCap) return 0;
    // At most the missing types some undecided item holds: the scan stops once it has found them all.
    let present = 0;
    for (let t = 0; t < WILD_TYPE; t++) if (this.typeCount[t]! > 0) present |= 1 << t;
    const most = this.sufTypes[p]! & ~present;
    const type = this.pType;
    const flags = this.pFlags;
    const partner = this.pPartner;
    let out = 0;
    for (let q = p; q < this.m && out !== most; q++) {
      const t = type[q]!;
      if (t < 0 || t === WILD_TYPE || this.typeCount[t]! > 0 || this.forbidden[q]! > 0) continue;
      if (((flags[q]! & F_LEADER) !== 0 && this.nLead > 0) || (partner[q]! >= 0 && this.take[partner[q]!]! > 0)) continue;
      out |= 1 << t;
    }
    return out;
  }


  /**
   * The relaxation's choice as a group (a Lagrangian heuristic): the decided
   * items plus those `select` chose, kept as the best group when it is valid
   * and better. Many candidates are worth the same (equal fits, bits that
   * differ only by organization type), where the search alone may take
   * long to meet the best group; the relaxation's choice often is it.
   */
  private tryIncumbent(): void {
    const it = this.items;
    const r = this.rules;
    const covered = this.covered;
    const covVal = this.covVal;
    let applied = 0;
    let ok = true;
    for (; applied < this.nSel; applied++) {
      const i = this.ord[this.selPos[applied]!]!;
      const mate = it.partner[i]!;
      if ((mate >= 0 && this.take[mate]! > 0) || ((it.flags[i]! & F_LEADER) !== 0 && this.nLead > 0)) {
        ok = false;
        break;
      }
      this.apply(i, this.selCount[applied]!);
    }
    if (ok && this.cnt <= r.sizeMax && this.nLocal <= r.localMax && (!r.paired || this.nEast <= r.eastMax) && this.feasibleNow()) {
      const total = this.val + this.covVal + sizeTerm(r, this.cnt);
      if (total > this.best + EPS) {
        this.best = total;
        this.bestTake.set(this.take.subarray(0, it.n));
      }
    }
    for (let j = 0; j < applied; j++) this.remove(this.ord[this.selPos[j]!]!, this.selCount[j]!);
    this.covered = covered;
    this.covVal = covVal;
  }

  /** True when an undecided item is both local and East–West (then the East–West witnesses are not counted apart). */
  private localEastLeft(p: number): boolean {
    return this.sufLocalEast[p]! > 0;
  }

  /**
   * An upper bound on Σ key over the items a completion can still add, plus
   * the change of the size term, where key = value + the prices `mu` of the
   * bits in `open` the item earns. It is the exact optimum of a relaxation
   * (no minimum size, no organization penalty, no pinned pair, coverage only
   * through the keys): the completion must hold `needL` locals and `needE`
   * East–West members, and a leader twin when it has none yet, and at most
   * the quota maxima. Once the leader's kind is fixed (not East–West, or
   * East–West) the "at least" constraints are laminar and the maxima a
   * partition, so taking the best witnesses innermost-first and then the
   * best rest within the maxima is optimal for every size; the size term is
   * concave in the size (+sizeWeight per member up to the target,
   * −sizeWeight beyond), so the rest grows while a key beats the next
   * member's size change. The bound is the larger of the two leader cases.
   * Returns −∞ when witnesses are missing. The chosen positions are left in
   * selPos/selCount.
   */
  private select(p: number, slots: number, needL: number, needE: number, open: number): number {
    const r = this.rules;
    const keys = this.keyBuf;
    const take = this.take;
    const forbidden = this.forbidden;
    const value = this.pValue;
    const mask = this.pMask;
    const flags = this.pFlags;
    const partner = this.pPartner;
    const mult = this.pMult;
    const type = this.pType;
    const mu = this.mu;
    const leaderIn = this.nLead > 0;
    // S4b, priced like the bits, while the group is below the type cap: a missing type t is earned when some
    // chosen item has it (y_t ≤ Σ_{i of type t} x_i), priced mu_t, and at most `typeCap` types are earned, wild
    // items included, priced ν (`CAP_PRICE`): every item of a missing type gains mu_t, a wild item w − ν, and
    // `optimistic` charges ν per place left plus w − ν − mu_t per missing type. A Lagrangian relaxation: valid
    // for any prices.
    const w = r.typeValue;
    const typed = w > 0 && this.nTypes + this.typeCount[WILD_TYPE]! < r.typeCap;
    const typeCount = this.typeCount;
    // The rest's candidates, once for both leader cases: the best keys per part (others, locals, capped
    // East–West) that a member's size change could make worth taking, with room for the few copies the
    // witnesses will take and for the leader witness's partner. Leader twins are never part of the rest.
    const floor = this.cnt < r.sizeTarget ? -r.sizeWeight : r.sizeWeight;
    const spare = 2 + needE + needL;
    const eastCapped = r.paired && !this.localEastLeft(p);
    const capO = slots + spare;
    const capL = Math.max(0, Math.min(r.localMax - this.nLocal, slots)) + spare;
    const capE = eastCapped ? Math.max(0, Math.min(r.eastMax - this.nEast, slots)) + spare : 0;
    const buf = this.topBuf;
    const pos = this.topPos;
    const baseL = capO;
    const baseE = capO + capL;
    let nO = 0;
    let nL = 0;
    let nE = 0;
    // One pass: each undecided position's key (its value, the prices of the open bits it earns, the type's price),
    // kept for the witnesses, and offered to its part of the rest. (The sums are formed exactly as in two passes.)
    for (let q = p; q < this.m; q++) {
      const f = flags[q]!;
      // Items that cannot join: dominated, a second leader twin, the partner of a member already in.
      const mate = partner[q]!;
      if (forbidden[q]! > 0 || ((f & F_LEADER) !== 0 && leaderIn) || (mate >= 0 && take[mate]! > 0)) {
        keys[q] = Number.NaN;
        continue;
      }
      const fresh = mask[q]! & open;
      let key = value[q]! + (fresh === 0 ? 0 : pointsOf(fresh, mu));
      if (typed) {
        const t = type[q]!;
        if (t >= 0) {
          if (t === WILD_TYPE) key = key + w - mu[CAP_PRICE]!;
          else if (typeCount[t]! === 0) key = key + mu[32 + t]!;
        }
      }
      keys[q] = key;
      if (!(key > floor) || (f & F_LEADER) !== 0) continue;
      const copies = Math.min(mult[q]!, slots + spare);
      for (let c = 0; c < copies; c++) {
        if ((f & F_LOCAL) !== 0) nL = GroupSolver.insert(buf, pos, baseL, nL, capL, key, q);
        else if (eastCapped && (f & F_EAST) !== 0) nE = GroupSolver.insert(buf, pos, baseE, nE, capE, key, q);
        else {
          if (nO === capO && key <= buf[nO - 1]!) break;
          nO = GroupSolver.insert(buf, pos, 0, nO, capO, key, q);
        }
      }
    }
    this.nO = nO;
    this.nL = nL;
    this.nE = nE;
    this.baseL = baseL;
    this.baseE = baseE;
    if (this.nLead > 0) return this.assemble(p, slots, needL, needE, 0, eastCapped, -1);
    // Per leader kind: the best twin leads, its plain copy kept out of the rest. Keeping it out couples the
    // leader with the rest (a lesser twin may let its better plain copy in), so every other twin is bounded too:
    // the second-best twin with the rest left whole (twins are never in the rest, so the rest is the same
    // for all of them) bounds any of them.
    let best = -Infinity;
    let nBest = 0;
    for (let kind = LEADER_ONLY; kind <= LEADER_EAST; kind++) {
      const v = this.assemble(p, slots, needL, needE, kind, eastCapped, -1);
      if (v > best) {
        best = v;
        nBest = this.keepSelection();
      }
      if (this.exclPos < 0) continue;
      const w2 = this.assemble(p, slots, needL, needE, kind, eastCapped, this.selPos[0]!);
      if (w2 > best) {
        best = w2;
        nBest = this.keepSelection();
      }
    }
    this.nSel = nBest;
    for (let j = 0; j < nBest; j++) {
      this.selPos[j] = this.saveSel[j]!;
      this.selCount[j] = this.saveCnt[j]!;
    }
    return best;
  }

  /** Saves the current selection (as the best so far of `select`); returns its size. */
  private keepSelection(): number {
    const n = this.nSel;
    for (let j = 0; j < n; j++) {
      this.saveSel[j] = this.selPos[j]!;
      this.saveCnt[j] = this.selCount[j]!;
    }
    return n;
  }

  /** Adds a copy of position q to the current `assemble`'s selection. */
  private pick(q: number): void {
    const at = this.selIdx[q]!;
    if (at > 0) {
      this.selCount[at - 1]!++;
      return;
    }
    const j = this.nSel++;
    this.selPos[j] = q;
    this.selCount[j] = 1;
    this.selIdx[q] = j + 1;
  }

  /**
   * Takes `count` copies of the best keys among positions whose flags hold
   * every bit of `all`, some bit of `any` (when not 0) and no bit of
   * `refuse`, other than `exclPos`; false when there are too few. Scans only
   * the category's positions (see `categorize`).
   */
  private takeBest(p: number, slots: number, count: number, list: Int32Array, size: number, all: number, any: number, refuse: number): boolean {
    const flags = this.pFlags;
    const mult = this.pMult;
    const keys = this.keyBuf;
    const selIdx = this.selIdx;
    const exclPos = this.exclPos;
    // The list is in position order: skip the decided positions once.
    let start = 0;
    while (start < size && list[start]! < p) start++;
    for (let c = 0; c < count; c++) {
      let bestQ = -1;
      let bestKey = -Infinity;
      for (let j = start; j < size; j++) {
        const q = list[j]!;
        if (q === exclPos) continue;
        const k = keys[q]!;
        // (A NaN key fails the comparison: the position cannot join.)
        if (!(k > bestKey)) continue;
        const f = flags[q]!;
        if ((f & all) !== all || (any !== 0 && (f & any) === 0) || (f & refuse) !== 0) continue;
        const at = selIdx[q]!;
        if (Math.min(mult[q]!, slots) - (at > 0 ? this.selCount[at - 1]! : 0) <= 0) continue;
        bestQ = q;
        bestKey = k;
      }
      if (bestQ < 0) return false;
      this.pickSum += bestKey;
      this.pick(bestQ);
    }
    return true;
  }

  /**
   * One leader case of `select` (0: the group already has a leader), over the buffers `select` filled. With
   * `passOver` ≥ 0 the leader witness is the best twin other than the one at that position, and its plain copy is
   * not kept out (see `select`).
   */
  private assemble(p: number, slots: number, needL: number, needE: number, leader: number, eastCapped: boolean, passOver: number): number {
    const v = this.assembleInto(p, slots, needL, needE, leader, eastCapped, passOver);
    for (let j = 0; j < this.nSel; j++) this.selIdx[this.selPos[j]!] = 0;
    return v;
  }

  /** `assemble`'s work, leaving `selIdx` set for the selection (cleared by `assemble`). */
  private assembleInto(p: number, slots: number, needL: number, needE: number, leader: number, eastCapped: boolean, passOver: number): number {
    const r = this.rules;
    this.nSel = 0;
    this.pickSum = 0;
    this.exclPos = passOver;
    if (leader === LEADER_ONLY) {
      // A leader that may count as East–West or not (F_EAST_FLEX) may lead in either case.
      if (!this.takeBest(p, slots, 1, this.catLead, this.nCatLead, F_LEADER, 0, F_EAST | F_LOCAL)) return -Infinity;
    } else if (leader === LEADER_EAST) {
      if (!this.takeBest(p, slots, 1, this.catLead, this.nCatLead, F_LEADER, F_EAST | F_EAST_FLEX, F_LOCAL)) return -Infinity;
    }
    this.exclPos = -1;
    if (leader !== 0 && passOver < 0) {
      // The leader witness's plain copy stays out: one expert, one place.
      const mate = this.pPartner[this.selPos[0]!]!;
      if (mate >= 0 && this.posOf[mate]! >= p) this.exclPos = this.posOf[mate]!;
    }
    const moreEast = leader === LEADER_EAST ? needE - 1 : needE;
    if (moreEast > 0 && !this.takeBest(p, slots, moreEast, this.catEast, this.nCatEast, 0, F_EAST | F_EAST_FLEX, F_LOCAL)) return -Infinity;
    if (needL > 0 && !this.takeBest(p, slots, needL, this.catLocal, this.nCatLocal, F_LOCAL, 0, 0)) return -Infinity;
    let used = 0;
    // Only witnesses that are East–West for certain use up East–West places: one that may count either way
    // (F_EAST_FLEX) counts as East–West only when the group lacks one, and then a place is free for it.
    let eastUsed = 0;
    for (let j = 0; j < this.nSel; j++) {
      used += this.selCount[j]!;
      if ((this.pFlags[this.selPos[j]!]! & F_EAST) !== 0) eastUsed += this.selCount[j]!;
    }
    if (used > slots) return -Infinity;
    const restCap = slots - used;
    const localRoom = Math.max(0, r.localMax - this.nLocal - needL);
    const eastRoom = eastCapped ? Math.max(0, r.eastMax - this.nEast - eastUsed) : restCap;
    // Copies the witnesses took are skipped in the buffers.
    const nWitness = this.nSel;
    const skip = this.skipAt;
    for (let j = 0; j < nWitness; j++) skip[this.selPos[j]!] = this.selCount[j]!;
    if (this.exclPos >= 0) skip[this.exclPos] = 1_000_000;
    const buf = this.topBuf;
    const pos = this.topPos;
    const baseL = this.baseL;
    const baseE = this.baseE;
    // The size term: the witnesses' members, then each further member's change (+weight up to the target, −weight beyond).
    let size = this.cnt + used;
    let sum = this.pickSum + sizeTerm(r, size) - sizeTerm(r, this.cnt);
    let a = 0;
    let b = 0;
    let c = 0;
    let inL = 0;
    let inE = 0;
    for (let taken = 0; taken < restCap; ) {
      // Advance each list past entries it may not use: witness copies, and parts that reached their cap.
      while (a < this.nO && skip[pos[a]!]! > 0) skip[pos[a++]!]!--;
      while (b < this.nL && (inL >= localRoom || skip[pos[baseL + b]!]! > 0)) {
        if (inL >= localRoom) b = this.nL;
        else skip[pos[baseL + b++]!]!--;
      }
      while (c < this.nE && (inE >= eastRoom || skip[pos[baseE + c]!]! > 0)) {
        if (inE >= eastRoom) c = this.nE;
        else skip[pos[baseE + c++]!]!--;
      }
      const vo = a < this.nO ? buf[a]! : -Infinity;
      const vl = b < this.nL ? buf[baseL + b]! : -Infinity;
      const ve = c < this.nE ? buf[baseE + c]! : -Infinity;
      if (vo === -Infinity && vl === -Infinity && ve === -Infinity) break;
      const change = size < r.sizeTarget ? r.sizeWeight : -r.sizeWeight;
      // Keys come best first and the change only falls: the first member not worth its place ends the rest.
      if (Math.max(vo, vl, ve) + change <= 0) break;
      sum += change;
      size++;
      let q: number;
      if (vo >= vl && vo >= ve) {
        sum += vo;
        q = pos[a++]!;
      } else if (vl >= ve) {
        sum += vl;
        q = pos[baseL + b++]!;
        inL++;
      } else {
        sum += ve;
        q = pos[baseE + c++]!;
        inE++;
      }
      taken++;
      this.pick(q);
    }
    for (let j = 0; j < nWitness; j++) skip[this.selPos[j]!] = 0;
    if (this.exclPos >= 0) skip[this.exclPos] = 0;
    return sum;
  }

  /** Lists the positions that can be leader, East–West or local witnesses (once per solve). */
  private categorize(): void {
    this.nCatLead = 0;
    this.nCatEast = 0;
    this.nCatLocal = 0;
    for (let q = 0; q < this.m; q++) {
      const f = this.pFlags[q]!;
      if ((f & F_LEADER) !== 0 && (f & F_LOCAL) === 0) this.catLead[this.nCatLead++] = q;
      if ((f & (F_EAST | F_EAST_FLEX)) !== 0 && (f & (F_LOCAL | F_LEADER)) === 0) this.catEast[this.nCatEast++] = q;
      if ((f & F_LOCAL) !== 0) this.catLocal[this.nCatLocal++] = q;
    }
  }

  /** Inserts (v, q) into a descending buffer of at most `cap` entries starting at `base`; returns the new size. */
  private static insert(buf: Float64Array, pos: Int32Array, base: number, size: number, cap: number, v: number, q: number): number {
    if (cap <= 0) return size;
    if (size === cap && v <= buf[base + size - 1]!) return size;
    let j = size < cap ? size++ : size - 1;
    while (j > 0 && buf[base + j - 1]! < v) {
      buf[base + j] = buf[base + j - 1]!;
      pos[base + j] = pos[base + j - 1]!;
      j--;
    }
    buf[base + j] = v;
    pos[base + j] = q;
    return size;
  }

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
      this.buildDominance();
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
