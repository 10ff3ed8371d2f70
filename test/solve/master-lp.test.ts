/**
 * The master LP: HiGHS's sign of a maximization's row duals (the prices are
 * taken as they come), and the master's duals priced back into the
 * restricted Lagrangian reproduce the LP's value (LP duality), which a
 * wrong sign or a wrong row would break.
 */
import { describe, expect, it } from 'vitest';
import { loadHighs } from '../../src/solve/engines/highs.js';
import { ColumnPool } from '../../src/solve/scalable/master/columns.js';
import type { Highs } from '../../src/solve/scalable/master/highs-types.js';
import { MasterLp } from '../../src/solve/scalable/master/master-lp.js';
import { preparedRound } from './master-setup.js';

describe('the master LP', () => {
  it('gets non-negative duals for binding ≤ rows of a maximization from HiGHS', async () => {
    const highs = (await loadHighs()) as unknown as Highs;
    const m = highs.createModel();
    try {
      m.options.set({ output_flag: false });
      m.changeObjectiveSense(highs.constants.objectiveSense.maximize);
      const none = { indices: new Int32Array(0), values: new Float64Array(0) };
      // max 3x + 2y  s.t.  x + y ≤ 1,  x ≤ 0.5: both rows bind, with duals 2 and 1.
      m.addRow(-highs.infinity, 1, none);
      m.addRow(-highs.infinity, 0.5, none);
      m.addCol(3, 0, 1, { indices: Int32Array.from([0, 1]), values: Float64Array.from([1, 1]) });
      m.addCol(2, 0, 1, { indices: Int32Array.from([0]), values: Float64Array.from([1]) });
      m.run();
      expect(m.getObjectiveValue()).toBeCloseTo(2.5, 9);
      const dual = m.getSolution().rowDual;
      expect(dual[0]).toBeCloseTo(2, 9);
      expect(dual[1]).toBeCloseTo(1, 9);
    } finally {
      m.dispose();
    }
  });

  it('prices the capacities so that Σ cap·π + Σ_c max(0, best reduced column) equals the LP value', async () => {
    const { state, lag, best } = preparedRound(2, 8);
    const pool = new ColumnPool(state);
    pool.collect(lag);
    pool.collectAssignment(best);
    const lp = await MasterLp.create(state, pool);
    try {
      const answer = lp.solve(60)!;
      // The best assignment's groups are columns: the LP is at least its score.
      expect(answer.objective).toBeGreaterThanOrEqual(best.objective - 1e-6);
      let dualValue = 0;
      for (let e = 0; e < answer.prices.length; e++) {
        expect(answer.prices[e]).toBeGreaterThanOrEqual(0);
        if (!pool.expertRow.has(e)) expect(answer.prices[e]).toBe(0);
        dualValue += state.pool.capacity[e]! * answer.prices[e]!;
      }
      const perCounty = new Map<number, number>();
      for (const col of pool.columns) {
        let v = col.score;
        for (const e of col.sorted) v -= answer.prices[e]!;
        perCounty.set(col.county, Math.max(perCounty.get(col.county) ?? 0, v));
      }
      for (const v of perCounty.values()) dualValue += v;
      expect(dualValue).toBeCloseTo(answer.objective, 5);
      // Some capacity binds in this round: the prices are not all zero (a sign error would clamp them to 0).
      expect(answer.prices.some((p) => p > 0)).toBe(true);
    } finally {
      lp.dispose();
    }
  });
});
