/**
 * Writing a repair: the results folder (as `writeResults` writes it) and
 * changes.csv, the list a person reviews before publishing the new groups.
 */
import { csvText, neutralizeText } from '../io/csv-format.js';
import { writeResults, type WriteResultsOptions } from '../io/write-results.js';
import type { RepairChange, RepairOutcome } from './repair.js';

/** Columns of changes.csv. */
export const CHANGE_COLUMNS = ['county_id', 'expert_id', 'change', 'role', 'reason'] as const;

/** changes.csv as text (UTF-8, `\n`; `reason` neutralized against CSV injection). */
export function changesCsv(changes: readonly RepairChange[]): string {
  return csvText(CHANGE_COLUMNS, changes.map((c) => [c.countyId, c.expertId, c.change, c.role, neutralizeText(c.reason)]));
}

/**
 * Writes a repaired result: assignments.csv, unmatched.csv, summary.json,
 * timing.json and changes.csv, as one set (all replaced together, or none).
 * @throws OutputDirError when `outDir` is the input folder
 */
export async function writeRepair(outDir: string, outcome: RepairOutcome, opts: WriteResultsOptions = {}): Promise<void> {
  await writeResults(outDir, outcome.result, { ...opts, extraFiles: { ...opts.extraFiles, 'changes.csv': changesCsv(outcome.changes) } });
}
