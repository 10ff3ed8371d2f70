/**
 * Reading an input folder (the CSV files of DESIGN section 2) into a
 * validated `Instance`. Every problem of every file is collected and
 * reported at once, so a person fixes the spreadsheet in one pass.
 */
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { InputError, isNonEmpty, type InputIssue, type InputWarning, type NonEmpty } from '../model/issues.js';
import type { Instance } from '../model/schemas.js';
import { findFile } from './find-file.js';
import { COLUMNS, INPUT_FILES, KIND_OF_FILE, REQUIRED_FILES, matchColumn, type EntityKind, type InputFileName } from './headers.js';
import { readCsvFile } from './read-csv-file.js';
import { SourceMap } from './source-map.js';
import { TableBuilder, type RawRow } from './table.js';
import { validateRaw, type ValidateOptions } from './validate.js';

/**
 * Options of `readInstanceDir`: how H10 treats key counties, which levels may
 * lead (for pinned leaders), the default capacity, and the group size and
 * quotas that judge per-county sizes and pins; each defaults to the policy
 * default. Pass the round's own options, as `solve` does, so that both judge alike.
 */
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
 * (`Counties.CSV` is found). Each file is streamed: only its parsed
 * records are held, and a record longer than `MAX_RECORD_CHARS` (4 Mi
 * characters: an unclosed quote near the top of a huge file, a file without
 * line breaks) is refused with a `bad-row` issue at once (see
 * `readCsvFile`). Encodings, headers and cells: see `decodeBytes`,
 * `src/io/headers.ts` and `src/io/cells.ts`; cross-file rules: see
 * `validateInstance`. Issues are sorted by file, then line.
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
    // Streamed: each record becomes a table row as it is parsed, and an endless record is refused (see readCsvFile).
    const read = await readCsvFile(join(dir, actual), file, () => new TableBuilder(file, COLUMNS[file]), {
      fieldName: (header) => matchColumn(COLUMNS[file], header)?.column ?? header.trim(),
    });
    if (!read.ok) {
      issues.push(read.issue);
      markIncomplete();
      return;
    }
    const table = read.value;
    // Not push(...list): a spread of 150,000 issues overflows the stack.
    for (const i of table.issues) issues.push(i);
    for (const w of table.warnings) warnings.push(w);
    if (table.issues.some((i) => i.code === 'missing-column' || i.code === 'duplicate-column')) markIncomplete();
    tables.set(file, table.rows);
  }));

  const rowsOf = {} as Record<EntityKind, readonly RawRow[]>;
  const raw = {} as Record<EntityKind, unknown[]>;
  const lines = {} as Record<EntityKind, number[]>;
  for (const f of INPUT_FILES) {
    // One indexed pass per table for both lists (a national round has 53,000 rows).
    const rows = tables.get(f) ?? [];
    rowsOf[KIND_OF_FILE[f]] = rows;
    const values: unknown[] = [];
    const at: number[] = [];
    for (let i = 0; i < rows.length; i++) {
      values.push(rows[i]!.values);
      at.push(rows[i]!.line);
    }
    raw[KIND_OF_FILE[f]] = values;
    lines[KIND_OF_FILE[f]] = at;
  }
  const report = validateRaw(raw, {
    sources: SourceMap.forCsv(lines),
    text: (kind, index, field) => rowsOf[kind][index]?.texts[field],
    reported: (kind, index) => rowsOf[kind][index]?.badFields,
    incomplete,
  }, opts);
  for (const i of report.issues) issues.push(i);
  for (const w of report.warnings) warnings.push(w);

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
