/** HiGHS (WebAssembly) on the whole model: the reference optimum, only where it fits in memory and time. */
import type { Instance } from '../../src/model/schemas.js';
import { highsEngine, loadHighs } from '../../src/solve/engines/highs.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { prepareRound, summaryValue } from './common.js';
import { defineRunner } from './define.js';

export const highsFullRunner = defineRunner<Instance>({
  name: 'highs-full',
  description: 'HiGHS on the whole model (solveExact with highsEngine), skipped above its binary limit',
  // Loading the WebAssembly module is not part of the solve.
  async convert(instance) {
    await loadHighs();
    return instance;
  },
  async solve(instance, opts) {
    const startedAt = Date.now();
    const { ctx, warnings } = prepareRound(instance, opts);
    return solveExact(ctx, { engine: highsEngine, startedAt, warnings });
  },
  value: summaryValue,
});
