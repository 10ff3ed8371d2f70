/**
 * CSV injection (issue 9, D): no text cell of any CSV the product writes —
 * assignments.csv, unmatched.csv, changes.csv, recruitment.csv, pinned.csv;
 * ids, roles, codes, covers, reasons, provinces, skills included — starts
 * with a formula character (`=`, `+`, `-`, `@`, tab, CR): it gets a leading
 * `'`. Numbers (`fit`, `profile`) and yes/no cells stay as they are. The
 * mapping is undone on reading, so ids still match the input and `check`
 * (the command line) accepts the results of rounds whose ids, industries
 * and provinces start with `=`, `-`, `+` or `@`.
 *
 * Before issue 9 ids and `covers` were written raw (`=HYPERLINK(…)` ids and
 * `@SUM(1+1)/processing` covers came out live).
 */
import fc from 'fast-check';
import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { generateInstance } from '../../src/generate/index.js';
import { CHANGE_COLUMNS, changesCsv } from '../../src/incremental/write.js';
import { parseCsvText } from '../../src/io/read-csv.js';
import { readResultDir } from '../../src/io/read-results.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import { ASSIGNMENT_COLUMNS, assignmentsCsv, PINNED_COLUMNS, pinsCsv, UNMATCHED_COLUMNS, unmatchedCsv, writeResults } from '../../src/io/write-results.js';
import type { Instance } from '../../src/model/schemas.js';
import { RECRUITMENT_COLUMNS, recruitmentCsv } from '../../src/recruit/write.js';
import { solveOrThrow } from '../../src/solve/solve.js';
import { isLongPropertyRun, propertyParameters, roundArbitrary } from '../../src/testing.js';
import { removeDir, tally, tempDir } from './helpers.js';

/** Per-property timeout: long runs (`PROPS_RUNS` > 100) get hours. */
const TIMEOUT = isLongPropertyRun() ? 6 * 3_600_000 : 120_000;

const FORMULA_START = /^[=+\-@\t\r]/;
const NEUTRALIZED = /^'+[=+\-@\t\r]/;
/** Values that start a formula, and one that looks neutralized already (it must still round-trip). */
const HOSTILE = ['=1+1', '+1', '-1', '@SUM(A1)', '\tx', '\rx', "'=x"];

/** Columns that hold numbers or yes/no, written as they are (a negative number is not a formula). */
const NUMERIC: Readonly<Record<string, readonly string[]>> = {
  'assignments.csv': ['fit'],
  'recruitment.csv': ['profile', 'verified', 'minimal'],
};

function capture(): Terminal & { lines: string[] } {
  const lines: string[] = [];
  return { lines, out: (l) => lines.push(l), err: (l) => lines.push(l), status: () => {} };
}

/** Header and rows of a CSV text, as a spreadsheet would read them. */
async function table(text: string, file: string): Promise<{ header: readonly string[]; rows: (readonly string[])[] }> {
  const parsed = await parseCsvText(text, file);
  if (!parsed.ok || parsed.header === undefined) throw new Error(`${file} does not parse`);
  return { header: parsed.header.cells, rows: parsed.rows.map((r) => r.cells) };
}

/**
 * Asserts that no text cell of the CSV starts a formula; returns how many
 * cells were neutralized, by column.
 */
async function expectSafe(text: string, file: string): Promise<Map<string, number>> {
  const { header, rows } = await table(text, file);
  const neutralized = new Map<string, number>();
  for (const row of rows) {
    header.forEach((column, i) => {
      const cell = row[i] ?? '';
      if (NUMERIC[file]?.includes(column)) {
        expect(cell, `${file} ${column} is a number`).toMatch(/^(-?\d+(\.\d+)?|true|false|)$/);
        return;
      }
      expect(FORMULA_START.test(cell), `${file} ${column}: ${JSON.stringify(cell.slice(0, 60))}`).toBe(false);
      if (NEUTRALIZED.test(cell)) neutralized.set(column, (neutralized.get(column) ?? 0) + 1);
    });
  }
  return neutralized;
}

/** Every CSV file of a folder, each checked by `expectSafe`; the neutralized cells by `file column`. */
async function expectFolderSafe(dir: string): Promise<Map<string, number>> {
  const out = new Map<string, number>();
  for (const file of (await readdir(dir)).filter((f) => f.endsWith('.csv')).sort()) {
    for (const [column, n] of await expectSafe(await readFile(join(dir, file), 'utf8'), file)) out.set(`${file} ${column}`, n);
  }
  return out;
}

describe('every text column of every CSV writer is neutralized', () => {
  /** One row per hostile value, that value in every text column. */
  const cases = HOSTILE.map((v) => ({ v }));

  it('assignments.csv: county_id, expert_id, role, covers, reason (fit stays a number)', async () => {
    const text = assignmentsCsv(cases.map(({ v }) => ({ countyId: v, expertId: v, role: v as never, fit: -0.5, covers: [`${v}/processing`, `${v}/sales`], reason: v })));
    const n = await expectSafe(text, 'assignments.csv');
    for (const c of ASSIGNMENT_COLUMNS.filter((c) => c !== 'fit')) expect(n.get(c), c).toBe(HOSTILE.length);
  });

  it('unmatched.csv: county_id, reason_code, detail', async () => {
    const n = await expectSafe(unmatchedCsv(cases.map(({ v }) => ({ countyId: v, reasonCode: v as never, detail: v }))), 'unmatched.csv');
    for (const c of UNMATCHED_COLUMNS) expect(n.get(c), c).toBe(HOSTILE.length);
  });

  it('changes.csv: county_id, expert_id, change, role, reason', async () => {
    const n = await expectSafe(changesCsv(cases.map(({ v }) => ({ countyId: v, expertId: v, change: v as never, role: v as never, reason: v }))), 'changes.csv');
    for (const c of CHANGE_COLUMNS) expect(n.get(c), c).toBe(HOSTILE.length);
  });

  it('pinned.csv: county_id, expert_id, role', async () => {
    const n = await expectSafe(pinsCsv(cases.map(({ v }) => ({ countyId: v, expertId: v, role: v as never }))), 'pinned.csv');
    for (const c of PINNED_COLUMNS) expect(n.get(c), c).toBe(HOSTILE.length);
  });

  it('recruitment.csv: every column but profile, verified and minimal (a county without a profile too)', async () => {
    const text = recruitmentCsv(cases.flatMap(({ v }) => [
      { countyId: v, reasonCode: v as never, verified: true, minimal: false, note: v, profiles: [{ role: v as never, level: v as never, province: v, homeCounty: v, skills: [{ industry: v, stage: 'production' }], why: v }] },
      { countyId: v, reasonCode: v as never, verified: false, minimal: false, note: v, profiles: [] },
    ]));
    const n = await expectSafe(text, 'recruitment.csv');
    for (const c of RECRUITMENT_COLUMNS.filter((c) => !NUMERIC['recruitment.csv']!.includes(c))) {
      // The profile-less rows leave the profile's columns empty: only `county_id`, `reason_code` and `why` count twice.
      expect(n.get(c), c).toBe(['county_id', 'reason_code', 'why'].includes(c) ? 2 * HOSTILE.length : HOSTILE.length);
    }
  });
});

/**
 * The tiny preset with ids, industries and provinces starting with `=`,
 * `-`, `+` or `@` and formula-like names, plus a county no one can serve
 * (for recruitment advice).
 */
function hostileTiny(): Instance {
  const base = generateInstance('tiny', 1);
  let json = JSON.stringify(base);
  const rename = (from: string, to: string): void => { json = json.split(JSON.stringify(from)).join(JSON.stringify(to)); };
  base.counties.forEach((c, i) => rename(c.id, `${i % 2 === 0 ? '=' : '-'}${c.id}`));
  base.experts.forEach((e, i) => rename(e.id, `${['=', '-', '+', '@'][i % 4]}${e.id}`));
  [...new Set(base.needs.map((n) => n.industry))].forEach((industry, i) => rename(industry, `${['@SUM(1+1)', '=HYPERLINK("x")', '+'][i % 3]}${industry}`));
  [...new Set(base.counties.map((c) => c.province))].forEach((p) => rename(p, `=${p}`));
  const instance = JSON.parse(json) as Instance;
  instance.counties.forEach((c, i) => { c.name = ['=HYPERLINK("http://evil","x")', '-2+3', '@SUM(A1)'][i % 3]!; });
  const province = instance.counties[0]!.province;
  instance.counties.push({ id: '=cmd|/C calc!A0', name: '=1+1', province, prefecture: '', keyCounty: false, eastPartner: [] });
  instance.needs.push({ countyId: '=cmd|/C calc!A0', industry: instance.needs[0]!.industry, stage: 'production', weight: 1, required: true });
  return instance;
}

const outcomes = tally();
afterAll(() => outcomes.print('CSV injection rounds'));

describe('CSV injection in result folders', () => {
  it('solve --recruit, check, repair --withdraw of a pinned expert, check: every CSV safe, ids round-trip', async () => {
    const dir = await tempDir();
    const input = join(dir, 'in');
    const first = join(dir, 'first');
    const instance = hostileTiny();
    await writeInstanceDir(input, instance);
    expect(await runCli(['solve', '--input', input, '--out', first, '--solver', 'exact'], capture())).toBe(0);
    // Pin one member of the first result, solve again with the pin, then withdraw it.
    const firstRead = await readResultDir(first);
    if (!firstRead.ok) throw new Error('first result unreadable');
    const pinned = firstRead.assignments.find((a) => a.role === 'member' || a.role === 'east') ?? firstRead.assignments[0]!;
    instance.pins = [{ countyId: pinned.countyId, expertId: pinned.expertId }];
    await writeInstanceDir(input, instance);

    const out = join(dir, 'out');
    const solved = capture();
    expect(await runCli(['solve', '--input', input, '--out', out, '--solver', 'exact', '--recruit'], solved), solved.lines.join('\n')).toBe(0);
    const solvedCells = await expectFolderSafe(out);
    for (const column of ['county_id', 'expert_id', 'covers']) expect(solvedCells.get(`assignments.csv ${column}`), column).toBeGreaterThan(0);
    expect(solvedCells.get('unmatched.csv county_id')).toBeGreaterThan(0);
    expect(solvedCells.get('recruitment.csv county_id')).toBeGreaterThan(0);
    expect(solvedCells.get('recruitment.csv province')).toBeGreaterThan(0);
    expect(solvedCells.get('recruitment.csv skills')).toBeGreaterThan(0);
    const read = await readResultDir(out);
    expect(read.ok).toBe(true);
    if (read.ok) {
      const counties = new Set(instance.counties.map((c) => c.id));
      const experts = new Set(instance.experts.map((e) => e.id));
      const needs = new Set(instance.needs.map((n) => `${n.industry}/${n.stage}`));
      for (const a of read.assignments) {
        expect(counties.has(a.countyId), a.countyId).toBe(true);
        expect(experts.has(a.expertId), a.expertId).toBe(true);
        for (const c of a.covers) expect(needs.has(c), c).toBe(true);
      }
      expect(read.unmatched.map((u) => u.countyId)).toContain('=cmd|/C calc!A0');
    }
    const checked = capture();
    expect(await runCli(['check', '--input', input, '--result', out], checked), checked.lines.join('\n')).toBe(0);

    const repaired = join(dir, 'repaired');
    const rep = capture();
    expect(await runCli(['repair', '--input', input, '--result', out, `--withdraw=${pinned.expertId}`, '--out', repaired], rep), rep.lines.join('\n')).toBe(0);
    const repairedCells = await expectFolderSafe(repaired);
    for (const column of ['county_id', 'expert_id']) expect(repairedCells.get(`changes.csv ${column}`), column).toBeGreaterThan(0);
    const again = await readResultDir(repaired);
    expect(again.ok && again.pinned).toEqual([]);
    const checkedRepair = capture();
    expect(await runCli(['check', '--input', input, '--result', repaired], checkedRepair), checkedRepair.lines.join('\n')).toBe(0);
  }, 120_000);

  it('random rounds with awkward ids and text: every cell neutralized, ids round-trip through check', async () => {
    const rounds = roundArbitrary({ ids: 'awkward', text: 'awkward', pinsRate: 0, counties: [1, 3] });
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options }) => {
      const dir = await tempDir();
      try {
        const input = join(dir, 'in');
        const out = join(dir, 'out');
        await writeInstanceDir(input, instance);
        const result = await solveOrThrow(instance, { ...options, solver: 'highs' });
        await writeResults(out, result, { inputDir: input });
        outcomes.add(`neutralized:${(await expectFolderSafe(out)).size > 0}`);
        outcomes.add(`matched:${result.summary.matchedCounties > 0}`);
        // check judges against the options it is given (issue 9, B1): those the round was solved with.
        const optionsFile = join(dir, 'options.json');
        await writeFile(optionsFile, JSON.stringify(options));
        const term = capture();
        expect(await runCli(['check', '--input', input, '--result', out, '--options', optionsFile], term), term.lines.join('\n')).toBe(0);
        const read = await readResultDir(out);
        expect(read.ok).toBe(true);
        if (read.ok) {
          expect(read.assignments.map((a) => [a.countyId, a.expertId, a.role, a.covers, a.reason])).toEqual(result.assignments.map((a) => [a.countyId, a.expertId, a.role, a.covers, a.reason]));
          expect(read.unmatched).toEqual(result.unmatched);
        }
      } finally {
        await removeDir(dir);
      }
    }), propertyParameters(25));
  }, TIMEOUT);
});
