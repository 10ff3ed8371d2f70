/**
 * Reading an input file's bytes without hanging on what is not a file.
 * A folder entry named `experts.csv` may be a named pipe (reading it waits
 * for a writer forever) or a link to a device such as `/dev/zero` (reading
 * it never ends and fills memory); both are refused before any byte is read.
 */
import { constants } from 'node:fs';
import { open } from 'node:fs/promises';

/**
 * Thrown by `readRegularFile` for a path that is not a regular file.
 *
 * @example
 * ```ts
 * try { await readRegularFile('in/experts.csv'); } catch (e) { if (e instanceof NotAFileError) console.error(e.message); }
 * ```
 */
export class NotAFileError extends Error {
  override readonly name = 'NotAFileError';
  /** @param path the path as given */
  constructor(readonly path: string, what: string) {
    super(`${path} is ${what}, not a regular file`);
  }
}

/**
 * Reads a regular file's bytes (links followed). The file is opened
 * non-blocking, so that opening a named pipe returns at once, and checked
 * with `fstat` before reading: a folder, pipe, socket or device is refused
 * with `NotAFileError`. Other failures (missing, no permission) throw as
 * `fs` throws them.
 *
 * @example
 * ```ts
 * const bytes = await readRegularFile('in/experts.csv');
 * ```
 */
export async function readRegularFile(path: string): Promise<Uint8Array> {
  // O_NONBLOCK does nothing for a regular file; for a pipe it keeps open() from waiting for a writer.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      const what = stats.isDirectory() ? 'a folder' : stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : 'a device';
      throw new NotAFileError(path, what);
    }
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}
