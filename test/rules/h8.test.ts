/**
 * H8 双向选择, conflicts of interest: no vetoed pair. H8 adds no rows (a vetoed
 * pair gets no variable, see eligibility.ts), so its binding is shown by
 * the optimum: without the veto the much-liked V is in the group; with the
 * veto it is not, and the group is still formed.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { MODEL_RULES } from '../../src/solve/build-model.js';
import { isEligible } from '../../src/rules/eligibility.js';
import { aff, county, expert, makeContext, makeInstance, poolFor, veto } from '../helpers/instance.js';
import { expectValid, groupOf, idsOf, solveWith } from '../helpers/solve.js';

const options = { objective: 'affinity' as const, groupMin: 3, groupMax: 4 };
const parts = { counties: [county('c1'), county('c2')], experts: [...poolFor('c1'), ...poolFor('c2'), expert('V')] };
const free = makeInstance({ ...parts, affinities: [aff('c1', 'V', 10)] });
const vetoed = makeInstance({ ...parts, affinities: [{ ...aff('c1', 'V', 10), veto: true }] });

describe('H8 vetoes', () => {
  it('has no model rows of its own: it acts through eligibility', () => {
    expect(MODEL_RULES.map((r) => r.id)).not.toContain('H8');
    const ctx = makeContext(vetoed, options);
    expect(isEligible(ctx, ctx.expertById.get('V')!, ctx.countyById.get('c1')!)).toBe(false);
    expect(isEligible(ctx, ctx.expertById.get('V')!, ctx.countyById.get('c2')!)).toBe(true);
  });

  it('binds: the veto changes the optimum', async () => {
    const before = expectValid(free, options, await solveWith(free, options));
    expect(idsOf(groupOf(before, 'c1'))).toContain('V');
    const after = expectValid(vetoed, options, await solveWith(vetoed, options));
    expect(idsOf(groupOf(after, 'c1'))).not.toContain('V');
    expect(after.summary.matchedCounties).toBe(2);
    expect(after.summary.objective).toBeLessThan(before.summary.objective);
    // The optimum without the veto breaks H8 once the veto is in.
    const report = checkSolution(vetoed, before, options);
    expect(report.violations).toEqual([expect.objectContaining({ rule: 'H8', code: 'vetoed-pair', countyId: 'c1', expertId: 'V' })]);
  });

  it('a veto without a score also excludes the pair', async () => {
    const inst = makeInstance({ ...parts, affinities: [veto('c1', 'c1-M1'), veto('c1', 'c1-M2'), veto('c1', 'c1-M3')] });
    const result = expectValid(inst, options, await solveWith(inst, options));
    expect(idsOf(groupOf(result, 'c1')).filter((id) => id.startsWith('c1-M'))).toEqual([]);
  });
});
