/**
 * Results are never written over the inputs, and a results folder is
 * replaced as one set.
 *
 * - `solve --out` equal to `--input` (also spelled `dir/` or `dir/.`) is
 *   refused with exit code 2 and nothing is written;
 * - `--out` a symbolic link to the input folder: the same (regression test
 *   of a fixed bug: `writeResults` refused it with `OutputDirError`, but the
 *   CLI exited 1, "internal error", after a full solve);
 * - a results folder inside the input folder is allowed, and the input
 *   files keep their bytes;
 * - a write that fails (here: a result file's name held by a folder) leaves
 *   every old file as it was and no temporary file behind. Failures at each
 *   file of the set: `test/io/write-set.test.ts`.
 */
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { generateInstance } from '../../src/generate/index.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import { writeResults } from '../../src/io/write-results.js';
import { solveOrThrow } from '../../src/solve/solve.js';
import { tempDir } from './helpers.js';

function quiet(): Terminal & { errors: string[] } {
  const errors: string[] = [];
  return { errors, out: () => {}, err: (l) => errors.push(l), status: () => {} };
}

/** Every file of a folder (recursively) with its bytes. */
async function snapshot(dir: string): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (const e of await readdir(dir, { withFileTypes: true, recursive: true })) {
    if (e.isFile()) {
      const path = join(e.parentPath, e.name);
      out.set(path, (await readFile(path)).toString('base64'));
    }
  }
  return out;
}

let root: string;
let input: string;
let before: Map<string, string>;
beforeAll(async () => {
  root = await tempDir('ag-outdir-');
  input = join(root, 'in');
  await writeInstanceDir(input, generateInstance('tiny', 1));
  before = await snapshot(input);
});

describe('solve --out never writes over the inputs', () => {
  for (const spell of ['same', 'trailing slash', 'dot'] as const) {
    it(`--out equal to --input (${spell}) is refused with exit 2, nothing written`, async () => {
      const out = spell === 'same' ? input : spell === 'trailing slash' ? `${input}/` : join(input, '.');
      const term = quiet();
      expect(await runCli(['solve', '--input', input, '--out', out], term)).toBe(2);
      expect(term.errors.join('\n')).toMatch(/--out must not be the --input folder/);
      expect(await snapshot(input)).toEqual(before);
    });
  }

  it('regression (bug 3, fixed): --out a symbolic link to the input folder is refused with exit 2', async () => {
    const link = join(root, 'link-to-in');
    await symlink(input, link).catch(() => undefined);
    const term = quiet();
    const code = await runCli(['solve', '--input', input, '--out', link], term);
    expect(await snapshot(input)).toEqual(before);
    expect(term.errors.join('\n')).not.toMatch(/internal error:/);
    expect(code).toBe(2);
  });

  it('--out a symbolic link to the input folder writes nothing there (whatever the exit code)', async () => {
    const link = join(root, 'link-to-in-2');
    await symlink(input, link);
    const code = await runCli(['solve', '--input', input, '--out', link], quiet());
    expect(code).not.toBe(0);
    expect(await snapshot(input)).toEqual(before);
  });

  it('--out inside the input folder is allowed; the inputs keep their bytes', async () => {
    const out = join(input, 'results');
    expect(await runCli(['solve', '--input', input, '--out', out], quiet())).toBe(0);
    const after = await snapshot(input);
    for (const [path, bytes] of before) expect(after.get(path), path).toBe(bytes);
    expect((await readdir(out)).sort()).toEqual(['assignments.csv', 'summary.json', 'timing.json', 'unmatched.csv']);
  });

  it('--out naming an input file is refused with exit 2, the file untouched', async () => {
    expect(await runCli(['solve', '--input', input, '--out', join(input, 'counties.csv')], quiet())).toBe(2);
    const after = await snapshot(input);
    for (const [path, bytes] of before) expect(after.get(path), path).toBe(bytes);
  });
});

describe('writeResults replaces the results folder as one set', () => {
  it('leaves no temporary file, and a failed write leaves every old file as it was', async () => {
    const instance = generateInstance('tiny', 2);
    const result = await solveOrThrow(instance, { solver: 'exact' });
    const out = join(root, 'atomic');
    await writeResults(out, result);
    expect((await readdir(out)).filter((n) => n.endsWith('.tmp'))).toEqual([]);
    // An older assignments.csv, and summary.json replaced by a non-empty folder, which no file can replace.
    await writeFile(join(out, 'assignments.csv'), 'old\n');
    const blocked = join(out, 'summary.json');
    await rm(blocked);
    await mkdir(blocked);
    await writeFile(join(blocked, 'x'), 'keeps the folder non-empty');
    const before = await snapshot(out);
    await expect(writeResults(out, result)).rejects.toThrow(/summary\.json is a folder/);
    // Nothing replaced, not even the files before summary.json in the set; no temporary file.
    expect(await snapshot(out)).toEqual(before);
    expect((await readdir(out)).sort()).toEqual(['assignments.csv', 'summary.json', 'timing.json', 'unmatched.csv']);
  });
});
