/**
 * The columns of the master problem: groups the subproblems (and the primal
 * search) found, kept per county, deduplicated by their sorted members and
 * leader. A column's score is the library's own (`groupValue`), never
 * re-derived, so that the master's objective is the assignment's objective.
 *
 * Only groups that keep every single-group rule (H3–H8, `isValidGroup`) and
 * carry the county's pins (H9: every pinned expert a member, a pinned
 * leader leading, a member pinned in another role not leading) are kept:
 * the master's integer answer then needs only the whole-result rules
 * (H1, H2, H4c), which its rows state. Columns are numbered in the order
 * they were offered, which keeps the master's model, and so its answer,
 * deterministic.
 */
import type { Expert } from '../../../model/schemas.js';
import { pinsOf } from '../../../rules/context.js';
import { isValidGroup } from '../../../rules/group-validity.js';
import { groupValue, type Assignment } from '../primal/assignment.js';
import type { Lagrangian } from '../bound/lagrangian.js';
import type { ScalableState } from '../state/state.js';
import type { GroupChoice } from '../columns/subproblem.js';

/** One column: a county's group and its score. */
export interface Column {
  readonly county: number;
  /** The group as the assignment places it (members in the order found). */
  readonly choice: GroupChoice;
  /** Its score in the solver's model (`groupValue`). */
  readonly score: number;
  /** Its members, sorted (the master's matrix entries). */
  readonly sorted: readonly number[];
}

/** The pool of columns, in the order offered, with one row index per expert that appears in some column. */
export class ColumnPool {
  readonly columns: Column[] = [];
  /** Expert → capacity row, in order of first appearance. */
  readonly expertRow = new Map<number, number>();
  /** The experts of the rows, by row. */
  readonly rowExpert: number[] = [];
  /** Groups offered but refused (a rule of one group, or a pin, not kept): counted for the report. */
  refused = 0;
  /** Per county: key of each group offered → its column (−1: refused). */
  private readonly seen: Map<string, number>[];

  constructor(private readonly state: ScalableState) {
    this.seen = Array.from({ length: state.pool.nCounties }, () => new Map<string, number>());
  }

  /** The column of a county's group, or −1 when it was never offered or was refused. */
  indexOf(county: number, choice: Pick<GroupChoice, 'members' | 'leader'>): number {
    return this.seen[county]!.get(keyOf(choice)) ?? -1;
  }

  /** A group's score in the solver's model (`groupValue`). */
  scoreOf(county: number, choice: Pick<GroupChoice, 'members' | 'leader'>): number {
    return groupValue(this.state, county, choice);
  }

  /** Offers a county's group; true when it is new and kept. */
  offer(county: number, choice: GroupChoice): boolean {
    const key = keyOf(choice);
    const seen = this.seen[county]!;
    if (seen.has(key)) return false;
    if (!this.keeps(county, choice)) {
      seen.set(key, -1);
      this.refused++;
      return false;
    }
    seen.set(key, this.columns.length);
    const sorted = [...choice.members].sort((a, b) => a - b);
    for (const e of sorted) {
      if (this.expertRow.has(e)) continue;
      this.expertRow.set(e, this.rowExpert.length);
      this.rowExpert.push(e);
    }
    this.columns.push({ county, choice, score: this.scoreOf(county, choice), sorted });
    return true;
  }

  /** Offers the latest complete group of every open county (in position order); returns how many were new. */
  collect(lag: Lagrangian): number {
    let added = 0;
    for (const c of lag.open()) {
      const g = lag.choice[c];
      if (g && this.offer(c, g)) added++;
    }
    return added;
  }

  /** Offers every group of an assignment (in position order); returns how many were new. */
  collectAssignment(a: Assignment): number {
    let added = 0;
    for (let c = 0; c < a.group.length; c++) {
      const g = a.group[c];
      if (g && this.state.countyState[c] === 'open' && this.offer(c, g)) added++;
    }
    return added;
  }

  /** True when the group keeps H3–H8 and the county's pins (see the module comment). */
  private keeps(county: number, choice: GroupChoice): boolean {
    const { ctx } = this.state;
    const c = ctx.counties[county]!;
    if (!choice.members.includes(choice.leader)) return false;
    const members: Expert[] = choice.members.map((e) => ctx.experts[e]!);
    const leader = ctx.experts[choice.leader]!;
    for (const pin of pinsOf(ctx, c.id)) {
      const e = ctx.expertIndex.get(pin.expertId);
      if (e === undefined || !choice.members.includes(e)) return false;
      if (pin.role === 'leader' ? e !== choice.leader : pin.role !== undefined && e === choice.leader) return false;
    }
    return isValidGroup(ctx, c, members, leader);
  }
}

/** A group's identity within its county: its sorted members and its leader. */
function keyOf(choice: Pick<GroupChoice, 'members' | 'leader'>): string {
  return `${[...choice.members].sort((a, b) => a - b).join(',')}|${choice.leader}`;
}
