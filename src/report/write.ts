/**
 * Writing the report next to the results: `report.html`. In a results
 * folder (one with a manifest) the page joins the set, so that readers still
 * take the folder as one result; elsewhere it is written atomically alone.
 */
import { mkdir, readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';
import { findFile } from '../io/find-file.js';
import { MANIFEST_FILE } from '../io/manifest.js';
import { addToResultSet } from '../io/write-results.js';

/** The report's file name in a results folder. */
export const REPORT_FILE = 'report.html';

/**
 * Writes `html` to `outDir/report.html` (the folder is created if missing):
 * a reader sees the old page or the new one, never half of one. When
 * `outDir` is a results folder, the page is added to its set
 * (`addToResultSet`): the folder must match its manifest, and the manifest
 * then lists the page.
 *
 * @returns the path written
 * @throws ResultSetError when `outDir` has a manifest that its files do not match
 */
export async function writeReport(outDir: string, html: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, REPORT_FILE);
  if (findFile(await readdir(outDir), MANIFEST_FILE) !== undefined) await addToResultSet(outDir, { [REPORT_FILE]: html });
  else await writeFileAtomic(path, html);
  return path;
}
