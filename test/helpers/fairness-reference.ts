/**
 * The S5 optimum by HiGHS, as a reference for tests: the weakest group's
 * best score among results matching `matched` counties (t ≤ score[c] +
 * M·(1 − z[c]), maximize t), then the best total with the weakest group
 * kept there. Test-only: the library itself uses no big-M model (see
 * src/solve/fairness).
 */
import type { County } from '../../src/model/schemas.js';
import { countyScoreRange } from '../../src/objective/bounds.js';
import { pinsOf, type RoundContext } from '../../src/rules/context.js';
import { zVar } from '../../src/rules/variables.js';
import { buildGroupModel, type BuiltModel } from '../../src/solve/build-model.js';
import { allCandidates } from '../../src/solve/candidates.js';
import { highsEngine } from '../../src/solve/engines/highs.js';

/** The reference optimum, or undefined when HiGHS proves nothing in time. */
export interface FairnessOptimum {
  /** The best weakest-group score. */
  weakest: number;
  /** The best total among results whose weakest group scores `weakest` (up to 1e-6 relative). */
  total: number;
}

function model(ctx: RoundContext, matched: Held, weakestObjective: number, withScore: boolean): { built: BuiltModel; offset: number } {
  const candidates = allCandidates(ctx, ctx.counties);
  const counties: County[] = ctx.counties.filter((c) => (candidates.get(c.id)?.length ?? 0) > 0);
  const built = buildGroupModel(ctx, { counties, candidates, matchReward: 0 });
  const { model: m } = built;
  if (!withScore) for (const terms of built.scoreTerms.values()) for (const t of terms) m.addObjective(t.name, -t.coef);
  const ranges = new Map(counties.map((c) => [c.id, countyScoreRange(ctx, c, candidates.get(c.id) ?? [])]));
  let highest = 0;
  let offset = 0;
  for (const r of ranges.values()) {
    highest = Math.max(highest, r.max);
    offset = Math.min(offset, r.min);
  }
  m.continuous('t', 0, highest - offset, weakestObjective);
  for (const c of counties) {
    const big = highest - ranges.get(c.id)!.min;
    const score = (built.scoreTerms.get(c.id) ?? []).map((t) => ({ name: t.name, coef: -t.coef }));
    m.constrain(`ref-S5[${c.id}]`, [{ name: 't', coef: 1 }, ...score, { name: zVar(ctx, c), coef: big }], { max: big - offset });
  }
  m.constrain('ref-matched', counties.map((c) => ({ name: zVar(ctx, c), coef: 1 })), { min: matched.counties });
  const pinned = counties.filter((c) => pinsOf(ctx, c.id).length > 0);
  if (pinned.length > 0) m.constrain('ref-pinned', pinned.map((c) => ({ name: zVar(ctx, c), coef: 1 })), { min: matched.pinned });
  return { built, offset };
}

/** What the result must keep, as the solvers rank results: pinned counties matched, then counties matched. */
export interface Held {
  pinned: number;
  counties: number;
}

/** Solves the two steps with HiGHS (needs the optional `highs` package). */
export async function fairnessOptimum(ctx: RoundContext, matched: Held): Promise<FairnessOptimum | undefined> {
  const first = model(ctx, matched, 1, false);
  const a1 = await highsEngine.solve(first.built.model, { timeLimitSeconds: 60 });
  if (a1.status !== 'optimal') return undefined;
  const weakest = (a1.values.get('t') ?? 0) + first.offset;
  const second = model(ctx, matched, 0, true);
  second.built.model.variables.get('t')!.lb = weakest - second.offset - 1e-6 * Math.max(1, Math.abs(weakest));
  const a2 = await highsEngine.solve(second.built.model, { timeLimitSeconds: 60 });
  if (a2.status !== 'optimal') return undefined;
  return { weakest, total: a2.objective };
}
