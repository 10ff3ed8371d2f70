/**
 * `auto` on small rounds: the exact solver first, its proven optimum
 * returned without running the scalable solver (which reports progress);
 * above `EXACT_FIRST_PAIRS` the scalable solver runs first, as before.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { generateInstance } from '../../src/generate/index.js';
import { resolveOptions } from '../../src/model/options.js';
import { buildContext } from '../../src/rules/context.js';
import { EXACT_FIRST_PAIRS, solveAuto } from '../../src/solve/auto.js';

/** `auto` on demo seed 1 told it has `pairs` eligible pairs, with room for a polish above the exact-first limit. */
function run(pairs: number) {
  const instance = generateInstance('demo', 1);
  const ctx = buildContext(instance, resolveOptions({}));
  const phases: string[] = [];
  return solveAuto(ctx, { startedAt: Date.now(), exactLimit: 2 * EXACT_FIRST_PAIRS, pairs: () => pairs, onProgress: (p) => phases.push(p.phase) }).then((result) => ({ instance, result, phases }));
}

describe('auto runs the exact solver first on small rounds', () => {
  it('a demo round: proven optimal by HiGHS, the scalable solver never started', async () => {
    const { instance, result, phases } = await run(2_705);
    expect(result.status).toBe('optimal');
    expect(result.summary.solver).toBe('exact/highs');
    expect(phases).toEqual([]);
    expect(checkSolution(instance, result, {}).ok).toBe(true);
  });

  it('a round counted as 100 counties (195,000 pairs): still the exact solver first (reduced-cost fixing proves such rounds faster than HiGHS on the whole model)', async () => {
    const { result, phases } = await run(195_000);
    expect(EXACT_FIRST_PAIRS).toBeGreaterThanOrEqual(195_000);
    expect(result.status).toBe('optimal');
    expect(phases).toEqual([]);
  });

  it('the same round counted above the limit: the scalable solver first, the same optimum after the polish', async () => {
    const small = await run(2_705);
    const { result, phases } = await run(EXACT_FIRST_PAIRS + 1);
    expect(phases.length).toBeGreaterThan(0);
    expect(result.status).toBe('optimal');
    expect(result.summary.objective).toBeCloseTo(small.result.summary.objective, 6);
  });
});
