/**
 * Issue 9 A1 and A3: on small rounds where experts are scarce (12 counties
 * competing for 8 national-level experts), the default solve (`auto`) used
 * to throw `SolverBugError` (javascript-lp-solver's junk after its timeout,
 * reported as feasible) at every time limit, and the command line exited 1
 * writing nothing. Now it returns a checked result; HiGHS, the engine of the
 * exact path, proves these rounds optimal well within the limit, so the
 * default solve ends `optimal`, and `check` accepts the folder it wrote.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { generateInstance, PRESETS } from '../../src/generate/index.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import { solve } from '../../src/solve/solve.js';
import { scarceRound } from './scarce-round.js';

function capture(): Terminal & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), status: () => {} };
}

/** A limit the library honours on a loaded 2-core machine too (the old code failed at every limit from 5 to 60 s). */
const LIMIT = 20;

let work: string;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-scarce-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

describe('the default solve on a round where experts are scarce', () => {
  it.each([1, 2, 3])('seed %i: returns a checked, proven result within the limit (it threw SolverBugError)', async (seed) => {
    const instance = scarceRound(seed);
    const started = Date.now();
    const result = await solve(instance, { timeLimit: LIMIT });
    const seconds = (Date.now() - started) / 1000;
    if (result.status === 'invalid') throw new Error(JSON.stringify(result.issues));
    expect(checkSolution(instance, result, { timeLimit: LIMIT }).violations).toEqual([]);
    // The scarcity is real: not every county can have a leader.
    expect(result.summary.matchedCounties).toBeLessThan(instance.counties.length);
    expect(result.summary.matchedCounties).toBeGreaterThan(0);
    expect(result.status).toBe('optimal');
    expect(result.summary.solver).toBe('exact/highs');
    expect(result.summary.gap).toBe(0);
    expect(result.summary.matchableUpperBound).toBe(result.summary.matchedCounties);
    expect(Number.isFinite(result.summary.upperBound)).toBe(true);
    expect(seconds).toBeLessThan(LIMIT * 1.1 + 0.5);
  });

  it('the command line with every default: exit 0, and `check` accepts the folder (it exited 1 writing nothing)', async () => {
    const input = path.join(work, 'scarce');
    const out = path.join(work, 'out');
    await writeInstanceDir(input, scarceRound(1));
    const term = capture();
    const code = await runCli(['solve', '--input', input, '--out', out], term);
    expect(term.stderr.join('\n')).not.toMatch(/SolverBugError|internal error/);
    expect(code).toBe(0);
    const summary = JSON.parse(await readFile(path.join(out, 'summary.json'), 'utf8')) as Record<string, unknown>;
    expect(summary['status']).toBe('optimal');
    expect(typeof summary['upperBound']).toBe('number');
    const checked = capture();
    expect(await runCli(['check', '--input', input, '--result', out], checked), checked.stdout.concat(checked.stderr).join('\n')).toBe(0);
  }, 120_000);
});

describe('the polish honours the time limit', () => {
  it('a 100-county round (195,443 pairs, within the polish limit) returns within its limit, valid and bounded, whether the polish is skipped, cut or proves', async () => {
    const instance = generateInstance({ ...PRESETS.province.spec, name: 'province-100', counties: 100 }, 1);
    // Too short to start the polish, about enough to start it but not to prove, and enough to prove (measured 9.5 s).
    for (const timeLimit of [6, 11, 16]) {
      const started = Date.now();
      const result = await solve(instance, { timeLimit });
      const seconds = (Date.now() - started) / 1000;
      if (result.status === 'invalid') throw new Error(JSON.stringify(result.issues));
      expect(seconds, `time limit ${timeLimit}`).toBeLessThan(timeLimit * 1.1 + 0.5);
      expect(Number.isFinite(result.summary.upperBound)).toBe(true);
      expect(checkSolution(instance, result, { timeLimit }).ok).toBe(true);
    }
  }, 60_000);
});
