/**
 * Claim what is proven (issue 11): in `--objective affinity` with ratings on
 * a grid, the scalable solver's bound is rounded down to the grid's step in
 * the solver itself (its status, and its last progress report), so that a
 * round it solves to optimality is reported `optimal`, with bound = score
 * and gap 0, which `check` accepts; a folder claiming optimal with a bound a
 * step above its score is still refused.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { verifyResult } from '../../src/check/verify-result.js';
import { generateInstance } from '../../src/generate/index.js';
import type { Progress } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { solve } from '../../src/solve/solve.js';

async function solved(instance: Instance, solver: 'scalable' | 'exact', onProgress?: (p: Progress) => void): Promise<SolveResult> {
  const r = await solve(instance, { objective: 'affinity', solver, seed: 1, timeLimit: 30, ...(onProgress ? { onProgress } : {}) });
  if (r.status === 'invalid') throw new Error('the generated round was refused');
  return r;
}

/** The round with every rating times `factor` (a grid of step `factor` when the ratings are whole). */
function scaled(instance: Instance, factor: number): Instance {
  return { ...instance, affinities: instance.affinities.map((a) => (a.score === undefined ? a : { ...a, score: a.score * factor })) };
}

describe('the scalable solver on integer affinity ratings', () => {
  // tiny-1: before the rounding, `feasible` with bound 21.000000023 for a score of 21 (bound − score < 1).
  const instance = generateInstance('tiny', 1);

  it('reports optimal with bound = score and gap 0, at HiGHS\'s optimum, and says so in its last progress report', async () => {
    const reports: Progress[] = [];
    const s = await solved(instance, 'scalable', (p) => reports.push(p));
    const h = await solved(instance, 'exact');
    expect(h.status).toBe('optimal');
    expect(s.status).toBe('optimal');
    expect(s.summary.status).toBe('optimal');
    expect(s.summary.objective).toBe(h.summary.objective);
    expect(s.summary.upperBound).toBe(s.summary.objective);
    expect(s.summary.gap).toBe(0);
    const done = reports.filter((p) => p.phase === 'done').at(-1);
    expect(done?.bound).toBe(s.summary.upperBound);
    expect(done?.gap).toBe(0);
  });

  it('does the same on a grid of halves', async () => {
    const half = scaled(instance, 0.5);
    const s = await solved(half, 'scalable');
    const h = await solved(half, 'exact');
    expect(s.status).toBe('optimal');
    expect(s.summary.objective).toBeCloseTo(h.summary.objective, 9);
    expect(s.summary.upperBound).toBe(s.summary.objective);
    expect(s.summary.gap).toBe(0);
  });

  it('rounds nothing when one rating is off the grid', async () => {
    const first = instance.affinities.findIndex((a) => !a.veto);
    const off = { ...instance, affinities: instance.affinities.map((a, i) => (i === first ? { ...a, score: 1 / 3 } : a)) };
    const s = await solved(off, 'scalable');
    if (s.status === 'optimal') expect(s.summary.upperBound - s.summary.objective).toBeLessThanOrEqual(1e-9 * Math.max(1, s.summary.upperBound));
    else expect(s.summary.upperBound).toBeGreaterThan(s.summary.objective);
  });
});

describe('a bound within noise of the score', () => {
  // Found by proven-step.props.test.ts: one rating of 1/3 (no step), no county can earn it; the bound came out
  // 1e-9 over a score of 0, the status optimal, and the gap written (bound − score) / 1e-9 = 1, which check refuses.
  const instance = JSON.parse(readFileSync(new URL('./fixtures/proven-step-noise-bound.json', import.meta.url), 'utf8')) as Instance;
  const options = { objective: 'affinity' as const, groupMin: 2, groupMax: 4, maxSameOrganization: 1, seed: 0, timeLimit: 60 };

  it('is written as the score, so that an optimal result has gap 0 and passes check', async () => {
    const s = await solve(instance, { ...options, solver: 'scalable' });
    if (s.status === 'invalid') throw new Error('the fixture was refused');
    expect(s.summary.objective).toBe(0);
    expect(s.status).toBe('optimal');
    expect(s.summary.upperBound).toBe(0);
    expect(s.summary.gap).toBe(0);
    expect(verifyResult(instance, s, options).findings).toEqual([]);
  });
});

describe('check on a result proven by the rounded bound', () => {
  const instance = generateInstance('tiny', 1);
  const options = { objective: 'affinity' as const };

  it('accepts it as written', async () => {
    const s = await solved(instance, 'scalable');
    expect(s.status).toBe('optimal');
    const report = verifyResult(instance, s, options);
    expect(report.findings).toEqual([]);
    expect(report.ok).toBe(true);
  });

  it('refuses it when it claims optimal with a bound one step above its score', async () => {
    const s = await solved(instance, 'scalable');
    const upperBound = s.summary.objective + 1;
    // A consistent gap, so that the status is what is refused.
    const gap = (upperBound - s.summary.objective) / upperBound;
    const report = verifyResult(instance, { ...s, summary: { ...s.summary, status: 'optimal' as const, upperBound, gap } }, options);
    expect(report.ok).toBe(false);
    expect(report.findings.map((f) => f.code)).toContain('status-gap');
  });
});
