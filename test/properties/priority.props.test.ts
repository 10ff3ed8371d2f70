/**
 * The exact solver's priority order against a reference built another way:
 * with distinct priorities (every county its own tier, no pins) the
 * lexicographically best set of matched counties is the greedy one — take
 * the counties in priority order, and keep each one that can be matched
 * together with those kept so far. Each step of the reference is one
 * feasibility MILP (every county of the set forced matched), solved by
 * HiGHS; the solver's sequence of tier solves (`lexicographic.ts`, with its
 * shortcuts: full levels, the last tier, tiers left empty) must find the
 * same set. The scalable solver, a heuristic, is tallied (same set or not),
 * and must never claim `optimal` for another set.
 *
 * Runs: `PROPS_RUNS` (default below); seed: `PROPS_SEED`.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Instance } from '../../src/model/schemas.js';
import { resolveOptions, type OptionsInput } from '../../src/model/options.js';
import { buildContext } from '../../src/rules/context.js';
import { zVar } from '../../src/rules/variables.js';
import { buildGroupModel } from '../../src/solve/build-model.js';
import { allCandidates } from '../../src/solve/candidates.js';
import { highsEngine } from '../../src/solve/engines/highs.js';
import { solve } from '../../src/solve/solve.js';
import { isLongPropertyRun, propertyParameters } from '../../src/testing.js';
import { buildSmallRound } from '../helpers/arbitraries.js';
import { Tally } from './solvers.js';

const TIMEOUT = isLongPropertyRun() ? 6 * 3_600_000 : 300_000;
const tally = new Tally('priority: exact = greedy reference');
afterAll(() => tally.print());

/** A small round without pins, with few experts (so counties compete), and a random permutation as priorities. */
const ranked = fc
  .record({ counties: fc.integer({ min: 3, max: 6 }), experts: fc.integer({ min: 12, max: 30 }), seed: fc.integer({ min: 0, max: 0x7fffffff }) })
  .chain((spec) => fc.shuffledSubarray([...Array(spec.counties).keys()], { minLength: spec.counties, maxLength: spec.counties }).map((order) => ({ spec, order })))
  .map(({ spec, order }) => {
    const round = buildSmallRound({ ...spec, pin: false });
    const instance: Instance = { ...round.instance, counties: round.instance.counties.map((c, i) => ({ ...c, priority: order[i]! })) };
    return { instance, options: round.options };
  });

/** True when every county of `ids` can be matched together (HiGHS on the model of those counties, each z fixed to 1). */
async function feasibleTogether(instance: Instance, options: OptionsInput, ids: readonly string[]): Promise<boolean> {
  const ctx = buildContext(instance, resolveOptions(options));
  const counties = ids.map((id) => ctx.countyById.get(id)!);
  const { model } = buildGroupModel(ctx, { counties, candidates: allCandidates(ctx, counties), matchReward: 0 });
  for (const c of counties) model.fix(zVar(ctx, c), 1);
  const answer = await highsEngine.solve(model, { timeLimitSeconds: 30 });
  if (answer.status !== 'optimal' && answer.status !== 'feasible' && answer.status !== 'infeasible') throw new Error(`reference solve: ${answer.status}`);
  return answer.status !== 'infeasible';
}

describe('priority: the exact solver finds the greedy set of distinct priorities', () => {
  it('matches exactly the counties the greedy reference keeps', async () => {
    await fc.assert(fc.asyncProperty(ranked, async ({ instance, options }) => {
      const byPriority = [...instance.counties].sort((a, b) => a.priority! - b.priority!).map((c) => c.id);
      const kept: string[] = [];
      for (const id of byPriority) if (await feasibleTogether(instance, options, [...kept, id])) kept.push(id);
      const r = await solve(instance, { ...options, solver: 'exact' });
      if (r.status === 'invalid') throw new Error('invalid round');
      expect(r.status).toBe('optimal');
      const matched = [...new Set(r.assignments.map((a) => a.countyId))].sort();
      expect(matched).toEqual([...kept].sort());
      tally.add(kept.length < byPriority.length ? 'some-left-out' : 'all-matched');
      const scalable = await solve(instance, { ...options, solver: 'scalable' });
      if (scalable.status === 'invalid') throw new Error('invalid round');
      const set = [...new Set(scalable.assignments.map((a) => a.countyId))].sort();
      const same = JSON.stringify(set) === JSON.stringify(matched);
      tally.add(same ? 'scalable-same-set' : 'scalable-other-set');
      // Another set is worse in the order: the scalable solver must not claim it optimal.
      if (!same) expect(scalable.status).not.toBe('optimal');
      if (scalable.status === 'optimal') {
        tally.add('scalable-proven');
        // Proven in the whole order: the same score as HiGHS's optimum, too.
        expect(Math.abs(scalable.summary.objective - r.summary.objective)).toBeLessThanOrEqual(1e-6 * Math.max(1, Math.abs(r.summary.objective)));
      }
    }), propertyParameters(25));
  }, TIMEOUT);
});
