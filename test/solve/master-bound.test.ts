/**
 * The master's prices tighten the proven bound where the pricing passes are
 * exact: every county's list holds every eligible expert (no pseudo items),
 * so L(λ) at the master's (smoothed) duals falls below what the subgradient
 * steps reached, towards the master LP's value; and it stays above the best
 * score (it is still a bound).
 */
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import { currentBound } from '../../src/solve/scalable/bound/bound.js';
import { Clock } from '../../src/solve/scalable/state/clock.js';
import { Lagrangian } from '../../src/solve/scalable/bound/lagrangian.js';
import { columnGeneration } from '../../src/solve/scalable/master/column-generation.js';
import { ColumnPool } from '../../src/solve/scalable/master/columns.js';
import { MasterLp } from '../../src/solve/scalable/master/master-lp.js';
import { eligible } from '../../src/solve/scalable/model/pool.js';
import { repair } from '../../src/solve/scalable/primal/repair.js';
import { prepareCounties } from '../../src/solve/scalable/state/prepare.js';
import { createState } from '../../src/solve/scalable/state/state.js';
import { makeContext } from '../helpers/instance.js';

describe('the master phase', () => {
  it('takes the proven bound below the subgradient’s when the passes are exact', async () => {
    const state = createState(makeContext(generateInstance('demo', 2), {}), new Clock(Date.now(), 600));
    prepareCounties(state);
    for (let c = 0; c < state.pool.nCounties; c++) for (let e = 0; e < state.pool.nExperts; e++) if (eligible(state.pool, e, c)) state.store.add(c, e);
    const lag = new Lagrangian(state);
    lag.pricingPass();
    let best = repair(state, lag);
    for (let it = 1; it <= 8; it++) {
      lag.step(best.objective);
      lag.refresh();
    }
    lag.pricingPass();
    const a = repair(state, lag);
    if (a.betterThan(best)) best = a;
    const subgradient = currentBound(state, lag, best);
    const pool = new ColumnPool(state);
    pool.collect(lag);
    pool.collectAssignment(best);
    const lp = await MasterLp.create(state, pool);
    let stats;
    try {
      stats = columnGeneration(state, lag, pool, lp, { best: () => best, afterPass: () => false });
    } finally {
      lp.dispose();
    }
    const master = currentBound(state, lag, best);
    expect(stats.passes).toBeGreaterThan(0);
    expect(master).toBeLessThan(subgradient - 1e-6);
    expect(master).toBeGreaterThanOrEqual(best.objective - 1e-6);
    expect(master).toBeGreaterThanOrEqual(stats.lpValue - 1e-6 * Math.abs(stats.lpValue));
  });
});

describe('the schedule with the master phase on', () => {
  it('returns a checked result whose bound holds, and tells what the phase did', async () => {
    const { SCHEDULE, solveScalable } = await import('../../src/solve/scalable/index.js');
    const { checkSolution } = await import('../../src/check/check-solution.js');
    const schedule = SCHEDULE as { master: boolean };
    const instance = generateInstance('demo', 3);
    schedule.master = true;
    try {
      let columns = 0;
      const result = await solveScalable(makeContext(instance, {}), { startedAt: Date.now(), onMasterStats: (s) => (columns = s.columns) });
      expect(checkSolution(instance, result, {}).ok).toBe(true);
      expect(result.summary.upperBound).toBeGreaterThanOrEqual(result.summary.objective - 1e-6);
      // Either the gap closed before the phase, or it ran over the columns it collected.
      if (result.summary.gap > 1e-3) expect(columns).toBeGreaterThan(0);
    } finally {
      schedule.master = false;
    }
  });
});
