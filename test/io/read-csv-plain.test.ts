import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { collectRecords, CsvStreamParser, plainCells, type CsvParseOptions } from '../../src/io/read-csv.js';
import { propertyParameters } from '../../src/testing.js';
import { collectRecords as referenceRecords, CsvStreamParser as ReferenceParser } from './fast-csv-stream-reference.js';
import { referenceParse } from './csv-reference.js';

/** The outcome of a parser fed `pieces`: records with their lines, or the issue. */
async function outcome(
  make: (sink: ReturnType<typeof collectRecords>) => { write(t: string): Promise<void>; end(): Promise<{ ok: true; value: unknown } | { ok: false; issue: unknown }>; overlong: boolean },
  pieces: readonly string[],
): Promise<unknown> {
  const parser = make(collectRecords());
  for (const piece of pieces) {
    if (parser.overlong) break;
    await parser.write(piece);
  }
  return parser.end();
}

const current = (opts?: CsvParseOptions) => (sink: ReturnType<typeof collectRecords>) => new CsvStreamParser('x.csv', sink, opts);
const reference = (opts?: CsvParseOptions) => () => new ReferenceParser('x.csv', referenceRecords(), opts);

/** `text` cut at the given positions. */
function cut(text: string, cuts: readonly number[]): string[] {
  const at = [...new Set(cuts.map((c) => (text.length === 0 ? 0 : c % text.length)))].sort((x, y) => x - y);
  return [0, ...at].map((from, i, all) => text.slice(from, all[i + 1] ?? text.length));
}

// Mostly quote-free lines (read without fast-csv), with now and then a quoted cell, an escaped quote, a stray quote or text after a closing quote.
const plainUnit = fc.constantFrom(',', ',', ',', '\n', '\n', '\r', '\r\n', ' ', '\t', '\uFEFF', '\u3000', '\u00a0', 'a', 'b', '张', '=', '1');
const quoteUnit = fc.constantFrom('"q"', '"x,y"', '"a\nb"', '""', '"', 'x"y', '"p"z', ' "s" ');
const unit = fc.oneof({ arbitrary: plainUnit, weight: 12 }, { arbitrary: quoteUnit, weight: 1 });

describe('CsvStreamParser reading quote-free records itself', () => {
  it('property: the same records, lines and issues (messages included) as when fast-csv read every record, however the text is fed', async () => {
    await fc.assert(fc.asyncProperty(
      fc.string({ unit, maxLength: 120 }), fc.array(fc.nat(200), { maxLength: 8 }), fc.constantFrom(undefined, 8, 30),
      async (text, cuts, limit) => {
        const opts: CsvParseOptions | undefined = limit === undefined ? undefined : { maxRecordChars: limit };
        const pieces = cut(text, cuts);
        expect(await outcome(current(opts), pieces)).toEqual(await outcome(reference(opts), pieces));
      },
    ), propertyParameters(600));
  });

  it('property: quote-free texts give fast-csv\'s records', async () => {
    await fc.assert(fc.asyncProperty(fc.string({ unit: plainUnit, maxLength: 100 }), async (body) => {
      const text = `${body}\n`;
      const r = await outcome(current(), [text]) as { ok: true; value: { header?: { line: number; cells: string[] }; rows: { line: number; cells: string[] }[] } };
      const records = [...(r.value.header ? [r.value.header] : []), ...r.value.rows].map((x) => ({ line: x.line, cells: [...x.cells] }));
      expect({ ok: true, records }).toEqual(await referenceParse(text));
    }), propertyParameters(400));
  });

  it('a quoted record among plain ones keeps its place and its lines; a U+FEFF after the first line is text (before a quote, a blank)', async () => {
    const text = '\uFEFFid,name\n1,"a,b"\n\uFEFF2,"x\ny"\n3,c\r\n\uFEFF"4",d\r5,e';
    const r = await outcome(current(), cut(text, [3, 12, 20, 27]));
    expect(r).toEqual(await outcome(reference(), cut(text, [3, 12, 20, 27])));
    expect(r).toMatchObject({ ok: true, value: { header: { line: 1, cells: ['id', 'name'] }, rows: [
      { line: 2, cells: ['1', 'a,b'] }, { line: 3, cells: ['\uFEFF2', 'x\ny'] }, { line: 5, cells: ['3', 'c'] },
      { line: 6, cells: ['4', 'd'] }, { line: 7, cells: ['5', 'e'] },
    ] } });
  });

  it('text after a closing quote: the issue quotes what follows it in the piece, plain lines included', async () => {
    const text = 'a,b\n1,2\n"x"y,3\n4,5\n6,7\n';
    const r = await outcome(current(), [text]);
    expect(r).toEqual(await outcome(reference(), [text]));
    expect(r).toMatchObject({ ok: false, issue: { code: 'bad-row', line: 3 } });
  });

  it('plainCells: a first cell of blanks is empty, blank lines are none', () => {
    expect(plainCells('a,b')).toEqual(['a', 'b']);
    expect(plainCells(' ,a, b ')).toEqual(['', 'a', ' b ']);
    expect(plainCells('\uFEFF\u3000,a')).toEqual(['', 'a']);
    expect(plainCells(' x,a')).toEqual([' x', 'a']);
    expect(plainCells('a,')).toEqual(['a', '']);
    for (const blank of ['', '  ', ',', ' , ,\t', '\u3000']) expect(plainCells(blank), JSON.stringify(blank)).toBeUndefined();
  });
});
