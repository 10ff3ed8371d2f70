/**
 * Column generation on the restricted master: the master LP's capacity
 * duals become the prices (`prices.ts`), the restricted subproblems are
 * re-solved at them (their new choices are new columns), and every few
 * rounds a pricing pass at those prices gives a proven bound L(π) and the
 * columns the whole pool offers. At the master's optimal duals L(π) lies
 * between the column LP's value and the compact LP's: far tighter than the
 * subgradient's prices reach in as many passes.
 *
 * It stops when a round adds no column (the restricted master is then
 * optimal for the restricted subproblems; a pricing pass closes it), when
 * the gap is small enough, after `CG.rounds`, or at the deadline.
 */
import type { Assignment } from '../primal/assignment.js';
import type { Lagrangian } from '../bound/lagrangian.js';
import type { ScalableState } from '../state/state.js';
import type { ColumnPool } from './columns.js';
import { MasterError } from './highs-types.js';
import type { MasterLp } from './master-lp.js';
import { columnsFromPass } from './pass-columns.js';
import { applyPrices } from './prices.js';

/** The schedule of column generation (values and sizes only: deterministic). */
export const CG = {
  /** Master rounds at most. */
  rounds: 25,
  /** A pricing pass (proven bound, columns over the whole pool) every so many rounds, and after the last. */
  pricingEvery: 1,
  /**
   * Wentges smoothing: the prices are this share of the stability center (the prices of the lowest pass so far)
   * plus the rest of the master's duals. Raw duals of a restricted master swing from one extreme point to another
   * (an expert in no column costs 0, so every county reaches for it); smoothed, they settle.
   */
  smoothing: 0.8,
} as const;

/** What column generation did, for the caller's report. */
export interface CgStats {
  rounds: number;
  passes: number;
  /** The last master LP value. */
  lpValue: number;
  /** The bound of the last pass (all open counties, forced form). */
  lastPass: number;
  /**
   * At the last pass: Σ over counties of (pass value − best reduced value of any group found on its list,
   * exactly solved). What the pass's relaxation of pruned experts adds; column generation cannot remove it.
   */
  relaxationGap: number;
}

/** The callbacks of the solve: a pricing pass was recorded (update the bound); true asks to stop (gap reached). */
export interface CgHooks {
  afterPass(): boolean;
  best(): Assignment | undefined;
}

/**
 * Runs column generation from the columns in `pool`. Returns its stats;
 * it leaves the prices of the lowest pass (the stability center). A master solve that
 * fails (HiGHS's time limit) ends it quietly: every bound so far stays.
 */
export function columnGeneration(state: ScalableState, lag: Lagrangian, pool: ColumnPool, lp: MasterLp, hooks: CgHooks): CgStats {
  const stats: CgStats = { rounds: 0, passes: 0, lpValue: Number.NaN, lastPass: Number.NaN, relaxationGap: Number.NaN };
  let sincePass = 0;
  // The stability center: the prices of the lowest pass so far (at the start, the current prices, of the last pass).
  const center = Float64Array.from(state.pricer.price);
  let centerValue = lag.passes.length > 0 ? passValue(lag, lag.passes.length - 1) : Infinity;
  const prices = new Float64Array(center.length);
  let stalled = false;
  for (let round = 1; round <= CG.rounds && !state.clock.expired(); round++) {
    const best = hooks.best();
    if (best) pool.collectAssignment(best);
    pool.collect(lag);
    let answer;
    try {
      answer = lp.solve(state.clock.remainingMs() / 1000);
    } catch (error) {
      if (error instanceof MasterError) break;
      throw error;
    }
    if (!answer) break;
    stats.rounds = round;
    stats.lpValue = answer.objective;
    // After a round that found nothing at smoothed prices, the master's own duals (a mispricing step).
    const a = Number.isFinite(centerValue) && !stalled ? CG.smoothing : 0;
    for (let e = 0; e < prices.length; e++) prices[e] = a * center[e]! + (1 - a) * answer.prices[e]!;
    applyPrices(state, prices);
    if (!lag.refresh()) break;
    let added = pool.collect(lag);
    sincePass++;
    const last = round === CG.rounds || added === 0;
    if (sincePass >= CG.pricingEvery || last) {
      if (!lag.pricingPass()) break;
      stats.passes++;
      sincePass = 0;
      const value = passValue(lag, lag.passes.length - 1);
      if (value < centerValue) {
        centerValue = value;
        center.set(state.pricer.price);
      }
      stats.lastPass = value;
      if (hooks.afterPass()) break;
      // The pass solved every county over the whole pool: its new groups decide whether to go on.
      const fromPass = columnsFromPass(state, lag, pool);
      stats.relaxationGap = fromPass.gapAfter;
      added += pool.collect(lag) + fromPass.added;
      if (added === 0 && a === 0) break;
    }
    stalled = added === 0;
  }
  // The search after this phase steers by the prices: it gets those of the lowest pass.
  applyPrices(state, center);
  return stats;
}

/** The bound of one pass over the counties open in it (the forced form: every such county matched). */
function passValue(lag: Lagrangian, i: number): number {
  const pass = lag.passes[i]!;
  let sum = pass.capacityTerm;
  for (const c of lag.open()) {
    const v = pass.county[c]!;
    if (!Number.isNaN(v)) sum += v;
  }
  return sum;
}
