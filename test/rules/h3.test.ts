/**
 * H3 group size: the round's 3–5 here, one county overriding the maximum
 * down to 3 and another the minimum up to 4. Wanted experts push groups to
 * their maximum; unwanted ones leave a group at its minimum.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { aff, county, expert, makeInstance, poolFor, solution } from '../helpers/instance.js';
import { expectValid, groupOf, solveWith, violationsWithout } from '../helpers/solve.js';

const options = { objective: 'affinity' as const, groupMin: 3, groupMax: 5 };
const liked = (c: string) => Array.from({ length: 6 }, (_, i) => expert(`${c}-X${i + 1}`));
const instance = makeInstance({
  counties: [county('small', { groupMax: 3 }), county('round'), county('big', { groupMin: 4 })],
  experts: [...poolFor('small', { members: 0 }), ...liked('small'), ...poolFor('round', { members: 0 }), ...liked('round'), ...poolFor('big', { members: 4 })],
  affinities: [
    ...liked('small').map((e) => aff('small', e.id, 1)),
    ...liked('round').map((e) => aff('round', e.id, 1)),
  ],
});
// Every expert costs 1 in `big`, so its group stays as small as it may be.
const everyone = makeInstance({ ...instance, affinities: [...instance.affinities, ...instance.experts.map((e) => aff('big', e.id, -1))] });

describe('H3 group size', () => {
  it('fills groups to their (overridden) maximum and keeps an unwanted group at its (overridden) minimum', async () => {
    const result = expectValid(everyone, options, await solveWith(everyone, options));
    expect(groupOf(result, 'small')).toHaveLength(3);
    expect(groupOf(result, 'round')).toHaveLength(5);
    expect(groupOf(result, 'big')).toHaveLength(4);
  });

  it('binds: without the H3 rows the groups are too large and too small', async () => {
    const violations = await violationsWithout(everyone, options, 'H3');
    for (const c of ['small', 'round', 'big']) expect(violations).toContainEqual(expect.objectContaining({ rule: 'H3', code: 'group-size', countyId: c }));
  });

  it('checkSolution applies the per-county override', () => {
    const four = (c: string) => [[`${c}-N`, 'leader'], [`${c}-L`, 'local'], [`${c}-X1`, 'member'], [`${c}-X2`, 'member']] as [string, 'leader' | 'local' | 'member'][];
    const bigFour: [string, 'leader' | 'local' | 'member'][] = [['big-N', 'leader'], ['big-L', 'local'], ['big-M1', 'member'], ['big-M2', 'member']];
    const ok = checkSolution(instance, solution({ round: four('round'), big: bigFour }, { small: 'competition' }), options);
    expect(ok.violations).toEqual([]);
    const bad = checkSolution(instance, solution({ small: four('small'), round: four('round'), big: bigFour.slice(0, 3) }), options);
    expect(bad.violations.map((v) => [v.rule, v.code, v.countyId])).toEqual([['H3', 'group-size', 'small'], ['H3', 'group-size', 'big']]);
  });
});
