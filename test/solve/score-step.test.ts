/**
 * Claim what is proven (issue 11): in `--objective affinity` with ratings on
 * a grid (integers, as surveys give them), every score is a multiple of the
 * grid's step, so a bound rounds down to it; a result whose score reaches the
 * rounded bound is optimal, and is reported so.
 */
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import { resolveOptions, type OptionsInput } from '../../src/model/options.js';
import type { Instance } from '../../src/model/schemas.js';
import { roundBoundToStep, scoreStep } from '../../src/objective/score-step.js';
import { buildContext } from '../../src/rules/context.js';
import { solve } from '../../src/solve/solve.js';
import { aff, county, makeInstance } from '../helpers/instance.js';

function stepOf(instance: Instance, options: OptionsInput = { objective: 'affinity' }): number | undefined {
  return scoreStep(buildContext(instance, resolveOptions(options)));
}

const rated = (scores: number[], veto = false): Instance => makeInstance({
  counties: [county('c1')],
  affinities: scores.map((s, i) => ({ ...aff('c1', `e${i}`, s), veto })),
});

describe('the step of the scores', () => {
  it('is the largest step every rating is a multiple of, in affinity mode only', () => {
    expect(stepOf(rated([2, 4, 6]))).toBe(2);
    expect(stepOf(rated([3, -6, 0]))).toBe(3);
    expect(stepOf(rated([0.5, 1.5]))).toBe(0.5);
    expect(stepOf(rated([1 / 3, 1]))).toBeUndefined();
    expect(stepOf(rated([]))).toBe(1);
    expect(stepOf(rated([2, 4]), { objective: 'default' })).toBeUndefined();
    // A vetoed pair never serves: its rating cannot be in any score.
    expect(stepOf(rated([0.7], true))).toBe(1);
  });

  it('rounds a bound down to the step, never below a score reached, and counts engine noise as the multiple', () => {
    expect(roundBoundToStep(96.4, 1, 95)).toBe(96);
    expect(roundBoundToStep(96.4, 2, 90)).toBe(96);
    expect(roundBoundToStep(95.99999999999, 1, 90)).toBe(96);
    expect(roundBoundToStep(95.2, 1, 95.2)).toBe(95.2);
    expect(roundBoundToStep(96.4, undefined, 95)).toBe(96.4);
  });
});

describe('solving with integer ratings', () => {
  it('reports optimal where the rounded bound proves it, with the score HiGHS proves best', async () => {
    let proven = 0;
    for (let seed = 1; seed <= 6; seed++) {
      const instance = generateInstance('tiny', seed);
      const scalable = await solve(instance, { objective: 'affinity', solver: 'scalable', seed, timeLimit: 20 });
      const exact = await solve(instance, { objective: 'affinity', solver: 'exact', seed, timeLimit: 20 });
      if (scalable.status === 'invalid' || exact.status === 'invalid') throw new Error('refused');
      expect(exact.status).toBe('optimal');
      expect(Number.isInteger(scalable.summary.upperBound)).toBe(true);
      if (scalable.status === 'optimal') {
        proven++;
        expect(scalable.summary.objective).toBeCloseTo(exact.summary.objective, 9);
        expect(scalable.summary.gap).toBe(0);
      } else expect(scalable.summary.upperBound).toBeGreaterThanOrEqual(exact.summary.objective);
    }
    // Before the rounding every one of these was `feasible` (bounds 21.000000023 for a score of 21, and so on).
    expect(proven).toBeGreaterThanOrEqual(5);
  });
});
