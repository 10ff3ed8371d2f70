/**
 * When every possible score is a multiple of one step, a bound can be
 * rounded down to that step and still bound every result: in
 * `--objective affinity` the score is exactly Σ affinity over the assigned
 * pairs, so with integer ratings (as surveys give them) every score is a
 * whole number, and a bound of 96.4 proves that 96 is the best possible.
 * Without this, a result that is optimal was reported `feasible` on most
 * small affinity rounds (22 of 24 generated tiny and demo rounds).
 */
import type { RoundContext } from '../rules/context.js';

/** Decimal places a rating may have for the step to be found (scores with more are taken to have none). */
const MAX_DECIMALS = 6;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The largest step every score of any result is a multiple of, or
 * `undefined` when there is none to use: only in the affinity objective
 * (the default objective mixes weights and fractional relevance), from the
 * ratings of non-vetoed pairs (a vetoed pair never serves), with at most
 * `MAX_DECIMALS` decimals.
 * @example // ratings 2, 4, 6 → 2; ratings 0.5, 1.5 → 0.5; rating 1/3 → undefined
 */
export function scoreStep(ctx: RoundContext): number | undefined {
  if (ctx.options.objective !== 'affinity') return undefined;
  const scale = 10 ** MAX_DECIMALS;
  let step = 0;
  for (const inner of ctx.affinityByCounty.values()) {
    for (const a of inner.values()) {
      if (a.veto || a.score === 0) continue;
      const scaled = Math.round(Math.abs(a.score) * scale);
      if (Math.abs(scaled / scale - Math.abs(a.score)) > 1e-12 * Math.max(1, Math.abs(a.score))) return undefined;
      step = gcd(step, scaled);
    }
  }
  // No rating at all: every score is 0, and any step proves it.
  return step === 0 ? 1 : step / scale;
}

/**
 * `bound` rounded down to a multiple of `step` (never below `objective`, a
 * score reached, which is itself a multiple): valid, since no result can
 * score between two multiples. The bound unchanged without a step.
 * @example roundBoundToStep(96.4, 1, 95) // 96
 */
export function roundBoundToStep(bound: number, step: number | undefined, objective: number): number {
  if (step === undefined || !Number.isFinite(bound)) return bound;
  // A bound a hair under a multiple (engine rounding) still counts as that multiple.
  const multiples = Math.floor(bound / step + 1e-9);
  return Math.max(objective, multiples * step);
}
