/**
 * Invariants every solver's result must hold, as assertions shared by the
 * property files.
 */
import { expect } from 'vitest';
import { checkSolution } from '../../src/testing.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { close } from './solvers.js';

/** The result passes the independent checker, which recomputes the same objective and matched count. */
export function expectChecked(instance: Instance, options: OptionsInput, result: SolveResult): void {
  const report = checkSolution(instance, result, options);
  expect(report.violations).toEqual([]);
  expect(report.matchedCounties).toBe(result.summary.matchedCounties);
  expect(close(report.objective, result.summary.objective), `checker objective ${report.objective} vs summary ${result.summary.objective}`).toBe(true);
}

/**
 * No data lost: every input county appears exactly once, in a group or in
 * `unmatched` (never both, never twice, never an unknown one); every expert
 * serves or is counted free (expertsUsed + expertsFree = experts); no pair
 * is listed twice; the counts in the summary are those of the rows.
 */
export function expectNoDataLost(instance: Instance, result: SolveResult): void {
  const countyIds = new Set(instance.counties.map((c) => c.id));
  const expertIds = new Set(instance.experts.map((e) => e.id));
  const grouped = new Set(result.assignments.map((a) => a.countyId));
  const unmatched = result.unmatched.map((u) => u.countyId);
  expect(new Set(unmatched).size, 'a county listed twice as unmatched').toBe(unmatched.length);
  for (const id of unmatched) expect(grouped.has(id), `county ${id} both grouped and unmatched`).toBe(false);
  const seen = [...grouped, ...unmatched].sort();
  expect(seen).toEqual([...countyIds].sort());
  const pairs = result.assignments.map((a) => JSON.stringify([a.countyId, a.expertId]));
  expect(new Set(pairs).size, 'a county–expert pair listed twice').toBe(pairs.length);
  for (const a of result.assignments) expect(expertIds.has(a.expertId), `unknown expert ${a.expertId}`).toBe(true);
  const used = new Set(result.assignments.map((a) => a.expertId));
  const s = result.summary;
  expect(s.totalCounties).toBe(instance.counties.length);
  expect(s.matchedCounties).toBe(grouped.size);
  expect(s.expertsUsed).toBe(used.size);
  expect(s.expertsUsed + s.expertsFree).toBe(instance.experts.length);
}
