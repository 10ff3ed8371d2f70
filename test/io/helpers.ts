/**
 * Shared fixtures of the io tests: a tiny valid input folder (as text) and
 * the instance it reads to, plus temporary-folder helpers.
 */
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll } from 'vitest';
import type { Instance } from '../../src/model/schemas.js';

/** A valid input folder with English headers. */
export const BASE: Readonly<Record<string, string>> = {
  'counties.csv': [
    'county_id,name,province,prefecture,key_county,east_partner,group_min,group_max,batch',
    'c1,甲县,四川,凉山,false,,,,',
    'c2,乙县,甘肃,陇南,false,山东,6,10,1',
  ].join('\n') + '\n',
  'needs.csv': [
    'county_id,industry,stage,weight,required',
    'c1,茶叶,production,2,true',
    'c1,茶叶,processing,1,false',
    'c2,花椒,branding,,',
  ].join('\n') + '\n',
  'experts.csv': [
    'expert_id,name,province,organization,org_type,level,home_county,capacity',
    'e1,张三,北京,中国农科院,institute,national,,2',
    'e2,李四,四川,四川农大,university,provincial,c1,',
    'e3,王五,浙江,浙江大学,university,national,,',
    'e4,赵六,甘肃,,,county,c2,1',
  ].join('\n') + '\n',
  'skills.csv': [
    'expert_id,industry,stage,proficiency',
    'e1,茶叶,*,3',
    'e2,茶叶,production,',
    'e3,*,branding,2',
    'e4,花椒,production,1',
  ].join('\n') + '\n',
  'pairings.csv': [
    'east_province,west_province,county_id',
    '浙江,四川,',
    '天津,甘肃,',
    '山东,甘肃,c2',
  ].join('\n') + '\n',
  'affinity.csv': [
    'county_id,expert_id,score,veto',
    'c1,e1,0.5,',
    'c2,e2,,true',
  ].join('\n') + '\n',
  'pinned.csv': [
    'county_id,expert_id,role',
    'c1,e1,leader',
  ].join('\n') + '\n',
};

/** The instance `BASE` (and the GBK fixture) reads to. */
export const EXPECTED: Instance = {
  counties: [
    { id: 'c1', name: '甲县', province: '四川', prefecture: '凉山', keyCounty: false, eastPartner: [] },
    { id: 'c2', name: '乙县', province: '甘肃', prefecture: '陇南', keyCounty: false, eastPartner: ['山东'], groupMin: 6, groupMax: 10, batch: '1' },
  ],
  needs: [
    { countyId: 'c1', industry: '茶叶', stage: 'production', weight: 2, required: true },
    { countyId: 'c1', industry: '茶叶', stage: 'processing', weight: 1, required: false },
    { countyId: 'c2', industry: '花椒', stage: 'branding', weight: 1, required: false },
  ],
  experts: [
    { id: 'e1', name: '张三', province: '北京', organization: '中国农科院', orgType: 'institute', level: 'national', capacity: 2 },
    { id: 'e2', name: '李四', province: '四川', organization: '四川农大', orgType: 'university', level: 'provincial', homeCounty: 'c1' },
    { id: 'e3', name: '王五', province: '浙江', organization: '浙江大学', orgType: 'university', level: 'national' },
    { id: 'e4', name: '赵六', province: '甘肃', organization: '', level: 'county', homeCounty: 'c2', capacity: 1 },
  ],
  skills: [
    { expertId: 'e1', industry: '茶叶', stage: '*', proficiency: 3 },
    { expertId: 'e2', industry: '茶叶', stage: 'production', proficiency: 2 },
    { expertId: 'e3', industry: '*', stage: 'branding', proficiency: 2 },
    { expertId: 'e4', industry: '花椒', stage: 'production', proficiency: 1 },
  ],
  pairings: [
    { eastProvince: '浙江', westProvince: '四川' },
    { eastProvince: '天津', westProvince: '甘肃' },
    { eastProvince: '山东', westProvince: '甘肃', countyId: 'c2' },
  ],
  affinities: [
    { countyId: 'c1', expertId: 'e1', score: 0.5, veto: false },
    { countyId: 'c2', expertId: 'e2', score: 0, veto: true },
  ],
  pins: [{ countyId: 'c1', expertId: 'e1', role: 'leader' }],
};

const made: string[] = [];
afterAll(async () => {
  await Promise.all(made.splice(0).map((d) => rm(d, { recursive: true, force: true })));
});

/** A fresh temporary folder, removed after the test file. */
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ag-io-'));
  made.push(dir);
  return dir;
}

/**
 * A temporary input folder holding `BASE` with some files replaced
 * (`null` removes a file).
 */
export async function folder(changes: Readonly<Record<string, string | Uint8Array | null>> = {}): Promise<string> {
  const dir = await tempDir();
  const files: Record<string, string | Uint8Array | null> = { ...BASE, ...changes };
  await Promise.all(Object.entries(files).map(([name, data]) => (data === null ? undefined : writeFile(join(dir, name), data))));
  return dir;
}

/** `BASE[file]` with `line` (1-based) replaced by `text`. */
export function withLine(file: string, line: number, text: string): Record<string, string> {
  const lines = (BASE[file] ?? '').split('\n');
  lines[line - 1] = text;
  return { [file]: lines.join('\n') };
}

/** `BASE[file]` with `text` appended as new lines. */
export function withExtra(file: string, ...text: string[]): Record<string, string> {
  return { [file]: (BASE[file] ?? '') + text.map((t) => t + '\n').join('') };
}
