/**
 * The exact model of a few counties at once, with everything else held
 * fixed: the MILP of `buildGroupModel` over short candidate lists, where
 * the places an expert has for these counties replace its capacity (the
 * other groups keep theirs), some members are forced in, some leaders
 * fixed, and staying members are preferred. Lexicographic, by weights that
 * dominate: (1) counties matched, (2) members kept minus members added to
 * a county whose members are kept (each is a change; 动态管理 asks for the
 * fewest), (3) the soft score. Without (2)'s second half a re-formed group
 * would take free experts whenever the score gains (e.g. the size term
 * below the target), changing more than the withdrawal asks.
 */
import type { LinearSolution } from '../model/linear.js';
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { lVar, xVar, zVar } from '../rules/variables.js';
import { countyScoreRange } from '../objective/bounds.js';
import { groupScore } from '../objective/score.js';
import { buildGroupModel } from '../solve/build-model.js';
import { jsLpEngine } from '../solve/engines/jslp.js';
import type { HeldGroup } from './state.js';

/** What to solve. */
export interface LocalSpec {
  counties: readonly County[];
  /** Candidates per county id; the county's pinned experts must be among them. */
  candidates: ReadonlyMap<string, readonly Expert[]>;
  /** Places the expert has for these counties together (its capacity minus its other groups). */
  places: (expert: Expert) => number;
  /** Counties that must be matched (z fixed to 1). Others are matched when they can be. */
  mustMatch?: ReadonlySet<string>;
  /** Members that must be in a county's group. */
  forced?: ReadonlyMap<string, readonly Expert[]>;
  /** A county's leader, fixed. */
  leaders?: ReadonlyMap<string, Expert>;
  /** Members whose staying is preferred to any gain of score (fewest changes); in these counties, every other candidate added costs as much as a member lost. */
  keep?: ReadonlyMap<string, ReadonlySet<Expert>>;
  /** Leaders whose staying leader counts as one more member kept (a new leader is a change too). */
  keepLeaders?: ReadonlyMap<string, Expert>;
  /** Seconds for the engine. Default 10. */
  timeLimitSeconds?: number;
}

/** The answer: groups of the matched counties, or why there is none. */
export type LocalAnswer =
  | { ok: true; groups: Map<string, HeldGroup>; score: number; kept: number }
  | { ok: false; status: LinearSolution['status']; message: string };

/** Solves the local model exactly (over the candidate lists). */
export async function solveLocal(ctx: RoundContext, spec: LocalSpec): Promise<LocalAnswer> {
  const ranges = spec.counties.map((c) => countyScoreRange(ctx, c, spec.candidates.get(c.id) ?? []));
  const spread = Math.ceil(ranges.reduce((s, r) => s + r.max - r.min, 0)) + 1;
  let keepable = 0;
  for (const set of spec.keep?.values() ?? []) keepable += set.size;
  keepable += spec.keepLeaders?.size ?? 0;
  // Additions are counted against the kept, so the match reward must outweigh them too.
  let addable = 0;
  for (const c of spec.counties) if (spec.keep?.has(c.id)) addable += (spec.candidates.get(c.id) ?? []).length;
  const keepBonus = spread;
  const matchReward = spread * (keepable + addable + 1) + spread;
  const scope = buildGroupModel(ctx, { counties: spec.counties, candidates: spec.candidates, matchReward, capacityRows: false });
  const { model } = scope;

  const lists = new Map<Expert, string[]>();
  for (const c of spec.counties) {
    for (const e of spec.candidates.get(c.id) ?? []) {
      let l = lists.get(e);
      if (!l) lists.set(e, (l = []));
      l.push(xVar(ctx, e, c));
    }
  }
  let row = 0;
  for (const [e, names] of lists) {
    const places = Math.max(0, spec.places(e));
    if (names.length > places) model.constrain(`LOCAL_H2[${row++}]`, names.map((name) => ({ name, coef: 1 })), { max: places });
  }
  for (const c of spec.counties) {
    if (spec.mustMatch?.has(c.id)) model.fix(zVar(ctx, c), 1);
    for (const e of spec.forced?.get(c.id) ?? []) if (model.has(xVar(ctx, e, c))) model.fix(xVar(ctx, e, c), 1);
    const leader = spec.leaders?.get(c.id);
    if (leader && model.has(lVar(ctx, leader, c))) model.fix(lVar(ctx, leader, c), 1);
    const kept = spec.keep?.get(c.id);
    for (const e of kept ?? []) if (model.has(xVar(ctx, e, c))) model.addObjective(xVar(ctx, e, c), keepBonus);
    if (kept) for (const e of spec.candidates.get(c.id) ?? []) if (!kept.has(e) && model.has(xVar(ctx, e, c))) model.addObjective(xVar(ctx, e, c), -keepBonus);
    const stay = spec.keepLeaders?.get(c.id);
    if (stay && model.has(lVar(ctx, stay, c))) model.addObjective(lVar(ctx, stay, c), keepBonus);
  }
  const answer = await jsLpEngine.solve(model, { timeLimitSeconds: spec.timeLimitSeconds ?? 10 });
  if ('message' in answer) return { ok: false, status: answer.status, message: answer.message };

  const on = (name: string): boolean => (answer.values.get(name) ?? 0) > 0.5;
  const groups = new Map<string, HeldGroup>();
  let score = 0;
  let kept = 0;
  for (const c of spec.counties) {
    if (!on(zVar(ctx, c))) continue;
    const members = (spec.candidates.get(c.id) ?? []).filter((e) => on(xVar(ctx, e, c)));
    const leader = members.find((e) => model.has(lVar(ctx, e, c)) && on(lVar(ctx, e, c)));
    if (!leader) return { ok: false, status: 'error', message: `the local model matched ${c.id} without a leader` };
    groups.set(c.id, { county: c, leader, members });
    score += groupScore(ctx, c, members, leader.id).total;
    for (const e of spec.keep?.get(c.id) ?? []) if (members.includes(e)) kept++;
    if (spec.keepLeaders?.get(c.id) === leader) kept++;
  }
  return { ok: true, groups, score, kept };
}
