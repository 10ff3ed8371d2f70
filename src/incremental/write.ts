/**
 * Writing a repair: the results folder (as `writeResults` writes it, with
 * vacancies.csv when a group is kept with a vacancy), changes.csv, the list
 * a person reviews before publishing the new groups, pinned.csv, the pins
 * the repaired result keeps, and ledger.csv when asked: the parent's ledger
 * with this repair's events appended.
 */
import { csvText, neutralizeText } from '../io/csv-format.js';
import { PINNED_FILE, pinsCsv, writeResults, type WriteResultsOptions } from '../io/write-results.js';
import type { LedgerSpec } from '../io/ledger-events.js';
import type { RepairChange } from './change-log.js';
import type { RepairOutcome } from './repair.js';

/** Columns of changes.csv. */
export const CHANGE_COLUMNS = ['county_id', 'expert_id', 'change', 'role', 'reason'] as const;

/** changes.csv as text (UTF-8, `\n`; every cell, ids too, neutralized against CSV injection). */
export function changesCsv(changes: readonly RepairChange[]): string {
  return csvText(CHANGE_COLUMNS, changes.map((c) => [c.countyId, c.expertId, c.change, c.role, c.reason].map(neutralizeText)));
}

/** Options of `writeRepair`: those of `writeResults`; the ledger's withdrawn experts come from the repair. */
export type WriteRepairOptions = Omit<WriteResultsOptions, 'ledger'> & { ledger?: Omit<LedgerSpec, 'withdrawn'> };

/**
 * Writes a repaired result: assignments.csv, unmatched.csv, summary.json,
 * timing.json, changes.csv and pinned.csv (the pins it keeps: the withdrawn
 * experts' are gone), vacancies.csv when a group is kept with a vacancy,
 * and with `opts.ledger` (the date, and the repaired result as parent)
 * ledger.csv, with manifest.json, as one set (all replaced together, or
 * none; see `writeResults`).
 * @throws OutputDirError when `outDir` is the input folder
 * @throws OutputPathError, OutputLockedError as `writeResults`
 * @throws InputError when the ledger's date is not `YYYY-MM-DD` or is before the parent ledger's last date
 * @example
 * const prior = await readResultDir('out/round1');
 * if (prior.ok) await writeRepair('out/round1-r1', await repairOrThrow(instance, prior, { withdraw: ['E7'] }), { ledger: { date: '2024-05-01', parent: prior } });
 */
export async function writeRepair(outDir: string, outcome: RepairOutcome, opts: WriteRepairOptions = {}): Promise<void> {
  const { ledger, ...rest } = opts;
  await writeResults(outDir, outcome.result, {
    ...rest,
    ...(ledger ? { ledger: { ...ledger, withdrawn: outcome.withdrawn } } : {}),
    extraFiles: { ...opts.extraFiles, 'changes.csv': changesCsv(outcome.changes), [PINNED_FILE]: pinsCsv(outcome.pins) },
  });
}
