/**
 * Shared helpers of the hostile-input tests: temporary folders, a timeout
 * around every case, and the check that an outcome is a result or clear
 * issues.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, expect } from 'vitest';
import type { ReadInstanceResult } from '../../src/io/read-instance.js';
import { validateInstance } from '../../src/io/validate.js';
import { ISSUE_CODES } from '../../src/model/issues.js';
import { generateInstance } from '../../src/generate/index.js';
import { instanceToCsv } from '../../src/io/write-instance.js';

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test file. */
export async function tempDir(prefix = 'ag-hostile-'): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), prefix));
  made.push(dir);
  return dir;
}

/** Removes a folder now (for property runs that make many). */
export function removeDir(dir: string): Promise<void> {
  return rm(dir, { recursive: true, force: true });
}

/** Rejects when `promise` takes longer than `ms`: a hang is a failure, not a stuck test run. */
export async function withinMs<T>(ms: number, what: string, promise: Promise<T>): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error(`${what} did not finish within ${ms} ms (a hang)`)), ms);
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/**
 * Issue codes about a whole file, which has no line or column to point at:
 * it is missing, cannot be opened, or is not in a text encoding we read
 * (decoding fails before any line exists). These, and only these, may give
 * line 0 and an empty field.
 */
export const FILE_LEVEL_CODES: ReadonlySet<string> = new Set(['missing-file', 'unreadable-file', 'encoding']);

/**
 * Row-level codes that may leave the field empty because the defect is the
 * whole row: a row that cannot be split into the header's cells (`bad-row`:
 * an unquoted comma, a stray quote; it names the column when it knows it),
 * and a row repeating another's key over several columns (`duplicate-id` of
 * a need, skill, affinity or pin). Every other row or header defect names
 * its column.
 */
export const WHOLE_ROW_CODES: ReadonlySet<string> = new Set(['bad-row', 'duplicate-id']);

/** Files whose `duplicate-id` is about one column (`county_id`, `expert_id`), so it must name it. */
const ONE_COLUMN_KEYS: ReadonlySet<string> = new Set(['counties.csv', 'experts.csv']);

/** The number of physical lines of a file's text (a final line break ends the last line). */
function lineCount(text: string | Uint8Array): number {
  const s = typeof text === 'string' ? text : Buffer.from(text).toString('latin1');
  const breaks = (s.match(/\r\n|\r|\n/g) ?? []).length;
  return /[\r\n]$/.test(s) || s === '' ? breaks : breaks + 1;
}

/**
 * Asserts that reading ended in a valid instance or in clear issues: each
 * with a known code, a file and a message; a file-level defect
 * (`FILE_LEVEL_CODES`) at line 0 with no field; any other at a real line
 * (≥ 1, and within the file when its text is given) with a field naming the
 * column, except where the defect is the whole row (`WHOLE_ROW_CODES`).
 * Returns a label of the outcome for tallies (`ok`, or the first issue's code).
 *
 * @param files the folder's files, to check that each line exists in its file
 */
export function expectClearOutcome(r: ReadInstanceResult, files?: Readonly<Record<string, string | Uint8Array>>): string {
  if (r.ok) {
    expect(validateInstance(r.instance).issues).toEqual([]);
    return 'ok';
  }
  expect(r.issues.length).toBeGreaterThan(0);
  for (const i of r.issues) {
    const what = `${i.code} ${i.file}:${i.line} [${i.field}] ${i.message}`;
    expect(ISSUE_CODES, what).toContain(i.code);
    expect(typeof i.file).toBe('string');
    expect(i.file.length, what).toBeGreaterThan(0);
    expect(typeof i.field).toBe('string');
    expect(i.message.length, what).toBeGreaterThan(0);
    expect(Number.isInteger(i.line), what).toBe(true);
    if (FILE_LEVEL_CODES.has(i.code)) {
      expect(i.line, what).toBe(0);
      expect(i.field, what).toBe('');
      continue;
    }
    expect(i.line, what).toBeGreaterThanOrEqual(1);
    const text = files?.[i.file];
    if (text !== undefined) expect(i.line, what).toBeLessThanOrEqual(Math.max(1, lineCount(text)));
    const wholeRow = WHOLE_ROW_CODES.has(i.code) && !(i.code === 'duplicate-id' && ONE_COLUMN_KEYS.has(i.file));
    if (!wholeRow) expect(i.field, what).not.toBe('');
  }
  return r.issues[0].code;
}

/** A valid input folder as texts: the `tiny` preset (Chinese names, provinces, pairings, affinities). */
export function validFiles(seed = 1): Record<string, string> {
  return instanceToCsv(generateInstance('tiny', seed));
}

/** Counts of outcomes, printed after a property. */
export function tally(): { add(k: string): void; print(name: string): void } {
  const counts = new Map<string, number>();
  return {
    add: (k) => counts.set(k, (counts.get(k) ?? 0) + 1),
    print: (name) => console.log(`[hostile] ${name}: ${[...counts].sort().map(([k, v]) => `${k}=${v}`).join(' ')}`),
  };
}
