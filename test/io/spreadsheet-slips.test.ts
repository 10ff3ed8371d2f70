/**
 * Issue #9 E: input mistakes a spreadsheet user makes must not silently
 * change the rules. Each case is a slip made in Excel (a misspelled header,
 * a row pasted twice, full-width digits, a pasted control character, pins or
 * group sizes that cannot hold), read through `readInstanceDir` as the CLI
 * reads a folder.
 */
import { describe, expect, it } from 'vitest';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { validateInstance } from '../../src/io/validate.js';
import type { InputIssue, InputWarning } from '../../src/model/issues.js';
import { BASE, EXPECTED, folder, withExtra, withLine } from './helpers.js';

type Changes = Parameters<typeof folder>[0];
const at = (list: readonly (InputIssue | InputWarning)[]): string[] => list.map((i) => `${i.file}:${i.line} ${i.field} ${i.code}`);

async function read(changes: Changes, opts?: Parameters<typeof readInstanceDir>[1]): Promise<Awaited<ReturnType<typeof readInstanceDir>>> {
  return readInstanceDir(await folder(changes), opts);
}
async function issuesOf(changes: Changes, opts?: Parameters<typeof readInstanceDir>[1]): Promise<InputIssue[]> {
  const r = await read(changes, opts);
  if (r.ok) throw new Error(`expected the folder to be refused; warnings: ${at(r.warnings).join('; ')}`);
  return r.issues;
}

describe('E1: a misspelled header is refused with "did you mean", a far one stays a warning', () => {
  it('vetoo and capcity are refused at line 1, field = the header, naming the column meant', async () => {
    const issues = await issuesOf({
      'affinity.csv': BASE['affinity.csv']!.replace('veto', 'vetoo'),
      'experts.csv': BASE['experts.csv']!.replace('capacity', 'capcity'),
    });
    expect(at(issues)).toEqual(['experts.csv:1 capcity misspelled-column', 'affinity.csv:1 vetoo misspelled-column']);
    expect(issues[0]!.message).toContain('did you mean capacity');
    expect(issues[1]!.message).toContain('did you mean veto');
  });

  it('a one-character slip in a Chinese header of 3+ characters, a swapped pair, a lost underscore', async () => {
    const issues = await issuesOf({
      'skills.csv': BASE['skills.csv']!.replace('proficiency', '熟练程序'),
      'counties.csv': BASE['counties.csv']!.replace('east_partner', 'east_parnter'),
      'pinned.csv': BASE['pinned.csv']!.replace('role', 'rloe'),
    });
    expect(at(issues)).toEqual(['counties.csv:1 east_parnter misspelled-column', 'skills.csv:1 熟练程序 misspelled-column', 'pinned.csv:1 rloe misspelled-column']);
    expect(issues[1]!.message).toMatch(/did you mean proficiency \(熟练度, 熟练程度\)/);
  });

  it('a header far from every column, or near only a column already present, is a warning and the folder reads', async () => {
    const r = await read({
      'experts.csv': BASE['experts.csv']!.replace('capacity', 'capacity,性别').replace(/\n(e\d[^\n]*)/g, '\n$1,男'),
      'needs.csv': BASE['needs.csv']!.replace('required', 'required,state').replace(/\n(c\d[^\n]*)/g, '\n$1,x'),
    });
    expect(r.ok).toBe(true);
    if (r.ok) expect(at(r.warnings)).toEqual(['needs.csv:1 state bad-value', 'experts.csv:1 性别 bad-value']);
  });
});

describe('E2: an exact duplicate row is counted once with a warning naming both lines; a conflicting one stays an error', () => {
  it('skills, needs, affinity, pins, pairings, counties and experts pasted twice', async () => {
    const r = await read({
      ...withExtra('counties.csv', 'c1,甲县,四川,凉山,否,,,,'),
      ...withExtra('needs.csv', 'c1,茶叶,生产,2,是'),
      ...withExtra('experts.csv', 'e3,王五,浙江,浙江大学,高校科协,国家级,,'),
      ...withExtra('skills.csv', 'e2,茶叶,production,2'),
      ...withExtra('pairings.csv', '浙江,四川,'),
      ...withExtra('affinity.csv', 'c1,e1,0.5,false'),
      ...withExtra('pinned.csv', 'c1,e1,组长'),
    });
    expect(r.ok ? [] : at(r.issues)).toEqual([]);
    if (!r.ok) return;
    expect(r.instance).toEqual(EXPECTED);
    expect(at(r.warnings)).toEqual([
      'counties.csv:4 county_id duplicate-row',
      'needs.csv:5  duplicate-row',
      'experts.csv:6 expert_id duplicate-row',
      'skills.csv:6  duplicate-row',
      'pairings.csv:5  duplicate-row',
      'affinity.csv:4  duplicate-row',
      'pinned.csv:3  duplicate-row',
    ]);
    expect(r.warnings[0]!.message).toContain('counties.csv:2 and counties.csv:4');
    expect(r.warnings[6]!.message).toContain('the pin of expert e1 to county c1');
  });

  it('the same key with different values: proficiency, score, a county cell, a pin role', async () => {
    const issues = await issuesOf({
      ...withExtra('counties.csv', 'c1,甲县,四川,凉山,false,,6,10,'),
      ...withExtra('skills.csv', 'e2,茶叶,production,3'),
      ...withExtra('affinity.csv', 'c1,e1,0.7,'),
      ...withExtra('pinned.csv', 'c1,e1,member'),
    });
    expect(at(issues)).toEqual(['counties.csv:4 county_id duplicate-id', 'skills.csv:6  duplicate-id', 'affinity.csv:4  duplicate-id', 'pinned.csv:3  duplicate-id']);
    for (const i of issues) expect(i.message).toContain('different cells');
    expect(issues[1]!.message).toContain('skills.csv:3');
  });
});

describe('E3: ids are trimmed and NFKC-normalised; control characters are refused; formula-looking ids are warned about', () => {
  it('full-width ５１０２２１ and 510221 are one county id, everywhere it is read', async () => {
    const r = await read({
      'counties.csv': BASE['counties.csv']!.replace('c1,', '５１０２２１,'),
      'needs.csv': BASE['needs.csv']!.replace(/\nc1,/g, '\n 510221 ,'),
      'experts.csv': BASE['experts.csv']!.replace(',c1,', ',５１０２２１,'),
      'affinity.csv': BASE['affinity.csv']!.replace('c1,e1', '510221,ｅ１'),
      'pinned.csv': BASE['pinned.csv']!.replace('c1,e1', '５１０２２１,e1'),
    });
    expect(r.ok ? [] : at(r.issues)).toEqual([]);
    if (!r.ok) return;
    expect(r.instance.counties[0]!.id).toBe('510221');
    expect(r.instance.needs.filter((n) => n.countyId === '510221')).toHaveLength(2);
    expect(r.instance.experts[1]!.homeCounty).toBe('510221');
    expect(r.instance.affinities[0]).toMatchObject({ countyId: '510221', expertId: 'e1' });
    expect(r.instance.pins[0]).toMatchObject({ countyId: '510221', expertId: 'e1' });
  });

  it('two county rows that become equal are one id: a duplicate reported with both lines', async () => {
    const issues = await issuesOf({ 'counties.csv': BASE['counties.csv']! + '510221,丙县,四川,,,,,,\n５１０２２１,丁县,四川,,,,,,\n' });
    expect(at(issues)).toEqual(['counties.csv:5 county_id duplicate-id']);
    expect(issues[0]!.message).toContain('also at counties.csv:4');
    expect(issues[0]!.value).toBe('５１０２２１');
  });

  it('NUL, tab and line breaks in ids are refused at their cell', async () => {
    const issues = await issuesOf({
      ...withLine('experts.csv', 4, 'e3\u0000,王五,浙江,浙江大学,university,national,,'),
      ...withLine('skills.csv', 4, 'e3\u0000,*,branding,2'),
      ...withLine('pinned.csv', 2, '"c\n1",e1,leader'),
      ...withExtra('affinity.csv', 'c2,e\t1,1,'),
    });
    expect(at(issues)).toEqual([
      'experts.csv:4 expert_id bad-value',
      'skills.csv:4 expert_id bad-value',
      'affinity.csv:4 expert_id bad-value',
      'pinned.csv:2 county_id bad-value',
    ]);
    expect(issues[0]!.message).toContain('U+0000');
    expect(issues[0]!.value).toBe('e3\u0000');
  });

  it('warns about ids that start with = + - @, naming file, line and field, once per id', async () => {
    const r = await read({
      'counties.csv': BASE['counties.csv']!.replace(/\bc1\b/g, '=c1'),
      'needs.csv': BASE['needs.csv']!.replace(/\bc1\b/g, '=c1'),
      'experts.csv': BASE['experts.csv']!.replace(/\bc1\b/g, '=c1').replace('e3,', '@e3,'),
      'skills.csv': BASE['skills.csv']!.replace('e3,', '@e3,'),
      'affinity.csv': BASE['affinity.csv']!.replace(/\bc1\b/g, '=c1'),
      'pinned.csv': BASE['pinned.csv']!.replace(/\bc1\b/g, '=c1'),
    });
    expect(r.ok).toBe(true);
    if (!r.ok) return;
    expect(at(r.warnings)).toEqual(['counties.csv:2 county_id bad-value', 'experts.csv:4 expert_id bad-value']);
    expect(r.warnings[0]!.message).toContain('formula');
  });
});

describe('E5: what would give wrong advice later is caught at validation', () => {
  it('a county group_min above the round group_max, a group_max below the round group_min or the smallest group', async () => {
    const issues = await issuesOf({
      'counties.csv': [
        'county_id,name,province,prefecture,key_county,east_partner,group_min,group_max,batch',
        'c1,甲县,四川,凉山,false,,13,,',
        'c2,乙县,甘肃,陇南,false,山东,,7,1',
        'c3,丙县,甘肃,陇南,false,山东,2,2,1',
      ].join('\n') + '\n',
    });
    expect(at(issues)).toEqual(['counties.csv:2 group_min bad-value', 'counties.csv:3 group_max bad-value', 'counties.csv:4 group_max bad-value']);
    expect(issues[0]!.message).toContain("the round's largest group 12");
    expect(issues[1]!.message).toContain("the round's smallest group 8");
    expect(issues[2]!.message).toContain('make 3');
  });

  it('the round options decide: the same counties are fine for a round of groups of 2 without East–West quota', () => {
    const x = structuredClone(EXPECTED);
    x.counties[1] = { ...x.counties[1]!, groupMin: 2, groupMax: 2, eastPartner: [] };
    x.pairings = [];
    expect(validateInstance(x).issues.map((i) => i.field)).toEqual([]);
    expect(validateInstance(x, { localMin: 2 }).issues.map((i) => `${i.field} ${i.code}`)).toEqual(['groupMax bad-value']);
  });

  it('a local scientist working in another province is a warning', async () => {
    const r = await read(withLine('experts.csv', 3, 'e2,李四,北京,四川农大,university,provincial,c1,'));
    expect(r.ok).toBe(true);
    if (r.ok) expect(at(r.warnings)).toEqual(['experts.csv:3 province bad-value']);
  });

  it('pins beyond localMax, eastMax or the county group_max are refused at the first pin beyond', async () => {
    const locals = 'e5,a,四川,,,county,c1,\ne6,b,四川,,,county,c1,\n';
    // Four from 山东 without a pinned leader: one of them may lead (the leader fills no East–West place, H6), the other three exceed eastMax 2.
    const easts = 'e7,c,山东,,,national,,\ne8,d,山东,,,national,,\ne9,e,山东,,,national,,\ne10,f,山东,,,national,,\n';
    const issues = await issuesOf({
      'experts.csv': BASE['experts.csv']! + locals + easts,
      'pinned.csv': 'county_id,expert_id,role\nc1,e1,leader\nc1,e2,\nc1,e5,\nc1,e6,\nc2,e7,\nc2,e8,\nc2,e9,\nc2,e10,\n',
    });
    expect(at(issues)).toEqual(['pinned.csv:5 expert_id inconsistent-pin', 'pinned.csv:9 expert_id inconsistent-pin']);
    expect(issues[0]!.message).toContain('3 pinned local scientists');
    expect(issues[1]!.message).toContain('4 pinned members from 山东');
    expect(issues[1]!.message).toContain('one more only as its leader');
    const tooMany = await issuesOf({
      'counties.csv': BASE['counties.csv']!.replace('c2,乙县,甘肃,陇南,false,山东,6,10,1', 'c2,乙县,甘肃,陇南,false,,3,3,1'),
      'experts.csv': BASE['experts.csv']! + 'e7,c,北京,,,national,,\ne8,d,北京,,,national,,\ne9,e,北京,,,national,,\n',
      'pinned.csv': 'county_id,expert_id,role\nc2,e4,\nc2,e7,\nc2,e8,\nc2,e9,\n',
    });
    expect(at(tooMany)).toEqual(['pinned.csv:5 expert_id inconsistent-pin']);
    expect(tooMany[0]!.message).toContain('4 pinned members');
  });

  it('an exact duplicate pin is reported as such, not as a pin beyond capacity', async () => {
    const r = await read(withExtra('pinned.csv', 'c2,e3,\nc2,e3,'));
    expect(r.ok ? at(r.warnings) : at(r.issues)).toEqual(['pinned.csv:4  duplicate-row']);
  });
});
