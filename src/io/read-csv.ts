/**
 * CSV text to records, each with the physical line it starts on, so that a
 * message can send a person to the right row of the spreadsheet. The text
 * may come whole (`parseCsvText`) or in pieces (`CsvStreamParser`, for files
 * read in bounded memory); both give the same records.
 */
import type { CsvParserStream } from 'fast-csv';
import type { InputIssue } from '../model/issues.js';
import { MAX_RECORD_CHARS, RecordSplitter, type OverlongRecord } from './record-splitter.js';

type FastCsvModule = typeof import('fast-csv');

let fastCsvModule: Promise<FastCsvModule> | undefined;

/**
 * fast-csv, loaded when the first record holding a `"` comes: most files hold none, and
 * loading it is ~30 ms of a command's start (`validate` on a generated round never needs it).
 */
function loadFastCsv(): Promise<FastCsvModule> {
  fastCsvModule ??= import('fast-csv');
  return fastCsvModule;
}

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

/** Where `plainCells` found the next `,` of a text (kept between the lines of one text, so that each is searched for once). */
export interface CommaCursor {
  comma: number;
}

/**
 * The cells of the line `plainCells` is reading: one array for every line, written by index and never
 * truncated (setting `length = 0` drops V8's backing store, so every line would allocate a new one);
 * only the exact-length copy it returns is kept.
 */
let scratchCells: string[] = [];

/** Cells at least this long are copied (see `plainCells`); shorter substrings are copies already (V8 slices from 13 characters). */
const DETACH_LENGTH = 13;

/**
 * The cells of one line holding no `"` and no line break (`text` from
 * `from` to `to`), as fast-csv reads it, or `undefined` when it is blank
 * (`isBlankRecord`): the text split at `,`, except that a first cell of only
 * blanks (JavaScript `\s`) is empty (fast-csv skips blanks looking for an
 * opening quote, and finds the separator). Each cell is a string of its own,
 * not a slice of `text`, so that a kept cell does not keep the whole text.
 *
 * @param cursor the next comma at or after `from`, for a caller that reads the lines of one text in order
 * @example plainCells(' ,a,b ') // ['', 'a', 'b ']
 */
export function plainCells(text: string, from = 0, to = text.length, cursor: CommaCursor = { comma: -1 }): string[] | undefined {
  const cells = scratchCells;
  let n = 0;
  let blank = true;
  let comma = cursor.comma;
  for (let a = from; ; ) {
    if (comma < a) {
      comma = text.indexOf(',', a);
      if (comma === -1) comma = text.length;
    }
    const end = comma < to ? comma : to;
    const cell = text.substring(a, end);
    // A cell starting with a printable ASCII or CJK character is not blank, without trimming a copy.
    if (blank && cell !== '') {
      const c = cell.charCodeAt(0);
      if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff) || cell.trim() !== '') blank = false;
    }
    cells[n++] = cell.length >= DETACH_LENGTH ? ` ${cell}`.slice(1) : cell;
    if (end === to) break;
    a = end + 1;
  }
  cursor.comma = comma;
  // A line of a million commas does not leave its room held for good.
  if (n > 1024) scratchCells = [];
  if (blank) return undefined;
  const first = cells[0]!;
  if (n > 1 && first !== '' && first.trim() === '') cells[0] = '';
  // A copy of exactly its length: rows keep their cells, and an array grown by push has room for 16 or more.
  return cells.slice(0, n);
}

/**
 * Parses CSV text that arrives in pieces with fast-csv's rules (quoted
 * fields, `""` escapes, embedded newlines, CRLF, LF or CR), handing each
 * record to a sink as it is parsed (no text is kept beyond the record being
 * read). Blank records are skipped: a blank line holds no data, so nothing
 * is lost. The first non-blank record is the header.
 *
 * A record that holds no double quote (most records of most files) is one
 * line, whose cells are its text split at `,`: it is read here, as fast-csv
 * reads it (see `plainCells`), at a fraction of fast-csv's cost per
 * character. Records that hold a `"` are parsed by fast-csv itself, in
 * order, so quoting and its errors are fast-csv's own.
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
  /** fast-csv, made when the first record holding a quote comes (many files have none). */
  private csv: CsvParserStream<string[], string[]> | undefined;
  private done: Promise<void> = Promise.resolve();
  /** Kept to name the column of an overlong record. */
  private header: CsvRecord | undefined;
  /** The physical line the next record starts on. fast-csv emits an empty array for an empty line, so every line is accounted for. */
  private nextLine = 1;
  /** Records handed to fast-csv so far, counting the blank lines added to shield a BOM (below). */
  private planned = 0;
  private emitted = 0;
  /** Called once fast-csv has emitted every record planned (see `drained`). */
  private onDrained: (() => void) | undefined;
  private readonly shields = new Set<number>();
  /** Some text has been read (by fast-csv or here): a U+FEFF from now on is text, not a BOM. */
  private written = false;
  private failure: InputIssue | undefined;
  /** A write to fast-csv failed: its issue is made by `handToFastCsv`. */
  private writeFailed = false;
  private isOverlong = false;

  /**
   * @param file the name used in issues, e.g. `experts.csv`
   * @param sink receives the records (e.g. `collectRecords()`)
   * @param opts the record limit and the header-to-field mapping
   */
  constructor(private readonly file: string, private readonly sink: CsvRecordSink<T>, private readonly opts: CsvParseOptions = {}) {
    this.splitter = new RecordSplitter(opts.maxRecordChars ?? MAX_RECORD_CHARS);
  }

  private async fastCsv(): Promise<CsvParserStream<string[], string[]>> {
    if (this.csv !== undefined) return this.csv;
    const { parse } = await loadFastCsv();
    // Made by an earlier call while this one waited for the module.
    if (this.csv !== undefined) return this.csv;
    const csv = parse<string[], string[]>({ headers: false, ignoreEmpty: false });
    this.csv = csv;
    csv.on('data', (cells: string[]) => this.take(cells));
    this.done = new Promise((resolve) => {
      csv.on('error', (error: Error) => {
        if (!this.writeFailed) this.fail(this.parseIssue(error));
        resolve();
      });
      csv.on('end', () => resolve());
    });
    return csv;
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
    if (split.text !== '') await this.hand(split.text, this.splitter.quotedSpans, false);
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
      if (last.text !== '') await this.hand(/[\r\n]$/.test(last.text) ? last.text : `${last.text}\n`, this.splitter.quotedSpans.length > 0 ? [0, last.text.length + 1] : [], true);
    }
    if (this.failure === undefined && this.csv !== undefined) {
      this.csv.end();
      await this.done;
    }
    if (this.failure !== undefined) return { ok: false, issue: this.failure };
    return { ok: true, value: this.sink.finish() };
  }

  /** Stops parsing (e.g. when the text turns out not to be in the encoding assumed); `end` must not be called after. */
  abort(): void {
    this.failure ??= { code: 'bad-row', file: this.file, line: 0, field: '', message: 'aborted' };
    this.csv?.destroy();
    this.onDrained?.();
  }

  /**
   * Reads whole records (a piece the splitter handed out, whose records
   * holding a `"` are at `quoted`, see `RecordSplitter.quotedSpans`): the
   * others here, line by line, and each run of quoted ones by fast-csv, in
   * order. `last`: the text's final piece (fast-csv may still hold its
   * record, until `end`).
   */
  private async hand(text: string, quoted: readonly number[], last: boolean): Promise<void> {
    let pos = 0;
    for (let s = 0; s < quoted.length && this.failure === undefined; s += 2) {
      const start = quoted[s]!;
      let end = quoted[s + 1]!;
      let records = 1;
      while (s + 2 < quoted.length && quoted[s + 2] === end) {
        end = quoted[s + 3]!;
        records++;
        s += 2;
      }
      if (start > pos) this.readPlain(text, pos, start);
      const rest = start === 0 ? text : text.slice(start);
      await this.handToFastCsv(end >= text.length ? rest : text.slice(start, end), records, last && end >= text.length, rest);
      pos = end;
    }
    if (pos < text.length && this.failure === undefined) this.readPlain(text, pos, text.length);
  }

  /**
   * Reads the records of `text` from `from` to `to` (whole records, none
   * holding a `"`): each is one line; its cells as fast-csv gives them.
   */
  private readPlain(text: string, from: number, to: number): void {
    let i = from;
    if (!this.written) {
      this.written = true;
      // fast-csv drops a U+FEFF starting the text (a BOM); see `handToFastCsv`.
      if (text.charCodeAt(i) === 0xfeff) i++;
    }
    // The next LF and CR at or after `i` (-1: none before `to`), searched again only once passed.
    let lf = -1;
    let cr = -1;
    let noCr = false;
    const cursor: CommaCursor = { comma: -1 };
    while (i < to) {
      if (lf < i) {
        lf = text.indexOf('\n', i);
        if (lf === -1 || lf >= to) lf = to;
      }
      if (cr < i && !noCr) {
        cr = text.indexOf('\r', i);
        if (cr === -1 || cr >= to) noCr = true;
      }
      let stop = lf;
      let next = lf + 1;
      if (!noCr && cr < lf) {
        stop = cr;
        next = cr + 1 === lf ? lf + 1 : cr + 1;
      }
      const line = this.nextLine++;
      const cells = plainCells(text, i, stop, cursor);
      if (cells !== undefined) this.deliver({ line, cells });
      i = next;
    }
  }

  /**
   * Hands whole records to fast-csv, which strips a U+FEFF at the start of
   * every piece it is given (meant for the file's BOM, which is removed
   * before): a record that starts with one is shielded by a blank line, whose
   * empty record is then dropped, so the text parses as if given whole. A
   * final lone CR gets its LF, so that fast-csv does not hold the record
   * back waiting for one. Returns once fast-csv has emitted the records
   * (but for the text's last piece, which it may hold until `end`).
   *
   * @param rest `text` and what follows it in the piece the splitter handed
   *   out: when fast-csv fails, the issue is that of fast-csv given `rest`
   */
  private async handToFastCsv(text: string, records: number, last: boolean, rest: string): Promise<void> {
    const csv = await this.fastCsv();
    const shielded = this.written && text.charCodeAt(0) === 0xfeff;
    const piece = asPiece(text, shielded);
    if (shielded) this.shields.add(this.planned++);
    this.planned += records;
    this.written = true;
    const error = await new Promise<Error | null | undefined>((resolve) => {
      csv.write(piece, (e) => {
        // fast-csv emits 'error' too, before this resumes: the issue is made here (see the 'error' handler).
        if (e) this.writeFailed = true;
        resolve(e);
      });
    });
    if (error) {
      // Also emitted as 'error', maybe later: record it now, so that it wins over what comes after it.
      // fast-csv's message quotes the text after the fault up to the end of its piece: that of the piece as a whole.
      this.fail(this.parseIssue(rest === text ? error : (await fastCsvError(asPiece(rest, shielded))) ?? error));
      return;
    }
    if (!last) await this.drained();
  }

  /** Resolves once fast-csv has emitted every record handed to it (at once, unless its events lag), or the parse failed. */
  private drained(): Promise<void> {
    if (this.emitted >= this.planned || this.failure !== undefined) return Promise.resolve();
    return new Promise((resolve) => {
      this.onDrained = () => {
        this.onDrained = undefined;
        resolve();
      };
    });
  }

  private take(cells: string[]): void {
    if (!this.shields.delete(this.emitted++)) {
      const line = this.nextLine;
      this.nextLine += 1 + cells.reduce((n, c) => n + countLineBreaks(c), 0);
      if (!isBlankRecord(cells)) this.deliver({ line, cells });
    }
    if (this.onDrained !== undefined && this.emitted >= this.planned) this.onDrained();
  }

  private deliver(record: CsvRecord): void {
    this.header ??= record;
    this.sink.add(record);
  }

  private fail(issue: InputIssue): void {
    if (this.failure !== undefined) return;
    this.failure = issue;
    this.csv?.destroy();
    this.onDrained?.();
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

/** Whole records as fast-csv is given them: shielded by a blank line (see `handToFastCsv`), a final lone CR completed. */
function asPiece(text: string, shielded: boolean): string {
  const piece = shielded ? `\n${text}` : text;
  return piece.endsWith('\r') ? `${piece}\n` : piece;
}

/** The error a fresh fast-csv gives for `piece` (whole records), if any. */
async function fastCsvError(piece: string): Promise<Error | undefined> {
  const { parse } = await loadFastCsv();
  return new Promise((resolve) => {
    const csv = parse<string[], string[]>({ headers: false, ignoreEmpty: false });
    csv.on('error', () => undefined);
    csv.on('data', () => undefined);
    csv.write(piece, (error) => {
      resolve(error ?? undefined);
      csv.destroy();
    });
  });
}

/** fast-csv's message quotes the rest of the file after " in line:"; a person needs only the reason. */
function shortParseMessage(message: string): string {
  const reason = message.replace(/^Parse Error: /, '').split(' in line:')[0] ?? '';
  return reason.length > 120 ? `${reason.slice(0, 117)}...` : reason;
}
