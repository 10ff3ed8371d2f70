import { mkdir, readFile, readdir, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readResultDir } from '../../src/io/read-results.js';
import { OutputDirError, SUMMARY_KEYS, writeResults } from '../../src/io/write-results.js';
import { writeFileAtomic } from '../../src/io/atomic-write.js';
import { neutralizeText, unneutralizeText } from '../../src/io/csv-format.js';
import { refreshManifest, sha256Hex } from '../../src/io/manifest.js';
import type { SolveResult } from '../../src/model/result.js';
import { tempDir } from './helpers.js';

function result(seconds = 1.25): SolveResult {
  return {
    status: 'feasible',
    assignments: [
      { countyId: 'c1', expertId: 'e1', role: 'leader', fit: 3.14159, covers: ['茶叶/production', '茶叶/processing'], reason: 'leads: national level' },
      { countyId: 'c1', expertId: '=e2', role: 'local', fit: -0.00001, covers: [], reason: '=HYPERLINK("http://x","y")' },
      { countyId: 'c1', expertId: 'e3', role: 'east', fit: 1, covers: ['茶叶/production'], reason: "'=already quoted, with \"quotes\"\nand a newline" },
    ],
    unmatched: [
      { countyId: 'c2', reasonCode: 'no-leader-candidate', detail: '@SUM(A1)' },
      { countyId: 'c3', reasonCode: 'competition', detail: '-1 free experts; +2 needed\tnow' },
    ],
    summary: {
      status: 'feasible', objective: 12.5, upperBound: 13, gap: 0.5 / 13, matchedCounties: 1, matchableUpperBound: 2,
      totalCounties: 3, expertsUsed: 3, expertsFree: 1, seconds, seed: 7, solver: 'exact', objectiveMode: 'default',
      options: { timeLimit: 60, groupMin: 8, weights: { relevance: 4, coverage: 10 } }, version: '0.1.0', inputHash: 'abc123',
    },
    warnings: [],
  };
}

describe('writeResults', () => {
  it('writes the four files and the manifest with fixed columns, 4-decimal fits, ;-joined covers', async () => {
    const out = join(await tempDir(), 'out');
    await writeResults(out, result());
    expect((await readdir(out)).sort()).toEqual(['assignments.csv', 'manifest.json', 'summary.json', 'timing.json', 'unmatched.csv']);
    expect(await readFile(join(out, 'assignments.csv'), 'utf8')).toBe([
      'county_id,expert_id,role,fit,covers,reason',
      'c1,e1,leader,3.1416,茶叶/production;茶叶/processing,leads: national level',
      // Changed with issue 9 (D): ids are neutralized too ('=e2 was =e2).
      'c1,\'=e2,local,0.0000,,"\'=HYPERLINK(""http://x"",""y"")"',
      'c1,e3,east,1.0000,茶叶/production,"\'\'=already quoted, with ""quotes""\nand a newline"',
    ].join('\n') + '\n');
    expect(await readFile(join(out, 'unmatched.csv'), 'utf8')).toBe(
      "county_id,reason_code,detail\nc2,no-leader-candidate,'@SUM(A1)\nc3,competition,'-1 free experts; +2 needed\tnow\n",
    );
    // Issue 9: timing.json also names its manifest (it was { seconds } alone).
    expect(JSON.parse(await readFile(join(out, 'timing.json'), 'utf8'))).toEqual({ seconds: 1.25, manifest: sha256Hex(await readFile(join(out, 'manifest.json'))) });
  });

  it('summary.json: fixed key order, sorted options, no seconds, 2-space indent', async () => {
    const out = await tempDir();
    await writeResults(out, result());
    const text = await readFile(join(out, 'summary.json'), 'utf8');
    const parsed = JSON.parse(text) as Record<string, unknown>;
    // Optional keys the summary lacks are absent; the others come in SUMMARY_KEYS order.
    expect(Object.keys(parsed)).toEqual(SUMMARY_KEYS.filter((k) => result().summary[k] !== undefined));
    expect(Object.keys(parsed).length).toBeGreaterThanOrEqual(15);
    expect(SUMMARY_KEYS).not.toContain('seconds');
    expect(Object.keys(parsed.options as object)).toEqual(['groupMin', 'timeLimit', 'weights']);
    expect(text.startsWith('{\n  "status": "feasible",\n  "objective": 12.5,')).toBe(true);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('is byte-identical across runs except timing.json', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await writeResults(a, result(1.25));
    await writeResults(b, result(9.5));
    for (const f of ['assignments.csv', 'unmatched.csv', 'summary.json', 'manifest.json']) {
      expect(await readFile(join(b, f))).toEqual(await readFile(join(a, f)));
    }
    expect(await readFile(join(b, 'timing.json'), 'utf8')).not.toBe(await readFile(join(a, 'timing.json'), 'utf8'));
  });

  it('refuses to write into the input folder, also through a link; a subfolder is fine', async () => {
    const input = await tempDir();
    await expect(writeResults(input, result(), { inputDir: input })).rejects.toBeInstanceOf(OutputDirError);
    await expect(writeResults(join(input, '.', 'x', '..'), result(), { inputDir: input })).rejects.toBeInstanceOf(OutputDirError);
    const link = join(await tempDir(), 'link');
    await symlink(input, link);
    await expect(writeResults(link, result(), { inputDir: input })).rejects.toThrow(/is the input folder/);
    expect(await readdir(input)).toEqual([]);
    await writeResults(join(input, 'out'), result(), { inputDir: input });
    expect(await readdir(join(input, 'out'))).toHaveLength(5);
  });

  it('replaces existing files and leaves no temporary file behind', async () => {
    const out = await tempDir();
    await writeFile(join(out, 'assignments.csv'), 'old');
    await writeResults(out, result());
    expect((await readFile(join(out, 'assignments.csv'), 'utf8')).startsWith('county_id,')).toBe(true);
    expect((await readdir(out)).filter((f) => f.endsWith('.tmp'))).toEqual([]);
  });
});

describe('writeFileAtomic', () => {
  it('fails cleanly into a missing folder, leaving nothing', async () => {
    const dir = await tempDir();
    await expect(writeFileAtomic(join(dir, 'missing', 'a.txt'), 'x')).rejects.toThrow();
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('CSV injection', () => {
  it('neutralizes formula starts and is reversible', () => {
    for (const s of ['=1+1', '+1', '-1', '@x', '\tx', '\rx']) expect(neutralizeText(s)).toBe(`'${s}`);
    for (const s of ['plain', "'plain", '1-2', '', "''"]) expect(neutralizeText(s)).toBe(s);
    expect(neutralizeText("'=x")).toBe("''=x");
    for (const s of ['=1', "'=1", "''-1", "'a", 'a', '', "'", '@', "'''@@"]) expect(unneutralizeText(neutralizeText(s))).toBe(s);
  });
});

describe('readResultDir', () => {
  it('reads back what writeResults wrote (fits to 4 decimals, text un-neutralized)', async () => {
    const out = await tempDir();
    const r0 = result();
    await writeResults(out, r0);
    const r = await readResultDir(out);
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.assignments).toEqual(r0.assignments.map((a) => ({ ...a, fit: Number(a.fit.toFixed(4)) || 0 })));
    expect(r.unmatched).toEqual(r0.unmatched);
    const { seconds, ...stored } = r0.summary;
    expect(r.summary).toEqual(stored);
    expect(r.seconds).toBe(seconds);
  });

  it('reads a folder without summary.json and timing.json', async () => {
    const out = await tempDir();
    await writeFile(join(out, 'assignments.csv'), 'county_id,expert_id,role\nc1,e1,组长\n');
    await writeFile(join(out, 'unmatched.csv'), 'county_id,reason_code,detail\n');
    await refreshManifest(out);
    const r = await readResultDir(out);
    expect(r).toEqual({ ok: true, assignments: [{ countyId: 'c1', expertId: 'e1', role: 'leader', fit: 0, covers: [], reason: '' }], unmatched: [], manifestHash: expect.stringMatching(/^[0-9a-f]{64}$/) });
  });

  it('names file, line and field of each problem', async () => {
    const out = await tempDir();
    await mkdir(out, { recursive: true });
    await writeFile(join(out, 'assignments.csv'), 'county_id,expert_id,role,fit\nc1,e1,leader,high\nc1,,chief,1\n');
    await writeFile(join(out, 'summary.json'), '{"status":"done"}');
    await refreshManifest(out);
    const r = await readResultDir(out);
    expect(r.ok).toBe(false);
    if (r.ok) return;
    const where = r.issues.map((i) => `${i.file}:${i.line} ${i.field} ${i.code}`);
    expect(where.slice(0, 5)).toEqual([
      'assignments.csv:2 fit bad-value',
      'assignments.csv:3 role bad-value',
      'assignments.csv:3 expert_id missing-value',
      'unmatched.csv:0  missing-file',
      'summary.json:0 status bad-value',
    ]);
  });
});
