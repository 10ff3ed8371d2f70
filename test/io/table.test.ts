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

  it('a header lacking a required column: no rows, but the blank-header warning still comes', () => {
    const table = tableFromCsv('pinned.csv', COLUMNS['pinned.csv'], rec(1, 'county_id', ''), [rec(2, 'c1', 'e1')]);
    expect(table.rows).toEqual([]);
    expect(table.issues.map((i) => `${i.field} ${i.code}`)).toEqual(['expert_id missing-column']);
    expect(table.warnings.map((w) => w.message)).toEqual(['a column of pinned.csv without a header holds data; it is ignored']);
  });
});
