/**
 * Issue #9 E4: `validate` and `solve` give the same verdict on every input:
 * both refuse it (exit 2) or neither does. Run through the command
 * functions with a fake terminal, on the whole bad-input corpus
 * (`badInputArbitrary`, every kind), valid rounds, and key counties with
 * and without `--key-counties skip`. A key county that has a local
 * scientist (the normal case) used to be valid for `validate --key-counties
 * skip` and refused by `solve` with a message naming no file.
 */
import fc from 'fast-check';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { instanceToCsv } from '../../src/io/write-instance.js';
import { generateInstance } from '../../src/generate/index.js';
import { BAD_INPUT_KINDS, DEFAULT_PROPERTY_SEED, badInputArbitrary, instanceArbitrary, writeCsvFolder } from '../../src/testing.js';

function capture(): Terminal & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), status: () => {} };
}

let work: string;
let n = 0;
beforeAll(async () => {
  work = await mkdtemp(path.join(tmpdir(), 'ag-agree-'));
});
afterAll(async () => {
  await rm(work, { recursive: true, force: true });
});

/** The exit codes of `validate` and `solve` on one folder, with the same flags, and what they printed. */
async function verdicts(files: Readonly<Record<string, string>>, flags: readonly string[] = []): Promise<{ validate: number; solve: number; printed: string }> {
  const dir = path.join(work, `case-${++n}`);
  const input = path.join(dir, 'in');
  await writeCsvFolder(input, files);
  const v = capture();
  const validate = await runCli(['validate', '--input', input, ...flags], v);
  const s = capture();
  const solve = await runCli(['solve', '--input', input, '--out', path.join(dir, 'out'), '--time-limit', '3', ...flags], s);
  await rm(dir, { recursive: true, force: true });
  return { validate, solve, printed: `validate:\n${v.lines.join('\n')}\nsolve:\n${s.lines.join('\n')}` };
}

/** Same verdict: both refuse the input, or neither does (solve may still end 0 with unmatched counties). */
function expectAgree(r: { validate: number; solve: number; printed: string }, what: string): void {
  expect(r.validate === 2, `${what}\n${r.printed}`).toBe(r.solve === 2);
  expect([0, 2], `${what}\n${r.printed}`).toContain(r.validate);
  expect([0, 2], `${what}\n${r.printed}`).toContain(r.solve);
}

describe('validate and solve agree', () => {
  it('on a key county with local scientists, with --key-counties skip: both accept it, and the locals are named', async () => {
    const instance = generateInstance('tiny', 3);
    const key = instance.counties.find((c) => instance.experts.some((e) => e.homeCounty === c.id))!;
    key.keyCounty = true;
    const files = instanceToCsv(instance);
    const skip = await verdicts(files, ['--key-counties', 'skip']);
    expect(skip.validate, skip.printed).toBe(0);
    expect(skip.solve, skip.printed).toBe(0);
    expect(skip.printed).not.toMatch(/instance#/);
    const local = instance.experts.find((e) => e.homeCounty === key.id)!;
    expect(skip.printed).toContain(local.id);
    const refuse = await verdicts(files);
    expect([refuse.validate, refuse.solve]).toEqual([2, 2]);
  }, 60_000);

  it('on the whole bad-input corpus (every kind), with and without --key-counties skip', async () => {
    const seen = new Set<string>();
    const corpus = fc.sample(badInputArbitrary(), { seed: DEFAULT_PROPERTY_SEED, numRuns: 60 });
    for (const bad of corpus) {
      seen.add(bad.kind);
      const refused = await verdicts(bad.files);
      expect(refused.validate, bad.description).toBe(2);
      expectAgree(refused, bad.description);
      if (bad.kind === 'key-county') expectAgree(await verdicts(bad.files, ['--key-counties', 'skip']), `${bad.description}, skipped`);
    }
    expect([...seen].sort()).toEqual([...BAD_INPUT_KINDS].sort());
  }, 240_000);

  it('on valid rounds, and the same rounds with a key county skipped', async () => {
    const rounds = fc.sample(instanceArbitrary({ counties: [1, 3], pinsRate: 0.5 }), { seed: DEFAULT_PROPERTY_SEED, numRuns: 8 });
    for (const [i, instance] of rounds.entries()) {
      const files = instanceToCsv(instance);
      const ok = await verdicts(files);
      expect(ok.validate, `round ${i}\n${ok.printed}`).toBe(0);
      expectAgree(ok, `round ${i}`);
      const keyed = structuredClone(instance);
      keyed.counties[0]!.keyCounty = true;
      expectAgree(await verdicts(instanceToCsv(keyed), ['--key-counties', 'skip']), `round ${i} with ${keyed.counties[0]!.id} skipped`);
    }
  }, 240_000);
});
