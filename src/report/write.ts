/**
 * Writing the report next to the results: `report.html`, atomically.
 */
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import { writeFileAtomic } from '../io/atomic-write.js';

/** The report's file name in a results folder. */
export const REPORT_FILE = 'report.html';

/**
 * Writes `html` to `outDir/report.html` (the folder is created if missing)
 * atomically: a reader sees the old page or the new one, never half of one.
 *
 * @returns the path written
 */
export async function writeReport(outDir: string, html: string): Promise<string> {
  await mkdir(outDir, { recursive: true });
  const path = join(outDir, REPORT_FILE);
  await writeFileAtomic(path, html);
  return path;
}
