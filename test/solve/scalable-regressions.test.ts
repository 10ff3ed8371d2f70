/**
 * Rounds the properties found against the scalable solver, kept as fixtures
 * (test/solve/fixtures, each with a `note` on what went wrong), and what a
 * solve that cannot start in time returns.
 */
import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { highsEngine } from '../../src/solve/engines/highs.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { solveScalable } from '../../src/solve/scalable/index.js';
import { makeContext } from '../helpers/instance.js';
import { expectValid } from '../helpers/solve.js';

const TOLERANCE = 1e-6;

/** A fixture: the round and options, and what went wrong. */
interface Fixture {
  note: string;
  instance: Instance;
  options: OptionsInput;
}

function fixture(name: string): Fixture {
  return JSON.parse(readFileSync(new URL(`./fixtures/${name}`, import.meta.url), 'utf8')) as Fixture;
}

function pinnedMatched(instance: Instance, result: SolveResult): number {
  const pinned = new Set(instance.pins.map((p) => p.countyId));
  return new Set(result.assignments.map((a) => a.countyId).filter((c) => pinned.has(c))).size;
}

async function againstOptimum(name: string): Promise<{ ours: SolveResult; best: SolveResult; instance: Instance }> {
  const { instance, options } = fixture(name);
  const ours = expectValid(instance, options, await solveScalable(makeContext(instance, options), { startedAt: Date.now() }));
  const best = await solveExact(makeContext(instance, options), { engine: highsEngine, startedAt: Date.now() });
  expect(best.status).toBe('optimal');
  expect(ours.summary.objective).toBeLessThanOrEqual(ours.summary.upperBound + TOLERANCE);
  if (best.summary.matchedCounties >= ours.summary.matchedCounties) expect(ours.summary.upperBound).toBeGreaterThanOrEqual(best.summary.objective - TOLERANCE);
  return { ours, best, instance };
}

describe('scalable solver: rounds the properties found', () => {
  it('bounds a county whose only reachable coverer of a required need has a wildcard industry (its signature mate is vetoed)', async () => {
    const { ours, best } = await againstOptimum('vetoed-coverer-bound.json');
    expect(ours.summary.matchedCounties).toBe(best.summary.matchedCounties);
    expect(ours.unmatched.map((u) => u.reasonCode)).not.toContain('required-need-uncovered');
  });

  it('matches one of two pinned counties that each need the pinned expert of the other (H9)', async () => {
    const { ours, best, instance } = await againstOptimum('pins-reserved-for-each-other.json');
    expect(pinnedMatched(instance, ours)).toBe(pinnedMatched(instance, best));
    expect(pinnedMatched(instance, ours)).toBe(1);
  });

  it('never forms a group without its pin once another pinned county took over the pinned seat (H9)', async () => {
    const { ours, best, instance } = await againstOptimum('pin-seat-taken-over.json');
    expect(pinnedMatched(instance, ours)).toBe(pinnedMatched(instance, best));
  });
});

describe('scalable solver: a time limit that runs out before it can start', () => {
  it('returns no group, every county not-solved saying why, with status time-limit and a valid bound', async () => {
    const instance = generateInstance('demo', 1);
    const options = { timeLimit: 1, seed: 1 };
    // As if reading and validating the round had taken 0.9 s of the 1 s limit.
    const result = expectValid(instance, options, await solveScalable(makeContext(instance, options), { startedAt: Date.now() - 900 }));
    expect(result.status).toBe('time-limit');
    expect(result.assignments).toEqual([]);
    expect(result.unmatched).toHaveLength(instance.counties.length);
    for (const u of result.unmatched) {
      expect(u.reasonCode).toBe('not-solved');
      expect(u.detail).toContain('before the solver could start');
    }
    const full = await solveScalable(makeContext(instance, { seed: 1 }), { startedAt: Date.now() });
    expect(result.summary.upperBound).toBeGreaterThanOrEqual(full.summary.objective);
    expect(result.summary.inputHash).toBe(full.summary.inputHash);
  });
});
