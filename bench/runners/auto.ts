/**
 * The library's default solve, exactly as a user gets it: `solve(instance,
 * { timeLimit, seed })` with no solver named, i.e. `auto` (the scalable
 * solver, then HiGHS on the whole model up to `AUTO_EXACT_LIMIT` pairs
 * when a gap remains).
 */
import { solve, type SolveOptions } from '../../src/solve/solve.js';
import type { Instance } from '../../src/model/schemas.js';
import { loadHighs } from '../../src/solve/engines/highs.js';
import { roundOptions, summaryValue } from './common.js';
import { defineRunner } from './define.js';

export const autoRunner = defineRunner<{ instance: Instance; options: SolveOptions }>({
  name: 'auto',
  description: "the library's default: solve(instance, { timeLimit, seed }) — scalable, then a HiGHS polish up to AUTO_EXACT_LIMIT pairs",
  // Loading HiGHS's WebAssembly is not part of the solve (as for highs-full): a process that has solved once has it loaded.
  async convert(instance, opts) {
    await loadHighs();
    return { instance, options: roundOptions(opts) };
  },
  async solve({ instance, options }) {
    const result = await solve(instance, options);
    if (result.status === 'invalid') throw new Error(`instance refused: ${result.issues[0].message}`);
    return result;
  },
  value: summaryValue,
});
