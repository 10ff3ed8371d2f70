/**
 * Writing a solve's results folder: assignments.csv, unmatched.csv,
 * summary.json, timing.json (and the extra files of the run: report.html,
 * recruitment.csv, changes.csv, pinned.csv; vacancies.csv when groups are
 * kept with a vacancy; ledger.csv when asked), with manifest.json last, as
 * one set. Everything except timing.json is byte-identical for the same
 * input, options and seed, so two runs can be compared with `diff` and a
 * published result can be reproduced.
 */
import type { SolveResult, VacancyMember } from '../model/result.js';
import { LEDGER_FILE, ledgerCsv } from './ledger.js';
import { ledgerFor, type LedgerSpec } from './ledger-events.js';
import { SummarySchema, type Assignment, type Pin, type Summary, type Unmatched } from '../model/schemas.js';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { formatIssue, isNonEmpty, type InputIssue, type NonEmpty } from '../model/issues.js';
import { removeStaleTemps, writeFilesAtomic } from './atomic-write.js';
import { csvText, neutralizeText } from './csv-format.js';
import { findFile } from './find-file.js';
import { MANIFEST_FILE, manifestText, PRODUCT_FILES, sha256Hex, verifyManifest } from './manifest.js';
import { readRegularFile } from './read-file.js';
import { assertNotInputDir, outputError, prepareOutDir } from './out-dir.js';
import type { OutLock } from './out-lock.js';

export { OutputDirError } from './out-dir.js';

/** The files of a results folder, in the order they are written. */
export const RESULT_FILES = ['assignments.csv', 'unmatched.csv', 'summary.json', 'timing.json'] as const;
/** A results file name. */
export type ResultFileName = (typeof RESULT_FILES)[number];

/** Columns of assignments.csv. */
export const ASSIGNMENT_COLUMNS = ['county_id', 'expert_id', 'role', 'fit', 'covers', 'reason'] as const;
/** Columns of unmatched.csv. */
export const UNMATCHED_COLUMNS = ['county_id', 'reason_code', 'detail'] as const;
/** Columns of pinned.csv in a results folder (those of the input's pinned.csv). */
export const PINNED_COLUMNS = ['county_id', 'expert_id', 'role'] as const;
/** The name of the pins a result records (written by `repair`). */
export const PINNED_FILE = 'pinned.csv';
/** Columns of vacancies.csv: the members of groups kept with a vacancy (`repair`). */
export const VACANCY_COLUMNS = ['county_id', 'expert_id', 'role'] as const;

/** The keys of summary.json, in the order written: the schema's, without `seconds` (which is in timing.json). */
export const SUMMARY_KEYS = (Object.keys(SummarySchema.shape) as (keyof Summary)[]).filter((k) => k !== 'seconds');

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
  /**
   * Writes ledger.csv (the membership ledger, 台账) in the set: the
   * parent's ledger and this run's events (`ledgerFor`), or the opening
   * events of a first solve. Without it no ledger is written, so that a
   * library caller's output does not depend on the clock; the CLI always
   * gives one (its `--date`, default today in UTC).
   */
  ledger?: LedgerSpec;
  /**
   * The folder's lock, when the caller took it already (`prepareOutDir`,
   * as the CLI does before solving); without it `writeResults` prepares
   * and locks the folder itself for the time of the write.
   */
  lock?: OutLock;
}

/**
 * A fit as written: 4 decimals, and never `-0.0000` (a tiny negative
 * rounding residue would otherwise differ in sign between runs or solvers).
 */
export function formatFit(fit: number): string {
  const s = fit.toFixed(4);
  return /^-0\.0+$/.test(s) ? s.slice(1) : s;
}

/** assignments.csv as text: `covers` joined with `;`; every text cell (ids too) neutralized against CSV injection, `fit` a plain number. */
export function assignmentsCsv(assignments: readonly Assignment[]): string {
  return csvText(ASSIGNMENT_COLUMNS, assignments.map((a) => [
    neutralizeText(a.countyId), neutralizeText(a.expertId), neutralizeText(a.role), formatFit(a.fit), neutralizeText(a.covers.join(';')), neutralizeText(a.reason),
  ]));
}

/** unmatched.csv as text: every cell neutralized against CSV injection. */
export function unmatchedCsv(unmatched: readonly Unmatched[]): string {
  return csvText(UNMATCHED_COLUMNS, unmatched.map((u) => [neutralizeText(u.countyId), neutralizeText(u.reasonCode), neutralizeText(u.detail)]));
}

/** vacancies.csv as text: every cell neutralized against CSV injection. */
export function vacanciesCsv(rows: readonly VacancyMember[]): string {
  return csvText(VACANCY_COLUMNS, rows.map((v) => [neutralizeText(v.countyId), neutralizeText(v.expertId), neutralizeText(v.role)]));
}

/** pinned.csv as text (the input's columns), every cell neutralized against CSV injection; an absent role is an empty cell. */
export function pinsCsv(pins: readonly Pin[]): string {
  return csvText(PINNED_COLUMNS, pins.map((p) => [neutralizeText(p.countyId), neutralizeText(p.expertId), neutralizeText(p.role ?? '')]));
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

/**
 * timing.json as text: `{ "seconds": …, "manifest": … }`, the one part of a
 * results folder that differs between runs (so the manifest does not hash
 * it). `manifest` is the SHA-256 of the set's manifest.json text: it binds
 * the file to its set, so a reader can tell a timing.json of another run.
 */
export function timingJson(summary: Pick<Summary, 'seconds'>, manifestHash?: string): string {
  return JSON.stringify(manifestHash === undefined ? { seconds: summary.seconds } : { seconds: summary.seconds, manifest: manifestHash }, null, 2) + '\n';
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

/** Names the product owns (see `PRODUCT_FILES`) that are in the folder listing but not in the new set: removed with the write. */
function leftovers(listing: readonly string[], written: readonly string[]): string[] {
  const out: string[] = [];
  for (const name of PRODUCT_FILES) {
    const actual = findFile(listing, name);
    if (actual !== undefined && !written.includes(name)) out.push(actual);
    // A case variant next to the exact name (e.g. Report.HTML beside a new report.html) would be read as ambiguous: it goes too.
    for (const other of listing) if (other !== name && other !== actual && other.toLowerCase() === name.toLowerCase()) out.push(other);
  }
  return [...new Set(out)].sort();
}

/**
 * Writes a results folder (created if missing) as one set, replacing the
 * product's files of an earlier run there:
 *
 * 1. the folder is prepared and locked (`prepareOutDir`) unless the caller
 *    holds its lock (`opts.lock`); temporary files of a crashed earlier
 *    write are removed;
 * 2. every file is written to a hidden temporary file and flushed; if any
 *    write fails, those are removed and the old files are left as they were;
 * 3. the old manifest.json is moved aside, the files are renamed into
 *    place, the product's files this run does not write (an old
 *    report.html, recruitment.csv, changes.csv, pinned.csv) are removed,
 *    and the new manifest.json, listing the SHA-256 of every file but
 *    timing.json, is renamed in last.
 *
 * So a process killed at any moment leaves either the complete old set or
 * a folder without a manifest (or with one that does not match), which
 * every reader (`readResultDir`) refuses. Files the product does not own
 * are left alone. Rows in the result's order; the CSV files are UTF-8
 * without BOM, `\n` line ends.
 *
 * CSV injection: every text cell of every CSV, ids included, starting with
 * `=`, `+`, `-`, `@`, tab or CR gets a leading `'` (see `neutralizeText`);
 * `readResultDir` undoes it, so ids still match the input. Numbers (`fit`)
 * are written as numbers.
 *
 * @throws OutputDirError when `outDir` and `opts.inputDir` are the same folder (after resolving links)
 * @throws OutputPathError when the folder cannot hold the results (a file, not writable, a folder named like a result file, disk full)
 * @throws OutputLockedError when another running process writes to the folder
 * @throws TypeError when an extra file is named like a result file or the manifest, or is not a bare file name
 * @example
 * ```ts
 * await writeResults('out/round1', solve(instance), { inputDir: 'data/round1' });
 * ```
 */
export async function writeResults(outDir: string, result: SolveResult, opts: WriteResultsOptions = {}): Promise<void> {
  const extra = opts.extraFiles ?? {};
  const clash = Object.keys(extra).find((name) => (RESULT_FILES as readonly string[]).includes(name) || name === MANIFEST_FILE);
  if (clash !== undefined) throw new TypeError(`the extra file ${clash} has the name of a result file`);
  const lock = opts.lock ?? (await prepareOutDir(outDir, opts.inputDir === undefined ? {} : { inputDir: opts.inputDir }));
  try {
    if (opts.lock !== undefined && opts.inputDir !== undefined) await assertNotInputDir(outDir, opts.inputDir);
    const files: Record<string, string | Uint8Array> = { ...resultsToFiles(result), ...extra };
    // A kept group is part of the result: its members hold their places, so it is written with the groups.
    if (result.vacancies !== undefined && result.vacancies.length > 0) files['vacancies.csv'] = vacanciesCsv(result.vacancies);
    if (opts.ledger !== undefined) files[LEDGER_FILE] = ledgerCsv(ledgerFor(result, opts.ledger));
    const names = Object.keys(files);
    const manifest = manifestText(files, result.summary.inputHash);
    // timing.json is not hashed (it differs between runs) but names its manifest, so it cannot pass for another run's.
    files['timing.json'] = timingJson(result.summary, sha256Hex(manifest));
    files[MANIFEST_FILE] = manifest;
    try {
      await removeStaleTemps(outDir, [...PRODUCT_FILES, ...names]);
      const remove = leftovers(await readdir(outDir), [...names, MANIFEST_FILE]);
      await writeFilesAtomic(outDir, files, { last: MANIFEST_FILE, remove });
    } catch (error) {
      throw outputError(outDir, error);
    }
  } finally {
    if (opts.lock === undefined) await lock.release();
  }
}

/** Thrown by `addToResultSet` when the folder is not one complete, unchanged results set: adding to it would bless what is wrong with it. */
export class ResultSetError extends Error {
  override readonly name = 'ResultSetError';
  /** @param issues what is wrong with the folder, each naming the file */
  constructor(readonly issues: NonEmpty<InputIssue>) {
    super(`the folder is not one complete results set:\n${issues.map(formatIssue).join('\n')}`);
  }
}

/** timing.json's seconds, or 0 when the file is absent or holds none (it is never used to judge a result). */
function secondsIn(bytes: Uint8Array | undefined): number {
  if (bytes === undefined) return 0;
  try {
    const seconds = (JSON.parse(Buffer.from(bytes).toString('utf8')) as Record<string, unknown>)['seconds'];
    return typeof seconds === 'number' ? seconds : 0;
  } catch {
    return 0;
  }
}

/**
 * Adds files to an existing results set (e.g. a `report.html` rendered
 * after the solve): under the folder's lock, the folder must match its
 * manifest — every listed file is read and its SHA-256 compared, so nothing
 * changed by hand is taken into the new manifest — and the set is then
 * written again whole, as `writeResults` writes it, with the new files.
 *
 * @throws ResultSetError when the folder has no manifest or does not match it (its issues name the files)
 * @throws OutputLockedError when another running process writes to the folder
 * @throws TypeError when a file is named like a result file or the manifest, or is not a bare file name
 * @example
 * ```ts
 * await addToResultSet('out/round1', { 'report.html': renderReport(instance, result, options) });
 * ```
 */
export async function addToResultSet(dir: string, added: Readonly<Record<string, string | Uint8Array>>): Promise<void> {
  const clash = Object.keys(added).find((name) => (RESULT_FILES as readonly string[]).includes(name) || name === MANIFEST_FILE || /[/\\\0]/.test(name) || name === '.' || name === '..');
  if (clash !== undefined) throw new TypeError(`the file ${clash} cannot be added to a results set: it is a result file, the manifest, or not a bare file name`);
  const lock = await prepareOutDir(dir);
  try {
    const listing = await readdir(dir);
    const check = await verifyManifest(dir, listing);
    const issues: InputIssue[] = check.ok ? [] : check.issues;
    const files: Record<string, string | Uint8Array> = {};
    if (check.ok) {
      for (const [name, hash] of Object.entries(check.manifest.files)) {
        const bytes = await readRegularFile(join(dir, findFile(listing, name) ?? name));
        // Read again under the lock: what is taken into the new manifest is what was verified.
        if (sha256Hex(bytes) !== hash) issues.push({ code: 'manifest-mismatch', file: name, line: 0, field: '', message: `changed while it was being added to` });
        files[name] = bytes;
      }
    }
    if (isNonEmpty(issues)) throw new ResultSetError(issues);
    const timingName = findFile(listing, 'timing.json');
    const seconds = secondsIn(timingName === undefined ? undefined : await readRegularFile(join(dir, timingName)));
    Object.assign(files, added);
    const manifest = manifestText(files, check.ok ? check.manifest.inputHash : '');
    files['timing.json'] = timingJson({ seconds }, sha256Hex(manifest));
    files[MANIFEST_FILE] = manifest;
    try {
      await removeStaleTemps(dir, [...PRODUCT_FILES, ...Object.keys(files)]);
      await writeFilesAtomic(dir, files, { last: MANIFEST_FILE, remove: [] });
    } catch (error) {
      throw outputError(dir, error);
    }
  } finally {
    await lock.release();
  }
}
