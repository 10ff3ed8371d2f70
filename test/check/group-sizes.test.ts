/**
 * summary.json `groupSizes` (S6): the smallest, mean and largest group, as
 * the solvers write it and as `check` recomputes it from the rows. A summary
 * without the field (results of versions before S6) is still accepted.
 */
import { describe, expect, it } from 'vitest';
import { verifyResult } from '../../src/check/verify-result.js';
import { groupSizeSummary } from '../../src/objective/group-size.js';
import type { SolveResult } from '../../src/model/result.js';
import { county, makeInstance, poolFor } from '../helpers/instance.js';
import { solveWith } from '../helpers/solve.js';

// Two counties whose pools allow groups of 3 and 5 members; the target 4 is reached by neither.
const instance = makeInstance({
  counties: [county('a', { groupMin: 3, groupMax: 3 }), county('b', { groupMin: 5, groupMax: 5 })],
  experts: [...poolFor('a', { members: 4 }), ...poolFor('b', { members: 4 })],
});
const options = { groupMin: 3, groupMax: 6, targetSize: 4 };

function stored(result: SolveResult): Parameters<typeof verifyResult>[1] {
  const { seconds: _seconds, ...summary } = result.summary;
  return { assignments: result.assignments, unmatched: result.unmatched, summary };
}

describe('summary groupSizes', () => {
  it('min, mean and max of the groups; null without groups', () => {
    expect(groupSizeSummary([3, 5, 4])).toEqual({ min: 3, mean: 4, max: 5 });
    expect(groupSizeSummary([])).toBeNull();
  });

  it('is written by the solver and holds up in check', async () => {
    const result = await solveWith(instance, options);
    expect(result.summary.groupSizes).toEqual({ min: 3, mean: 4, max: 5 });
    expect(verifyResult(instance, stored(result), options).findings).toEqual([]);
  });

  it('a false claim is refused, naming the field', async () => {
    const result = await solveWith(instance, options);
    const s = stored(result);
    const tampered = { ...s, summary: { ...s.summary!, groupSizes: { min: 3, mean: 4.5, max: 6 } } };
    expect(verifyResult(instance, tampered, options).findings).toEqual([expect.objectContaining({ kind: 'false-claim', code: 'group-sizes', field: 'groupSizes' })]);
  });

  it('an older summary without it is accepted', async () => {
    const s = stored(await solveWith(instance, options));
    const { groupSizes: _sizes, ...older } = s.summary!;
    expect(verifyResult(instance, { ...s, summary: older }, options).findings).toEqual([]);
  });
});
