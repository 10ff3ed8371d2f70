/**
 * Price-and-branch: the restricted master solved as a MIP gives a valid
 * result (checked by `checkSolution` through `finish`), never worse than
 * the incumbent in the solver's order, and the same answer twice.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { compareAssignments } from '../../src/solve/scalable/primal/assignment.js';
import { finish } from '../../src/solve/scalable/schedule/finish.js';
import { columnGeneration } from '../../src/solve/scalable/master/column-generation.js';
import { ColumnPool } from '../../src/solve/scalable/master/columns.js';
import { MasterLp } from '../../src/solve/scalable/master/master-lp.js';
import { solveMasterMip } from '../../src/solve/scalable/master/master-mip.js';
import type { OptionsInput } from '../../src/model/options.js';
import { preparedRound } from './master-setup.js';

async function mipOn(seed: number, options: OptionsInput) {
  const { state, lag, best } = preparedRound(seed, 8, options);
  const pool = new ColumnPool(state);
  pool.collect(lag);
  pool.collectAssignment(best);
  const lp = await MasterLp.create(state, pool);
  try {
    columnGeneration(state, lag, pool, lp, { best: () => best, afterPass: () => false });
  } finally {
    lp.dispose();
  }
  const mip = await solveMasterMip(state, pool, best, 2000);
  return { state, lag, best, pool, mip };
}

describe('the master MIP', () => {
  for (const [name, options] of [
    ['default options', {}],
    ['leadOnce (H4c)', { leadOnce: true }],
  ] as const) {
    it(`answers with a valid result no worse than the incumbent (${name})`, async () => {
      const { state, lag, best, mip } = await mipOn(3, options);
      const a = mip.assignment!;
      expect(a).toBeDefined();
      expect(compareAssignments(a, best)).toBeGreaterThanOrEqual(0);
      const result = finish(state, lag, a, { startedAt: Date.now() }, 'test');
      expect(checkSolution(state.ctx.instance, result, options).ok).toBe(true);
      expect(result.summary.objective).toBeGreaterThanOrEqual(best.objective - 1e-6);
      if (options.leadOnce) {
        const leaders = a.group.filter((g) => g !== undefined).map((g) => g.leader);
        expect(new Set(leaders).size).toBe(leaders.length);
      }
    });
  }

  it('gives the same answer on the same round', async () => {
    const one = await mipOn(4, {});
    const two = await mipOn(4, {});
    expect(two.pool.columns.map((c) => c.sorted.join(','))).toEqual(one.pool.columns.map((c) => c.sorted.join(',')));
    expect(two.mip.assignment!.group.map((g) => g?.members.join(','))).toEqual(one.mip.assignment!.group.map((g) => g?.members.join(',')));
  });
});
