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
 * - issue 9 (E7): every `--out` problem — a file, under a file, not
 *   writable, a folder named like a result file inside it, another run
 *   writing it — is exit 2 with a plain message BEFORE any solving (shown
 *   by giving an --input that does not exist: the --out problem is the one
 *   reported), for solve and repair alike; and `writeResults` itself raises
 *   a typed error for each.
 */
import { spawn } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, readdir, rm, symlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { generateInstance } from '../../src/generate/index.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import { writeResults } from '../../src/io/write-results.js';
import { OutputPathError } from '../../src/io/out-dir.js';
import { LOCK_FILE, OutputLockedError, lockOutDir } from '../../src/io/out-lock.js';
import { PRODUCT_FILES } from '../../src/io/manifest.js';
import { solveOrThrow } from '../../src/solve/solve.js';
import { tempDir } from './helpers.js';

function quiet(): Terminal & { errors: string[]; lines: string[] } {
  const errors: string[] = [];
  const lines: string[] = [];
  return { errors, lines, out: (l) => lines.push(l), err: (l) => errors.push(l), status: () => {} };
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
    expect((await readdir(out)).sort()).toEqual(['assignments.csv', 'ledger.csv', 'manifest.json', 'roster.csv', 'summary.json', 'timing.json', 'unmatched.csv']);
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
    expect((await readdir(out)).sort()).toEqual(['assignments.csv', 'manifest.json', 'summary.json', 'timing.json', 'unmatched.csv']);
  });
});

/** The pid of a process that has ended (a child that ran `true`). */
async function deadPid(): Promise<number> {
  const child = spawn(process.execPath, ['-e', '']);
  await new Promise((resolve) => child.on('exit', resolve));
  return child.pid!;
}

describe('issue 9 (E7): --out problems are exit 2 with a plain message, before any solving', () => {
  const missingInput = (): string => join(root, 'no-such-input');
  /** Runs solve (or repair) with an input that does not exist: only an --out problem found first can explain the message. */
  async function refused(command: 'solve' | 'repair', out: string): Promise<{ code: number; message: string; stdout: string[] }> {
    const term = quiet();
    const argv = command === 'solve'
      ? ['solve', '--input', missingInput(), '--out', out]
      : ['repair', '--input', missingInput(), '--result', join(root, 'no-such-result'), '--withdraw', 'E1', '--out', out];
    const code = await runCli(argv, term);
    return { code, message: term.errors.join('\n'), stdout: term.lines };
  }
  const expectPlain = (r: { code: number; message: string; stdout: string[] }, pattern: RegExp): void => {
    expect(r.message).not.toMatch(/internal error|no-such-input|\n\s+at /);
    expect(r.message).toMatch(pattern);
    expect(r.code).toBe(2);
    expect(r.stdout).toEqual([]);
  };

  for (const command of ['solve', 'repair'] as const) {
    it(`${command}: --out is a file`, async () => {
      const file = join(root, `${command}-a-file`);
      await writeFile(file, 'mine');
      expectPlain(await refused(command, file), /is a file, not a folder/);
      expect(await readFile(file, 'utf8')).toBe('mine');
    });

    it(`${command}: a parent of --out is a file`, async () => {
      const file = join(root, `${command}-parent-file`);
      await writeFile(file, 'mine');
      expectPlain(await refused(command, join(file, 'out')), /is a file, not a folder/);
    });

    for (const name of PRODUCT_FILES) {
      it(`${command}: a folder named ${name} inside --out`, async () => {
        const out = join(root, `${command}-taken-${name}`);
        await mkdir(join(out, name), { recursive: true });
        expectPlain(await refused(command, out), new RegExp(`${name.replace('.', '\\.')} is a folder`));
        expect(await readdir(out)).toEqual([name]);
      });
    }

    it.skipIf(!existsSync('/sys/kernel'))(`${command}: --out not writable (EPERM creating it, EACCES writing in it; also as root)`, async () => {
      expectPlain(await refused(command, '/sys/ag-no-such-out'), /no permission to write .*\((EPERM|EACCES|EROFS)\)/);
      expectPlain(await refused(command, '/sys/kernel'), /no permission to write .*\((EPERM|EACCES|EROFS)\)/);
    });

    it(`${command}: another running process writes to --out: exit 2 at once, its lock untouched`, async () => {
      const out = join(root, `${command}-locked`);
      await mkdir(out);
      const lock = await lockOutDir(out);
      try {
        const lockText = await readFile(join(out, LOCK_FILE), 'utf8');
        expectPlain(await refused(command, out), /is being written by another run \(process \d+\)/);
        expect(await readFile(join(out, LOCK_FILE), 'utf8')).toBe(lockText);
      } finally {
        await lock.release();
      }
      expect(await readdir(out)).toEqual([]);
    });
  }

  it('a refused run leaves no --out folder behind that it created', async () => {
    const out = join(root, 'created-then-refused');
    const term = quiet();
    expect(await runCli(['solve', '--input', missingInput(), '--out', out], term)).toBe(2);
    expect(existsSync(out)).toBe(false);
  });

  it('a lock left by a killed run (its pid dead) is taken over, and released after the run', async () => {
    const out = join(root, 'stale-lock');
    await mkdir(out);
    await writeFile(join(out, LOCK_FILE), `${await deadPid()} 0123456789abcdef\n`);
    expect(await runCli(['solve', '--input', input, '--out', out], quiet())).toBe(0);
    expect((await readdir(out)).sort()).toEqual(['assignments.csv', 'ledger.csv', 'manifest.json', 'roster.csv', 'summary.json', 'timing.json', 'unmatched.csv']);
  });

  it('writeResults raises typed errors: OutputPathError for each problem, OutputLockedError for a held lock', async () => {
    const result = await solveOrThrow(generateInstance('tiny', 3), { solver: 'scalable' });
    const file = join(root, 'typed-file');
    await writeFile(file, 'x');
    const problem = async (out: string): Promise<string> => {
      const error: unknown = await writeResults(out, result).then(() => undefined, (e: unknown) => e);
      expect(error).toBeInstanceOf(OutputPathError);
      return (error as OutputPathError).problem;
    };
    expect(await problem(file)).toBe('not-a-folder');
    expect(await problem(join(file, 'sub'))).toBe('parent-not-a-folder');
    const taken = join(root, 'typed-taken');
    await mkdir(join(taken, 'unmatched.csv'), { recursive: true });
    expect(await problem(taken)).toBe('name-taken');
    if (existsSync('/sys/kernel')) expect(await problem('/sys/kernel')).toBe('not-writable');
    const locked = join(root, 'typed-locked');
    await mkdir(locked);
    const lock = await lockOutDir(locked);
    await expect(writeResults(locked, result)).rejects.toBeInstanceOf(OutputLockedError);
    await writeResults(locked, result, { lock });
    await lock.release();
    expect(await readdir(locked)).toContain('manifest.json');
    expect(await readdir(locked)).not.toContain(LOCK_FILE);
  });
});
