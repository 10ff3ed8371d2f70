/**
 * The greedy baseline of bench/baselines/greedy.ts. Its bound, the simple
 * per-county one of bounds.ts, is computed after the timed solve (it is not
 * part of the greedy), and only up to `greedyBoundPairs` county–expert pairs.
 */
import type { Instance } from '../../src/model/schemas.js';
import type { RoundContext } from '../../src/rules/context.js';
import { simpleBound, solveGreedy } from '../baselines/greedy.js';
import { pairCount, prepareRound, summaryValue } from './common.js';
import { defineRunner } from './define.js';

/** Above this many county–expert pairs the simple bound is not computed (it scores every expert of a county's industries). */
export const GREEDY_BOUND_PAIRS = 20_000_000;

export const greedyRunner = defineRunner<{ instance: Instance; ctx?: RoundContext }>({
  name: 'greedy',
  description: 'greedy baseline: counties in order; leader, locals, East–West, required needs, then fill by marginal score',
  convert: (instance) => ({ instance }),
  async solve(input, opts) {
    const startedAt = Date.now();
    const { ctx, warnings } = prepareRound(input.instance, opts);
    input.ctx = ctx;
    return solveGreedy(ctx, { startedAt, warnings });
  },
  value(result, input, opts) {
    const v = summaryValue(result);
    const pairs = pairCount(input.instance, opts);
    if (!input.ctx || pairs > GREEDY_BOUND_PAIRS) return { ...v, bound: null, boundValid: false, gap: null, note: `bound n/a: the simple bound scores ${pairs} pairs (> ${GREEDY_BOUND_PAIRS})` };
    const cannotMatch = new Set(result.unmatched.filter((u) => u.reasonCode !== 'competition').map((u) => u.countyId));
    const bound = Math.max(simpleBound(input.ctx, cannotMatch), v.objective);
    return { ...v, bound, boundValid: true, gap: (bound - v.objective) / Math.max(Math.abs(bound), 1e-9), note: "bound: Σ of each county's best group alone (bounds.ts countyScoreRange), computed untimed" };
  },
});
