/**
 * A fast good group for one subproblem, used as the branch and bound's first
 * incumbent: with a near-best group in hand, the bound usually proves it at
 * the root, and the search visits a handful of nodes instead of thousands.
 *
 * Construction: pinned items (the plain copy of a pinned pair); then, while
 * a rule is unmet (leader, locals, East–West members, required needs,
 * size), the best-gain item that helps it (for the leader, a twin — or a
 * member turned into its own twin); then the best-gain items while the gain
 * is positive. Improvement: the best single add, drop or swap while one
 * raises the value and keeps the group valid, with gains computed from
 * per-bit counts, per-organization counts and the size term. Nothing here
 * needs to be optimal: the exact search follows.
 */
import { F_EAST, F_EAST_FLEX, F_FORCED, F_FORCED_ONE, F_LEADER, F_LOCAL, F_PIN_LEADER, sizeTerm, WILD_TYPE, type GroupRules, type ItemList } from './group-items.js';

/** S4b of a group with `types` types present and `wild` wild items. */
function typeTerm(rules: GroupRules, types: number, wild: number): number {
  return rules.typeValue * Math.min(rules.typeCap, types + wild);
}

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
  const types = new Set<number>();
  let wild = 0;
  for (let i = 0; i < items.n; i++) {
    const k = take[i]!;
    const f = items.flags[i]!;
    const mate = items.partner[i]!;
    if (k === 0) {
      if ((f & F_FORCED) !== 0) return -Infinity;
      if ((f & F_FORCED_ONE) !== 0 && (mate < 0 || take[mate] === 0)) return -Infinity;
      continue;
    }
    if (k > items.mult[i]!) return -Infinity;
    if (mate >= 0 && take[mate]! > 0) return -Infinity;
    cnt += k;
    value += k * items.value[i]!;
    covered |= items.mask[i]!;
    if ((f & F_LOCAL) !== 0) locals += k;
    if ((f & F_EAST) !== 0) east += k;
    if ((f & F_EAST_FLEX) !== 0) flex += k;
    if ((f & F_LEADER) !== 0) lead += k;
    if ((f & F_PIN_LEADER) !== 0) pinLeaders++;
    const o = items.org[i]!;
    if (o >= 0) orgs.set(o, (orgs.get(o) ?? 0) + k);
    const t = items.type[i]!;
    if (t === WILD_TYPE) wild += k;
    else if (t >= 0) types.add(t);
  }
  if (cnt < rules.sizeMin || cnt > rules.sizeMax || locals < rules.localMin || locals > rules.localMax) return -Infinity;
  if (pinLeaders > 1 || lead !== 1) return -Infinity;
  if (rules.paired && (east > rules.eastMax || east + flex < rules.eastMin)) return -Infinity;
  if ((covered & rules.required) !== rules.required) return -Infinity;
  for (let b = covered; b !== 0; b &= b - 1) value += rules.needValue[31 - Math.clz32(b & -b)]!;
  for (const n of orgs.values()) if (n > rules.orgLimit) value -= rules.orgPenalty * (n - rules.orgLimit);
  return value + sizeTerm(rules, cnt) + typeTerm(rules, types.size, wild);
}

/** The heuristic, with its scratch state kept between calls (not re-entrant). */
export class GroupHeuristic {
  private items!: ItemList;
  private rules!: GroupRules;
  private take!: Int32Array;
  private readonly cov = new Int32Array(32);
  private readonly orgCount: Int32Array;
  /** Items per organization type (WILD_TYPE: wild ones), and the types present. */
  private readonly typeCount = new Int32Array(16);
  private nTypes = 0;
  private cnt = 0;
  private locals = 0;
  private east = 0;
  private flex = 0;
  private lead = 0;
  private pinLeaders = 0;
  /** F_FORCED_ONE items taken, and the pairs of them. */
  private forcedOne = 0;
  private forcedPairs = 0;
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
    if ((f & F_LEADER) !== 0) this.lead += d;
    if ((f & F_PIN_LEADER) !== 0) this.pinLeaders += d;
    if ((f & F_FORCED_ONE) !== 0) this.forcedOne += d;
    for (let b = it.mask[i]!; b !== 0; b &= b - 1) {
      const bit = 31 - Math.clz32(b & -b);
      this.cov[bit]! += d;
      if (this.cov[bit]! > 0) this.covered |= 1 << bit;
      else this.covered &= ~(1 << bit);
    }
    const o = it.org[i]!;
    if (o >= 0) this.orgCount[o]! += d;
    const t = it.type[i]!;
    if (t >= 0) {
      const was = this.typeCount[t]!;
      this.typeCount[t] = was + d;
      if (t !== WILD_TYPE && (was === 0) !== (was + d === 0)) this.nTypes += d > 0 ? 1 : -1;
    }
  }

  /** The S4b change when one item of type t joins (d = 1) or leaves (d = −1). */
  private typeChange(t: number, d: number): number {
    if (t < 0) return 0;
    const r = this.rules;
    const wild = this.typeCount[WILD_TYPE]!;
    const before = typeTerm(r, this.nTypes, wild);
    if (t === WILD_TYPE) return typeTerm(r, this.nTypes, wild + d) - before;
    const was = this.typeCount[t]!;
    const types = this.nTypes + (d > 0 ? (was === 0 ? 1 : 0) : was === 1 ? -1 : 0);
    return typeTerm(r, types, wild) - before;
  }

  /** The size term's change when the group grows (d = 1) or shrinks (d = −1) by one. */
  private sizeChange(d: number): number {
    return sizeTerm(this.rules, this.cnt + d) - sizeTerm(this.rules, this.cnt);
  }

  /** Value change of adding one copy of j. */
  private addGain(j: number): number {
    const it = this.items;
    const r = this.rules;
    let g = it.value[j]! + this.sizeChange(1) + this.typeChange(it.type[j]!, 1);
    for (let b = it.mask[j]! & ~this.covered; b !== 0; b &= b - 1) g += r.needValue[31 - Math.clz32(b & -b)]!;
    const o = it.org[j]!;
    if (o >= 0 && this.orgCount[o]! >= r.orgLimit) g -= r.orgPenalty;
    return g;
  }

  /** Value change of removing one copy of i. */
  private dropGain(i: number): number {
    const it = this.items;
    const r = this.rules;
    let g = -it.value[i]! + this.sizeChange(-1) + this.typeChange(it.type[i]!, -1);
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
    if ((f & F_LEADER) !== 0 && this.lead >= 1) return false;
    const mate = it.partner[i]!;
    return mate < 0 || this.take[mate] === 0;
  }

  private valid(): boolean {
    const r = this.rules;
    if (this.cnt < r.sizeMin || this.cnt > r.sizeMax || this.locals < r.localMin || this.locals > r.localMax) return false;
    if (this.pinLeaders > 1 || this.lead !== 1 || this.forcedOne !== this.forcedPairs) return false;
    if (r.paired && (this.east > r.eastMax || this.east + this.flex < r.eastMin)) return false;
    return (this.covered & r.required) === r.required;
  }

  /** The exact value of the current group (its drift-free sum). */
  private value(): number {
    const it = this.items;
    const r = this.rules;
    let v = sizeTerm(r, this.cnt) + typeTerm(r, this.nTypes, this.typeCount[WILD_TYPE]!);
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
    this.forcedOne = 0;
    this.forcedPairs = 0;
    this.typeCount.fill(0);
    this.nTypes = 0;
    for (let i = 0; i < n; i++) if ((items.flags[i]! & F_FORCED_ONE) !== 0 && items.partner[i]! > i) this.forcedPairs++;
    this.covered = 0;
    try {
      if (hint) {
        for (let i = 0; i < n; i++) for (let k = 0; k < Math.min(hint[i]!, items.mult[i]!); k++) if (this.canAdd(i)) this.apply(i, 1);
        let forced = true;
        for (let i = 0; i < n; i++) if ((items.flags[i]! & F_FORCED) !== 0 && take[i] === 0) forced = false;
        if (forced && this.lead === 0) this.promote();
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

  /** Turns the member whose leader twin gains most into the leader (true when one could). */
  private promote(): boolean {
    const it = this.items;
    let best = -1;
    let bestGain = -Infinity;
    for (let i = 0; i < it.n; i++) {
      const twin = it.partner[i]!;
      if (this.take[i]! === 0 || twin < 0 || (it.flags[twin]! & F_LEADER) === 0) continue;
      const g = it.value[twin]! - it.value[i]!;
      if (g > bestGain) {
        bestGain = g;
        best = i;
      }
    }
    if (best < 0) return false;
    this.apply(best, -1);
    this.apply(it.partner[best]!, 1);
    return true;
  }

  private build(n: number): number {
    const items = this.items;
    const rules = this.rules;
    for (let i = 0; i < n; i++) {
      const f = items.flags[i]!;
      // A pinned pair starts as its plain copy; it may become the leader below.
      if ((f & F_FORCED) !== 0 || ((f & F_FORCED_ONE) !== 0 && (f & F_LEADER) === 0)) this.apply(i, 1);
    }
    for (let guard = 0; guard < 4 * rules.sizeMax + 8; guard++) {
      const needLead = this.lead === 0;
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
          const helps = (needLead && (f & F_LEADER) !== 0) || (needLocal && (f & F_LOCAL) !== 0) || (needEast && (f & (F_EAST | F_EAST_FLEX)) !== 0) || (items.mask[i]! & needCover) !== 0;
          if (!helps) continue;
        }
        const g = this.addGain(i);
        if (g > bestGain) {
          bestGain = g;
          best = i;
        }
      }
      if (best < 0) {
        // No twin can join: a member may lead instead.
        if (needLead && this.promote()) continue;
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
      if (bestDrop < 0 && bestAdd < 0) {
        if (!this.passLead(n)) break;
        continue;
      }
      if (bestDrop >= 0) this.apply(bestDrop, -1);
      if (bestAdd >= 0) this.apply(bestAdd, 1);
    }
  }

  /**
   * The leader passed to another member (its twin in, its plain copy out,
   * and the old leader back to its plain copy), when that gains: a move no
   * single add, drop or swap makes. True when one was made.
   */
  private passLead(n: number): boolean {
    const it = this.items;
    const take = this.take;
    let leader = -1;
    for (let i = 0; i < n; i++) if (take[i]! > 0 && (it.flags[i]! & (F_LEADER | F_FORCED)) === F_LEADER) leader = i;
    const back = leader < 0 ? -1 : it.partner[leader]!;
    if (back < 0) return false;
    let best = -1;
    let bestGain = 1e-12;
    for (let i = 0; i < n; i++) {
      const twin = it.partner[i]!;
      if (take[i]! === 0 || i === back || twin < 0 || (it.flags[i]! & F_LEADER) !== 0 || (it.flags[i]! & F_FORCED) !== 0) continue;
      const gain = it.value[back]! - it.value[leader]! + it.value[twin]! - it.value[i]!;
      if (gain <= bestGain) continue;
      this.apply(leader, -1);
      this.apply(i, -1);
      this.apply(back, 1);
      this.apply(twin, 1);
      if (this.valid()) {
        best = i;
        bestGain = gain;
      }
      this.apply(twin, -1);
      this.apply(back, -1);
      this.apply(i, 1);
      this.apply(leader, 1);
    }
    if (best < 0) return false;
    this.apply(leader, -1);
    this.apply(best, -1);
    this.apply(back, 1);
    this.apply(it.partner[best]!, 1);
    return true;
  }
}
