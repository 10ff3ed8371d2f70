/**
 * Columns after a pricing pass. A pass proves each county's best value
 * v_c(λ) over the whole pool, but its group reaches the column pool only
 * when the answer needed no pruned expert: otherwise the pass widens the
 * county's list and re-solves it with the guide's effort and virtual
 * fillers, whose answer is often incomplete or a little short. Column
 * generation stalls on exactly those counties: the master's LP stops
 * moving while L(λ) stays above it.
 *
 * So every county whose pass value exceeds the best reduced value of its
 * columns (score − Σ λ over members) is solved again on its (now widened)
 * list, with the bound's effort and no fillers, and its group offered.
 */
import type { Lagrangian } from '../bound/lagrangian.js';
import type { ScalableState } from '../state/state.js';
import type { ColumnPool } from './columns.js';

/** Below this (relative to the county's value) a county's columns count as reaching its pass value. */
const SLACK = 1e-6;

/** What `columnsFromPass` found. */
export interface PassColumns {
  /** New columns. */
  added: number;
  /** Counties whose pass value exceeded their best column's reduced value. */
  short: number;
  /** Σ over those counties of pass value − best reduced column value, before and after their re-solve: what the pass's relaxation adds beyond any group found. */
  gapBefore: number;
  gapAfter: number;
}

/** Offers a column for each county the last pass shows short of its bound (see the module comment). */
export function columnsFromPass(state: ScalableState, lag: Lagrangian, pool: ColumnPool): PassColumns {
  const pass = lag.passes[lag.passes.length - 1];
  if (!pass) return { added: 0, short: 0, gapBefore: 0, gapAfter: 0 };
  const { subs, pricer, clock } = state;
  const price = pricer.price;
  const bestReduced = new Float64Array(state.pool.nCounties).fill(-Infinity);
  for (const col of pool.columns) {
    let v = col.score;
    for (const e of col.sorted) v -= price[e]!;
    if (v > bestReduced[col.county]!) bestReduced[col.county] = v;
  }
  let added = 0;
  let short = 0;
  let gapBefore = 0;
  let gapAfter = 0;
  for (const c of lag.open()) {
    if (clock.expired()) break;
    // The pass adds the terms beyond the mask, which column scores leave out.
    const bound = pass.county[c]! - subs.extraPoints[c]!;
    if (Number.isNaN(bound) || bound <= bestReduced[c]! + SLACK * Math.max(1, Math.abs(bound))) continue;
    subs.load(c, price);
    const choice = subs.choice(subs.solve(c, 'bound'));
    short++;
    gapBefore += bound - bestReduced[c]!;
    let v = -Infinity;
    if (choice) {
      v = pool.scoreOf(c, choice);
      for (const e of choice.members) v -= price[e]!;
    }
    gapAfter += bound - Math.max(v, bestReduced[c]!);
    if (choice && pool.offer(c, choice)) added++;
  }
  return { added, short, gapBefore, gapAfter };
}
