/**
 * The groups of a result as the fairness pass changes them: members and
 * scores per county, and which groups each expert serves.
 */
import type { SolveResult } from '../../model/result.js';
import type { County, Expert } from '../../model/schemas.js';
import type { RoundContext } from '../../rules/context.js';
import { capacityOf } from '../../rules/h2-capacity.js';
import { groupScore } from '../../objective/score.js';
import type { ChosenGroup } from '../assemble.js';

/** Groups, scores and loads of a result. */
export class FairnessState {
  /** County id → its group. */
  readonly groups = new Map<string, ChosenGroup>();
  /** County id → its group's soft score. */
  readonly scores = new Map<string, number>();
  /** Expert id → ids of the counties it serves. */
  private readonly serves = new Map<string, Set<string>>();
  /** Expert id → ids of the counties it leads (H4c, `leadOnce`). */
  private readonly leads = new Map<string, Set<string>>();

  /** Reads the groups of a checked result. */
  constructor(readonly ctx: RoundContext, result: Pick<SolveResult, 'assignments'>) {
    const members = new Map<string, Expert[]>();
    const leaders = new Map<string, Expert>();
    for (const a of result.assignments) {
      const e = ctx.expertById.get(a.expertId);
      if (!e) throw new Error(`unknown expert ${a.expertId} in a checked result`);
      const list = members.get(a.countyId);
      if (list) list.push(e);
      else members.set(a.countyId, [e]);
      if (a.role === 'leader') leaders.set(a.countyId, e);
    }
    for (const [countyId, list] of members) {
      const county = ctx.countyById.get(countyId);
      const leader = leaders.get(countyId);
      if (!county || !leader) throw new Error(`county ${countyId} of a checked result has no county row or no leader`);
      this.place({ county, leader, members: list });
    }
  }

  /** Sets (or replaces) a county's group. */
  place(group: ChosenGroup): void {
    const old = this.groups.get(group.county.id);
    for (const e of old?.members ?? []) this.serves.get(e.id)?.delete(group.county.id);
    if (old) this.leads.get(old.leader.id)?.delete(group.county.id);
    let led = this.leads.get(group.leader.id);
    if (!led) this.leads.set(group.leader.id, (led = new Set()));
    led.add(group.county.id);
    this.groups.set(group.county.id, group);
    this.scores.set(group.county.id, groupScore(this.ctx, group.county, group.members, group.leader.id).total);
    for (const e of group.members) {
      let s = this.serves.get(e.id);
      if (!s) this.serves.set(e.id, (s = new Set()));
      s.add(group.county.id);
    }
  }

  /** Ids of the counties the expert serves. */
  servedBy(expert: Expert): ReadonlySet<string> {
    return this.serves.get(expert.id) ?? new Set();
  }

  /** True when `leadOnce` holds and the expert leads a group other than the county's: it may not lead this one too (H4c). */
  leadsElsewhere(expert: Expert, countyId: string): boolean {
    if (!this.ctx.options.leadOnce) return false;
    for (const c of this.leads.get(expert.id) ?? []) if (c !== countyId) return true;
    return false;
  }

  /** Places the expert has for the counties of `inside`: its capacity minus the groups outside it. */
  placesFor(expert: Expert, inside: ReadonlySet<string>): number {
    let outside = 0;
    for (const c of this.servedBy(expert)) if (!inside.has(c)) outside++;
    return capacityOf(this.ctx, expert) - outside;
  }

  /** The matched county with the lowest score (ties: input order), or undefined. */
  weakest(): County | undefined {
    let best: County | undefined;
    let low = Number.POSITIVE_INFINITY;
    for (const c of this.ctx.counties) {
      const s = this.scores.get(c.id);
      if (s !== undefined && s < low) {
        low = s;
        best = c;
      }
    }
    return best;
  }

  /** The lowest score of a group outside `inside` that is above `above`; +∞ when none. */
  nextScoreAbove(above: number, inside: ReadonlySet<string>): number {
    let next = Number.POSITIVE_INFINITY;
    for (const [c, s] of this.scores) if (!inside.has(c) && s > above && s < next) next = s;
    return next;
  }
}
