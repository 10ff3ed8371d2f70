/**
 * javascript-lp-solver behind the `LinearEngine` interface. Guards the
 * measured quirks (DESIGN section 5): both `feasible` and `bounded` are
 * checked before any value is read, the objective's attribute name is kept
 * apart from every constraint name, an answer past the timeout is reported
 * as unproven, and every answer's values are checked against the model
 * (`verify.ts`): junk values are an engine failure (`rejected`).
 *
 * Reliable on small models (a single county's group: tens of candidates);
 * the whole round goes to HiGHS (`highs.ts`).
 */
import * as jslp from 'javascript-lp-solver';
import type { LinearEngine, LinearModel, LinearSolution } from '../../model/linear.js';
import { acceptAnswer, objectiveAt } from './verify.js';

type SolveFn = (model: Record<string, unknown>) => Record<string, unknown>;
// The package's ESM build exports the solver as `default`, its CommonJS build as the module itself.
const jslpModule = jslp as unknown as { default?: { Solve: SolveFn }; Solve?: SolveFn };
const jslpSolver = (jslpModule.default ?? jslpModule) as { Solve: SolveFn };
// `Solve` reads `this`, so it is called as a method.
const solveJsLp: SolveFn = (model) => jslpSolver.Solve(model);

/** The objective's attribute: no constraint may share it, or the library silently drops that row. */
const OBJECTIVE = '__objective__';

type JsConstraint = { min?: number; max?: number; equal?: number };

/** Translates a `LinearModel` into javascript-lp-solver's JSON model. */
export function toJsLpModel(model: LinearModel, timeoutMs: number): Record<string, unknown> {
  const constraints: Record<string, JsConstraint> = {};
  const variables: Record<string, Record<string, number>> = {};
  const binaries: Record<string, 1> = {};
  for (const v of model.variables.values()) {
    variables[v.name] = { [OBJECTIVE]: v.obj };
    if (v.type === 'binary') binaries[v.name] = 1;
    // Bounds other than a binary's own 0..1 become single-variable rows.
    const ownUb = v.type === 'binary' ? 1 : Infinity;
    if (v.lb > 0 || v.ub < ownUb) {
      const row = `bound:${v.name}`;
      constraints[row] = v.lb === v.ub ? { equal: v.lb } : { ...(v.lb > 0 ? { min: v.lb } : {}), ...(v.ub < ownUb ? { max: v.ub } : {}) };
      variables[v.name]![row] = 1;
    }
  }
  for (const c of model.constraints) {
    const row = `row:${c.name}`;
    const bound: JsConstraint = {};
    if (c.min !== undefined && c.max !== undefined && c.min === c.max) bound.equal = c.min;
    else {
      if (c.min !== undefined) bound.min = c.min;
      if (c.max !== undefined) bound.max = c.max;
    }
    constraints[row] = bound;
    for (const t of c.terms) {
      const vars = variables[t.name]!;
      vars[row] = (vars[row] ?? 0) + t.coef;
    }
  }
  return { optimize: OBJECTIVE, opType: 'max', constraints, variables, binaries, options: { timeout: timeoutMs, tolerance: 0 } };
}

/** javascript-lp-solver's branch and bound: the engine of the small per-county models (reliable up to about 1,000 binaries; its timeout is not honoured inside an LP). */
export const jsLpEngine: LinearEngine = {
  name: 'javascript-lp-solver',
  async solve(model, { timeLimitSeconds }): Promise<LinearSolution> {
    const timeoutMs = Math.max(1, Math.round(timeLimitSeconds * 1000));
    const started = Date.now();
    const raw = solveJsLp(toJsLpModel(model, timeoutMs));
    const elapsed = Date.now() - started;
    if (raw['feasible'] !== true) return elapsed >= timeoutMs ? { status: 'time-limit', message: 'no solution found before the time limit' } : { status: 'infeasible', message: 'the model has no solution' };
    if (raw['bounded'] === false) return { status: 'unbounded', message: 'the model is unbounded' };
    const values = new Map<string, number>();
    for (const name of model.variables.keys()) {
      const v = raw[name];
      values.set(name, typeof v === 'number' ? v : 0);
    }
    const objective = objectiveAt(model, values);
    // Past the timeout the search stopped early: not proven best, and its values may be junk, which the check below rejects.
    const answer: LinearSolution = elapsed >= timeoutMs ? { status: 'feasible', objective, bound: Number.POSITIVE_INFINITY, values } : { status: 'optimal', objective, bound: objective, values };
    return acceptAnswer('javascript-lp-solver', model, answer);
  },
};
