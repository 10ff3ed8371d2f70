/**
 * The node bound of the group solver (see `group-solver.ts`): an upper bound
 * on what the undecided items from a position on can still add to the group,
 * and the heuristic that reads a group off it.
 *
 * It is a Lagrangian relaxation of coverage. Each open need is priced
 * (`mu`); its points move to the items covering it, and what remains is a
 * selection that `select` solves exactly: the best keys under the leader,
 * local and East–West quotas and the size term, one leader case at a time
 * (`assemble`: witnesses first, `takeBest`, then the best rest). For any
 * prices in [0, points] the charged points plus the selection bound every
 * completion, so the bound is valid whatever the prices; `optimistic` takes
 * a few subgradient steps on them (towards the LP bound) and keeps the
 * lowest value. The organization penalty and the minimum size are left out,
 * which only raises the bound. The organization types (S4b) are priced like
 * the bits, with one more price for the type cap.
 *
 * Each selection is also tried as a group (`tryIncumbent`): a valid group
 * found there raises the incumbent and lets the search prune sooner.
 */

import { CAP_PRICE, F_EAST, F_EAST_FLEX, F_LEADER, F_LOCAL, PRICES, sizeTerm, WILD_TYPE } from './group-items.js';
import { EPS, GroupSearchState, pointsOf } from './group-search-state.js';

/** Leader cases of the bound: the leader may lead and is not East–West, or is both. */
const LEADER_ONLY = 1;
const LEADER_EAST = 2;

/** Inserts (v, q) into a descending buffer of at most `cap` entries starting at `base`; returns the new size. */
function insert(buf: Float64Array, pos: Int32Array, base: number, size: number, cap: number, v: number, q: number): number {
  if (cap <= 0) return size;
  if (size === cap && v <= buf[base + size - 1]!) return size;
  let j = size < cap ? size++ : size - 1;
  while (j > 0 && buf[base + j - 1]! < v) {
    buf[base + j] = buf[base + j - 1]!;
    pos[base + j] = pos[base + j - 1]!;
    j--;
  }
  buf[base + j] = v;
  pos[base + j] = q;
  return size;
}

/**
 * The bound step over the shared search state: `optimistic` (with `select`
 * and its helpers) and `categorize`, which lists the witnesses once per solve.
 */
export abstract class GroupBound extends GroupSearchState {
  /** Subgradient steps on the coverage prices at the root bound (set by the solver). */
  protected abstract rootSteps: number;
  /** Subgradient steps on the coverage prices at the other nodes (set by the solver). */
  protected abstract nodeSteps: number;

  /** Sum of the witnesses' keys in the current `assemble`. */
  private pickSum = 0;
  /** Chosen copies earning each open bit, type and the cap (the subgradient of `optimistic`). */
  private readonly coverCount = new Int32Array(PRICES);
  /** Sizes of the rest's parts in `topBuf` and where the local and East–West parts start (`select` to `assemble`). */
  private nO = 0;
  private nL = 0;
  private nE = 0;
  private baseL = 0;
  private baseE = 0;
  /** Sizes of the witness category lists (see `categorize`). */
  private nCatLead = 0;
  private nCatEast = 0;
  private nCatLocal = 0;
  /** Coverage prices of the bound (per need bit). */
  private readonly mu = new Float64Array(PRICES);
  /** Position the current `assemble` keeps out of the group: the partner of its leader witness (−1 none). */
  private exclPos = -1;

  /**
   * Upper bound on what the undecided items from position p on can still
   * add (−∞ when the quotas can no longer be met), at search depth `depth`.
   *
   * Coverage is priced out (Lagrangian relaxation): with a price mu_n in
   * [0, points_n] per open need n, each item's key is its value plus the
   * prices of the open needs it covers, and
   *   bound(mu) = Σ_n (points_n − mu_n) + select(keys)
   * holds for every such mu. A few subgradient steps lower it (towards the
   * LP bound), starting from the parent node's prices; the search keeps the
   * lowest value found, so every step only tightens a valid bound.
   */
  protected optimistic(p: number, depth: number): number {
    const r = this.rules;
    const slots = r.sizeMax - this.cnt;
    if (slots <= 0) return 0;
    const needL = Math.max(0, r.localMin - this.nLocal);
    let needE = r.paired ? Math.max(0, r.eastMin - this.nEast - this.nFlex) : 0;
    if (needE > 0 && this.localEastLeft(p)) needE = 0;
    if (needL + needE > slots) return -Infinity;
    const open = this.sufMask[p]! & ~this.covered;
    const openTypes = this.openTypes(p);
    const w = r.typeValue;
    const mu = this.mu;
    // Start from the parent's prices (the root from the county's last ones, else from zero).
    const parent = depth > 0 ? (depth - 1) * PRICES : -1;
    const warmMu = this.warmMu;
    for (let j = 0; j < 32; j++) mu[j] = (open & (1 << j)) === 0 ? 0 : parent >= 0 ? this.muStack[parent + j]! : warmMu ? Math.min(warmMu[j]!, r.needValue[j]!) : 0;
    for (let t = 0; t < 15; t++) mu[32 + t] = (openTypes & (1 << t)) === 0 ? 0 : parent >= 0 ? this.muStack[parent + 32 + t]! : warmMu ? Math.min(warmMu[32 + t]!, w) : 0;
    // The type cap (at most typeCap types, wild items included) is priced too: its price ν lowers every type's
    // and wild item's points (to w − ν) and charges ν per place left.
    const capLeft = r.typeCap - this.nTypes - this.typeCount[WILD_TYPE]!;
    const typed = w > 0 && capLeft > 0;
    mu[CAP_PRICE] = !typed ? 0 : parent >= 0 ? this.muStack[parent + CAP_PRICE]! : warmMu ? Math.min(warmMu[CAP_PRICE]!, w) : 0;
    for (let t = 0; t < 15; t++) mu[32 + t] = Math.min(mu[32 + t]!, w - mu[CAP_PRICE]!);
    const target = this.best + this.tolerance - (this.val + this.covVal + sizeTerm(r, this.cnt));
    const steps = open === 0 && !typed ? 0 : depth === 0 ? this.rootSteps : this.nodeSteps;
    let best = Infinity;
    const own = depth * PRICES;
    for (let step = 0; ; step++) {
      let charged = 0;
      for (let b = open; b !== 0; b &= b - 1) {
        const bit = 31 - Math.clz32(b & -b);
        charged += r.needValue[bit]! - mu[bit]!;
      }
      const nu = mu[CAP_PRICE]!;
      if (typed) charged += nu * capLeft;
      for (let b = openTypes; b !== 0; b &= b - 1) charged += w - nu - mu[32 + 31 - Math.clz32(b & -b)]!;
      const sel = this.select(p, slots, needL, needE, open);
      if (sel === -Infinity) return sel;
      this.tryIncumbent();
      const v = sel + charged;
      if (v < best) {
        best = v;
        this.muStack.set(mu, own);
      }
      if (best <= target || step >= steps) break;
      // Subgradient: (number of chosen items earning j) − 1 for each open bit, and (chosen holders of the type's
      // points) − 1 for each open type.
      const cover = this.coverCount;
      cover.fill(0);
      for (let j = 0; j < this.nSel; j++) {
        const q = this.selPos[j]!;
        for (let b = this.pMask[q]! & open; b !== 0; b &= b - 1) cover[31 - Math.clz32(b & -b)]! += this.selCount[j]!;
        const t = this.pType[q]!;
        if (t === WILD_TYPE) cover[CAP_PRICE]! += this.selCount[j]!;
        else if (t >= 0 && this.typeCount[t]! === 0) cover[32 + t]! += this.selCount[j]!;
      }
      let norm = 0;
      for (let b = open; b !== 0; b &= b - 1) {
        const g = cover[31 - Math.clz32(b & -b)]! - 1;
        norm += g * g;
      }
      for (let b = openTypes; b !== 0; b &= b - 1) {
        const g = cover[32 + 31 - Math.clz32(b & -b)]! - 1;
        norm += g * g;
      }
      // The cap's subgradient: places left less the types charged (each open one, at a positive point) and wild items chosen.
      let capGrad = 0;
      if (typed) {
        capGrad = capLeft - cover[CAP_PRICE]!;
        for (let b = openTypes; b !== 0; b &= b - 1) if (w - nu - mu[32 + 31 - Math.clz32(b & -b)]! > 0) capGrad--;
        norm += capGrad * capGrad;
      }
      if (norm === 0) break;
      // Polyak's step towards the value that would prune this node (a small cut when nothing is known yet).
      const aim = Number.isFinite(target) ? target : v - Math.max(1, 0.05 * Math.abs(v));
      const length = Math.max(v - aim, 1e-6) / norm;
      for (let b = open; b !== 0; b &= b - 1) {
        const bit = 31 - Math.clz32(b & -b);
        mu[bit] = Math.min(r.needValue[bit]!, Math.max(0, mu[bit]! - length * (cover[bit]! - 1)));
      }
      if (typed) mu[CAP_PRICE] = Math.min(w, Math.max(0, nu - length * capGrad));
      for (let b = openTypes; b !== 0; b &= b - 1) {
        const j = 32 + 31 - Math.clz32(b & -b);
        mu[j] = Math.min(w - mu[CAP_PRICE]!, Math.max(0, mu[j]! - length * (cover[j]! - 1)));
      }
    }
    return best;
  }

  /**
   * The organization types (bit t) a completion from position p may still
   * add: missing from the group, held by an undecided item that may join,
   * and the group below `typeCap`. 0 without a type term.
   */
  private openTypes(p: number): number {
    const r = this.rules;
    if (r.typeValue <= 0 || this.nTypes + this.typeCount[WILD_TYPE]! >= r.typeCap) return 0;
    // At most the missing types some undecided item holds: the scan stops once it has found them all.
    let present = 0;
    for (let t = 0; t < WILD_TYPE; t++) if (this.typeCount[t]! > 0) present |= 1 << t;
    const most = this.sufTypes[p]! & ~present;
    const type = this.pType;
    const flags = this.pFlags;
    const partner = this.pPartner;
    let out = 0;
    for (let q = p; q < this.m && out !== most; q++) {
      const t = type[q]!;
      if (t < 0 || t === WILD_TYPE || this.typeCount[t]! > 0 || this.forbidden[q]! > 0) continue;
      if (((flags[q]! & F_LEADER) !== 0 && this.nLead > 0) || (partner[q]! >= 0 && this.take[partner[q]!]! > 0)) continue;
      out |= 1 << t;
    }
    return out;
  }

  /**
   * The relaxation's choice as a group (a Lagrangian heuristic): the decided
   * items plus those `select` chose, kept as the best group when it is valid
   * and better. Many candidates are worth the same (equal fits, bits that
   * differ only by organization type), where the search alone may take
   * long to meet the best group; the relaxation's choice often is it.
   */
  private tryIncumbent(): void {
    const it = this.items;
    const r = this.rules;
    const covered = this.covered;
    const covVal = this.covVal;
    let applied = 0;
    let ok = true;
    for (; applied < this.nSel; applied++) {
      const i = this.ord[this.selPos[applied]!]!;
      const mate = it.partner[i]!;
      if ((mate >= 0 && this.take[mate]! > 0) || ((it.flags[i]! & F_LEADER) !== 0 && this.nLead > 0)) {
        ok = false;
        break;
      }
      this.apply(i, this.selCount[applied]!);
    }
    if (ok && this.cnt <= r.sizeMax && this.nLocal <= r.localMax && (!r.paired || this.nEast <= r.eastMax) && this.feasibleNow()) {
      const total = this.val + this.covVal + sizeTerm(r, this.cnt);
      if (total > this.best + EPS) {
        this.best = total;
        this.bestTake.set(this.take.subarray(0, it.n));
      }
    }
    for (let j = 0; j < applied; j++) this.remove(this.ord[this.selPos[j]!]!, this.selCount[j]!);
    this.covered = covered;
    this.covVal = covVal;
  }

  /** True when an undecided item is both local and East–West (then the East–West witnesses are not counted apart). */
  private localEastLeft(p: number): boolean {
    return this.sufLocalEast[p]! > 0;
  }

  /**
   * An upper bound on Σ key over the items a completion can still add, plus
   * the change of the size term, where key = value + the prices `mu` of the
   * bits in `open` the item earns. It is the exact optimum of a relaxation
   * (no minimum size, no organization penalty, no pinned pair, coverage only
   * through the keys): the completion must hold `needL` locals and `needE`
   * East–West members, and a leader twin when it has none yet, and at most
   * the quota maxima. Once the leader's kind is fixed (not East–West, or
   * East–West) the "at least" constraints are laminar and the maxima a
   * partition, so taking the best witnesses innermost-first and then the
   * best rest within the maxima is optimal for every size; the size term is
   * concave in the size (+sizeWeight per member up to the target,
   * −sizeWeight beyond), so the rest grows while a key beats the next
   * member's size change. The bound is the larger of the two leader cases.
   * Returns −∞ when witnesses are missing. The chosen positions are left in
   * selPos/selCount.
   */
  private select(p: number, slots: number, needL: number, needE: number, open: number): number {
    const r = this.rules;
    const keys = this.keyBuf;
    const take = this.take;
    const forbidden = this.forbidden;
    const value = this.pValue;
    const mask = this.pMask;
    const flags = this.pFlags;
    const partner = this.pPartner;
    const mult = this.pMult;
    const type = this.pType;
    const mu = this.mu;
    const leaderIn = this.nLead > 0;
    // S4b, priced like the bits, while the group is below the type cap: a missing type t is earned when some
    // chosen item has it (y_t ≤ Σ_{i of type t} x_i), priced mu_t, and at most `typeCap` types are earned, wild
    // items included, priced ν (`CAP_PRICE`): every item of a missing type gains mu_t, a wild item w − ν, and
    // `optimistic` charges ν per place left plus w − ν − mu_t per missing type. A Lagrangian relaxation: valid
    // for any prices.
    const w = r.typeValue;
    const typed = w > 0 && this.nTypes + this.typeCount[WILD_TYPE]! < r.typeCap;
    const typeCount = this.typeCount;
    // The rest's candidates, once for both leader cases: the best keys per part (others, locals, capped
    // East–West) that a member's size change could make worth taking, with room for the few copies the
    // witnesses will take and for the leader witness's partner. Leader twins are never part of the rest.
    const floor = this.cnt < r.sizeTarget ? -r.sizeWeight : r.sizeWeight;
    const spare = 2 + needE + needL;
    const eastCapped = r.paired && !this.localEastLeft(p);
    const capO = slots + spare;
    const capL = Math.max(0, Math.min(r.localMax - this.nLocal, slots)) + spare;
    const capE = eastCapped ? Math.max(0, Math.min(r.eastMax - this.nEast, slots)) + spare : 0;
    const buf = this.topBuf;
    const pos = this.topPos;
    const baseL = capO;
    const baseE = capO + capL;
    let nO = 0;
    let nL = 0;
    let nE = 0;
    // One pass: each undecided position's key (its value, the prices of the open bits it earns, the type's price),
    // kept for the witnesses, and offered to its part of the rest. (The sums are formed exactly as in two passes.)
    for (let q = p; q < this.m; q++) {
      const f = flags[q]!;
      // Items that cannot join: dominated, a second leader twin, the partner of a member already in.
      const mate = partner[q]!;
      if (forbidden[q]! > 0 || ((f & F_LEADER) !== 0 && leaderIn) || (mate >= 0 && take[mate]! > 0)) {
        keys[q] = Number.NaN;
        continue;
      }
      const fresh = mask[q]! & open;
      let key = value[q]! + (fresh === 0 ? 0 : pointsOf(fresh, mu));
      if (typed) {
        const t = type[q]!;
        if (t >= 0) {
          if (t === WILD_TYPE) key = key + w - mu[CAP_PRICE]!;
          else if (typeCount[t]! === 0) key = key + mu[32 + t]!;
        }
      }
      keys[q] = key;
      if (!(key > floor) || (f & F_LEADER) !== 0) continue;
      const copies = Math.min(mult[q]!, slots + spare);
      for (let c = 0; c < copies; c++) {
        if ((f & F_LOCAL) !== 0) nL = insert(buf, pos, baseL, nL, capL, key, q);
        else if (eastCapped && (f & F_EAST) !== 0) nE = insert(buf, pos, baseE, nE, capE, key, q);
        else {
          if (nO === capO && key <= buf[nO - 1]!) break;
          nO = insert(buf, pos, 0, nO, capO, key, q);
        }
      }
    }
    this.nO = nO;
    this.nL = nL;
    this.nE = nE;
    this.baseL = baseL;
    this.baseE = baseE;
    if (this.nLead > 0) return this.assemble(p, slots, needL, needE, 0, eastCapped, -1);
    // Per leader kind: the best twin leads, its plain copy kept out of the rest. Keeping it out couples the
    // leader with the rest (a lesser twin may let its better plain copy in), so every other twin is bounded too:
    // the second-best twin with the rest left whole (twins are never in the rest, so the rest is the same
    // for all of them) bounds any of them.
    let best = -Infinity;
    let nBest = 0;
    for (let kind = LEADER_ONLY; kind <= LEADER_EAST; kind++) {
      const v = this.assemble(p, slots, needL, needE, kind, eastCapped, -1);
      if (v > best) {
        best = v;
        nBest = this.keepSelection();
      }
      if (this.exclPos < 0) continue;
      const w2 = this.assemble(p, slots, needL, needE, kind, eastCapped, this.selPos[0]!);
      if (w2 > best) {
        best = w2;
        nBest = this.keepSelection();
      }
    }
    this.nSel = nBest;
    for (let j = 0; j < nBest; j++) {
      this.selPos[j] = this.saveSel[j]!;
      this.selCount[j] = this.saveCnt[j]!;
    }
    return best;
  }

  /** Saves the current selection (as the best so far of `select`); returns its size. */
  private keepSelection(): number {
    const n = this.nSel;
    for (let j = 0; j < n; j++) {
      this.saveSel[j] = this.selPos[j]!;
      this.saveCnt[j] = this.selCount[j]!;
    }
    return n;
  }

  /** Adds a copy of position q to the current `assemble`'s selection. */
  private pick(q: number): void {
    const at = this.selIdx[q]!;
    if (at > 0) {
      this.selCount[at - 1]!++;
      return;
    }
    const j = this.nSel++;
    this.selPos[j] = q;
    this.selCount[j] = 1;
    this.selIdx[q] = j + 1;
  }

  /**
   * Takes `count` copies of the best keys among positions whose flags hold
   * every bit of `all`, some bit of `any` (when not 0) and no bit of
   * `refuse`, other than `exclPos`; false when there are too few. Scans only
   * the category's positions (see `categorize`).
   */
  private takeBest(p: number, slots: number, count: number, list: Int32Array, size: number, all: number, any: number, refuse: number): boolean {
    const flags = this.pFlags;
    const mult = this.pMult;
    const keys = this.keyBuf;
    const selIdx = this.selIdx;
    const exclPos = this.exclPos;
    // The list is in position order: skip the decided positions once.
    let start = 0;
    while (start < size && list[start]! < p) start++;
    for (let c = 0; c < count; c++) {
      let bestQ = -1;
      let bestKey = -Infinity;
      for (let j = start; j < size; j++) {
        const q = list[j]!;
        if (q === exclPos) continue;
        const k = keys[q]!;
        // (A NaN key fails the comparison: the position cannot join.)
        if (!(k > bestKey)) continue;
        const f = flags[q]!;
        if ((f & all) !== all || (any !== 0 && (f & any) === 0) || (f & refuse) !== 0) continue;
        const at = selIdx[q]!;
        if (Math.min(mult[q]!, slots) - (at > 0 ? this.selCount[at - 1]! : 0) <= 0) continue;
        bestQ = q;
        bestKey = k;
      }
      if (bestQ < 0) return false;
      this.pickSum += bestKey;
      this.pick(bestQ);
    }
    return true;
  }

  /**
   * One leader case of `select` (0: the group already has a leader), over the buffers `select` filled. With
   * `passOver` ≥ 0 the leader witness is the best twin other than the one at that position, and its plain copy is
   * not kept out (see `select`).
   */
  private assemble(p: number, slots: number, needL: number, needE: number, leader: number, eastCapped: boolean, passOver: number): number {
    const v = this.assembleInto(p, slots, needL, needE, leader, eastCapped, passOver);
    for (let j = 0; j < this.nSel; j++) this.selIdx[this.selPos[j]!] = 0;
    return v;
  }

  /** `assemble`'s work, leaving `selIdx` set for the selection (cleared by `assemble`). */
  private assembleInto(p: number, slots: number, needL: number, needE: number, leader: number, eastCapped: boolean, passOver: number): number {
    const r = this.rules;
    this.nSel = 0;
    this.pickSum = 0;
    this.exclPos = passOver;
    if (leader === LEADER_ONLY) {
      // A leader that may count as East–West or not (F_EAST_FLEX) may lead in either case.
      if (!this.takeBest(p, slots, 1, this.catLead, this.nCatLead, F_LEADER, 0, F_EAST | F_LOCAL)) return -Infinity;
    } else if (leader === LEADER_EAST) {
      if (!this.takeBest(p, slots, 1, this.catLead, this.nCatLead, F_LEADER, F_EAST | F_EAST_FLEX, F_LOCAL)) return -Infinity;
    }
    this.exclPos = -1;
    if (leader !== 0 && passOver < 0) {
      // The leader witness's plain copy stays out: one expert, one place.
      const mate = this.pPartner[this.selPos[0]!]!;
      if (mate >= 0 && this.posOf[mate]! >= p) this.exclPos = this.posOf[mate]!;
    }
    const moreEast = leader === LEADER_EAST ? needE - 1 : needE;
    if (moreEast > 0 && !this.takeBest(p, slots, moreEast, this.catEast, this.nCatEast, 0, F_EAST | F_EAST_FLEX, F_LOCAL)) return -Infinity;
    if (needL > 0 && !this.takeBest(p, slots, needL, this.catLocal, this.nCatLocal, F_LOCAL, 0, 0)) return -Infinity;
    let used = 0;
    // Only witnesses that are East–West for certain use up East–West places: one that may count either way
    // (F_EAST_FLEX) counts as East–West only when the group lacks one, and then a place is free for it.
    let eastUsed = 0;
    for (let j = 0; j < this.nSel; j++) {
      used += this.selCount[j]!;
      if ((this.pFlags[this.selPos[j]!]! & F_EAST) !== 0) eastUsed += this.selCount[j]!;
    }
    if (used > slots) return -Infinity;
    const restCap = slots - used;
    const localRoom = Math.max(0, r.localMax - this.nLocal - needL);
    const eastRoom = eastCapped ? Math.max(0, r.eastMax - this.nEast - eastUsed) : restCap;
    // Copies the witnesses took are skipped in the buffers.
    const nWitness = this.nSel;
    const skip = this.skipAt;
    for (let j = 0; j < nWitness; j++) skip[this.selPos[j]!] = this.selCount[j]!;
    if (this.exclPos >= 0) skip[this.exclPos] = 1_000_000;
    const buf = this.topBuf;
    const pos = this.topPos;
    const baseL = this.baseL;
    const baseE = this.baseE;
    // The size term: the witnesses' members, then each further member's change (+weight up to the target, −weight beyond).
    let size = this.cnt + used;
    let sum = this.pickSum + sizeTerm(r, size) - sizeTerm(r, this.cnt);
    let a = 0;
    let b = 0;
    let c = 0;
    let inL = 0;
    let inE = 0;
    for (let taken = 0; taken < restCap; ) {
      // Advance each list past entries it may not use: witness copies, and parts that reached their cap.
      while (a < this.nO && skip[pos[a]!]! > 0) skip[pos[a++]!]!--;
      while (b < this.nL && (inL >= localRoom || skip[pos[baseL + b]!]! > 0)) {
        if (inL >= localRoom) b = this.nL;
        else skip[pos[baseL + b++]!]!--;
      }
      while (c < this.nE && (inE >= eastRoom || skip[pos[baseE + c]!]! > 0)) {
        if (inE >= eastRoom) c = this.nE;
        else skip[pos[baseE + c++]!]!--;
      }
      const vo = a < this.nO ? buf[a]! : -Infinity;
      const vl = b < this.nL ? buf[baseL + b]! : -Infinity;
      const ve = c < this.nE ? buf[baseE + c]! : -Infinity;
      if (vo === -Infinity && vl === -Infinity && ve === -Infinity) break;
      const change = size < r.sizeTarget ? r.sizeWeight : -r.sizeWeight;
      // Keys come best first and the change only falls: the first member not worth its place ends the rest.
      if (Math.max(vo, vl, ve) + change <= 0) break;
      sum += change;
      size++;
      let q: number;
      if (vo >= vl && vo >= ve) {
        sum += vo;
        q = pos[a++]!;
      } else if (vl >= ve) {
        sum += vl;
        q = pos[baseL + b++]!;
        inL++;
      } else {
        sum += ve;
        q = pos[baseE + c++]!;
        inE++;
      }
      taken++;
      this.pick(q);
    }
    for (let j = 0; j < nWitness; j++) skip[this.selPos[j]!] = 0;
    if (this.exclPos >= 0) skip[this.exclPos] = 0;
    return sum;
  }

  /** Lists the positions that can be leader, East–West or local witnesses (once per solve). */
  protected categorize(): void {
    this.nCatLead = 0;
    this.nCatEast = 0;
    this.nCatLocal = 0;
    for (let q = 0; q < this.m; q++) {
      const f = this.pFlags[q]!;
      if ((f & F_LEADER) !== 0 && (f & F_LOCAL) === 0) this.catLead[this.nCatLead++] = q;
      if ((f & (F_EAST | F_EAST_FLEX)) !== 0 && (f & (F_LOCAL | F_LEADER)) === 0) this.catEast[this.nCatEast++] = q;
      if ((f & F_LOCAL) !== 0) this.catLocal[this.nCatLocal++] = q;
    }
  }
}
