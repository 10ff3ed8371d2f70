/**
 * Properties of the fairness option (S5) on random small rounds: the result
 * stays valid and complete, keeps the pins and counties matched of the
 * plain solve, never has a weaker weakest group, and its proven bound on
 * the weakest group holds against HiGHS's optimum of the big-M model.
 *
 * Runs: `PROPS_RUNS` (default: the small counts below); seed: `PROPS_SEED`.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import { isLongPropertyRun, propertyParameters, roundArbitrary } from '../../src/testing.js';
import { resolveOptions } from '../../src/model/options.js';
import { validateInstance } from '../../src/io/validate.js';
import { buildContext } from '../../src/rules/context.js';
import { fairnessOptimum } from '../helpers/fairness-reference.js';
import { expectChecked, expectNoDataLost } from './invariants.js';
import { PROPERTY_KNOBS, Tally, atMost, brief, pinnedMatched, solveBy } from './solvers.js';

const TIMEOUT = isLongPropertyRun() ? 6 * 3_600_000 : 180_000;
const rounds = roundArbitrary(PROPERTY_KNOBS);
const tally = new Tally('fairness vs HiGHS');
afterAll(() => tally.print());

describe('fairness (S5)', () => {
  it('valid, complete, same pins and matched counties, weakest group never lower (exact and scalable)', async () => {
    await fc.assert(fc.asyncProperty(rounds, fc.constantFrom('exact' as const, 'scalable' as const), async ({ instance, options }, kind) => {
      const plain = await solveBy(kind, instance, options);
      const fair = await solveBy(kind, instance, { ...options, fairness: true });
      expectChecked(instance, { ...options, fairness: true }, fair);
      expectNoDataLost(instance, fair);
      expect(fair.summary.matchedCounties, `${brief(plain)} | ${brief(fair)}`).toBe(plain.summary.matchedCounties);
      expect(pinnedMatched(instance, fair)).toBe(pinnedMatched(instance, plain));
      if (plain.summary.weakestGroupScore === null || plain.summary.weakestGroupScore === undefined) return;
      expect(atMost(plain.summary.weakestGroupScore, fair.summary.weakestGroupScore ?? -Infinity), `${brief(plain)} | ${brief(fair)}`).toBe(true);
      expect(atMost(fair.summary.weakestGroupScore ?? Infinity, fair.summary.weakestGroupBound ?? -Infinity)).toBe(true);
    }), propertyParameters(30));
  }, TIMEOUT);

  it('the weakest-group bound is never below the HiGHS optimum, and a proven result equals it', async () => {
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options }) => {
      const fair = await solveBy('exact', instance, { ...options, fairness: true });
      const s = fair.summary;
      if (s.weakestGroupScore === null || s.weakestGroupScore === undefined) return;
      const ctx = buildContext(validateInstance(instance, resolveOptions(options)).instance, resolveOptions(options));
      const best = await fairnessOptimum(ctx, { counties: s.matchedCounties, pinned: pinnedMatched(instance, fair) });
      fc.pre(best !== undefined);
      const message = `${brief(fair)} weakest ${s.weakestGroupScore} bound ${s.weakestGroupBound} | HiGHS ${best!.weakest}`;
      expect(atMost(s.weakestGroupScore, best!.weakest), message).toBe(true);
      expect(atMost(best!.weakest, s.weakestGroupBound ?? -Infinity), message).toBe(true);
      const reached = atMost(best!.weakest, s.weakestGroupScore);
      if (fair.status === 'optimal') expect(reached && atMost(best!.total, s.objective), message).toBe(true);
      tally.add(reached ? 'weakest-optimal' : 'weakest-below-optimum');
      if (reached) tally.add(atMost(best!.total, s.objective) ? 'total-optimal-too' : 'total-below');
    }), propertyParameters(30));
  }, TIMEOUT);
});
