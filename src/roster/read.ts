/**
 * Reading roster.csv back from a results folder, as plain cells: `check`
 * compares every cell with the roster it derives from the input and the
 * assignments, so nothing is interpreted here beyond CSV quoting and the
 * CSV-injection prefix.
 */
import type { InputIssue } from '../model/issues.js';
import { unneutralizeText } from '../io/csv-format.js';
import { parseCsvText } from '../io/read-csv.js';
import { ROSTER_FILE } from './csv.js';

/** A roster.csv as read: its header cells and its data rows, each with the line it starts on. */
export interface StoredRoster {
  /** The header's cells, trimmed. */
  header: readonly string[];
  /** The data rows in file order: the physical line each starts on, and its cells with `neutralizeText` undone. */
  rows: readonly { line: number; cells: readonly string[] }[];
}

/** A roster read back, or the issue that stopped the read. */
export type ParseRosterResult = { ok: true; roster: StoredRoster } | { ok: false; issue: InputIssue };

/**
 * Parses roster.csv text (decoded, BOM removed, as `decodeBytes` gives it):
 * the header and the non-blank rows, every cell with `neutralizeText`
 * undone.
 *
 * @example
 * const r = await parseRoster(text);
 * if (r.ok) console.log(r.roster.rows.length);
 */
export async function parseRoster(text: string): Promise<ParseRosterResult> {
  const parsed = await parseCsvText(text, ROSTER_FILE);
  if (!parsed.ok) return parsed;
  return {
    ok: true,
    roster: {
      header: (parsed.header?.cells ?? []).map((c) => c.trim()),
      rows: parsed.rows.map((r) => ({ line: r.line, cells: r.cells.map(unneutralizeText) })),
    },
  };
}
