/**
 * The exact solver: the whole MILP of DESIGN section 1, lexicographic
 * (pinned counties, then matched counties, then the soft score) through
 * rewards larger than any change of the soft score, solved by one engine.
 * With `fairness` (S5), `raiseWeakestGroup` takes its result further.
 */
import type { LinearEngine, LinearSolution } from '../../model/linear.js';
import type { County, Expert } from '../../model/schemas.js';
import type { SolveResult } from '../../model/result.js';
import type { InputWarning } from '../../model/issues.js';
import { diagnoseCounty, type Diagnosis } from '../../explain/diagnose.js';
import { countEligiblePairs, poolIndexOf } from '../../explain/pool-index.js';
import { countyScoreRange, lexicographicMatchReward } from '../../objective/bounds.js';
import { pinsOf, type RoundContext } from '../../rules/context.js';
import type { Rule } from '../../rules/types.js';
import { lVar, xVar, zVar } from '../../rules/variables.js';
import { assembleResult, type ChosenGroup } from '../assemble.js';
import { buildGroupModel, type BuiltModel } from '../build-model.js';
import { allCandidates } from '../candidates.js';
import { SolverBugError, TooLargeError } from '../errors.js';
import { hasGroupAlone } from '../single-county.js';

/** Eligible pairs beyond which the exact solver refuses a round: measured 7–33 s at ~4,000 pairs, erratic beyond (README "Solvers and their limits"). */
export const JSLP_BINARY_LIMIT = 4000;

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
  /** Seconds the engine may use, measured from `startedAt` (default: the round's `timeLimit`). */
  timeLimitSeconds?: number;
  /** The rules whose constraints go into the model (default all); tests drop one to show that it binds. */
  rules?: readonly Rule[];
  warnings?: readonly InputWarning[];
}

/** A county that could be matched alone, yet is not in the optimum: other counties need its candidates more. */
function competitionReason(county: County): Diagnosis {
  const label = county.name ? `${county.name} (${county.id})` : county.id;
  return { reasonCode: 'competition', detail: `${label} could be matched on its own, but not together with the other counties: the experts it needs are all taken by groups the optimum keeps` };
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
  // Earlier batches stand (H9): a pinned county is worth more than every other county together.
  const pinnedReward = reward * (open.length + 1);
  const build = (): BuiltModel => {
    const built = buildGroupModel(ctx, { counties: open, candidates, matchReward: reward, ...(settings.rules ? { rules: settings.rules } : {}) });
    for (const c of open) if (pinsOf(ctx, c.id).length > 0) built.model.addObjective(zVar(ctx, c), pinnedReward - reward);
    return built;
  };
  const timeLimitSeconds = Math.max(0.1, (settings.timeLimitSeconds ?? ctx.options.timeLimit) - (Date.now() - settings.startedAt) / 1000);
  const answer: LinearSolution = open.length === 0
    ? { status: 'optimal', objective: 0, bound: 0, values: new Map() }
    : await settings.engine.solve(build().model, { timeLimitSeconds });

  const base = { ctx, solver: `exact/${settings.engine.name}`, startedAt: settings.startedAt, warnings: settings.warnings ?? [] };
  if ('message' in answer) {
    // No values may be read from such an answer (an infeasible jslp answer carries junk).
    for (const c of open) unmatched.set(c.id, notSolved(c, `the ${settings.engine.name} engine ended with "${answer.status}": ${answer.message}`));
    const status = answer.status === 'time-limit' ? 'time-limit' : 'infeasible';
    return assembleResult({ ...base, groups: [], unmatched, status, upperBound: Number.POSITIVE_INFINITY, matchableUpperBound: open.length });
  }

  const on = (name: string): boolean => (answer.values.get(name) ?? 0) > 0.5;
  const groups: ChosenGroup[] = [];
  let pinnedMatched = 0;
  for (const c of open) {
    if (!on(zVar(ctx, c))) {
      // The diagnosis is not complete: a county may have no valid group even alone.
      const alone = await hasGroupAlone(ctx, c, candidates.get(c.id) ?? [], settings.engine);
      unmatched.set(c.id, alone ? competitionReason(c) : noValidGroup(c));
      continue;
    }
    if (pinsOf(ctx, c.id).length > 0) pinnedMatched++;
    const members: Expert[] = (candidates.get(c.id) ?? []).filter((e) => on(xVar(ctx, e, c)));
    const leader = members.find((e) => on(lVar(ctx, e, c)));
    if (!leader) {
      throw new SolverBugError(base.solver, [{ rule: 'H4', code: 'leader-count', countyId: c.id, message: `engine ${settings.engine.name} matched county ${c.id} without a leader` }]);
    }
    groups.push({ county: c, leader, members });
  }
  const optimal = answer.status === 'optimal';
  return assembleResult({
    ...base,
    groups,
    unmatched,
    status: optimal ? 'optimal' : 'feasible',
    upperBound: answer.bound - reward * groups.length - (pinnedReward - reward) * pinnedMatched,
    matchableUpperBound: optimal ? groups.length : open.length,
  });
}
