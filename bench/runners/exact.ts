/** The library's exact solver: the whole MILP with javascript-lp-solver, only where it fits. */
import type { Instance } from '../../src/model/schemas.js';
import { jsLpEngine } from '../../src/solve/engines/jslp.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { prepareRound, summaryValue } from './common.js';
import { defineRunner } from './define.js';

export const exactRunner = defineRunner<Instance>({
  name: 'exact',
  description: 'whole MILP with javascript-lp-solver (solveExact), skipped above the binary limit',
  convert: (instance) => instance,
  async solve(instance, opts) {
    const startedAt = Date.now();
    const { ctx, warnings } = prepareRound(instance, opts);
    return solveExact(ctx, { engine: jsLpEngine, startedAt, binaryLimit: opts.exactBinaryLimit, warnings });
  },
  value: summaryValue,
});
