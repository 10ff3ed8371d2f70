import { describe, expect, it } from 'vitest';
import { parseBoolean, parseCell, parseList, parseLevel, parseNumber, parseOrgType, parseRole, parseStage } from '../../src/io/cells.js';

const value = (r: { ok: boolean; value?: unknown }): unknown => (r.ok ? r.value : 'ERROR');

describe('cells', () => {
  it('booleans in English, digits and Chinese; empty is undefined', () => {
    for (const t of ['true', 'TRUE', 'yes', 'Y', '1', '是', ' t ']) expect(value(parseBoolean(t))).toBe(true);
    for (const t of ['false', 'No', 'n', '0', '否', 'F']) expect(value(parseBoolean(t))).toBe(false);
    expect(value(parseBoolean('  '))).toBeUndefined();
    expect(parseBoolean('maybe').ok).toBe(false);
  });

  it('numbers: decimal and exponent, full-width digits; garbage refused', () => {
    expect(value(parseNumber(' 2.5 '))).toBe(2.5);
    expect(value(parseNumber('-3'))).toBe(-3);
    expect(value(parseNumber('1e3'))).toBe(1000);
    expect(value(parseNumber('.5'))).toBe(0.5);
    expect(value(parseNumber('１２'))).toBe(12);
    expect(Object.is(value(parseNumber('-0')), 0)).toBe(true);
    expect(value(parseNumber(''))).toBeUndefined();
    for (const t of ['abc', 'NaN', 'Infinity', '1,000', '3人', '0x10', '1.2.3', '-']) expect(parseNumber(t).ok).toBe(false);
  });

  it('lists split on ; ； and 、, trimmed, empty items dropped', () => {
    expect(value(parseList('浙江; 上海；江苏、广东;'))).toEqual(['浙江', '上海', '江苏', '广东']);
    expect(value(parseList(' ; '))).toBeUndefined();
  });

  it('levels must be in the vocabulary, English or Chinese', () => {
    expect(value(parseLevel('National'))).toBe('national');
    expect(value(parseLevel('省级'))).toBe('provincial');
    expect(value(parseLevel('地市级'))).toBe('municipal');
    const bad = parseLevel('院士');
    expect(bad.ok).toBe(false);
    expect(!bad.ok && bad.message).toContain('national, provincial, municipal, county');
  });

  it('org types and roles from the vocabulary', () => {
    expect(value(parseOrgType('高校科协'))).toBe('university');
    expect(value(parseOrgType('enterprise'))).toBe('enterprise');
    expect(parseOrgType('公司').ok).toBe(false);
    expect(value(parseRole('组长'))).toBe('leader');
    expect(value(parseRole('EAST'))).toBe('east');
    expect(parseRole('boss').ok).toBe(false);
  });

  it('stages: English and Chinese map to the English name; other text is kept with a note', () => {
    expect(parseStage('储运')).toEqual({ ok: true, value: 'storage-transport' });
    expect(parseStage(' Processing ')).toEqual({ ok: true, value: 'processing' });
    expect(parseStage('*')).toEqual({ ok: true, value: '*' });
    const custom = parseStage('冷链');
    expect(custom).toMatchObject({ ok: true, value: '冷链' });
    expect(custom.ok && custom.note).toContain('冷链');
  });

  it('text is kept verbatim, ids trimmed', () => {
    expect(value(parseCell('text', ' 张 三 '))).toBe(' 张 三 ');
    expect(value(parseCell('id', ' c1 '))).toBe('c1');
  });
});
