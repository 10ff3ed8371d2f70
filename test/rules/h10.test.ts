/**
 * H10: the plan covers poverty-alleviated counties outside the national key
 * assistance counties. A key county is refused at validation with a
 * `key-county` issue, or skipped with a warning under `keyCounties: 'skip'`
 * (together with its needs, county-level pairings, affinities and pins);
 * it never reaches a solver.
 */
import { describe, expect, it } from 'vitest';
import { validateInstance } from '../../src/io/validate.js';
import { H10_POLICY, isKeyCounty, keyCountyMessage } from '../../src/rules/h10-key-county.js';
import { SOLUTION_RULES } from '../../src/rules/index.js';
import { MODEL_RULES } from '../../src/solve/build-model.js';
import { aff, county, makeInstance, pairWest, poolFor } from '../helpers/instance.js';
import { expectValid, solveWith } from '../helpers/solve.js';

const instance = makeInstance({
  counties: [county('c1'), county('key', { name: '重点县', keyCounty: true }), county('c3')],
  needs: [{ countyId: 'key', industry: 'tea', stage: 'production' }, { countyId: 'c1', industry: 'tea', stage: 'production' }],
  experts: [...poolFor('c1', { east: true }), ...poolFor('key', { east: true }), ...poolFor('c3', { east: true })],
  pairings: [pairWest(), { eastProvince: 'E', westProvince: 'W', countyId: 'key' }],
  affinities: [aff('key', 'c1-M1', 3), aff('c1', 'c1-M1', 3)],
  pins: [{ countyId: 'key', expertId: 'key-N', role: 'leader' }],
});

describe('H10 key counties', () => {
  it('is an input rule: neither in the model nor in the solution checks', () => {
    expect(MODEL_RULES.map((r) => r.id)).not.toContain('H10');
    expect(SOLUTION_RULES.map((r) => r.id)).not.toContain('H10');
    expect(isKeyCounty({ keyCounty: true })).toBe(true);
    expect(isKeyCounty({ keyCounty: false })).toBe(false);
    expect(H10_POLICY).toContain('国家乡村振兴重点帮扶县');
  });

  it('names the county and the fix in its messages', () => {
    expect(keyCountyMessage({ id: 'k1', name: '某县' }, false)).toMatch(/k1 某县.*国家乡村振兴重点帮扶县.*\(H10\).*skipped/);
    expect(keyCountyMessage({ id: 'k1', name: '' }, true)).toMatch(/^county k1 is .*\(H10\): skipped$/);
  });

  it('refuses a key county with a key-county issue located at its row and field', () => {
    const report = validateInstance(instance);
    expect(report.issues).toEqual([expect.objectContaining({ code: 'key-county', file: 'instance#counties', line: 3, field: 'keyCounty' })]);
    expect(report.issues[0]?.message).toContain('key');
    expect(report.issues[0]?.message).toContain('重点县');
    expect(report.warnings).toEqual([]);
    // The refusal is the default, and the same as asking for it.
    expect(validateInstance(instance, { keyCounties: 'refuse' }).issues).toEqual(report.issues);
  });

  it("skips a key county with a warning under keyCounties: 'skip', with everything that hangs on it", () => {
    const report = validateInstance(instance, { keyCounties: 'skip' });
    expect(report.issues).toEqual([]);
    // The county, then its local scientists, who leave with it (issue #9 E4).
    expect(report.warnings).toEqual([0, 1].map(() => expect.objectContaining({ code: 'key-county', file: 'instance#counties', line: 3, field: 'keyCounty' })));
    expect(report.warnings[0]?.message).toMatch(/skipped/);
    expect(report.warnings[1]?.message).toMatch(/local scientists/);
    const kept = report.instance;
    expect(kept.counties.map((c) => c.id)).toEqual(['c1', 'c3']);
    expect(kept.needs.map((n) => n.countyId)).toEqual(['c1']);
    expect(kept.pairings).toEqual([{ eastProvince: 'E', westProvince: 'W' }]);
    expect(kept.affinities.map((a) => a.countyId)).toEqual(['c1']);
    expect(kept.pins).toEqual([]);
    // The other experts stay in the pool; the key county's local scientists serve only it (H5), so they leave with it (issue #9 E4).
    expect(kept.experts).toEqual(instance.experts.filter((e) => e.homeCounty !== 'key'));
    expect(kept.experts.length).toBeLessThan(instance.experts.length);
  });

  it('the skipped round solves without the key county', async () => {
    const kept = validateInstance(instance, { keyCounties: 'skip' }).instance;
    const options = { groupMin: 3, groupMax: 5 };
    const result = expectValid(kept, options, await solveWith(kept, options));
    expect(result.summary.totalCounties).toBe(2);
    expect(new Set(result.assignments.map((a) => a.countyId))).toEqual(new Set(['c1', 'c3']));
    expect(result.unmatched.map((u) => u.countyId)).not.toContain('key');
  });
});
