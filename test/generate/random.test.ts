import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { Rng, WeightedTable } from '../../src/generate/random.js';

describe('Rng', () => {
  it('repeats the same stream for the same seed and label', () => {
    fc.assert(
      fc.property(fc.integer({ min: -(2 ** 40), max: 2 ** 40 }), fc.string(), (seed, label) => {
        const a = new Rng(seed, label);
        const b = new Rng(seed, label);
        for (let i = 0; i < 20; i++) expect(a.nextU32()).toBe(b.nextU32());
      }),
      { numRuns: 50 },
    );
  });

  it('gives different streams for different seeds, labels and forks', () => {
    const first = (rng: Rng): number[] => Array.from({ length: 4 }, () => rng.nextU32());
    expect(first(new Rng(1))).not.toEqual(first(new Rng(2)));
    expect(first(new Rng(1, 'a'))).not.toEqual(first(new Rng(1, 'b')));
    const root = new Rng(7);
    expect(first(root.fork('x'))).not.toEqual(first(root.fork('y')));
    // A fork depends on the seed and label, not on how far the parent has gone.
    const moved = new Rng(7);
    moved.nextU32();
    expect(first(moved.fork('x'))).toEqual(first(new Rng(7).fork('x')));
  });

  it('keeps int, pick, sample and weighted within their ranges', () => {
    fc.assert(
      fc.property(fc.integer(), fc.integer({ min: -50, max: 50 }), fc.integer({ min: 0, max: 50 }), (seed, lo, span) => {
        const rng = new Rng(seed);
        const x = rng.int(lo, lo + span);
        expect(x).toBeGreaterThanOrEqual(lo);
        expect(x).toBeLessThanOrEqual(lo + span);
        expect(Number.isInteger(x)).toBe(true);
        const f = rng.next();
        expect(f >= 0 && f < 1).toBe(true);
        const items = Array.from({ length: span + 1 }, (_, i) => i);
        const sample = rng.sample(items, 3);
        expect(new Set(sample).size).toBe(sample.length);
        expect(sample.length).toBe(Math.min(3, items.length));
        expect(rng.weighted(['a', 'b', 'c'], [0, 1, 0])).toBe('b');
      }),
      { numRuns: 100 },
    );
  });

  it('shuffles to a permutation', () => {
    const items = Array.from({ length: 100 }, (_, i) => i);
    const shuffled = new Rng(3).shuffle(items.slice());
    expect(shuffled).not.toEqual(items);
    expect(shuffled.slice().sort((a, b) => a - b)).toEqual(items);
  });

  it('refuses unsafe seeds and empty choices', () => {
    expect(() => new Rng(1.5)).toThrow(RangeError);
    expect(() => new Rng(Number.NaN)).toThrow(RangeError);
    expect(() => new Rng(1).pick([])).toThrow(RangeError);
    expect(() => new Rng(1).weightedIndex([0, 0])).toThrow(RangeError);
  });
});

describe('WeightedTable', () => {
  it('draws in proportion to the weights and never a zero weight', () => {
    const table = new WeightedTable(['a', 'b', 'c', 'd'], [1, 0, 3, 0]);
    const rng = new Rng(11);
    const counts: Record<string, number> = { a: 0, b: 0, c: 0, d: 0 };
    for (let i = 0; i < 8000; i++) {
      const key = table.draw(rng);
      counts[key] = (counts[key] ?? 0) + 1;
    }
    expect(counts['b']).toBe(0);
    expect(counts['d']).toBe(0);
    expect((counts['c'] ?? 0) / (counts['a'] ?? 1)).toBeGreaterThan(2.5);
    expect((counts['c'] ?? 0) / (counts['a'] ?? 1)).toBeLessThan(3.5);
  });
});
