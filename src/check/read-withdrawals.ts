/**
 * The experts a repaired result says withdrew, from its changes.csv (rows
 * `removed … withdrew`). A repair decides the reasons of the counties it
 * loses without them, so `check` confirms those reasons without them too.
 * This is a claim of the folder, so it only ever spares a reason from
 * refutation: it never relaxes a hard rule or a number, a withdrawn expert
 * who still serves is a false claim, and the list is printed beside the
 * verdict for the supervisor to confirm.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { InputIssue } from '../model/issues.js';
import { unneutralizeText } from '../io/csv-format.js';
import { findFile } from '../io/find-file.js';
import { col, type ColumnSpec } from '../io/headers.js';
import { readCsvFile } from '../io/read-csv-file.js';
import { TableBuilder } from '../io/table.js';

/** The file a repair writes its changes to. */
export const CHANGES_FILE = 'changes.csv';

const SPECS: readonly ColumnSpec[] = [
  col('county_id', 'countyId', true, 'text', [], 'county'),
  col('expert_id', 'expertId', true, 'text', [], 'expert'),
  col('change', 'change', true, 'text', [], 'removed, added, moved or role'),
  col('role', 'role', false, 'text', [], 'role'),
  col('reason', 'reason', false, 'text', [], 'why'),
];

/** The withdrawn experts, in file order without repeats (none when the folder has no changes.csv), or the problems reading it. */
export type WithdrawalsRead = { ok: true; withdrawn: string[] } | { ok: false; issues: InputIssue[] };

/** Reads the withdrawals a results folder records. */
export async function readWithdrawals(dir: string): Promise<WithdrawalsRead> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch {
    return { ok: true, withdrawn: [] };
  }
  const actual = findFile(names, CHANGES_FILE);
  if (actual === undefined) return { ok: true, withdrawn: [] };
  const read = await readCsvFile(join(dir, actual), CHANGES_FILE, () => new TableBuilder(CHANGES_FILE, SPECS));
  if (!read.ok) return { ok: false, issues: [read.issue] };
  if (read.value.issues.length > 0) return { ok: false, issues: read.value.issues };
  const text = (v: unknown): string => (typeof v === 'string' ? unneutralizeText(v) : '');
  const withdrawn = new Set<string>();
  for (const row of read.value.rows) {
    if (text(row.values['change']) === 'removed' && text(row.values['reason']).startsWith('withdrew')) withdrawn.add(text(row.values['expertId']));
  }
  return { ok: true, withdrawn: [...withdrawn] };
}
