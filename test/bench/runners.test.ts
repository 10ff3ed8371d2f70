/**
 * The benchmark's runners (bench/runners/), not timed: the default solve
 * (`auto`) and the library's exact solver run on the tiny preset and their
 * results pass the worker's own check; the skips follow the library's
 * limits.
 */
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import { EXACT_BINARY_LIMIT, JSLP_BINARY_LIMIT } from '../../src/solve/exact/solve-exact.js';
import { pairCount } from '../../bench/runners/common.js';
import { RUNNERS } from '../../bench/runners/index.js';
import { skipReason } from '../../bench/runners/skips.js';
import { RUNNER_NAMES, type RunnerOptions } from '../../bench/types.js';

const OPTS: RunnerOptions = {
  timeLimit: 30, seed: 1, topK: 40, exactBinaryLimit: EXACT_BINARY_LIMIT, jslpBinaryLimit: JSLP_BINARY_LIMIT,
  highsFullBinaryLimit: 60_000, highsPrunedBinaryLimit: 60_000,
};

describe('benchmark runners', () => {
  it('has a module for every runner name', () => {
    expect(Object.keys(RUNNERS).sort()).toEqual([...RUNNER_NAMES].sort());
  });

  it.each(['auto', 'exact'] as const)('%s solves the tiny preset to a checked, proven result', async (name) => {
    const instance = generateInstance('tiny', 1);
    const size = { counties: instance.counties.length, experts: instance.experts.length, pairs: pairCount(instance, OPTS) };
    const runner = await RUNNERS[name]();
    const outcome = await runner.run(instance, size, OPTS);
    if (outcome.kind !== 'done') throw new Error(`${name}: ${outcome.kind}: ${outcome.note}`);
    expect(outcome.violations).toBe(0);
    expect(outcome.value.status).toBe('optimal');
    expect(outcome.value.gap).toBe(0);
    expect(outcome.value.matched).toBe(instance.counties.length);
    expect(outcome.value.solver).toMatch(name === 'exact' ? /^exact\/highs/ : /./);
  });

  it('skips exact above EXACT_BINARY_LIMIT and jslp above JSLP_BINARY_LIMIT', () => {
    const at = (pairs: number) => ({ counties: 10, experts: 10, pairs });
    expect(skipReason('exact', at(EXACT_BINARY_LIMIT), OPTS)).toBeUndefined();
    expect(skipReason('exact', at(EXACT_BINARY_LIMIT + 1), OPTS)).toMatch(/EXACT_BINARY_LIMIT/);
    expect(skipReason('jslp', at(JSLP_BINARY_LIMIT), OPTS)).toBeUndefined();
    expect(skipReason('jslp', at(JSLP_BINARY_LIMIT + 1), OPTS)).toMatch(/javascript-lp-solver/);
    expect(skipReason('auto', at(10 ** 9), OPTS)).toBeUndefined();
  });
});
