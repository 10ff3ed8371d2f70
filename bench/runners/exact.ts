/**
 * The library's exact solver as a user gets it: `solve(instance, { solver:
 * 'exact' })`, i.e. `solveExact` with HiGHS behind reduced-cost fixing
 * (the whole model's optimum, proven from a smaller MILP),
 * refusing rounds above `EXACT_BINARY_LIMIT` eligible pairs (skipped above
 * `--exact-limit`, by default that constant).
 */
import { solve, type SolveOptions } from '../../src/solve/solve.js';
import type { Instance } from '../../src/model/schemas.js';
import { loadHighs } from '../../src/solve/engines/highs.js';
import { roundOptions, summaryValue } from './common.js';
import { defineRunner } from './define.js';

export const exactRunner = defineRunner<{ instance: Instance; options: SolveOptions }>({
  name: 'exact',
  description: "the library's exact solver: solve(instance, { solver: 'exact' }) — HiGHS behind reduced-cost fixing, refused above EXACT_BINARY_LIMIT pairs",
  // Loading the WebAssembly module is not part of the solve.
  async convert(instance, opts) {
    await loadHighs();
    return { instance, options: { ...roundOptions(opts), solver: 'exact' } };
  },
  async solve({ instance, options }) {
    const result = await solve(instance, options);
    if (result.status === 'invalid') throw new Error(`instance refused: ${result.issues[0].message}`);
    return result;
  },
  value: summaryValue,
});
