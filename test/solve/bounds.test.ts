/**
 * Issue 9 A2: the bound a solve returns is always finite and the tightest
 * valid one held. When the exact engine stops without a proof (HiGHS at its
 * limit without a dual bound, javascript-lp-solver past its timeout), the
 * exact solver used to return `upperBound: Infinity` (written as null, gap
 * 100%), `auto` dropped the scalable solver's finite bound for it, and
 * `check` refused the folder `solve` had just written. Also: HiGHS's dual
 * bound was read from a field that does not exist (always Infinity).
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { generateInstance } from '../../src/generate/index.js';
import { validateInstance } from '../../src/io/validate.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import { writeResults } from '../../src/io/write-results.js';
import { LinearModel, type LinearEngine, type LinearSolution } from '../../src/model/linear.js';
import { resolveOptions, type OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { buildContext, type RoundContext } from '../../src/rules/context.js';
import { solveAuto } from '../../src/solve/auto.js';
import { highsEngine } from '../../src/solve/engines/highs.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { solveScalable } from '../../src/solve/scalable/index.js';

function capture(): Terminal & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), status: () => {} };
}

/** HiGHS's true answer, reported as javascript-lp-solver reports one past its timeout: feasible, no bound. */
const unprovenEngine: LinearEngine = {
  name: 'unproven',
  async solve(model, limits): Promise<LinearSolution> {
    const answer = await highsEngine.solve(model, limits);
    if (answer.status !== 'optimal' && answer.status !== 'feasible') return answer;
    return { ...answer, status: 'feasible', bound: Number.POSITIVE_INFINITY };
  },
};

function contextOf(instance: Instance, options: OptionsInput): RoundContext {
  const resolved = resolveOptions(options);
  const checked = validateInstance(instance, resolved);
  expect(checked.issues).toEqual([]);
  return buildContext(checked.instance, resolved);
}

/** The proven optimum of the round (HiGHS, given all the time it needs). */
async function optimumOf(ctx: RoundContext): Promise<SolveResult> {
  const best = await solveExact(ctx, { engine: highsEngine, startedAt: Date.now(), timeLimitSeconds: 120 });
  expect(best.status).toBe('optimal');
  return best;
}

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-bounds-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** Writes the round and the result, and runs `check` on them; returns its exit code and output. */
async function checkFolder(name: string, instance: Instance, result: SolveResult): Promise<{ code: number; text: string }> {
  const input = path.join(work, `${name}-in`);
  const out = path.join(work, `${name}-out`);
  await writeInstanceDir(input, instance);
  await writeResults(out, result, { inputDir: input });
  const term = capture();
  const code = await runCli(['check', '--input', input, '--result', out], term);
  return { code, text: term.lines.join('\n') };
}

describe('the bound is always finite and valid', () => {
  it('HiGHS stopped at its limit without an incumbent: every county not-solved, a finite bound ≥ the optimum', async () => {
    const instance = generateInstance('province', 1);
    const ctx = contextOf(instance, {});
    const optimum = await optimumOf(ctx);
    // The limit leaves HiGHS only its minimum time: it stops before any solution.
    const cut = await solveExact(ctx, { engine: highsEngine, startedAt: Date.now(), timeLimitSeconds: 0.1 });
    expect(Number.isFinite(cut.summary.upperBound)).toBe(true);
    expect(cut.summary.upperBound).toBeGreaterThanOrEqual(optimum.summary.objective);
    expect(cut.summary.matchedCounties).toBe(0);
    expect(cut.status).toBe('time-limit');
    expect(cut.summary.gap).toBe(1);
  });

  it('an engine answer without a bound: the exact result carries the per-county ceiling, and `check` accepts its folder', async () => {
    const instance = generateInstance('demo', 2);
    const ctx = contextOf(instance, {});
    const optimum = await optimumOf(ctx);
    const result = await solveExact(ctx, { engine: unprovenEngine, startedAt: Date.now() });
    expect(result.status).toBe('feasible');
    expect(result.summary.objective).toBeCloseTo(optimum.summary.objective, 6);
    expect(Number.isFinite(result.summary.upperBound)).toBe(true);
    expect(result.summary.upperBound).toBeGreaterThanOrEqual(optimum.summary.objective);
    expect(result.summary.gap).toBeLessThan(1);
    const checked = await checkFolder('exact-unproven', instance, result);
    expect(checked.code, checked.text).toBe(0);
  });

  it('auto keeps the tightest of the bounds it holds (the scalable one, not the unproven polish\'s), and `check` accepts its folder', async () => {
    const instance = generateInstance('demo', 2);
    const ctx = contextOf(instance, {});
    const optimum = await optimumOf(ctx);
    const scalable = await solveScalable(ctx, { startedAt: Date.now() });
    expect(scalable.status).toBe('feasible');
    const result = await solveAuto(ctx, { startedAt: Date.now(), exactLimit: Number.POSITIVE_INFINITY, pairs: () => 0, engine: unprovenEngine });
    // The polish found the optimum; the bound is the scalable solver's, the tighter of the two held.
    expect(result.summary.objective).toBeCloseTo(optimum.summary.objective, 6);
    expect(result.summary.upperBound).toBeCloseTo(Math.max(scalable.summary.upperBound, result.summary.objective), 9);
    expect(result.summary.upperBound).toBeGreaterThanOrEqual(optimum.summary.objective - 1e-9);
    // Which of the two answers is returned depends on a tie (the scalable one may be optimal already); the bound is the scalable one's either way.
    expect(['scalable', 'exact/unproven, bound by scalable']).toContain(result.summary.solver);
    expect(result.summary.gap).toBeLessThan(scalable.summary.gap + 1e-12);
    expect(checkSolution(instance, result, {}).ok).toBe(true);
    const checked = await checkFolder('auto-unproven', instance, result);
    expect(checked.code, checked.text).toBe(0);
  });

  it('HiGHS stopped at its limit with an incumbent reports its dual bound (finite), not Infinity', async () => {
    // A weighted packing on a circulant conflict graph: HiGHS finds incumbents long before it proves one best.
    const m = new LinearModel();
    const n = 151;
    for (let i = 0; i < n; i++) m.binary(`x${i}`, 1 + (i % 7) / 10);
    for (let i = 0; i < n; i++) for (const d of [1, 2, 5, 11]) m.constrain(`c${i},${d}`, [{ name: `x${i}`, coef: 1 }, { name: `x${(i + d) % n}`, coef: 1 }], { max: 1 });
    const full = await highsEngine.solve(m, { timeLimitSeconds: 60 });
    if (full.status !== 'optimal') throw new Error(`HiGHS did not prove the packing: ${full.status}`);
    const stopped: LinearSolution[] = [];
    for (const seconds of [0.05, 0.1, 0.2, 0.3]) {
      const answer = await highsEngine.solve(m, { timeLimitSeconds: seconds });
      if (answer.status === 'feasible') stopped.push(answer);
    }
    expect(stopped.length, 'HiGHS stopped with an incumbent at one of the limits at least').toBeGreaterThan(0);
    for (const answer of stopped) {
      if (answer.status !== 'feasible') continue;
      expect(Number.isFinite(answer.bound)).toBe(true);
      expect(answer.bound).toBeGreaterThanOrEqual(full.objective - 1e-6);
      expect(answer.objective).toBeLessThanOrEqual(full.objective + 1e-6);
    }
  });
});
