/**
 * `solve` takes an instance that `validateInstance` itself returned, under
 * the same validation options, as it is (the command line reads and
 * validates first; validating again cost 1.7 s on national-x10): the
 * validated instance is frozen, so what was judged cannot change, and the
 * warnings the first validation gave are the result's.
 */
import { describe, expect, it } from 'vitest';
import { validateInstance } from '../../src/io/validate.js';
import { solve } from '../../src/solve/solve.js';
import { aff, county, makeInstance, pairWest, poolFor } from '../helpers/instance.js';

const instance = makeInstance({
  counties: [county('c1'), county('key', { name: '重点县', keyCounty: true })],
  needs: [{ countyId: 'c1', industry: 'tea', stage: 'production' }],
  experts: [...poolFor('c1', { east: true }), ...poolFor('key', { east: true })],
  pairings: [pairWest()],
  affinities: [aff('c1', 'c1-M1', 3)],
});

describe('solve on an instance validated before', () => {
  it('keeps the first validation\'s warnings (the skipped key county) instead of validating the reduced instance again', async () => {
    const report = validateInstance(instance, { keyCounties: 'skip', source: 'round' });
    expect(report.issues).toEqual([]);
    expect(report.warnings.length).toBeGreaterThan(0);
    const result = await solve(report.instance, { keyCounties: 'skip', solver: 'scalable', timeLimit: 10 });
    if (result.status === 'invalid') throw new Error('refused');
    // Validated again, the reduced instance has no key county left and so no warning: the warnings would be lost.
    expect(result.warnings).toEqual(report.warnings);
  });

  it('validates again when the options that judge validity differ', async () => {
    const report = validateInstance(instance, { keyCounties: 'skip', source: 'round' });
    const result = await solve(report.instance, { keyCounties: 'skip', groupMax: 11, solver: 'scalable', timeLimit: 10 });
    if (result.status === 'invalid') throw new Error('refused');
    expect(result.warnings.every((w) => w.file.startsWith('instance'))).toBe(true);
  });

  it('freezes what it judged, so a later edit cannot slip past validation', () => {
    const { instance: valid, issues } = validateInstance(instance, { keyCounties: 'skip' });
    expect(issues).toEqual([]);
    expect(() => (valid.counties as unknown[]).push({ id: 'x' })).toThrow(TypeError);
    expect(() => { (valid.experts[0] as { capacity: number }).capacity = 99; }).toThrow(TypeError);
  });
});
