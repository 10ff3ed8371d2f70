/**
 * The groups of an earlier result, held for local changes: who serves
 * which county, who leads, and how many places each expert has left.
 * Groups kept with a vacancy (a repair's vacancies.csv) are held apart from
 * the complete ones — they are not matched, lend nobody, and may have no
 * leader — but their members' places count like any others.
 * Batches, repairs, explanations and recruitment advice all start here.
 */
import type { VacancyMember } from '../model/result.js';
import type { LedgerRow } from '../io/ledger.js';
import type { Assignment, County, Expert, Summary, Unmatched } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { capacityOf } from '../rules/h2-capacity.js';
import { roleOf } from '../rules/roles.js';
import { ROLES } from '../model/vocabulary.js';
import type { ChosenGroup } from '../solve/assemble.js';

/**
 * An earlier result as the incremental operations take it: a `SolveResult`,
 * what `readResultDir` returns, or just the assignments.
 */
export interface PriorResult {
  readonly assignments: readonly Pick<Assignment, 'countyId' | 'expertId' | 'role'>[];
  readonly unmatched?: readonly Unmatched[];
  /** Members of groups kept with a vacancy (a repaired result's vacancies.csv): they hold their places. */
  readonly vacancies?: readonly VacancyMember[];
  /** The result's ledger (ledger.csv): experts it says withdrew, and who serve nowhere, get no place again. */
  readonly ledger?: readonly LedgerRow[];
  /** The summary (without `seconds` when read from a folder); its options and bounds are reused when present. */
  readonly summary?: Omit<Summary, 'seconds'> & { seconds?: number };
}

/** A group being held or changed. */
export interface HeldGroup {
  readonly county: County;
  readonly leader: Expert;
  readonly members: readonly Expert[];
}

/** A group kept with a vacancy: its members hold their places; it may have no leader. */
export interface VacantGroup {
  readonly county: County;
  readonly leader?: Expert;
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
  private readonly vacantByCounty = new Map<string, VacantGroup>();
  private readonly servesIn = new Map<string, Set<string>>();

  constructor(readonly ctx: RoundContext) {}

  /**
   * Reads the groups of an earlier result, its kept groups (`vacancies`)
   * too. The leader is the member labelled `leader`. Throws
   * `UnknownIdError` for an id the round does not have.
   */
  static fromResult(ctx: RoundContext, prior: Pick<PriorResult, 'assignments' | 'vacancies'>): GroupState {
    const state = new GroupState(ctx);
    const byCounty = new Map<string, { leader?: Expert; members: Expert[] }>();
    const vacant = new Set((prior.vacancies ?? []).map((v) => v.countyId));
    for (const a of [...prior.assignments, ...(prior.vacancies ?? [])]) {
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
      if (!g) continue;
      if (vacant.has(c.id)) state.setVacant({ county: c, members: g.members, ...(g.leader ? { leader: g.leader } : {}) });
      // A group without a leader cannot come from a valid result; checkSolution reports it, and it is kept whole here.
      else state.set({ county: c, leader: g.leader ?? g.members[0]!, members: g.members });
    }
    return state;
  }

  /** The county's group, if it has one. */
  group(countyId: string): HeldGroup | undefined {
    return this.groupByCounty.get(countyId);
  }

  /** Every (complete) group, in round order. */
  groups(): HeldGroup[] {
    return this.ctx.counties.map((c) => this.groupByCounty.get(c.id)).filter((g): g is HeldGroup => g !== undefined);
  }

  /** The county's group kept with a vacancy, if it has one. */
  vacant(countyId: string): VacantGroup | undefined {
    return this.vacantByCounty.get(countyId);
  }

  /** Every group kept with a vacancy, in round order. */
  vacancies(): VacantGroup[] {
    return this.ctx.counties.map((c) => this.vacantByCounty.get(c.id)).filter((g): g is VacantGroup => g !== undefined);
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

  /** Sets (or replaces) the county's group; a vacancy it had is gone. */
  set(group: HeldGroup): void {
    this.remove(group.county.id);
    this.groupByCounty.set(group.county.id, group);
    this.hold(group.county.id, group.members);
  }

  /** Keeps the county's group with a vacancy (replacing its group or vacancy): its members hold their places. */
  setVacant(group: VacantGroup): void {
    this.remove(group.county.id);
    this.vacantByCounty.set(group.county.id, group);
    this.hold(group.county.id, group.members);
  }

  private hold(countyId: string, members: readonly Expert[]): void {
    for (const e of members) {
      let set = this.servesIn.get(e.id);
      if (!set) this.servesIn.set(e.id, (set = new Set()));
      set.add(countyId);
    }
  }

  /** Removes the county's group or vacancy; returns the group (undefined for a vacancy). */
  remove(countyId: string): HeldGroup | undefined {
    const old = this.groupByCounty.get(countyId);
    const vacant = this.vacantByCounty.get(countyId);
    this.groupByCounty.delete(countyId);
    this.vacantByCounty.delete(countyId);
    for (const e of [...(old?.members ?? []), ...(vacant?.members ?? [])]) this.servesIn.get(e.id)?.delete(countyId);
    return old;
  }

  /** The groups as `assembleResult` takes them. */
  chosen(): ChosenGroup[] {
    return this.groups().map((g) => ({ county: g.county, leader: g.leader, members: g.members }));
  }

  /** The members of the groups kept with a vacancy, as vacancies.csv lists them: by county, then role, then expert. */
  vacancyRows(): VacancyMember[] {
    const order = new Map(ROLES.map((r, i) => [r, i]));
    const rows: VacancyMember[] = [];
    for (const g of this.vacancies()) for (const e of g.members) rows.push({ countyId: g.county.id, expertId: e.id, role: roleOf(this.ctx, e, g.county, e === g.leader) });
    const text = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
    return rows.sort((a, b) => text(a.countyId, b.countyId) || order.get(a.role)! - order.get(b.role)! || text(a.expertId, b.expertId));
  }
}
