import { describe, expect, it } from 'vitest';
import { validateInstance } from '../../src/io/validate.js';
import type { Instance } from '../../src/model/schemas.js';
import { EXPECTED } from './helpers.js';

const clone = (): Instance => structuredClone(EXPECTED);
const where = (r: ReturnType<typeof validateInstance>): string[] => r.issues.map((i) => `${i.file}:${i.line} ${i.field} ${i.code}`);

describe('validateInstance on a typed instance', () => {
  it('accepts a valid instance and returns it unchanged', () => {
    const r = validateInstance(EXPECTED);
    expect(r.issues).toEqual([]);
    expect(r.warnings).toEqual([]);
    expect(r.instance).toEqual(EXPECTED);
  });

  it('fills defaults of an instance written by hand', () => {
    const r = validateInstance({
      counties: [{ id: 'c1', province: '四川' }],
      experts: [{ id: 'e1', province: '北京', level: 'national' }],
    });
    expect(r.issues).toEqual([]);
    expect(r.instance.counties[0]).toEqual({ id: 'c1', name: '', province: '四川', prefecture: '', keyCounty: false, eastPartner: [] });
    expect(r.instance.needs).toEqual([]);
  });

  it('locates problems as source#list, line = index + 2, field = camelCase key', () => {
    const x = clone();
    x.skills[2]!.proficiency = 5;
    x.experts[1]!.homeCounty = 'c9';
    // A copy with a cell changed: an exact copy is only a warning (issue #9 E2).
    x.counties.push({ ...x.counties[0]!, name: '另一个县' });
    const r = validateInstance(x, { source: 'round.json' });
    expect(where(r)).toEqual([
      'round.json#skills:4 proficiency bad-value',
      'round.json#counties:4 id duplicate-id',
      'round.json#experts:3 homeCounty unknown-reference',
    ]);
    expect(r.issues[0]).toMatchObject({ value: '5', message: 'proficiency must be at most 3' });
    expect(r.issues[1]!.message).toContain('round.json#counties:2');
  });

  it('reports a non-object entry, a missing required field and a wrong type', () => {
    const r = validateInstance({
      counties: [42 as never, { id: 'c1' } as never],
      experts: [{ id: 'e1', province: '北京', level: 'national', capacity: '2' as never }],
    });
    expect(where(r)).toEqual([
      'instance#counties:2  bad-row',
      'instance#counties:3 province missing-value',
      'instance#experts:2 capacity bad-value',
    ]);
    expect(r.issues[2]!.message).toBe('capacity must be a number');
  });

  it('checks pins against levels given in options', () => {
    const x = clone();
    x.pins = [{ countyId: 'c2', expertId: 'e4', role: 'leader' }];
    expect(where(validateInstance(x))).toEqual(['instance#pins:2 role inconsistent-pin']);
    x.pins = [{ countyId: 'c1', expertId: 'e3', role: 'leader' }];
    x.experts[2]!.level = 'provincial';
    expect(validateInstance(x, { leaderLevels: ['national', 'provincial'] }).issues).toEqual([]);
  });

  it('refuses pins that load an expert beyond capacity (H2)', () => {
    const x = clone();
    x.pins = [{ countyId: 'c1', expertId: 'e3' }, { countyId: 'c2', expertId: 'e3' }];
    expect(where(validateInstance(x))).toEqual(['instance#pins:3 expertId inconsistent-pin']);
    expect(validateInstance(x, { defaultCapacity: 2 }).issues).toEqual([]);
    x.pins = [{ countyId: 'c1', expertId: 'e1' }, { countyId: 'c2', expertId: 'e1' }];
    expect(validateInstance(x).issues).toEqual([]);
  });

  it('skips key counties and keeps locations of what remains', () => {
    const x = clone();
    x.counties[0]!.keyCounty = true;
    const refused = validateInstance(x);
    expect(where(refused)).toEqual(['instance#counties:2 keyCounty key-county']);
    const r = validateInstance(x, { keyCounties: 'skip' });
    expect(r.issues).toEqual([]);
    // The county, then its local scientist e2, who leaves with it (issue #9 E4).
    expect(r.warnings.map((w) => w.code)).toEqual(['key-county', 'key-county']);
    expect(r.warnings[1]!.message).toContain('e2');
    expect(r.instance.experts.map((e) => e.id)).toEqual(['e1', 'e3', 'e4']);
    expect(r.instance.counties.map((c) => c.id)).toEqual(['c2']);
    expect(r.instance.pins).toEqual([]);
    expect(r.instance.needs.map((n) => n.countyId)).toEqual(['c2']);
    expect(r.sources.line('counties', 0)).toBe(3);
    expect(r.sources.line('needs', 0)).toBe(4);
  });
});
