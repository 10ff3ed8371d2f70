/**
 * Lagrangian relaxation of the experts' capacities (H2), the only rule that
 * couples counties. With prices λ_e ≥ 0,
 *
 *   L(λ) = Σ_e cap_e·λ_e + Σ_c max_G [score(c, G) − Σ_{e ∈ G} λ_e]
 *
 * bounds the score of every valid result that matches each county counted
 * in the sum (the max runs over groups that meet H3–H9 for c alone). Each
 * county's max is taken over the whole pool through the pricing scan's
 * pseudo items (`pricing.ts`), and is the exact optimum of that relaxation
 * (or, where its node budget runs out, as it often does on national rounds,
 * the root bound of its branch and bound; see `EFFORT`), so L(λ)
 * is a proven bound on the unpruned round.
 *
 * Prices move by projected subgradient steps (Polyak's rule towards the best
 * known score), solving between steps only the counties whose candidates'
 * prices or lists changed, on their candidate lists ("restricted"
 * subproblems). Every few steps a pricing pass solves all counties over the
 * whole pool at one price vector: that gives a bound, and, where a county's
 * best group needs a pruned expert, adds those experts to its list (column
 * generation).
 *
 * H4c (`leadOnce`) is left out of every subproblem here: a relaxation, so
 * the bound stays valid; the primal side keeps it (`Assignment.leadsElsewhere`).
 */
import { openCounties } from '../state/county-states.js';
import { F_PSEUDO, F_EAST, F_LEAD, F_LEADER, WILD_TYPE } from '../columns/group-solver.js';
import type { ScalableState } from '../state/state.js';
import { label } from '../state/state.js';
import type { GroupChoice } from '../columns/subproblem.js';
import { nextLeaders, nextOfType, TYPE_EAST, TYPE_LEAD, type PrunedSummary } from '../columns/pricing.js';

/**
 * The step rule, per objective mode (measured on national rounds).
 *
 * Default mode: Polyak's rule on the plain subgradient, told at most a 0.6%
 * gap — the first assignments are far below the optimum and would
 * otherwise make the first steps far too long. Measured (issue #11, the
 * national instances of seeds 1–3, solve seed 1, default schedule, before
 * the pricing passes' `EFFORT` of the same stop): the final gap was
 * 0.88 / 0.92 / 0.95% with a cap of 0.2%, 0.67 / 0.70 / 0.83% at 0.4%,
 * 0.65 / 0.66 / 0.74% at 0.6%, 0.66 / 0.68 / 0.70% at 0.8% (1.6% on seed 1:
 * 0.70%); province seeds 1–2 0.39 / 0.74% at 0.2%, 0.43 / 0.73% at 0.6%,
 * 0.56 / 0.86% at 0.8%.
 *
 * Affinity mode: few integer scores, and fillers worth exactly 0, so the
 * first assignment is already close to the optimum while the bound starts
 * far above it: the true gap is told, and each expert's step is clipped to
 * one unit of over- or under-demand, so that an expert every county wants
 * (a generalist covering every required need) does not take the whole step.
 */
const STEP_RULE = {
  default: { clip: Infinity, maxGap: 0.006 },
  affinity: { clip: 1, maxGap: 1 },
} as const;

/** The county terms of one pricing pass, to be summed over whichever counties the final result must match. */
export interface PassBound {
  /** Σ_e cap_e·λ_e of the pass. */
  capacityTerm: number;
  /** Per county: its subproblem bound over the whole pool (NaN for a county not open in the pass). */
  county: Float64Array;
}

/** A county's part of a pricing pass: its term of the bound, or no group at all over the whole pool. */
export type CountyPass = { readonly infeasible: true } | { readonly infeasible: false; readonly term: number };

/** A county's latest answer, as `record` keeps it (what a replica of the state hands back, see `workers/`). */
export interface CountyAnswer {
  readonly members: number[] | undefined;
  readonly choice: GroupChoice | undefined;
  readonly value: number;
}

/** The dual side of the solve. */
export class Lagrangian {
  /** The latest complete group of each county (undefined when none, or when its answer used virtual fillers). */
  readonly choice: (GroupChoice | undefined)[];
  /** The real members of each county's latest answer: its demand for experts. */
  readonly members: (number[] | undefined)[];
  /** Its value at the prices it was solved at. */
  readonly value: Float64Array;
  /** Complete pricing passes, in order. */
  readonly passes: PassBound[] = [];
  /** Step length factor of Polyak's rule. */
  theta = 1;
  private readonly solvedVersion: Int32Array;
  private bestRestricted = Infinity;
  private stall = 0;
  private readonly demand: Int32Array;
  /** Prices of each county's candidates when it was last solved. */
  private readonly solvedPrice: (Float64Array | undefined)[];
  /** Value of each county's choice without prices. */
  private readonly base: Float64Array;

  constructor(private readonly state: ScalableState) {
    const n = state.pool.nCounties;
    this.solvedPrice = new Array<Float64Array | undefined>(n);
    this.base = new Float64Array(n);
    this.choice = new Array<GroupChoice | undefined>(n);
    this.members = new Array<number[] | undefined>(n);
    this.value = new Float64Array(n);
    this.solvedVersion = new Int32Array(n).fill(-1);
    this.demand = new Int32Array(state.pool.nExperts);
  }

  /** Counties still in the search, in position order. */
  open(): number[] {
    return openCounties(this.state);
  }

  /**
   * True when the county's choice may no longer be best: its list changed,
   * a chosen member got dearer or another candidate got cheaper. Otherwise
   * the choice stays optimal at the new prices (every other group lost at
   * least as much value as it), and only its value is updated.
   */
  private stale(c: number): boolean {
    if (this.solvedVersion[c] !== this.state.store.version[c]) return true;
    const members = this.members[c];
    if (!members) return false;
    const then = this.solvedPrice[c]!;
    const price = this.state.pricer.price;
    const experts = this.state.store.lists[c]!.experts;
    for (let i = 0; i < experts.length; i++) {
      const e = experts[i]!;
      const now = price[e]!;
      if (now === then[i]) continue;
      if (now > then[i]! ? members.includes(e) : !members.includes(e)) return true;
    }
    return false;
  }

  /**
   * Records a county's answer: its real members (all of them, or those
   * beside virtual fillers), the complete group when there is one, and the
   * answer's value.
   */
  private record(c: number, members: number[] | undefined, choice: GroupChoice | undefined, value: number): void {
    this.members[c] = members;
    this.choice[c] = choice;
    this.value[c] = value;
    this.solvedVersion[c] = this.state.store.version[c]!;
    const price = this.state.pricer.price;
    this.solvedPrice[c] = Float64Array.from(this.state.store.lists[c]!.experts, (e) => price[e]!);
    let base = value;
    if (members) for (const e of members) base += price[e]!;
    this.base[c] = base;
  }

  /** The value of the county's answer at the current prices. */
  private currentValue(c: number): number {
    const members = this.members[c];
    if (!members) return 0;
    let v = this.base[c]!;
    for (const e of members) v -= this.state.pricer.price[e]!;
    return v;
  }

  /**
   * Solves a county on its candidates at the current prices, with virtual
   * fillers: free stand-ins worth 0 for each kind of expert the pool still
   * has beyond the list. Without them a county short of free members in its
   * list would bid for the same fillers as its neighbours, and the prices
   * would rise on experts nobody lacks; with them, only real scarcity moves
   * prices (the answer's real members are its demand).
   */
  solveRestricted(c: number): void {
    const { subs, pricer, store } = this.state;
    subs.load(c, pricer.price);
    subs.addFillers(c, pricer.prunedTypes(c, store));
    const answer = subs.solve(c, 'guide', this.hintOf(c));
    const guide = subs.guideChoice(answer);
    this.record(c, guide?.members, guide?.complete ? guide.choice : undefined, guide ? answer.value : 0);
  }

  /**
   * Re-solves the counties whose prices or lists changed. Returns false when the deadline cut it.
   * (`workers/team.ts` does the same with the counties shared among threads.)
   */
  refresh(): boolean {
    if (this.state.clock.expired()) return false;
    for (const c of this.toRefresh()) {
      if (this.state.clock.expired()) return false;
      this.solveRestricted(c);
    }
    return true;
  }

  /**
   * The open counties a refresh must re-solve (`stale`), in position order;
   * every other open county's value is brought up to date at the current
   * prices here. Each county's re-solve reads and writes only its own list
   * and slots, so they may run in any order, or apart (`workers/`).
   */
  toRefresh(): number[] {
    const out: number[] = [];
    for (const c of this.open()) {
      if (this.stale(c)) out.push(c);
      else this.value[c] = this.currentValue(c);
    }
    return out;
  }

  /**
   * A pricing pass: every open county solved over the whole pool (candidates
   * plus pseudo items) at the current prices; columns added where needed.
   * Returns false when the deadline cut it (the partial pass is dropped).
   * (`workers/team.ts` does the same with the counties shared among threads.)
   */
  pricingPass(): boolean {
    const pass = this.newPass();
    for (const c of this.open()) {
      if (this.state.clock.expired()) return false;
      this.takePass(c, this.passCounty(c), pass);
    }
    this.addPass(pass);
    return true;
  }

  /** An empty pass at the current prices: its capacity term, and no county term yet (NaN). */
  newPass(): PassBound {
    const { pool, pricer } = this.state;
    const price = pricer.price;
    let capacityTerm = 0;
    for (let e = 0; e < pool.nExperts; e++) if (price[e]! > 0) capacityTerm += pool.capacity[e]! * price[e]!;
    return { capacityTerm, county: new Float64Array(pool.nCounties).fill(Number.NaN) };
  }

  /**
   * One county's part of a pricing pass: its subproblem over the whole pool
   * at the current prices, and, when the answer reaches for pruned experts,
   * those experts added to its list and the county re-solved on it. Reads
   * and writes only the county's own list and slots (and the pricer's
   * scratch); what concerns the round (the pass's term, the county's state)
   * is returned for `takePass`.
   */
  passCounty(c: number): CountyPass {
    const { pool, pricer, subs, store } = this.state;
    const price = pricer.price;
    const summary = pricer.scan(c, store, pool.sizeMax[c]! + 4);
    // This answer's value is part of the proven bound: the tie-breaking bonus (never negative) only raises it, by
    // at most the group size × JITTER. Without it every county's search would take the same experts among equals,
    // and the first step would price conflicts that do not exist; on small rounds, whose bounds prove optima,
    // it is left out.
    subs.load(c, price, undefined, !subs.exactBounds);
    subs.addPseudo(c, summary, price);
    const answer = subs.solve(c, 'bound', this.hintOf(c));
    if (answer.status === 'infeasible') return { infeasible: true };
    const term = answer.bound + subs.extraPoints[c]!;
    if (subs.usesPseudo(answer)) {
      this.addColumns(c, summary, answer.take);
      this.solveRestricted(c);
    } else {
      const choice = subs.choice(answer);
      this.record(c, choice?.members, choice, choice ? answer.value : 0);
    }
    return { infeasible: false, term };
  }

  /**
   * Takes a county's part of a pass into the pass: its term, or, when the
   * relaxation over the whole pool has no group, the county out of the
   * search (no valid result can match it). Called in county position order.
   */
  takePass(c: number, part: CountyPass, pass: PassBound): void {
    if (!part.infeasible) {
      pass.county[c] = part.term;
      return;
    }
    const { countyState, reasons, ctx } = this.state;
    countyState[c] = 'alone-infeasible';
    reasons.set(c, {
      reasonCode: 'too-few-candidates',
      detail: `${label(ctx.counties[c]!)}: no combination of its eligible experts meets all its rules at once (group size, a ${ctx.options.leaderLevels.join('/')}-level leader, ${ctx.options.localMin}–${ctx.options.localMax} local scientists, the East–West quota and its required needs), even with every other county left aside`,
    });
    this.choice[c] = undefined;
    this.members[c] = undefined;
  }

  /**
   * Takes a county's answer found on a replica of the state (`workers/`),
   * whose list the caller has already made this state's: recorded as if it
   * had been found here.
   */
  adopt(c: number, answer: CountyAnswer): void {
    this.record(c, answer.members, answer.choice, answer.value);
  }

  /** Ends a complete pass: its bound counts from now on. */
  addPass(pass: PassBound): void {
    this.passes.push(pass);
  }

  /** The county's latest answer as a search's starting point. */
  private hintOf(c: number): { members: readonly number[]; leader?: number } | undefined {
    const members = this.members[c];
    if (!members) return undefined;
    const leader = this.choice[c]?.leader;
    return leader === undefined ? { members } : { members, leader };
  }

  /** Adds the pruned experts a bound answer reached for through pseudo items (the answer is in `subs.items`). */
  private addColumns(c: number, summary: PrunedSummary, take: Int32Array): void {
    const { subs, store, pricer } = this.state;
    const items = subs.items;
    let realCovered = 0;
    for (let i = 0; i < items.n; i++) if (take[i]! > 0 && (items.flags[i]! & F_PSEUDO) === 0) realCovered |= items.mask[i]!;
    const add = (e: number): void => {
      if (e >= 0 && store.add(c, e)) pricer.mark(e);
    };
    for (let i = 0; i < items.n; i++) {
      const f = items.flags[i]!;
      if (take[i]! <= 0 || (f & F_PSEUDO) === 0) continue;
      if (items.expert[i]! >= 0) {
        // An individual pruned expert the bound wanted: it joins the list.
        add(items.expert[i]!);
        continue;
      }
      const orgType = items.type[i]!;
      if (items.mask[i]! === 0 && orgType >= 0 && orgType !== WILD_TYPE) {
        // ORG: the best pruned expert of the organization type the real members lack.
        add(summary.orgExpert[orgType]!);
        continue;
      }
      if ((f & F_LEADER) !== 0) {
        // LEADFREE or LEADCOV: the best pruned leaders (LEADCOV: and the best holder of each bit the real members leave open).
        for (const east of (f & F_EAST) !== 0 ? [1] : [0, 1]) for (const e of nextLeaders(summary, east).slice(0, 2)) add(e);
      }
      if (items.mask[i]! !== 0) {
        // COV: the best pruned holder of each bit the real members leave open.
        let b = items.mask[i]! & ~realCovered;
        while (b !== 0) {
          const low = b & -b;
          add(summary.needExpert[31 - Math.clz32(low)]!);
          b ^= low;
        }
        continue;
      }
      if ((f & F_LEADER) !== 0) continue;
      const type = ((f & F_LEAD) !== 0 ? TYPE_LEAD : 0) | ((f & F_EAST) !== 0 ? TYPE_EAST : 0);
      let want = take[i]! + 1;
      for (const e of nextOfType(summary, type)) {
        if (want <= 0) break;
        add(e);
        want--;
      }
      for (let guard = 0; want > 0 && guard < take[i]! + 1; guard++, want--) add(pricer.pickFiller(c, type));
    }
    this.trim(c);
  }

  /** Keeps a county's list at a workable size (see `CandidateStore.trim`). */
  private trim(c: number): void {
    const { store, pool, pricer } = this.state;
    store.trim(c, 3 * pool.sizeMax[c]! + 12, pricer.price, this.members[c] ?? []);
  }

  /**
   * One projected subgradient step on the restricted choices, towards
   * `target` (the best known score). Returns the restricted dual value
   * before the step and the squared norm of the step direction; `norm` 0
   * means the choices already respect every capacity.
   */
  step(target: number): { restricted: number; norm: number } {
    const { pool, pricer } = this.state;
    const price = pricer.price;
    const demand = this.demand;
    const rule = STEP_RULE[pool.affinityMode ? 'affinity' : 'default'];
    const touched: number[] = [];
    let restricted = 0;
    for (let e = 0; e < pool.nExperts; e++) if (price[e]! > 0) restricted += pool.capacity[e]! * price[e]!;
    for (const c of this.open()) {
      restricted += this.value[c]!;
      for (const e of this.members[c] ?? []) {
        if (demand[e]! === 0) touched.push(e);
        demand[e]!++;
      }
    }
    for (let e = 0; e < pool.nExperts; e++) if (price[e]! > 0 && demand[e] === 0) touched.push(e);
    let norm = 0;
    const grad = new Map<number, number>();
    for (const e of touched) {
      // Clipped per STEP_RULE. Any prices give a valid bound, so the direction is ours to choose.
      const g = Math.max(-rule.clip, Math.min(rule.clip, demand[e]! - pool.capacity[e]!));
      if (g < 0 && price[e]! <= 0) continue;
      if (g !== 0) {
        grad.set(e, g);
        norm += g * g;
      }
    }
    for (const e of touched) demand[e] = 0;
    if (restricted < this.bestRestricted - 1e-9 * Math.abs(restricted)) {
      this.bestRestricted = restricted;
      this.stall = 0;
    } else if (++this.stall >= 3) {
      this.theta = Math.max(this.theta / 2, 1e-3);
      this.stall = 0;
    }
    if (norm === 0) return { restricted, norm };
    // Polyak's rule towards the best known score, the gap capped per STEP_RULE.
    const scale = Math.max(1, Math.abs(restricted));
    const gap = Math.min(Math.max(restricted - target, 1e-4 * scale), rule.maxGap * scale);
    const t = (this.theta * gap) / norm;
    const changed: number[] = [];
    for (const [e, g] of grad) {
      const next = Math.max(0, price[e]! + t * g);
      if (next !== price[e]) {
        price[e] = next;
        changed.push(e);
      }
    }
    pricer.resort(changed);
    return { restricted, norm };
  }

  /**
   * The best bound over the passes for results that match every county of
   * `counted` (forced) or any of them (free: each county's term at least 0;
   * with `atMost`, only the largest `atMost` terms count, since a result
   * matching at most that many counties collects at most that many).
   * Counties outside `counted` are those no valid result can match.
   */
  bound(counted: readonly number[], forced: boolean, atMost = Infinity): number {
    let best = Infinity;
    const terms: number[] = [];
    for (const pass of this.passes) {
      let sum = pass.capacityTerm;
      let ok = true;
      terms.length = 0;
      for (const c of counted) {
        const v = pass.county[c]!;
        if (Number.isNaN(v)) {
          ok = false;
          break;
        }
        if (forced) sum += v;
        else terms.push(Math.max(0, v));
      }
      if (!ok) continue;
      if (!forced) {
        terms.sort((a, b) => b - a);
        for (let j = 0; j < Math.min(terms.length, atMost); j++) sum += terms[j]!;
      }
      best = Math.min(best, sum);
    }
    return best;
  }
}
