/**
 * H1 一县一组: the rule has no constraints of its own (one z[c] per county,
 * one x[e,c] per pair make it structural), so its binding is shown on
 * hand-made bad solutions, and on solver results that must list every
 * county exactly once.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { MODEL_RULES } from '../../src/solve/build-model.js';
import { county, local, makeInstance, national, expert, solution } from '../helpers/instance.js';
import { solveWith } from '../helpers/solve.js';

const options = { groupMin: 3, groupMax: 3 };
const instance = makeInstance({
  counties: [county('c1'), county('c2'), county('c3')],
  experts: [
    national('N1'), local('L1', 'c1'), expert('M1'),
    national('N2'), local('L2', 'c2'), expert('M2'),
    // c3 has no local scientist: it can never be matched.
    national('N3'), expert('M3'),
  ],
});
const valid = () => solution(
  { c1: [['N1', 'leader'], ['L1', 'local'], ['M1', 'member']], c2: [['N2', 'leader'], ['L2', 'local'], ['M2', 'member']] },
  { c3: 'no-local-scientist' },
);

describe('H1 one group per county', () => {
  it('has no model constraints of its own', () => {
    expect(MODEL_RULES.map((r) => r.id)).not.toContain('H1');
  });

  it('accepts a solution listing each county once', () => {
    const report = checkSolution(instance, valid(), options);
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.matchedCounties).toBe(2);
  });

  it('solveExact lists every county exactly once: in a group or unmatched', async () => {
    const result = await solveWith(instance, options);
    const matched = new Set(result.assignments.map((a) => a.countyId));
    const unmatched = result.unmatched.map((u) => u.countyId);
    expect([...matched].sort()).toEqual(['c1', 'c2']);
    expect(unmatched).toEqual(['c3']);
    expect(result.unmatched[0]?.reasonCode).toBe('no-local-scientist');
    expect(result.summary.matchedCounties + result.unmatched.length).toBe(instance.counties.length);
  });

  it('detects a county in a group and also unmatched', () => {
    const bad = valid();
    const report = checkSolution(instance, { ...bad, unmatched: [...bad.unmatched, { countyId: 'c1', reasonCode: 'competition' }] }, options);
    expect(report.ok).toBe(false);
    expect(report.violations).toContainEqual(expect.objectContaining({ rule: 'H1', code: 'matched-and-unmatched', countyId: 'c1' }));
  });

  it('detects a county that is neither matched nor unmatched', () => {
    const bad = valid();
    const report = checkSolution(instance, { ...bad, unmatched: [] }, options);
    expect(report.violations).toEqual([expect.objectContaining({ rule: 'H1', code: 'county-missing', countyId: 'c3' })]);
  });

  it('detects a county listed twice as unmatched', () => {
    const bad = valid();
    const report = checkSolution(instance, { ...bad, unmatched: [...bad.unmatched, { countyId: 'c3', reasonCode: 'competition' }] }, options);
    expect(report.violations).toEqual([expect.objectContaining({ rule: 'H1', code: 'duplicate-unmatched', countyId: 'c3' })]);
  });

  it('detects a member listed twice in one group', () => {
    const bad = valid();
    const report = checkSolution(instance, { ...bad, assignments: [...bad.assignments, { countyId: 'c1', expertId: 'M1', role: 'member' }] }, options);
    expect(report.violations).toContainEqual(expect.objectContaining({ rule: 'H1', code: 'duplicate-member', countyId: 'c1', expertId: 'M1' }));
  });

  it('detects unknown county and expert ids', () => {
    const bad = valid();
    const report = checkSolution(instance, {
      assignments: [...bad.assignments, { countyId: 'nowhere', expertId: 'M3', role: 'member' }, { countyId: 'c2', expertId: 'ghost', role: 'member' }],
      unmatched: [...bad.unmatched, { countyId: 'atlantis', reasonCode: 'competition' }],
    }, options);
    const h1 = report.violations.filter((v) => v.rule === 'H1');
    expect(h1).toContainEqual(expect.objectContaining({ code: 'unknown-county', countyId: 'nowhere' }));
    expect(h1).toContainEqual(expect.objectContaining({ code: 'unknown-expert', countyId: 'c2', expertId: 'ghost' }));
    expect(h1).toContainEqual(expect.objectContaining({ code: 'unknown-county', countyId: 'atlantis' }));
  });
});
