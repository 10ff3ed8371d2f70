/**
 * A report written after the solve (`writeReport`, the example of
 * `renderReport`'s TSDoc) joins the results set instead of leaving a file
 * the manifest does not list (which every reader refuses); a folder that
 * does not match its manifest is never blessed by an addition.
 */
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultDir } from '../../src/io/read-results.js';
import { addToResultSet, ResultSetError, writeResults } from '../../src/io/write-results.js';
import type { SolveResult } from '../../src/model/result.js';
import { writeReport } from '../../src/report/write.js';
import { VERSION } from '../../src/version.js';
import { tempDir } from './helpers.js';

const result: SolveResult = {
  status: 'feasible',
  assignments: [{ countyId: 'c1', expertId: 'e1', role: 'leader', fit: 1, covers: [], reason: 'leads' }],
  unmatched: [{ countyId: 'c2', reasonCode: 'competition', detail: 'taken' }],
  summary: {
    status: 'feasible', objective: 1, upperBound: 2, gap: 0.5, matchedCounties: 1, matchableUpperBound: 2, totalCounties: 2,
    expertsUsed: 1, expertsFree: 0, seconds: 3, seed: 1, solver: 'exact', objectiveMode: 'default', options: {}, version: VERSION, inputHash: 'hash',
  },
  warnings: [],
};

describe('adding a file to a results set', () => {
  it('writeReport into a results folder: the page is listed in the manifest and the folder still reads as one result', async () => {
    const dir = await tempDir();
    await writeResults(dir, result);
    await writeReport(dir, '<html>report</html>');
    const read = await readResultDir(dir);
    expect(read.ok).toBe(true);
    const manifest = JSON.parse(await readFile(join(dir, 'manifest.json'), 'utf8')) as { files: Record<string, string> };
    expect(Object.keys(manifest.files)).toContain('report.html');
    if (read.ok) expect(read.seconds).toBe(3);
  });

  it('refuses to add to a folder whose files do not match its manifest, and leaves it as it was', async () => {
    const dir = await tempDir();
    await writeResults(dir, result);
    await writeFile(join(dir, 'unmatched.csv'), 'county_id,reason_code,detail\nc2,key-county,edited\n');
    const before = await readFile(join(dir, 'manifest.json'), 'utf8');
    await expect(addToResultSet(dir, { 'report.html': 'x' })).rejects.toBeInstanceOf(ResultSetError);
    await expect(writeReport(dir, 'x')).rejects.toBeInstanceOf(ResultSetError);
    expect(await readFile(join(dir, 'manifest.json'), 'utf8')).toBe(before);
    expect((await readResultDir(dir)).ok).toBe(false);
  });

  it('refuses names of the result files and the manifest', async () => {
    const dir = await tempDir();
    await writeResults(dir, result);
    for (const name of ['summary.json', 'manifest.json', '../x', 'a/b']) await expect(addToResultSet(dir, { [name]: 'x' })).rejects.toBeInstanceOf(TypeError);
  });

  it('writeReport into a plain folder writes the page alone', async () => {
    const dir = await tempDir();
    await writeReport(dir, '<html/>');
    expect(await readFile(join(dir, 'report.html'), 'utf8')).toBe('<html/>');
  });
});
