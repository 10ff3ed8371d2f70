/**
 * The change log of a repair: every difference between each group before
 * and after, in words a person reviewing the new groups can check — who
 * withdrew, who replaces whom in which role, who moved from which group
 * and why, which groups are kept with a vacancy, which were dissolved, which
 * earlier vacancies were filled.
 */
import type { County, Expert } from '../model/schemas.js';
import type { Role } from '../model/vocabulary.js';
import type { RoundContext } from '../rules/context.js';
import { roleOf } from '../rules/roles.js';
import { countyLabel, type Diagnosis } from '../explain/diagnose.js';
import type { GroupState, HeldGroup, VacantGroup } from './state.js';

/** One change of the repair. */
export interface RepairChange {
  /** The county; empty for a `withdrawn` row. */
  countyId: string;
  expertId: string;
  /**
   * `role` when a member stays but its role changes (e.g. takes over as
   * leader); `withdrawn` for an expert of `--withdraw` who served no group:
   * it leaves the pool (recorded so that `check` does not count it free).
   */
  change: 'added' | 'removed' | 'role' | 'withdrawn';
  /** The role in the county's group (before for a removal, after for an addition or a role change); empty for `withdrawn`. */
  role: Role | '';
  reason: string;
}

/** A county's group before the repair: a complete group, or one kept with a vacancy (`vacant`). */
export type GroupBefore = HeldGroup | (VacantGroup & { readonly vacant: true });

/** What the log is computed from. */
export interface ChangeLogInput {
  ctx: RoundContext;
  /** The groups now. */
  state: GroupState;
  /** Each touched county's group before the repair (undefined: it had none). */
  before: ReadonlyMap<string, GroupBefore | undefined>;
  /** Withdrawn members of each county, with the role they had. */
  withdrawnFrom: ReadonlyMap<string, readonly { expert: Expert; role: Role }[]>;
  /** Counties left unmatched, with their reason. */
  lostReasons: ReadonlyMap<string, Diagnosis>;
  /** The withdrawals already logged. */
  withdrawals: readonly RepairChange[];
  /** Counties that lost a member. */
  affected: readonly County[];
}

const CHANGE_ORDER: Record<RepairChange['change'], number> = { withdrawn: 0, removed: 1, role: 2, added: 3 };

function sameGroup(a: GroupBefore | VacantGroup | undefined, b: HeldGroup | VacantGroup | undefined): boolean {
  if (!a || !b) return a === b;
  return a.leader === b.leader && a.members.length === b.members.length && a.members.every((e) => b.members.includes(e));
}

/** The county's group now: complete, or kept with a vacancy. */
function groupNow(log: ChangeLogInput, countyId: string): HeldGroup | VacantGroup | undefined {
  return log.state.group(countyId) ?? log.state.vacant(countyId);
}

/** Counties whose group differs from the start (or that lost a member, or whose vacancy was filled), in round order. */
export function changedCounties(log: ChangeLogInput): string[] {
  return log.ctx.counties.filter((c) => {
    if (log.affected.includes(c)) return true;
    if (!log.before.has(c.id)) return false;
    const before = log.before.get(c.id);
    const filled = before !== undefined && 'vacant' in before && log.state.group(c.id) !== undefined;
    return filled || !sameGroup(before, groupNow(log, c.id));
  }).map((c) => c.id);
}

/** Members that left a county for another one: `${from}\u0000${expert}` → the county they went to. */
function moves(log: ChangeLogInput): Map<string, string> {
  const { ctx, before } = log;
  const movedTo = new Map<string, string>();
  for (const c of ctx.counties) {
    if (!before.has(c.id)) continue;
    for (const e of groupNow(log, c.id)?.members ?? []) {
      if (before.get(c.id)?.members.includes(e)) continue;
      for (const [d, g] of before) if (d !== c.id && g?.members.includes(e) && !groupNow(log, d)?.members.includes(e)) movedTo.set(`${d}\u0000${e.id}`, c.id);
    }
  }
  return movedTo;
}

/** The change log: withdrawals, then every difference of each touched group; by county (round order), removals first. */
export function describeChanges(log: ChangeLogInput): RepairChange[] {
  const { ctx, state } = log;
  // A withdrawal that leaves its group kept with a vacancy says so: the reviewer sees the vacancy where the member left.
  const out = log.withdrawals.map((w) => (state.vacant(w.countyId) ? { ...w, reason: `${w.reason}; no valid replacement: the group is kept with a vacancy (unmatched.csv says what to recruit)` } : w));
  const movedTo = moves(log);
  const words = (gone: readonly { expert: Expert; role: Role }[]): string => gone.map((w) => `${w.expert.id} (${w.role})`).join(', ');
  for (const c of ctx.counties) {
    if (!log.before.has(c.id)) continue;
    const before = log.before.get(c.id);
    const after = groupNow(log, c.id);
    const wasVacant = before !== undefined && 'vacant' in before;
    const gone = log.withdrawnFrom.get(c.id) ?? [];
    const goneWords = words(gone);
    for (const e of before?.members ?? []) {
      if (gone.some((w) => w.expert === e) || after?.members.includes(e)) continue;
      const to = movedTo.get(`${c.id}\u0000${e.id}`);
      const lost = log.lostReasons.get(c.id);
      const reason = lost ? `the group is dissolved: ${lost.reasonCode}` : to ? `moved to ${countyLabel(ctx.countyById.get(to)!)}, whose group lost ${words(log.withdrawnFrom.get(to) ?? [])}` : 'left to make room in the re-formed group';
      out.push({ countyId: c.id, expertId: e.id, change: 'removed', role: roleOf(ctx, e, c, e === before?.leader), reason });
    }
    for (const e of after?.members ?? []) {
      if (!before?.members.includes(e)) continue;
      const was = roleOf(ctx, e, c, e === before.leader);
      const now = roleOf(ctx, e, c, e === after!.leader);
      if (was !== now) out.push({ countyId: c.id, expertId: e.id, change: 'role', role: now, reason: now === 'leader' ? `takes over as leader (was ${was})${gone.some((w) => w.role === 'leader') ? ` from ${gone.find((w) => w.role === 'leader')!.expert.id}, who withdrew` : ''}` : `now ${now} (was ${was})` });
    }
    for (const e of after?.members ?? []) {
      if (before?.members.includes(e)) continue;
      const role = roleOf(ctx, e, c, e === after?.leader);
      const from = [...log.before].find(([d, g]) => d !== c.id && g?.members.includes(e) && movedTo.get(`${d}\u0000${e.id}`) === c.id)?.[0];
      const replaced = gone.find((w) => w.role === role);
      const moved = from ? `; moved from ${countyLabel(ctx.countyById.get(from)!)}` : '';
      const reason = wasVacant
        ? `joins as ${role} to fill the group's vacancy${moved}`
        : gone.length > 0
          ? `${replaced ? `replaces ${replaced.expert.id} as ${role}` : `joins as ${role} to re-form the group after ${goneWords} withdrew`}${moved}`
          : `joins as ${role} to replace ${(before?.members ?? []).filter((m) => !after?.members.includes(m)).map((m) => m.id).join(', ')}, given to another group`;
      out.push({ countyId: c.id, expertId: e.id, change: 'added', role, reason });
    }
  }
  const order = ctx.countyIndex;
  return out.sort((a, b) => order.get(a.countyId)! - order.get(b.countyId)! || CHANGE_ORDER[a.change] - CHANGE_ORDER[b.change] || (a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0));
}
