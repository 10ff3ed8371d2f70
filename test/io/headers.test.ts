import { describe, expect, it } from 'vitest';
import { COLUMNS, INPUT_FILES, headerTableMarkdown, matchHeader, normalizeHeader } from '../../src/io/headers.js';
import { CountySchema, ExpertSchema, NeedSchema, PairingSchema, PinSchema, SkillSchema, AffinitySchema } from '../../src/model/schemas.js';

describe('headers', () => {
  it('match English, camelCase and Chinese names; trimmed, any case, BOM and trailing * ignored', () => {
    expect(matchHeader('counties.csv', '\uFEFF County_ID ')?.field).toBe('id');
    expect(matchHeader('counties.csv', '县代码')?.field).toBe('id');
    expect(matchHeader('counties.csv', 'eastPartner')?.field).toBe('eastPartner');
    expect(matchHeader('counties.csv', '东部协作省份')?.field).toBe('eastPartner');
    expect(matchHeader('experts.csv', '级别*')?.field).toBe('level');
    expect(matchHeader('experts.csv', 'home county')?.field).toBe('homeCounty');
    expect(matchHeader('experts.csv', '所属县')?.field).toBe('homeCounty');
    expect(matchHeader('needs.csv', '产业链环节')?.field).toBe('stage');
    expect(matchHeader('affinity.csv', '回避')?.field).toBe('veto');
    expect(matchHeader('pinned.csv', '角色')?.field).toBe('role');
    expect(matchHeader('pinned.csv', 'score')).toBeUndefined();
    expect(normalizeHeader('ＧＲＯＵＰ－ＭＩＮ')).toBe('group_min');
  });

  it('every column fills a field of its schema, and every schema field has a column', () => {
    const shapes = {
      'counties.csv': CountySchema, 'needs.csv': NeedSchema, 'experts.csv': ExpertSchema, 'skills.csv': SkillSchema,
      'pairings.csv': PairingSchema, 'affinity.csv': AffinitySchema, 'pinned.csv': PinSchema,
    } as const;
    for (const file of INPUT_FILES) {
      expect(COLUMNS[file].map((c) => c.field).sort()).toEqual(Object.keys(shapes[file].shape).sort());
    }
  });

  it('no alias names two columns of one file', () => {
    for (const file of INPUT_FILES) {
      const names = COLUMNS[file].flatMap((c) => [c.column, c.field, ...c.aliases].map(normalizeHeader));
      const distinct = new Set(COLUMNS[file].flatMap((c) => [...new Set([c.column, c.field, ...c.aliases].map(normalizeHeader))]));
      expect(distinct.size).toBe(new Set(names).size);
      expect([...distinct].length).toBe(COLUMNS[file].reduce((n, c) => n + new Set([c.column, c.field, ...c.aliases].map(normalizeHeader)).size, 0));
    }
  });

  it('renders the table as markdown for the README', () => {
    const md = headerTableMarkdown();
    expect(md.split('\n')[0]).toBe('| file | column | required | Chinese headers | meaning |');
    expect(md).toContain('| experts.csv | level | yes | 级别, 专家级别 |');
    expect(md.trim().split('\n')).toHaveLength(2 + INPUT_FILES.reduce((n, f) => n + COLUMNS[f].length, 0));
  });
});
