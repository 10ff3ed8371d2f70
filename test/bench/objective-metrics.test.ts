/**
 * The objective benchmark's figures (bench/objective/metrics.ts) on a
 * hand-made round whose every figure is worked out in the comments, so a
 * wrong count in any of them fails here; and its two readers (CSV, the
 * `/usr/bin/time -v` report).
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { parseCsv } from '../../bench/objective/csv.js';
import { measureResult } from '../../bench/objective/metrics.js';
import { parseTimeReport } from '../../bench/objective/run.js';
import { applyVariant, SCARCE_SPEC } from '../../bench/objective/scarce.js';
import { generateInstance } from '../../src/generate/index.js';

const dir = mkdtempSync(join(tmpdir(), 'objective-metrics-'));
const input = join(dir, 'in');
const result = join(dir, 'out');
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function write(folder: string, files: Record<string, string>): void {
  for (const [name, text] of Object.entries(files)) {
    writeFileSync(join(folder, name), text);
  }
}

// C1 and C3 in 贵州 (paired with 广东, so central/western); C2 unmatched.
// C1: leader L1 (chili only: not in C1's industries), M1 local */*, M2 east 广东 county-level 茶叶/*, M3 四川 county-level exact.
//   茶叶/production: M1, M2, M3 (3 members, a named skill); 茶叶/processing: M1, M2 (only wildcards, but M2 names the industry);
//   马铃薯/production: M1 only (only through a `*` industry).
// C3: leader L2 from 广东 (the only East–West member, in C3's industry), M4 local exact, M5 四川 provincial */*.
// C4: leader L3 from 广东 with only */* (not a named industry), M6 广东 county-level exact (a second East–West member), M7 local.
function writeRound(): void {
  for (const f of [input, result]) {
    rmSync(f, { recursive: true, force: true });
    mkdirSync(f, { recursive: true });
  }
  write(input, {
    'counties.csv': '\uFEFFcounty_id,name,province,east_partner\nC1,甲县,贵州,\nC2,乙县,贵州,\nC3,丙县,贵州,\nC4,丁县,贵州,\n',
    'needs.csv': 'county_id,industry,stage,weight,required\nC1,茶叶,production,1,true\nC1,茶叶,processing,1,false\nC1,马铃薯,production,1,false\nC2,茶叶,production,1,true\nC3,茶叶,production,1,false\nC4,辣椒,branding,1,true\n',
    'experts.csv': [
      'expert_id,name,province,organization,org_type,level,home_county,capacity',
      'L1,a,北京,"Org, Inc.",institute,national,,', 'M1,b,贵州,o2,agritech,county,C1,', 'M2,c,广东,o3,university,county,,',
      'M3,d,四川,o4,university,county,,', 'L2,e,广东,o5,institute,national,,', 'M4,f,贵州,o6,,municipal,C3,', 'M5,g,四川,o7,enterprise,provincial,,',
      'L3,h,广东,o8,institute,national,,', 'M6,i,广东,o9,enterprise,county,,', 'M7,j,贵州,o10,agritech,county,C4,',
    ].join('\r\n'),
    'skills.csv': 'expert_id,industry,stage,proficiency\nL1,辣椒,production,3\nM1,*,*,2\nM2,茶叶,*,2\nM3,茶叶,production,2\nL2,茶叶,production,3\nM4,茶叶,production,2\nM5,*,*,2\nL3,*,*,3\nM6,辣椒,branding,2\nM7,茶叶,production,2\n',
    'pairings.csv': 'east_province,west_province,county_id\n广东,贵州,\n',
  });
  write(result, {
    'assignments.csv': [
      'county_id,expert_id,role,fit,covers,reason',
      'C1,L1,leader,1,,"leader, with a comma\nand a newline"', 'C1,M1,local,1,,', 'C1,M2,east,1,,', 'C1,M3,member,1,,',
      'C3,L2,leader,1,,', 'C3,M4,local,1,,', 'C3,M5,member,1,,',
      'C4,L3,leader,1,,', 'C4,M6,east,1,,', 'C4,M7,local,1,,',
    ].join('\n'),
    'unmatched.csv': 'county_id,reason_code,detail\nC2,competition,"taken by C1, C3"\n',
    'summary.json': JSON.stringify({ status: 'feasible', objective: 10, upperBound: 12, gap: 1 / 6, solver: 'scalable' }),
    'timing.json': JSON.stringify({ seconds: 1.5 }),
  });
}

describe('objective metrics', () => {
  it('counts every figure of a hand-made round', () => {
    writeRound();
    const m = measureResult(input, result, { wallSeconds: 2.5, peakMB: 100 });
    expect(m.counties).toEqual({ matched: 3, total: 4, unmatchedByReason: { competition: 1 } });
    expect(m.groupSize).toEqual({ min: 3, mean: 10 / 3, max: 4, members: 10, histogram: { '3': 2, '4': 1 } });
    // L1 holds only chili, L3 only */*; L2 holds tea.
    expect(m.leaders).toEqual({ groups: 3, withIndustrySkill: 1, share: 1 / 3 });
    expect(m.needs).toEqual({ total: 5, covered: 5, onlyWildcardIndustry: 1, shareOnlyWildcardIndustry: 0.2, onlyAnyWildcard: 2, shareOnlyAnyWildcard: 0.4 });
    // C1 茶叶/production by 3 members, C3 茶叶/production by L2, M4 and M5's */* = 3, C4 辣椒/branding by L3 and M6 = 2.
    expect(m.pileUp.meanMaxMembersOnOneNeed).toBe(8 / 3);
    // (C1, 茶叶) named by M2/M3, (C1, 马铃薯) by nobody, (C3, 茶叶) by L2/M4, (C4, 辣椒) by M6.
    expect(m.industries).toEqual({ total: 4, withNamedMember: 3, share: 3 / 4 });
    // M2, M6 (广东) and M3 (四川) are county-level outside 贵州; M5 is provincial.
    expect(m.crossProvinceCountyLevel).toEqual({ count: 3, inCentralWestern: 3 });
    // Non-leaders M1–M7; M1, M4 and M7 work in 贵州.
    expect(m.sameProvince).toEqual({ nonLeaders: 7, own: 3, share: 3 / 7 });
    // C3 (L2 alone); not C4, where M6 is East–West beside the leader; not C1 (M2, not the leader).
    expect(m.leaderOnlyEastWest).toBe(1);
    // C1: institute, agritech, university; C3: institute, enterprise (M4's empty type not counted); C4: three types.
    expect(m.orgTypesPerGroup).toBe(8 / 3);
    expect(m.summary).toEqual({ status: 'feasible', objective: 10, upperBound: 12, gap: 1 / 6, solver: 'scalable', seconds: 1.5 });
    expect([m.wallSeconds, m.peakMB]).toEqual([2.5, 100]);
  });

  it('reads quoted cells with commas, doubled quotes and newlines, CRLF and a BOM', () => {
    expect(parseCsv('\uFEFFa,b\r\n"x, y","say ""hi""\nthere"\n\n')).toEqual([['a', 'b'], ['x, y', 'say "hi"\nthere']]);
  });

  it("reads wall time and peak memory from /usr/bin/time -v's report", () => {
    const report = '\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:02.50\n\tMaximum resident set size (kbytes): 262144\n';
    expect(parseTimeReport(report)).toEqual({ wallSeconds: 62.5, peakMB: 256 });
    expect(parseTimeReport('\tElapsed (wall clock) time (h:mm:ss or m:ss): 1:00:01\n')).toEqual({ wallSeconds: 3601, peakMB: null });
  });

  it('ranks the scarce round by each priority variant', () => {
    const round = generateInstance({ ...SCARCE_SPEC, provinces: [...SCARCE_SPEC.provinces] }, 1);
    const priorities = (v: Parameters<typeof applyVariant>[1]) => applyVariant(round, v).instance.counties.map((c) => c.priority);
    expect(priorities('rank')).toEqual(round.counties.map((_, i) => i));
    expect(priorities('tiered')).toEqual(round.counties.map((_, i) => Math.floor(i / 5)));
    expect(priorities('none').every((p) => p === undefined)).toBe(true);
    expect(applyVariant(round, 'order').options).toEqual({ priority: 'order' });
    expect(applyVariant(round, 'rank').options).toEqual({ priority: 'column' });
    expect(applyVariant(round, 'none')).toEqual({ instance: round, options: {} });
  });
});
