/**
 * A feasible assignment under construction: each county's group (or none),
 * each expert's load, and the score of each group as the solver's model
 * counts it (the same terms as `groupScore`: fit, the leader term, the bits
 * of the mask, the organization types, the size term, less the
 * organization penalty; terms beyond a
 * county's mask are left out, which only makes the internal score lower
 * than the checker's).
 *
 * H4c (`leadOnce`) is kept here, on the primal side: an expert that leads
 * one group may serve others (capacity permitting) but lead none of them
 * (`leadsElsewhere`, the `cannotLead` of every primal subproblem). The
 * Lagrangian bound leaves H4c out, which only relaxes it: the bound stays
 * valid.
 */
import { compareTierCounts, priorityTiers } from '../../../rules/priority.js';
import { F_FORCED } from '../columns/group-solver.js';
import { coverMaskOf, fitOf, leaderTermOf, sizeTermOf } from '../model/pool.js';
import type { ScalableState } from '../state/state.js';
import type { GroupChoice } from '../columns/subproblem.js';

/** Groups, loads and scores. Every change goes through `place`/`clear`, which keep loads exact. */
export class Assignment {
  readonly group: (GroupChoice | undefined)[];
  readonly score: Float64Array;
  readonly load: Int32Array;
  /** Counties holding each expert (only experts with load > 0 have an entry). */
  readonly holders = new Map<number, number[]>();
  /** Groups each expert leads. */
  readonly leads: Int32Array;
  /** Open counties pinning each expert: their seats are reserved for them (H9). */
  private readonly pinCount: Map<number, number>;
  private matchedCount = 0;
  private pinnedCount = 0;
  /** Counties with a group per priority tier (`src/rules/priority.ts`); one tier without priorities. */
  private readonly tierCount: Int32Array;
  private readonly tierAt: Int32Array;
  private memberCount = 0;
  private total = 0;

  constructor(private readonly state: ScalableState, pinCount?: Map<number, number>) {
    this.group = new Array<GroupChoice | undefined>(state.pool.nCounties);
    this.score = new Float64Array(state.pool.nCounties);
    this.load = new Int32Array(state.pool.nExperts);
    this.leads = new Int32Array(state.pool.nExperts);
    const tiers = priorityTiers(state.ctx);
    this.tierAt = tiers.tierAt;
    this.tierCount = new Int32Array(tiers.tiers.length);
    if (pinCount) this.pinCount = pinCount;
    else {
      this.pinCount = new Map();
      state.countyState.forEach((s, c) => {
        if (s !== 'open') return;
        for (const e of state.store.pinnedExperts(c)) this.pinCount.set(e, (this.pinCount.get(e) ?? 0) + 1);
      });
    }
  }

  /** Counties with a group. */
  get matched(): number {
    return this.matchedCount;
  }

  /** Members of all groups together (the rows of the result). */
  get members(): number {
    return this.memberCount;
  }

  /** Counties with pins (H9) that have a group. */
  get pinnedMatched(): number {
    return this.pinnedCount;
  }

  /** Counties with a group, per priority tier (a copy). */
  get tierMatched(): Int32Array {
    return this.tierCount.slice();
  }

  /** Σ of the groups' scores. */
  get objective(): number {
    return this.total;
  }

  /** The group's score in the solver's model. */
  scoreOf(county: number, choice: Pick<GroupChoice, 'members' | 'leader'>): number {
    return groupValue(this.state, county, choice);
  }

  /** True under `leadOnce` (H4c) when the expert leads a group other than the county's. */
  leadsElsewhere(county: number, expert: number): boolean {
    if (!this.state.pool.leadOnce) return false;
    return this.leads[expert]! > (this.group[county]?.leader === expert ? 1 : 0);
  }

  /** Gives the county this group (replacing its previous one). */
  place(county: number, choice: GroupChoice): void {
    this.clear(county);
    this.group[county] = choice;
    this.leads[choice.leader]!++;
    const s = this.scoreOf(county, choice);
    this.score[county] = s;
    this.total += s;
    this.matchedCount++;
    this.tierCount[this.tierAt[county]!]!++;
    this.memberCount += choice.members.length;
    if (this.state.store.hasPins(county)) this.pinnedCount++;
    for (const e of choice.members) {
      this.load[e]!++;
      const list = this.holders.get(e);
      if (list) list.push(county);
      else this.holders.set(e, [county]);
    }
  }

  /** Removes the county's group, if any. */
  clear(county: number): void {
    const g = this.group[county];
    if (!g) return;
    this.group[county] = undefined;
    this.leads[g.leader]!--;
    this.total -= this.score[county]!;
    this.score[county] = 0;
    this.matchedCount--;
    this.tierCount[this.tierAt[county]!]!--;
    this.memberCount -= g.members.length;
    if (this.state.store.hasPins(county)) this.pinnedCount--;
    for (const e of g.members) {
      this.load[e]!--;
      const list = this.holders.get(e)!;
      list.splice(list.indexOf(county), 1);
      if (list.length === 0) this.holders.delete(e);
    }
  }

  /** Drops the seat reservations of a county's pins: the county left the search (diagnosed, or never prepared). */
  releasePins(county: number): void {
    for (const e of this.state.store.pinnedExperts(county)) {
      const n = this.pinCount.get(e);
      if (n === undefined) continue;
      if (n <= 1) this.pinCount.delete(e);
      else this.pinCount.set(e, n - 1);
    }
  }

  /**
   * True when the expert cannot join the county's group: its seats are taken
   * by other groups or reserved for counties that pin it, and it is not in
   * this county's group. A county that pins the expert has a seat reserved,
   * unless a pinned county took it over (`pinned.ts`): then all seats count.
   */
  blockedFor(county: number, expert: number): boolean {
    if (this.group[county]?.members.includes(expert)) return false;
    return this.seatsTaken(county, expert, -1);
  }

  /** True when the expert's seats are all taken or reserved only because of reservations: a seat is physically free. */
  reservedOnly(expert: number): boolean {
    return this.load[expert]! < this.state.pool.capacity[expert]!;
  }

  /** True when the expert, blocked for the county, would be free for it once `holder` (one of its holders) gave up its group. */
  freedBy(county: number, expert: number, holder: number): boolean {
    return !this.seatsTaken(county, expert, holder);
  }

  /** True when every seat of the expert is taken or reserved for others, counting `without`'s group (if any) as gone. */
  private seatsTaken(county: number, expert: number, without: number): boolean {
    const holders = this.holders.get(expert) ?? [];
    const load = this.load[expert]! - (without >= 0 && holders.includes(without) ? 1 : 0);
    const pins = this.pinCount.get(expert);
    if (pins === undefined || isPinned(this.state, county, expert)) return load >= this.state.pool.capacity[expert]!;
    let reserved = pins;
    for (const d of holders) if (d !== without && isPinned(this.state, d, expert)) reserved--;
    return load + reserved >= this.state.pool.capacity[expert]!;
  }

  /** A deep copy (groups are immutable values, so they are shared). */
  copy(): Assignment {
    const a = new Assignment(this.state, this.pinCount);
    for (let c = 0; c < this.group.length; c++) {
      const g = this.group[c];
      if (g) a.place(c, g);
    }
    return a;
  }

  /**
   * True when `this` is lexicographically better than `other`: more pinned
   * counties (H9: a pinned county is never dropped to match others), then
   * more counties of each priority tier in turn, then a higher score.
   */
  betterThan(other: Assignment | undefined): boolean {
    if (!other) return true;
    return compareAssignments(this, other) > 0;
  }
}

/** What the lexicographic order of assignments compares. */
export type Standing = Pick<Assignment, 'pinnedMatched' | 'matched' | 'objective' | 'tierMatched'>;

/**
 * The solver's order of assignments: pinned counties matched, then counties
 * matched in each priority tier in turn (`src/rules/priority.ts`; one tier:
 * counties matched), then the score (equal within a relative 1e-9).
 * Positive when `a` is better, 0 when they tie.
 */
export function compareAssignments(a: Standing, b: Standing): number {
  if (a.pinnedMatched !== b.pinnedMatched) return a.pinnedMatched - b.pinnedMatched;
  const tiers = compareTierCounts(a.tierMatched, b.tierMatched);
  if (tiers !== 0) return tiers;
  if (a.matched !== b.matched) return a.matched - b.matched;
  if (Math.abs(a.objective - b.objective) <= 1e-9 * Math.max(1, Math.abs(b.objective))) return 0;
  return a.objective - b.objective;
}

/** True when the county's candidate flags mark the expert as pinned to it. */
export function isPinned(state: ScalableState, county: number, expert: number): boolean {
  const list = state.store.lists[county]!;
  const i = list.index.get(expert);
  return i !== undefined && (list.flags[i]! & F_FORCED) !== 0;
}

/** A group's score in the solver's model: Σ fit + the leader term + the points of its bits + the organization types + the size term − the organization penalty. */
export function groupValue(state: ScalableState, county: number, choice: Pick<GroupChoice, 'members' | 'leader'>): number {
  const { store, subs, pool } = state;
  const list = store.lists[county]!;
  const rules = subs.rulesOf(county);
  let value = 0;
  let covered = 0;
  const orgs = new Map<number, number>();
  for (const e of choice.members) {
    const i = list.index.get(e);
    // A member may have left the list since its group was formed (lists are trimmed): compute it directly.
    value += i === undefined ? fitOf(pool, e, county) : list.fit[i]!;
    if (e === choice.leader) value += i === undefined ? leaderTermOf(pool, e, county) : list.lead[i]!;
    covered |= i === undefined ? coverMaskOf(pool, e, county) : list.mask[i]!;
    const o = pool.organization[e]!;
    if (o >= 0) orgs.set(o, (orgs.get(o) ?? 0) + 1);
  }
  for (let b = covered; b !== 0; b &= b - 1) value += rules.needValue[31 - Math.clz32(b & -b)]!;
  for (const n of orgs.values()) if (n > rules.orgLimit) value -= rules.orgPenalty * (n - rules.orgLimit);
  let types = 0;
  for (const e of choice.members) if (pool.orgType[e]! >= 0) types |= 1 << pool.orgType[e]!;
  let distinct = 0;
  for (; types !== 0; types &= types - 1) distinct++;
  return value + pool.orgTypePoints * distinct + sizeTermOf(pool, county, choice.members.length);
}
