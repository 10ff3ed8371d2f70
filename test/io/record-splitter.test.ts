import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { RecordSplitter, type SplitResult } from '../../src/io/record-splitter.js';
import { propertyParameters } from '../../src/testing.js';

/** Feeds `pieces` in order; returns the texts handed out (the last one from `finish`) and the record counts. */
function run(pieces: readonly string[], limit?: number): { texts: string[]; records: number[]; overlong?: SplitResult } {
  const splitter = new RecordSplitter(limit);
  const texts: string[] = [];
  const records: number[] = [];
  for (const piece of pieces) {
    const r = splitter.feed(piece);
    if (!r.ok) return { texts, records, overlong: r };
    texts.push(r.text);
    records.push(r.records);
  }
  const last = splitter.finish();
  texts.push(last.text);
  records.push(last.records);
  return { texts, records };
}

describe('RecordSplitter', () => {
  it('hands out whole records and holds the open one', () => {
    expect(run(['a,b\n1,"x', '\ny"\n2,3'])).toEqual({ texts: ['a,b\n', '1,"x\ny"\n', '2,3'], records: [1, 1, 1] });
  });

  it('waits after a CR for a possible LF, also across pieces', () => {
    expect(run(['a\r', '\nb\r', 'c\r'])).toEqual({ texts: ['', 'a\r\n', 'b\r', 'c\r'], records: [0, 1, 1, 1] });
  });

  it('an escaped quote split across pieces stays inside the quotes', () => {
    expect(run(['"a"', '"\n,b"\nc\n'])).toEqual({ texts: ['', '"a""\n,b"\nc\n', ''], records: [0, 2, 0] });
  });

  it('a quote opens a field only at its start (after blanks, U+3000 and U+FEFF included)', () => {
    expect(run(['x"y,z\n', ' \u3000\uFEFF"p\nq",r\n'])).toEqual({ texts: ['x"y,z\n', ' \u3000\uFEFF"p\nq",r\n', ''], records: [1, 1, 0] });
  });

  it('refuses a record over the limit with the line it starts on and the column reached', () => {
    // Line 1 is 3 characters; line 2 spans lines 2–3 inside quotes and reaches column 3 (0-based 2).
    const r = run(['abc\nd,e,"f\ng', 'hijklmnop'], 10);
    expect(r.texts).toEqual(['abc\n']);
    expect(r.overlong).toEqual({ ok: false, text: '', records: 0, overlong: { line: 2, column: 2 } });
    // The records completed before it in the same piece are handed out with it.
    expect(run(['x\n', 'y'.repeat(25)], 10).overlong).toEqual({ ok: false, text: '', records: 0, overlong: { line: 2, column: 0 } });
    expect(run(['x\n\ny'.padEnd(25, 'y')], 10).overlong).toEqual({ ok: false, text: 'x\n\n', records: 2, overlong: { line: 3, column: 0 } });
  });

  it('a record of exactly the limit passes, whatever its line break; one character more does not', () => {
    for (const end of ['\n', '\r\n', '\r']) {
      expect(run([`${'a'.repeat(10)}${end}b${end}`], 10).overlong, JSON.stringify(end)).toBeUndefined();
      expect(run([`${'a'.repeat(11)}${end}`], 10).overlong, JSON.stringify(end)).toBeDefined();
    }
    // Line breaks inside quotes count as characters.
    expect(run([`"${'\n'.repeat(20)}`], 10).overlong).toMatchObject({ ok: false, overlong: { line: 1, column: 0 } });
  });

  it('counts lines as an editor does (CRLF, LF, CR; also inside quotes, also a CRLF split across pieces)', () => {
    const r = run(['a\r\n"x\r', '\ny\rz"\n\n', 'b,'.repeat(8)], 10);
    expect(r.overlong).toMatchObject({ ok: false, overlong: { line: 6, column: 5 } });
  });

  it('remembers the first record with text after a closing quote', () => {
    const splitter = new RecordSplitter();
    splitter.feed('a\n"b" ,c\n\n"d" e\n"f"g\n');
    expect(splitter.firstMalformedLine).toBe(4);
  });

  it('property: the pieces handed out are the text, cut only at record ends, however it is fed', async () => {
    const unit = fc.constantFrom(',', '"', '""', '\n', '\r', '\r\n', ' ', '\uFEFF', 'a', '张');
    await fc.assert(fc.property(fc.string({ unit, maxLength: 60 }), fc.array(fc.nat(60), { maxLength: 6 }), (text, cuts) => {
      const at = [...new Set(cuts.map((c) => (text.length === 0 ? 0 : c % text.length)))].sort((x, y) => x - y);
      const pieces = [0, ...at].map((from, i, all) => text.slice(from, all[i + 1] ?? text.length));
      const whole = run([text]);
      const fed = run(pieces);
      expect(fed.texts.join('')).toBe(text);
      // The same records, wherever the pieces were cut: the cuts fall at record ends only.
      expect(fed.records.reduce((a, b) => a + b, 0)).toBe(whole.records.reduce((a, b) => a + b, 0));
      const ends = (texts: string[]): number[] => texts.slice(0, -1).map((_, i) => texts.slice(0, i + 1).join('').length);
      const wholeEnds = new Set(wholeRecordEnds(text));
      for (const end of ends(fed.texts)) if (end > 0 && end < text.length) expect(wholeEnds.has(end), `cut at ${end}`).toBe(true);
    }), propertyParameters(300));
  });
});

/** Record ends of a whole text, one character at a time (the finest feeding). */
function wholeRecordEnds(text: string): number[] {
  const splitter = new RecordSplitter();
  const ends: number[] = [];
  let handed = 0;
  for (const ch of text) {
    const r = splitter.feed(ch);
    if (r.ok && r.text !== '') ends.push((handed += r.text.length));
  }
  return ends;
}

describe('RecordSplitter skimming pieces without a quote', () => {
  /** Every result of feeding `pieces` (texts, counts, quoted spans, overlong records) and the state that shows after. */
  function trace(pieces: readonly string[], limit: number | undefined, skim: boolean): unknown[] {
    const splitter = new RecordSplitter(limit, skim);
    const out: unknown[] = [];
    for (const piece of pieces) {
      const r = splitter.feed(piece);
      out.push(r, [...splitter.quotedSpans], splitter.firstMalformedLine);
      if (!r.ok) return out;
    }
    out.push(splitter.finish(), [...splitter.quotedSpans]);
    return out;
  }

  it('property: the same results as reading character by character, however the text is fed', () => {
    const unit = fc.oneof(
      { arbitrary: fc.constantFrom(',', ',', '\n', '\n', '\r', '\r\n', ' ', '\t', '\u3000', '\uFEFF', 'a', 'bc', '张'), weight: 10 },
      { arbitrary: fc.constantFrom('"', '""', '"x,\ny"', 'a"b', '"p" q'), weight: 1 },
    );
    fc.assert(fc.property(fc.string({ unit, maxLength: 80 }), fc.array(fc.nat(80), { maxLength: 8 }), fc.constantFrom(undefined, 3, 6, 12), (text, cuts, limit) => {
      const at = [...new Set(cuts.map((c) => (text.length === 0 ? 0 : c % text.length)))].sort((x, y) => x - y);
      const pieces = [0, ...at].map((from, i, all) => text.slice(from, all[i + 1] ?? text.length));
      expect(trace(pieces, limit, true)).toEqual(trace(pieces, limit, false));
    }), propertyParameters(1500));
  });
});
