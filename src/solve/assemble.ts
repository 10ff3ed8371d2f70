/**
 * Turns chosen groups into a checked `SolveResult`: role labels, fit,
 * covered needs and reasons per member; unmatched rows; the summary. Every
 * solver ends here, and nothing leaves without passing `checkSolution`.
 */
import { needKey } from '../model/coverage.js';
import type { Options } from '../model/options.js';
import type { SolveResult, VacancyMember } from '../model/result.js';
import type { Assignment, County, Expert, Status, Summary, Unmatched } from '../model/schemas.js';
import { ROLES } from '../model/vocabulary.js';
import type { InputWarning } from '../model/issues.js';
import { checkWithContext } from '../check/check-solution.js';
import { memberReason } from '../explain/reasons.js';
import type { Diagnosis } from '../explain/diagnose.js';
import { explainCompetition } from '../explain/competition.js';
import { coveredNeedIndices, leaderTerm, memberFit } from '../objective/score.js';
import { groupSizeSummary } from '../objective/group-size.js';
import { weakestGroupScore, weakestGroupUpperBound } from '../objective/weakest-group.js';
import { roundScoreCeiling } from '../objective/bounds.js';
import { scoreStep, writtenBound } from '../objective/score-step.js';
import { relativeGap } from '../objective/gap.js';
import { hashInstance } from '../model/instance-hash.js';
import { needsOf, pinsOf, type RoundContext } from '../rules/context.js';
import { ALONE_REASON_CODES, tiersProvenByTotal } from '../rules/priority.js';
import { roleOf } from '../rules/roles.js';
import { VERSION } from '../version.js';
import { SolverBugError } from './errors.js';

/** One chosen group. `members` includes the leader. */
export interface ChosenGroup {
  county: County;
  leader: Expert;
  members: readonly Expert[];
}

/** What a solver hands over. */
export interface AssembleInput {
  ctx: RoundContext;
  groups: readonly ChosenGroup[];
  /** Reasons for every county without a group. */
  unmatched: ReadonlyMap<string, Diagnosis>;
  status: Status;
  /** A proven upper bound on the soft score of any valid result matching `matchableUpperBound` counties. */
  upperBound: number;
  /** A proven upper bound on the number of counties any valid result can match. */
  matchableUpperBound: number;
  /** A proven upper bound on the weakest group's score (S5) when the solver has one; otherwise the generic ceiling is computed. */
  weakestGroupBound?: number;
  solver: string;
  startedAt: number;
  warnings?: readonly InputWarning[];
  /** `hashInstance(ctx.instance)` when the solver computed it already (the scalable solver does, before its deadline is set). */
  inputHash?: string;
  /** Members of groups kept with a vacancy (`repair`): checked with the groups, their places counted as used, carried into the result. */
  vacancies?: readonly VacancyMember[];
}

const ROLE_ORDER = new Map(ROLES.map((r, i) => [r, i]));

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

// The input's fingerprint lives outside the solvers, so that `check` shares it; re-exported for the solvers' imports.
export { hashInstance } from '../model/instance-hash.js';

/** The options as written into summary.json (functions left out, and `workers`, which never changes a result: the files are the same whatever it is). */
export function optionsForSummary(options: Options): Record<string, unknown> {
  const { workers, ...written } = options;
  return JSON.parse(JSON.stringify(written)) as Record<string, unknown>;
}

/** A county with pins that gets no group cannot keep its pins (H9): said as `pinned-infeasible`, unless the solver never placed it. */
function pinnedReason(ctx: RoundContext, countyId: string, d: Diagnosis): Unmatched {
  // A kept group (vacancy) keeps its pins among its members: its reason stands.
  if (pinsOf(ctx, countyId).length === 0 || d.reasonCode === 'pinned-infeasible' || d.reasonCode === 'not-solved' || d.reasonCode === 'vacancy') return { countyId, reasonCode: d.reasonCode, detail: d.detail };
  return { countyId, reasonCode: 'pinned-infeasible', detail: `its pinned members cannot stay (${d.reasonCode}): ${d.detail}` };
}

/**
 * The solver's bound when it has one (the fairness pass tightens the same
 * ceilings further), else the generic ceiling, which scans the pool and is
 * not worth computing twice; never below the score reached (engine rounding).
 */
function weakestBoundOf(ctx: RoundContext, weakest: number | null, matched: number, fromSolver: number | undefined): number | null {
  if (weakest === null) return null;
  const bound = fromSolver ?? weakestGroupUpperBound(ctx, ctx.counties, matched) ?? Number.POSITIVE_INFINITY;
  return Math.max(weakest, bound);
}

/**
 * The status a result has earned: `optimal` for a `feasible` one whose bound
 * proves it — every county that can be matched is (matched = its proven
 * maximum), no county with pins is left out (pins come first in the
 * solvers' order), the priority tiers are proven by the total
 * (`tiersProvenByTotal`), and the score equals the bound (gap 0, e.g. after
 * the bound was rounded to the score's step). Under `fairness` optimality is the
 * fairness pass's to claim (the weakest group first), so the status stays.
 */
export function provenStatus(
  ctx: RoundContext,
  status: Status,
  s: Pick<Summary, 'objective' | 'upperBound' | 'matchedCounties' | 'matchableUpperBound'>,
  unmatched: readonly (Pick<Unmatched, 'countyId'> & Partial<Pick<Unmatched, 'reasonCode'>>)[],
): Status {
  if (status !== 'feasible' || ctx.options.fairness) return status;
  if (s.matchedCounties < s.matchableUpperBound || relativeGap(s.objective, s.upperBound) !== 0) return status;
  if (unmatched.some((u) => pinsOf(ctx, u.countyId).length > 0)) return status;
  // Priority tiers come before the score (src/rules/priority.ts): a maximal total proves them only in one case.
  const out = new Set(unmatched.map((u) => u.countyId));
  const contested = unmatched.filter((u) => u.reasonCode === undefined || !ALONE_REASON_CODES.has(u.reasonCode)).map((u) => u.countyId);
  return tiersProvenByTotal(ctx, contested, ctx.counties.filter((c) => !out.has(c.id)).map((c) => c.id)) ? 'optimal' : status;
}

/** Builds, checks and returns the result. Throws `SolverBugError` if a hard rule is broken. */
export function assembleResult(input: AssembleInput): SolveResult {
  const { ctx } = input;
  const assignments: Assignment[] = [];
  for (const g of input.groups) {
    const needs = needsOf(ctx, g.county.id);
    for (const e of g.members) {
      const role = roleOf(ctx, e, g.county, e === g.leader);
      const fit = memberFit(ctx, e, g.county);
      // The fit column is the member's whole term (`memberTerm`): the leader's includes S2b.
      const lead = e === g.leader ? leaderTerm(ctx, e, g.county) : 0;
      const covers = coveredNeedIndices(ctx, e, g.county).map((i) => needKey(needs[i]!));
      assignments.push({ countyId: g.county.id, expertId: e.id, role, fit: fit.fit + lead, covers, reason: memberReason(e, g.county, role, fit, covers, ctx.options.objective, lead) });
    }
  }
  assignments.sort((a, b) => compareText(a.countyId, b.countyId) || ROLE_ORDER.get(a.role)! - ROLE_ORDER.get(b.role)! || compareText(a.expertId, b.expertId));
  // Counties lost to competition get their reason in numbers (a proven shortage, or what the other groups hold).
  const unmatched: Unmatched[] = [...explainCompetition(ctx, input.groups, input.unmatched, input.status === 'optimal')].map(([countyId, d]) => pinnedReason(ctx, countyId, d));
  unmatched.sort((a, b) => compareText(a.countyId, b.countyId));

  const vacancies = [...(input.vacancies ?? [])];
  const report = checkWithContext(ctx, { assignments, unmatched, ...(vacancies.length > 0 ? { vacancies } : {}) });
  if (!report.ok) throw new SolverBugError(input.solver, report.violations);

  const used = new Set([...assignments, ...vacancies].map((a) => a.expertId));
  const objective = report.objective;
  // A bound below the achieved score can only come from rounding in an engine; the score is then the bound.
  // A solver without a proof still gets one: the round's ceiling, so the bound written is always finite (and `check` can verify it).
  const proven = Number.isFinite(input.upperBound) ? input.upperBound : roundScoreCeiling(ctx);
  // Scores on a grid (integer ratings in affinity mode) round the bound down to the grid; a bound within noise of the score is the score.
  const upperBound = writtenBound(Math.max(proven, objective), objective, scoreStep(ctx));
  const matchableUpperBound = Math.max(input.matchableUpperBound, report.matchedCounties);
  const status = provenStatus(ctx, input.status, { objective, upperBound, matchedCounties: report.matchedCounties, matchableUpperBound }, unmatched);
  // Hashed before the clock is read, so that `seconds` covers it (1–2 s on national-x10).
  const inputHash = input.inputHash ?? hashInstance(ctx.instance);
  const weakest = weakestGroupScore(ctx, input.groups);
  const summary: Summary = {
    status,
    objective,
    upperBound,
    gap: relativeGap(objective, upperBound),
    matchedCounties: report.matchedCounties,
    weakestGroupScore: weakest,
    weakestGroupBound: weakestBoundOf(ctx, weakest, report.matchedCounties, input.weakestGroupBound),
    matchableUpperBound,
    groupSizes: groupSizeSummary(input.groups.map((g) => g.members.length)),
    totalCounties: ctx.counties.length,
    expertsUsed: used.size,
    expertsFree: ctx.experts.length - used.size,
    seconds: (Date.now() - input.startedAt) / 1000,
    seed: ctx.options.seed,
    solver: input.solver,
    objectiveMode: ctx.options.objective,
    options: optionsForSummary(ctx.options),
    version: VERSION,
    inputHash,
  };
  return { status, assignments, unmatched, ...(vacancies.length > 0 ? { vacancies } : {}), summary, warnings: [...(input.warnings ?? [])] };
}
