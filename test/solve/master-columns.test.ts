/** The master's column pool: one column per county and group (members in any order, and leader), the library's score. */
import { describe, expect, it } from 'vitest';
import { groupValue } from '../../src/solve/scalable/primal/assignment.js';
import { ColumnPool } from '../../src/solve/scalable/master/columns.js';
import { preparedRound } from './master-setup.js';

describe('ColumnPool', () => {
  it('keeps a group once whatever the order of its members, and scores it with groupValue', () => {
    const { state, best } = preparedRound(1, 0);
    const pool = new ColumnPool(state);
    const c = best.group.findIndex((g) => g !== undefined);
    const g = best.group[c]!;
    expect(pool.offer(c, g)).toBe(true);
    expect(pool.offer(c, { ...g, members: [...g.members].reverse() })).toBe(false);
    expect(pool.columns).toHaveLength(1);
    expect(pool.columns[0]!.score).toBe(groupValue(state, c, g));
    expect(pool.indexOf(c, { members: [...g.members].reverse(), leader: g.leader })).toBe(0);
    // Every expert of the column has a capacity row.
    for (const e of g.members) expect(pool.expertRow.has(e)).toBe(true);
  });

  it('tells groups apart by their leader, and refuses a group that breaks a rule of one group', () => {
    const { state, best } = preparedRound(1, 0);
    const pool = new ColumnPool(state);
    const c = best.group.findIndex((g) => g !== undefined);
    const g = best.group[c]!;
    pool.offer(c, g);
    // The same members under a leader who is not a member: not a group.
    const outsider = state.store.lists[c]!.experts.find((e) => !g.members.includes(e))!;
    expect(pool.offer(c, { ...g, leader: outsider })).toBe(false);
    expect(pool.refused).toBe(1);
    // One member short of the group's minimum size breaks H3 (the demo's groups sit at the minimum or above).
    const tooSmall = { ...g, members: g.members.filter((e) => e !== g.leader).slice(0, 2).concat(g.leader) };
    expect(pool.offer(c, tooSmall)).toBe(false);
    expect(pool.columns).toHaveLength(1);
  });

  it('collects an assignment in county order', () => {
    const { state, best } = preparedRound(1, 0);
    const pool = new ColumnPool(state);
    expect(pool.collectAssignment(best)).toBe(best.matched);
    expect(pool.collectAssignment(best)).toBe(0);
    const counties = pool.columns.map((col) => col.county);
    expect(counties).toEqual([...counties].sort((a, b) => a - b));
  });
});
