/**
 * H9 成熟一批、匹配一批: pinned pairs stay, with their roles. In `c1` the
 * disliked N2 is pinned as leader and the disliked P as a plain member,
 * while the liked N1 would rather lead; in `c2` the liked N3 is pinned as a
 * member, so the disliked N4 must lead (every other national is disliked more).
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { aff, county, expert, local, makeInstance, national, solution } from '../helpers/instance.js';
import { expectValid, groupOf, idsOf, solveWith, violationsWithout } from '../helpers/solve.js';

const options = { objective: 'affinity' as const, groupMin: 3, groupMax: 4 };
const instance = makeInstance({
  counties: [county('c1'), county('c2')],
  experts: [
    national('N1'), national('N2'), expert('P'), local('L1', 'c1'), expert('M1'),
    national('N3'), national('N4'), local('L2', 'c2'), expert('M2'),
  ],
  affinities: [aff('c1', 'N1', 10), aff('c1', 'N2', -5), aff('c1', 'P', -5), aff('c2', 'N3', 10), aff('c2', 'N4', -5), aff('c2', 'N1', -6), aff('c2', 'N2', -6)],
  pins: [
    { countyId: 'c1', expertId: 'N2', role: 'leader' },
    { countyId: 'c1', expertId: 'P' },
    { countyId: 'c2', expertId: 'N3', role: 'member' },
  ],
});

describe('H9 pins', () => {
  it('keeps pinned pairs, the pinned leader leading and the pinned member not', async () => {
    const result = expectValid(instance, options, await solveWith(instance, options));
    const c1 = groupOf(result, 'c1');
    expect(idsOf(c1, 'leader')).toEqual(['N2']);
    expect(idsOf(c1)).toEqual(expect.arrayContaining(['N2', 'P', 'L1']));
    expect(c1.find((a) => a.expertId === 'N1')?.role).toBe('member');
    const c2 = groupOf(result, 'c2');
    expect(idsOf(c2, 'leader')).toEqual(['N4']);
    expect(c2.find((a) => a.expertId === 'N3')?.role).toBe('member');
  });

  it('binds: without the H9 fixings the pins are dropped or lead differently', async () => {
    const violations = await violationsWithout(instance, options, 'H9');
    expect(violations).toContainEqual(expect.objectContaining({ rule: 'H9', code: 'pin-missing', countyId: 'c1', expertId: 'P' }));
    expect(violations).toContainEqual(expect.objectContaining({ rule: 'H9', countyId: 'c1', expertId: 'N2' }));
    expect(violations).toContainEqual(expect.objectContaining({ rule: 'H9', code: 'pin-role', countyId: 'c2', expertId: 'N3' }));
  });

  it('checkSolution: missing pin, wrong leadership, and a pinned-infeasible county', () => {
    const c2: [string, 'leader' | 'local' | 'member'][] = [['N4', 'leader'], ['N3', 'member'], ['L2', 'local']];
    const check = (c1: [string, 'leader' | 'local' | 'member'][]) => checkSolution(instance, solution({ c1, c2 }), options).violations;
    expect(check([['N2', 'leader'], ['P', 'member'], ['L1', 'local']])).toEqual([]);
    expect(check([['N2', 'leader'], ['M1', 'member'], ['L1', 'local']])).toEqual([expect.objectContaining({ rule: 'H9', code: 'pin-missing', expertId: 'P' })]);
    expect(check([['N1', 'leader'], ['N2', 'member'], ['P', 'member'], ['L1', 'local']])).toEqual([expect.objectContaining({ rule: 'H9', code: 'pin-role', expertId: 'N2' })]);
    const c2Led = checkSolution(instance, solution({ c1: [['N2', 'leader'], ['P', 'member'], ['L1', 'local']], c2: [['N3', 'leader'], ['L2', 'local'], ['M2', 'member']] }), options).violations;
    expect(c2Led).toEqual([expect.objectContaining({ rule: 'H9', code: 'pin-role', expertId: 'N3' })]);
    // A county reported pinned-infeasible carries no group, so its pins are not missing.
    expect(checkSolution(instance, solution({ c2 }, { c1: 'pinned-infeasible' }), options).violations).toEqual([]);
    // Any other reason leaves the pins missing.
    expect(checkSolution(instance, solution({ c2 }, { c1: 'competition' }), options).violations.map((v) => v.code)).toEqual(['pin-missing', 'pin-missing']);
  });
});
