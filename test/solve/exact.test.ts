/**
 * The exact solver against the reference: on random small rounds,
 * `solveExact` with javascript-lp-solver returns a result that passes the
 * independent checker, proven optimal, with the same matched count and the
 * same objective as HiGHS on the same model, in both objective modes; both
 * engines report the same counties as unmatchable, and every such
 * diagnosis is confirmed by HiGHS (the county alone, forced matched, is
 * infeasible).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { validateInstance } from '../../src/io/validate.js';
import type { SolveResult } from '../../src/model/result.js';
import type { County } from '../../src/model/schemas.js';
import type { RoundContext } from '../../src/rules/context.js';
import { zVar } from '../../src/rules/variables.js';
import { buildGroupModel } from '../../src/solve/build-model.js';
import { allCandidates } from '../../src/solve/candidates.js';
import { highsEngine } from '../../src/solve/engines/highs.js';
import { jsLpEngine } from '../../src/solve/engines/jslp.js';
import { buildSmallRound, smallRoundArb } from '../helpers/arbitraries.js';
import { makeContext } from '../helpers/instance.js';
import { solveWith } from '../helpers/solve.js';

/** True when HiGHS finds a valid group for the county alone (its z fixed to 1). */
async function feasibleAlone(ctx: RoundContext, county: County): Promise<boolean> {
  const candidates = allCandidates(ctx, [county]);
  const { model } = buildGroupModel(ctx, { counties: [county], candidates, matchReward: 1 });
  model.fix(zVar(ctx, county), 1);
  const answer = await highsEngine.solve(model, { timeLimitSeconds: 30 });
  return answer.status === 'optimal' || answer.status === 'feasible';
}

/** Counties unmatched for a reason of their own (not because others took their experts). */
function diagnosed(result: SolveResult): string[] {
  return result.unmatched.filter((u) => u.reasonCode !== 'competition').map((u) => `${u.countyId}:${u.reasonCode}`);
}

describe('solveExact: javascript-lp-solver against HiGHS', () => {
  it('builds valid rounds (sanity of the arbitrary)', () => {
    // With the round's own options: its group sizes and quotas judge county sizes and pins (issue #9 E5).
    fc.assert(fc.property(smallRoundArb(), ({ instance, options }) => {
      expect(validateInstance(instance, options).issues).toEqual([]);
    }), { seed: 42, numRuns: 200 });
    // Reproducible: the same numbers give the same round.
    const spec = { counties: 3, experts: 30, seed: 7, pin: true };
    expect(buildSmallRound(spec)).toEqual(buildSmallRound(spec));
  });

  it('agrees with HiGHS on random small rounds, in both objective modes', async () => {
    let matchedSomewhere = 0;
    let unmatchedSomewhere = 0;
    let pinned = 0;
    await fc.assert(
      fc.asyncProperty(smallRoundArb(), async ({ instance, options }) => {
        expect(validateInstance(instance, options).issues).toEqual([]);
        let affinityResult: SolveResult | undefined;
        for (const objective of ['affinity', 'default'] as const) {
          const opts = { ...options, objective };
          const js = await solveWith(instance, opts, { engine: jsLpEngine });
          const hi = await solveWith(instance, opts, { engine: highsEngine });
          const report = checkSolution(instance, js, opts);
          expect(report.violations).toEqual([]);
          expect(js.status).toBe('optimal');
          expect(hi.status).toBe('optimal');
          expect(js.summary.matchedCounties).toBe(hi.summary.matchedCounties);
          expect(Math.abs(js.summary.objective - hi.summary.objective), `${objective}: jslp ${js.summary.objective} vs HiGHS ${hi.summary.objective}`).toBeLessThanOrEqual(1e-6);
          expect(report.objective).toBeCloseTo(js.summary.objective, 9);
          // Proven optimal: the model's own optimum (less the match reward) is the checker's score.
          for (const r of [js, hi]) {
            expect(r.summary.gap).toBe(0);
            expect(Math.abs(r.summary.upperBound - r.summary.objective)).toBeLessThanOrEqual(1e-6);
            expect(r.summary.matchableUpperBound).toBe(r.summary.matchedCounties);
          }
          expect(diagnosed(js)).toEqual(diagnosed(hi));
          expect(js.unmatched.length).toBe(hi.unmatched.length);
          if (objective === 'affinity') affinityResult = js;
          matchedSomewhere += js.summary.matchedCounties;
          unmatchedSomewhere += js.unmatched.length;
        }
        if (instance.pins.length > 0) pinned++;
        // Every county diagnosed unmatchable really is: alone and forced matched, HiGHS finds no group.
        const ctx = makeContext(instance, { ...options, objective: 'affinity' });
        for (const u of affinityResult?.unmatched ?? []) {
          if (u.reasonCode === 'competition') continue;
          expect(await feasibleAlone(ctx, ctx.countyById.get(u.countyId)!), `${u.countyId} reported ${u.reasonCode}`).toBe(false);
        }
      }),
      { seed: 42, numRuns: 60 },
    );
    // The rounds exercise both outcomes, and pins.
    expect(matchedSomewhere).toBeGreaterThan(0);
    expect(unmatchedSomewhere).toBeGreaterThan(0);
    expect(pinned).toBeGreaterThan(0);
  }, 120_000);
});
