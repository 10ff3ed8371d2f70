import fc from 'fast-check';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/io/encoding.js';
import { collectRecords, parseCsvText } from '../../src/io/read-csv.js';
import { readCsvFile, type ReadCsvFileOptions } from '../../src/io/read-csv-file.js';
import { propertyParameters } from '../../src/testing.js';
import { encodeGbk } from '../hostile/gbk.js';
import { tempDir } from './helpers.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);
/** The text without the characters GBK lacks. */
const gbkable = (s: string): string => s.replace(/[€\uFEFF]/g, 'e');

async function read(bytes: Uint8Array, opts?: ReadCsvFileOptions): ReturnType<typeof readCsvFile<ReturnType<ReturnType<typeof collectRecords>['finish']>>> {
  const dir = await tempDir();
  const path = join(dir, 'x.csv');
  await writeFile(path, bytes);
  return readCsvFile(path, 'x.csv', collectRecords, opts);
}

/** What the whole-buffer route (`decodeBytes`, then `parseCsvText`) makes of the bytes, in `readCsvFile`'s shape. */
async function wholeRoute(bytes: Uint8Array): Promise<unknown> {
  const decoded = decodeBytes(bytes, 'x.csv');
  if (!decoded.ok) return { ok: false, issue: decoded.issue };
  const parsed = await parseCsvText(decoded.text, 'x.csv');
  return parsed.ok ? { ok: true, value: { header: parsed.header, rows: parsed.rows }, encoding: decoded.encoding } : parsed;
}

describe('readCsvFile', () => {
  it('property: streamed in chunks of any size, the same outcome as decoding and parsing the whole file', async () => {
    const unit = fc.constantFrom(',', '"', '\n', '\r\n', '\r', ' ', 'a', '1', '张', '县', '\uFEFF', '€');
    const text = fc.string({ unit, maxLength: 60 });
    const bytes = fc.oneof(
      text.map(utf8),
      text.map((t) => new Uint8Array([0xef, 0xbb, 0xbf, ...utf8(t)])),
      text.map((t) => encodeGbk(gbkable(t))),
      fc.tuple(text, text).map(([a, b]) => new Uint8Array([...utf8(a), ...encodeGbk(gbkable(b))])),
      fc.uint8Array({ maxLength: 60 }),
    );
    await fc.assert(fc.asyncProperty(bytes, fc.integer({ min: 1, max: 9 }), async (b, chunkBytes) => {
      expect(await read(b, { chunkBytes })).toEqual(await wholeRoute(b));
    }), propertyParameters(150));
  });

  it('reads the committed GBK fixture, also in 1-byte chunks', async () => {
    const path = new URL('../fixtures/io/gbk/pinned.csv', import.meta.url).pathname;
    for (const chunkBytes of [1, 65536]) {
      const r = await readCsvFile(path, 'pinned.csv', collectRecords, { chunkBytes });
      expect(r).toEqual({ ok: true, encoding: 'gb18030', value: { header: { line: 1, cells: ['县编码', '专家编号', '角色'] }, rows: [{ line: 2, cells: ['c1', 'e1', '组长'] }] } });
    }
  });

  it('a GBK byte after 200 KB of ASCII: read again from the start as GB18030', async () => {
    const rows = Array.from({ length: 20_000 }, (_, i) => `e${i},x`);
    const r = await read(new Uint8Array([...utf8(`id,name\n${rows.join('\n')}\n`), ...encodeGbk('e-last,你好\n')]));
    expect(r.ok && r.encoding).toBe('gb18030');
    expect(r.ok && r.value.rows.length).toBe(20_001);
    expect(r.ok && r.value.rows.at(-1)).toEqual({ line: 20_002, cells: ['e-last', '你好'] });
  });

  it('a file that is neither UTF-8 nor GB18030 is an encoding issue even when its text breaks the CSV first', async () => {
    // An unclosed quote at the top, then bytes no encoding accepts: the encoding decides, as with the whole file.
    const r = await read(new Uint8Array([...utf8('a,b\n"open\n'), ...new Uint8Array(70_000).fill(0x61), 0x80, 0xff]));
    expect(r).toEqual({ ok: false, issue: { code: 'encoding', file: 'x.csv', line: 0, field: '', message: 'the file x.csv is neither UTF-8 nor GBK/GB18030; save it as "CSV UTF-8"' } });
  });

  it('UTF-16 is refused; a UTF-8 BOM with invalid UTF-8 after it is not read as GBK', async () => {
    expect(await read(new Uint8Array([0xff, 0xfe, 0x61, 0x00]))).toMatchObject({ ok: false, issue: { code: 'encoding', message: expect.stringContaining('UTF-16') } });
    expect(await read(new Uint8Array([0xef, 0xbb, 0xbf, 0xc4, 0xe3]))).toMatchObject({ ok: false, issue: { code: 'encoding' } });
  });

  it('a record over the limit stops the reading at once, naming the line and the field', async () => {
    const r = await read(utf8(`编号,姓名\n1,"${'x'.repeat(100)}`), { maxRecordChars: 50, fieldName: (h) => (h === '姓名' ? 'name' : h) });
    expect(r).toMatchObject({ ok: false, issue: { code: 'bad-row', file: 'x.csv', line: 2, field: 'name' } });
  });

  it('a 64 MB file of one unclosed quote is refused after reading only about the limit', async () => {
    const dir = await tempDir();
    const path = join(dir, 'x.csv');
    await writeFile(path, 'a,b\n1,"');
    const handle = await open(path, 'r+');
    await handle.truncate(64 * 1024 * 1024); // sparse: the rest reads as NUL characters
    await handle.close();
    const started = Date.now();
    const r = await readCsvFile(path, 'x.csv', collectRecords, { maxRecordChars: 100_000 });
    expect(r).toMatchObject({ ok: false, issue: { code: 'bad-row', line: 2, field: 'b' } });
    // Reading, decoding and parsing the whole 64 MB (what happens without the limit) takes far longer.
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it('folders are refused as unreadable files', async () => {
    const dir = await tempDir();
    expect(await readCsvFile(dir, 'x.csv', collectRecords)).toMatchObject({ ok: false, issue: { code: 'unreadable-file', message: expect.stringContaining('is a folder') } });
  });
});
