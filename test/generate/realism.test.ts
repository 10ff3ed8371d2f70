import { describe, expect, it } from 'vitest';
import { COUNTY_PROVINCES, EAST_PROVINCES, generateInstance } from '../../src/generate/index.js';
import { groupBy, instanceOf } from './helpers.js';
import { auditInstance } from './structural.js';

/** Eligible counties per province, DESIGN section 4. */
const ELIGIBLE: Readonly<Record<string, number>> = {
  河北: 45, 山西: 36, 吉林: 8, 黑龙江: 20, 安徽: 20, 江西: 24, 河南: 38, 湖北: 28, 湖南: 40, 海南: 5,
  内蒙古: 21, 广西: 13, 重庆: 10, 四川: 41, 贵州: 46, 云南: 61, 陕西: 45, 甘肃: 35, 青海: 27, 宁夏: 3, 西藏: 74, 新疆: 32,
};

describe('national preset', () => {
  const instance = instanceOf('national', 1);

  it('reproduces the eligible counties of every province (672)', () => {
    const counts = Object.fromEntries([...groupBy(instance.counties, (c) => c.province)].map(([p, list]) => [p, list.length]));
    expect(counts).toEqual(ELIGIBLE);
    expect(COUNTY_PROVINCES.map((p) => p.name).sort()).toEqual(Object.keys(ELIGIBLE).sort());
  });

  it('pairs 甘肃 mostly with 天津 and its 陇南/定西/临夏 counties with 山东', () => {
    const rows = instance.pairings.filter((p) => p.countyId !== undefined);
    expect(rows.length).toBe(35);
    expect(rows.filter((p) => p.eastProvince === '山东').length).toBe(10);
    expect(instance.pairings.filter((p) => p.countyId === undefined).map((p) => `${p.westProvince}-${p.eastProvince}`).sort()).toEqual(
      ['内蒙古-北京', '广西-广东', '重庆-山东', '四川-浙江', '贵州-广东', '云南-上海', '陕西-江苏', '青海-江苏', '宁夏-福建'].sort(),
    );
  });

  it('has ~15% national experts, 2–3 non-national locals per county, and a few experts of capacity 2', () => {
    const national = instance.experts.filter((e) => e.level === 'national');
    expect(national.length / instance.experts.length).toBeGreaterThan(0.13);
    expect(national.length / instance.experts.length).toBeLessThan(0.17);
    const locals = groupBy(instance.experts.filter((e) => e.homeCounty !== undefined), (e) => e.homeCounty ?? '');
    expect(locals.size).toBe(instance.counties.length);
    for (const list of locals.values()) {
      expect(list.length).toBeGreaterThanOrEqual(2);
      expect(list.length).toBeLessThanOrEqual(3);
      for (const e of list) expect(e.level).not.toBe('national');
    }
    const twice = national.filter((e) => e.capacity === 2).length / national.length;
    expect(twice).toBeGreaterThan(0.05);
    expect(twice).toBeLessThan(0.15);
  });

  it('gives every county 2–3 industries, 4–8 needs and 1–3 required needs', () => {
    const needs = groupBy(instance.needs, (n) => n.countyId);
    for (const c of instance.counties) {
      const list = needs.get(c.id) ?? [];
      expect(list.length).toBeGreaterThanOrEqual(4);
      expect(list.length).toBeLessThanOrEqual(8);
      const industries = new Set(list.map((n) => n.industry));
      expect(industries.size).toBeGreaterThanOrEqual(2);
      expect(industries.size).toBeLessThanOrEqual(3);
      const required = list.filter((n) => n.required).length;
      expect(required).toBeGreaterThanOrEqual(1);
      expect(required).toBeLessThanOrEqual(3);
    }
  });

  it('has regional flavour: tea in the south-west, cattle and sheep on the grasslands, no pigs in 新疆', () => {
    const province = new Map(instance.counties.map((c) => [c.id, c.province]));
    const share = (industry: string, provinces: string[]): number => {
      const inds = groupBy(instance.needs.filter((n) => provinces.includes(province.get(n.countyId) ?? '')), (n) => n.countyId);
      let n = 0;
      for (const list of inds.values()) if (list.some((x) => x.industry === industry)) n++;
      return n / inds.size;
    };
    expect(share('茶叶', ['贵州', '云南', '四川'])).toBeGreaterThan(0.2);
    expect(share('牛羊', ['内蒙古', '甘肃', '青海', '宁夏', '西藏', '新疆'])).toBeGreaterThan(0.4);
    expect(share('茶叶', ['西藏', '新疆', '内蒙古'])).toBeLessThan(0.1);
    expect(share('生猪', ['新疆', '宁夏'])).toBe(0);
  });

  it('makes rare industries scarce among national experts', () => {
    const national = new Set(instance.experts.filter((e) => e.level === 'national').map((e) => e.id));
    const holders = (industry: string): number => new Set(instance.skills.filter((s) => s.industry === industry && national.has(s.expertId)).map((s) => s.expertId)).size;
    expect(holders('养蜂')).toBeLessThan(holders('蔬菜') / 10);
    expect(holders('养蜂')).toBeGreaterThan(0);
  });

  it('has eastern experts for every paired county, but not many times more than needed', () => {
    const audit = auditInstance(instance);
    expect(audit.filter((a) => a.partners.length > 0 && a.east < 2)).toEqual([]);
    // 北京 hosts most national institutes and 福建 has 3 counties: leave them out of the ratio.
    const provinces = EAST_PROVINCES.filter((p) => p !== '北京' && p !== '福建');
    const paired = audit.filter((a) => a.partners.some((p) => provinces.includes(p))).length;
    const pool = instance.experts.filter((e) => provinces.includes(e.province)).length;
    expect(pool / paired).toBeGreaterThan(2);
    expect(pool / paired).toBeLessThan(6);
  });

  it('lets organizations hold several experts (S4 can bind) and overrides a few group sizes', () => {
    const sizes = [...groupBy(instance.experts, (e) => e.organization).values()].map((l) => l.length);
    expect(sizes.filter((n) => n > 3).length).toBeGreaterThan(100);
    const overrides = instance.counties.filter((c) => c.groupMin !== undefined);
    expect(overrides.length).toBeGreaterThan(0);
    expect(overrides.length).toBeLessThan(instance.counties.length * 0.05);
    for (const c of overrides) expect(c.groupMin ?? 0).toBeLessThanOrEqual(c.groupMax ?? 0);
  });

  it('has about 1% vetoes among a few affinities per county, and no pins', () => {
    const vetoes = instance.affinities.filter((a) => a.veto).length;
    expect(instance.affinities.length / instance.counties.length).toBeGreaterThan(3);
    expect(instance.affinities.length / instance.counties.length).toBeLessThan(5);
    expect(vetoes / instance.affinities.length).toBeLessThan(0.03);
    expect(instance.pins).toEqual([]);
  });
});

describe('structural feasibility', () => {
  it.each([1, 2, 3, 4, 5])('demo seed %i: every county has a leader candidate, locals, east experts, 8+ candidates, holders of its required needs', (seed) => {
    const instance = instanceOf('demo', seed);
    expect(instance.counties.length).toBe(12);
    expect(new Set(instance.counties.map((c) => c.province))).toEqual(new Set(['四川', '贵州', '甘肃']));
    for (const a of auditInstance(instance)) {
      expect(a.national, a.countyId).toBeGreaterThanOrEqual(1);
      expect(a.locals, a.countyId).toBeGreaterThanOrEqual(1);
      expect(a.partners.length, a.countyId).toBeGreaterThan(0);
      expect(a.east, a.countyId).toBeGreaterThanOrEqual(1);
      expect(a.candidates, a.countyId).toBeGreaterThanOrEqual(8);
      for (const r of a.required) expect(r.specific, `${a.countyId} ${r.key}`).toBeGreaterThanOrEqual(1);
    }
  });

  it.each(['tiny', 'province', 'national'] as const)('%s: every county passes the same structural checks', (name) => {
    for (const a of auditInstance(instanceOf(name, 1))) {
      expect(a.national).toBeGreaterThanOrEqual(1);
      expect(a.locals).toBeGreaterThanOrEqual(1);
      if (a.partners.length > 0) expect(a.east).toBeGreaterThanOrEqual(1);
      expect(a.candidates).toBeGreaterThanOrEqual(8);
      for (const r of a.required) expect(r.holders, `${a.countyId} ${r.key}`).toBeGreaterThanOrEqual(1);
    }
  });

  it('demo pairs 四川 with 浙江, 贵州 with 广东, and 甘肃 county by county with both 天津 and 山东', () => {
    for (const seed of [1, 2, 3]) {
      const instance = instanceOf('demo', seed);
      const province = instance.pairings.filter((p) => p.countyId === undefined).map((p) => `${p.westProvince}-${p.eastProvince}`).sort();
      expect(province).toEqual(['四川-浙江', '贵州-广东'].sort());
      expect(new Set(instance.pairings.filter((p) => p.countyId !== undefined).map((p) => p.eastProvince))).toEqual(new Set(['天津', '山东']));
    }
  });
});

describe('knobs', () => {
  it('pins a national leader and a local for the asked number of counties', () => {
    const instance = generateInstance({ counties: 40, provinces: ['四川'], pins: 5 }, 4);
    const experts = new Map(instance.experts.map((e) => [e.id, e]));
    const byCounty = groupBy(instance.pins, (p) => p.countyId);
    expect(byCounty.size).toBe(5);
    for (const [countyId, pins] of byCounty) {
      const leader = pins.filter((p) => p.role === 'leader');
      expect(leader.length).toBe(1);
      expect(experts.get(leader[0]?.expertId ?? '')?.level).toBe('national');
      expect(experts.get(leader[0]?.expertId ?? '')?.homeCounty).toBeUndefined();
      for (const p of pins.filter((x) => x.role === 'local')) expect(experts.get(p.expertId)?.homeCounty).toBe(countyId);
    }
    expect(new Set(instance.pins.map((p) => p.expertId)).size).toBe(instance.pins.length);
  });

  it('labels batches in the province preset', () => {
    const batches = new Set(instanceOf('province', 1).counties.map((c) => c.batch));
    expect(batches).toContain('1');
    expect(batches).toContain('2');
  });

  it('makes hard counties require a rare need beyond production', () => {
    const instance = generateInstance({ counties: 100, provinces: ['四川', '陕西'], hardRate: 1 }, 2);
    const rare = new Set(['养蜂', '青稞', '蚕桑', '花椒']);
    const needs = groupBy(instance.needs, (n) => n.countyId);
    for (const c of instance.counties) {
      expect((needs.get(c.id) ?? []).some((n) => n.required && rare.has(n.industry) && n.stage !== 'production'), c.id).toBe(true);
    }
  });
});
