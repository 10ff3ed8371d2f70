import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { InputError, type InputIssue } from '../../src/model/issues.js';
import { readInstanceDir, readInstanceDirOrThrow } from '../../src/io/read-instance.js';
import { BASE, EXPECTED, folder, tempDir, withExtra, withLine } from './helpers.js';

const FIXTURES = new URL('../fixtures/io/', import.meta.url).pathname;

async function issuesOf(changes: Parameters<typeof folder>[0], opts?: Parameters<typeof readInstanceDir>[1]): Promise<InputIssue[]> {
  const r = await readInstanceDir(await folder(changes), opts);
  if (r.ok) throw new Error('expected the folder to be refused');
  return r.issues;
}

/** The issues as `file:line field code`, for exact, readable assertions. */
function where(issues: readonly InputIssue[]): string[] {
  return issues.map((i) => `${i.file}:${i.line} ${i.field} ${i.code}`);
}

describe('readInstanceDir: good input', () => {
  it('reads an English-header UTF-8 folder, filling defaults', async () => {
    const r = await readInstanceDir(await folder());
    expect(r.ok && r.warnings).toEqual([]);
    expect(r.ok && r.instance).toEqual(EXPECTED);
  });

  it('reads the GBK fixture with Chinese headers and CRLF to the same instance', async () => {
    const r = await readInstanceDir(join(FIXTURES, 'gbk'));
    expect(r.ok && r.warnings).toEqual([]);
    expect(r.ok && r.instance).toEqual(EXPECTED);
  });

  it('reads UTF-8 with BOM, CRLF, blank lines and a header with odd spacing and case', async () => {
    const bom = '\uFEFF';
    const counties = bom + ' County_ID , Name,PROVINCE,prefecture,key county,east_partner,group_min,group_max,batch\r\n\r\n'
      + 'c1,甲县,四川,凉山,no,,,,\r\n,,,,,,,,\r\nc2,乙县,甘肃,陇南,0,山东,6,10,1\r\n\r\n';
    const r = await readInstanceDir(await folder({ 'counties.csv': counties }));
    expect(r.ok && r.instance.counties).toEqual(EXPECTED.counties);
    // Blank lines are skipped but counted: c2 is on physical line 5.
    expect(r.ok && r.sources.line('counties', 1)).toBe(5);
  });

  it('keeps quoted commas, quotes and newlines, and counts lines physically', async () => {
    const experts = BASE['experts.csv']!.replace('e1,张三,北京,中国农科院', 'e1,"张,三",北京,"中国""农科""院\n第二行"');
    const r = await readInstanceDir(await folder({ 'experts.csv': experts }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.instance.experts[0]).toMatchObject({ name: '张,三', organization: '中国"农科"院\n第二行' });
    expect([0, 1, 2, 3].map((i) => r.sources.line('experts', i))).toEqual([2, 4, 5, 6]);
    expect(r.sources.file('experts')).toBe('experts.csv');
  });

  it('accepts a folder without the optional files, and file names in another case', async () => {
    const dir = await folder({ 'affinity.csv': null, 'pinned.csv': null, 'counties.csv': null });
    await writeFile(join(dir, 'Counties.CSV'), BASE['counties.csv']!);
    const r = await readInstanceDir(dir);
    expect(r.ok && r.instance.affinities).toEqual([]);
    expect(r.ok && r.instance.pins).toEqual([]);
    expect(r.ok && r.instance.counties).toEqual(EXPECTED.counties);
  });

  it('warns about an unknown column and an unknown stage, once each', async () => {
    const needs = 'county_id,industry,stage,weight,required,remarks\nc1,茶叶,cold-chain,1,,x\nc2,花椒,cold-chain,1,,\n';
    const r = await readInstanceDir(await folder({ 'needs.csv': needs }));
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(r.warnings.map((w) => `${w.file}:${w.line} ${w.field}`)).toEqual(['needs.csv:1 remarks', 'needs.csv:2 stage']);
    expect(r.instance.needs.map((n) => n.stage)).toEqual(['cold-chain', 'cold-chain']);
  });

  it('tolerates empty trailing cells beyond the header (Excel padding)', async () => {
    const r = await readInstanceDir(await folder(withLine('pinned.csv', 2, 'c1,e1,leader,,')));
    expect(r.ok).toBe(true);
  });
});

describe('readInstanceDir: refused input names file, line and field', () => {
  it('a missing required file', async () => {
    const issues = await issuesOf({ 'skills.csv': null });
    expect(where(issues)).toEqual(['skills.csv:0  missing-file']);
  });

  it('a missing folder', async () => {
    const r = await readInstanceDir(join(await tempDir(), 'nope'));
    expect(!r.ok && r.issues[0].code).toBe('unreadable-file');
  });

  it('a missing counties.csv does not make every reference dangle', async () => {
    const issues = await issuesOf({ 'counties.csv': null });
    expect(where(issues)).toEqual(['counties.csv:0  missing-file']);
  });

  it('a missing required column, and a duplicated one', async () => {
    const issues = await issuesOf({
      'experts.csv': BASE['experts.csv']!.replace('level', 'grade'),
      'skills.csv': BASE['skills.csv']!.replace('proficiency', '环节'),
    });
    expect(where(issues)).toEqual(['experts.csv:1 level missing-column', 'skills.csv:1 stage duplicate-column']);
  });

  it('bad number, bad boolean, bad level, bad org type, bad role, out-of-range values', async () => {
    const issues = await issuesOf({
      ...withLine('needs.csv', 3, 'c1,茶叶,processing,heavy,maybe'),
      ...withLine('experts.csv', 3, 'e2,李四,四川,四川农大,school,professor,c1,-1'),
      ...withLine('skills.csv', 5, 'e4,花椒,production,4'),
      ...withLine('pinned.csv', 2, 'c1,e1,boss'),
      ...withLine('counties.csv', 3, 'c2,乙县,甘肃,陇南,false,山东,6.5,10,1'),
    });
    expect(where(issues)).toEqual([
      'counties.csv:3 group_min bad-value',
      'needs.csv:3 weight bad-value',
      'needs.csv:3 required bad-value',
      'experts.csv:3 org_type bad-value',
      'experts.csv:3 level bad-value',
      'experts.csv:3 capacity bad-value',
      'skills.csv:5 proficiency bad-value',
      'pinned.csv:2 role bad-value',
    ]);
    const byField = new Map(issues.map((i) => [i.field, i]));
    expect(byField.get('weight')).toMatchObject({ value: 'heavy', message: expect.stringContaining('not a number') });
    expect(byField.get('level')).toMatchObject({ value: 'professor', message: expect.stringContaining('national') });
    expect(byField.get('capacity')).toMatchObject({ value: '-1', message: 'capacity must be at least 0' });
    expect(byField.get('proficiency')).toMatchObject({ value: '4', message: 'proficiency must be at most 3' });
    expect(byField.get('group_min')).toMatchObject({ value: '6.5', message: 'group_min must be a whole number' });
  });

  it('an empty required cell is a missing value', async () => {
    const issues = await issuesOf(withLine('experts.csv', 4, 'e3,王五,,浙江大学,university,national,,'));
    expect(where(issues)).toEqual(['experts.csv:4 province missing-value']);
  });

  it('a row with more cells than the header', async () => {
    const issues = await issuesOf(withLine('pinned.csv', 2, 'c1,e1,leader,extra'));
    expect(where(issues)).toEqual(['pinned.csv:2  bad-row']);
  });

  it('an unclosed quote', async () => {
    const issues = await issuesOf(withExtra('pinned.csv', 'c2,"e4,member'));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ file: 'pinned.csv', code: 'bad-row', line: 3 });
  });

  it('duplicate ids, needs and skills; the message names the first line', async () => {
    const issues = await issuesOf({
      ...withExtra('counties.csv', 'c1,重复县,四川,,,,,,'),
      ...withExtra('experts.csv', 'e2,x,四川,,,national,,'),
      ...withExtra('needs.csv', 'c1,茶叶,生产,1,'),
      ...withExtra('skills.csv', 'e3,*,品牌,1'),
    });
    expect(where(issues)).toEqual([
      'counties.csv:4 county_id duplicate-id',
      'needs.csv:5  duplicate-id',
      'experts.csv:6 expert_id duplicate-id',
      'skills.csv:6  duplicate-id',
    ]);
    expect(issues[0]!.message).toContain('counties.csv:2');
    expect(issues[0]!.value).toBe('c1');
  });

  it('dangling references in every file', async () => {
    const issues = await issuesOf({
      ...withExtra('needs.csv', 'c9,茶叶,production,,'),
      ...withExtra('experts.csv', 'e5,x,四川,,,county,c9,'),
      ...withExtra('skills.csv', 'e9,茶叶,production,'),
      ...withExtra('pairings.csv', '江苏,甘肃,c9'),
      ...withExtra('affinity.csv', 'c9,e9,1,'),
      ...withExtra('pinned.csv', 'c1,e9,member'),
    });
    expect(where(issues)).toEqual([
      'needs.csv:5 county_id unknown-reference',
      'experts.csv:6 home_county unknown-reference',
      'skills.csv:6 expert_id unknown-reference',
      'pairings.csv:5 county_id unknown-reference',
      'affinity.csv:4 county_id unknown-reference',
      'affinity.csv:4 expert_id unknown-reference',
      'pinned.csv:3 expert_id unknown-reference',
    ]);
    expect(issues[0]).toMatchObject({ value: 'c9', message: 'county c9 is not in counties.csv' });
  });

  it('a reference to a row refused for another reason is not reported again', async () => {
    const issues = await issuesOf(withLine('experts.csv', 2, 'e1,张三,北京,中国农科院,institute,chief,,2'));
    expect(where(issues)).toEqual(['experts.csv:2 level bad-value']);
  });

  it('a pairing whose county is not in its west province; group_min above group_max; a wildcard need', async () => {
    const issues = await issuesOf({
      ...withLine('pairings.csv', 4, '山东,四川,c2'),
      ...withLine('counties.csv', 2, 'c1,甲县,四川,凉山,false,,12,8,'),
      ...withExtra('needs.csv', 'c2,*,production,,'),
    });
    expect(where(issues)).toEqual([
      'counties.csv:2 group_min bad-value',
      'needs.csv:5 industry bad-value',
      'pairings.csv:4 west_province bad-value',
    ]);
    expect(issues[2]!.message).toBe("county c2 is in 甘肃, not in the pairing's west province 四川");
  });

  it('inconsistent pins: vetoed, local elsewhere, leader not national, own local as leader, two leaders, pinned twice', async () => {
    const issues = await issuesOf({
      'affinity.csv': 'county_id,expert_id,score,veto\nc2,e3,,yes\n',
      'pinned.csv': [
        'county_id,expert_id,role',
        'c1,e1,leader', // fine
        'c2,e3,member', // vetoed pair
        'c2,e2,', // e2 is local to c1
        'c1,e2,leader', // own local scientist, and not national, and a second leader, and beyond e2's capacity
        'c2,e4,组长', // county level
        'c1,e1,member', // pinned twice
      ].join('\n') + '\n',
    });
    expect(where(issues)).toEqual([
      'pinned.csv:3 expert_id inconsistent-pin',
      'pinned.csv:4 expert_id inconsistent-pin',
      'pinned.csv:5 expert_id inconsistent-pin',
      'pinned.csv:5 role inconsistent-pin',
      'pinned.csv:5 role inconsistent-pin',
      'pinned.csv:6 role inconsistent-pin',
      'pinned.csv:7  duplicate-id',
    ]);
    expect(issues[2]!.message).toContain('pinned to 2 counties but may serve 1');
    expect(issues[3]!.message).toContain('level provincial');
    expect(issues[4]!.message).toContain('two pinned leaders');
  });

  it('reports problems of every file at once, sorted by file then line', async () => {
    const issues = await issuesOf({
      'pairings.csv': null,
      ...withLine('experts.csv', 2, 'e1,张三,北京,中国农科院,institute,superb,,2'),
      ...withLine('counties.csv', 3, 'c2,乙县,甘肃,陇南,maybe,山东,6,10,1'),
    });
    expect(where(issues)).toEqual([
      'counties.csv:3 key_county bad-value',
      'experts.csv:2 level bad-value',
      'pairings.csv:0  missing-file',
    ]);
  });
});

describe('readInstanceDir: H10 key counties', () => {
  const keyC2 = withLine('counties.csv', 3, 'c2,乙县,甘肃,陇南,是,山东,6,10,1');

  it('refuses a key county by default, naming it', async () => {
    const issues = await issuesOf(keyC2);
    expect(where(issues)).toEqual(['counties.csv:3 key_county key-county']);
    expect(issues[0]!.message).toContain('c2 乙县');
    expect(issues[0]!.message).toContain('国家乡村振兴重点帮扶县');
    expect(issues[0]!.message).toContain('H10');
  });

  it('skips it with a warning on request, with its needs, pairings, affinities and pins', async () => {
    const r = await readInstanceDir(await folder({ ...keyC2, ...withExtra('pinned.csv', 'c2,e3,member') }), { keyCounties: 'skip' });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    // The county, then its local scientist e4, who leaves with it (issue #9 E4).
    expect(r.warnings.map((w) => `${w.file}:${w.line} ${w.field} ${w.code}`)).toEqual(['counties.csv:3 key_county key-county', 'counties.csv:3 key_county key-county']);
    expect(r.warnings[1]!.message).toContain('e4 (experts.csv:5)');
    expect(r.instance.counties.map((c) => c.id)).toEqual(['c1']);
    expect(r.instance.needs.map((n) => n.countyId)).toEqual(['c1', 'c1']);
    expect(r.instance.pairings).toEqual(EXPECTED.pairings.slice(0, 2));
    expect(r.instance.affinities).toEqual(EXPECTED.affinities.slice(0, 1));
    expect(r.instance.pins).toEqual(EXPECTED.pins);
    // Its local scientists leave with it (they serve only it, H5), with their skills; the other experts stay.
    expect(r.instance.experts).toEqual(EXPECTED.experts.slice(0, 3));
    expect(r.instance.skills).toEqual(EXPECTED.skills.slice(0, 3));
  });

  it('keeps source lines aligned after the removal', async () => {
    const counties = 'county_id,province,key_county\nk1,甘肃,true\nc1,四川,\nc2,甘肃,\n';
    const r = await readInstanceDir(await folder({ 'counties.csv': counties }), { keyCounties: 'skip' });
    expect(r.ok && r.sources.line('counties', 0)).toBe(3);
    expect(r.ok && r.sources.line('counties.csv', 1)).toBe(4);
  });
});

describe('readInstanceDirOrThrow', () => {
  it('returns the instance', async () => {
    const { instance } = await readInstanceDirOrThrow(await folder());
    expect(instance).toEqual(EXPECTED);
  });

  it('throws an InputError carrying every issue', async () => {
    const dir = await folder({ 'needs.csv': null, 'skills.csv': null });
    const error = await readInstanceDirOrThrow(dir).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InputError);
    expect((error as InputError).issues.map((i) => i.file)).toEqual(['needs.csv', 'skills.csv']);
    expect((error as InputError).message).toContain('needs.csv');
  });
});

describe('the GBK fixture', () => {
  it('is really GBK, not UTF-8', async () => {
    const bytes = await readFile(join(FIXTURES, 'gbk', 'counties.csv'));
    expect(() => new TextDecoder('utf-8', { fatal: true }).decode(bytes)).toThrow();
  });
});
