/**
 * A results folder is one unit (issue 9, C1–C3), in process:
 *
 * - `writeResults` writes manifest.json last: the SHA-256 of every file of
 *   the set but timing.json, names sorted, the input hash and the library
 *   version; byte-identical for the same result;
 * - `readResultDir` refuses, naming the file, a folder without a manifest
 *   (`missing-manifest`), with a file changed or missing, or with a file of
 *   the product's set that the manifest does not list (`manifest-mismatch`);
 *   `refreshManifest` makes an edited folder readable again;
 * - files of the product's set a run does not write (report.html,
 *   recruitment.csv, changes.csv, pinned.csv) are removed with the write;
 *   files the product does not own are left alone;
 * - temporary files of a crashed run are removed by the next run;
 * - the folder's lock: a second writer is refused with `OutputLockedError`,
 *   a lock of a dead process is taken over.
 * Kill -9 and two-writer trials with real processes: `test/hostile/crash-safety.test.ts`.
 */
import { spawn } from 'node:child_process';
import { cp, mkdir, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MANIFEST_FILE, refreshManifest, sha256Hex } from '../../src/io/manifest.js';
import { LOCK_FILE, lockOutDir, OutputLockedError } from '../../src/io/out-lock.js';
import { readResultDir } from '../../src/io/read-results.js';
import { writeResults } from '../../src/io/write-results.js';
import type { SolveResult } from '../../src/model/result.js';
import { VERSION } from '../../src/version.js';
import { tempDir } from './helpers.js';

function result(tag = 'a', seconds = 1): SolveResult {
  return {
    status: 'feasible',
    assignments: [{ countyId: 'c1', expertId: 'e1', role: 'leader', fit: 1, covers: [], reason: `leads (${tag})` }],
    unmatched: [{ countyId: 'c2', reasonCode: 'competition', detail: tag }],
    summary: {
      status: 'feasible', objective: 1, upperBound: 2, gap: 0.5, matchedCounties: 1, matchableUpperBound: 2, totalCounties: 2,
      expertsUsed: 1, expertsFree: 0, seconds, seed: 1, solver: `exact ${tag}`, objectiveMode: 'default', options: {}, version: VERSION, inputHash: `hash-${tag}`,
    },
    warnings: [],
  };
}

async function issuesOf(dir: string): Promise<string[]> {
  const r = await readResultDir(dir);
  return r.ok ? [] : r.issues.map((i) => `${i.code} ${i.file}`);
}

describe('manifest.json', () => {
  it('is written last with the SHA-256 of every file but timing.json, the input hash and the version; byte-identical across runs', async () => {
    const a = await tempDir();
    const b = await tempDir();
    await writeResults(a, result('a', 1), { extraFiles: { 'report.html': '<p>r</p>' } });
    await writeResults(b, result('a', 99), { extraFiles: { 'report.html': '<p>r</p>' } });
    const text = await readFile(join(a, MANIFEST_FILE), 'utf8');
    expect(await readFile(join(b, MANIFEST_FILE), 'utf8')).toBe(text);
    const manifest = JSON.parse(text) as { version: string; inputHash: string; files: Record<string, string> };
    expect(manifest.version).toBe(VERSION);
    expect(manifest.inputHash).toBe('hash-a');
    expect(Object.keys(manifest.files)).toEqual(['assignments.csv', 'report.html', 'summary.json', 'unmatched.csv']);
    for (const [name, hash] of Object.entries(manifest.files)) expect(sha256Hex(await readFile(join(a, name))), name).toBe(hash);
    expect(text.endsWith('}\n')).toBe(true);
  });

  it('readResultDir refuses a folder without a manifest (missing-manifest)', async () => {
    const dir = await tempDir();
    await writeResults(dir, result());
    await rm(join(dir, MANIFEST_FILE));
    expect(await issuesOf(dir)).toEqual([`missing-manifest ${MANIFEST_FILE}`]);
  });

  it('readResultDir refuses a changed, a missing, or an unlisted file of the set, naming it (manifest-mismatch)', async () => {
    const base = await tempDir();
    await writeResults(base, result());
    const variant = async (edit: (dir: string) => Promise<void>): Promise<string[]> => {
      const dir = join(await tempDir(), 'v');
      await cp(base, dir, { recursive: true });
      await edit(dir);
      return issuesOf(dir);
    };
    const summary = (await readFile(join(base, 'summary.json'), 'utf8')).replace('"objective": 1', '"objective": 2');
    expect(await variant((d) => writeFile(join(d, 'summary.json'), summary))).toEqual(['manifest-mismatch summary.json']);
    expect(await variant((d) => writeFile(join(d, 'assignments.csv'), 'county_id,expert_id,role\n'))).toEqual(['manifest-mismatch assignments.csv']);
    expect(await variant((d) => rm(join(d, 'unmatched.csv')))).toEqual(['manifest-mismatch unmatched.csv']);
    for (const name of ['report.html', 'recruitment.csv', 'changes.csv', 'pinned.csv']) {
      expect(await variant((d) => writeFile(join(d, name), 'left from another run\n')), name).toEqual([`manifest-mismatch ${name}`]);
    }
    expect(await variant((d) => writeFile(join(d, MANIFEST_FILE), '{"not":"a manifest"}'))).toEqual([`manifest-mismatch ${MANIFEST_FILE}`]);
    // A file the product does not own changes nothing.
    expect(await variant((d) => writeFile(join(d, 'notes.txt'), 'mine'))).toEqual([]);
    // timing.json is not hashed (it differs between runs) but names its manifest: another run's, or none, is refused.
    const other = join(await tempDir(), 'other');
    await writeResults(other, result('a', 5));
    expect(await readFile(join(other, MANIFEST_FILE), 'utf8')).toBe(await readFile(join(base, MANIFEST_FILE), 'utf8'));
    expect(await variant((d) => cp(join(other, 'timing.json'), join(d, 'timing.json')))).toEqual([]); // same set, other wall time
    await writeResults(other, result('b', 5));
    expect(await variant((d) => cp(join(other, 'timing.json'), join(d, 'timing.json')))).toEqual(['manifest-mismatch timing.json']);
    expect(await variant((d) => writeFile(join(d, 'timing.json'), '{ "seconds": 7 }\n'))).toEqual(['manifest-mismatch timing.json']);
  });

  it('refreshManifest makes an edited folder readable again (then its content is what is judged)', async () => {
    const dir = await tempDir();
    await writeResults(dir, result());
    await writeFile(join(dir, 'unmatched.csv'), 'county_id,reason_code,detail\nc2,competition,edited\n');
    expect(await issuesOf(dir)).toEqual(['manifest-mismatch unmatched.csv']);
    await refreshManifest(dir);
    const r = await readResultDir(dir);
    expect(r.ok && r.unmatched).toEqual([{ countyId: 'c2', reasonCode: 'competition', detail: 'edited' }]);
    expect(r.ok && r.seconds).toBe(1);
  });
});

describe('the product\'s own files a run does not write are removed with it; other files stay', () => {
  it('a run without report.html, recruitment.csv, changes.csv, pinned.csv removes those of the run before', async () => {
    const dir = await tempDir();
    const extras = { 'report.html': '<p>old</p>', 'recruitment.csv': 'county_id\nc2\n', 'changes.csv': 'county_id\n', 'pinned.csv': 'county_id,expert_id,role\n' };
    await writeResults(dir, result('old'), { extraFiles: extras });
    await writeFile(join(dir, 'notes.txt'), 'mine');
    await writeFile(join(dir, 'Report.HTML'), 'a case variant of ours');
    await writeResults(dir, result('new'));
    expect((await readdir(dir)).sort()).toEqual(['assignments.csv', MANIFEST_FILE, 'notes.txt', 'summary.json', 'timing.json', 'unmatched.csv']);
    expect(await readFile(join(dir, 'notes.txt'), 'utf8')).toBe('mine');
    expect((await readResultDir(dir)).ok).toBe(true);
  });
});

describe('temporary files of a crashed run', () => {
  it('are removed by the next run; temporary-looking files of other names are left alone', async () => {
    const dir = await tempDir();
    await writeResults(dir, result());
    const crashed = ['.assignments.csv.4242.0badcafe.tmp', '.summary.json.77.deadbeef.old.tmp', `.${MANIFEST_FILE}.1.00000000.tmp`, '.report.html.9.12345678.tmp'];
    for (const name of crashed) await writeFile(join(dir, name), 'half');
    await writeFile(join(dir, '.mine.txt.1.abcdef12.tmp'), 'not ours');
    await writeResults(dir, result('next'));
    expect((await readdir(dir)).filter((n) => n.startsWith('.'))).toEqual(['.mine.txt.1.abcdef12.tmp']);
  });
});

describe('the lock of a results folder', () => {
  it('refuses a second writer at once with OutputLockedError naming the holder; released, the folder is writable again', async () => {
    const dir = await tempDir();
    const lock = await lockOutDir(dir);
    const error = await writeResults(dir, result()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OutputLockedError);
    expect((error as OutputLockedError).pid).toBe(process.pid);
    expect(await readdir(dir)).toEqual([LOCK_FILE]);
    await lock.release();
    await writeResults(dir, result());
    expect(await readdir(dir)).not.toContain(LOCK_FILE);
  });

  it('a lock whose process has ended is stale and taken over; a lock of our pid but not our token too (a pid reused)', async () => {
    const child = spawn(process.execPath, ['-e', '']);
    await new Promise((resolve) => child.on('exit', resolve));
    for (const holder of [`${child.pid} 00ff00ff00ff00ff\n`, `${process.pid} 0123456789abcdef\n`]) {
      const dir = await tempDir();
      await writeFile(join(dir, LOCK_FILE), holder);
      await writeResults(dir, result());
      expect((await readResultDir(dir)).ok).toBe(true);
      expect(await readdir(dir)).not.toContain(LOCK_FILE);
    }
  });

  it('a lock held by another live process is respected', async () => {
    const child = spawn(process.execPath, ['-e', 'setTimeout(() => {}, 20000)']);
    try {
      const dir = await tempDir();
      await mkdir(dir, { recursive: true });
      await writeFile(join(dir, LOCK_FILE), `${child.pid} 00ff00ff00ff00ff\n`);
      await expect(writeResults(dir, result())).rejects.toThrow(new RegExp(`being written by another run \\(process ${child.pid}\\)`));
      expect(await readdir(dir)).toEqual([LOCK_FILE]);
    } finally {
      child.kill('SIGKILL');
    }
  });
});
