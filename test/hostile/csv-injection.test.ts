/**
 * CSV injection: free text written into result files (`reason`,
 * `detail`) never starts with a formula character (`=`, `+`, `-`, `@`, tab,
 * CR) — it gets a leading `'` — while ids are written as they are and
 * still match the input byte for byte: `check` (the command line) accepts
 * the results of rounds whose ids start with `=` or `-`.
 */
import fc from 'fast-check';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { generateInstance } from '../../src/generate/index.js';
import { parseCsvText } from '../../src/io/read-csv.js';
import { readResultDir } from '../../src/io/read-results.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import { writeResults } from '../../src/io/write-results.js';
import type { Instance } from '../../src/model/schemas.js';
import { solveOrThrow } from '../../src/solve/solve.js';
import { isLongPropertyRun, propertyParameters, roundArbitrary } from '../../src/testing.js';
import { removeDir, tally, tempDir } from './helpers.js';

/** Per-property timeout: long runs (`PROPS_RUNS` > 100) get hours. */
const TIMEOUT = isLongPropertyRun() ? 6 * 3_600_000 : 120_000;

const FORMULA_START = /^[=+\-@\t\r]/;

function capture(): Terminal & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), status: () => {} };
}

/** The cells of a column of a written CSV file, as a spreadsheet would read them. */
async function column(dir: string, file: string, name: string): Promise<string[]> {
  const parsed = await parseCsvText(await readFile(join(dir, file), 'utf8'), file);
  if (!parsed.ok || parsed.header === undefined) throw new Error(`${file} does not parse`);
  const i = parsed.header.cells.indexOf(name);
  return parsed.rows.map((r) => r.cells[i] ?? '');
}

/** Asserts no free-text cell starts with a formula character; returns how many were neutralized. */
async function expectNeutralized(dir: string): Promise<number> {
  let neutralized = 0;
  for (const [file, name] of [['assignments.csv', 'reason'], ['unmatched.csv', 'detail']] as const) {
    for (const cell of await column(dir, file, name)) {
      expect(FORMULA_START.test(cell), `${file} ${name}: ${JSON.stringify(cell.slice(0, 60))}`).toBe(false);
      if (/^'+[=+\-@\t\r]/.test(cell)) neutralized++;
    }
  }
  return neutralized;
}

/** The tiny preset with ids starting with `=` or `-` and formula-like names, plus a county no one can serve. */
function hostileTiny(): Instance {
  const base = generateInstance('tiny', 1);
  let json = JSON.stringify(base);
  base.counties.forEach((c, i) => { json = json.split(JSON.stringify(c.id)).join(JSON.stringify(`${i % 2 === 0 ? '=' : '-'}${c.id}`)); });
  base.experts.forEach((e, i) => { json = json.split(JSON.stringify(e.id)).join(JSON.stringify(`${['=', '-', '+', '@'][i % 4]}${e.id}`)); });
  const instance = JSON.parse(json) as Instance;
  instance.counties.forEach((c, i) => { c.name = ['=HYPERLINK("http://evil","x")', '-2+3', '@SUM(A1)'][i % 3]!; });
  instance.counties.push({ id: '=cmd|/C calc!A0', name: '=1+1', province: '四川', prefecture: '', keyCounty: false, eastPartner: [] });
  return instance;
}

const outcomes = tally();
afterAll(() => outcomes.print('CSV injection rounds'));

describe('CSV injection in result files', () => {
  it('solve and check on the command line, with ids starting with = and -', async () => {
    const instance = hostileTiny();
    const dir = await tempDir();
    const input = join(dir, 'in');
    const out = join(dir, 'out');
    await writeInstanceDir(input, instance);
    const solved = capture();
    expect(await runCli(['solve', '--input', input, '--out', out, '--solver', 'exact'], solved), solved.lines.join('\n')).toBe(0);
    expect(await expectNeutralized(out)).toBeGreaterThan(0);
    const read = await readResultDir(out);
    expect(read.ok).toBe(true);
    if (read.ok) {
      const ids = new Set(instance.counties.map((c) => c.id));
      for (const a of read.assignments) expect(ids.has(a.countyId), a.countyId).toBe(true);
      expect(read.unmatched.map((u) => u.countyId)).toContain('=cmd|/C calc!A0');
      expect(read.assignments.some((a) => a.countyId.startsWith('=') || a.countyId.startsWith('-'))).toBe(true);
    }
    const checked = capture();
    expect(await runCli(['check', '--input', input, '--result', out], checked), checked.lines.join('\n')).toBe(0);
  });

  it('random rounds with awkward ids and text: reasons and details neutralized, ids round-trip through check', async () => {
    const rounds = roundArbitrary({ ids: 'awkward', text: 'awkward', pinsRate: 0, counties: [1, 3] });
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options }) => {
      const dir = await tempDir();
      try {
        const input = join(dir, 'in');
        const out = join(dir, 'out');
        await writeInstanceDir(input, instance);
        const result = await solveOrThrow(instance, { ...options, solver: 'highs' });
        await writeResults(out, result, { inputDir: input });
        outcomes.add(`neutralized:${(await expectNeutralized(out)) > 0}`);
        outcomes.add(`matched:${result.summary.matchedCounties > 0}`);
        const term = capture();
        expect(await runCli(['check', '--input', input, '--result', out], term), term.lines.join('\n')).toBe(0);
        const read = await readResultDir(out);
        expect(read.ok).toBe(true);
        if (read.ok) {
          expect(read.assignments.map((a) => [a.countyId, a.expertId, a.role, a.reason])).toEqual(result.assignments.map((a) => [a.countyId, a.expertId, a.role, a.reason]));
          expect(read.unmatched).toEqual(result.unmatched);
        }
      } finally {
        await removeDir(dir);
      }
    }), propertyParameters(25));
  }, TIMEOUT);
});
