import { describe, expect, it } from 'vitest';
import { relativeGap } from '../../src/objective/gap.js';

describe('relativeGap', () => {
  it('is relative to the bound for scores of a point and more', () => {
    expect(relativeGap(90, 100)).toBeCloseTo(0.1, 12);
    expect(relativeGap(-110, -100)).toBeCloseTo(0.1, 12);
  });
  it('is the difference itself below one point: a bound of 1e-9 over a score of 0 is noise, not a 100% gap', () => {
    expect(relativeGap(0, 1e-9)).toBe(0);
    expect(relativeGap(0, 0.5)).toBeCloseTo(0.5, 12);
  });
  it('is 1 without a finite bound, and 0 for an optimum', () => {
    expect(relativeGap(5, Number.POSITIVE_INFINITY)).toBe(1);
    expect(relativeGap(5, 5)).toBe(0);
  });
});
