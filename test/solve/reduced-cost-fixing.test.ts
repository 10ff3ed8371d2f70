/**
 * Reduced-cost fixing (issue 11, mid-size rounds): the bound an LP's duals
 * prove is computed by `reduced-cost.ts` alone and holds for every point,
 * whatever the multipliers; the restriction it justifies keeps every
 * solution at least as good as the incumbent; and `highsFixingEngine`
 * (auto's and `--solver exact`'s engine) proves the same optimum as HiGHS
 * on the whole model, on random models and on generated rounds.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { LinearModel, type LinearSolution } from '../../src/model/linear.js';
import { resolveOptions } from '../../src/model/options.js';
import { generateInstance } from '../../src/generate/index.js';
import { validateInstance } from '../../src/io/validate.js';
import { buildContext } from '../../src/rules/context.js';
import { highsEngine, runHighs, toRowForm } from '../../src/solve/engines/highs.js';
import { FIRST_DELTA, fixingEngine, highsFixingEngine, type RestrictionSolved } from '../../src/solve/engines/highs-fixing.js';
import { dualBound, neededDelta, restrictByReducedCost } from '../../src/solve/engines/reduced-cost.js';
import { buildGroupModel } from '../../src/solve/build-model.js';
import { allCandidates } from '../../src/solve/candidates.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { lexicographicMatchReward, countyScoreRange } from '../../src/objective/bounds.js';
import type { Instance } from '../../src/model/schemas.js';
import { scarceRound } from './scarce-round.js';

/** A random small MILP: binaries, continuous columns in finite boxes, rows with small integer coefficients. */
const smallModel = fc
  .record({
    binaries: fc.array(fc.integer({ min: -6, max: 9 }), { minLength: 2, maxLength: 7 }),
    continuous: fc.array(fc.record({ cost: fc.integer({ min: -3, max: 3 }), ub: fc.integer({ min: 1, max: 3 }) }), { maxLength: 2 }),
    rows: fc.array(
      fc.record({ coefs: fc.array(fc.integer({ min: -3, max: 3 }), { minLength: 9, maxLength: 9 }), lo: fc.option(fc.integer({ min: -4, max: 2 })), span: fc.option(fc.integer({ min: 0, max: 6 })) }),
      { minLength: 1, maxLength: 4 },
    ),
  })
  .map(({ binaries, continuous, rows }) => {
    const m = new LinearModel();
    const names: string[] = [];
    binaries.forEach((cost, i) => names.push(m.binary(`b${i}`, cost).name));
    continuous.forEach((c, i) => names.push(m.continuous(`c${i}`, 0, c.ub, c.cost).name));
    rows.forEach((r, i) => {
      const terms = names.map((name, j) => ({ name, coef: r.coefs[j] ?? 0 })).filter((t) => t.coef !== 0);
      const min = r.lo ?? undefined;
      const max = r.span === null ? undefined : (min ?? -2) + r.span;
      m.constrain(`r${i}`, terms, { ...(min !== undefined ? { min } : {}), ...(max !== undefined ? { max } : {}) });
    });
    return m;
  });

/** Every binary assignment of the model, its continuous columns at `fill` (a share of their box). */
function* pointsOf(model: LinearModel, fill: number): Generator<Map<string, number>> {
  const vars = [...model.variables.values()];
  const bins = vars.filter((v) => v.type === 'binary');
  for (let mask = 0; mask < 1 << bins.length; mask++) {
    const point = new Map<string, number>();
    bins.forEach((v, i) => point.set(v.name, (mask >> i) & 1));
    for (const v of vars) if (v.type === 'continuous') point.set(v.name, v.lb + fill * (v.ub - v.lb));
    yield point;
  }
}

function feasible(model: LinearModel, point: ReadonlyMap<string, number>): boolean {
  return model.constraints.every((c) => {
    const sum = c.terms.reduce((s, t) => s + t.coef * point.get(t.name)!, 0);
    return (c.min === undefined || sum >= c.min - 1e-12) && (c.max === undefined || sum <= c.max + 1e-12);
  });
}

function objective(model: LinearModel, point: ReadonlyMap<string, number>): number {
  let s = 0;
  for (const v of model.variables.values()) s += v.obj * point.get(v.name)!;
  return s;
}

function valueOf(answer: LinearSolution): number | undefined {
  return answer.status === 'optimal' || answer.status === 'feasible' ? answer.objective : undefined;
}

describe('the bound of row multipliers (reduced-cost.ts)', () => {
  it('holds for every feasible point, whatever the multipliers, and a flipped binary costs its |reduced cost|', () => {
    fc.assert(
      fc.property(smallModel, fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }), fc.double({ min: 0, max: 1, noNaN: true }), (model, duals, fill) => {
        const { form, names } = toRowForm(model);
        const dual = dualBound(form, duals);
        // Columns are boxed and rows may lack a side: the bound is finite (a multiplier on a missing side counts as 0).
        expect(dual).toBeDefined();
        const ceiling = dual!.bound + dual!.slack;
        for (const point of pointsOf(model, fill)) {
          if (!feasible(model, point)) continue;
          const value = objective(model, point);
          expect(value).toBeLessThanOrEqual(ceiling);
          names.forEach((name, j) => {
            const d = dual!.reducedCosts[j]!;
            if (form.integer[j] !== 1) return;
            const flipped = (d < 0 && point.get(name) === 1) || (d > 0 && point.get(name) === 0);
            if (flipped) expect(value).toBeLessThanOrEqual(ceiling - Math.abs(d));
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('equals the LP optimum at HiGHS\'s own duals, above the MILP\'s (demo seed 1)', async () => {
    const { model } = demoModel();
    const { form } = toRowForm(model);
    const lp = await runHighs(form, Date.now() + 60_000, true);
    const whole = await highsEngine.solve(model, { timeLimitSeconds: 60 });
    if (!('rowDual' in lp) || !lp.rowDual || !lp.point) throw new Error(`the LP ended ${lp.kind}`);
    const dual = dualBound(form, lp.rowDual)!;
    expect(Math.abs(dual.bound - lp.point.objective)).toBeLessThan(1e-6 * Math.abs(lp.point.objective));
    expect(dual.bound + dual.slack).toBeGreaterThanOrEqual(valueOf(whole)!);
    // Multipliers of 0 bound by each column's best side alone: valid, and weaker.
    expect(dualBound(form, new Float64Array(form.numRows))!.bound).toBeGreaterThan(dual.bound + 1000);
  });
});

describe('the restriction (restrictByReducedCost)', () => {
  it('keeps every solution scoring at least the incumbent when δ is the one the incumbent needs', () => {
    fc.assert(
      fc.property(smallModel, fc.array(fc.double({ min: -5, max: 5, noNaN: true }), { minLength: 4, maxLength: 4 }), (model, duals) => {
        const { form, names } = toRowForm(model);
        const dual = dualBound(form, duals)!;
        const points = [...pointsOf(model, 0)].filter((p) => feasible(model, p));
        if (points.length === 0) return;
        const incumbent = Math.max(...points.map((p) => objective(model, p)));
        const restriction = restrictByReducedCost(form, dual, neededDelta(dual, incumbent));
        const kept = new Set(restriction.columns);
        for (const p of points) {
          if (objective(model, p) < incumbent) continue;
          // Each best point lies in the restriction: its left-out columns are 0, its fixed ones at their bounds.
          names.forEach((name, j) => {
            if (!kept.has(j)) expect(p.get(name)).toBe(0);
          });
          restriction.columns.forEach((j, k) => {
            const v = p.get(names[j]!)!;
            expect(v).toBeGreaterThanOrEqual(restriction.form.colLower[k]!);
            expect(v).toBeLessThanOrEqual(restriction.form.colUpper[k]!);
          });
        }
      }),
      { numRuns: 300 },
    );
  });

  it('leaves out most of a round\'s binaries at the first δ', async () => {
    const { model } = demoModel();
    const { form } = toRowForm(model);
    const lp = await runHighs(form, Date.now() + 60_000, true);
    if (!('rowDual' in lp) || !lp.rowDual) throw new Error(`the LP ended ${lp.kind}`);
    const dual = dualBound(form, lp.rowDual)!;
    const restriction = restrictByReducedCost(form, dual, FIRST_DELTA);
    // demo seed 1: 3,473 columns, 2,956 binaries fixed at δ = 0.1, 590 columns left (measured).
    expect(restriction.fixed).toBeGreaterThan(form.numCols / 2);
    expect(restriction.form.numCols).toBeLessThan(form.numCols / 2);
  });
});

describe('highsFixingEngine', () => {
  it('proves the same optimum as HiGHS on the whole model, on random models', async () => {
    await fc.assert(
      fc.asyncProperty(smallModel, async (model) => {
        const whole = await highsEngine.solve(model, { timeLimitSeconds: 10 });
        const fixed = await highsFixingEngine.solve(model, { timeLimitSeconds: 10 });
        if (whole.status === 'infeasible') {
          expect(fixed.status).toBe('infeasible');
          return;
        }
        expect(whole.status).toBe('optimal');
        expect(fixed.status).toBe('optimal');
        // Within HiGHS's feasibility tolerance (1e-6 on a continuous column moves the objective by a few 1e-6).
        expect(valueOf(fixed)).toBeCloseTo(valueOf(whole)!, 4);
      }),
      { numRuns: 150 },
    );
  });

  it('takes a second, wider restriction when the first one\'s optimum is not proven', async () => {
    // max 10a + 10b + 10c, a + b + c ≤ 1.5: the LP scores 15, the MILP 10, every reduced cost is 0 at the LP's
    // duals, so nothing is fixed at first, and the first optimum (10) needs δ = 5 to be proven.
    const m = new LinearModel();
    for (const n of ['a', 'b', 'c', 'd']) m.binary(n, n === 'd' ? -20 : 10);
    m.constrain('pick', ['a', 'b', 'c'].map((name) => ({ name, coef: 1 })), { max: 1.5 });
    m.constrain('d-free', [{ name: 'd', coef: 1 }, { name: 'a', coef: 1 }], { max: 2 });
    const seen: RestrictionSolved[] = [];
    const answer = await fixingEngine((r) => seen.push(r)).solve(m, { timeLimitSeconds: 10 });
    expect(answer).toMatchObject({ status: 'optimal', objective: 10, bound: 10 });
    // d is left out both times (|−20| > 5); the second δ is the first optimum's gap to the bound, 15 − 10.
    expect(seen.map((r) => [r.fixed, r.columns])).toEqual([[1, 3], [1, 3]]);
    expect(seen[0]!.delta).toBe(FIRST_DELTA);
    // (plus the margin for rounding)
    expect(seen[1]!.delta).toBeCloseTo(5, 4);
  });

  it.each([
    ['demo seed 1', () => generateInstance('demo', 1)],
    ['tiny seed 2', () => generateInstance('tiny', 2)],
    ['a scarce round (counties compete)', () => scarceRound(3)],
  ] as const)('gives the whole model\'s optimum on %s', async (_what, make) => {
    const instance: Instance = make();
    const options = resolveOptions({ timeLimit: 60 });
    const checked = validateInstance(instance, options);
    expect(checked.issues).toEqual([]);
    const ctx = buildContext(checked.instance, options);
    const whole = await solveExact(ctx, { engine: highsEngine, startedAt: Date.now() });
    const fixed = await solveExact(ctx, { engine: highsFixingEngine, startedAt: Date.now() });
    expect(whole.summary.status).toBe('optimal');
    expect(fixed.summary.status).toBe('optimal');
    expect(fixed.summary.objective).toBeCloseTo(whole.summary.objective, 6);
    expect(fixed.summary.matchedCounties).toBe(whole.summary.matchedCounties);
  });
});

/** The whole model of demo seed 1, as the exact solver builds it. */
function demoModel(): { model: LinearModel } {
  const options = resolveOptions({});
  const checked = validateInstance(generateInstance('demo', 1), options);
  const ctx = buildContext(checked.instance, options);
  const candidates = allCandidates(ctx, ctx.counties);
  const reward = lexicographicMatchReward(ctx.counties.map((c) => countyScoreRange(ctx, c, candidates.get(c.id) ?? [])));
  return buildGroupModel(ctx, { counties: ctx.counties, candidates, matchReward: reward });
}
