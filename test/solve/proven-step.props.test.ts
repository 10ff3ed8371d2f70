/**
 * Property (issue 11): on random small affinity-mode rounds whose ratings lie
 * on a grid (the kit's whole numbers times a step drawn from 1, 0.5, 0.25,
 * 2), the scalable solver's bound, rounded to the step, still bounds
 * HiGHS's proven optimum, and every result it calls `optimal` is that
 * optimum (same standing in the solvers' order, same score) with gap 0.
 *
 * Runs: `PROPS_RUNS` (default below); seed: `PROPS_SEED`.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { OptionsInput } from '../../src/model/options.js';
import type { Instance } from '../../src/model/schemas.js';
import { isLongPropertyRun, propertyParameters, roundArbitrary } from '../../src/testing.js';
import { expectChecked } from '../properties/invariants.js';
import { atMost, brief, close, compareLex, solveBy, Tally } from '../properties/solvers.js';

const TIMEOUT = isLongPropertyRun() ? 6 * 3_600_000 : 300_000;
const tally = new Tally('scalable on grid ratings vs HiGHS, issue 11');
afterAll(() => tally.print());

const rounds = fc
  .record({ round: roundArbitrary({ objective: 'affinity' }), step: fc.constantFrom(1, 0.5, 0.25, 2) })
  .map(({ round, step }) => {
    const instance: Instance = { ...round.instance, affinities: round.instance.affinities.map((a) => (a.score === undefined ? a : { ...a, score: a.score * step })) };
    const options: OptionsInput = { ...round.options, objective: 'affinity' };
    return { instance, options, step };
  });

describe('optimal from the rounded bound', () => {
  it('is HiGHS\'s optimum, and the rounded bound still bounds it', async () => {
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options, step }) => {
      const h = await solveBy('highs', instance, options);
      const s = await solveBy('scalable', instance, options);
      expectChecked(instance, options, s);
      const why = `step ${step} | ${brief(s)} | ${brief(h)} | ${JSON.stringify(options)}`;
      expect(h.status, why).toBe('optimal');
      expect(atMost(s.summary.objective, s.summary.upperBound), why).toBe(true);
      if (h.summary.matchedCounties >= s.summary.matchedCounties) expect(atMost(h.summary.objective, s.summary.upperBound), why).toBe(true);
      // The bound written is a multiple of the step, or the score itself (a float sum a hair off the grid).
      const multiple = Math.abs(s.summary.upperBound / step - Math.round(s.summary.upperBound / step)) <= 1e-6;
      expect(multiple || s.summary.upperBound === s.summary.objective, why).toBe(true);
      if (s.status === 'optimal') {
        expect(compareLex(instance, s, h), why).toBe(0);
        expect(close(s.summary.objective, h.summary.objective), why).toBe(true);
        expect(s.summary.gap, why).toBe(0);
      }
      tally.add(`status:${s.status}`);
    }), propertyParameters(40));
  }, TIMEOUT);
});
