/** The library's scalable solver, through the public `solve(instance, { solver: 'scalable' })`. */
import { solve, type SolveOptions } from '../../src/solve/solve.js';
import type { Instance } from '../../src/model/schemas.js';
import { roundOptions, summaryValue } from './common.js';
import { defineRunner } from './define.js';

export const scalableRunner = defineRunner<{ instance: Instance; options: SolveOptions }>({
  name: 'scalable',
  description: "the library's scalable solver: solve(instance, { solver: 'scalable' })",
  convert: (instance, opts) => ({ instance, options: { ...roundOptions(opts), solver: 'scalable' } }),
  async solve({ instance, options }) {
    const result = await solve(instance, options);
    if (result.status === 'invalid') throw new Error(`instance refused: ${result.issues[0].message}`);
    return result;
  },
  value: summaryValue,
});
