/**
 * A parsed CSV file to raw entity rows: headers matched to columns (English
 * or Chinese), cells parsed by their column's kind. Shape rules (ranges,
 * required values) are left to the zod schemas in `validate.ts`, so that CSV
 * and JSON instances are judged by the same rules.
 */
import type { InputIssue, InputWarning } from '../model/issues.js';
import { parseCell } from './cells.js';
import { matchColumn, type ColumnSpec } from './headers.js';
import type { CsvRecord } from './read-csv.js';

/** One data row before schema checks. */
export interface RawRow {
  /** The parsed values of the non-empty, readable cells, by camelCase field. */
  readonly values: Record<string, unknown>;
  /** The cell text of every mapped column, by camelCase field (for issue values). */
  readonly texts: Record<string, string>;
  /** Fields whose cell was unreadable and already reported. */
  readonly badFields: ReadonlySet<string>;
  /** The physical line the row starts on. */
  readonly line: number;
}

/** The rows of one file and the problems found in its header and cells. */
export interface RawTable {
  readonly rows: RawRow[];
  readonly issues: InputIssue[];
  readonly warnings: InputWarning[];
}

/**
 * Maps a parsed file's header to `columns` (those of `COLUMNS[file]` for an
 * input file) and parses every cell.
 *
 * - A header that names no column is ignored with a warning (a typo in a
 *   header would otherwise lose a whole column silently); an empty header
 *   cell is ignored quietly unless cells under it hold data.
 * - Two headers naming the same column: `duplicate-column`.
 * - A required column absent: `missing-column` (line 1, the header).
 * - A row with more non-empty cells than the header has columns: `bad-row`.
 *   Extra cells that are empty are tolerated: Excel pads rows with commas.
 * - A row with fewer cells than the header: the missing cells are empty.
 * - An unreadable cell: `bad-value`, with the cell text.
 */
export function tableFromCsv(file: string, columns: readonly ColumnSpec[], header: CsvRecord | undefined, records: readonly CsvRecord[]): RawTable {
  const issues: InputIssue[] = [];
  const warnings: InputWarning[] = [];
  if (header === undefined) {
    for (const c of columns.filter((c) => c.required)) {
      issues.push({ code: 'missing-column', file, line: 1, field: c.column, message: `the file ${file} is empty: it needs a header row with the column ${c.column}` });
    }
    return { rows: [], issues, warnings };
  }

  // Column position → spec (undefined: ignored column).
  const specs: (ColumnSpec | undefined)[] = [];
  const seen = new Map<string, string>();
  let blankHeaderHoldsData = false;
  header.cells.forEach((text, i) => {
    const spec = matchColumn(columns, text);
    if (spec === undefined) {
      if (text.replace(/\uFEFF/g, '').trim() !== '') {
        warnings.push({ code: 'bad-value', file, line: header.line, field: text.trim(), message: `the column "${text.trim()}" is not a column of ${file}; it is ignored (columns: ${columns.map((c) => c.column).join(', ')})` });
      } else if (records.some((r) => (r.cells[i] ?? '').trim() !== '')) {
        blankHeaderHoldsData = true;
      }
      specs.push(undefined);
      return;
    }
    const earlier = seen.get(spec.column);
    if (earlier !== undefined) {
      issues.push({ code: 'duplicate-column', file, line: header.line, field: spec.column, value: text, message: `the headers "${earlier}" and "${text.trim()}" both name the column ${spec.column}; keep one` });
      specs.push(undefined);
      return;
    }
    seen.set(spec.column, text.trim());
    specs.push(spec);
  });
  if (blankHeaderHoldsData) {
    warnings.push({ code: 'bad-value', file, line: header.line, field: '', message: `a column of ${file} without a header holds data; it is ignored` });
  }
  for (const c of columns) {
    if (c.required && !seen.has(c.column)) {
      const also = c.aliases.length > 0 ? ` (or ${c.aliases.join(', ')})` : '';
      issues.push({ code: 'missing-column', file, line: header.line, field: c.column, message: `the required column ${c.column}${also} is missing from ${file}` });
    }
  }
  if (issues.some((i) => i.code === 'missing-column' || i.code === 'duplicate-column')) {
    // Rows cannot be read reliably without their columns; the header issues say what to fix.
    return { rows: [], issues, warnings };
  }

  const notes = new Set<string>();
  const rows: RawRow[] = [];
  for (const record of records) {
    const extra = record.cells.slice(specs.length).filter((c) => c.trim() !== '');
    if (extra.length > 0) {
      issues.push({
        code: 'bad-row', file, line: record.line, field: '', value: record.cells.join(','),
        message: `the row has ${record.cells.length} cells but the header has ${specs.length} columns; a cell may contain an unquoted comma`,
      });
      continue;
    }
    const values: Record<string, unknown> = {};
    const texts: Record<string, string> = {};
    const badFields = new Set<string>();
    specs.forEach((spec, i) => {
      if (spec === undefined) return;
      const text = record.cells[i] ?? '';
      texts[spec.field] = text;
      const parsed = parseCell(spec.kind, text);
      if (!parsed.ok) {
        badFields.add(spec.field);
        issues.push({ code: 'bad-value', file, line: record.line, field: spec.column, value: text, message: `${spec.column} "${text.trim()}" ${parsed.message}` });
        return;
      }
      if (parsed.value !== undefined) values[spec.field] = parsed.value;
      if (parsed.note !== undefined && !notes.has(parsed.note)) {
        // One warning per distinct note and file: a new stage used on 500 rows is one fact.
        notes.add(parsed.note);
        warnings.push({ code: 'bad-value', file, line: record.line, field: spec.column, message: parsed.note });
      }
    });
    rows.push({ values, texts, badFields, line: record.line });
  }
  return { rows, issues, warnings };
}
