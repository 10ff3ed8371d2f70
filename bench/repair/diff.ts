/**
 * What changed between two results of one round, computed from their
 * assignments alone (independently of the repair's own change log).
 */
import type { Assignment } from '../../src/model/schemas.js';
import type { GroupChanges } from './types.js';

type Row = Pick<Assignment, 'countyId' | 'expertId' | 'role'>;

/** A county's group: its leader and members (expert ids). */
interface GroupIds {
  leader: string | undefined;
  members: Set<string>;
}

/** The key of a county–expert pair. */
export function pairKey(countyId: string, expertId: string): string {
  return `${countyId}\u0000${expertId}`;
}

function groupsOf(rows: readonly Row[]): Map<string, GroupIds> {
  const out = new Map<string, GroupIds>();
  for (const a of rows) {
    let g = out.get(a.countyId);
    if (!g) out.set(a.countyId, (g = { leader: undefined, members: new Set() }));
    g.members.add(a.expertId);
    if (a.role === 'leader') g.leader = a.expertId;
  }
  return out;
}

function sameGroup(a: GroupIds | undefined, b: GroupIds | undefined): boolean {
  if (!a || !b) return a === b;
  return a.leader === b.leader && a.members.size === b.members.size && [...a.members].every((e) => b.members.has(e));
}

/** The changes and the pairs behind them. */
export interface GroupDiff extends GroupChanges {
  /** Pairs in `after` and not in `before` (`pairKey`). */
  added: Set<string>;
  /** Pairs in `before` and not in `after`. */
  removed: Set<string>;
}

/** How `after` differs from `before`; `withdrawn` tells which groups the withdrawal touched. */
export function diffGroups(before: readonly Row[], after: readonly Row[], withdrawn: ReadonlySet<string>): GroupDiff {
  const was = groupsOf(before);
  const now = groupsOf(after);
  const added = new Set(after.map((a) => pairKey(a.countyId, a.expertId)));
  const removed = new Set<string>();
  for (const a of before) {
    const key = pairKey(a.countyId, a.expertId);
    if (!added.delete(key)) removed.add(key);
  }
  let groupsChanged = 0;
  let untouchedGroupsChanged = 0;
  let countiesLost = 0;
  for (const county of new Set([...was.keys(), ...now.keys()])) {
    const b = was.get(county);
    const a = now.get(county);
    if (sameGroup(b, a)) continue;
    groupsChanged++;
    if (b && !a) countiesLost++;
    if (!b || ![...b.members].some((e) => withdrawn.has(e))) untouchedGroupsChanged++;
  }
  return { groupsChanged, untouchedGroupsChanged, membersChanged: added.size + removed.size, countiesLost, added, removed };
}
