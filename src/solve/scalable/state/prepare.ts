/**
 * Preparing a scalable solve's counties: each county's first candidate
 * list, and the diagnosis of counties that cannot be matched whatever the
 * others do.
 *
 * First candidates of a county: its eligible local scientists, its pinned
 * experts and every expert with an affinity row for it (these are never
 * pruned: the pricing scan knows only unrated pairs), then from a pricing
 * scan at zero prices the best experts overall, the best holder of each bit
 * (need, industry), of each organization type, of each type (may lead ×
 * East–West) and the best leaders, and fillers until the quotas have room
 * to choose.
 */
import { diagnoseCounty, type Diagnosis } from '../../../explain/diagnose.js';
import type { Expert } from '../../../model/schemas.js';
import { isEligible } from '../../../rules/eligibility.js';
import { F_EAST, F_LEAD, F_LOCAL } from '../columns/group-solver.js';
import { TYPE_EAST, TYPE_LEAD } from '../columns/pricing.js';
import { label, type ScalableState } from './state.js';

/**
 * Each county's first candidates and diagnosis, in position order; a county
 * the deadline reaches first is left 'unprepared'. `after` is told of each
 * county prepared, with the number of counties done so far.
 */
export function prepareCounties(state: ScalableState, after?: (county: number, done: number) => void): void {
  const { ctx, pool, clock } = state;
  for (let c = 0; c < pool.nCounties; c++) {
    if (clock.expired()) {
      state.countyState[c] = 'unprepared';
      state.reasons.set(c, { reasonCode: 'not-solved', detail: `${label(ctx.counties[c]!)}: the time limit ran out before the solver reached this county` });
      continue;
    }
    prepareCounty(state, c);
    after?.(c, c + 1);
  }
  // On small rounds the bound's subproblems are solved exactly, so that an optimum can be proven.
  const open = state.countyState.filter((s) => s === 'open').length;
  state.subs.exactBounds = open <= EXACT_BOUND_COUNTIES;
  state.subs.exactSearch = open <= EXACT_SEARCH_COUNTIES;
}

/** One county's first candidates and diagnosis: it stays open, or leaves the search with its reason. */
function prepareCounty(state: ScalableState, c: number): void {
  const { ctx, pool } = state;
  seedCandidates(state, c);
  const d = diagnose(state, c);
  if (d) {
    state.countyState[c] = 'diagnosed';
    state.reasons.set(c, d);
  } else if (pool.unmaskedRequired[c]! > 0) {
    state.countyState[c] = 'unsupported';
    state.reasons.set(c, { reasonCode: 'not-solved', detail: `${label(ctx.counties[c]!)}: it marks more than 31 needs as required, beyond what the scalable solver's subproblem represents; use --solver exact or highs` });
  }
}

/** Rounds with at most this many open counties get exact bound subproblems (see `Subproblems.exactBounds`). */
export const EXACT_BOUND_COUNTIES = 100;

/** Rounds with at most this many open counties get exact search subproblems (see `Subproblems.exactSearch`). */
export const EXACT_SEARCH_COUNTIES = 12;

/** The first candidate list of a county (see the module comment). */
function seedCandidates(state: ScalableState, c: number): void {
  const { ctx, pool, store, pricer } = state;
  const county = ctx.counties[c]!;
  for (const e of ctx.localsByCounty.get(county.id) ?? []) store.add(c, ctx.expertIndex.get(e.id)!);
  for (const e of store.pinnedExperts(c)) store.add(c, e);
  for (let r = pool.affStart[c]!; r < pool.affStart[c + 1]!; r++) if (pool.affVeto[r] === 0) store.add(c, pool.affExpert[r]!);
  const sizeMax = pool.sizeMax[c]!;
  const summary = pricer.scan(c, store, 2 * sizeMax);
  const picks: number[] = [];
  for (let i = 0; i < summary.topCount; i++) picks.push(summary.topExpert[i]!);
  for (let j = 0; j < summary.needExpert.length; j++) if (summary.needExpert[j]! >= 0) picks.push(summary.needExpert[j]!);
  for (let t = 0; t < 4; t++) if (summary.typeExpert[t]! >= 0) picks.push(summary.typeExpert[t]!);
  for (const e of summary.orgExpert) if (e >= 0) picks.push(e);
  // The best leaders: what leading adds (S2b) is not in a member's value.
  for (const list of summary.leadTop) for (let j = 0; j < Math.min(3, list.count); j++) picks.push(list.expert[j]!);
  const typeExists = Array.from(summary.typeExists);
  for (const e of picks) if (store.add(c, e)) pricer.mark(e);
  // Room for the quotas: a few who may lead, enough East–West members, enough members overall.
  const o = ctx.options;
  const paired = pool.partnerStart[c + 1]! > pool.partnerStart[c]!;
  const want = (flag: number): number => store.lists[c]!.flags.filter((f) => (f & flag) !== 0).length;
  const fill = (types: number[], enough: () => boolean): void => {
    for (let guard = 0; guard < 64 && !enough(); guard++) {
      let added = false;
      for (const t of types) {
        if (typeExists[t] !== 1 || enough()) continue;
        const e = pricer.pickFiller(c, t);
        if (e >= 0 && store.add(c, e)) {
          pricer.mark(e);
          added = true;
        }
      }
      if (!added) break;
    }
  };
  // (Under leaderSkill 'required' a filler cannot lead: the leaders above are those who can.)
  if (!pool.leaderSkillRequired) fill([TYPE_LEAD, TYPE_LEAD | TYPE_EAST], () => want(F_LEAD) >= 3);
  if (paired) fill([TYPE_EAST, TYPE_EAST | TYPE_LEAD], () => want(F_EAST) >= o.eastMax + 1);
  const others = (): number => store.lists[c]!.flags.filter((f) => (f & (F_LOCAL | F_EAST)) === 0).length;
  fill([0, TYPE_LEAD], () => others() >= sizeMax + 2);
}

/**
 * `diagnoseCounty` on the county's candidates, which hold a leader, enough
 * East–West members and a coverer of every required need whenever the pool
 * has them; only when the size check fails (its detail counts candidates) is
 * it repeated on every eligible expert, which is rare and then exact.
 */
function diagnose(state: ScalableState, c: number): Diagnosis | undefined {
  const { ctx, store } = state;
  const county = ctx.counties[c]!;
  const list: Expert[] = store.lists[c]!.experts.map((e) => ctx.experts[e]!);
  const d = diagnoseCounty(ctx, county, list);
  if (d?.reasonCode !== 'too-few-candidates') return d;
  return diagnoseCounty(ctx, county, ctx.experts.filter((e) => isEligible(ctx, e, county)));
}
