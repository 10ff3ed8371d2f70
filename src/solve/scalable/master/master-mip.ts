/**
 * Price-and-branch: the restricted master solved as a MIP (binary x over
 * the columns column generation collected), its answer offered as an
 * assignment.
 *
 * The solver's order is lexicographic (`compareAssignments`: counties with
 * pins matched, then each priority tier in turn, then counties matched,
 * then the score). Rather than weigh the keys, the MIP keeps every key at
 * least at the incumbent's — Σ x over pinned counties' columns ≥ its
 * pinned count, over each tier's ≥ its count in that tier, over all ≥ its
 * matched count — and maximizes the score. The incumbent's own groups are
 * columns (and its start), so the MIP's answer is never worse in that
 * order; it is kept only when strictly better (`betterThan`).
 *
 * Columns keep every single-group rule and the pins (`columns.ts`); the
 * rows keep H1, H2 and H4c: the answer is a valid result, which `finish`
 * checks again.
 */
import { priorityTiers } from '../../../rules/priority.js';
import { loadHighs } from '../../engines/highs.js';
import { Assignment } from '../primal/assignment.js';
import type { ScalableState } from '../state/state.js';
import type { ColumnPool } from './columns.js';
import type { Highs } from './highs-types.js';

/** What the MIP gave. */
export interface MipAnswer {
  /** Its assignment, or undefined when HiGHS found none in time. */
  assignment: Assignment | undefined;
  /** True when HiGHS proved it optimal over the columns. */
  optimal: boolean;
  seconds: number;
}

/** HiGHS's `primal_solution_status` for a feasible point. */
const PRIMAL_FEASIBLE = 2;

/**
 * Solves the restricted master as a MIP no worse than `incumbent` in the
 * solver's order, within `maxNodes` branch-and-bound nodes (a count, so that
 * the answer does not depend on the machine's speed) and the solve's
 * deadline (`state.clock`, which marks the result as cut when it passes).
 */
export async function solveMasterMip(state: ScalableState, pool: ColumnPool, incumbent: Assignment, maxNodes: number): Promise<MipAnswer> {
  const highs = (await loadHighs()) as unknown as Highs;
  const t0 = Date.now();
  const deadline = state.clock.deadline;
  const timeLimitSeconds = (deadline - t0) / 1000;
  const { columns, rowExpert, expertRow } = pool;
  const { capacity, leadOnce } = state.pool;
  const inf = highs.infinity;
  const model = highs.createModel();
  try {
    model.options.set({ output_flag: false, random_seed: 0, presolve: 'on', mip_rel_gap: 1e-6, mip_max_nodes: maxNodes, time_limit: Math.max(0.01, timeLimitSeconds) });
    model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
    const empty = { indices: new Int32Array(0), values: new Float64Array(0) };
    // Rows: capacities, then counties, leaders (H4c), then the order's keys.
    let rows = 0;
    for (const e of rowExpert) {
      model.addRow(-inf, capacity[e]!, empty);
      rows++;
    }
    const countyRow = new Map<number, number>();
    const leadRow = new Map<number, number>();
    const rowOf = (map: Map<number, number>, key: number): number => {
      let r = map.get(key);
      if (r === undefined) {
        model.addRow(-inf, 1, empty);
        map.set(key, (r = rows++));
      }
      return r;
    };
    for (const col of columns) {
      rowOf(countyRow, col.county);
      if (leadOnce) rowOf(leadRow, col.choice.leader);
    }
    const tiers = priorityTiers(state.ctx);
    const want = incumbent.tierMatched;
    const tierRow: number[] = [];
    for (let t = 0; t < want.length; t++) {
      model.addRow(want[t]!, inf, empty);
      tierRow.push(rows++);
    }
    const pinnedRow = rows++;
    model.addRow(incumbent.pinnedMatched, inf, empty);
    const matchedRow = rows++;
    model.addRow(incumbent.matched, inf, empty);
    for (const col of columns) {
      const r = [countyRow.get(col.county)!, tierRow[tiers.tierAt[col.county]!]!, matchedRow];
      for (const e of col.sorted) r.push(expertRow.get(e)!);
      if (leadOnce) r.push(leadRow.get(col.choice.leader)!);
      if (state.store.hasPins(col.county)) r.push(pinnedRow);
      r.sort((a, b) => a - b);
      model.addCol(col.score, 0, 1, { indices: Int32Array.from(r), values: new Float64Array(r.length).fill(1) });
    }
    for (let j = 0; j < columns.length; j++) model.changeColIntegrality(j, highs.constants.variableType.integer);
    // The incumbent as the start: HiGHS then only searches for better.
    const start = new Float64Array(columns.length);
    for (let c = 0; c < incumbent.group.length; c++) {
      const g = incumbent.group[c];
      if (!g) continue;
      const j = pool.indexOf(c, g);
      if (j >= 0) start[j] = 1;
    }
    model.setSolution({ colValue: start });
    const stop = (event: { interrupt(): void }): undefined => {
      if (Date.now() >= deadline) event.interrupt();
      return undefined;
    };
    const cb = highs.constants.callbackType;
    model.run({ [cb.simplexInterrupt]: stop, [cb.mipInterrupt]: stop });
    const seconds = (Date.now() - t0) / 1000;
    const status = model.getModelStatus();
    const optimal = status === highs.constants.modelStatus['optimal'];
    if (Number(model.info.get('primal_solution_status')) !== PRIMAL_FEASIBLE) return { assignment: undefined, optimal, seconds };
    const x = model.getSolution().colValue;
    const a = new Assignment(state);
    columns.forEach((col, j) => {
      if (x[j]! > 0.5) a.place(col.county, col.choice);
    });
    return { assignment: a, optimal, seconds };
  } finally {
    model.dispose();
  }
}
