/**
 * Writing a solve's results folder: assignments.csv, unmatched.csv,
 * summary.json and timing.json. Everything except timing.json is
 * byte-identical for the same input, options and seed, so two runs can be
 * compared with `diff` and a published result can be reproduced.
 */
import { mkdir, realpath } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { SolveResult } from '../model/result.js';
import { SummarySchema, type Assignment, type Summary, type Unmatched } from '../model/schemas.js';
import { writeFileAtomic } from './atomic-write.js';
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
 * Writes a results folder (created if missing), each file atomically, rows
 * in the result's order. The CSV files are UTF-8 without BOM, `\n` line ends.
 *
 * CSV injection: free-text cells (`reason`, `detail`) starting with `=`,
 * `+`, `-`, `@`, tab or CR get a leading `'` (see `neutralizeText`);
 * ids, roles, codes, numbers and `covers` are written as is, since `check`
 * must match them to the input byte for byte. `readResultDir` undoes the `'`.
 *
 * @throws OutputDirError when `outDir` and `opts.inputDir` are the same folder (after resolving links)
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
  await mkdir(outDir, { recursive: true });
  const files = resultsToFiles(result);
  for (const name of RESULT_FILES) await writeFileAtomic(join(outDir, name), files[name]);
}
