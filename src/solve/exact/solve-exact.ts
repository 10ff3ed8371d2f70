/**
 * The exact solver: the whole MILP of DESIGN section 1, lexicographic
 * (pinned counties, then the counties matched in each priority tier, then
 * the soft score; `src/rules/priority.ts`) through rewards larger than any
 * change of the soft score, solved by one engine (HiGHS for a whole round):
 * one solve without priorities, one more per tier left short with them
 * (`lexicographic.ts`). With `fairness` (S5), `raiseWeakestGroup` takes its
 * result further.
 *
 * An engine that fails (no answer in time, an error, values that break the
 * model) never becomes a crash here: no answer leaves every county
 * `not-solved` (status `time-limit`), and a failure that is not the clock's
 * is an `EngineFailedError`, which `auto` turns into a warning. The bound
 * returned is always finite: the engine's proof when it has one, capped by
 * the per-county ceilings (`countyScoreRange`).
 */
import type { LinearEngine } from '../../model/linear.js';
import type { County, Expert } from '../../model/schemas.js';
import type { SolveResult } from '../../model/result.js';
import type { InputWarning } from '../../model/issues.js';
import { diagnoseCounty, type Diagnosis } from '../../explain/diagnose.js';
import { countEligiblePairs, poolIndexOf } from '../../explain/pool-index.js';
import { countyScoreRange, lexicographicMatchReward } from '../../objective/bounds.js';
import type { RoundContext } from '../../rules/context.js';
import type { Rule } from '../../rules/types.js';
import { lVar, xVar, zVar } from '../../rules/variables.js';
import { lexicographicLevels, solveLexicographic, type LexOutcome } from './lexicographic.js';
import { assembleResult, type ChosenGroup } from '../assemble.js';
import { buildGroupModel } from '../build-model.js';
import { allCandidates } from '../candidates.js';
import { EngineFailedError, SolverBugError, TooLargeError } from '../errors.js';
import { acceptAnswer } from '../engines/verify.js';
import { hasGroupAlone } from '../single-county.js';
import { exactEngineSeconds } from './time-budget.js';

/** Eligible pairs beyond which javascript-lp-solver is not given a whole round (measured 7–33 s at ~4,000 pairs, erratic beyond); the benchmark's `exact` runner uses it. */
export const JSLP_BINARY_LIMIT = 4000;

/**
 * Eligible pairs beyond which `--solver exact` (HiGHS) refuses a round: the
 * model (x, l, y, o and their rows) is built in memory first, and HiGHS's
 * WebAssembly heap is bounded. Measured: 440,014 pairs (150 counties) ran in
 * 2.1 GB, proven optimal in 41 s; 780,493 (200 counties) exhausted the heap
 * (README "Solvers and their limits").
 */
export const EXACT_BINARY_LIMIT = 450_000;

/** Counts the eligible county–expert pairs (the x binaries of the whole model) from indexes, without scanning every pair. */
export function countExactBinaries(ctx: RoundContext): number {
  return countEligiblePairs(poolIndexOf(ctx));
}

/** Settings of one exact solve. */
export interface ExactSettings {
  engine: LinearEngine;
  startedAt: number;
  /** Refuse models with more binaries than this (default: none). */
  binaryLimit?: number;
  /** Seconds the solve may use, measured from `startedAt` (default: the round's `timeLimit`); the engine gets them less a reserve for finishing. */
  timeLimitSeconds?: number;
  /** The rules whose constraints go into the model (default all); tests drop one to show that it binds. */
  rules?: readonly Rule[];
  warnings?: readonly InputWarning[];
}

/** A county that could be matched alone, yet is not in the result: other counties hold its candidates (in the optimum, when the result is proven). */
function competitionReason(county: County, proven: boolean): Diagnosis {
  const label = county.name ? `${county.name} (${county.id})` : county.id;
  const keeper = proven ? 'the optimum keeps' : 'this result keeps (the engine stopped at its time limit, before a proof)';
  return { reasonCode: 'competition', detail: `${label} could be matched on its own, but not together with the other counties: the experts it needs are all taken by groups ${keeper}` };
}

function noValidGroup(county: County): Diagnosis {
  const label = county.name ? `${county.name} (${county.id})` : county.id;
  return { reasonCode: 'no-valid-group', detail: `${label}: no group satisfies every hard rule even with the whole pool to itself (its required needs, quotas and group size cannot all hold together)` };
}

function notSolved(county: County, why: string): Diagnosis {
  return { reasonCode: 'not-solved', detail: `${county.name || county.id}: ${why}` };
}

/** Solves the whole round with one engine. */
export async function solveExact(ctx: RoundContext, settings: ExactSettings): Promise<SolveResult> {
  const candidates = allCandidates(ctx, ctx.counties);
  const unmatched = new Map<string, Diagnosis>();
  const open: County[] = [];
  for (const c of ctx.counties) {
    const d = diagnoseCounty(ctx, c, candidates.get(c.id) ?? []);
    if (d) unmatched.set(c.id, d);
    else open.push(c);
  }
  const binaries = open.reduce((n, c) => n + (candidates.get(c.id)?.length ?? 0), 0);
  if (settings.binaryLimit !== undefined && binaries > settings.binaryLimit) throw new TooLargeError('exact', binaries, settings.binaryLimit);

  const ranges = new Map(open.map((c) => [c.id, countyScoreRange(ctx, c, candidates.get(c.id) ?? [])]));
  const reward = lexicographicMatchReward(ranges.values());
  // The level being decided (pinned counties first, H9; then each priority tier) is worth more than every other county together.
  const hi = reward * open.length;
  const levels = lexicographicLevels(ctx, open);
  // Whatever the engine proves or not, no valid result scores more than every county's best group alone.
  let ceiling = 0;
  for (const r of ranges.values()) ceiling += Math.max(0, r.max);
  const limit = settings.timeLimitSeconds ?? ctx.options.timeLimit;
  let outcome: LexOutcome;
  if (open.length === 0) outcome = { kind: 'solved', answer: { status: 'optimal', objective: 0, bound: 0, values: new Map() }, proven: true, bound: 0, solves: 0 };
  else {
    const { model } = buildGroupModel(ctx, { counties: open, candidates, matchReward: reward, ...(settings.rules ? { rules: settings.rules } : {}) });
    outcome = await solveLexicographic(ctx, model, levels, reward, hi, async (m) => {
      // Counted at each solve: building a large round takes seconds of the limit, and earlier solves took theirs.
      const timeLimitSeconds = exactEngineSeconds(limit, settings.startedAt, m.variables.size);
      // The library's engines check their values themselves; an engine handed in by a caller is checked here alike.
      return acceptAnswer(settings.engine.name, m, await settings.engine.solve(m, { timeLimitSeconds }));
    });
  }

  const base = { ctx, solver: `exact/${settings.engine.name}`, startedAt: settings.startedAt, warnings: settings.warnings ?? [] };
  if (outcome.kind === 'failed') {
    const answer = outcome.answer;
    // No values may be read from such an answer (an infeasible or rejected answer carries junk).
    if (answer.status === 'error' || answer.status === 'rejected' || answer.status === 'unbounded') throw new EngineFailedError(settings.engine.name, answer.status, answer.message);
    for (const c of open) unmatched.set(c.id, notSolved(c, `the ${settings.engine.name} engine ended with "${answer.status}": ${answer.message}`));
    const status = answer.status === 'time-limit' ? 'time-limit' : 'infeasible';
    return assembleResult({ ...base, groups: [], unmatched, status, upperBound: ceiling, matchableUpperBound: open.length });
  }
  const answer = outcome.answer;

  const on = (name: string): boolean => (answer.values.get(name) ?? 0) > 0.5;
  const groups: ChosenGroup[] = [];
  // The per-county checks below stop at the time limit (less the finishing reserve), like the engine.
  const diagnoseUntil = Date.now() + exactEngineSeconds(limit, settings.startedAt) * 1000;
  for (const c of open) {
    if (!on(zVar(ctx, c))) {
      // The diagnosis is not complete: a county may have no valid group even alone.
      const alone = await hasGroupAlone(ctx, c, candidates.get(c.id) ?? [], diagnoseUntil);
      unmatched.set(c.id, alone === undefined ? notSolved(c, 'the time limit ran out before it was known whether it has a valid group on its own') : alone ? competitionReason(c, outcome.proven) : noValidGroup(c));
      continue;
    }
    const members: Expert[] = (candidates.get(c.id) ?? []).filter((e) => on(xVar(ctx, e, c)));
    const leader = members.find((e) => on(lVar(ctx, e, c)));
    if (!leader) {
      throw new SolverBugError(base.solver, [{ rule: 'H4', code: 'leader-count', countyId: c.id, message: `engine ${settings.engine.name} matched county ${c.id} without a leader` }]);
    }
    groups.push({ county: c, leader, members });
  }
  const optimal = outcome.proven;
  // The sequence's bound holds for every valid result at least as good in the order (pinned counties, tiers, score);
  // the ceiling holds in every case.
  const proven = outcome.bound;
  // Without tiers the order maximizes the counties matched, so a proven answer matches as many as any valid result
  // (pinned counties first, as before). With tiers, an earlier tier may keep experts that would have served two later
  // counties: the most any result matches is then not known from this answer.
  const oneTier = levels.filter((l) => l.kind === 'tier').length <= 1;
  return assembleResult({
    ...base,
    groups,
    unmatched,
    status: optimal ? 'optimal' : 'feasible',
    upperBound: optimal ? proven : Math.min(proven, ceiling),
    matchableUpperBound: optimal && oneTier ? groups.length : open.length,
  });
}
