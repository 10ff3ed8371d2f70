import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRESETS, PRESET_NAMES, generateInstance, resolvePresetSpec, type PresetName } from '../../src/generate/index.js';
import { InstanceSchema } from '../../src/model/schemas.js';
import { instanceOf } from './helpers.js';

/** Presets small enough to generate many times in a test (national-x10 has its own test below). */
const TESTED: readonly PresetName[] = ['tiny', 'demo', 'province', 'region', 'national'];

describe('determinism', () => {
  it('gives a deep-equal instance for the same preset and seed', () => {
    for (const name of TESTED) expect(generateInstance(name, 5)).toEqual(instanceOf(name, 5));
  });

  it('is deterministic for any seed (tiny)', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 31), max: 2 ** 31 }), (seed) => {
        expect(generateInstance('tiny', seed)).toEqual(generateInstance('tiny', seed));
      }),
      { numRuns: 25 },
    );
  });

  it('gives different instances for different seeds', () => {
    for (const name of TESTED) expect(instanceOf(name, 1)).not.toEqual(instanceOf(name, 2));
    expect(instanceOf('demo', 1).experts).not.toEqual(instanceOf('demo', 2).experts);
    expect(instanceOf('demo', 1).needs).not.toEqual(instanceOf('demo', 2).needs);
  });

  it('keeps counties and experts when only the preference knobs change', () => {
    const base = { counties: 20, provinces: ['贵州', '云南'] } as const;
    const a = generateInstance(base, 3);
    const b = generateInstance({ ...base, affinitiesPerCounty: 9, vetoRate: 0.5 }, 3);
    expect(b.counties).toEqual(a.counties);
    expect(b.experts).toEqual(a.experts);
    expect(b.skills).toEqual(a.skills);
    expect(b.affinities).not.toEqual(a.affinities);
  });
});

describe('presets', () => {
  it('lists every preset with a description and a spec that resolves', () => {
    expect(Object.keys(PRESETS)).toEqual([...PRESET_NAMES]);
    for (const name of PRESET_NAMES) {
      const info = PRESETS[name];
      expect(info.name).toBe(name);
      expect(info.description.length).toBeGreaterThan(20);
      expect(() => resolvePresetSpec(name)).not.toThrow();
    }
  });

  it.each(TESTED)('%s stays within its documented sizes over several seeds', (name) => {
    const { expected } = PRESETS[name];
    const seeds = name === 'national' ? [1, 2] : [1, 2, 3, 4, 5, 6];
    for (const seed of seeds) {
      const instance = instanceOf(name, seed);
      const sizes = { counties: instance.counties.length, experts: instance.experts.length, needs: instance.needs.length, skills: instance.skills.length };
      for (const key of ['counties', 'experts', 'needs', 'skills'] as const) {
        const [lo, hi] = expected[key];
        expect(sizes[key], `${name} seed ${seed} ${key}`).toBeGreaterThanOrEqual(lo);
        expect(sizes[key], `${name} seed ${seed} ${key}`).toBeLessThanOrEqual(hi);
      }
    }
  });

  it.each(TESTED)('%s passes InstanceSchema.parse unchanged', (name) => {
    const instance = instanceOf(name, 1);
    expect(InstanceSchema.parse(instance)).toEqual(instance);
  });

  it('national-x10 has its documented sizes and fresh ids per replica', () => {
    const started = performance.now();
    const instance = generateInstance('national-x10', 1);
    const seconds = (performance.now() - started) / 1000;
    const { expected } = PRESETS['national-x10'];
    expect(instance.counties.length).toBe(expected.counties[0]);
    expect(instance.experts.length).toBe(expected.experts[0]);
    expect(instance.needs.length).toBeGreaterThanOrEqual(expected.needs[0]);
    expect(instance.needs.length).toBeLessThanOrEqual(expected.needs[1]);
    expect(instance.skills.length).toBeGreaterThanOrEqual(expected.skills[0]);
    expect(instance.skills.length).toBeLessThanOrEqual(expected.skills[1]);
    expect(new Set(instance.counties.map((c) => c.id)).size).toBe(instance.counties.length);
    expect(new Set(instance.counties.map((c) => c.name)).size).toBe(instance.counties.length);
    expect(new Set(instance.experts.map((e) => e.id)).size).toBe(instance.experts.length);
    expect(instance.counties.every((c) => /^\d{6}-(0[1-9]|10)$/.test(c.id))).toBe(true);
    // Generous: it takes ~2–3 s alone; the bound guards against quadratic slips.
    expect(seconds).toBeLessThan(25);
  });
});

describe('PresetSpec', () => {
  it('spreads custom counties over the chosen provinces', () => {
    const instance = generateInstance({ counties: 30, provinces: ['云南', '宁夏'], expertsPerCounty: 15 }, 2);
    expect(instance.counties.length).toBe(30);
    expect(new Set(instance.counties.map((c) => c.province))).toEqual(new Set(['云南', '宁夏']));
    expect(instance.experts.length).toBe(450);
  });

  it('refuses unknown presets, provinces, bad knobs and seeds', () => {
    expect(() => generateInstance('huge' as PresetName, 1)).toThrow(/unknown preset/);
    expect(() => generateInstance({ counties: 5, provinces: ['浙江'] }, 1)).toThrow(/no poverty-alleviated counties/);
    expect(() => generateInstance({ counties: 5, provinces: ['火星'] }, 1)).toThrow(/unknown province/);
    expect(() => generateInstance({ counties: 0 }, 1)).toThrow(RangeError);
    expect(() => generateInstance({ counties: 5, scarcity: 2 }, 1)).toThrow(/scarcity/);
    expect(() => generateInstance('tiny', 0.5)).toThrow(/seed/);
  });

  it('keeps 6-digit codes unique when counties exceed the table, and refuses what does not fit', () => {
    const instance = generateInstance({ counties: 20, provinces: ['宁夏'], expertsPerCounty: 12 }, 1);
    expect(new Set(instance.counties.map((c) => c.id)).size).toBe(20);
    expect(() => generateInstance({ counties: 300, provinces: ['宁夏'] }, 1)).toThrow(/replicas/);
  });
});
