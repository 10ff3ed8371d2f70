/**
 * A small CSV reader for the objective benchmark: RFC 4180 quoting, an
 * optional BOM, rows keyed by the header. Deliberately not the library's
 * reader (src/io/), so that the figures judge a result folder with code that
 * shares nothing with the solver that wrote it.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/** A CSV file the benchmark needs is missing or lacks a column. */
export class MetricsInputError extends Error {
  override readonly name = 'MetricsInputError';
}

/** One record: the header's column names to the cell text (a missing cell is ''). */
export type CsvRow = Readonly<Record<string, string>>;

/** Splits CSV text into records of cells (quotes, doubled quotes, CRLF, newlines inside quotes). */
export function parseCsv(text: string): string[][] {
  const src = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const records: string[][] = [];
  let record: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < src.length; i++) {
    const ch = src[i];
    if (quoted) {
      if (ch === '"') {
        if (src[i + 1] === '"') { cell += '"'; i++; } else quoted = false;
      } else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { record.push(cell); cell = ''; }
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && src[i + 1] === '\n') i++;
      record.push(cell); cell = '';
      records.push(record); record = [];
    } else cell += ch;
  }
  if (cell !== '' || record.length > 0) { record.push(cell); records.push(record); }
  // A blank line is not a record.
  return records.filter((r) => !(r.length === 1 && r[0] === ''));
}

/**
 * Reads `dir/file` into header-keyed rows, requiring the `need`ed columns.
 * @param optional when true, a missing file reads as no rows
 * @throws MetricsInputError when the file (not optional) or a needed column is missing
 */
export function readRows(dir: string, file: string, need: readonly string[], optional = false): CsvRow[] {
  const path = join(dir, file);
  if (!existsSync(path)) {
    if (optional) return [];
    throw new MetricsInputError(`${path} is missing`);
  }
  const [header, ...body] = parseCsv(readFileSync(path, 'utf8'));
  if (header === undefined) return [];
  const names = header.map((h) => h.trim());
  for (const n of need) if (!names.includes(n)) throw new MetricsInputError(`${path} has no column ${n} (columns: ${names.join(', ')})`);
  return body.map((cells) => Object.fromEntries(names.map((n, i) => [n, (cells[i] ?? '').trim()])));
}

/** A `;`-separated list cell, empty items dropped. */
export function listCell(cell: string | undefined): string[] {
  return (cell ?? '').split(';').map((s) => s.trim()).filter(Boolean);
}
