/**
 * Writing a solve's results folder: assignments.csv, unmatched.csv,
 * summary.json and timing.json, replaced as one set. Everything except
 * timing.json is byte-identical for the same input, options and seed, so two
 * runs can be compared with `diff` and a published result can be reproduced.
 */
import { mkdir, realpath } from 'node:fs/promises';
import { resolve } from 'node:path';
import type { SolveResult } from '../model/result.js';
import { SummarySchema, type Assignment, type Summary, type Unmatched } from '../model/schemas.js';
import { writeFilesAtomic } from './atomic-write.js';
import { csvText, neutralizeText } from './csv-format.js';

/** The files of a results folder, in the order they are written. */
export const RESULT_FILES = ['assignments.csv', 'unmatched.csv', 'summary.json', 'timing.json'] as const;
/** A results file name. */
export type ResultFileName = (typeof RESULT_FILES)[number];

/** Columns of assignments.csv. */
export const ASSIGNMENT_COLUMNS = ['county_id', 'expert_id', 'role', 'fit', 'covers', 'reason'] as const;
/** Columns of unmatched.csv. */
export const UNMATCHED_COLUMNS = ['county_id', 'reason_code', 'detail'] as const;

/** The keys of summary.json, in the order written: the schema's, without `seconds` (which is in timing.json). */
export const SUMMARY_KEYS = (Object.keys(SummarySchema.shape) as (keyof Summary)[]).filter((k) => k !== 'seconds');

/** Thrown by `writeResults` when the results folder is the input folder: writing there could overwrite the input. */
export class OutputDirError extends Error {
  override readonly name = 'OutputDirError';
  /**
   * @param outDir the results folder as given
   * @param inputDir the input folder as given
   */
  constructor(readonly outDir: string, readonly inputDir: string) {
    super(`the results folder ${outDir} is the input folder ${inputDir}; choose another folder for the results`);
  }
}

/** Options of `writeResults`. */
export interface WriteResultsOptions {
  /** The input folder; when given, writing into that very folder is refused with `OutputDirError`. A subfolder of it is allowed. */
  inputDir?: string;
  /**
   * More files written in the same set, after the four result files (e.g.
   * `{ 'report.html': html }`), so that they are replaced together with
   * them. Bare file names other than those of `RESULT_FILES`.
   */
  extraFiles?: Readonly<Record<string, string | Uint8Array>>;
}

/**
 * A fit as written: 4 decimals, and never `-0.0000` (a tiny negative
 * rounding residue would otherwise differ in sign between runs or solvers).
 */
export function formatFit(fit: number): string {
  const s = fit.toFixed(4);
  return /^-0\.0+$/.test(s) ? s.slice(1) : s;
}

/** assignments.csv as text: ids as is, `covers` joined with `;`, `reason` neutralized against CSV injection. */
export function assignmentsCsv(assignments: readonly Assignment[]): string {
  return csvText(ASSIGNMENT_COLUMNS, assignments.map((a) => [
    a.countyId, a.expertId, a.role, formatFit(a.fit), a.covers.join(';'), neutralizeText(a.reason),
  ]));
}

/** unmatched.csv as text: `detail` neutralized against CSV injection. */
export function unmatchedCsv(unmatched: readonly Unmatched[]): string {
  return csvText(UNMATCHED_COLUMNS, unmatched.map((u) => [u.countyId, u.reasonCode, neutralizeText(u.detail)]));
}

/** Sorts object keys recursively, so that `options` prints the same whatever order it was built in. */
function sortedKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortedKeys);
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.keys(value).sort().map((k) => [k, sortedKeys((value as Record<string, unknown>)[k])]));
  }
  return value;
}

/**
 * summary.json as text: 2-space indent, keys in `SUMMARY_KEYS` order (the
 * nested `options` sorted by key), no `seconds`, a final newline. A number
 * that is not finite (e.g. an unbounded gap) is written `null`, as JSON has
 * no Infinity.
 */
export function summaryJson(summary: Summary): string {
  const ordered: Record<string, unknown> = {};
  for (const k of SUMMARY_KEYS) ordered[k] = k === 'options' ? sortedKeys(summary.options) : summary[k];
  return JSON.stringify(ordered, (_k, v: unknown) => (typeof v === 'number' && !Number.isFinite(v) ? null : v), 2) + '\n';
}

/** timing.json as text: `{ "seconds": … }`, the one part of a results folder that differs between runs. */
export function timingJson(summary: Pick<Summary, 'seconds'>): string {
  return JSON.stringify({ seconds: summary.seconds }, null, 2) + '\n';
}

/** The four files of a results folder as texts, by name. */
export function resultsToFiles(result: SolveResult): Record<ResultFileName, string> {
  return {
    'assignments.csv': assignmentsCsv(result.assignments),
    'unmatched.csv': unmatchedCsv(result.unmatched),
    'summary.json': summaryJson(result.summary),
    'timing.json': timingJson(result.summary),
  };
}

async function realpathOrUndefined(path: string): Promise<string | undefined> {
  try {
    return await realpath(path);
  } catch {
    return undefined;
  }
}

/**
 * Writes a results folder (created if missing) as one set: every file is
 * first written to a hidden temporary file in the folder and flushed, and
 * only when all are written are they renamed into place; if any write
 * fails, the temporary files are removed and the old files are left as they
 * were (see `writeFilesAtomic`). Rows in the result's order; the CSV files
 * are UTF-8 without BOM, `\n` line ends.
 *
 * CSV injection: free-text cells (`reason`, `detail`) starting with `=`,
 * `+`, `-`, `@`, tab or CR get a leading `'` (see `neutralizeText`);
 * ids, roles, codes, numbers and `covers` are written as is, since `check`
 * must match them to the input byte for byte. `readResultDir` undoes the `'`.
 *
 * @throws OutputDirError when `outDir` and `opts.inputDir` are the same folder (after resolving links)
 * @throws TypeError when an extra file is named like a result file or is not a bare file name
 * @example
 * ```ts
 * await writeResults('out/round1', solve(instance), { inputDir: 'data/round1' });
 * ```
 */
export async function writeResults(outDir: string, result: SolveResult, opts: WriteResultsOptions = {}): Promise<void> {
  if (opts.inputDir !== undefined) {
    const input = (await realpathOrUndefined(opts.inputDir)) ?? resolve(opts.inputDir);
    const out = (await realpathOrUndefined(outDir)) ?? resolve(outDir);
    if (input === out) throw new OutputDirError(outDir, opts.inputDir);
  }
  const extra = opts.extraFiles ?? {};
  const clash = Object.keys(extra).find((name) => (RESULT_FILES as readonly string[]).includes(name));
  if (clash !== undefined) throw new TypeError(`the extra file ${clash} has the name of a result file`);
  await mkdir(outDir, { recursive: true });
  await writeFilesAtomic(outDir, { ...resultsToFiles(result), ...extra });
}
