import { describe, expect, it } from 'vitest';
import { parseCsvText } from '../../src/io/read-csv.js';

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
