/**
 * ledger.csv, the membership ledger (台账) of a results set: every change
 * of every group since the first solve, one dated row per event, carried
 * from each result to the next (`repair`, `solve --batch --pinned`) and
 * hashed by the manifest like the other files. This module holds the
 * file's shape (columns, rows, dates, text); `ledger-events.ts` says which
 * events a change of the groups gives.
 *
 * A run appends its events as one block: every row of the block has the
 * run's date and the SHA-256 of the parent result's manifest.json (empty
 * for the opening block of a first solve), so that a reader can follow the
 * chain back folder by folder and `check --parent DIR` can prove each link.
 */
import { z } from 'zod';
import { ROLES, type Role } from '../model/vocabulary.js';
import { csvText, neutralizeText } from './csv-format.js';

/** The ledger's file name in a results folder. */
export const LEDGER_FILE = 'ledger.csv';

/** Columns of ledger.csv, in order. */
export const LEDGER_COLUMNS = ['seq', 'date', 'event', 'county_id', 'expert_id', 'role', 'reason', 'parent_manifest'] as const;

/**
 * Events. First in a run, `withdraw` (no county): an expert who withdrew
 * while serving no group leaves the pool — recorded so that no later run
 * gives them a place. Then, in the order they are listed within a county's
 * changes of one run:
 * `leave` (a member left: withdrew, moved to another group, or the group was
 * dissolved), `role` (a member's role changed, e.g. took over as leader),
 * `replace` (joined in the role of a member who left), `fill` (joined a group
 * that had a vacancy, or the vacancy closed), `join` (joined otherwise: a new
 * group, or a re-formed one), `vacancy` (the group is kept with vacant
 * places; the reason says what to recruit).
 */
export const LEDGER_EVENTS = ['withdraw', 'leave', 'role', 'replace', 'fill', 'join', 'vacancy'] as const;
/** A ledger event. */
export type LedgerEvent = (typeof LEDGER_EVENTS)[number];

/** One row of ledger.csv. */
export interface LedgerRow {
  /** 1, 2, 3, … over the whole ledger. */
  seq: number;
  /** The run's date, `YYYY-MM-DD` (UTC). */
  date: string;
  event: LedgerEvent;
  /** Empty for a `withdraw` event. */
  countyId: string;
  /** Empty for a `vacancy` event (and for a `fill` that only closes a vacancy). */
  expertId: string;
  /** The member's role (before, for a `leave`; after, otherwise); empty where `expertId` is. */
  role: Role | '';
  /** Why, in words fixed by the event (see `ledger-events.ts`); for a `vacancy`, the county's vacancy detail. */
  reason: string;
  /** SHA-256 (hex) of the parent result's manifest.json; empty in the opening block. */
  parentManifest: string;
}

/** A ledger row as read back: every cell as text, checked by the reader of the chain (`verifyLedger`), not by the parser. */
export const LedgerCellsSchema = z.object({
  seq: z.string().default(''),
  date: z.string().default(''),
  event: z.string().default(''),
  countyId: z.string().default(''),
  expertId: z.string().default(''),
  role: z.string().default(''),
  reason: z.string().default(''),
  parentManifest: z.string().default(''),
});
/** A ledger row's cells as read back. */
export type LedgerCells = z.infer<typeof LedgerCellsSchema>;

/** True for a real calendar date written `YYYY-MM-DD`. */
export function isLedgerDate(text: string): boolean {
  if (!/^\d{4}-\d{2}-\d{2}$/.test(text)) return false;
  const d = new Date(`${text}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === text;
}

/** Today's date in UTC, `YYYY-MM-DD`: the CLI's default `--date`. */
export function todayUtc(now: Date = new Date()): string {
  return now.toISOString().slice(0, 10);
}

/** True for a lowercase hex SHA-256. */
export function isSha256Hex(text: string): boolean {
  return /^[0-9a-f]{64}$/.test(text);
}

/** ledger.csv as text: UTF-8, `\n`, every text cell neutralized against CSV injection. */
export function ledgerCsv(rows: readonly LedgerRow[]): string {
  return csvText(LEDGER_COLUMNS, rows.map((r) => [
    String(r.seq), r.date, r.event, neutralizeText(r.countyId), neutralizeText(r.expertId), r.role, neutralizeText(r.reason), r.parentManifest,
  ]));
}

/** A row's cells as they would read back (the inverse of parsing), for comparing rows cell by cell. */
export function ledgerCells(r: LedgerRow): LedgerCells {
  return { seq: String(r.seq), date: r.date, event: r.event, countyId: r.countyId, expertId: r.expertId, role: r.role, reason: r.reason, parentManifest: r.parentManifest };
}

/**
 * Parses a row's cells into a `LedgerRow`, or says what is wrong with
 * them (the first problem found).
 */
export function parseLedgerCells(c: LedgerCells): { ok: true; row: LedgerRow } | { ok: false; field: string; message: string } {
  if (!/^[1-9]\d*$/.test(c.seq)) return { ok: false, field: 'seq', message: `seq "${c.seq}" is not a positive whole number` };
  if (!isLedgerDate(c.date)) return { ok: false, field: 'date', message: `date "${c.date}" is not a date written YYYY-MM-DD` };
  if (!(LEDGER_EVENTS as readonly string[]).includes(c.event)) return { ok: false, field: 'event', message: `event "${c.event}" is not one of ${LEDGER_EVENTS.join(', ')}` };
  const event = c.event as LedgerEvent;
  if (event === 'withdraw') {
    if (c.countyId !== '' || c.role !== '') return { ok: false, field: 'county_id', message: 'a withdraw event (from the pool) names no county and no role' };
    if (c.expertId === '') return { ok: false, field: 'expert_id', message: 'a withdraw event names its expert' };
  } else if (c.countyId === '') return { ok: false, field: 'county_id', message: 'county_id is empty' };
  const bare = event === 'vacancy' || (event === 'fill' && c.expertId === '');
  if (bare && (c.expertId !== '' || c.role !== '')) return { ok: false, field: 'expert_id', message: `a ${event} event names no expert and no role` };
  if (!bare && c.expertId === '') return { ok: false, field: 'expert_id', message: `a ${event} event names its expert` };
  if (!bare && event !== 'withdraw' && !(ROLES as readonly string[]).includes(c.role)) return { ok: false, field: 'role', message: `role "${c.role}" is not one of ${ROLES.join(', ')}` };
  if (c.parentManifest !== '' && !isSha256Hex(c.parentManifest)) return { ok: false, field: 'parent_manifest', message: `parent_manifest "${c.parentManifest}" is neither empty nor a SHA-256` };
  return { ok: true, row: { seq: Number(c.seq), date: c.date, event, countyId: c.countyId, expertId: c.expertId, role: c.role as Role | '', reason: c.reason, parentManifest: c.parentManifest } };
}

/** One run's rows of a ledger: consecutive rows with one parent manifest. */
export interface LedgerBlock {
  parentManifest: string;
  /** Index of its first row. */
  start: number;
  /** Index after its last row. */
  end: number;
}

/** The ledger's blocks, in order (a new block starts where the parent manifest changes). */
export function ledgerBlocks(rows: readonly Pick<LedgerRow, 'parentManifest'>[]): LedgerBlock[] {
  const out: LedgerBlock[] = [];
  rows.forEach((r, i) => {
    const last = out[out.length - 1];
    if (last && last.parentManifest === r.parentManifest) last.end = i + 1;
    else out.push({ parentManifest: r.parentManifest, start: i, end: i + 1 });
  });
  return out;
}
