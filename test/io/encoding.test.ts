import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { decodeBytes } from '../../src/io/encoding.js';

const utf8 = (s: string): Uint8Array => new TextEncoder().encode(s);

describe('decodeBytes', () => {
  it('reads UTF-8 without BOM', () => {
    expect(decodeBytes(utf8('县编码,县名\nc1,甲县\n'), 'a.csv')).toEqual({ ok: true, text: '县编码,县名\nc1,甲县\n', encoding: 'utf-8' });
  });

  it('reads UTF-8 with BOM, removing it', () => {
    const bytes = new Uint8Array([0xef, 0xbb, 0xbf, ...utf8('a,b\n')]);
    expect(decodeBytes(bytes, 'a.csv')).toEqual({ ok: true, text: 'a,b\n', encoding: 'utf-8-bom' });
  });

  it('reads GBK (the committed fixture) as GB18030', async () => {
    const bytes = await readFile(new URL('../fixtures/io/gbk/pinned.csv', import.meta.url));
    expect(decodeBytes(bytes, 'pinned.csv')).toEqual({ ok: true, text: '县编码,专家编号,角色\r\nc1,e1,组长\r\n', encoding: 'gb18030' });
  });

  it('reads hand-built GBK bytes for 你好', () => {
    expect(decodeBytes(new Uint8Array([0xc4, 0xe3, 0xba, 0xc3]), 'a.csv')).toMatchObject({ ok: true, text: '你好', encoding: 'gb18030' });
  });

  it('refuses bytes that are neither, naming the file', () => {
    const r = decodeBytes(new Uint8Array([0x61, 0xff, 0xff, 0x80]), 'experts.csv');
    expect(r).toMatchObject({ ok: false, issue: { code: 'encoding', file: 'experts.csv', line: 0, field: '' } });
    expect(!r.ok && r.issue.message).toContain('experts.csv');
  });

  it('refuses UTF-16 with advice', () => {
    const r = decodeBytes(new Uint8Array([0xff, 0xfe, 0x61, 0x00]), 'needs.csv');
    expect(!r.ok && r.issue.message).toContain('UTF-16');
  });

  it('does not fall back to GBK after a UTF-8 BOM', () => {
    const r = decodeBytes(new Uint8Array([0xef, 0xbb, 0xbf, 0xc4, 0xe3]), 'a.csv');
    expect(r.ok).toBe(false);
  });
});
