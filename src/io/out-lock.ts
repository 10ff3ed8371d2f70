/**
 * The lock of a results folder: one writer at a time. Two solves writing to
 * the same `--out` would otherwise interleave their renames and leave a
 * folder of two runs. The lock is a file created exclusively (O_EXCL)
 * holding the writer's pid; a lock whose pid is no longer running is stale
 * (a killed run) and is taken over.
 */
import { randomBytes } from 'node:crypto';
import { link, lstat, open, readdir, readFile, rename, unlink, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { OutputLockedError } from './output-errors.js';

/** The lock file's name inside a results folder (hidden; not part of the result set). */
export const LOCK_FILE = '.advisory-groups.lock';

/** How long a lock file may stay empty (its creator between create and write) before it counts as stale. */
const EMPTY_LOCK_GRACE_MS = 10_000;

// Defined with the other output errors, so that the command line tells them apart without loading this module.
export { OutputLockedError };

/** A held lock of a results folder. */
export interface OutLock {
  /** The results folder. */
  readonly dir: string;
  /** Removes the lock file (only if it is still this lock's); safe to call twice. */
  release(): Promise<void>;
}

/** True when a process with this pid is running (or exists but is not ours to signal). */
export function isProcessAlive(pid: number): boolean {
  if (!Number.isInteger(pid) || pid <= 0) return false;
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}

/**
 * Tokens of the locks this process holds. A lock file holds `PID TOKEN`:
 * the token tells our own live lock from a leftover of a killed process that
 * had our pid (pids repeat, e.g. in a container started afresh).
 */
const heldTokens = new Set<string>();

/** The pid and token written in a lock file; `undefined` when it holds none (yet). */
function parseLock(text: string): { pid: number; token: string } | undefined {
  const m = /^(\d+) ([0-9a-f]+)\n$/.exec(text);
  return m ? { pid: Number(m[1]), token: m[2]! } : undefined;
}

/**
 * Creates the lock file exclusively with our pid and `token`; `false` when
 * it exists. The content is written to a private file first and then
 * hard-linked to the lock's name (link fails if the name exists), so the
 * lock appears with its pid in it: a writer killed at any moment never
 * leaves an empty lock behind. Where hard links are not supported, an
 * O_EXCL create then write is used instead.
 */
async function tryCreate(path: string, token: string): Promise<boolean> {
  const text = `${process.pid} ${token}\n`;
  const temp = `${path}.${process.pid}.${token}.new`;
  await writeFile(temp, text, { flag: 'wx' });
  try {
    await link(temp, path);
    return true;
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    if (code === 'EEXIST') return false;
    if (code !== 'EPERM' && code !== 'ENOTSUP' && code !== 'EOPNOTSUPP' && code !== 'EXDEV') throw error;
  } finally {
    await unlink(temp).catch(() => undefined);
  }
  return tryCreateExclusive(path, text);
}

/** The fallback of `tryCreate` without hard links: O_EXCL create, then write. */
async function tryCreateExclusive(path: string, text: string): Promise<boolean> {
  let handle;
  try {
    handle = await open(path, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(text);
    await handle.sync();
  } catch (error) {
    // A lock we could not complete (disk full) must not stay behind as an empty lock.
    await handle.close();
    await unlink(path).catch(() => undefined);
    throw error;
  }
  await handle.close();
  return true;
}

/** Removes what killed lockers left: `LOCK.PID.TOKEN.new` and `LOCK.PID.HEX.stale` files of processes no longer running. */
async function removeDeadLockerFiles(dir: string): Promise<void> {
  const names = await readdir(dir).catch(() => [] as string[]);
  for (const name of names) {
    const m = /^\.advisory-groups\.lock\.(\d+)\.[0-9a-f]+\.(?:new|stale)$/.exec(name);
    if (m !== null && Number(m[1]) !== process.pid && !isProcessAlive(Number(m[1]))) await unlink(join(dir, name)).catch(() => undefined);
  }
}

/** The state of an existing lock: held by a live process, stale, or gone meanwhile. */
async function inspect(path: string): Promise<{ kind: 'held'; pid: number | undefined } | { kind: 'stale'; text: string; ino: number } | { kind: 'gone' }> {
  let text: string;
  let stats;
  try {
    stats = await lstat(path);
    text = await readFile(path, 'utf8');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { kind: 'gone' };
    throw error;
  }
  const lock = parseLock(text);
  if (lock === undefined) {
    // Its creator may be between create and write: only an old empty lock is stale.
    return Date.now() - stats.mtimeMs > EMPTY_LOCK_GRACE_MS ? { kind: 'stale', text, ino: stats.ino } : { kind: 'held', pid: undefined };
  }
  const live = lock.pid === process.pid ? heldTokens.has(lock.token) : isProcessAlive(lock.pid);
  return live ? { kind: 'held', pid: lock.pid } : { kind: 'stale', text, ino: stats.ino };
}

/**
 * Takes over a stale lock: moves it to a private name (atomic, so of two
 * processes doing this only one moves it), then confirms that what it moved
 * is the stale lock it inspected (same inode and text) and not a fresh lock
 * a third process made meanwhile, which it then puts back.
 */
async function breakStale(path: string, seen: { text: string; ino: number }): Promise<void> {
  const aside = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.stale`;
  try {
    await rename(path, aside);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return;
    throw error;
  }
  const stats = await lstat(aside);
  const text = await readFile(aside, 'utf8');
  if (stats.ino === seen.ino && text === seen.text) {
    await unlink(aside).catch(() => undefined);
    return;
  }
  // Not the stale one: put it back unless yet another lock has appeared (link, unlike rename, never replaces it).
  await link(aside, path).catch(() => undefined);
  await unlink(aside).catch(() => undefined);
}

/**
 * Takes the lock of the existing folder `dir`, or throws
 * `OutputLockedError` at once when a running process holds it (no
 * waiting: a second writer should fail fast). A lock left by a process
 * that no longer runs is taken over.
 *
 * @throws OutputLockedError when another live process holds the lock
 * @throws as `fs` throws when the lock file cannot be created (e.g. EACCES: the folder is not writable)
 * @example
 * ```ts
 * const lock = await lockOutDir('out/round1');
 * try { await writeResults('out/round1', result, { lock }); } finally { await lock.release(); }
 * ```
 */
export async function lockOutDir(dir: string): Promise<OutLock> {
  const path = join(dir, LOCK_FILE);
  const token = randomBytes(8).toString('hex');
  for (let attempt = 0; ; attempt++) {
    if (await tryCreate(path, token)) break;
    const state = await inspect(path);
    if (state.kind === 'held' || attempt >= 5) throw new OutputLockedError(dir, state.kind === 'held' ? state.pid : undefined);
    if (state.kind === 'stale') await breakStale(path, state);
  }
  heldTokens.add(token);
  await removeDeadLockerFiles(dir);
  let released = false;
  return {
    dir,
    release: async () => {
      if (released) return;
      released = true;
      heldTokens.delete(token);
      const text = await readFile(path, 'utf8').catch(() => undefined);
      if (text !== undefined && parseLock(text)?.token === token) await unlink(path).catch(() => undefined);
    },
  };
}
