/**
 * Solving helpers: run `solveExact` on an instance with one engine, with all
 * rules or with one rule's constraints dropped, and read groups back.
 */
import { expect } from 'vitest';
import type { LinearEngine } from '../../src/model/linear.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Assignment, Instance } from '../../src/model/schemas.js';
import type { Rule, RuleId, Violation } from '../../src/rules/types.js';
import { MODEL_RULES } from '../../src/solve/build-model.js';
import { jsLpEngine } from '../../src/solve/engines/jslp.js';
import { SolverBugError } from '../../src/solve/errors.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { checkSolution } from '../../src/check/check-solution.js';
import { makeContext } from './instance.js';

/** Settings of `solveWith`. */
export interface SolveWith {
  engine?: LinearEngine;
  rules?: readonly Rule[];
}

/** `solveExact` on the instance (jsLpEngine by default). */
export function solveWith(instance: Instance, options: OptionsInput = {}, settings: SolveWith = {}): Promise<SolveResult> {
  const ctx = makeContext(instance, options);
  return solveExact(ctx, { engine: settings.engine ?? jsLpEngine, startedAt: Date.now(), ...(settings.rules ? { rules: settings.rules } : {}) });
}

/** `MODEL_RULES` without rule `id`. */
export function withoutRule(id: RuleId): readonly Rule[] {
  const rules = MODEL_RULES.filter((r) => r.id !== id);
  expect(rules.length, `${id} must be one of MODEL_RULES`).toBe(MODEL_RULES.length - 1);
  return rules;
}

/** Solves with `rules` and returns the violations of the SolverBugError it must throw. */
export async function violationsWith(instance: Instance, options: OptionsInput, rules: readonly Rule[], engine?: LinearEngine): Promise<readonly Violation[]> {
  let caught: unknown;
  try {
    await solveWith(instance, options, { rules, ...(engine ? { engine } : {}) });
  } catch (error) {
    caught = error;
  }
  expect(caught, 'the solve must throw SolverBugError').toBeInstanceOf(SolverBugError);
  return (caught as SolverBugError).violations;
}

/** Solves with rule `id` dropped and returns the violations of `id` (asserting there is at least one). */
export async function violationsWithout(instance: Instance, options: OptionsInput, id: RuleId, engine?: LinearEngine): Promise<Violation[]> {
  const all = await violationsWith(instance, options, withoutRule(id), engine);
  const mine = all.filter((v) => v.rule === id);
  expect(mine.length, `violations of ${id} among ${JSON.stringify(all)}`).toBeGreaterThan(0);
  return mine;
}

/** The groups of a result: county → its assignments. */
export function groupsOf(result: SolveResult): Map<string, Assignment[]> {
  const out = new Map<string, Assignment[]>();
  for (const a of result.assignments) {
    const list = out.get(a.countyId);
    if (list) list.push(a);
    else out.set(a.countyId, [a]);
  }
  return out;
}

/** The group of one county (fails when the county is unmatched). */
export function groupOf(result: SolveResult, countyId: string): Assignment[] {
  const g = groupsOf(result).get(countyId);
  expect(g, `county ${countyId} must be matched; unmatched: ${JSON.stringify(result.unmatched)}`).toBeDefined();
  return g ?? [];
}

/** Expert ids of a group with the given role (or every member). */
export function idsOf(group: readonly Assignment[], role?: Assignment['role']): string[] {
  return group.filter((a) => role === undefined || a.role === role).map((a) => a.expertId).sort();
}

/** Asserts the result passes the independent checker (again) and returns it. */
export function expectValid(instance: Instance, options: OptionsInput, result: SolveResult): SolveResult {
  const report = checkSolution(instance, result, options);
  expect(report.violations).toEqual([]);
  expect(report.ok).toBe(true);
  return result;
}
