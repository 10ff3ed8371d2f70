import { describe, expect, it } from 'vitest';
import { COLUMNS } from '../../src/io/headers.js';
import { TableBuilder, tableFromCsv } from '../../src/io/table.js';

const rec = (line: number, ...cells: string[]): { line: number; cells: string[] } => ({ line, cells });

describe('TableBuilder', () => {
  it('warns about data under a blank header after the header\'s own warnings, before the rows\' notes', () => {
    const header = rec(1, 'county_id', 'remarks', '', 'industry', 'stage');
    const records = [rec(2, 'c1', 'x', '', '茶叶', 'cold-chain'), rec(3, 'c2', '', 'data', '茶叶', 'production')];
    const table = tableFromCsv('needs.csv', COLUMNS['needs.csv'], header, records);
    expect(table.issues).toEqual([]);
    expect(table.warnings.map((w) => `${w.line} ${w.field} ${w.message.slice(0, 30)}`)).toEqual([
      '1 remarks the column "remarks" is not a ',
      '1  a column of needs.csv without ',
      '2 stage stage "cold-chain" is not one ',
    ]);
    expect(table.rows.map((r) => r.line)).toEqual([2, 3]);
  });

  it('keeps no records: rows are built as records arrive, and shared empty sets mark rows without bad cells', () => {
    const builder = new TableBuilder('pinned.csv', COLUMNS['pinned.csv']);
    builder.add(rec(1, 'county_id', 'expert_id', 'role'));
    builder.add(rec(2, 'c1', 'e1', 'leader'));
    builder.add(rec(3, 'c1', 'e2', 'chief'));
    builder.add(rec(4, 'c1', 'e3', 'member'));
    const { rows, issues } = builder.finish();
    expect(issues.map((i) => `${i.line} ${i.field} ${i.code}`)).toEqual(['3 role bad-value']);
    expect([...rows[1]!.badFields]).toEqual(['role']);
    expect(rows[0]!.badFields).toBe(rows[2]!.badFields);
    expect(rows[0]!.badFields.size).toBe(0);
  });

  it('reads a repeated cell once per column: the same values and texts as reading each, one string kept, lists never shared', () => {
    const header = rec(1, 'county_id', 'name', 'province', 'east_partner', 'group_min', 'key_county');
    // Enough distinct names and ids that those columns stop remembering; provinces, partners and flags repeat.
    const records = Array.from({ length: 3000 }, (_, i) => rec(i + 2, `c${i}`, `县${i}`, i % 3 === 0 ? ' 四川 ' : '四川', i % 4 < 2 ? '浙江;上海' : '', i % 5 === 0 ? 'x' : '8', i % 7 === 0 ? '是' : 'false'));
    const table = tableFromCsv('counties.csv', COLUMNS['counties.csv'], header, records);
    expect(table.rows).toHaveLength(3000);
    table.rows.forEach((row, i) => {
      const expected: Record<string, unknown> = { id: `c${i}`, name: `县${i}`, province: '四川', keyCounty: i % 7 === 0 };
      if (i % 4 < 2) expected['eastPartner'] = ['浙江', '上海'];
      if (i % 5 !== 0) expected['groupMin'] = 8;
      expect(row.values).toEqual(expected);
      expect(row.texts['province']).toBe(i % 3 === 0 ? ' 四川 ' : '四川');
      expect(row.badFields.has('groupMin')).toBe(i % 5 === 0);
    });
    // Every unreadable cell is reported, with its own line, though its text was read once.
    expect(table.issues.map((i) => i.line)).toEqual(records.filter((_, i) => i % 5 === 0).map((r) => r.line));
    expect(table.issues.every((i) => i.value === 'x' && i.field === 'group_min')).toBe(true);
    // A list's value is each row's own array, also when the row before held the same text.
    expect(table.rows[1]!.values['eastPartner']).not.toBe(table.rows[0]!.values['eastPartner']);
    expect(table.rows[4]!.values['eastPartner']).not.toBe(table.rows[0]!.values['eastPartner']);
  });

  it('a new stage repeated on many rows is one warning, and every row keeps it', () => {
    const records = Array.from({ length: 50 }, (_, i) => rec(i + 2, `c${i}`, '茶叶', i % 2 === 0 ? 'cold-chain' : '加工'));
    const table = tableFromCsv('needs.csv', COLUMNS['needs.csv'], rec(1, 'county_id', 'industry', 'stage'), records);
    expect(table.warnings.map((w) => `${w.line} ${w.field}`)).toEqual(['2 stage']);
    expect(table.rows.map((r) => r.values['stage'])).toEqual(records.map((_, i) => (i % 2 === 0 ? 'cold-chain' : 'processing')));
  });

  it('a header lacking a required column: no rows, but the blank-header warning still comes', () => {
    const table = tableFromCsv('pinned.csv', COLUMNS['pinned.csv'], rec(1, 'county_id', ''), [rec(2, 'c1', 'e1')]);
    expect(table.rows).toEqual([]);
    expect(table.issues.map((i) => `${i.field} ${i.code}`)).toEqual(['expert_id missing-column']);
    expect(table.warnings.map((w) => w.message)).toEqual(['a column of pinned.csv without a header holds data; it is ignored']);
  });
});
