/**
 * Preparing a results folder before anything is solved: the folder exists
 * (or is created), is a folder, is writable, has no folder where a result
 * file must go, and is locked against a second writer. Every problem is a
 * typed error with a plain message, found in a second rather than after a
 * long solve.
 */
import { lstat, mkdir, realpath, rmdir, stat } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { PRODUCT_FILES } from './manifest.js';
import { lockOutDir, type OutLock } from './out-lock.js';
import { OutputDirError, OutputPathError, type OutputPathProblem } from './output-errors.js';

// Defined with the other output errors, so that the command line tells them apart without loading this module.
export { OutputDirError, OutputPathError, type OutputPathProblem };

function errno(error: unknown): string | undefined {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  return typeof code === 'string' ? code : undefined;
}

/** Error codes meaning "not allowed to write here". */
const NOT_WRITABLE = new Set(['EACCES', 'EPERM', 'EROFS']);

/**
 * Turns a file-system error raised while using results folder `dir` into
 * an `OutputPathError`; other errors are returned as they are.
 */
export function outputError(dir: string, error: unknown): unknown {
  const code = errno(error);
  if (code === undefined || error instanceof OutputPathError) return error;
  const path = (error as NodeJS.ErrnoException).path ?? dir;
  if (NOT_WRITABLE.has(code)) return new OutputPathError(dir, 'not-writable', `no permission to write ${path} (${code})`, path);
  if (code === 'ENOTDIR') return new OutputPathError(dir, 'parent-not-a-folder', `a part of the path ${path} is a file, not a folder`, path);
  if (code === 'ENOSPC' || code === 'EDQUOT') return new OutputPathError(dir, 'write-failed', `the disk is full (${code}); nothing was replaced`, path);
  return new OutputPathError(dir, 'write-failed', `${(error as Error).message}`, path);
}

async function realOrResolved(path: string): Promise<string> {
  return realpath(path).catch(() => resolve(path));
}

/**
 * Refuses a results folder that is the input folder (also through a link).
 * @throws OutputDirError when they are one folder
 */
export async function assertNotInputDir(dir: string, inputDir: string): Promise<void> {
  if ((await realOrResolved(inputDir)) === (await realOrResolved(dir))) throw new OutputDirError(dir, inputDir);
}

/** Options of `prepareOutDir`. */
export interface PrepareOutDirOptions {
  /** The input folder: the results folder must not be it (`OutputDirError`). */
  inputDir?: string;
}

/**
 * Makes `dir` ready to receive a result set and locks it: creates it if
 * missing, checks that it is a writable folder whose result file names are
 * free of folders, and takes its lock (`lockOutDir`). If the folder was
 * created here and nothing is written into it, releasing the lock removes
 * it again, so a refused run leaves nothing behind.
 *
 * @throws OutputDirError when `dir` is the input folder
 * @throws OutputPathError when `dir` is a file, under a file, not writable, or has a folder named like a result file
 * @throws OutputLockedError when another running process writes to `dir`
 * @example
 * ```ts
 * const lock = await prepareOutDir('out/round1', { inputDir: 'data/round1' });
 * try { await writeResults('out/round1', solve(instance), { lock }); } finally { await lock.release(); }
 * ```
 */
export async function prepareOutDir(dir: string, opts: PrepareOutDirOptions = {}): Promise<OutLock> {
  if (opts.inputDir !== undefined) await assertNotInputDir(dir, opts.inputDir);
  const existing = await stat(dir).catch((error: unknown) => {
    if (errno(error) === 'ENOENT') return undefined;
    throw outputError(dir, error);
  });
  if (existing !== undefined && !existing.isDirectory()) throw new OutputPathError(dir, 'not-a-folder', `${dir} is a file, not a folder`);
  let created = false;
  if (existing === undefined) {
    try {
      created = (await mkdir(dir, { recursive: true })) !== undefined;
    } catch (error) {
      if (errno(error) === 'EEXIST') throw new OutputPathError(dir, 'parent-not-a-folder', `a part of the path ${dir} is a file, not a folder`);
      throw outputError(dir, error);
    }
  }
  try {
    for (const name of PRODUCT_FILES) {
      const path = join(dir, name);
      const stats = await lstat(path).catch(() => undefined);
      if (stats !== undefined && !stats.isFile() && !stats.isSymbolicLink()) {
        throw new OutputPathError(dir, 'name-taken', `${path} is ${stats.isDirectory() ? 'a folder' : 'not a regular file'}; a result file must go there (rename or remove it)`, path);
      }
    }
    const lock = await lockOutDir(dir).catch((error: unknown) => {
      throw outputError(dir, error);
    });
    return {
      dir,
      release: async () => {
        await lock.release();
        // An empty folder made by a run that wrote nothing goes again; a non-empty one stays (rmdir refuses).
        if (created) await rmdir(dir).catch(() => undefined);
      },
    };
  } catch (error) {
    if (created) await rmdir(dir).catch(() => undefined);
    throw error;
  }
}
