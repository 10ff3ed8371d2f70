/**
 * Issue 9 A4: the time limit counts from when the caller's work began
 * (`startedAt`: the command line passes the moment the command started, so
 * reading and validating the input count), not from the call of `solve`. A
 * limit already spent when solving starts returns `time-limit` at once.
 * `startedAt` is not a round option: it is not written into the summary.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { generateInstance } from '../../src/generate/index.js';
import { solveBatch } from '../../src/incremental/batch.js';
import { solve } from '../../src/solve/solve.js';

/** What the caller already spent before calling: more than the limit. */
const SPENT_MS = 30_000;
const LIMIT = 5;

describe('the time limit counts from the caller\'s start', () => {
  it('solve: a limit spent before the call returns time-limit at once, and startedAt is not a round option', async () => {
    const instance = generateInstance('demo', 1);
    const called = Date.now();
    const result = await solve(instance, { timeLimit: LIMIT, startedAt: called - SPENT_MS });
    const seconds = (Date.now() - called) / 1000;
    if (result.status === 'invalid') throw new Error(JSON.stringify(result.issues));
    expect(result.status).toBe('time-limit');
    expect(seconds).toBeLessThan(2);
    expect(result.summary.seconds).toBeGreaterThanOrEqual(SPENT_MS / 1000);
    expect(result.summary.options).not.toHaveProperty('startedAt');
    expect(checkSolution(instance, result, { timeLimit: LIMIT }).ok).toBe(true);
  });

  it('solve: without startedAt the limit counts from the call (the demo is solved, proven optimal)', async () => {
    const result = await solve(generateInstance('demo', 1), { timeLimit: LIMIT });
    expect(result.status).toBe('optimal');
  });

  it('solveBatch: the same start reaches the batch\'s solve', async () => {
    const instance = generateInstance('province', 1);
    const batch = instance.counties.find((c) => c.batch !== undefined)?.batch;
    expect(batch).toBeDefined();
    const called = Date.now();
    const result = await solveBatch(instance, { batch: batch! }, { timeLimit: LIMIT, startedAt: called - SPENT_MS });
    if (result.status === 'invalid') throw new Error(JSON.stringify(result.issues));
    expect((Date.now() - called) / 1000).toBeLessThan(3);
    expect(result.status).toBe('time-limit');
    expect(result.summary.options).not.toHaveProperty('startedAt');
    expect(result.summary.seconds).toBeGreaterThanOrEqual(SPENT_MS / 1000);
  });
});
