/**
 * The master phase of a scalable solve, after the subgradient steps:
 * column generation on the restricted master (`column-generation.ts`),
 * then price-and-branch (`master-mip.ts`) on the columns it collected.
 * Every bound it adds is a pricing pass (`Lagrangian.pricingPass`) at
 * prices ≥ 0, so it stays proven; every assignment it offers is kept only
 * when better in the solver's order.
 */
import type { Assignment } from '../primal/assignment.js';
import type { Lagrangian } from '../bound/lagrangian.js';
import type { ScalableState } from '../state/state.js';
import { columnGeneration, type CgStats } from './column-generation.js';
import type { ColumnPool } from './columns.js';
import { MasterLp } from './master-lp.js';
import { solveMasterMip, type MipAnswer } from './master-mip.js';

/** What the phase did (for progress and measurement). */
export interface MasterStats {
  cg: CgStats;
  columns: number;
  lpSeconds: number;
  mip?: Pick<MipAnswer, 'optimal' | 'seconds'> & { objective: number | undefined };
}

/** The solve's hooks: the bound after a pass (true: the gap is reached), the best assignment, and where to offer one. */
export interface MasterHooks {
  afterPass(): boolean;
  best(): Assignment | undefined;
  consider(a: Assignment): void;
}

/**
 * Runs the phase on the columns of `pool` (the subgradient's groups and the
 * best assignment's); `mipNodes` caps the MIP's branch-and-bound nodes
 * (0: no MIP).
 */
export async function masterPhase(state: ScalableState, lag: Lagrangian, pool: ColumnPool, hooks: MasterHooks, mipNodes: number): Promise<MasterStats> {
  const lp = await MasterLp.create(state, pool);
  let cg: CgStats;
  try {
    cg = columnGeneration(state, lag, pool, lp, hooks);
  } finally {
    lp.dispose();
  }
  const stats: MasterStats = { cg, columns: pool.columns.length, lpSeconds: lp.seconds };
  const best = hooks.best();
  if (!best || mipNodes <= 0 || state.clock.expired() || hooks.afterPass()) return stats;
  pool.collectAssignment(best);
  const mip = await solveMasterMip(state, pool, best, mipNodes);
  stats.mip = { optimal: mip.optimal, seconds: mip.seconds, objective: mip.assignment?.objective };
  if (mip.assignment) hooks.consider(mip.assignment);
  return stats;
}
