/**
 * The old exact path: the whole MILP with javascript-lp-solver
 * (`solveExact` with `jsLpEngine`), skipped above `--jslp-limit` binaries
 * (default `JSLP_BINARY_LIMIT`). Kept for comparison with HiGHS; the library
 * no longer gives whole rounds to it.
 */
import type { Instance } from '../../src/model/schemas.js';
import { jsLpEngine } from '../../src/solve/engines/jslp.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { prepareRound, summaryValue } from './common.js';
import { defineRunner } from './define.js';

export const jslpRunner = defineRunner<Instance>({
  name: 'jslp',
  description: 'whole MILP with javascript-lp-solver (solveExact with jsLpEngine), skipped above JSLP_BINARY_LIMIT binaries',
  convert: (instance) => instance,
  async solve(instance, opts) {
    const startedAt = Date.now();
    const { ctx, warnings } = prepareRound(instance, opts);
    return solveExact(ctx, { engine: jsLpEngine, startedAt, binaryLimit: opts.jslpBinaryLimit, warnings });
  },
  value: summaryValue,
});
