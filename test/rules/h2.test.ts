/**
 * H2 an expert's load: a star expert wanted by every county serves at most
 * `capacity` groups (1 by default, 2 when its row says so); without the H2
 * rows the optimum puts it everywhere.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { aff, county, expert, makeInstance, poolFor, solution } from '../helpers/instance.js';
import { expectValid, solveWith, violationsWithout } from '../helpers/solve.js';

const options = { objective: 'affinity' as const, groupMin: 3, groupMax: 4 };
const counties = ['c1', 'c2', 'c3'];
const instance = makeInstance({
  counties: counties.map((c) => county(c)),
  experts: [
    ...counties.flatMap((c) => poolFor(c, { members: 2 })),
    expert('S'), // default capacity 1
    expert('T', { capacity: 2 }),
    expert('Z', { capacity: 0 }),
  ],
  affinities: counties.flatMap((c) => [aff(c, 'S', 10), aff(c, 'T', 10), aff(c, 'Z', 100)]),
});

function load(assignments: readonly { expertId: string }[], id: string): number {
  return assignments.filter((a) => a.expertId === id).length;
}

describe('H2 capacity', () => {
  it('keeps every expert within capacity (1 by default, 2 when set, 0 never serves)', async () => {
    const result = expectValid(instance, options, await solveWith(instance, options));
    expect(result.summary.matchedCounties).toBe(3);
    expect(load(result.assignments, 'S')).toBe(1);
    expect(load(result.assignments, 'T')).toBe(2);
    expect(load(result.assignments, 'Z')).toBe(0);
    expect(result.summary.objective).toBeCloseTo(30, 9);
  });

  it('binds: without the H2 rows the stars serve every county', async () => {
    const violations = await violationsWithout(instance, options, 'H2');
    expect(violations).toContainEqual(expect.objectContaining({ rule: 'H2', code: 'over-capacity', expertId: 'S' }));
    expect(violations).toContainEqual(expect.objectContaining({ rule: 'H2', code: 'over-capacity', expertId: 'T' }));
    // Capacity 0 is enforced by eligibility, not by the rows: Z never gets a variable.
    expect(violations.map((v) => v.expertId)).not.toContain('Z');
  });

  it('checkSolution reports over-capacity, and accepts capacity 2 used twice', () => {
    const base = (extra: Record<string, [string, 'member'][]>) => solution({
      c1: [['c1-N', 'leader'], ['c1-L', 'local'], ['c1-M1', 'member'], ...(extra['c1'] ?? [])],
      c2: [['c2-N', 'leader'], ['c2-L', 'local'], ['c2-M1', 'member'], ...(extra['c2'] ?? [])],
      c3: [['c3-N', 'leader'], ['c3-L', 'local'], ['c3-M1', 'member'], ...(extra['c3'] ?? [])],
    });
    expect(checkSolution(instance, base({ c1: [['T', 'member']], c2: [['T', 'member']] }), options).ok).toBe(true);
    const overT = checkSolution(instance, base({ c1: [['T', 'member']], c2: [['T', 'member']], c3: [['T', 'member']] }), options);
    expect(overT.violations).toEqual([expect.objectContaining({ rule: 'H2', code: 'over-capacity', expertId: 'T' })]);
    const overS = checkSolution(instance, base({ c1: [['S', 'member']], c2: [['S', 'member']] }), options);
    expect(overS.violations).toEqual([expect.objectContaining({ rule: 'H2', code: 'over-capacity', expertId: 'S' })]);
    const zero = checkSolution(instance, base({ c1: [['Z', 'member']] }), options);
    expect(zero.violations).toEqual([expect.objectContaining({ rule: 'H2', code: 'over-capacity', expertId: 'Z' })]);
  });
});
