/**
 * Atomic file writes: a reader (or a person opening the file in Excel)
 * sees the old file or the new one, never half of one, even if the process
 * dies mid-write; and a set of files (a results folder) is replaced whole or
 * not at all.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, open, readdir, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { NotReplaceableError } from './output-errors.js';

/** A hidden temporary name next to `path` (a rename is atomic only within one file system). */
function tempPathFor(path: string, kind = 'tmp'): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.${kind === 'tmp' ? '' : `${kind}.`}tmp`);
}

/** Writes a new file (never an existing one) and flushes it to disk. */
async function writeSynced(path: string, data: string | Uint8Array): Promise<void> {
  const handle = await open(path, 'wx');
  try {
    await handle.writeFile(data);
    // fsync before the rename: otherwise a crash may leave the new name pointing at empty blocks.
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Removes files, ignoring those already gone. */
async function removeAll(paths: readonly string[]): Promise<void> {
  await Promise.all(paths.map((p) => unlink(p).catch(() => undefined)));
}

/**
 * Writes `data` to `path` atomically: to a temporary file in the same
 * folder, flushed to disk, then renamed over `path`. On failure the
 * temporary file is removed and the old file, if any, is untouched.
 *
 * @example
 * ```ts
 * await writeFileAtomic('out/summary.json', JSON.stringify(summary, null, 2) + '\n');
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = tempPathFor(path);
  let renamed = false;
  try {
    await writeSynced(temp, data);
    await rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}

// Defined with the other output errors, so that the command line tells them apart without loading this module.
export { NotReplaceableError };

/** True for a bare file name: no folder part, not `.` or `..`. */
function isBareName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

interface Staged {
  readonly name: string;
  readonly target: string;
  readonly temp: string;
}

/** Options of `writeFilesAtomic`. */
export interface WriteSetOptions {
  /**
   * The name of the set renamed into place last (e.g. `manifest.json`).
   * Its old file is moved aside before the first rename, so at every
   * moment between the first rename and the last the folder has no file of
   * that name: a reader that requires it refuses the folder instead of
   * reading a mix of old and new files.
   */
  last?: string;
  /**
   * Names to remove in the same step: files of an earlier set that this
   * set does not have (e.g. an old `report.html`). Removed after the
   * renames and before `last`; put back if the write fails.
   */
  remove?: readonly string[];
}

/** The test hook: `ADVISORY_GROUPS_TEST_STOP_AT_STEP=k` stops (SIGSTOP) this process after the k-th step of a commit, for crash tests that kill it there. */
const STOP_AT_STEP = Number(process.env['ADVISORY_GROUPS_TEST_STOP_AT_STEP'] ?? Number.NaN);

/**
 * Writes several files into the folder `dir` as one set: every file is
 * first written to a hidden temporary file in `dir` and flushed to disk;
 * only when all are written are they renamed into place.
 *
 * - If writing any of them fails (disk full, no permission, …), every
 *   temporary file is removed and no old file is touched.
 * - A name held by a folder (or another non-file), among the files or
 *   `opts.remove`, is refused with `NotReplaceableError` before anything
 *   is renamed.
 * - If a rename fails, the steps already done are undone from hard-linked
 *   or moved-aside copies of the old files, so the set is again the old
 *   one; on a file system without hard links, the files renamed so far
 *   stay new.
 *
 * A crash between the first and the last rename can leave some files new
 * and some old, plus hidden `.NAME.PID.HEX[.old].tmp` files (which
 * `removeStaleTemps` clears); each file is still whole, and with
 * `opts.last` the folder then lacks that file (see `WriteSetOptions`).
 *
 * @param dir an existing folder
 * @param files the file names (bare names, no folder part) and their contents, written in this order
 * @throws TypeError for a name that is not a bare file name, or a `last` that is not among the files
 * @example
 * ```ts
 * await writeFilesAtomic('out/round1', { 'assignments.csv': a, 'manifest.json': m }, { last: 'manifest.json' });
 * ```
 */
export async function writeFilesAtomic(dir: string, files: Readonly<Record<string, string | Uint8Array>>, opts: WriteSetOptions = {}): Promise<void> {
  const names = Object.keys(files);
  const remove = (opts.remove ?? []).filter((n) => !names.includes(n));
  for (const name of [...names, ...remove]) if (!isBareName(name)) throw new TypeError(`"${name}" is not a file name without a folder`);
  if (opts.last !== undefined && !names.includes(opts.last)) throw new TypeError(`the last file ${opts.last} is not one of the files written`);
  // The `last` file goes last whatever its place in `files`.
  const ordered = opts.last === undefined ? names : [...names.filter((n) => n !== opts.last), opts.last];
  const staged: Staged[] = [];
  try {
    for (const name of ordered) {
      const target = join(dir, name);
      const item = { name, target, temp: tempPathFor(target) };
      staged.push(item);
      await writeSynced(item.temp, files[name] ?? '');
    }
    for (const { target } of staged) await refuseNonFile(target);
    for (const name of remove) await refuseNonFile(join(dir, name));
  } catch (error) {
    await removeAll(staged.map((s) => s.temp));
    throw error;
  }
  await commit(dir, staged, remove.map((n) => join(dir, n)), opts.last !== undefined);
  await syncFolder(dir);
}

/** Throws `NotReplaceableError` when `path` exists and is neither a regular file nor a link. */
async function refuseNonFile(path: string): Promise<void> {
  const stats = await lstat(path).catch((error: NodeJS.ErrnoException) => {
    if (error.code === 'ENOENT') return undefined;
    throw error;
  });
  if (stats === undefined || stats.isFile() || stats.isSymbolicLink()) return;
  throw new NotReplaceableError(path, stats.isDirectory() ? 'a folder' : 'not a regular file');
}

/** One step done by `commit`: `target` changed, and how to undo it (`old`: the kept old file; `null`: there was none; `undefined`: not kept). */
interface Done {
  target: string;
  old: string | null | undefined;
}

/**
 * The renames of `writeFilesAtomic`: with `lastApart`, the old file of the
 * last staged name is first moved aside; then the staged files are renamed
 * into place, the names in `remove` moved aside, and the last staged file
 * renamed in. On failure every step is undone, in reverse.
 */
async function commit(dir: string, staged: readonly Staged[], remove: readonly string[], lastApart: boolean): Promise<void> {
  const done: Done[] = [];
  const backups: string[] = [];
  let step = 0;
  const stepDone = (): void => {
    step += 1;
    if (step === STOP_AT_STEP) process.kill(process.pid, 'SIGSTOP');
  };
  const moveAside = async (target: string): Promise<void> => {
    const old = await moveOld(target);
    if (typeof old === 'string') backups.push(old);
    done.push({ target, old });
    stepDone();
  };
  const last = lastApart ? staged[staged.length - 1] : undefined;
  try {
    if (last !== undefined) {
      await moveAside(last.target);
      await syncFolder(dir);
    }
    for (const { target, temp } of staged) {
      if (target === last?.target) continue;
      const old = await keepOld(target);
      if (typeof old === 'string') backups.push(old);
      await rename(temp, target);
      done.push({ target, old });
      stepDone();
    }
    for (const target of remove) await moveAside(target);
    if (last !== undefined) {
      await syncFolder(dir);
      await rename(last.temp, last.target);
      done.push({ target: last.target, old: null });
      stepDone();
    }
  } catch (error) {
    for (const { target, old } of done.reverse()) {
      if (typeof old === 'string') await rename(old, target).catch(() => undefined);
      else if (old === null) await unlink(target).catch(() => undefined);
    }
    await removeAll([...staged.map((s) => s.temp), ...backups]);
    throw error;
  }
  await removeAll(backups);
}

/** A hard link to the file at `target` under a temporary name; `null` when there is no file, `undefined` when no link can be made. */
async function keepOld(target: string): Promise<string | null | undefined> {
  const backup = tempPathFor(target, 'old');
  try {
    await link(target, backup);
    return backup;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ENOENT' ? null : undefined;
  }
}

/** Moves the file at `target` to a temporary name (it is then gone from `target`); `null` when there is none. */
async function moveOld(target: string): Promise<string | null> {
  const backup = tempPathFor(target, 'old');
  try {
    await rename(target, backup);
    return backup;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
    throw error;
  }
}

/** The temporary files of `writeFileAtomic`/`writeFilesAtomic`: `.NAME.PID.HEX.tmp` and `.NAME.PID.HEX.old.tmp`. */
const TEMP_NAME = /^\.(.+)\.\d+\.[0-9a-f]{8}\.(?:old\.)?tmp$/;

/**
 * Removes the temporary files a crashed write left in `dir` for the given
 * file names (only those: other programs' files are left alone). Call it
 * only while no other write to `dir` runs (e.g. holding its lock), since a
 * running write's temporary files look the same.
 *
 * @returns the names removed
 */
export async function removeStaleTemps(dir: string, owned: readonly string[]): Promise<string[]> {
  const removed: string[] = [];
  for (const entry of await readdir(dir)) {
    const m = TEMP_NAME.exec(entry);
    if (m === null || !owned.includes(m[1]!)) continue;
    try {
      await unlink(join(dir, entry));
      removed.push(entry);
    } catch {
      // Gone already, or not removable: it does no harm beyond taking space.
    }
  }
  return removed.sort();
}

/** Flushes the folder's entries (the renames) to disk where the platform allows it. */
async function syncFolder(dir: string): Promise<void> {
  try {
    const handle = await open(dir, 'r');
    try {
      await handle.sync();
    } finally {
      await handle.close();
    }
  } catch {
    // Windows cannot open or fsync a folder; the renames are still atomic.
  }
}
