/**
 * The records a pricing scan keeps (`pricing.ts`): the best value per mask
 * and organization type, and short lists of the best pruned experts of one
 * kind, each with the next member of its class.
 */
import { N_ORG_TYPES } from '../model/pool.js';

/** Records kept per type (and per leader kind) for the bound's individual items. */
export const TYPE_TOP = 8;

/** Masks with fewer bits than this are kept in an array; more, in a map. */
const MASK_ARRAY_BITS = 12;

/** The best value per mask seen in a scan. */
class MaskTable {
  private readonly array = new Float64Array(1 << MASK_ARRAY_BITS).fill(-Infinity);
  private readonly touched: number[] = [];
  private readonly map = new Map<number, number>();

  clear(): void {
    for (const m of this.touched) this.array[m] = -Infinity;
    this.touched.length = 0;
    this.map.clear();
  }

  get(mask: number): number {
    if (mask >>> 0 < 1 << MASK_ARRAY_BITS) return this.array[mask]!;
    return this.map.get(mask) ?? -Infinity;
  }

  offer(mask: number, value: number): void {
    if (mask >>> 0 < 1 << MASK_ARRAY_BITS) {
      const old = this.array[mask]!;
      if (old === -Infinity) this.touched.push(mask);
      if (value > old) this.array[mask] = value;
    } else if (value > (this.map.get(mask) ?? -Infinity)) this.map.set(mask, value);
  }

  /** Every (mask, best value) seen. */
  entries(): [number, number][] {
    const out: [number, number][] = this.touched.map((m) => [m, this.array[m]!]);
    for (const e of this.map) out.push(e);
    return out;
  }
}

/**
 * The best value per (mask, organization type) seen in a scan: the bits an
 * expert earns come with the one organization type it brings (S4b), so the
 * bound's coverage items can bring that type and no other.
 */
export class TypedMaskTable {
  /** Index 0: experts without a type; t + 1: type t. */
  private readonly byType = Array.from({ length: N_ORG_TYPES + 1 }, () => new MaskTable());

  /** Empties the table for a new scan. */
  clear(): void {
    for (const t of this.byType) t.clear();
  }

  /** The best value seen with this mask and type (type −1: none), −∞ when none was. */
  get(mask: number, type: number): number {
    return this.byType[type + 1]!.get(mask);
  }

  /** Notes an expert (or a class's best) with this mask and type worth `value`. */
  offer(mask: number, type: number, value: number): void {
    this.byType[type + 1]!.offer(mask, value);
  }

  /** Every (mask, type, best value) seen, types in order. */
  entries(): [number, number, number][] {
    const out: [number, number, number][] = [];
    this.byType.forEach((table, i) => {
      for (const [mask, value] of table.entries()) out.push([mask, i - 1, value]);
    });
    return out;
  }
}

/** A list of the best records of one kind: value, expert, and the next member of the same class. */
export class TopList {
  /** The records' values, best first (`count` of them). */
  readonly value = new Float64Array(TYPE_TOP);
  /** The records' experts. */
  readonly expert = new Int32Array(TYPE_TOP);
  /** The value (and expert) of the next offerable member of the record's class (−∞ / −1 when none, or for a one-by-one price). */
  readonly second = new Float64Array(TYPE_TOP);
  readonly secondExpert = new Int32Array(TYPE_TOP);
  /** Records held. */
  count = 0;
  /** True when records were dropped off the list (all worth at most its last value). */
  saturated = false;

  /** Empties the list for a new scan. */
  clear(): void {
    this.count = 0;
    this.saturated = false;
  }

  /** Inserts a record (or notes it dropped). */
  offer(value: number, expert: number, second: number, secondExpert: number): void {
    let n = this.count;
    if (n === TYPE_TOP && value <= this.value[n - 1]!) {
      this.saturated = true;
      return;
    }
    if (n < TYPE_TOP) n++;
    else this.saturated = true;
    let j = n - 1;
    while (j > 0 && this.value[j - 1]! < value) {
      this.value[j] = this.value[j - 1]!;
      this.expert[j] = this.expert[j - 1]!;
      this.second[j] = this.second[j - 1]!;
      this.secondExpert[j] = this.secondExpert[j - 1]!;
      j--;
    }
    this.value[j] = value;
    this.expert[j] = expert;
    this.second[j] = second;
    this.secondExpert[j] = secondExpert;
    this.count = n;
  }

  /** True when a record of this value would enter the list. */
  admits(value: number): boolean {
    return this.count < TYPE_TOP || value > this.value[TYPE_TOP - 1]!;
  }

  /** The value a record must beat to enter (−∞ while there is room). */
  threshold(): number {
    return this.count < TYPE_TOP ? -Infinity : this.value[TYPE_TOP - 1]!;
  }

  /** A bound on every member of the kind other than `individuals`: records not individuals, the next member of an individual's class, the last value when records were dropped. */
  rest(individuals: ReadonlySet<number>): number {
    let rest = -Infinity;
    for (let j = 0; j < this.count; j++) rest = Math.max(rest, individuals.has(this.expert[j]!) ? this.second[j]! : this.value[j]!);
    if (this.saturated && this.count > 0) rest = Math.max(rest, this.value[this.count - 1]!);
    return rest;
  }

  /** Experts of the records other than `individuals` (or their class's next member), best first. */
  next(individuals: ReadonlySet<number>): number[] {
    const out: [number, number][] = [];
    for (let j = 0; j < this.count; j++) {
      const e = this.expert[j]!;
      if (!individuals.has(e)) out.push([this.value[j]!, e]);
      else if (this.secondExpert[j]! >= 0) out.push([this.second[j]!, this.secondExpert[j]!]);
    }
    out.sort((a, b) => b[0] - a[0] || a[1] - b[1]);
    return out.map((x) => x[1]);
  }
}
