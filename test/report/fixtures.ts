/**
 * Results for the report tests that need no LP solver: a greedy builder of
 * valid groups (every group goes through `assembleResult`, so through
 * `checkSolution`), and helpers to make hostile names and unmatched counties.
 */
import type { Diagnosis } from '../../src/explain/diagnose.js';
import type { Options } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { County, Expert, Instance } from '../../src/model/schemas.js';
import { groupScore } from '../../src/objective/score.js';
import { buildContext, needsOf, pinsOf, type RoundContext } from '../../src/rules/context.js';
import { capacityOf } from '../../src/rules/h2-capacity.js';
import { groupSizeBounds } from '../../src/rules/h3-group-size.js';
import { canLead } from '../../src/rules/h4-leader.js';
import { isLocalTo } from '../../src/rules/h5-local.js';
import { isEastFor, partnersOf } from '../../src/rules/h6-east-west.js';
import { expertCovers } from '../../src/rules/h7-required-needs.js';
import { isEligible } from '../../src/rules/eligibility.js';
import { assembleResult, type ChosenGroup } from '../../src/solve/assemble.js';

/** Target group size of the greedy builder (clamped to each county's bounds). */
const TARGET_SIZE = 10;

function greedyGroup(ctx: RoundContext, county: County, left: Map<string, number>, byIndustry: ReadonlyMap<string, readonly Expert[]>): Expert[] | string {
  const needs = needsOf(ctx, county.id);
  const free = (e: Expert): boolean => (left.get(e.id) ?? 0) > 0 && isEligible(ctx, e, county);
  const chosen = new Set<Expert>();
  // Needs as bits: what each expert covers, and what the group covers so far.
  const masks = new Map<Expert, number>();
  const maskOf = (e: Expert): number => {
    let m = masks.get(e);
    if (m === undefined) {
      m = 0;
      needs.forEach((need, i) => { if (i < 31 && expertCovers(ctx, e, need)) m! |= 1 << i; });
      masks.set(e, m);
    }
    return m;
  };
  let covered = 0;
  const gain = (e: Expert): number => {
    const fresh = maskOf(e) & ~covered;
    let n = 0;
    needs.forEach((need, i) => { if (fresh & (1 << i)) n += need.required ? 100 : need.weight; });
    return n;
  };
  const add = (e: Expert): void => {
    chosen.add(e);
    covered |= maskOf(e);
  };
  for (const p of pinsOf(ctx, county.id)) {
    const e = ctx.expertById.get(p.expertId);
    if (!e || !free(e)) return 'a pinned expert is not free';
    add(e);
  }
  // Experts with a skill in one of the county's industries (or any industry): the only ones that can cover a need.
  const relevant = [...new Set([...new Set(needs.map((n) => n.industry)), '*'].flatMap((i) => byIndustry.get(i) ?? []))]
    .filter(free).sort((a, b) => (ctx.expertIndex.get(a.id) ?? 0) - (ctx.expertIndex.get(b.id) ?? 0));
  const isEast = (e: Expert): boolean => isEastFor(ctx, e, county);
  const paired = partnersOf(ctx, county).length > 0;
  const count = (f: (e: Expert) => boolean): number => [...chosen].filter(f).length;
  const best = (f: (e: Expert) => boolean): Expert | undefined => {
    let top: Expert | undefined;
    let topGain = -1;
    for (const e of relevant) {
      if (chosen.has(e) || !f(e)) continue;
      const g = gain(e);
      if (g > topGain) [top, topGain] = [e, g];
    }
    return top ?? ctx.experts.find((e) => !chosen.has(e) && f(e) && free(e));
  };
  const leader = [...chosen].find((e) => canLead(ctx, e, county)) ?? best((e) => canLead(ctx, e, county) && !(paired && isEast(e)));
  if (!leader) return 'no leader';
  add(leader);
  while (count((e) => isLocalTo(e, county)) < ctx.options.localMin) {
    const local = best((e) => isLocalTo(e, county));
    if (!local) return 'no local';
    add(local);
  }
  if (paired) {
    while (count(isEast) < ctx.options.eastMin) {
      const east = best((e) => isEast(e) && !isLocalTo(e, county));
      if (!east) return 'no east';
      add(east);
    }
  }
  const { min, max } = groupSizeBounds(ctx, county);
  const target = Math.max(min, Math.min(max, TARGET_SIZE));
  const ordinary = (e: Expert): boolean => !isLocalTo(e, county) && !(paired && isEast(e));
  for (const need of needs.filter((n) => n.required)) {
    if ([...chosen].some((e) => expertCovers(ctx, e, need))) continue;
    const e = best((x) => ordinary(x) && expertCovers(ctx, x, need));
    if (!e) return 'required need';
    add(e);
  }
  while (chosen.size < target) {
    const e = best(ordinary);
    if (!e) return 'too few';
    add(e);
  }
  if (chosen.size > max) return 'too many';
  return [leader, ...[...chosen].filter((e) => e !== leader)];
}

/**
 * A valid result built greedily (leader, locals, East–West, required needs,
 * then the best-covering experts up to 10), checked by `assembleResult`.
 * Counties the greedy cannot serve are unmatched with `competition`;
 * `opts.unmatched` leaves the given counties unmatched with the given reasons.
 */
export function greedyResult(instance: Instance, options: Options, opts: { unmatched?: ReadonlyMap<string, Diagnosis> } = {}): SolveResult {
  const ctx = buildContext(instance, options);
  const left = new Map(ctx.experts.map((e) => [e.id, capacityOf(ctx, e)]));
  const byIndustry = new Map<string, Expert[]>();
  for (const s of ctx.instance.skills) {
    const e = ctx.expertById.get(s.expertId);
    if (!e) continue;
    const list = byIndustry.get(s.industry);
    if (list) list.push(e);
    else byIndustry.set(s.industry, [e]);
  }
  const groups: ChosenGroup[] = [];
  const unmatched = new Map<string, Diagnosis>();
  let upper = 0;
  for (const county of ctx.counties) {
    const forced = opts.unmatched?.get(county.id);
    if (forced) {
      unmatched.set(county.id, forced);
      continue;
    }
    const got = greedyGroup(ctx, county, left, byIndustry);
    if (typeof got === 'string') {
      unmatched.set(county.id, { reasonCode: 'competition', detail: `${county.name} (${county.id}): the greedy builder failed: ${got}` });
      continue;
    }
    for (const e of got) left.set(e.id, (left.get(e.id) ?? 0) - 1);
    groups.push({ county, leader: got[0]!, members: got });
    upper += groupScore(ctx, county, got, got[0]!.id).total * 1.25;
  }
  return assembleResult({
    ctx, groups, unmatched, status: groups.length > 0 ? 'feasible' : 'infeasible', upperBound: upper,
    matchableUpperBound: ctx.counties.length, solver: 'test/greedy', startedAt: 0,
  });
}
