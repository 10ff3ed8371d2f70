/**
 * The one check every engine's answer passes before it is called
 * `optimal` or `feasible`: its values, read back against the `LinearModel`
 * the engine was given. An engine that returns values breaking the model
 * (javascript-lp-solver after its timeout returns junk: DESIGN section 5)
 * has failed; its answer becomes `rejected`, never a crash further on.
 */
import type { LinearModel, LinearSolution } from '../../model/linear.js';

/**
 * Slack allowed on integrality, bounds and rows. The engines' own
 * feasibility tolerances are 1e-7 (HiGHS primal) to 1e-6 (HiGHS MIP);
 * the model's coefficients are small integers and fit scores, so an
 * absolute 1e-6 plus 1e-9 of the row's size separates rounding from a
 * broken row by orders of magnitude.
 */
export const VALUE_TOLERANCE = { absolute: 1e-6, relative: 1e-9 } as const;

/** What is wrong with an engine's values: the first defect found, named after the model's own variable or row. */
export interface ValueDefect {
  kind: 'missing' | 'not-finite' | 'not-integral' | 'out-of-bounds' | 'row-broken';
  /** The variable or row. */
  name: string;
  message: string;
}

function slack(scale: number): number {
  return VALUE_TOLERANCE.absolute + VALUE_TOLERANCE.relative * Math.abs(scale);
}

/** Checks every variable (present, finite, within its bounds, binaries 0 or 1) and every row of the model. */
export function verifyValues(model: LinearModel, values: ReadonlyMap<string, number>): ValueDefect | undefined {
  for (const v of model.variables.values()) {
    const x = values.get(v.name);
    if (x === undefined) return { kind: 'missing', name: v.name, message: `no value for variable ${v.name}` };
    if (!Number.isFinite(x)) return { kind: 'not-finite', name: v.name, message: `variable ${v.name} = ${x}` };
    if (x < v.lb - slack(v.lb) || x > v.ub + slack(v.ub)) return { kind: 'out-of-bounds', name: v.name, message: `variable ${v.name} = ${x}, outside [${v.lb}, ${v.ub}]` };
    if (v.type === 'binary' && Math.abs(x - Math.round(x)) > VALUE_TOLERANCE.absolute) return { kind: 'not-integral', name: v.name, message: `binary ${v.name} = ${x}` };
  }
  for (const c of model.constraints) {
    let sum = 0;
    let size = 0;
    for (const t of c.terms) {
      const term = t.coef * (values.get(t.name) ?? 0);
      sum += term;
      size += Math.abs(term);
    }
    const low = c.min !== undefined && sum < c.min - slack(Math.max(size, c.min));
    const high = c.max !== undefined && sum > c.max + slack(Math.max(size, c.max));
    if (low || high) return { kind: 'row-broken', name: c.name, message: `row ${c.name}: ${sum} is outside [${c.min ?? '-∞'}, ${c.max ?? '+∞'}]` };
  }
  return undefined;
}

/** The model's objective at these values (what the engine's own objective should be). */
export function objectiveAt(model: LinearModel, values: ReadonlyMap<string, number>): number {
  let objective = 0;
  for (const v of model.variables.values()) objective += v.obj * (values.get(v.name) ?? 0);
  return objective;
}

/**
 * An engine's `optimal`/`feasible` answer, kept only when its values pass
 * `verifyValues`; otherwise `rejected`, naming the engine and the defect.
 * The objective is recomputed from the values, so that the engine's own
 * rounding cannot make it disagree with them; the bound is never below it.
 */
export function acceptAnswer(engine: string, model: LinearModel, answer: LinearSolution): LinearSolution {
  if (answer.status !== 'optimal' && answer.status !== 'feasible') return answer;
  const defect = verifyValues(model, answer.values);
  if (defect) return { status: 'rejected', message: `${engine} returned values that break the model (${defect.kind}: ${defect.message})` };
  const objective = objectiveAt(model, answer.values);
  const bound = answer.status === 'optimal' ? objective : Math.max(answer.bound, objective);
  return { status: answer.status, objective, bound, values: answer.values };
}
