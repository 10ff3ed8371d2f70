/**
 * A fast good group for one subproblem, used as the branch and bound's first
 * incumbent: with a near-best group in hand, the bound usually proves it at
 * the root, and the search visits a handful of nodes instead of thousands.
 *
 * Construction: pinned items; then, while a rule is unmet (leader, locals,
 * East–West members, required needs, size), the best-gain item that helps
 * it; then the best-gain items while the gain is positive. Improvement: the
 * best single add, drop or swap while one raises the value and keeps the
 * group valid, with gains computed from per-need cover counts and
 * per-organization counts. Nothing here needs to be optimal: the exact
 * search follows.
 */
import { F_EAST, F_EAST_FLEX, F_FORCED, F_LEAD, F_LOCAL, F_PIN_LEADER, type GroupRules, type ItemList } from './group-solver.js';

/** The value of a group given as copies per item (−∞ when it breaks a rule). A reference for tests; allocates. */
export function groupValueOf(items: ItemList, rules: GroupRules, take: Int32Array): number {
  let value = 0;
  let covered = 0;
  let cnt = 0;
  let locals = 0;
  let east = 0;
  let flex = 0;
  let lead = 0;
  let pinLeaders = 0;
  const orgs = new Map<number, number>();
  for (let i = 0; i < items.n; i++) {
    const k = take[i]!;
    if (k === 0) {
      if ((items.flags[i]! & F_FORCED) !== 0) return -Infinity;
      continue;
    }
    if (k > items.mult[i]!) return -Infinity;
    const f = items.flags[i]!;
    cnt += k;
    value += k * items.value[i]!;
    covered |= items.mask[i]!;
    if ((f & F_LOCAL) !== 0) locals += k;
    if ((f & F_EAST) !== 0) east += k;
    if ((f & F_EAST_FLEX) !== 0) flex += k;
    if ((f & F_LEAD) !== 0) lead += k;
    if ((f & F_PIN_LEADER) !== 0) pinLeaders++;
    const o = items.org[i]!;
    if (o >= 0) orgs.set(o, (orgs.get(o) ?? 0) + k);
  }
  if (cnt < rules.sizeMin || cnt > rules.sizeMax || locals < rules.localMin || locals > rules.localMax) return -Infinity;
  if (pinLeaders > 1 || (pinLeaders === 0 && lead === 0)) return -Infinity;
  if (rules.paired && (east > rules.eastMax || east + flex < rules.eastMin)) return -Infinity;
  if ((covered & rules.required) !== rules.required) return -Infinity;
  for (let b = covered; b !== 0; b &= b - 1) value += rules.needValue[31 - Math.clz32(b & -b)]!;
  for (const n of orgs.values()) if (n > rules.orgLimit) value -= rules.orgPenalty * (n - rules.orgLimit);
  return value;
}

/** The heuristic, with its scratch state kept between calls (not re-entrant). */
export class GroupHeuristic {
  private items!: ItemList;
  private rules!: GroupRules;
  private take!: Int32Array;
  private readonly cov = new Int32Array(32);
  private readonly orgCount: Int32Array;
  private cnt = 0;
  private locals = 0;
  private east = 0;
  private flex = 0;
  private lead = 0;
  private pinLeaders = 0;
  private covered = 0;

  /** @param organizations number of distinct organization ids */
  constructor(organizations: number) {
    this.orgCount = new Int32Array(Math.max(1, organizations));
  }

  private apply(i: number, d: number): void {
    const it = this.items;
    const f = it.flags[i]!;
    this.take[i]! += d;
    this.cnt += d;
    if ((f & F_LOCAL) !== 0) this.locals += d;
    if ((f & F_EAST) !== 0) this.east += d;
    if ((f & F_EAST_FLEX) !== 0) this.flex += d;
    if ((f & F_LEAD) !== 0) this.lead += d;
    if ((f & F_PIN_LEADER) !== 0) this.pinLeaders += d;
    for (let b = it.mask[i]!; b !== 0; b &= b - 1) {
      const bit = 31 - Math.clz32(b & -b);
      this.cov[bit]! += d;
      if (this.cov[bit]! > 0) this.covered |= 1 << bit;
      else this.covered &= ~(1 << bit);
    }
    const o = it.org[i]!;
    if (o >= 0) this.orgCount[o]! += d;
  }

  /** Value change of adding one copy of j. */
  private addGain(j: number): number {
    const it = this.items;
    const r = this.rules;
    let g = it.value[j]!;
    for (let b = it.mask[j]! & ~this.covered; b !== 0; b &= b - 1) g += r.needValue[31 - Math.clz32(b & -b)]!;
    const o = it.org[j]!;
    if (o >= 0 && this.orgCount[o]! >= r.orgLimit) g -= r.orgPenalty;
    return g;
  }

  /** Value change of removing one copy of i. */
  private dropGain(i: number): number {
    const it = this.items;
    const r = this.rules;
    let g = -it.value[i]!;
    for (let b = it.mask[i]!; b !== 0; b &= b - 1) {
      const bit = 31 - Math.clz32(b & -b);
      if (this.cov[bit] === 1) g -= r.needValue[bit]!;
    }
    const o = it.org[i]!;
    if (o >= 0 && this.orgCount[o]! > r.orgLimit) g += r.orgPenalty;
    return g;
  }

  private canAdd(i: number): boolean {
    const it = this.items;
    const r = this.rules;
    const f = it.flags[i]!;
    if (this.take[i]! >= it.mult[i]! || this.cnt >= r.sizeMax) return false;
    if ((f & F_LOCAL) !== 0 && this.locals >= r.localMax) return false;
    if (r.paired && (f & F_EAST) !== 0 && this.east >= r.eastMax) return false;
    return true;
  }

  private valid(): boolean {
    const r = this.rules;
    if (this.cnt < r.sizeMin || this.cnt > r.sizeMax || this.locals < r.localMin || this.locals > r.localMax) return false;
    if (this.pinLeaders > 1 || (this.pinLeaders === 0 && this.lead <= 0)) return false;
    if (r.paired && (this.east > r.eastMax || this.east + this.flex < r.eastMin)) return false;
    return (this.covered & r.required) === r.required;
  }

  /** The exact value of the current group (its drift-free sum). */
  private value(): number {
    const it = this.items;
    const r = this.rules;
    let v = 0;
    for (let i = 0; i < it.n; i++) if (this.take[i]! > 0) v += this.take[i]! * it.value[i]!;
    for (let b = this.covered; b !== 0; b &= b - 1) v += r.needValue[31 - Math.clz32(b & -b)]!;
    for (let i = 0; i < it.n; i++) {
      const o = it.org[i]!;
      // Count each organization once: at its first item in the group.
      if (o < 0 || this.take[i]! === 0 || this.orgCount[o]! <= r.orgLimit) continue;
      let first = true;
      for (let j = 0; j < i; j++) if (this.take[j]! > 0 && it.org[j] === o) first = false;
      if (first) v -= r.orgPenalty * (this.orgCount[o]! - r.orgLimit);
    }
    return v;
  }

  /**
   * Fills `take` with a good valid group and returns its value, or −∞ when
   * none was found. A `hint` (copies per item, e.g. the county's previous
   * group) is improved from when it is valid, which is faster and usually
   * better than building anew when prices moved a little.
   */
  run(items: ItemList, rules: GroupRules, take: Int32Array, hint?: Int32Array): number {
    this.items = items;
    this.rules = rules;
    this.take = take;
    const n = items.n;
    take.fill(0, 0, n);
    this.cov.fill(0);
    this.cnt = 0;
    this.locals = 0;
    this.east = 0;
    this.flex = 0;
    this.lead = 0;
    this.pinLeaders = 0;
    this.covered = 0;
    try {
      if (hint) {
        for (let i = 0; i < n; i++) for (let k = 0; k < Math.min(hint[i]!, items.mult[i]!); k++) this.apply(i, 1);
        let forced = true;
        for (let i = 0; i < n; i++) if ((items.flags[i]! & F_FORCED) !== 0 && take[i] === 0) forced = false;
        if (forced && this.valid()) {
          this.improve(n);
          return this.value();
        }
        for (let i = 0; i < n; i++) while (take[i]! > 0) this.apply(i, -1);
      }
      return this.build(n);
    } finally {
      for (let i = 0; i < n; i++) if (items.org[i]! >= 0) this.orgCount[items.org[i]!] = 0;
    }
  }

  private build(n: number): number {
    const items = this.items;
    const rules = this.rules;
    for (let i = 0; i < n; i++) if ((items.flags[i]! & F_FORCED) !== 0) this.apply(i, 1);
    for (let guard = 0; guard < 4 * rules.sizeMax + 8; guard++) {
      const needLead = this.lead === 0 && this.pinLeaders === 0;
      const needLocal = this.locals < rules.localMin;
      const needEast = rules.paired && this.east + this.flex < rules.eastMin;
      const needCover = rules.required & ~this.covered;
      const needSize = this.cnt < rules.sizeMin;
      const urgent = needLead || needLocal || needEast || needCover !== 0;
      let best = -1;
      let bestGain = -Infinity;
      for (let i = 0; i < n; i++) {
        if (!this.canAdd(i)) continue;
        const f = items.flags[i]!;
        if (urgent) {
          const helps = (needLead && (f & F_LEAD) !== 0) || (needLocal && (f & F_LOCAL) !== 0) || (needEast && (f & (F_EAST | F_EAST_FLEX)) !== 0) || (items.mask[i]! & needCover) !== 0;
          if (!helps) continue;
        }
        const g = this.addGain(i);
        if (g > bestGain) {
          bestGain = g;
          best = i;
        }
      }
      if (best < 0) {
        if (urgent || needSize) return -Infinity;
        break;
      }
      if (!urgent && !needSize && bestGain <= 0) break;
      this.apply(best, 1);
    }
    if (!this.valid()) return -Infinity;
    this.improve(n);
    return this.value();
  }

  /** Best single add, drop or swap, repeated while one helps. */
  private improve(n: number): void {
    const items = this.items;
    const take = this.take;
    for (let round = 0; round < this.rules.sizeMax + 4; round++) {
      let bestGain = 1e-12;
      let bestDrop = -1;
      let bestAdd = -1;
      for (let j = 0; j < n; j++) {
        if (!this.canAdd(j)) continue;
        const g = this.addGain(j);
        if (g <= bestGain) continue;
        this.apply(j, 1);
        if (this.valid()) {
          bestGain = g;
          bestDrop = -1;
          bestAdd = j;
        }
        this.apply(j, -1);
      }
      for (let i = 0; i < n; i++) {
        if (take[i]! <= 0 || (items.flags[i]! & F_FORCED) !== 0) continue;
        const gd = this.dropGain(i);
        this.apply(i, -1);
        if (gd > bestGain && this.valid()) {
          bestGain = gd;
          bestDrop = i;
          bestAdd = -1;
        }
        for (let j = 0; j < n; j++) {
          if (j === i || !this.canAdd(j)) continue;
          const g = gd + this.addGain(j);
          if (g <= bestGain) continue;
          this.apply(j, 1);
          if (this.valid()) {
            bestGain = g;
            bestDrop = i;
            bestAdd = j;
          }
          this.apply(j, -1);
        }
        this.apply(i, 1);
      }
      if (bestDrop < 0 && bestAdd < 0) break;
      if (bestDrop >= 0) this.apply(bestDrop, -1);
      if (bestAdd >= 0) this.apply(bestAdd, 1);
    }
  }
}
