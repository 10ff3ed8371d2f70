/**
 * How much of the time limit the exact solver's engine may take. HiGHS
 * blocks the event loop while it runs and stops only roughly at its
 * `time_limit`, so it gets the time left less a reserve for what follows
 * it: the per-county diagnosis of the counties it leaves unmatched, the
 * result's check (`assembleResult`), and the caller's writing.
 */

/**
 * The reserve: a fixed part, a share of the limit, and a part per variable
 * of the model: HiGHS overruns its `time_limit` by up to 1.3 s on a
 * 240,871-variable model (100 counties), and reading its answer back and
 * grouping it takes 0.7 s more (measured; about 8e-6 s per variable).
 */
export const EXACT_FINISH_RESERVE = { seconds: 0.5, shareOfLimit: 0.05, perVariable: 8e-6 } as const;

/** The shortest time an engine is ever given (it then returns what it has, or nothing). */
export const MIN_ENGINE_SECONDS = 0.05;

/** Seconds left of `limitSeconds` (counted from `startedAt`) once the finishing reserve for a model of `variables` variables is kept back. */
export function exactEngineSeconds(limitSeconds: number, startedAt: number, variables = 0, now = Date.now()): number {
  const left = limitSeconds - (now - startedAt) / 1000;
  const reserve = EXACT_FINISH_RESERVE.seconds + EXACT_FINISH_RESERVE.shareOfLimit * limitSeconds + EXACT_FINISH_RESERVE.perVariable * variables;
  return Math.max(MIN_ENGINE_SECONDS, left - reserve);
}

/**
 * Seconds per eligible pair that the exact solver spends around its engine:
 * candidates, ceilings, building the model, handing it to HiGHS, reading
 * the answer back and assembling the result. Measured about 1.7e-5 s per
 * pair (195,443 pairs: 3.3 s, of which 1.1 s building the model); with a
 * margin for a loaded machine.
 */
export const EXACT_SECONDS_PER_PAIR = 2.5e-5;

/** Engine seconds below which a polish is not started: HiGHS needs a root LP to improve on a start. */
export const MIN_POLISH_SECONDS = 0.5;

/** Variables of the whole model per eligible pair (x for every pair, l for national experts' pairs, y and o per county): 1.23 measured at 100 counties. */
export const VARIABLES_PER_PAIR = 1.25;

/** True when an exact polish of a round of `pairs` eligible pairs still fits in the time left. */
export function polishFits(limitSeconds: number, startedAt: number, pairs: number, now = Date.now()): boolean {
  return exactEngineSeconds(limitSeconds, startedAt, VARIABLES_PER_PAIR * pairs, now) - EXACT_SECONDS_PER_PAIR * pairs >= MIN_POLISH_SECONDS;
}
