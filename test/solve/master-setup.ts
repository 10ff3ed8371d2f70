/** A small round prepared as the scalable solver prepares it, for the master-problem tests. */
import { generateInstance } from '../../src/generate/index.js';
import type { OptionsInput } from '../../src/model/options.js';
import { repair } from '../../src/solve/scalable/primal/repair.js';
import { Clock } from '../../src/solve/scalable/state/clock.js';
import { Lagrangian } from '../../src/solve/scalable/bound/lagrangian.js';
import { prepareCounties } from '../../src/solve/scalable/state/prepare.js';
import { createState, type ScalableState } from '../../src/solve/scalable/state/state.js';
import type { Assignment } from '../../src/solve/scalable/primal/assignment.js';
import { makeContext } from '../helpers/instance.js';

/** The demo round (seed `seed`, `options`) after its first pricing pass and some subgradient steps, with a repaired assignment. */
export function preparedRound(seed = 1, steps = 8, options: OptionsInput = {}): { state: ScalableState; lag: Lagrangian; best: Assignment } {
  const ctx = makeContext(generateInstance('demo', seed), options);
  const state = createState(ctx, new Clock(Date.now(), 600));
  prepareCounties(state);
  const lag = new Lagrangian(state);
  lag.pricingPass();
  let best = repair(state, lag);
  for (let it = 1; it <= steps; it++) {
    lag.step(best.objective);
    lag.refresh();
  }
  lag.pricingPass();
  const a = repair(state, lag);
  if (a.betterThan(best)) best = a;
  return { state, lag, best };
}
