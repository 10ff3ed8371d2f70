/**
 * Writing a test folder of CSV texts (or raw bytes) to disk.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * Writes each entry of `files` as a file of `dir` (created if missing):
 * strings as UTF-8, byte arrays as is. Names are taken as they are, so a
 * test may write `Counties.CSV` or a GBK file.
 *
 * @example
 * ```ts
 * await writeCsvFolder(dir, bad.files);
 * const r = await readInstanceDir(dir);
 * ```
 */
export async function writeCsvFolder(dir: string, files: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  await mkdir(dir, { recursive: true });
  await Promise.all(Object.entries(files).map(([name, data]) => writeFile(join(dir, name), data)));
}
