/**
 * A small seeded pseudo-random generator (sfc32) with the helpers the
 * generator needs. Every random choice of `generateInstance` goes through
 * this module, never through `Math.random`, so that the same preset and seed
 * give a deep-equal instance on every machine: the arithmetic is 32-bit
 * integer arithmetic (`Math.imul`, shifts), which is exact in JavaScript.
 */

const TWO_32 = 4294967296;

/** Mixes a 32-bit integer into a well-spread 32-bit integer (the splitmix32 finalizer). */
function mix32(value: number): number {
  let x = (value + 0x9e3779b9) | 0;
  x = Math.imul(x ^ (x >>> 16), 0x85ebca6b);
  x = Math.imul(x ^ (x >>> 13), 0xc2b2ae35);
  return (x ^ (x >>> 16)) >>> 0;
}

/** FNV-1a over UTF-16 code units, started from `start`: turns a stream label into seed material. */
function hashString(text: string, start: number): number {
  let h = (start ^ 0x811c9dc5) >>> 0;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * A seeded generator (sfc32: small, fast, passes PractRand, 128-bit state).
 *
 * Independent streams come from `fork(label)`: each part of the generator
 * (counties, experts, preferences) draws from its own stream, so a knob that
 * changes how many numbers one part draws does not reshuffle the others.
 *
 * @example
 * const rng = new Rng(42);
 * rng.int(1, 6); // a die roll, the same one for every run with seed 42
 */
export class Rng {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  /** The seed and label this stream was made from, kept so `fork` derives children from them. */
  private readonly origin: number;

  /**
   * @param seed any safe integer (negative and values past 2^32 are fine: both halves are mixed in)
   * @param label the name of the stream; different labels give independent streams
   */
  constructor(seed: number, label = '') {
    if (!Number.isSafeInteger(seed)) throw new RangeError(`seed must be a safe integer, got ${seed}`);
    const low = seed >>> 0;
    const high = Math.floor(seed / TWO_32) >>> 0;
    const base = hashString(label, mix32(low ^ mix32(high)));
    this.origin = base;
    this.a = mix32(base);
    this.b = mix32(this.a ^ 0x1b873593);
    this.c = mix32(this.b ^ 0xcc9e2d51);
    this.d = 1;
    // Warm-up rounds: sfc32's first outputs are correlated with the seed words.
    for (let i = 0; i < 15; i++) this.nextU32();
  }

  /** The next raw 32-bit unsigned integer. */
  nextU32(): number {
    const t = (((this.a + this.b) | 0) + this.d) | 0;
    this.d = (this.d + 1) | 0;
    this.a = this.b ^ (this.b >>> 9);
    this.b = (this.c + (this.c << 3)) | 0;
    this.c = (this.c << 21) | (this.c >>> 11);
    this.c = (this.c + t) | 0;
    return t >>> 0;
  }

  /** A float in [0, 1). */
  next(): number {
    return this.nextU32() / TWO_32;
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    if (max < min) throw new RangeError(`int(${min}, ${max}): empty range`);
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability `p` (p ≤ 0 never, p ≥ 1 always). */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One element, uniformly. Throws on an empty list (a generator bug, not an input problem). */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new RangeError('pick from an empty list');
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** The index of one weight, with probability proportional to it; throws when every weight is 0. */
  weightedIndex(weights: readonly number[]): number {
    let total = 0;
    for (const w of weights) total += w > 0 ? w : 0;
    if (!(total > 0)) throw new RangeError('weighted pick with no positive weight');
    let r = this.next() * total;
    let last = -1;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] ?? 0;
      if (w <= 0) continue;
      last = i;
      if (r < w) return i;
      r -= w;
    }
    return last; // floating-point leftovers land on the last positive weight
  }

  /** One element, with probability proportional to its weight. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    return items[this.weightedIndex(weights)] as T;
  }

  /** Shuffles `items` in place (Fisher–Yates) and returns it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const t = items[i] as T;
      items[i] = items[j] as T;
      items[j] = t;
    }
    return items;
  }

  /** `k` distinct elements in random order (all of them when `k` ≥ length). Copies: meant for short lists. */
  sample<T>(items: readonly T[], k: number): T[] {
    const copy = items.slice();
    const n = Math.min(k, copy.length);
    for (let i = 0; i < n; i++) {
      const j = i + Math.floor(this.next() * (copy.length - i));
      const t = copy[i] as T;
      copy[i] = copy[j] as T;
      copy[j] = t;
    }
    copy.length = n;
    return copy;
  }

  /** An independent stream derived from this one's seed and `label` (not from its current position). */
  fork(label: string): Rng {
    return new Rng(this.origin, label);
  }
}

/**
 * Many draws from one fixed distribution: cumulative weights and a binary
 * search, so a pool of 150,000 experts samples in O(log n) per draw instead
 * of scanning the weights each time.
 */
export class WeightedTable<T> {
  private readonly items: readonly T[];
  private readonly cumulative: Float64Array;
  /** Sum of the positive weights. */
  readonly total: number;

  /** Items with weights; non-positive weights are never drawn. Throws when none is positive. */
  constructor(items: readonly T[], weights: readonly number[]) {
    if (items.length !== weights.length) throw new RangeError('items and weights differ in length');
    this.items = items;
    this.cumulative = new Float64Array(items.length);
    let sum = 0;
    for (let i = 0; i < weights.length; i++) {
      const w = weights[i] ?? 0;
      sum += w > 0 ? w : 0;
      this.cumulative[i] = sum;
    }
    if (!(sum > 0)) throw new RangeError('weighted table with no positive weight');
    this.total = sum;
  }

  /** One item, with probability proportional to its weight. */
  draw(rng: Rng): T {
    const r = rng.next() * this.total;
    let lo = 0;
    let hi = this.cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.cumulative[mid] ?? 0) > r) hi = mid;
      else lo = mid + 1;
    }
    return this.items[lo] as T;
  }
}
