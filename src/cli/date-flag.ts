/**
 * `--date YYYY-MM-DD`: the date of a run's events in ledger.csv (台账), for
 * `solve` and `repair`. Default today in UTC. The date is an input of the
 * run like the seed: the same input, options, seed and date give the same
 * bytes, so a published folder can be reproduced by giving its date again.
 */
import { isLedgerDate, todayUtc } from '../io/ledger.js';
import { UsageError } from './args.js';

/** The flag's spec, for `parseCommandArgs`. */
export const DATE_FLAG_SPEC = { date: { type: 'string' } } as const;

/** The flag's line of a command's help. */
export const DATE_FLAG_HELP = `  --date YYYY-MM-DD      the date of this run's events in ledger.csv (台账); give the
                         same date to reproduce a folder byte for byte   [today, UTC]`;

/** The run's ledger date: `--date`, else today in UTC. */
export function ledgerDateOf(values: Record<string, unknown>, now: Date = new Date()): string {
  const v = values['date'];
  if (v === undefined) return todayUtc(now);
  if (typeof v !== 'string' || !isLedgerDate(v)) throw new UsageError(`--date must be a date written YYYY-MM-DD, not "${String(v)}"`);
  return v;
}
