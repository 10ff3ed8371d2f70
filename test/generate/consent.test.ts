/**
 * The generator's consent knob (`consentCandidates`, `consentRate`): off by
 * default, so generated rounds are what they were; on, affinity.csv states
 * both answers for the experts each county names, and the round can be
 * solved with `consent: 'required'`.
 */
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import { PRESETS, resolvePresetSpec } from '../../src/generate/presets.js';
import { validateInstance } from '../../src/io/validate.js';
import { diagnoseAll } from '../../src/explain/diagnose.js';
import { buildContext } from '../../src/rules/context.js';
import { resolveOptions } from '../../src/model/options.js';
import type { Affinity, Instance } from '../../src/model/schemas.js';

const strip = ({ countyConsents: _c, expertConsents: _e, ...rest }: Affinity): Affinity => rest;
const key = (a: Pick<Affinity, 'countyId' | 'expertId'>): string => `${a.countyId}|${a.expertId}`;
const withKnob = (preset: keyof typeof PRESETS, seed: number, knobs: { consentCandidates: number; consentRate?: number; pins?: number }): Instance =>
  generateInstance({ ...PRESETS[preset].spec, ...knobs }, seed);

describe('consent knob off (the default)', () => {
  it('states no consent anywhere', () => {
    expect(resolvePresetSpec('national').consentCandidates).toBe(0);
    for (const preset of ['tiny', 'demo', 'province'] as const) {
      const inst = generateInstance(preset, 1);
      expect(inst.affinities.filter((a) => a.countyConsents !== undefined || a.expertConsents !== undefined)).toEqual([]);
    }
  });

  it('on, only affinity rows change: every other list, and every earlier row without its answers, is as before', () => {
    for (const seed of [1, 2]) {
      const off = generateInstance('demo', seed);
      const on = withKnob('demo', seed, { consentCandidates: 20 });
      expect({ ...on, affinities: [] }).toEqual({ ...off, affinities: [] });
      const before = new Set(off.affinities.map(key));
      expect(on.affinities.filter((a) => before.has(key(a))).map(strip)).toEqual(off.affinities);
      expect(on.affinities.length).toBeGreaterThan(off.affinities.length);
    }
  });
});

describe('consent knob on', () => {
  const inst = withKnob('province', 1, { consentCandidates: 20, pins: 5 });

  it('is deterministic, sorted, one row per pair', () => {
    expect(withKnob('province', 1, { consentCandidates: 20, pins: 5 })).toEqual(inst);
    const keys = inst.affinities.map(key);
    expect(new Set(keys).size).toBe(keys.length);
    expect([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0))).toEqual(keys);
  });

  it('names about consentCandidates experts per county, its own locals among them, with a consentRate share of double yes', () => {
    const named = inst.affinities.filter((a) => a.countyConsents !== undefined || a.expertConsents !== undefined);
    const perCounty = named.length / inst.counties.length;
    expect(perCounty).toBeGreaterThan(15);
    expect(perCounty).toBeLessThan(26);
    const both = named.filter((a) => a.countyConsents === true && a.expertConsents === true).length / named.length;
    expect(both).toBeGreaterThan(0.78);
    expect(both).toBeLessThan(0.92);
    const locals = inst.experts.filter((e) => e.homeCounty !== undefined);
    const namedPairs = new Set(named.map(key));
    expect(locals.every((e) => namedPairs.has(`${e.homeCounty}|${e.id}`))).toBe(true);
    expect(named.filter((a) => a.veto)).toEqual([]);
  });

  it('pins are consent given; validation with consent required accepts the round', () => {
    expect(inst.pins.length).toBeGreaterThan(0);
    const rows = new Map(inst.affinities.map((a) => [key(a), a]));
    for (const p of inst.pins) expect(rows.get(key(p))).toMatchObject({ countyConsents: true, expertConsents: true });
    const checked = validateInstance(inst, { consent: 'required' });
    expect(checked.issues).toEqual([]);
    expect(checked.warnings.filter((w) => w.code === 'inconsistent-pin')).toEqual([]);
  });

  it('consentRate 1: most counties can form a group from consenting experts alone', () => {
    const all = withKnob('province', 1, { consentCandidates: 20, consentRate: 1 });
    const named = all.affinities.filter((a) => a.countyConsents !== undefined);
    expect(named.every((a) => a.countyConsents === true && a.expertConsents === true)).toBe(true);
    const ctx = buildContext(all, resolveOptions({ consent: 'required' }));
    expect(diagnoseAll(ctx).size).toBeLessThan(all.counties.length / 5);
  });

  it('refuses bad knobs', () => {
    expect(() => resolvePresetSpec({ counties: 3, consentCandidates: -1 })).toThrow(/consentCandidates/);
    expect(() => resolvePresetSpec({ counties: 3, consentCandidates: 2.5 })).toThrow(/consentCandidates/);
    expect(() => resolvePresetSpec({ counties: 3, consentRate: 1.5 })).toThrow(/consentRate/);
  });
});
