import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectRecords, CsvStreamParser, parseCsvText, type CsvParseOptions, type CsvParseResult } from '../../src/io/read-csv.js';
import { propertyParameters } from '../../src/testing.js';
import { asReference, referenceParse } from './csv-reference.js';

async function records(text: string): Promise<[number, string[]][]> {
  const r = await parseCsvText(text, 'x.csv');
  if (!r.ok) throw new Error(r.issue.message);
  return [...(r.header ? [r.header] : []), ...r.rows].map((rec) => [rec.line, [...rec.cells]]);
}

describe('parseCsvText', () => {
  it('quoted commas, doubled quotes, embedded newlines; lines are physical start lines', async () => {
    expect(await records('a,b\n"x,y","say ""hi"""\n"multi\nline\r\ntext",z\nlast,1\n')).toEqual([
      [1, ['a', 'b']],
      [2, ['x,y', 'say "hi"']],
      [3, ['multi\nline\r\ntext', 'z']],
      [6, ['last', '1']],
    ]);
  });

  it('CRLF, blank lines and comma-only lines are skipped but counted', async () => {
    expect(await records('a,b\r\n\r\n1,2\r\n,\r\n3,4')).toEqual([[1, ['a', 'b']], [3, ['1', '2']], [5, ['3', '4']]]);
  });

  it('an empty text has no header', async () => {
    expect(await parseCsvText('', 'x.csv')).toEqual({ ok: true, header: undefined, rows: [] });
  });

  it('an unclosed quote is a bad-row issue', async () => {
    const r = await parseCsvText('a,b\n1,2\n3,"open\n', 'x.csv');
    expect(r).toMatchObject({ ok: false, issue: { code: 'bad-row', file: 'x.csv', line: 3 } });
  });
});

describe('CsvStreamParser', () => {
  /** Parses `text` fed in the given pieces. */
  async function fed(pieces: readonly string[], opts?: CsvParseOptions): Promise<CsvParseResult> {
    const parser = new CsvStreamParser('x.csv', collectRecords(), opts);
    for (const piece of pieces) await parser.write(piece);
    const r = await parser.end();
    return r.ok ? { ok: true, ...r.value } : r;
  }

  /** `text` cut at the given positions. */
  function cut(text: string, cuts: readonly number[]): string[] {
    const at = [...new Set(cuts.map((c) => (text.length === 0 ? 0 : c % text.length)))].sort((x, y) => x - y);
    return [0, ...at].map((from, i, all) => text.slice(from, all[i + 1] ?? text.length));
  }

  const unit = fc.constantFrom(',', '"', '""', '\n', '\r', '\r\n', ' ', '\t', '\uFEFF', '\u3000', 'a', '张', '=', 'x"y');

  it('property: whole or in pieces, the same records as fast-csv parsing the whole text (texts ending with a line break)', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit, maxLength: 80 }), fc.array(fc.nat(100), { maxLength: 8 }), async (body, cuts) => {
      const text = `${body}\n`;
      const expected = await referenceParse(text);
      expect(asReference(await parseCsvText(text, 'x.csv'))).toEqual(expected);
      expect(asReference(await fed(cut(text, cuts)))).toEqual(expected);
    }), propertyParameters(300));
  });

  it('property: any text gives the same outcome whole and in pieces (a BOM starting a piece is kept)', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit, maxLength: 80 }), fc.array(fc.nat(100), { maxLength: 8 }), async (text, cuts) => {
      const whole = await parseCsvText(text, 'x.csv');
      const pieces = await fed(cut(text, cuts));
      expect(pieces.ok).toBe(whole.ok);
      if (whole.ok && pieces.ok) expect(asReference(pieces)).toEqual(asReference(whole));
      // fast-csv's message ends with a preview of the next few characters of the piece it was given ("at '…'").
      const reason = (m: string): string => m.replace(/\. at '.*$/s, '');
      if (!whole.ok && !pieces.ok) expect({ ...pieces.issue, message: reason(pieces.issue.message) }).toEqual({ ...whole.issue, message: reason(whole.issue.message) });
    }), propertyParameters(300));
  });

  it('a U+FEFF starting a later line is text (only the first is a BOM), even on the last line', async () => {
    expect(await records('a,b\n\uFEFFc,d\n\uFEFFe,f')).toEqual([[1, ['a', 'b']], [2, ['\uFEFFc', 'd']], [3, ['\uFEFFe', 'f']]]);
    const r = await fed(['a,b\n', '\uFEFFc,d\n', '\uFEFFe,f']);
    expect(asReference(r)).toEqual({ ok: true, records: [{ line: 1, cells: ['a', 'b'] }, { line: 2, cells: ['\uFEFFc', 'd'] }, { line: 3, cells: ['\uFEFFe', 'f'] }] });
  });

  it('lone-CR line ends (and a U+FEFF after one), fed one character at a time', async () => {
    const text = 'a,b\r\uFEFF1,"x\ry"\r\r2,3\r';
    expect(await records(text)).toEqual([[1, ['a', 'b']], [2, ['\uFEFF1', 'x\ry']], [5, ['2', '3']]]);
    expect(asReference(await fed([...text]))).toEqual(asReference(await parseCsvText(text, 'x.csv')));
  });

  it('text after a closing quote is a bad-row issue at the line of its record', async () => {
    const r = await parseCsvText('a,b\n1,2\n"x"y,3\n4,5\n', 'x.csv');
    expect(r).toMatchObject({ ok: false, issue: { code: 'bad-row', line: 3 } });
    expect(!r.ok && r.issue.message).toMatch(/^the CSV text cannot be read at or after line 3 \(expected: ',' OR new line got: 'y'/);
  });

  it('a record over the limit is a bad-row issue naming its line and the column reached, mapped to a field', async () => {
    const opts: CsvParseOptions = { maxRecordChars: 20, fieldName: (h) => `field:${h.trim()}` };
    const r = await fed(['id, name ,org\n', '1,a,b\n2,"', 'x'.repeat(30), 'y'.repeat(1000)], opts);
    expect(r).toEqual({
      ok: false,
      issue: {
        code: 'bad-row', file: 'x.csv', line: 3, field: 'field:name',
        message: 'the row starting at line 3 is longer than 20 characters, so reading stopped in its column 2 (field:name); check for a double quote that is never closed, or a file without line breaks',
      },
    });
    // The header itself: no field to name.
    expect(await parseCsvText('x'.repeat(30), 'x.csv', { maxRecordChars: 20 })).toMatchObject({ ok: false, issue: { line: 1, field: '' } });
  });
});
