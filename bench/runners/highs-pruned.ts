/** HiGHS on the model restricted to each county's top-K candidates: a strong heuristic, with a bound that holds for the pruned model only. */
import type { Instance } from '../../src/model/schemas.js';
import { highsEngine, loadHighs } from '../../src/solve/engines/highs.js';
import { solvePruned } from '../baselines/pruned.js';
import { prepareRound, summaryValue } from './common.js';
import { defineRunner } from './define.js';

/** The label every pruned row carries. */
export const PRUNED_NOTE = 'pruned: bound not valid for the full instance';

export const highsPrunedRunner = defineRunner<{ instance: Instance; binaries?: number }>({
  name: 'highs-pruned',
  description: 'HiGHS on the model restricted to the top-K candidates per county by standalone value (plus leader-capable, local, East–West and required-need holders)',
  // Loading the WebAssembly module is not part of the solve.
  async convert(instance) {
    await loadHighs();
    return { instance };
  },
  async solve(input, opts) {
    const startedAt = Date.now();
    const { ctx, warnings } = prepareRound(input.instance, opts);
    const { result, binaries } = await solvePruned(ctx, { engine: highsEngine, topK: opts.topK, startedAt, warnings });
    input.binaries = binaries;
    return result;
  },
  value(result, input, opts) {
    return { ...summaryValue(result), boundValid: false, note: `${PRUNED_NOTE} (top-${opts.topK}: ${input.binaries ?? '?'} x-binaries)` };
  },
});
