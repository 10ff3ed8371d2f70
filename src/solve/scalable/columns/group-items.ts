/**
 * What a county's group subproblem is made of: the items (candidates, leader
 * twins and pseudo items standing for pruned experts) with their rule flags,
 * and the rules of one group. Apart from the solver (`group-solver.ts`) so
 * that its heuristic (`group-heuristic.ts`) and the phases that build items
 * read them without importing the solver.
 */

/**
 * A candidate that may lead the group (H4: leader level, not the county's own local, H4b, not pinned to another
 * role). A flag of candidate lists (and, on pseudo items, of the kind of experts they stand for); the group
 * solver reads only `F_LEADER`.
 */
export const F_LEAD = 1;
/** The item is a local scientist of this county (H5). */
export const F_LOCAL = 2;
/** The item is from the county's eastern partner provinces (H6). */
export const F_EAST = 4;
/** The item is pinned to this county (H9): it is always in the group. */
export const F_FORCED = 8;
/** The item is pinned as leader (H9). */
export const F_PIN_LEADER = 16;
/** A pseudo item that may count as East–West or not, at the solver's choice (bound relaxation). */
export const F_EAST_FLEX = 32;
/** A pseudo item: stands for pruned experts; never part of a real group. */
export const F_PSEUDO = 64;
/** The item is its expert as the group's leader (a leader twin): a group holds exactly one. */
export const F_LEADER = 128;
/** The item or its `partner` is in every group (a pin without a role, which may lead or not). */
export const F_FORCED_ONE = 256;

/** Prices of the bound: one per bit (0 … 31), one per organization type (32 + t), and the type cap's (`CAP_PRICE`). */
export const PRICES = 48;
/** Index of the type cap's price in the bound's prices. */
export const CAP_PRICE = 47;

/** `ItemList.type` of a pseudo item that may bring any one organization type. */
export const WILD_TYPE = 15;
/** The rules of one county's group, already resolved to numbers. */
export interface GroupRules {
  sizeMin: number;
  sizeMax: number;
  localMin: number;
  localMax: number;
  /** H6 applies (the county has partners). */
  paired: boolean;
  eastMin: number;
  eastMax: number;
  /** Points of bit j (a need covered, an industry named, an organization type present). */
  needValue: Float64Array;
  /** Bit j set when need j is required (H7). */
  required: number;
  /** S4: members allowed per organization before the penalty. */
  orgLimit: number;
  /** S4: penalty per member beyond the limit. */
  orgPenalty: number;
  /** S6: the size the size term aims at. */
  sizeTarget: number;
  /** S6: cost per member away from `sizeTarget` (0: no size term). */
  sizeWeight: number;
  /** S4b: points per organization type present (0: no type term). */
  typeValue: number;
  /** S4b: the most types a group can hold (wild items never earn beyond it). */
  typeCap: number;
}

/** The S6 term of a group of k members under the rules (≤ 0). */
export function sizeTerm(rules: GroupRules, k: number): number {
  return -rules.sizeWeight * Math.abs(k - rules.sizeTarget);
}

/** Growable parallel arrays describing the items of one subproblem. */
export class ItemList {
  n = 0;
  value = new Float64Array(64);
  mask = new Int32Array(64);
  flags = new Int32Array(64);
  /** Global organization id, −1 for none. */
  org = new Int32Array(64);
  /** Copies allowed (1 for a real expert). */
  mult = new Int32Array(64);
  /** The expert behind a real item (or an individual pseudo item; −1 for other pseudo items). */
  expert = new Int32Array(64);
  /** The other item of the same expert (plain copy ↔ leader twin), −1 for none: never both in a group. */
  partner = new Int32Array(64);
  /** Organization type (S4b), −1 for none, `WILD_TYPE` for a pseudo item that may bring any one. */
  type = new Int8Array(64);

  /** Empties the list. */
  clear(): void {
    this.n = 0;
  }

  /** Appends an item; returns its index. */
  push(expert: number, value: number, mask: number, flags: number, org: number, mult = 1, type = -1): number {
    if (this.n === this.value.length) this.grow();
    const i = this.n++;
    this.type[i] = type;
    this.expert[i] = expert;
    this.value[i] = value;
    this.mask[i] = mask;
    this.flags[i] = flags;
    this.org[i] = org;
    this.mult[i] = mult;
    this.partner[i] = -1;
    return i;
  }

  /** Makes items a and b partners: the same expert as member and as leader (at most one of them in a group). */
  link(a: number, b: number): void {
    this.partner[a] = b;
    this.partner[b] = a;
  }

  private grow(): void {
    const size = this.value.length * 2;
    const f64 = (a: Float64Array): Float64Array<ArrayBuffer> => {
      const b = new Float64Array(size);
      b.set(a);
      return b;
    };
    const i32 = (a: Int32Array): Int32Array<ArrayBuffer> => {
      const b = new Int32Array(size);
      b.set(a);
      return b;
    };
    this.value = f64(this.value);
    this.mask = i32(this.mask);
    this.flags = i32(this.flags);
    this.org = i32(this.org);
    this.mult = i32(this.mult);
    this.expert = i32(this.expert);
    this.partner = i32(this.partner);
    const types = new Int8Array(size);
    types.set(this.type);
    this.type = types;
  }
}
