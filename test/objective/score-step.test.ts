/**
 * The step every affinity-mode score is a multiple of (issue 11): found from
 * the ratings with a tolerance for float noise, never claimed when some
 * rating is off the grid, and the rounding of a bound to it, which must not
 * take an engine's bound a whole step down for a hair of noise.
 */
import { describe, expect, it } from 'vitest';
import { resolveOptions, type OptionsInput } from '../../src/model/options.js';
import type { Instance } from '../../src/model/schemas.js';
import { boundProvesScore, roundBoundToStep, scoreStep, writtenBound } from '../../src/objective/score-step.js';
import { buildContext } from '../../src/rules/context.js';
import { aff, county, makeInstance } from '../helpers/instance.js';

const rated = (scores: readonly number[]): Instance => makeInstance({
  counties: [county('c1'), county('c2')],
  // Spread over two counties: the step is the round's, not one county's.
  affinities: scores.map((s, i) => aff(i % 2 === 0 ? 'c1' : 'c2', `e${i}`, s)),
});

function stepOf(scores: readonly number[], options: OptionsInput = { objective: 'affinity' }): number | undefined {
  return scoreStep(buildContext(rated(scores), resolveOptions(options)));
}

describe('scoreStep', () => {
  it('finds the step of integer, half and quarter ratings, and of decimals parsed with float noise', () => {
    expect(stepOf([1, 5, 3, 4])).toBe(1);
    expect(stepOf([10, 20, -30])).toBe(10);
    expect(stepOf([0.5, 2, 3.5])).toBe(0.5);
    expect(stepOf([0.25, 0.75, 1])).toBe(0.25);
    // 0.1 and 0.7 are not exact in binary; 0.1 + 0.2 is 0.30000000000000004: all on the 0.1 grid.
    expect(stepOf([0.1, 0.7, 0.1 + 0.2])).toBe(0.1);
  });

  it('claims no step when one rating is off every grid of up to 6 decimals', () => {
    expect(stepOf([1, 2, 1 / 3])).toBeUndefined();
    expect(stepOf([1, 1.0000001])).toBeUndefined();
    // Large ratings: a relative tolerance would let 1/3 pass here (the step once came out as 1e-6).
    expect(stepOf([1, 1_000_000 + 1 / 3])).toBeUndefined();
    expect(stepOf([1_000_000 + 1 / 3])).toBeUndefined();
  });

  it('claims no step for ratings too large to tell on or off the grid', () => {
    expect(stepOf([1e13 + 0.5])).toBeUndefined();
    expect(stepOf([2, 4e9])).toBe(2);
  });

  it('has no step in the default objective, whatever the ratings', () => {
    expect(stepOf([1, 2, 3], { objective: 'default' })).toBeUndefined();
    expect(stepOf([], { objective: 'default' })).toBeUndefined();
  });
});

describe('roundBoundToStep', () => {
  it('rounds down to a multiple of the step, never below the score reached', () => {
    expect(roundBoundToStep(21.4, 1, 20)).toBe(21);
    expect(roundBoundToStep(21.000000023, 1, 21)).toBe(21);
    expect(roundBoundToStep(7.4, 0.5, 6)).toBe(7);
    expect(roundBoundToStep(7.6, 0.5, 6)).toBe(7.5);
    expect(roundBoundToStep(20.6, 1, 20.5)).toBe(20.5);
    expect(roundBoundToStep(-3.5, 1, -5)).toBe(-4);
    expect(roundBoundToStep(21.4, undefined, 20)).toBe(21.4);
    expect(roundBoundToStep(Number.POSITIVE_INFINITY, 1, 20)).toBe(Number.POSITIVE_INFINITY);
  });

  it('counts a bound a hair under a multiple (an engine\'s tolerance) as that multiple, not one step less', () => {
    // An engine proving 96 within its 1e-7 tolerance: rounding to 95 would claim 95 optimal.
    expect(roundBoundToStep(96 - 1e-7, 1, 95)).toBe(96);
    expect(roundBoundToStep(1e5 - 1e-3, 1, 0)).toBe(1e5);
    expect(roundBoundToStep(0.3 - 1e-9, 0.1, 0)).toBeCloseTo(0.3, 12);
  });

  it('is idempotent on a rounded bound', () => {
    for (const [bound, step] of [[96.4, 1], [0.35, 0.1], [7.6, 0.5], [123456.7, 0.25]] as const) {
      const once = roundBoundToStep(bound, step, 0);
      expect(roundBoundToStep(once, step, 0)).toBe(once);
    }
  });
});

describe('boundProvesScore', () => {
  it('is true when no multiple of the step lies above the score within the bound', () => {
    expect(boundProvesScore(21.9, 21, 1)).toBe(true);
    expect(boundProvesScore(22, 21, 1)).toBe(false);
    expect(boundProvesScore(21.4, 21, undefined)).toBe(false);
    expect(boundProvesScore(21 + 1e-12, 21, undefined)).toBe(true);
    expect(boundProvesScore(0.1 + 0.2 + 0.05, 0.1 + 0.2, 0.1)).toBe(true);
  });
});

describe('writtenBound', () => {
  it('writes the score when the bound proves it, the bound rounded to the step otherwise', () => {
    expect(writtenBound(21.9, 21, 1)).toBe(21);
    expect(writtenBound(22.4, 21, 1)).toBe(22);
    expect(writtenBound(21.4, 21, undefined)).toBe(21.4);
    // Noise over a score of 0 (any solver): the score, so that the gap written is 0 and `check` accepts it.
    expect(writtenBound(1e-9, 0, undefined)).toBe(0);
    expect(writtenBound(Number.POSITIVE_INFINITY, 5, 1)).toBe(Number.POSITIVE_INFINITY);
  });
});

describe('boundProvesScore without a bound', () => {
  it('an infinite bound proves nothing', () => {
    expect(boundProvesScore(Number.POSITIVE_INFINITY, 5, 1)).toBe(false);
    expect(boundProvesScore(Number.POSITIVE_INFINITY, 5, undefined)).toBe(false);
  });
});
