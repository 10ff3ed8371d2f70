/**
 * `writeResults` replaces a results folder as one set: a write or rename
 * that fails at the Nth file (a full disk, simulated by a mocked
 * `node:fs/promises`) leaves the old folder byte-identical, with no
 * temporary file left behind. The set has a manifest.json, written and
 * renamed last (its old one moved aside first); the folder's lock file is
 * not one of the set's writes.
 */
import { mkdir, readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { NotReplaceableError, writeFilesAtomic } from '../../src/io/atomic-write.js';
import { RESULT_FILES, writeResults } from '../../src/io/write-results.js';
import { LOCK_FILE } from '../../src/io/out-lock.js';
import type { SolveResult } from '../../src/model/result.js';
import { tempDir } from './helpers.js';

/** Which call fails: the Nth temporary file's write, or the Nth rename (0: none). */
const faults = vi.hoisted(() => ({ failWriteAt: 0, failRenameAt: 0, writes: 0, renames: 0 }));

vi.mock('node:fs/promises', async (importOriginal) => {
  const fs = await importOriginal<typeof import('node:fs/promises')>();
  const full = (): NodeJS.ErrnoException => Object.assign(new Error('ENOSPC: no space left on device, write'), { code: 'ENOSPC' });
  return {
    ...fs,
    open: async (...args: Parameters<typeof fs.open>) => {
      const handle = await fs.open(...args);
      if (args[1] !== 'wx' || String(args[0]).endsWith(LOCK_FILE) || ++faults.writes !== faults.failWriteAt) return handle;
      // This temporary file's write fails half-way: some bytes reach it first.
      return new Proxy(handle, {
        get(target, key) {
          if (key === 'writeFile') return async () => { await target.writeFile('partial'); throw full(); };
          const value: unknown = Reflect.get(target, key);
          return typeof value === 'function' ? value.bind(target) : value;
        },
      });
    },
    rename: async (...args: Parameters<typeof fs.rename>) => {
      if (++faults.renames === faults.failRenameAt) throw full();
      return fs.rename(...args);
    },
  };
});

/** Makes the Nth write or rename from now on fail. */
function arm(what: 'write' | 'rename', n: number): void {
  Object.assign(faults, { failWriteAt: what === 'write' ? n : 0, failRenameAt: what === 'rename' ? n : 0, writes: 0, renames: 0 });
}

beforeEach(() => arm('write', 0));

/** A result whose every file differs with `tag`. */
function result(tag: string): SolveResult {
  return {
    status: 'feasible',
    assignments: [{ countyId: 'c1', expertId: 'e1', role: 'leader', fit: 1, covers: [], reason: `leads (${tag})` }],
    unmatched: [{ countyId: 'c2', reasonCode: 'competition', detail: tag }],
    summary: {
      status: 'feasible', objective: 1, upperBound: 2, gap: 0.5, matchedCounties: 1, matchableUpperBound: 2, totalCounties: 2,
      expertsUsed: 1, expertsFree: 0, seconds: tag.length, seed: 1, solver: 'exact', objectiveMode: 'default', options: {}, version: '0.1.0', inputHash: tag,
    },
    warnings: [],
  };
}

/** Every entry of a folder (hidden ones too) with its bytes. */
async function snapshot(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  for (const name of (await readdir(dir)).sort()) out[name] = (await readFile(join(dir, name))).toString('base64');
  return out;
}

/** A results folder holding an older result, a report and a file of the user's. */
async function oldFolder(): Promise<string> {
  const out = join(await tempDir(), 'out');
  await writeResults(out, result('old'), { extraFiles: { 'report.html': '<p>old</p>' } });
  await writeFile(join(out, 'notes.txt'), 'mine');
  return out;
}

const SET_SIZE = RESULT_FILES.length + 2; // with report.html and manifest.json

describe('writeResults replaces the folder as one set', () => {
  for (let n = 1; n <= SET_SIZE; n++) {
    it(`a write failing at file ${n} of ${SET_SIZE}: the old folder byte-identical, no temporary file`, async () => {
      const out = await oldFolder();
      const before = await snapshot(out);
      arm('write', n);
      await expect(writeResults(out, result('newer'), { extraFiles: { 'report.html': '<p>new</p>' } })).rejects.toThrow(/ENOSPC/);
      expect(faults.renames).toBe(0);
      expect(await snapshot(out)).toEqual(before);
    });

    it(`a rename failing at file ${n} of ${SET_SIZE}: the files renamed before are put back`, async () => {
      const out = await oldFolder();
      const before = await snapshot(out);
      arm('rename', n);
      await expect(writeResults(out, result('newer'), { extraFiles: { 'report.html': '<p>new</p>' } })).rejects.toThrow(/ENOSPC/);
      expect(await snapshot(out)).toEqual(before);
    });
  }

  it('without a failure every file is new and no temporary file remains', async () => {
    const out = await oldFolder();
    await writeResults(out, result('newer'), { extraFiles: { 'report.html': '<p>new</p>' } });
    expect(Object.keys(await snapshot(out))).toEqual(['assignments.csv', 'manifest.json', 'notes.txt', 'report.html', 'summary.json', 'timing.json', 'unmatched.csv']);
    for (const f of RESULT_FILES) expect(await readFile(join(out, f), 'utf8'), f).toMatch(/newer|5/);
    expect(await readFile(join(out, 'report.html'), 'utf8')).toBe('<p>new</p>');
  });

  // Changed with issue 9: the folder writeResults created is removed again (it was left empty before).
  it('a first result into a new folder that fails at its last rename leaves no folder', async () => {
    const dir = await tempDir();
    const out = join(dir, 'fresh');
    arm('rename', RESULT_FILES.length + 1); // the manifest's: the last
    await expect(writeResults(out, result('newer'))).rejects.toThrow(/ENOSPC/);
    expect(await readdir(dir)).toEqual([]);
  });
});

describe('writeFilesAtomic', () => {
  it('refuses a name held by a folder before renaming anything', async () => {
    const dir = await tempDir();
    await writeFile(join(dir, 'a.txt'), 'old a');
    await mkdir(join(dir, 'b.txt'));
    await expect(writeFilesAtomic(dir, { 'a.txt': 'new a', 'b.txt': 'new b' })).rejects.toBeInstanceOf(NotReplaceableError);
    expect(faults.renames).toBe(0);
    expect((await readdir(dir)).sort()).toEqual(['a.txt', 'b.txt']);
    expect(await readFile(join(dir, 'a.txt'), 'utf8')).toBe('old a');
  });

  it('refuses names with a folder part, and result-file names among the extra files', async () => {
    const dir = await tempDir();
    for (const name of ['../x.csv', 'sub/x.csv', '..', '']) await expect(writeFilesAtomic(dir, { [name]: 'x' })).rejects.toBeInstanceOf(TypeError);
    await expect(writeResults(dir, result('x'), { extraFiles: { 'summary.json': '{}' } })).rejects.toBeInstanceOf(TypeError);
    expect(await readdir(dir)).toEqual([]);
  });
});
