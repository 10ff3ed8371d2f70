/**
 * Atomic file writes: a reader (or a person opening the file in Excel)
 * sees the old file or the new one, never half of one, even if the process
 * dies mid-write.
 */
import { randomBytes } from 'node:crypto';
import { open, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/**
 * Writes `data` to `path` atomically: to a temporary file in the same
 * folder (a rename is atomic only within one file system), flushed to disk,
 * then renamed over `path`. On failure the temporary file is removed and
 * the old file, if any, is untouched.
 *
 * @example
 * ```ts
 * await writeFileAtomic('out/summary.json', JSON.stringify(summary, null, 2) + '\n');
 * ```
 */
export async function writeFileAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const temp = join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`);
  let renamed = false;
  try {
    const handle = await open(temp, 'wx');
    try {
      await handle.writeFile(data);
      // fsync before the rename: otherwise a crash may leave the new name pointing at empty blocks.
      await handle.sync();
    } finally {
      await handle.close();
    }
    await rename(temp, path);
    renamed = true;
  } finally {
    if (!renamed) await unlink(temp).catch(() => undefined);
  }
}
