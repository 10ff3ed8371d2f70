/**
 * The CSV parse as it was before streaming (fast-csv's `parseString` on the
 * whole text), kept as the reference the streaming parser must agree with.
 * Only records and the ok/failed outcome are compared: the old line of a
 * "text after a closing quote" failure was where the last good record
 * ended, often line 1, which the streaming parser improves on.
 */
import { parseString } from 'fast-csv';
import { isBlankRecord, type CsvRecord } from '../../src/io/read-csv.js';

/** The reference outcome: the non-blank records with their lines, or `failed`. */
export type ReferenceParse = { ok: true; records: { line: number; cells: string[] }[] } | { ok: false };

function countLineBreaks(cell: string): number {
  return (cell.match(/\r\n|\r|\n/g) ?? []).length;
}

/** Parses `text` whole, as `parseCsvText` did before streaming. */
export function referenceParse(text: string): Promise<ReferenceParse> {
  return new Promise((resolve) => {
    const records: { line: number; cells: string[] }[] = [];
    let nextLine = 1;
    parseString<string[], string[]>(text, { headers: false, ignoreEmpty: false })
      .on('data', (cells: string[]) => {
        const line = nextLine;
        nextLine += 1 + cells.reduce((n, c) => n + countLineBreaks(c), 0);
        if (!isBlankRecord(cells)) records.push({ line, cells });
      })
      .on('error', () => resolve({ ok: false }))
      .on('end', () => resolve({ ok: true, records }));
  });
}

/** A parse result in the reference's shape. */
export function asReference(r: { ok: true; header: CsvRecord | undefined; rows: CsvRecord[] } | { ok: false }): ReferenceParse {
  if (!r.ok) return { ok: false };
  return { ok: true, records: [...(r.header === undefined ? [] : [r.header]), ...r.rows].map((x) => ({ line: x.line, cells: [...x.cells] })) };
}
