/**
 * The groups of an earlier result, held for local changes: who serves
 * which county, who leads, and how many places each expert has left.
 * Batches, repairs, explanations and recruitment advice all start here.
 */
import type { Assignment, County, Expert, Summary, Unmatched } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { capacityOf } from '../rules/h2-capacity.js';
import type { ChosenGroup } from '../solve/assemble.js';

/**
 * An earlier result as the incremental operations take it: a `SolveResult`,
 * what `readResultDir` returns, or just the assignments.
 */
export interface PriorResult {
  readonly assignments: readonly Pick<Assignment, 'countyId' | 'expertId' | 'role'>[];
  readonly unmatched?: readonly Unmatched[];
  /** The summary (without `seconds` when read from a folder); its options and bounds are reused when present. */
  readonly summary?: Omit<Summary, 'seconds'> & { seconds?: number };
}

/** A group being held or changed. */
export interface HeldGroup {
  readonly county: County;
  readonly leader: Expert;
  readonly members: readonly Expert[];
}

/** A result's assignments that name a county or an expert the round does not have. */
export class UnknownIdError extends Error {
  override readonly name = 'UnknownIdError';
  constructor(readonly kind: 'county' | 'expert', readonly id: string) {
    super(`the earlier result names ${kind} ${id}, which is not in the input`);
  }
}

/** The groups of a round, with the load of every expert. */
export class GroupState {
  private readonly groupByCounty = new Map<string, HeldGroup>();
  private readonly servesIn = new Map<string, Set<string>>();

  constructor(readonly ctx: RoundContext) {}

  /**
   * Reads the groups of an earlier result. The leader is the member labelled
   * `leader`. Throws `UnknownIdError` for an id the round does not have.
   */
  static fromResult(ctx: RoundContext, prior: Pick<PriorResult, 'assignments'>): GroupState {
    const state = new GroupState(ctx);
    const byCounty = new Map<string, { leader?: Expert; members: Expert[] }>();
    for (const a of prior.assignments) {
      const county = ctx.countyById.get(a.countyId);
      if (!county) throw new UnknownIdError('county', a.countyId);
      const expert = ctx.expertById.get(a.expertId);
      if (!expert) throw new UnknownIdError('expert', a.expertId);
      let g = byCounty.get(county.id);
      if (!g) byCounty.set(county.id, (g = { members: [] }));
      g.members.push(expert);
      if (a.role === 'leader') g.leader = expert;
    }
    for (const c of ctx.counties) {
      const g = byCounty.get(c.id);
      // A group without a leader cannot come from a valid result; checkSolution reports it, and it is kept whole here.
      if (g) state.set({ county: c, leader: g.leader ?? g.members[0]!, members: g.members });
    }
    return state;
  }

  /** The county's group, if it has one. */
  group(countyId: string): HeldGroup | undefined {
    return this.groupByCounty.get(countyId);
  }

  /** Every group, in round order. */
  groups(): HeldGroup[] {
    return this.ctx.counties.map((c) => this.groupByCounty.get(c.id)).filter((g): g is HeldGroup => g !== undefined);
  }

  /** Groups the expert serves. */
  load(expert: Pick<Expert, 'id'>): number {
    return this.servesIn.get(expert.id)?.size ?? 0;
  }

  /** Places the expert has left. */
  free(expert: Expert): number {
    return capacityOf(this.ctx, expert) - this.load(expert);
  }

  /** Counties the expert serves, in round order. */
  countiesOf(expert: Pick<Expert, 'id'>): County[] {
    const ids = this.servesIn.get(expert.id);
    return ids ? this.ctx.counties.filter((c) => ids.has(c.id)) : [];
  }

  /** Ids of the counties the expert serves (unordered). */
  countyIdsOf(expert: Pick<Expert, 'id'>): string[] {
    return [...(this.servesIn.get(expert.id) ?? [])];
  }

  /** Sets (or replaces) the county's group. */
  set(group: HeldGroup): void {
    this.remove(group.county.id);
    this.groupByCounty.set(group.county.id, group);
    for (const e of group.members) {
      let set = this.servesIn.get(e.id);
      if (!set) this.servesIn.set(e.id, (set = new Set()));
      set.add(group.county.id);
    }
  }

  /** Removes the county's group; returns it. */
  remove(countyId: string): HeldGroup | undefined {
    const old = this.groupByCounty.get(countyId);
    if (!old) return undefined;
    this.groupByCounty.delete(countyId);
    for (const e of old.members) this.servesIn.get(e.id)?.delete(countyId);
    return old;
  }

  /** The groups as `assembleResult` takes them. */
  chosen(): ChosenGroup[] {
    return this.groups().map((g) => ({ county: g.county, leader: g.leader, members: g.members }));
  }
}
