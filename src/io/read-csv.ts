/**
 * CSV text to records, each with the physical line it starts on, so that a
 * message can send a person to the right row of the spreadsheet.
 */
import { parseString } from 'fast-csv';
import type { InputIssue } from '../model/issues.js';

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
 * Parses decoded CSV text with fast-csv (quoted fields, `""` escapes,
 * embedded newlines, CRLF or LF). Blank records are skipped: a blank line
 * holds no data, so nothing is lost. The first non-blank record is the
 * header. A malformed text (e.g. an unclosed quote) gives a `bad-row` issue
 * at the line where the last good record ended.
 *
 * @param text decoded text (see `decodeBytes`), without BOM
 * @param file the name used in issues
 */
export function parseCsvText(text: string, file: string): Promise<CsvParseResult> {
  return new Promise((resolve) => {
    let header: CsvRecord | undefined;
    const rows: CsvRecord[] = [];
    // The physical line the next record starts on. fast-csv emits an empty
    // array for an empty line, so every line is accounted for.
    let nextLine = 1;
    let settled = false;
    parseString<string[], string[]>(text, { headers: false, ignoreEmpty: false })
      .on('data', (cells: string[]) => {
        const line = nextLine;
        nextLine += 1 + cells.reduce((n, c) => n + countLineBreaks(c), 0);
        if (isBlankRecord(cells)) return;
        const record: CsvRecord = { line, cells };
        if (header === undefined) header = record;
        else rows.push(record);
      })
      .on('error', (error: Error) => {
        if (settled) return;
        settled = true;
        resolve({
          ok: false,
          issue: {
            code: 'bad-row', file, line: nextLine, field: '',
            message: `the CSV text cannot be read at or after line ${nextLine} (${shortParseMessage(error.message)}); check for an unclosed or stray double quote`,
          },
        });
      })
      .on('end', () => {
        if (settled) return;
        settled = true;
        resolve({ ok: true, header, rows });
      });
  });
}

/** fast-csv's message quotes the rest of the file after " in line:"; a person needs only the reason. */
function shortParseMessage(message: string): string {
  const reason = message.replace(/^Parse Error: /, '').split(' in line:')[0] ?? '';
  return reason.length > 120 ? `${reason.slice(0, 117)}...` : reason;
}
