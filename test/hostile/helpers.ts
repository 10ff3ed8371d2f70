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
 * Asserts that reading ended in a valid instance or in clear issues: each
 * with a known code, a file, a whole line ≥ 0, a field and a message.
 * Returns a label of the outcome for tallies (`ok`, or the first issue's code).
 */
export function expectClearOutcome(r: ReadInstanceResult): string {
  if (r.ok) {
    expect(validateInstance(r.instance).issues).toEqual([]);
    return 'ok';
  }
  expect(r.issues.length).toBeGreaterThan(0);
  for (const i of r.issues) {
    expect(ISSUE_CODES).toContain(i.code);
    expect(typeof i.file).toBe('string');
    expect(i.file.length).toBeGreaterThan(0);
    expect(Number.isInteger(i.line) && i.line >= 0, `line ${i.line}`).toBe(true);
    expect(typeof i.field).toBe('string');
    expect(i.message.length).toBeGreaterThan(0);
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
