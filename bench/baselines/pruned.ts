/**
 * The whole MILP of DESIGN section 1 restricted to the top-K candidates of
 * each county by fit, always keeping enough leader-capable, local,
 * East–West and required-need candidates, solved by one engine. Its bound
 * is the pruned model's: NOT a bound for the full instance.
 */
import type { LinearEngine } from '../../src/model/linear.js';
import type { InputWarning } from '../../src/model/issues.js';
import type { SolveResult } from '../../src/model/result.js';
import type { County, Expert } from '../../src/model/schemas.js';
import { diagnoseCounty, type Diagnosis } from '../../src/explain/diagnose.js';
import { countyScoreRange, lexicographicMatchReward } from '../../src/objective/bounds.js';
import { needsOf, pinsOf, type RoundContext } from '../../src/rules/context.js';
import { canLead } from '../../src/rules/h4-leader.js';
import { isLocalTo } from '../../src/rules/h5-local.js';
import { isEastFor, partnersOf } from '../../src/rules/h6-east-west.js';
import { eligibleExperts } from '../../src/rules/eligibility.js';
import { lVar, xVar, zVar } from '../../src/rules/variables.js';
import { assembleResult, type ChosenGroup } from '../../src/solve/assemble.js';
import { buildGroupModel } from '../../src/solve/build-model.js';
import { byFit, countyPool, indexPool, positiveFitCandidates, scoreFor, type PoolIndex, type Scored } from './candidates.js';

/** How many of each kind a county's pruned list keeps at least (when that many exist). */
export const KEEP = { leaders: 5, east: 5, holdersPerNeed: 3 } as const;

/** Where the candidates are ranked from: every expert with a positive fit, or the capped pool of `countyPool`. */
export type PruneSource = 'full' | 'capped';

/**
 * The top-K candidates of a county by fit, plus its pinned experts, all its
 * local scientists, and at least `KEEP` leader-capable, East–West and
 * holders of each need. Pool order.
 */
export function topKCandidates(ctx: RoundContext, index: PoolIndex, county: County, k: number, source: PruneSource = 'full'): Expert[] {
  const capped = countyPool(ctx, index, county, { perKey: k, minLeaders: KEEP.leaders * 2 });
  if (source === 'full') {
    const seen = new Set(capped.map((s) => s.pos));
    for (const e of positiveFitCandidates(ctx, index, county)) {
      const pos = ctx.expertIndex.get(e.id)!;
      if (!seen.has(pos)) capped.push(scoreFor(ctx, county, pos));
    }
  }
  const pool = capped.sort(byFit);
  const keep = new Set<Expert>(pool.slice(0, k).map((s) => s.expert));
  const atLeast = (n: number, want: (s: Scored) => boolean): void => {
    let have = pool.filter((s) => keep.has(s.expert) && want(s)).length;
    for (const s of pool) {
      if (have >= n) return;
      if (!keep.has(s.expert) && want(s)) {
        keep.add(s.expert);
        have++;
      }
    }
  };
  const pinned = new Set(pinsOf(ctx, county.id).map((p) => p.expertId));
  atLeast(Number.POSITIVE_INFINITY, (s) => pinned.has(s.expert.id) || isLocalTo(s.expert, county));
  atLeast(KEEP.leaders, (s) => canLead(ctx, s.expert, county));
  if (partnersOf(ctx, county).length > 0) atLeast(KEEP.east, (s) => isEastFor(ctx, s.expert, county));
  needsOf(ctx, county.id).forEach((_, n) => atLeast(KEEP.holdersPerNeed, (s) => s.covers.includes(n)));
  return [...keep].sort((a, b) => (ctx.expertIndex.get(a.id) ?? 0) - (ctx.expertIndex.get(b.id) ?? 0));
}

/** Settings of one pruned solve. */
export interface PrunedSettings {
  engine: LinearEngine;
  topK: number;
  /** Rank from every positive-fit expert (`full`) or from the capped pool (`capped`). Default `full`. */
  source?: PruneSource;
  startedAt: number;
  warnings?: readonly InputWarning[];
}

/** Solves the pruned model; the result is checked against the full instance by `assembleResult`. */
export async function solvePruned(ctx: RoundContext, settings: PrunedSettings): Promise<{ result: SolveResult; binaries: number }> {
  const index = indexPool(ctx);
  const candidates = new Map<string, Expert[]>();
  const unmatched = new Map<string, Diagnosis>();
  const open: County[] = [];
  for (const c of ctx.counties) {
    const list = topKCandidates(ctx, index, c, settings.topK, settings.source);
    candidates.set(c.id, list);
    if (!diagnoseCounty(ctx, c, list)) {
      open.push(c);
      continue;
    }
    // The library's diagnosis on the full candidate list, so that the reason does not depend on the pruning.
    const full = diagnoseCounty(ctx, c, eligibleExperts(ctx, c));
    unmatched.set(c.id, full ?? { reasonCode: 'not-solved', detail: `${c.name || c.id}: its top-${settings.topK} candidates cannot form a group (pruned model)` });
  }
  const binaries = open.reduce((n, c) => n + (candidates.get(c.id)?.length ?? 0), 0);
  const reward = lexicographicMatchReward(open.map((c) => countyScoreRange(ctx, c, candidates.get(c.id) ?? [])));
  const scope = buildGroupModel(ctx, { counties: open, candidates, matchReward: reward });
  const elapsed = (Date.now() - settings.startedAt) / 1000;
  const answer = await settings.engine.solve(scope.model, { timeLimitSeconds: Math.max(0.1, ctx.options.timeLimit - elapsed) });
  const base = { ctx, solver: `pruned-top${settings.topK}/${settings.engine.name}`, startedAt: settings.startedAt, warnings: settings.warnings ?? [] };
  if ('message' in answer) {
    for (const c of open) unmatched.set(c.id, { reasonCode: 'not-solved', detail: `${c.name || c.id}: ${settings.engine.name} ended with "${answer.status}": ${answer.message}` });
    const result = assembleResult({ ...base, groups: [], unmatched, status: answer.status === 'time-limit' ? 'time-limit' : 'infeasible', upperBound: Number.POSITIVE_INFINITY, matchableUpperBound: open.length });
    return { result, binaries };
  }
  const on = (name: string): boolean => (answer.values.get(name) ?? 0) > 0.5;
  const groups: ChosenGroup[] = [];
  for (const c of open) {
    if (!on(zVar(ctx, c))) {
      unmatched.set(c.id, { reasonCode: 'competition', detail: `${c.name || c.id}: not in the optimum of the pruned model` });
      continue;
    }
    const members = (candidates.get(c.id) ?? []).filter((e) => on(xVar(ctx, e, c)));
    const leader = members.find((e) => on(lVar(ctx, e, c)));
    if (!leader) throw new Error(`${settings.engine.name} matched ${c.id} without a leader`);
    groups.push({ county: c, leader, members });
  }
  const optimal = answer.status === 'optimal';
  // HiGHS answers "feasible" when its time limit cut the search: the row says so.
  const cut = !optimal && (Date.now() - settings.startedAt) / 1000 >= ctx.options.timeLimit * 0.98;
  const result = assembleResult({
    ...base,
    groups,
    unmatched,
    status: optimal ? 'optimal' : cut ? 'time-limit' : 'feasible',
    upperBound: answer.bound - reward * groups.length,
    matchableUpperBound: optimal ? groups.length : open.length,
  });
  return { result, binaries };
}
