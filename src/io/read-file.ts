/**
 * Reading an input file's bytes without hanging on what is not a file.
 * A folder entry named `experts.csv` may be a named pipe (reading it waits
 * for a writer forever) or a link to a device such as `/dev/zero` (reading
 * it never ends and fills memory); both are refused before any byte is read.
 */
import { constants } from 'node:fs';
import { open, type FileHandle } from 'node:fs/promises';

/**
 * Thrown by `readRegularFile` and `openRegularFile` for a path that is not
 * a regular file.
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
 * Opens a regular file for reading (links followed). The file is opened
 * non-blocking, so that opening a named pipe returns at once, and checked
 * with `fstat` before anything is read: a folder, pipe, socket or device is
 * refused with `NotAFileError` (the handle is closed). Other failures
 * (missing, no permission) throw as `fs` throws them. The caller closes the
 * returned handle.
 *
 * @example
 * ```ts
 * const handle = await openRegularFile('in/experts.csv');
 * try { for await (const chunk of readChunks(handle)) use(chunk); } finally { await handle.close(); }
 * ```
 */
export async function openRegularFile(path: string): Promise<FileHandle> {
  // O_NONBLOCK does nothing for a regular file; for a pipe it keeps open() from waiting for a writer.
  const handle = await open(path, constants.O_RDONLY | (constants.O_NONBLOCK ?? 0));
  try {
    const stats = await handle.stat();
    if (!stats.isFile()) {
      const what = stats.isDirectory() ? 'a folder' : stats.isFIFO() ? 'a named pipe' : stats.isSocket() ? 'a socket' : 'a device';
      throw new NotAFileError(path, what);
    }
    return handle;
  } catch (error) {
    await handle.close();
    throw error;
  }
}

/**
 * Reads a regular file's bytes whole (see `openRegularFile` for what is
 * refused). For files of any size prefer `readChunks`, which holds one
 * chunk at a time.
 *
 * @example
 * ```ts
 * const bytes = await readRegularFile('in/summary.json');
 * ```
 */
export async function readRegularFile(path: string): Promise<Uint8Array> {
  const handle = await openRegularFile(path);
  try {
    return await handle.readFile();
  } finally {
    await handle.close();
  }
}

/** Bytes per chunk read by `readChunks` unless told otherwise. */
export const CHUNK_BYTES = 64 * 1024;

/**
 * The bytes of an open file from `start` to its end, in chunks of at most
 * `chunkBytes` bytes read at explicit positions (so the same handle can be
 * read again from the start). Each chunk is a fresh buffer the caller may
 * keep.
 *
 * @param handle an open file, e.g. from `openRegularFile`
 * @param start the byte offset to start at
 * @param chunkBytes the largest chunk
 */
export async function* readChunks(handle: FileHandle, start = 0, chunkBytes = CHUNK_BYTES): AsyncGenerator<Uint8Array, void, undefined> {
  let position = start;
  for (;;) {
    const buffer = new Uint8Array(chunkBytes);
    const { bytesRead } = await handle.read(buffer, 0, chunkBytes, position);
    if (bytesRead === 0) return;
    position += bytesRead;
    yield bytesRead === chunkBytes ? buffer : buffer.subarray(0, bytesRead);
  }
}
