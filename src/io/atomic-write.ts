/**
 * Atomic file writes: a reader (or a person opening the file in Excel)
 * sees the old file or the new one, never half of one, even if the process
 * dies mid-write; and a set of files (a results folder) is replaced whole or
 * not at all.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

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

/** Thrown by `writeFilesAtomic` when a file of the set cannot replace what has its name (e.g. a folder). */
export class NotReplaceableError extends Error {
  override readonly name = 'NotReplaceableError';
  /** @param path the path that cannot be replaced */
  constructor(readonly path: string, what: string) {
    super(`${path} is ${what}; it cannot be replaced by a file`);
  }
}

/** True for a bare file name: no folder part, not `.` or `..`. */
function isBareName(name: string): boolean {
  return name !== '' && name !== '.' && name !== '..' && !/[/\\\0]/.test(name);
}

interface Staged {
  readonly target: string;
  readonly temp: string;
}

/**
 * Writes several files into the folder `dir` as one set: every file is
 * first written to a hidden temporary file in `dir` and flushed to disk;
 * only when all are written are they renamed into place.
 *
 * - If writing any of them fails (disk full, no permission, …), every
 *   temporary file is removed and no old file is touched.
 * - A name held by a folder (or another non-file) is refused with
 *   `NotReplaceableError` before anything is renamed.
 * - If a rename fails, the files already renamed are put back from
 *   hard-linked copies of the old ones (made just before), so the set is
 *   again the old one; on a file system without hard links, the files
 *   renamed so far stay new.
 *
 * A crash between the first and the last rename can leave some files new
 * and some old, plus hidden `.NAME.*.tmp` files; each file is still whole.
 *
 * @param dir an existing folder
 * @param files the file names (bare names, no folder part) and their contents, written in this order
 * @throws TypeError for a name that is not a bare file name
 * @example
 * ```ts
 * await writeFilesAtomic('out/round1', { 'assignments.csv': a, 'summary.json': s });
 * ```
 */
export async function writeFilesAtomic(dir: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  const names = Object.keys(files);
  for (const name of names) if (!isBareName(name)) throw new TypeError(`"${name}" is not a file name without a folder`);
  const staged: Staged[] = [];
  try {
    for (const name of names) {
      const target = join(dir, name);
      const item = { target, temp: tempPathFor(target) };
      staged.push(item);
      await writeSynced(item.temp, files[name] ?? '');
    }
    for (const { target } of staged) await refuseNonFile(target);
  } catch (error) {
    await removeAll(staged.map((s) => s.temp));
    throw error;
  }
  await commit(staged);
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

/** Renames the staged files into place; on failure puts the old ones back (see `writeFilesAtomic`). */
async function commit(staged: readonly Staged[]): Promise<void> {
  /** Renamed so far, with the hard link keeping the old file (`null`: there was none; `undefined`: not kept). */
  const done: { target: string; old: string | null | undefined }[] = [];
  const backups: string[] = [];
  try {
    for (const { target, temp } of staged) {
      const old = await keepOld(target);
      if (typeof old === 'string') backups.push(old);
      await rename(temp, target);
      done.push({ target, old });
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
