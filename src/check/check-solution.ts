/**
 * checkSolution: an independent verifier of every hard rule (H1–H9). It
 * imports the rules and nothing of any solver, so a solver's bug cannot hide
 * in the check of its own answer. Groups kept with a vacancy (a repair's
 * `vacancies`) are checked too, accepting only their vacant places
 * (`check-vacancies.ts`).
 */
import { resolveOptions, type Options, type OptionsInput } from '../model/options.js';
import type { Expert, Instance, InstanceInput } from '../model/schemas.js';
import { InstanceSchema } from '../model/schemas.js';
import type { Solution } from '../model/result.js';
import { buildContext, type RoundContext } from '../rules/context.js';
import { SOLUTION_RULES } from '../rules/index.js';
import { roleOf } from '../rules/roles.js';
import type { GroupMember, SolutionView, Violation } from '../rules/types.js';
import { groupScore } from '../objective/score.js';
import { withVacancies } from './check-vacancies.js';

/** The checker's verdict. */
export interface CheckReport {
  /** True when no hard rule is broken. */
  ok: boolean;
  violations: Violation[];
  /** The soft score recomputed from the solution (meaningful when `ok`). */
  objective: number;
  matchedCounties: number;
}

function indexSolution(ctx: RoundContext, solution: Solution, out: Violation[]): SolutionView {
  const groups = new Map<string, GroupMember[]>();
  const rows: { countyId: string; expertId: string }[] = [];
  for (const a of solution.assignments) {
    rows.push({ countyId: a.countyId, expertId: a.expertId });
    const expert = ctx.expertById.get(a.expertId);
    if (!ctx.countyById.has(a.countyId)) {
      out.push({ rule: 'H1', code: 'unknown-county', countyId: a.countyId, message: `assignment names county ${a.countyId}, which is not in the input` });
      continue;
    }
    if (!expert) {
      out.push({ rule: 'H1', code: 'unknown-expert', countyId: a.countyId, expertId: a.expertId, message: `assignment names expert ${a.expertId}, who is not in the input` });
      continue;
    }
    let list = groups.get(a.countyId);
    if (!list) groups.set(a.countyId, (list = []));
    list.push({ expert, role: a.role });
  }
  const unmatched = new Map<string, string>();
  for (const u of solution.unmatched) {
    if (!ctx.countyById.has(u.countyId)) out.push({ rule: 'H1', code: 'unknown-county', countyId: u.countyId, message: `unmatched row names county ${u.countyId}, which is not in the input` });
    else if (unmatched.has(u.countyId)) out.push({ rule: 'H1', code: 'duplicate-unmatched', countyId: u.countyId, message: `county ${u.countyId} is listed twice as unmatched` });
    unmatched.set(u.countyId, u.reasonCode);
  }
  return { groups, unmatched, rows };
}

function checkRoleLabels(ctx: RoundContext, view: SolutionView, out: Violation[]): void {
  for (const [countyId, members] of view.groups) {
    const county = ctx.countyById.get(countyId);
    if (!county) continue;
    for (const m of members) {
      const expected = roleOf(ctx, m.expert, county, m.role === 'leader');
      if (m.role !== expected) out.push({ rule: 'H4', code: 'role-label', countyId, expertId: m.expert.id, message: `expert ${m.expert.id} in county ${countyId} is labelled ${m.role} but is ${expected}` });
    }
  }
}

/** Checks a solution against a prepared round. */
export function checkWithContext(ctx: RoundContext, solution: Solution): CheckReport {
  const violations: Violation[] = [];
  const base = indexSolution(ctx, solution, violations);
  // Groups kept with a vacancy are checked with the others; only their vacant places are accepted.
  const held = solution.vacancies !== undefined && solution.vacancies.length > 0 ? withVacancies(ctx, base, solution.vacancies, violations) : undefined;
  const view = held?.view ?? base;
  for (const rule of SOLUTION_RULES) for (const v of rule.check(ctx, view)) if (!held?.accepts(v)) violations.push(v);
  checkRoleLabels(ctx, view, violations);
  // A kept group is not matched and scores nothing: the score and the count are of complete groups.
  let objective = 0;
  for (const [countyId, members] of base.groups) {
    const county = ctx.countyById.get(countyId);
    if (!county) continue;
    objective += groupScore(ctx, county, members.map((m): Expert => m.expert), members.find((m) => m.role === 'leader')?.expert.id).total;
  }
  return { ok: violations.length === 0, violations, objective, matchedCounties: base.groups.size };
}

/**
 * Verifies every hard rule H1–H9 of a solution, returning typed violations.
 * The instance must be valid (see `validateInstance`); options default to the policy.
 * @example
 * const report = checkSolution(instance, result);
 * if (!report.ok) console.error(report.violations);
 */
export function checkSolution(instance: Instance | InstanceInput, solution: Solution, options: Options | OptionsInput = {}): CheckReport {
  return checkWithContext(buildContext(InstanceSchema.parse(instance), resolveOptions(options)), solution);
}
