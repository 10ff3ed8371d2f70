/**
 * Reading a results folder back (assignments.csv, unmatched.csv, and the
 * optional summary.json and timing.json), for the `check` command: a
 * published result can be verified against its input by anyone.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { isNonEmpty, type InputIssue, type NonEmpty } from '../model/issues.js';
import { AssignmentSchema, SummarySchema, UnmatchedSchema, type Assignment, type Summary, type Unmatched } from '../model/schemas.js';
import { unneutralizeText } from './csv-format.js';
import { decodeBytes } from './encoding.js';
import { col, type ColumnSpec } from './headers.js';
import { readCsvFile } from './read-csv-file.js';
import { findFile } from './find-file.js';
import { TableBuilder } from './table.js';
import { describeZodIssue } from './validate.js';
import { readRegularFile } from './read-file.js';

/** summary.json as stored: the summary without `seconds` (which lives in timing.json). */
export type StoredSummary = Omit<Summary, 'seconds'>;

/** A results folder read back, or every problem found in it (never empty). */
export type ReadResultDirResult =
  | {
    ok: true;
    /** Rows of assignments.csv, in file order; `covers` split on `;`, `reason` as it was before CSV-injection neutralization. */
    assignments: Assignment[];
    /** Rows of unmatched.csv, in file order. */
    unmatched: Unmatched[];
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

/** Columns of unmatched.csv. */
const UNMATCHED_SPECS: readonly ColumnSpec[] = [
  col('county_id', 'countyId', true, 'id', [], 'county'),
  col('reason_code', 'reasonCode', true, 'id', [], 'reason code'),
  col('detail', 'detail', false, 'text', [], 'detail'),
];

// Non-finite numbers are written as null (JSON has no Infinity); they read back as NaN.
const finite = z.preprocess((v) => (v === null ? Number.NaN : v), z.number());
const StoredSummarySchema = SummarySchema.omit({ seconds: true }).extend({ objective: finite, upperBound: finite, gap: finite });

/**
 * Reads a results folder written by `writeResults`. assignments.csv and
 * unmatched.csv are required (absent → `missing-file`); summary.json and
 * timing.json are read when present. Every problem is reported with file,
 * line and field, as for input folders. Ids are checked for shape only;
 * whether they exist in the input is `check`'s business.
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
  const issues: InputIssue[] = [];
  const assignments = await readRows(dir, names, 'assignments.csv', ASSIGNMENT_SPECS, AssignmentSchema, issues, (v) => {
    if (typeof v.covers === 'string') v.covers = v.covers.split(/[;；]/).map((s) => s.trim()).filter((s) => s !== '');
    if (typeof v.reason === 'string') v.reason = unneutralizeText(v.reason);
  });
  const unmatched = await readRows(dir, names, 'unmatched.csv', UNMATCHED_SPECS, UnmatchedSchema, issues, (v) => {
    if (typeof v.detail === 'string') v.detail = unneutralizeText(v.detail);
  });

  let summary: StoredSummary | undefined;
  const summaryJson = await readJson(dir, names, 'summary.json', issues);
  if (summaryJson !== undefined) {
    const parsed = StoredSummarySchema.safeParse(summaryJson);
    if (parsed.success) summary = parsed.data;
    else {
      const fields = typeof summaryJson === 'object' && summaryJson !== null ? (summaryJson as Record<string, unknown>) : {};
      for (const zi of parsed.error.issues) pushZod(issues, 'summary.json', 0, String(zi.path[0] ?? ''), zi, fields[String(zi.path[0] ?? '')]);
    }
  }
  let seconds: number | undefined;
  const timing = await readJson(dir, names, 'timing.json', issues);
  if (timing !== undefined) {
    const parsed = z.object({ seconds: z.number() }).safeParse(timing);
    if (parsed.success) seconds = parsed.data.seconds;
    else issues.push({ code: 'bad-value', file: 'timing.json', line: 0, field: 'seconds', message: 'timing.json must hold { "seconds": number }' });
  }

  if (isNonEmpty(issues)) return { ok: false, issues };
  return {
    ok: true, assignments, unmatched,
    ...(summary === undefined ? {} : { summary }),
    ...(seconds === undefined ? {} : { seconds }),
  };
}

function pushZod(issues: InputIssue[], file: string, line: number, field: string, zi: z.core.$ZodIssue, input: unknown, value?: string): void {
  const { code, message } = describeZodIssue(zi, field || file, input);
  issues.push({ code, file, line, field, message, ...(value === undefined ? {} : { value }) });
}

async function readText(dir: string, names: readonly string[], file: string, issues: InputIssue[]): Promise<string | undefined> {
  const actual = findFile(names, file);
  if (actual === undefined) return undefined;
  let bytes: Uint8Array;
  try {
    bytes = await readRegularFile(join(dir, actual));
  } catch (error) {
    issues.push({ code: 'unreadable-file', file, line: 0, field: '', message: `the file ${file} cannot be read (${(error as Error).message})` });
    return undefined;
  }
  const decoded = decodeBytes(bytes, file);
  if (!decoded.ok) {
    issues.push(decoded.issue);
    return undefined;
  }
  return decoded.text;
}

async function readJson(dir: string, names: readonly string[], file: string, issues: InputIssue[]): Promise<unknown> {
  const text = await readText(dir, names, file, issues);
  if (text === undefined) return undefined;
  try {
    return JSON.parse(text) as unknown;
  } catch (error) {
    issues.push({ code: 'unreadable-file', file, line: 0, field: '', message: `the file ${file} is not valid JSON (${(error as Error).message})` });
    return undefined;
  }
}

async function readRows<T>(
  dir: string, names: readonly string[], file: string, specs: readonly ColumnSpec[], schema: z.ZodType<T>,
  issues: InputIssue[], fix: (values: Record<string, unknown>) => void,
): Promise<T[]> {
  const actual = findFile(names, file);
  if (actual === undefined) {
    issues.push({ code: 'missing-file', file, line: 0, field: '', message: `the results file ${file} is not in the folder ${dir}` });
    return [];
  }
  // Streamed, as input files are: bounded memory, and an endless record is refused.
  const read = await readCsvFile(join(dir, actual), file, () => new TableBuilder(file, specs));
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
      if (row.badFields.size === 0) out.push(result.data);
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
