/**
 * When every possible score is a multiple of one step, a bound can be
 * rounded down to that step and still bound every result: in
 * `--objective affinity` the score is exactly Σ affinity over the assigned
 * pairs, so with integer ratings (as surveys give them) every score is a
 * whole number, and a bound of 96.4 proves that 96 is the best possible.
 * Without this, the scalable solver left 45 of 46 generated tiny and demo
 * rounds (seeds 1–23) `feasible`, 43 of them with bound − score < 1
 * (`bench/objective/proven-step.ts`).
 */
import type { RoundContext } from '../rules/context.js';
import { GAP_NOISE } from './gap.js';

/** Decimal places a rating may have for the step to be found (scores with more are taken to have none). */
const MAX_DECIMALS = 6;

/**
 * How far a rating may sit from a multiple of 10^-d and still count as one:
 * at least `GRID_NOISE`, and a few units in the last place of the rating (a
 * decimal such as 12345678.1 is parsed to the nearest double, ~1e-9 away).
 * A rating really off the grid (1/3, or 1,000,000⅓) is off by far more.
 */
const GRID_NOISE = 1e-9;

/**
 * Scaled ratings up to this (2^40) are exact enough to take a gcd of; a
 * larger one cannot be told on or off the grid, and the round gets no step.
 */
const MAX_SCALED = 2 ** 40;

/**
 * How close to a multiple (relative to the bound, and never less than this
 * share of a step) a bound counts as that multiple: an engine's dual bound
 * is only as exact as its tolerances (HiGHS's are 1e-6 to 1e-7), so a bound
 * a hair under a multiple must not be rounded a whole step down. Being
 * generous here only ever keeps a bound higher, which stays valid.
 */
const BOUND_NOISE = 1e-6;

function gcd(a: number, b: number): number {
  while (b !== 0) [a, b] = [b, a % b];
  return a;
}

/**
 * The largest step every score of any result is a multiple of, or
 * `undefined` when there is none to use: only in the affinity objective
 * (the default objective mixes weights and fractional relevance), from the
 * ratings of non-vetoed pairs (a vetoed pair never serves, pinned or not;
 * a pair without a row scores 0), each with at most `MAX_DECIMALS` decimals.
 * Pins add no term of their own in affinity mode (README "The objective"),
 * so the ratings are the whole story.
 * @example // ratings 2, 4, 6 → 2; ratings 0.5, 1.5 → 0.5; rating 1/3 → undefined
 */
export function scoreStep(ctx: RoundContext): number | undefined {
  if (ctx.options.objective !== 'affinity') return undefined;
  const ratings: number[] = [];
  let decimals = 0;
  for (const inner of ctx.affinityByCounty.values()) {
    for (const a of inner.values()) {
      if (a.veto || a.score === 0) continue;
      const d = decimalsOf(Math.abs(a.score));
      // Off the grid (more decimals, or a fraction such as 1/3), or too large to tell: no step can be claimed.
      if (d === undefined) return undefined;
      decimals = Math.max(decimals, d);
      ratings.push(Math.abs(a.score));
    }
  }
  // No rating at all: every score is 0, and any step proves it.
  if (ratings.length === 0) return 1;
  const scale = 10 ** decimals;
  let step = 0;
  for (const r of ratings) {
    const scaled = Math.round(r * scale);
    if (!(scaled <= MAX_SCALED)) return undefined;
    step = gcd(step, scaled);
  }
  return step / scale;
}

/** The fewest decimals (≤ `MAX_DECIMALS`) the positive rating has within float noise, or undefined. */
function decimalsOf(x: number): number | undefined {
  const tolerance = Math.max(GRID_NOISE, 8 * Number.EPSILON * x);
  for (let d = 0; d <= MAX_DECIMALS; d++) {
    const unit = 10 ** d;
    const scaled = Math.round(x * unit);
    if (!(scaled <= MAX_SCALED)) return undefined;
    if (Math.abs(scaled / unit - x) <= tolerance) return d;
  }
  return undefined;
}

/**
 * `bound` rounded down to a multiple of `step` (never below `objective`, a
 * score reached, which is itself a multiple): valid, since no result can
 * score between two multiples. A bound within `BOUND_NOISE` of a multiple
 * counts as that multiple. The bound unchanged without a step.
 * @example roundBoundToStep(96.4, 1, 95) // 96
 */
export function roundBoundToStep(bound: number, step: number | undefined, objective: number): number {
  if (step === undefined || !Number.isFinite(bound)) return bound;
  const slack = Math.max(BOUND_NOISE, (BOUND_NOISE * Math.abs(bound)) / step);
  const multiples = Math.floor(bound / step + slack);
  return Math.max(objective, multiples * step);
}

/**
 * True when the bound proves the score best possible: equal within float
 * noise once rounded to the step (with a step: no multiple of it lies above
 * the score and within the bound). `writtenBound` then writes the score as
 * the bound, so that the gap written is 0.
 * @example boundProvesScore(21.4, 21, 1) // true
 */
export function boundProvesScore(bound: number, objective: number, step: number | undefined): boolean {
  // No bound proves nothing (∞ − score ≤ noise · ∞ would hold).
  if (!Number.isFinite(bound)) return false;
  const rounded = roundBoundToStep(bound, step, objective);
  // Absolute below 1: a bound of 1e-9 over a score of 0 is noise (relative to 1e-9 it would be a gap of 1).
  return rounded - objective <= GAP_NOISE * Math.max(1, Math.abs(rounded));
}

/**
 * The bound a result writes: `bound` rounded down to the step, and the
 * score itself when that proves the score (`boundProvesScore`: noise of an
 * engine or of a float sum is not a gap). Every solver's result goes
 * through it (`assembleResult`); the scalable solver also decides its
 * status from it.
 * @example writtenBound(21.4, 21, 1) // 21
 * @example writtenBound(22.4, 21, 1) // 22
 */
export function writtenBound(bound: number, objective: number, step: number | undefined): number {
  const rounded = roundBoundToStep(bound, step, objective);
  return boundProvesScore(rounded, objective, step) ? objective : rounded;
}
