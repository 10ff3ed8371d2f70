/**
 * Finding where CSV records end in text that arrives in pieces, so that the
 * parser is handed whole records only and a record that never ends (an
 * unclosed quote near the top of a 500 MB file, a file without line breaks)
 * is refused after a bounded number of characters instead of being
 * buffered whole.
 *
 * The quoting rules are fast-csv's (the parser behind it), so that both
 * agree on every record boundary of a text fast-csv accepts:
 * - a field whose first non-blank character (JavaScript `\s`, other than a
 *   line break) is `"` is quoted; inside it `""` is a quote and anything
 *   else, line breaks included, is text, up to the closing `"`;
 * - outside quotes, `,` ends a field, and CRLF, LF or a lone CR ends a
 *   record; a `"` inside an unquoted field is text.
 */

/** The most characters one record (all its cells, quotes and separators) may hold: 4 Mi (4,194,304). */
export const MAX_RECORD_CHARS = 4 * 1024 * 1024;

/** Where a record went over the limit: the line it starts on (1-based) and the 0-based column reached. */
export interface OverlongRecord {
  readonly line: number;
  readonly column: number;
}

/**
 * What one piece of text completed: the text of the records it completed
 * (with what was held back before them), and how many records that is; and
 * when a record went over the limit, that record (the text is then the
 * records completed before it).
 */
export type SplitResult =
  | { ok: true; text: string; records: number }
  | { ok: false; text: string; records: number; overlong: OverlongRecord };

/** At the start of a field: only blanks seen so far. */
const FIELD_START = 0;
const UNQUOTED = 1;
const QUOTED = 2;
/** A `"` inside a quoted field: an escaped quote if another `"` follows, else the closing quote. */
const QUOTE_IN_QUOTED = 3;
/** After a closing quote: only blanks may come before `,` or a line break. */
const AFTER_CLOSE = 4;
/** A CR ended the record; an LF right after it belongs to the same line break. */
const AFTER_CR = 5;
type State = typeof FIELD_START | typeof UNQUOTED | typeof QUOTED | typeof QUOTE_IN_QUOTED | typeof AFTER_CLOSE | typeof AFTER_CR;

const QUOTE = 0x22;
const COMMA = 0x2c;
const LF = 0x0a;
const CR = 0x0d;

/** JavaScript's `\s` without CR and LF: what fast-csv skips before looking for an opening quote. */
function isBlank(c: number): boolean {
  if (c <= 0x20) return c === 0x20 || (c >= 0x09 && c <= 0x0c && c !== LF);
  if (c < 0xa0) return false;
  return c === 0xa0 || c === 0x1680 || (c >= 0x2000 && c <= 0x200a) || c === 0x2028 || c === 0x2029
    || c === 0x202f || c === 0x205f || c === 0x3000 || c === 0xfeff;
}

/**
 * Splits streamed CSV text at record boundaries. `feed` each decoded piece
 * in order; it returns the records completed so far and holds back the
 * record still open (at most `maxRecordChars` characters). `finish` returns
 * what is held at the end of the text.
 *
 * Lines are counted as the parser counts them (CRLF, LF or a lone CR is one
 * line break, also inside quotes), so `OverlongRecord.line` is the line a
 * text editor shows.
 *
 * @example
 * ```ts
 * const splitter = new RecordSplitter();
 * const r = splitter.feed('a,b\n1,"x');  // { ok: true, text: 'a,b\n', records: 1 }
 * ```
 */
export class RecordSplitter {
  private held = '';
  private state: State = FIELD_START;
  private column = 0;
  /** The physical line of the next character. */
  private line = 1;
  private recordLine = 1;
  /** The last character seen inside quotes was a CR (the LF of a CRLF is not a second line break). */
  private crInQuotes = false;
  private malformed: number | undefined;
  /** The open record holds a `"` (anywhere: opening, escaped, or as text in an unquoted field). */
  private quoteSeen = false;
  /** See `quotedSpans`. */
  private spans: number[] = [];

  /**
   * @param maxRecordChars the most characters one record may hold (default `MAX_RECORD_CHARS`)
   * @param skim read a piece without a `"` by its line breaks alone (default; `false` only to test it against the
   *   character-by-character reading, which gives the same results)
   */
  constructor(private readonly maxRecordChars = MAX_RECORD_CHARS, private readonly skim = true) {}

  /**
   * The line of the first record in which something other than blanks
   * follows a closing quote (`"a"b`), which the parser refuses; `undefined`
   * while there is none.
   */
  get firstMalformedLine(): number | undefined {
    return this.malformed;
  }

  /**
   * The records holding a double quote in the text the last `feed` or
   * `finish` handed out, as `[start, end)` offset pairs into that text, in
   * order (each record with its line break). Every other record of it holds
   * no `"`, so it is one physical line whose cells are its text split at `,`
   * (the parser reads such records itself, see `CsvStreamParser`).
   */
  get quotedSpans(): readonly number[] {
    return this.spans;
  }

  /** Takes the next piece of text; see `SplitResult`. After an overlong record, do not feed more (nor `finish`). */
  feed(text: string): SplitResult {
    if (this.skim) {
      const skimmed = this.skimmed(text);
      if (skimmed !== undefined) return skimmed;
    }
    let recordStart = -this.held.length; // index in `text` where the open record starts (negative: in `held`)
    let boundary = -1; // index in `text` after the last completed record
    let records = 0;
    const limit = this.maxRecordChars;
    // Offsets of the handed-out text are indices in `text` shifted by what was held before it.
    const shift = this.held.length;
    const spans: number[] = (this.spans = []);
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (this.state === AFTER_CR) {
        // The record ended at its CR; it is complete now that the next character is known.
        records++;
        const end = c === LF ? i + 1 : i;
        if (this.quoteSeen) spans.push(recordStart + shift, end + shift);
        boundary = recordStart = end;
        this.startRecord();
        if (c === LF) continue;
      }
      if (c === QUOTE) this.quoteSeen = true;
      let state: State = this.state;
      // The line break that ends a record is not part of it; every other character is.
      if (i - recordStart >= limit && !((c === LF || c === CR) && state !== QUOTED)) {
        return { ok: false, ...this.cut(text, boundary, records), overlong: { line: this.recordLine, column: this.column } };
      }
      if (state === QUOTED) {
        if (c === QUOTE) this.state = QUOTE_IN_QUOTED;
        else if (c === CR || (c === LF && !this.crInQuotes)) this.line++;
        this.crInQuotes = c === CR;
        continue;
      }
      if (state === QUOTE_IN_QUOTED) {
        if (c === QUOTE) {
          this.state = QUOTED;
          this.crInQuotes = false;
          continue;
        }
        state = this.state = AFTER_CLOSE;
      }
      if (c === COMMA) {
        this.column++;
        this.state = FIELD_START;
      } else if (c === LF) {
        records++;
        if (this.quoteSeen) spans.push(recordStart + shift, i + 1 + shift);
        boundary = recordStart = i + 1;
        this.line++;
        this.startRecord();
      } else if (c === CR) {
        this.line++;
        this.state = AFTER_CR;
      } else if (state === FIELD_START) {
        if (c === QUOTE) this.state = QUOTED;
        else if (!isBlank(c)) this.state = UNQUOTED;
      } else if (state === AFTER_CLOSE && !isBlank(c)) {
        this.malformed ??= this.recordLine;
        this.state = UNQUOTED;
      }
    }
    return { ok: true, ...this.cut(text, boundary, records) };
  }

  /**
   * `feed` for the common piece: outside quotes, with no `"` in it, not
   * ending on a CR, and no record over the limit. Its records end at its
   * line breaks, found with `indexOf` rather than character by character;
   * the state it leaves is the one the character loop would. `undefined`
   * (nothing changed) for any other piece, which the loop reads.
   */
  private skimmed(text: string): SplitResult | undefined {
    const n = text.length;
    if ((this.state !== FIELD_START && this.state !== UNQUOTED) || this.quoteSeen || n === 0) return undefined;
    if (text.charCodeAt(n - 1) === CR || text.indexOf('"') !== -1) return undefined;
    const limit = this.maxRecordChars;
    let recordStart = -this.held.length;
    let boundary = -1;
    let records = 0;
    let line = this.line;
    let lf = -1;
    let cr = -1;
    for (let i = 0; ; ) {
      if (lf < i) {
        lf = text.indexOf('\n', i);
        if (lf === -1) lf = n;
      }
      if (cr < i) {
        cr = text.indexOf('\r', i);
        if (cr === -1) cr = n;
      }
      const end = lf < cr ? lf : cr;
      if (end === n) break;
      // The record's characters, its line break not counted: more than the limit is left to the loop, which names the column.
      if (end - recordStart > limit) return undefined;
      records++;
      line++;
      i = end === cr && lf === cr + 1 ? lf + 1 : end + 1;
      boundary = recordStart = i;
    }
    if (n - recordStart > limit) return undefined;
    // The open record: its column, and whether its last field holds only blanks so far (a `"` may still open it).
    const tailStart = recordStart < 0 ? 0 : recordStart;
    let commas = 0;
    let fieldStart = tailStart;
    for (let c = text.indexOf(',', tailStart); c !== -1; c = text.indexOf(',', c + 1)) {
      commas++;
      fieldStart = c + 1;
    }
    const continued = records === 0 && commas === 0;
    let state: State = continued ? this.state : FIELD_START;
    if (state === FIELD_START) {
      for (let k = fieldStart; k < n; k++) {
        if (!isBlank(text.charCodeAt(k))) {
          state = UNQUOTED;
          break;
        }
      }
    }
    this.spans = [];
    if (records > 0) {
      this.line = line;
      this.recordLine = line;
      this.column = commas;
    } else {
      this.column += commas;
    }
    this.state = state;
    return { ok: true, ...this.cut(text, boundary, records) };
  }

  /** Hands out what is held and `text` up to `boundary` (none when negative), and holds the rest. */
  private cut(text: string, boundary: number, records: number): { text: string; records: number } {
    if (boundary < 0) {
      this.held += text;
      return { text: '', records: 0 };
    }
    const done = this.held + text.slice(0, boundary);
    this.held = text.slice(boundary);
    return { text: done, records };
  }

  /**
   * Ends the text: returns what is held (the last record: unfinished, or
   * without a final line break, or ended by a final CR) and whether that is
   * a record (it is unless empty).
   */
  finish(): { text: string; records: number } {
    const text = this.held;
    this.held = '';
    this.state = FIELD_START;
    this.spans = this.quoteSeen && text !== '' ? [0, text.length] : [];
    this.quoteSeen = false;
    return { text, records: text === '' ? 0 : 1 };
  }

  private startRecord(): void {
    this.state = FIELD_START;
    this.column = 0;
    this.recordLine = this.line;
    this.quoteSeen = false;
  }
}
