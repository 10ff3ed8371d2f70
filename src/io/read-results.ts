/**
 * Reading a results folder back (assignments.csv, unmatched.csv, and the
 * optional summary.json, timing.json, pinned.csv, vacancies.csv and
 * ledger.csv), for `check`,
 * `explain`, `repair` and `solve --batch --pinned`: a published result can
 * be verified against its input by anyone. Only a folder that matches its
 * manifest.json is read, so a folder mixing two runs is refused.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isNonEmpty, type InputIssue, type NonEmpty } from '../model/issues.js';
import { AssignmentSchema, PinSchema, SummarySchema, UnmatchedSchema, type Assignment, type Pin, type Summary, type Unmatched } from '../model/schemas.js';
import { MANIFEST_FILE, sha256Hex, verifyManifest } from './manifest.js';
import { unneutralizeText } from './csv-format.js';
import { decodeBytes } from './encoding.js';
import { col, type ColumnSpec } from './headers.js';
import { CsvStreamParser } from './read-csv.js';
import { findFile } from './find-file.js';
import { TableBuilder } from './table.js';
import { describeZodIssue } from './validate.js';
import { readRegularFile } from './read-file.js';
import { LEDGER_FILE, LedgerCellsSchema, parseLedgerCells, type LedgerCells, type LedgerRow } from './ledger.js';
import type { VacancyMember } from '../model/result.js';

/** The file of a repaired result's groups kept with a vacancy. */
export const VACANCIES_FILE = 'vacancies.csv';
import { ROSTER_FILE } from '../roster/csv.js';
import { parseRoster, type StoredRoster } from '../roster/read.js';

/** summary.json as stored: the summary without `seconds` (which lives in timing.json). */
export type StoredSummary = Omit<Summary, 'seconds'>;

/** A results folder read back, or every problem found in it (never empty). */
export type ReadResultDirResult =
  | {
    ok: true;
    /** Rows of assignments.csv, in file order; `covers` split on `;`, every text cell as it was before CSV-injection neutralization. */
    assignments: Assignment[];
    /** Rows of unmatched.csv, in file order. */
    unmatched: Unmatched[];
    /**
     * Rows of the folder's pinned.csv, when it has one: the pins this
     * result records (a repair writes the input's pins minus those of the
     * withdrawn experts), to be checked instead of the input's.
     */
    pinned?: Pin[];
    /**
     * Experts the folder's changes.csv (written by `repair`) says withdrew,
     * in file order without repeats; absent without a changes.csv. A claim
     * of the folder, read from the bytes the manifest hashes.
     */
    withdrawn?: string[];
    /** Rows of the folder's vacancies.csv, when it has one: the members of groups kept with a vacancy (a repair's). */
    vacancies?: VacancyMember[];
    /** Rows of the folder's ledger.csv (the membership ledger), when it has one, parsed; `check` verifies the chain. */
    ledger?: LedgerRow[];
    /** SHA-256 of the folder's manifest.json text: what a child result's ledger names as its parent. */
    manifestHash: string;
    /** roster.csv as plain cells, when the folder has one (`check` compares it with the roster it derives). */
    roster?: StoredRoster;
    /** summary.json, when present. */
    summary?: StoredSummary;
    /** timing.json's `seconds`, when present. */
    seconds?: number;
  }
  | { ok: false; issues: NonEmpty<InputIssue> };

/** Columns of assignments.csv as the reader knows them (English headers only: the writer is ours). */
const ASSIGNMENT_SPECS: readonly ColumnSpec[] = [
  col('county_id', 'countyId', true, 'id', [], 'county'),
  col('expert_id', 'expertId', true, 'id', [], 'expert'),
  col('role', 'role', true, 'role', [], 'leader, local, east or member'),
  col('fit', 'fit', false, 'number', [], 'the member\'s fit'),
  col('covers', 'covers', false, 'text', [], 'needs covered, `;`-separated'),
  col('reason', 'reason', false, 'text', [], 'why this member'),
];

/** Columns of pinned.csv in a results folder. */
const PINNED_SPECS: readonly ColumnSpec[] = [
  col('county_id', 'countyId', true, 'id', [], 'county'),
  col('expert_id', 'expertId', true, 'id', [], 'expert'),
  col('role', 'role', false, 'role', [], 'leader, local, east or member'),
];

/** Columns of a repair's changes.csv (`src/incremental/write.ts`). */
const CHANGE_SPECS: readonly ColumnSpec[] = [
  col('county_id', 'countyId', false, 'text', [], 'county (empty for an expert who withdrew from the pool)'),
  col('expert_id', 'expertId', true, 'text', [], 'expert'),
  col('change', 'change', true, 'text', [], 'removed, added, role or withdrawn'),
  col('role', 'role', false, 'text', [], 'role'),
  col('reason', 'reason', false, 'text', [], 'why'),
];
const ChangeRowSchema = z.object({ countyId: z.string().default(''), expertId: z.string(), change: z.string(), role: z.string().optional(), reason: z.string().optional() });

/** The experts a repair's change rows say withdrew (removed, with a reason starting "withdrew"), without repeats. */
function withdrawnIn(rows: readonly z.infer<typeof ChangeRowSchema>[]): string[] {
  const withdrawn = new Set<string>();
  // `withdrawn`: an expert who served no group and left the pool (a repair writes one row each).
  for (const r of rows) if ((r.change === 'removed' || r.change === 'withdrawn') && (r.reason ?? '').startsWith('withdrew')) withdrawn.add(r.expertId);
  return [...withdrawn];
}

/** Columns of unmatched.csv. */
const UNMATCHED_SPECS: readonly ColumnSpec[] = [
  col('county_id', 'countyId', true, 'id', [], 'county'),
  col('reason_code', 'reasonCode', true, 'id', [], 'reason code'),
  col('detail', 'detail', false, 'text', [], 'detail'),
];

// Non-finite numbers are written as null (JSON has no Infinity); they read back as NaN.
// NaN is let through so that `check` reports an empty bound as a false claim of the summary, not as a damaged file.
const finite = z.preprocess((v) => (v === null ? Number.NaN : v), z.number().or(z.nan()));
const StoredSummarySchema = SummarySchema.omit({ seconds: true }).extend({ objective: finite, upperBound: finite, gap: finite });

/**
 * Reads a results folder written by `writeResults`.
 *
 * - The folder must match its manifest.json (`verifyManifest`): without one
 *   it is refused with `missing-manifest`; a file changed, missing, or of
 *   the product's set but not listed gives `manifest-mismatch` naming the
 *   file. Each file is then parsed from bytes whose SHA-256 is the one the
 *   manifest lists, so what is returned is exactly one written set even
 *   while another run rewrites the folder (a file replaced meanwhile gives
 *   `manifest-mismatch`).
 * - assignments.csv and unmatched.csv are required (absent → `missing-file`);
 *   summary.json, timing.json, pinned.csv, changes.csv, roster.csv,
 *   vacancies.csv and ledger.csv are read when present (each ledger row
 *   parsed by `parseLedgerCells`; a bad cell is an issue naming its line).
 *   timing.json, which the manifest does not hash, must name the manifest
 *   (its SHA-256), or it is from another run (`manifest-mismatch`).
 * - CSV-injection neutralization (`neutralizeText`) is undone on every text
 *   cell, so ids read back as the input has them.
 *
 * Every problem is reported with file, line and field, as for input
 * folders. Ids are checked for shape only; whether they exist in the input
 * is `check`'s business.
 *
 * @example
 * ```ts
 * const r = await readResultDir('out/round1');
 * if (r.ok) console.log(r.assignments.length, r.summary?.status);
 * ```
 */
export async function readResultDir(dir: string): Promise<ReadResultDirResult> {
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return { ok: false, issues: [{ code: 'unreadable-file', file: dir, line: 0, field: '', message: `the results folder ${dir} ${why}` }] };
  }
  const verified = await verifyManifest(dir, names);
  if (!verified.ok) return { ok: false, issues: verified.issues as NonEmpty<InputIssue> };
  const issues: InputIssue[] = [];
  // Every file is parsed from bytes whose hash is the manifest's: what is returned is exactly the set
  // the manifest describes, even if a writer replaces files while they are read.
  const src: Source = { dir, names, hashes: verified.manifest.files };
  const assignments = await readRows(src, 'assignments.csv', ASSIGNMENT_SPECS, AssignmentSchema, issues, (v) => {
    unneutralizeAll(v);
    if (typeof v.covers === 'string') v.covers = v.covers.split(/[;；]/).map((s) => s.trim()).filter((s) => s !== '');
  });
  const unmatched = await readRows(src, 'unmatched.csv', UNMATCHED_SPECS, UnmatchedSchema, issues, unneutralizeAll);
  const pinned = findFile(names, 'pinned.csv') === undefined ? undefined : await readRows(src, 'pinned.csv', PINNED_SPECS, PinSchema, issues, unneutralizeAll);
  const changes = findFile(names, 'changes.csv') === undefined ? undefined : await readRows(src, 'changes.csv', CHANGE_SPECS, ChangeRowSchema, issues, unneutralizeAll);
  const vacancies = findFile(names, VACANCIES_FILE) === undefined ? undefined : await readRows(src, VACANCIES_FILE, PINNED_SPECS.map((c) => ({ ...c, required: true })), VacancyMemberSchema, issues, unneutralizeAll);
  const ledger = findFile(names, LEDGER_FILE) === undefined ? undefined : await readLedger(src, issues);
  const rosterText = await readText(src, ROSTER_FILE, issues);
  const rosterRead = rosterText === undefined ? undefined : await parseRoster(rosterText);
  if (rosterRead && !rosterRead.ok) issues.push(rosterRead.issue);

  let summary: StoredSummary | undefined;
  const summaryJson = await readJson(src, 'summary.json', issues);
  if (summaryJson !== undefined) {
    const parsed = StoredSummarySchema.safeParse(summaryJson);
    if (parsed.success) summary = parsed.data;
    else {
      const fields = typeof summaryJson === 'object' && summaryJson !== null ? (summaryJson as Record<string, unknown>) : {};
      for (const zi of parsed.error.issues) pushZod(issues, 'summary.json', 0, String(zi.path[0] ?? ''), zi, fields[String(zi.path[0] ?? '')]);
    }
  }
  let seconds: number | undefined;
  const timing = await readJson(src, 'timing.json', issues);
  if (timing !== undefined) {
    const parsed = z.object({ seconds: z.number(), manifest: z.string().optional() }).safeParse(timing);
    if (!parsed.success) issues.push({ code: 'bad-value', file: 'timing.json', line: 0, field: 'seconds', message: 'timing.json must hold { "seconds": number, "manifest": SHA-256 }' });
    else if (parsed.data.manifest !== sha256Hex(verified.text)) {
      issues.push({ code: 'manifest-mismatch', file: 'timing.json', line: 0, field: 'manifest', message: `is not the timing of this ${MANIFEST_FILE} (it names another or none): it comes from another run or was edited` });
    } else seconds = parsed.data.seconds;
  }

  if (isNonEmpty(issues)) return { ok: false, issues };
  return {
    ok: true, assignments, unmatched, manifestHash: sha256Hex(verified.text),
    ...(pinned === undefined ? {} : { pinned }),
    ...(vacancies === undefined ? {} : { vacancies }),
    ...(ledger === undefined ? {} : { ledger }),
    ...(changes === undefined ? {} : { withdrawn: withdrawnIn(changes) }),
    ...(rosterRead?.ok ? { roster: rosterRead.roster } : {}),
    ...(summary === undefined ? {} : { summary }),
    ...(seconds === undefined ? {} : { seconds }),
  };
}

/** vacancies.csv rows: those of pinned.csv, every column required. */
const VacancyMemberSchema = AssignmentSchema.pick({ countyId: true, expertId: true, role: true });

/** Columns of ledger.csv as the reader knows them: every cell read as text, its meaning checked by `parseLedgerCells`. */
const LEDGER_SPECS: readonly ColumnSpec[] = [
  col('seq', 'seq', true, 'text', [], '1, 2, 3, …'),
  col('date', 'date', true, 'text', [], 'YYYY-MM-DD'),
  col('event', 'event', true, 'text', [], 'join, leave, replace, role, fill or vacancy'),
  col('county_id', 'countyId', true, 'text', [], 'county'),
  col('expert_id', 'expertId', false, 'text', [], 'expert (empty for a vacancy)'),
  col('role', 'role', false, 'text', [], 'role'),
  col('reason', 'reason', false, 'text', [], 'why'),
  col('parent_manifest', 'parentManifest', false, 'text', [], 'SHA-256 of the parent result\'s manifest.json'),
];

/** ledger.csv's rows, each parsed (`parseLedgerCells`); a row that does not parse is an issue naming its line and field. */
async function readLedger(src: Source, issues: InputIssue[]): Promise<LedgerRow[]> {
  const lines: number[] = [];
  const cells: LedgerCells[] = await readRows(src, LEDGER_FILE, LEDGER_SPECS, LedgerCellsSchema, issues, unneutralizeAll, lines);
  const rows: LedgerRow[] = [];
  cells.forEach((c, i) => {
    const parsed = parseLedgerCells(c);
    if (parsed.ok) rows.push(parsed.row);
    else issues.push({ code: 'bad-value', file: LEDGER_FILE, line: lines[i] ?? 0, field: parsed.field, message: parsed.message });
  });
  return rows;
}

/** Undoes `neutralizeText` on every text cell of a row (a cell the table already parsed as a number stays as it is). */
function unneutralizeAll(values: Record<string, unknown>): void {
  for (const [key, value] of Object.entries(values)) if (typeof value === 'string') values[key] = unneutralizeText(value);
}

function pushZod(issues: InputIssue[], file: string, line: number, field: string, zi: z.core.$ZodIssue, input: unknown, value?: string): void {
  const { code, message } = describeZodIssue(zi, field || file, input);
  issues.push({ code, file, line, field, message, ...(value === undefined ? {} : { value }) });
}

/** The folder being read: its listing and the manifest's hashes (name → SHA-256). */
interface Source {
  readonly dir: string;
  readonly names: readonly string[];
  readonly hashes: Readonly<Record<string, string>>;
}

/** A file's text, from bytes that match the manifest's hash when it lists the file; `undefined` when absent or refused (an issue is pushed). */
async function readText(src: Source, file: string, issues: InputIssue[]): Promise<string | undefined> {
  const actual = findFile(src.names, file);
  if (actual === undefined) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(join(src.dir, actual));
  } catch (error) {
    issues.push({ code: 'unreadable-file', file, line: 0, field: '', message: `the file ${file} cannot be read (${(error as Error).message})` });
    return undefined;
  }
  const expected = src.hashes[file];
  if (expected !== undefined && sha256Hex(bytes) !== expected) {
    issues.push({ code: 'manifest-mismatch', file, line: 0, field: '', message: `changed while it was read (another run is writing the folder ${src.dir}?); read it again when that run has ended` });
    return undefined;
  }
  const decoded = decodeBytes(bytes, file);
  if (!decoded.ok) {
    issues.push(decoded.issue);
    return undefined;
  }
  return decoded.text;
}

async function readJson(src: Source, file: string, issues: InputIssue[]): Promise<unknown> {
  const text = await readText(src, file, issues);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    issues.push({ code: 'unreadable-file', file, line: 0, field: '', message: `the file ${file} is not valid JSON (${(error as Error).message})` });
    return undefined;
  }
}

async function readRows<T>(
  src: Source, file: string, specs: readonly ColumnSpec[], schema: z.ZodType<T>,
  issues: InputIssue[], fix: (values: Record<string, unknown>) => void, lines?: number[],
): Promise<T[]> {
  if (findFile(src.names, file) === undefined) {
    issues.push({ code: 'missing-file', file, line: 0, field: '', message: `the results file ${file} is not in the folder ${src.dir}` });
    return [];
  }
  // Read whole (not streamed like input files): the bytes parsed must be the bytes hashed. The record limit still holds.
  const text = await readText(src, file, issues);
  if (text === undefined) return [];
  const parser = new CsvStreamParser(file, new TableBuilder(file, specs));
  await parser.write(text);
  const read = await parser.end();
  if (!read.ok) {
    issues.push(read.issue);
    return [];
  }
  const table = read.value;
  for (const i of table.issues) issues.push(i); // not push(...): a huge list overflows the stack
  const out: T[] = [];
  for (const row of table.rows) {
    const values = { ...row.values };
    fix(values);
    const result = schema.safeParse(values);
    if (result.success) {
      if (row.badFields.size === 0) {
        out.push(result.data);
        lines?.push(row.line);
      }
      continue;
    }
    for (const zi of result.error.issues) {
      const key = String(zi.path[0] ?? '');
      if (row.badFields.has(key)) continue;
      const column = specs.find((s) => s.field === key)?.column ?? key;
      pushZod(issues, file, row.line, column, zi, values[key], row.texts[key]);
    }
  }
  return out;
}
