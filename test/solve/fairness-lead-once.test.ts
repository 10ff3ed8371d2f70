/**
 * The fairness pass under H4c (`leadOnce`): its moves choose a group's
 * leader among its members, and an expert who leads another group may not
 * be chosen (the one-county models it re-forms groups with have no row
 * across counties, so the pass keeps the rule itself).
 */
import { describe, expect, it } from 'vitest';
import { FairnessState } from '../../src/solve/fairness/group-state.js';
import { bestMove } from '../../src/solve/fairness/moves.js';
import { aff, county, expert, local, makeContext, makeInstance, national, solution } from '../helpers/instance.js';

// N (capacity 2) leads c1 and sits in c2, which K leads. X, free, is what c2 wants most: swapping K for X leaves N as c2's only possible leader.
const instance = makeInstance({
  counties: [county('c1'), county('c2')],
  experts: [national('N', { capacity: 2 }), national('K'), local('L1', 'c1'), local('L2', 'c2'), expert('M1'), expert('X')],
  affinities: [aff('c1', 'N', 9), aff('c1', 'M1', 9), aff('c2', 'X', 9), aff('c2', 'N', 1)],
});
const groups = solution({ c1: [['N', 'leader'], ['L1', 'local'], ['M1', 'member']], c2: [['K', 'leader'], ['N', 'member'], ['L2', 'local']] });
const base = { objective: 'affinity' as const, groupMin: 3, groupMax: 3 };

function moveAroundC2(leadOnce: boolean) {
  const ctx = makeContext(instance, { ...base, leadOnce });
  const state = new FairnessState(ctx, { assignments: groups.assignments.map((a) => ({ ...a, fit: 0, covers: [], reason: '' })) });
  const c2 = ctx.countyById.get('c2')!;
  return { state, move: bestMove(state, c2, { kind: 'raise', floor: state.scores.get('c2')! }) };
}

describe('fairness moves under leadOnce (H4c)', () => {
  it('without it, the best move swaps K for X and makes N lead c2 too', () => {
    const { move } = moveAroundC2(false);
    const c2 = move?.groups.find((g) => g.county.id === 'c2');
    expect(c2?.leader.id).toBe('N');
    expect(c2?.members.map((e) => e.id).sort()).toEqual(['L2', 'N', 'X']);
  });

  it('with it, no move makes N lead a second group', () => {
    const { state, move } = moveAroundC2(true);
    expect(state.leadsElsewhere(state.ctx.expertById.get('N')!, 'c2')).toBe(true);
    for (const g of move?.groups ?? []) if (g.county.id !== 'c1') expect(g.leader.id).not.toBe('N');
  });
});
