/**
 * H7 required needs: `tea` requires tea/processing, held only by T (disliked)
 * and by W (a wildcard `*`/processing skill, disliked more). In affinity mode
 * coverage earns nothing, so only H7 puts a coverer in the group.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { aff, county, expert, makeInstance, poolFor, solution } from '../helpers/instance.js';
import { expectValid, groupOf, idsOf, solveWith, violationsWithout } from '../helpers/solve.js';

const options = { objective: 'affinity' as const, groupMin: 3, groupMax: 5 };
const instance = makeInstance({
  counties: [county('tea')],
  needs: [
    { countyId: 'tea', industry: 'tea', stage: 'processing', required: true },
    { countyId: 'tea', industry: 'tea', stage: 'branding' }, // not required: may stay uncovered
  ],
  experts: [...poolFor('tea'), expert('T'), expert('W'), expert('B')],
  skills: [
    { expertId: 'T', industry: 'tea', stage: 'processing' },
    { expertId: 'W', industry: '*', stage: 'processing' },
    { expertId: 'B', industry: 'tea', stage: 'branding' },
  ],
  affinities: [aff('tea', 'T', -10), aff('tea', 'W', -20), aff('tea', 'B', -10)],
});

describe('H7 required needs', () => {
  it('covers the required need with the cheapest coverer, and leaves an optional need uncovered', async () => {
    const result = expectValid(instance, options, await solveWith(instance, options));
    const group = groupOf(result, 'tea');
    expect(idsOf(group)).toContain('T');
    expect(idsOf(group)).not.toContain('W');
    expect(idsOf(group)).not.toContain('B');
    expect(group.find((a) => a.expertId === 'T')?.covers).toEqual(['tea/processing']);
    expect(group.some((a) => a.covers.includes('tea/processing'))).toBe(true);
  });

  it('binds: without the H7 rows nobody covers tea/processing', async () => {
    const violations = await violationsWithout(instance, options, 'H7');
    expect(violations).toEqual([expect.objectContaining({ rule: 'H7', code: 'required-need-uncovered', countyId: 'tea' })]);
  });

  it('checkSolution: uncovered, covered exactly, covered by a wildcard', () => {
    const check = (extra: string) => checkSolution(instance, solution({ tea: [['tea-N', 'leader'], ['tea-L', 'local'], [extra, 'member']] }), options).violations;
    expect(check('tea-M1')).toEqual([expect.objectContaining({ rule: 'H7', code: 'required-need-uncovered', countyId: 'tea' })]);
    expect(check('B')).toEqual([expect.objectContaining({ rule: 'H7', code: 'required-need-uncovered' })]);
    expect(check('T')).toEqual([]);
    expect(check('W')).toEqual([]);
  });
});
