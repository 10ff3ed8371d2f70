/**
 * Reading an input folder (the CSV files of DESIGN section 2) into a
 * validated `Instance`. Every problem of every file is collected and
 * reported at once, so a person fixes the spreadsheet in one pass.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, isNonEmpty, type InputIssue, type InputWarning, type NonEmpty } from '../model/issues.js';
import type { Instance } from '../model/schemas.js';
import { decodeBytes } from './encoding.js';
import { findFile } from './find-file.js';
import { COLUMNS, FILE_OF_KIND, INPUT_FILES, KIND_OF_FILE, REQUIRED_FILES, type EntityKind, type InputFileName } from './headers.js';
import { parseCsvText } from './read-csv.js';
import { SourceMap } from './source-map.js';
import { tableFromCsv, type RawRow } from './table.js';
import { validateRaw, type RawInstance, type ValidateOptions } from './validate.js';
import { readRegularFile } from './read-file.js';

/** Options of `readInstanceDir`: how H10 treats key counties, and which levels may lead (for pinned leaders). */
export type ReadInstanceOptions = Omit<ValidateOptions, 'source' | 'sources'>;

/**
 * The outcome of reading an input folder: the instance with its warnings
 * and source locations, or every problem found (never empty).
 */
export type ReadInstanceResult =
  | { ok: true; instance: Instance; warnings: InputWarning[]; sources: SourceMap }
  | { ok: false; issues: NonEmpty<InputIssue> };

/**
 * Reads and validates an input folder. Required files: counties.csv,
 * needs.csv, experts.csv, skills.csv, pairings.csv (absent → `missing-file`);
 * optional: affinity.csv, pinned.csv. File names match case-insensitively
 * (`Counties.CSV` is found). Encodings, headers and cells: see
 * `decodeBytes`, `src/io/headers.ts` and `src/io/cells.ts`; cross-file
 * rules: see `validateInstance`. Issues are sorted by file, then line.
 *
 * Never throws for bad input; see `readInstanceDirOrThrow`.
 *
 * @example
 * ```ts
 * const r = await readInstanceDir('data/round1', { keyCounties: 'skip' });
 * if (!r.ok) for (const i of r.issues) console.error(formatIssue(i));
 * ```
 */
export async function readInstanceDir(dir: string, opts: ReadInstanceOptions = {}): Promise<ReadInstanceResult> {
  const issues: InputIssue[] = [];
  const warnings: InputWarning[] = [];
  let names: string[];
  try {
    names = await readdir(dir);
  } catch (error) {
    const why = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'does not exist' : 'cannot be read';
    return { ok: false, issues: [{ code: 'unreadable-file', file: dir, line: 0, field: '', message: `the input folder ${dir} ${why}` }] };
  }

  const tables = new Map<InputFileName, RawRow[]>();
  const incomplete = new Set<'counties' | 'experts'>();
  await Promise.all(INPUT_FILES.map(async (file) => {
    const kind = KIND_OF_FILE[file];
    const markIncomplete = (): void => { if (kind === 'counties' || kind === 'experts') incomplete.add(kind); };
    const actual = findFile(names, file);
    if (actual === undefined) {
      if (REQUIRED_FILES.includes(file)) {
        issues.push({ code: 'missing-file', file, line: 0, field: '', message: `the required file ${file} is not in the folder ${dir}` });
        markIncomplete();
      }
      return;
    }
    let bytes: Uint8Array;
    try {
      bytes = await readRegularFile(join(dir, actual));
    } catch (error) {
      issues.push({ code: 'unreadable-file', file, line: 0, field: '', message: `the file ${file} cannot be read (${(error as Error).message})` });
      markIncomplete();
      return;
    }
    const decoded = decodeBytes(bytes, file);
    if (!decoded.ok) {
      issues.push(decoded.issue);
      markIncomplete();
      return;
    }
    const parsed = await parseCsvText(decoded.text, file);
    if (!parsed.ok) {
      issues.push(parsed.issue);
      markIncomplete();
      return;
    }
    const table = tableFromCsv(file, COLUMNS[file], parsed.header, parsed.rows);
    issues.push(...table.issues);
    warnings.push(...table.warnings);
    if (table.issues.some((i) => i.code === 'missing-column' || i.code === 'duplicate-column')) markIncomplete();
    tables.set(file, table.rows);
  }));

  const rowsOf = (kind: EntityKind): readonly RawRow[] => tables.get(FILE_OF_KIND[kind]) ?? [];
  const raw = Object.fromEntries(INPUT_FILES.map((f) => [KIND_OF_FILE[f], (tables.get(f) ?? []).map((r) => r.values)])) as unknown as RawInstance;
  const lines = Object.fromEntries(INPUT_FILES.map((f) => [KIND_OF_FILE[f], (tables.get(f) ?? []).map((r) => r.line)])) as Record<EntityKind, number[]>;
  const report = validateRaw(raw, {
    sources: SourceMap.forCsv(lines),
    text: (kind, index, field) => rowsOf(kind)[index]?.texts[field],
    reported: (kind, index) => rowsOf(kind)[index]?.badFields,
    incomplete,
  }, opts);
  issues.push(...report.issues);
  warnings.push(...report.warnings);

  sortByLocation(issues);
  sortByLocation(warnings);
  if (isNonEmpty(issues)) return { ok: false, issues };
  return { ok: true, instance: report.instance, warnings, sources: report.sources };
}

/**
 * `readInstanceDir` that throws an `InputError` carrying every issue when
 * the folder is refused.
 *
 * @throws InputError when any input problem is found
 */
export async function readInstanceDirOrThrow(dir: string, opts: ReadInstanceOptions = {}): Promise<{ instance: Instance; warnings: InputWarning[]; sources: SourceMap }> {
  const r = await readInstanceDir(dir, opts);
  if (!r.ok) throw new InputError(r.issues);
  return { instance: r.instance, warnings: r.warnings, sources: r.sources };
}

const FILE_RANK = new Map<string, number>(INPUT_FILES.map((f, i) => [f, i]));

/** Sorts in place by file (contract order), then line; stable, so each row's issues keep their column order. */
function sortByLocation(list: (InputIssue | InputWarning)[]): void {
  list.sort((a, b) => (FILE_RANK.get(a.file) ?? 99) - (FILE_RANK.get(b.file) ?? 99) || a.line - b.line);
}
