/**
 * Writing a repair: the results folder (as `writeResults` writes it),
 * changes.csv, the list a person reviews before publishing the new groups,
 * and pinned.csv, the pins the repaired result keeps.
 */
import { csvText, neutralizeText } from '../io/csv-format.js';
import { PINNED_FILE, pinsCsv, writeResults, type WriteResultsOptions } from '../io/write-results.js';
import type { RepairChange, RepairOutcome } from './repair.js';

/** Columns of changes.csv. */
export const CHANGE_COLUMNS = ['county_id', 'expert_id', 'change', 'role', 'reason'] as const;

/** changes.csv as text (UTF-8, `\n`; every cell, ids too, neutralized against CSV injection). */
export function changesCsv(changes: readonly RepairChange[]): string {
  return csvText(CHANGE_COLUMNS, changes.map((c) => [c.countyId, c.expertId, c.change, c.role, c.reason].map(neutralizeText)));
}

/**
 * Writes a repaired result: assignments.csv, unmatched.csv, summary.json,
 * timing.json, changes.csv and pinned.csv (the pins it keeps: the withdrawn
 * experts' are gone), with manifest.json, as one set (all replaced
 * together, or none; see `writeResults`).
 * @throws OutputDirError when `outDir` is the input folder
 * @throws OutputPathError, OutputLockedError as `writeResults`
 */
export async function writeRepair(outDir: string, outcome: RepairOutcome, opts: WriteResultsOptions = {}): Promise<void> {
  await writeResults(outDir, outcome.result, {
    ...opts, extraFiles: { ...opts.extraFiles, 'changes.csv': changesCsv(outcome.changes), [PINNED_FILE]: pinsCsv(outcome.pins) },
  });
}
