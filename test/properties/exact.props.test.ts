/**
 * Properties of the exact solver (HiGHS, reduced-cost fixing) on random small
 * rounds: valid, complete, equal to the HiGHS optimum, reproducible.
 *
 * Runs: `PROPS_RUNS` (default: the small counts below); seed: `PROPS_SEED`
 * (default fixed). A failure prints the seed and path to replay it.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isLongPropertyRun, propertyParameters, roundArbitrary } from '../../src/testing.js';
import { expectChecked, expectNoDataLost } from './invariants.js';
import { PROPERTY_KNOBS, Tally, brief, close, compareLex, pinnedMatched, solveBy, writtenBytes } from './solvers.js';

const TIMEOUT = isLongPropertyRun() ? 6 * 3_600_000 : 120_000;
const rounds = roundArbitrary(PROPERTY_KNOBS);
const tally = new Tally('exact = HiGHS');
afterAll(() => tally.print());

describe('exact solver (HiGHS)', () => {
  it('returns results that pass the independent checker', async () => {
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options }) => {
      expectChecked(instance, options, await solveBy('exact', instance, options));
    }), propertyParameters(40));
  }, TIMEOUT);

  it('loses no data: every county once, every expert serves or is free', async () => {
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options }) => {
      expectNoDataLost(instance, await solveBy('exact', instance, options));
    }), propertyParameters(40));
  }, TIMEOUT);

  it('equals the HiGHS optimum (matched count and objective), in both objective modes', async () => {
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options }) => {
      const exact = await solveBy('exact', instance, options);
      const highs = await solveBy('highs', instance, options);
      expect(highs.status, brief(highs)).toBe('optimal');
      tally.add(`mode:${options.objective ?? 'default'}`);
      tally.add(highs.summary.matchedCounties > 0 ? 'some-matched' : 'none-matched');
      if (exact.status === 'optimal') {
        tally.add('exact-proven');
        expect(pinnedMatched(instance, exact), `${brief(exact)} | ${brief(highs)}`).toBe(pinnedMatched(instance, highs));
        expect(exact.summary.matchedCounties, `${brief(exact)} | ${brief(highs)}`).toBe(highs.summary.matchedCounties);
        expect(close(exact.summary.objective, highs.summary.objective), `${brief(exact)} | ${brief(highs)}`).toBe(true);
      } else {
        // The time limit cut the search: the result is valid but may be worse, never better.
        tally.add(`exact-${exact.status}`);
        expect(compareLex(instance, exact, highs), `${brief(exact)} | ${brief(highs)}`).toBeLessThanOrEqual(0);
      }
    }), propertyParameters(40));
  }, TIMEOUT);

  it('is reproducible: the same input, options and seed give byte-identical result files', async () => {
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options }) => {
      const a = await solveBy('exact', instance, options);
      const b = await solveBy('exact', instance, options);
      // A search cut by the time limit may stop at a different node; only proven results must repeat.
      fc.pre(a.status === 'optimal' && b.status === 'optimal');
      const fa = await writtenBytes(a);
      const fb = await writtenBytes(b);
      expect([...fa.keys()]).toEqual(['assignments.csv', 'manifest.json', 'summary.json', 'timing.json', 'unmatched.csv']);
      for (const name of ['assignments.csv', 'unmatched.csv', 'summary.json', 'manifest.json']) {
        expect(fb.get(name)?.equals(fa.get(name)!), `${name} differs`).toBe(true);
      }
    }), propertyParameters(20));
  }, TIMEOUT);
});
