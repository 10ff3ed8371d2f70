/**
 * The streaming CSV parser as it was before records without a double quote
 * were read without fast-csv (every record went through fast-csv), kept
 * verbatim as the reference `CsvStreamParser` must agree with: the same
 * records, lines and issues (messages included) for any text fed in any
 * pieces. Only the imports differ from the original.
 */
import { parse, type CsvParserStream } from 'fast-csv';
import type { InputIssue } from '../../src/model/issues.js';
import { MAX_RECORD_CHARS, RecordSplitter, type OverlongRecord } from '../../src/io/record-splitter.js';

/** One CSV record: its cells, and the 1-based physical line it starts on. */
export interface CsvRecord {
  /**
   * The line the record starts on, counting from 1 for the header's first
   * line. A quoted cell with embedded newlines makes its record span several
   * lines; the next record's number accounts for them, so it is always the
   * line a text editor shows (and the row Excel shows when no cell holds a
   * newline).
   */
  readonly line: number;
  /** The cells as written (quotes removed, not trimmed). */
  readonly cells: readonly string[];
}

/** A parsed CSV text: the header record, then the data records. */
export type CsvParseResult =
  | { ok: true; header: CsvRecord | undefined; rows: CsvRecord[] }
  | { ok: false; issue: InputIssue };

/**
 * Receives a text's non-blank records in order, as they are parsed (the
 * first is the header), and makes the parse's value. A sink that does not
 * keep the records (e.g. `TableBuilder`) lets a file be read holding only
 * what it makes of them.
 */
export interface CsvRecordSink<T> {
  /** Takes the next non-blank record. */
  add(record: CsvRecord): void;
  /** The value made of all the records; called once, after the last. */
  finish(): T;
}

/** The records of a CSV text: the header (`undefined` when there is no non-blank record), then the data records. */
export interface CsvRecords {
  header: CsvRecord | undefined;
  rows: CsvRecord[];
}

/** A sink that keeps every record. */
export function collectRecords(): CsvRecordSink<CsvRecords> {
  let header: CsvRecord | undefined;
  const rows: CsvRecord[] = [];
  return {
    add: (record) => {
      if (header === undefined) header = record;
      else rows.push(record);
    },
    finish: () => ({ header, rows }),
  };
}

/** What a parse made of its records (see `CsvRecordSink`), or the issue that ended it. */
export type CsvSinkResult<T> = { ok: true; value: T } | { ok: false; issue: InputIssue };

/** Options of `CsvStreamParser` and `parseCsvText`. */
export interface CsvParseOptions {
  /** The most characters one record may hold; default `MAX_RECORD_CHARS` (4 Mi). */
  maxRecordChars?: number;
  /**
   * The issue field for a header cell, used when a record goes over the
   * limit (e.g. the English column a Chinese header names); default the
   * cell trimmed.
   */
  fieldName?: (headerCell: string) => string;
}

/** Line breaks inside a cell: CRLF, LF or a lone CR each count as one, as fast-csv splits rows on all three. */
function countLineBreaks(cell: string): number {
  let n = 0;
  for (let i = 0; i < cell.length; i++) {
    const ch = cell.charCodeAt(i);
    if (ch === 0x0a) n++;
    else if (ch === 0x0d) {
      n++;
      if (cell.charCodeAt(i + 1) === 0x0a) i++;
    }
  }
  return n;
}

/** True for a record with no data: an empty line, or only empty cells (Excel writes `,,,` for a formatted blank row). */
export function isBlankRecord(cells: readonly string[]): boolean {
  return cells.every((c) => c.trim() === '');
}

/**
 * Parses CSV text that arrives in pieces with fast-csv (quoted fields, `""`
 * escapes, embedded newlines, CRLF, LF or CR), handing each record to a
 * sink as it is parsed (no text is kept beyond the record being read).
 * Blank records are skipped: a blank line holds no data, so nothing is
 * lost. The first non-blank record is the header.
 *
 * Problems end the parse with one `bad-row` issue:
 * - a malformed text (an unclosed quote, text after a closing quote) at the
 *   line where the bad record starts, or for an unclosed quote where the
 *   last good record ended;
 * - a record longer than `maxRecordChars` characters (an unclosed quote
 *   near the top of a huge file, a file without line breaks), at the line
 *   it starts on, naming the column it reached. The parser then stops at
 *   once, without holding more than that many characters (`overlong`).
 *
 * `write` each piece in order and await it, then `end`.
 *
 * @example
 * ```ts
 * const parser = new CsvStreamParser('experts.csv', collectRecords());
 * for await (const piece of pieces) await parser.write(piece);
 * const r = await parser.end(); // r.ok ? r.value.rows : r.issue
 * ```
 */
export class CsvStreamParser<T> {
  private readonly splitter: RecordSplitter;
  private readonly csv: CsvParserStream<string[], string[]>;
  private readonly done: Promise<void>;
  /** Kept to name the column of an overlong record. */
  private header: CsvRecord | undefined;
  /** The physical line the next record starts on. fast-csv emits an empty array for an empty line, so every line is accounted for. */
  private nextLine = 1;
  /** Records handed to fast-csv so far, counting the blank lines added to shield a BOM (below). */
  private planned = 0;
  private emitted = 0;
  private readonly shields = new Set<number>();
  private written = false;
  private failure: InputIssue | undefined;
  private isOverlong = false;

  /**
   * @param file the name used in issues, e.g. `experts.csv`
   * @param sink receives the records (e.g. `collectRecords()`)
   * @param opts the record limit and the header-to-field mapping
   */
  constructor(private readonly file: string, private readonly sink: CsvRecordSink<T>, private readonly opts: CsvParseOptions = {}) {
    this.splitter = new RecordSplitter(opts.maxRecordChars ?? MAX_RECORD_CHARS);
    this.csv = parse<string[], string[]>({ headers: false, ignoreEmpty: false });
    this.csv.on('data', (cells: string[]) => this.take(cells));
    this.done = new Promise((resolve) => {
      this.csv.on('error', (error: Error) => {
        this.fail(this.parseIssue(error));
        resolve();
      });
      this.csv.on('end', () => resolve());
    });
  }

  /** True once the parse has failed; further pieces are ignored. */
  get failed(): boolean {
    return this.failure !== undefined;
  }

  /** True when the parse failed on an overlong record: the caller need not read further. */
  get overlong(): boolean {
    return this.isOverlong;
  }

  /** Parses the next piece of text. */
  async write(text: string): Promise<void> {
    if (this.failure !== undefined) return;
    const split = this.splitter.feed(text);
    // Records completed before an overlong one are parsed first: one of them may be the header that names its column, or fail earlier.
    if (split.text !== '') await this.hand(split.text, split.records);
    if (!split.ok && this.failure === undefined) {
      this.isOverlong = true;
      this.fail(this.overlongIssue(split.overlong));
    }
  }

  /** Ends the text and returns what the sink made of the records, or the issue that ended the parse. */
  async end(): Promise<CsvSinkResult<T>> {
    if (this.failure === undefined) {
      const last = this.splitter.finish();
      // A final line break (if missing) leaves fast-csv nothing to hold over to its flush, where it would drop a BOM (below).
      if (last.text !== '') await this.hand(/[\r\n]$/.test(last.text) ? last.text : `${last.text}\n`, last.records);
    }
    if (this.failure === undefined) {
      this.csv.end();
      await this.done;
    }
    if (this.failure !== undefined) return { ok: false, issue: this.failure };
    return { ok: true, value: this.sink.finish() };
  }

  /** Stops parsing (e.g. when the text turns out not to be in the encoding assumed); `end` must not be called after. */
  abort(): void {
    this.failure ??= { code: 'bad-row', file: this.file, line: 0, field: '', message: 'aborted' };
    this.csv.destroy();
  }

  /**
   * Hands whole records to fast-csv, which strips a U+FEFF at the start of
   * every piece it is given (meant for the file's BOM, which is removed
   * before): a record that starts with one is shielded by a blank line, whose
   * empty record is then dropped, so the text parses as if given whole. A
   * final lone CR gets its LF, so that fast-csv does not hold the record
   * back waiting for one.
   */
  private async hand(text: string, records: number): Promise<void> {
    let piece = text;
    if (this.written && piece.charCodeAt(0) === 0xfeff) {
      this.shields.add(this.planned++);
      piece = `\n${piece}`;
    }
    if (piece.endsWith('\r')) piece += '\n';
    this.planned += records;
    this.written = true;
    await new Promise<void>((resolve) => {
      this.csv.write(piece, (error) => {
        // Also emitted as 'error', maybe later: record it now, so that it wins over what comes after it.
        if (error) this.fail(this.parseIssue(error));
        resolve();
      });
    });
  }

  private take(cells: string[]): void {
    if (this.shields.delete(this.emitted++)) return;
    const line = this.nextLine;
    this.nextLine += 1 + cells.reduce((n, c) => n + countLineBreaks(c), 0);
    if (isBlankRecord(cells)) return;
    const record: CsvRecord = { line, cells };
    this.header ??= record;
    this.sink.add(record);
  }

  private fail(issue: InputIssue): void {
    if (this.failure !== undefined) return;
    this.failure = issue;
    this.csv.destroy();
  }

  private parseIssue(error: Error): InputIssue {
    // fast-csv fails on a whole piece; the splitter knows which record of it has text after a closing quote.
    const malformed = this.splitter.firstMalformedLine;
    const line = malformed !== undefined && malformed >= this.nextLine ? malformed : this.nextLine;
    return {
      code: 'bad-row', file: this.file, line, field: '',
      message: `the CSV text cannot be read at or after line ${line} (${shortParseMessage(error.message)}); check for an unclosed or stray double quote`,
    };
  }

  private overlongIssue({ line, column }: OverlongRecord): InputIssue {
    const limit = this.opts.maxRecordChars ?? MAX_RECORD_CHARS;
    const headerCell = this.header !== undefined && this.header.line < line ? this.header.cells[column] : undefined;
    const field = headerCell === undefined ? '' : (this.opts.fieldName ?? ((h: string) => h.trim()))(headerCell);
    const where = `column ${column + 1}${field === '' ? '' : ` (${field})`}`;
    return {
      code: 'bad-row', file: this.file, line, field,
      message: `the row starting at line ${line} is longer than ${limit.toLocaleString('en-US')} characters, so reading stopped in its ${where}; check for a double quote that is never closed, or a file without line breaks`,
    };
  }
}

/**
 * Parses decoded CSV text given whole; see `CsvStreamParser` for the rules
 * and the issues.
 *
 * @param text decoded text (see `decodeBytes`), without BOM
 * @param file the name used in issues
 * @param opts the record limit and the header-to-field mapping
 */
export async function parseCsvText(text: string, file: string, opts: CsvParseOptions = {}): Promise<CsvParseResult> {
  const parser = new CsvStreamParser(file, collectRecords(), opts);
  await parser.write(text);
  const r = await parser.end();
  return r.ok ? { ok: true, ...r.value } : r;
}

/** fast-csv's message quotes the rest of the file after " in line:"; a person needs only the reason. */
function shortParseMessage(message: string): string {
  const reason = message.replace(/^Parse Error: /, '').split(' in line:')[0] ?? '';
  return reason.length > 120 ? `${reason.slice(0, 117)}...` : reason;
}
