/**
 * The restricted master LP of column generation, kept in one persistent
 * HiGHS model that grows as columns arrive (HiGHS re-solves from its last
 * basis, so each round costs a few simplex iterations):
 *
 *   max Σ_g score_g x_g
 *   s.t. Σ_{g of c} x_g ≤ 1            (per county: one group, H1)
 *        Σ_{g ∋ e} x_g ≤ cap_e         (per expert in some column, H2)
 *        Σ_{g led by e} x_g ≤ 1        (per leader, with `leadOnce`, H4c)
 *        0 ≤ x ≤ 1.
 *
 * The capacity rows' duals are the prices the subproblems are re-solved at.
 * HiGHS reports, for a maximization, the dual of a binding `≤` row as a
 * non-negative number (checked in `test/solve/master-lp.test.ts`): they are
 * the prices as they are, clamped at 0 against round-off.
 */
import { loadHighs } from '../../engines/highs.js';
import type { ScalableState } from '../state/state.js';
import type { ColumnPool } from './columns.js';
import { MasterError, type Highs, type HighsLp } from './highs-types.js';

/** What one solve of the master LP gave. */
export interface LpAnswer {
  /** The LP optimum (an upper bound on the restricted master's integer optimum, not on the round). */
  objective: number;
  /** Per expert of the pool: the dual of its capacity row (0 for experts in no column). */
  prices: Float64Array;
  /** Seconds in HiGHS. */
  seconds: number;
}

/** The master LP over a column pool; call `solve` after columns were offered. */
export class MasterLp {
  private readonly countyRow = new Map<number, number>();
  /** Master row of each pool row (capacity), and of each leader's H4c row. */
  private readonly capRow: number[] = [];
  private readonly leadRow = new Map<number, number>();
  private rows = 0;
  private synced = 0;
  /** HiGHS seconds over all solves. */
  seconds = 0;
  solves = 0;

  private constructor(private readonly state: ScalableState, private readonly highs: Highs, private readonly model: HighsLp, private readonly pool: ColumnPool) {}

  /** A master LP over `pool` (loads HiGHS on first use). */
  static async create(state: ScalableState, pool: ColumnPool): Promise<MasterLp> {
    const highs = (await loadHighs()) as unknown as Highs;
    const model = highs.createModel();
    // Single-threaded and seeded: the same model gives the same answer on every run.
    model.options.set({ output_flag: false, random_seed: 0, presolve: 'off' });
    model.changeObjectiveSense(highs.constants.objectiveSense.maximize);
    return new MasterLp(state, highs, model, pool);
  }

  /** Adds the columns offered since the last call, with any rows they need. */
  private sync(): void {
    const { columns, rowExpert } = this.pool;
    const { capacity, leadOnce } = this.state.pool;
    const inf = this.highs.infinity;
    const empty = { indices: new Int32Array(0), values: new Float64Array(0) };
    for (let r = this.capRow.length; r < rowExpert.length; r++) {
      this.model.addRow(-inf, capacity[rowExpert[r]!]!, empty);
      this.capRow.push(this.rows++);
    }
    for (; this.synced < columns.length; this.synced++) {
      const col = columns[this.synced]!;
      const rows: number[] = [];
      let cr = this.countyRow.get(col.county);
      if (cr === undefined) {
        this.model.addRow(-inf, 1, empty);
        this.countyRow.set(col.county, (cr = this.rows++));
      }
      rows.push(cr);
      for (const e of col.sorted) rows.push(this.capRow[this.pool.expertRow.get(e)!]!);
      if (leadOnce) {
        let lr = this.leadRow.get(col.choice.leader);
        if (lr === undefined) {
          this.model.addRow(-inf, 1, empty);
          this.leadRow.set(col.choice.leader, (lr = this.rows++));
        }
        rows.push(lr);
      }
      rows.sort((a, b) => a - b);
      this.model.addCol(col.score, 0, 1, { indices: Int32Array.from(rows), values: new Float64Array(rows.length).fill(1) });
    }
  }

  /** Solves the master LP over every column offered so far; undefined when there is none yet. */
  solve(timeLimitSeconds: number): LpAnswer | undefined {
    this.sync();
    if (this.synced === 0) return undefined;
    const t0 = Date.now();
    this.model.options.set({ time_limit: Math.max(0.01, timeLimitSeconds) });
    this.model.run();
    const seconds = (Date.now() - t0) / 1000;
    this.seconds += seconds;
    this.solves++;
    const status = this.model.getModelStatus();
    if (status !== this.highs.constants.modelStatus['optimal']) {
      throw new MasterError(`the master LP ended with HiGHS model status ${status}`);
    }
    const dual = this.model.getSolution().rowDual;
    const prices = new Float64Array(this.state.pool.nExperts);
    this.pool.rowExpert.forEach((e, r) => {
      prices[e] = Math.max(0, dual[this.capRow[r]!]!);
    });
    return { objective: this.model.getObjectiveValue(), prices, seconds };
  }

  /** Releases the HiGHS model. */
  dispose(): void {
    this.model.dispose();
  }
}
