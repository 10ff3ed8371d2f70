/**
 * H5 脱贫县科技工作者1至2名: 1–2 of the county's own local scientists, and a
 * local scientist serves only their own county. `keen` has three liked
 * local scientists and is tempted by another county's; `shy` dislikes its
 * only local scientist.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { isEligible } from '../../src/rules/eligibility.js';
import { aff, county, expert, local, makeContext, makeInstance, national, solution } from '../helpers/instance.js';
import { expectValid, groupOf, idsOf, solveWith, violationsWithout } from '../helpers/solve.js';

const options = { objective: 'affinity' as const, groupMin: 3, groupMax: 5 };
const instance = makeInstance({
  counties: [county('keen'), county('shy')],
  experts: [
    national('N1'), local('K1', 'keen'), local('K2', 'keen'), local('K3', 'keen'), expert('M1'), expert('M2'),
    national('N2'), local('S1', 'shy'), expert('M3'), expert('M4'),
  ],
  affinities: [
    aff('keen', 'K1', 10), aff('keen', 'K2', 10), aff('keen', 'K3', 10),
    aff('keen', 'S1', 50), // another county's local scientist: never eligible for keen
    aff('shy', 'S1', -5),
  ],
});

describe('H5 local scientists', () => {
  it('gives each group 1–2 of its own local scientists and none of another county', async () => {
    const result = expectValid(instance, options, await solveWith(instance, options));
    const keen = groupOf(result, 'keen');
    expect(idsOf(keen, 'local')).toHaveLength(2);
    expect(idsOf(keen, 'local').every((id) => ['K1', 'K2', 'K3'].includes(id))).toBe(true);
    expect(idsOf(keen)).not.toContain('S1');
    const shy = groupOf(result, 'shy');
    expect(idsOf(shy, 'local')).toEqual(['S1']);
  });

  it('a local scientist of another county is not eligible (before any row)', () => {
    const ctx = makeContext(instance, options);
    const s1 = ctx.expertById.get('S1')!;
    expect(isEligible(ctx, s1, ctx.countyById.get('keen')!)).toBe(false);
    expect(isEligible(ctx, s1, ctx.countyById.get('shy')!)).toBe(true);
  });

  it('binds: without the H5 rows keen takes three locals and shy none', async () => {
    const violations = await violationsWithout(instance, options, 'H5');
    expect(violations).toContainEqual(expect.objectContaining({ rule: 'H5', code: 'local-count', countyId: 'keen' }));
    expect(violations).toContainEqual(expect.objectContaining({ rule: 'H5', code: 'local-count', countyId: 'shy' }));
    // Eligibility still keeps S1 out of keen.
    expect(violations.map((v) => v.code)).not.toContain('local-elsewhere');
  });

  it('checkSolution: too many, too few, and a foreign local scientist', () => {
    const check = (keen: [string, 'leader' | 'local' | 'member'][]) =>
      checkSolution(instance, solution({ keen, shy: [['N2', 'leader'], ['S1', 'local'], ['M3', 'member']] }), options).violations;
    expect(check([['N1', 'leader'], ['K1', 'local'], ['K2', 'local'], ['M1', 'member']])).toEqual([]);
    expect(check([['N1', 'leader'], ['K1', 'local'], ['K2', 'local'], ['K3', 'local']])).toEqual([expect.objectContaining({ rule: 'H5', code: 'local-count', countyId: 'keen' })]);
    expect(check([['N1', 'leader'], ['M1', 'member'], ['M2', 'member']])).toEqual([expect.objectContaining({ rule: 'H5', code: 'local-count', countyId: 'keen' })]);
    const foreign = checkSolution(instance, solution({ keen: [['N1', 'leader'], ['K1', 'local'], ['M1', 'member'], ['S1', 'member']] }, { shy: 'competition' }), options).violations;
    expect(foreign).toEqual([expect.objectContaining({ rule: 'H5', code: 'local-elsewhere', countyId: 'keen', expertId: 'S1' })]);
  });
});
