import { describe, expect, it } from 'vitest';
import { EAST_PROVINCES, GANSU_SHANDONG_PREFECTURES, PROVINCES, type PresetName } from '../../src/generate/index.js';
import { ANY, DEFAULT_STAGES, ORG_TYPES } from '../../src/model/vocabulary.js';
import { groupBy, instanceOf, isSorted } from './helpers.js';

const TESTED: readonly PresetName[] = ['tiny', 'demo', 'province', 'region', 'national'];
const PROVINCE_NAMES = new Set(PROVINCES.map((p) => p.name));
const STAGES = new Set<string>([...DEFAULT_STAGES, ANY]);

describe.each(TESTED)('%s: referential integrity', (name) => {
  const instance = instanceOf(name, 1);
  const counties = new Map(instance.counties.map((c) => [c.id, c]));
  const experts = new Map(instance.experts.map((e) => [e.id, e]));

  it('has unique, sorted ids and unique county names', () => {
    expect(counties.size).toBe(instance.counties.length);
    expect(experts.size).toBe(instance.experts.length);
    expect(new Set(instance.counties.map((c) => c.name)).size).toBe(instance.counties.length);
    expect(isSorted(instance.counties.map((c) => c.id))).toBe(true);
    expect(isSorted(instance.experts.map((e) => e.id))).toBe(true);
    expect(isSorted(instance.skills.map((s) => s.expertId))).toBe(true);
    expect(isSorted(instance.needs.map((n) => n.countyId))).toBe(true);
    expect(isSorted(instance.affinities.map((a) => `${a.countyId} ${a.expertId}`))).toBe(true);
    for (const c of instance.counties) expect(c.id).toMatch(/^\d{6}$/);
  });

  it('resolves every reference', () => {
    expect(instance.needs.filter((n) => !counties.has(n.countyId))).toEqual([]);
    expect(instance.skills.filter((s) => !experts.has(s.expertId))).toEqual([]);
    expect(instance.affinities.filter((a) => !counties.has(a.countyId) || !experts.has(a.expertId))).toEqual([]);
    expect(instance.pins.filter((p) => !counties.has(p.countyId) || !experts.has(p.expertId))).toEqual([]);
    expect(instance.experts.filter((e) => !PROVINCE_NAMES.has(e.province))).toEqual([]);
    // A local scientist's home county exists and lies in the expert's province.
    expect(instance.experts.filter((e) => e.homeCounty !== undefined && counties.get(e.homeCounty)?.province !== e.province)).toEqual([]);
    // Every expert has at least one skill.
    const skilled = new Set(instance.skills.map((s) => s.expertId));
    expect(instance.experts.filter((e) => !skilled.has(e.id))).toEqual([]);
    for (const p of instance.pairings) {
      expect(PROVINCE_NAMES.has(p.eastProvince)).toBe(true);
      if (p.countyId !== undefined) expect(counties.get(p.countyId)?.province).toBe(p.westProvince);
    }
  });

  it('uses the vocabulary: stages, org types, levels, proficiencies, weights', () => {
    // Collect violations and compare once: an expect per row is slow on 30,000 skills.
    const stages = new Set<string>(DEFAULT_STAGES);
    expect(instance.needs.filter((n) => !stages.has(n.stage) || ![1, 2, 3].includes(n.weight))).toEqual([]);
    expect(instance.skills.filter((s) => !STAGES.has(s.stage) || ![1, 2, 3].includes(s.proficiency))).toEqual([]);
    const orgTypes = new Set<string>(ORG_TYPES);
    expect(instance.experts.filter((e) =>
      !orgTypes.has(e.orgType ?? '') || e.organization === '' || e.name === '' || !(e.capacity === undefined || e.capacity === 2))).toEqual([]);
  });

  it('has no duplicate needs, skills or affinity pairs', () => {
    const unique = (keys: string[]): boolean => new Set(keys).size === keys.length;
    expect(unique(instance.needs.map((n) => `${n.countyId}|${n.industry}|${n.stage}`))).toBe(true);
    expect(unique(instance.skills.map((s) => `${s.expertId}|${s.industry}|${s.stage}`))).toBe(true);
    expect(unique(instance.affinities.map((a) => `${a.countyId}|${a.expertId}`))).toBe(true);
  });

  it('generates no key county and pairs as in 2021', () => {
    expect(instance.counties.every((c) => !c.keyCounty && c.eastPartner.length === 0)).toBe(true);
    const provinceRows = instance.pairings.filter((p) => p.countyId === undefined);
    const countyRows = instance.pairings.filter((p) => p.countyId !== undefined);
    for (const p of provinceRows) {
      expect(PROVINCES.find((x) => x.name === p.westProvince)?.eastPartners).toContain(p.eastProvince);
    }
    // Only 甘肃 is paired county by county: 山东 for 陇南, 定西, 临夏, else 天津; one row per county.
    for (const p of countyRows) expect(p.westProvince).toBe('甘肃');
    const byCounty = groupBy(countyRows, (p) => p.countyId ?? '');
    for (const c of instance.counties.filter((x) => x.province === '甘肃')) {
      const rows = byCounty.get(c.id) ?? [];
      expect(rows.map((r) => r.eastProvince)).toEqual([GANSU_SHANDONG_PREFECTURES.includes(c.prefecture) ? '山东' : '天津']);
    }
    const unpaired = new Set(['西藏', '新疆', '河北', '山西', '吉林', '黑龙江', '安徽', '江西', '河南', '湖北', '湖南', '海南']);
    for (const p of instance.pairings) {
      expect(unpaired.has(p.westProvince)).toBe(false);
      expect(EAST_PROVINCES).toContain(p.eastProvince);
    }
  });

  it('keeps pins and vetoes apart', () => {
    const vetoed = new Set(instance.affinities.filter((a) => a.veto).map((a) => `${a.countyId}|${a.expertId}`));
    for (const p of instance.pins) expect(vetoed.has(`${p.countyId}|${p.expertId}`)).toBe(false);
    expect(instance.affinities.filter((a) => a.score < -2 || a.score > 5 || experts.get(a.expertId)?.homeCounty !== undefined)).toEqual([]);
  });
});
