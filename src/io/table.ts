/**
 * A parsed CSV file to raw entity rows: headers matched to columns (English
 * or Chinese), cells parsed by their column's kind. Shape rules (ranges,
 * required values) are left to the zod schemas in `validate.ts`, so that CSV
 * and JSON instances are judged by the same rules.
 */
import type { InputIssue, InputWarning } from '../model/issues.js';
import { FULL_PARSE, parseCell, quickCell } from './cells.js';
import { closeColumns } from './header-misspelling.js';
import { matchColumn, type CellKind, type ColumnSpec } from './headers.js';
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

/** A row's `badFields` when none of its cells was unreadable: one shared empty set, not one per row. */
const NO_BAD_FIELDS: ReadonlySet<string> = new Set();

/** A cell text seen before in its column, with what `quickCell` made of it. */
interface SeenCell {
  readonly text: string;
  readonly value: unknown;
}

/**
 * Distinct texts a column remembers before it must show its worth (see `TableBuilder`): past this, a
 * column with fewer than `SEEN_REPEATS` rows per distinct text (ids, names) stops remembering, as a
 * lookup per cell would rarely find one.
 */
const SEEN_LIMIT = 1024;
const SEEN_REPEATS = 4;

/** The mapped columns of a header, in header order: where each one's cell is, and how it reads. */
interface Layout {
  readonly positions: readonly number[];
  readonly specs: readonly ColumnSpec[];
  readonly fields: readonly string[];
  readonly kinds: readonly CellKind[];
  /** Every header cell is mapped, in place: a row's cells are its texts as they are. */
  readonly dense: boolean;
  /** 0, 1, 2, … as many as there are mapped columns: where a row's compacted texts are. */
  readonly compact: readonly number[];
}

/**
 * A built row. Its `texts` (only quoted by issues) are made when asked for,
 * from the row's cells: the cells of the mapped columns are kept, nothing else.
 */
class TableRow implements RawRow {
  constructor(
    readonly values: Record<string, unknown>,
    readonly badFields: ReadonlySet<string>,
    readonly line: number,
    private readonly cells: readonly string[],
    private readonly at: readonly number[],
    private readonly fields: readonly string[],
  ) {}

  get texts(): Record<string, string> {
    const texts: Record<string, string> = {};
    for (let j = 0; j < this.fields.length; j++) texts[this.fields[j]!] = this.cells[this.at[j]!] ?? '';
    return texts;
  }
}

/**
 * Maps a parsed file's header to `columns` (those of `COLUMNS[file]` for an
 * input file) and parses every cell, one record at a time: `add` the header
 * record, then each data record as it is parsed, then `finish`. Records are
 * not kept, so a file read as a stream holds only its rows.
 *
 * - A header one slip away from a column the header does not name
 *   (`vetoo`, `capcity`; the rule is in `header-misspelling.ts`):
 *   `misspelled-column` ("did you mean veto?"), since reading on would drop
 *   every value of that column. Any other header that names no column is
 *   ignored with a warning (extra columns are common); an empty header cell
 *   is ignored quietly unless cells under it hold data.
 * - Two headers naming the same column: `duplicate-column`.
 * - A required column absent: `missing-column` (line 1, the header).
 * - A row with more non-empty cells than the header has columns: `bad-row`.
 *   Extra cells that are empty are tolerated: Excel pads rows with commas.
 * - A row with fewer cells than the header: the missing cells are empty.
 * - An unreadable cell: `bad-value`, with the cell text.
 *
 * A column whose cells repeat (province, level, stage, a county's id in
 * needs.csv) keeps one string per distinct text and its value, read once:
 * a national round's rows then hold a third fewer strings, which every
 * garbage collection during the read would copy, and the maps built from
 * them later find each key's hash already made.
 *
 * @example
 * ```ts
 * const table = new TableBuilder('experts.csv', COLUMNS['experts.csv']);
 * for (const record of records) table.add(record); // the header first
 * const { rows, issues, warnings } = table.finish();
 * ```
 */
export class TableBuilder {
  private readonly issues: InputIssue[] = [];
  private readonly warnings: InputWarning[] = [];
  private readonly rows: RawRow[] = [];
  private header: CsvRecord | undefined;
  /** Column position → spec (undefined: ignored column). */
  private readonly specs: (ColumnSpec | undefined)[] = [];
  private layout: Layout | undefined;
  /** Positions of header cells that are blank, while none of their cells has held data. */
  private blankColumns: number[] = [];
  private blankHeaderHoldsData = false;
  /** Where the warning about data under a blank header goes: after the header's own warnings. */
  private blankWarningAt = 0;
  /** The header lacks or repeats a column: rows cannot be read reliably, so they are not built. */
  private skipRows = false;
  private readonly notes = new Set<string>();
  /** Per mapped column, the texts seen and their values; `undefined` for a column that stopped remembering, or a list column. */
  private seen: (Map<string, SeenCell> | undefined)[] = [];
  /** Per mapped column, the previous row's cell (rows of one county or expert come together); `undefined` for a list column. */
  private previous: (SeenCell | undefined)[] = [];
  /** Per mapped column, false for a list column, whose value is an array of its own per row. */
  private shareable: boolean[] = [];

  /**
   * @param file the name used in issues, e.g. `experts.csv`
   * @param columns the columns the file may hold
   */
  constructor(private readonly file: string, private readonly columns: readonly ColumnSpec[]) {}

  /** Takes the next non-blank record; the first one is the header. */
  add(record: CsvRecord): void {
    if (this.header === undefined) {
      this.header = record;
      this.readHeader(record);
      return;
    }
    if (this.blankColumns.length > 0 && this.blankColumns.some((i) => (record.cells[i] ?? '').trim() !== '')) {
      this.blankHeaderHoldsData = true;
      this.blankColumns = [];
    }
    if (!this.skipRows) this.readRow(record);
  }

  /** The rows and the problems found. */
  finish(): RawTable {
    const { file, header, issues, warnings } = this;
    if (header === undefined) {
      for (const c of this.columns.filter((c) => c.required)) {
        issues.push({ code: 'missing-column', file, line: 1, field: c.column, message: `the file ${file} is empty: it needs a header row with the column ${c.column}` });
      }
      return { rows: [], issues, warnings };
    }
    if (this.blankHeaderHoldsData) {
      warnings.splice(this.blankWarningAt, 0, { code: 'bad-value', file, line: header.line, field: '', message: `a column of ${file} without a header holds data; it is ignored` });
    }
    return { rows: this.skipRows ? [] : this.rows, issues, warnings };
  }

  private readHeader(header: CsvRecord): void {
    const { file, columns, issues, warnings } = this;
    const seen = new Map<string, string>();
    // Known first, so that a misspelling is judged against the columns the header does not already name.
    const matched = header.cells.map((text) => matchColumn(columns, text));
    const present = new Set(matched.flatMap((spec) => (spec === undefined ? [] : [spec.column])));
    header.cells.forEach((text, i) => {
      const spec = matched[i];
      if (spec === undefined) {
        const name = text.replace(/\uFEFF/g, '').trim();
        const close = name === '' ? [] : closeColumns(columns, name, present);
        if (close.length > 0) {
          issues.push({ code: 'misspelled-column', file, line: header.line, field: name, value: text, message: misspelledMessage(name, file, close) });
        } else if (name !== '') {
          warnings.push({ code: 'bad-value', file, line: header.line, field: name, message: `the column "${name}" is not a column of ${file}; it is ignored (columns: ${columns.map((c) => c.column).join(', ')})` });
        } else {
          this.blankColumns.push(i);
        }
        this.specs.push(undefined);
        return;
      }
      const earlier = seen.get(spec.column);
      if (earlier !== undefined) {
        issues.push({ code: 'duplicate-column', file, line: header.line, field: spec.column, value: text, message: `the headers "${earlier}" and "${text.trim()}" both name the column ${spec.column}; keep one` });
        this.specs.push(undefined);
        return;
      }
      seen.set(spec.column, text.trim());
      this.specs.push(spec);
    });
    this.blankWarningAt = warnings.length;
    for (const c of columns) {
      if (c.required && !seen.has(c.column)) {
        const also = c.aliases.length > 0 ? ` (or ${c.aliases.join(', ')})` : '';
        issues.push({ code: 'missing-column', file, line: header.line, field: c.column, message: `the required column ${c.column}${also} is missing from ${file}` });
      }
    }
    this.skipRows = issues.some((i) => i.code === 'missing-column' || i.code === 'duplicate-column');
    const positions = this.specs.flatMap((spec, i) => (spec === undefined ? [] : [i]));
    const mapped = positions.map((i) => this.specs[i]!);
    this.layout = {
      positions, specs: mapped, fields: mapped.map((c) => c.field), kinds: mapped.map((c) => c.kind),
      dense: positions.length === this.specs.length, compact: positions.map((_, j) => j),
    };
    // A list's value is an array of its own per row, never shared.
    this.shareable = mapped.map((c) => c.kind !== 'list');
    this.seen = mapped.map((c) => (c.kind === 'list' ? undefined : new Map<string, SeenCell>()));
    this.previous = mapped.map(() => undefined);
  }

  private readRow(record: CsvRecord): void {
    const { file, specs, issues, warnings, notes } = this;
    const layout = this.layout!;
    const cells = record.cells;
    if (cells.length > specs.length) {
      for (let k = specs.length; k < cells.length; k++) {
        if (cells[k]!.trim() === '') continue;
        issues.push({
          code: 'bad-row', file, line: record.line, field: '', value: cells.join(','),
          message: `the row has ${cells.length} cells but the header has ${specs.length} columns; a cell may contain an unquoted comma`,
        });
        return;
      }
    }
    const values: Record<string, unknown> = {};
    let badFields: Set<string> | undefined;
    const { positions, fields, kinds } = layout;
    const { seen, previous, shareable } = this;
    for (let j = 0; j < positions.length; j++) {
      const at = positions[j]!;
      let text = cells[at] ?? '';
      let quick: unknown;
      if (shareable[j]) {
        // The previous row's cell first (a comparison, no hash), then the column's texts.
        const last = previous[j];
        const hit = last !== undefined && last.text === text ? last : seen[j]?.get(text);
        if (hit !== undefined) {
          // The text as first seen: this row's copy is dropped (strings are compared by value, so nothing else changes).
          if (at < cells.length) (cells as string[])[at] = text = hit.text;
          quick = hit.value;
          previous[j] = hit;
        } else {
          quick = quickCell(kinds[j]!, text);
          const cell: SeenCell = { text, value: quick };
          previous[j] = cell;
          const column = seen[j];
          if (column !== undefined) {
            if (column.size < SEEN_LIMIT || column.size * SEEN_REPEATS <= this.rows.length) column.set(text, cell);
            else seen[j] = undefined;
          }
        }
      } else {
        quick = quickCell(kinds[j]!, text);
      }
      if (quick !== FULL_PARSE) {
        if (quick !== undefined) values[fields[j]!] = quick;
        continue;
      }
      const spec = layout.specs[j]!;
      const parsed = parseCell(spec.kind, text);
      if (!parsed.ok) {
        (badFields ??= new Set()).add(spec.field);
        issues.push({ code: 'bad-value', file, line: record.line, field: spec.column, value: text, message: `${spec.column} "${text.trim()}" ${parsed.message}` });
        continue;
      }
      if (parsed.value !== undefined) values[spec.field] = parsed.value;
      if (parsed.note !== undefined && !notes.has(parsed.note)) {
        // One warning per distinct note and file: a new stage used on 500 rows is one fact.
        notes.add(parsed.note);
        warnings.push({ code: 'bad-value', file, line: record.line, field: spec.column, message: parsed.note });
      }
    }
    // The texts are read from the cells: all of them when every column is mapped, else those of the mapped columns.
    const dense = layout.dense;
    const kept = dense ? cells : positions.map((i) => cells[i] ?? '');
    this.rows.push(new TableRow(values, badFields ?? NO_BAD_FIELDS, record.line, kept, dense ? positions : layout.compact, fields));
  }
}

function misspelledMessage(header: string, file: string, close: readonly ColumnSpec[]): string {
  const names = close.map((c) => (c.aliases.length > 0 ? `${c.column} (${c.aliases.join(', ')})` : c.column));
  return `the column "${header}" is not a column of ${file}; did you mean ${names.join(' or ')}? `
    + `Rename the header: left as it is, every value under it would be ignored (an extra column needs a name further from ${close[0]!.column})`;
}

/**
 * Builds the table of a parsed file at once; see `TableBuilder` for the
 * rules.
 *
 * @param file the name used in issues
 * @param columns the columns the file may hold
 * @param header the header record, `undefined` for an empty file
 * @param records the data records
 */
export function tableFromCsv(file: string, columns: readonly ColumnSpec[], header: CsvRecord | undefined, records: readonly CsvRecord[]): RawTable {
  const builder = new TableBuilder(file, columns);
  if (header !== undefined) {
    builder.add(header);
    for (const record of records) builder.add(record);
  }
  return builder.finish();
}
