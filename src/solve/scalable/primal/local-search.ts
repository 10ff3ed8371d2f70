/**
 * Local search on a feasible assignment.
 *
 * `refreshFree`: offers counties the best experts still free in the
 * assignment (the Lagrangian's lists hold those wanted at the prices, often
 * taken).
 *
 * `reoptimize`: each county in turn takes its best group with every other
 * group fixed — the exact subproblem over its candidates, without prices,
 * with experts that are full elsewhere removed (and, under `leadOnce`,
 * experts leading elsewhere kept from leading). That move contains every
 * swap of a member for a free expert, every change of leader and every
 * member added or dropped; it never lowers the score.
 *
 * `steal`: a county takes experts held by others, paying each holder's loss
 * (exactly, by re-solving the holder, or estimated by the expert's
 * Lagrangian price), and the holders then re-solve without them. It matches
 * counties that lost the competition for a scarce expert when a holder has
 * an alternative, and improves the score when the taker gains more than the
 * holders lose; the move is undone when a holder is left without a valid
 * group or the total does not improve.
 *
 * `chainMatch`: ejection chains for an unmatched county when the holder of
 * what it needs cannot do without it either.
 *
 * Scores are always those of the model (`groupValue`), never a solver's
 * value, which carries prices and tie-breaking bonuses.
 */
import { compareAssignments, groupValue, isPinned, type Assignment, type Standing } from './assignment.js';
import type { ScalableState } from '../state/state.js';
import type { GroupChoice } from '../columns/subproblem.js';

const TOLERANCE = 1e-9;

/**
 * Offers counties the best experts that are still free in the assignment:
 * a free scan per county (fit without prices, full experts skipped) adds the
 * best free experts, the best free coverer of each need and of each type to
 * its list, so that `reoptimize` can use them. The Lagrangian's lists hold
 * the experts that were wanted at the prices, which are often taken.
 */
export function refreshFree(state: ScalableState, a: Assignment, counties: readonly number[], always = false): void {
  const { store, pricer, pool, clock } = state;
  pricer.freeMode(a.load);
  try {
    for (const c of counties) {
      if (clock.expired()) break;
      const sizeMax = pool.sizeMax[c]!;
      // A county whose list already holds plenty of free experts gains little from a scan.
      if (!always && a.group[c] && freeCandidates(a, store.lists[c]!.experts, c) >= 2 * sizeMax) continue;
      const summary = pricer.scanFree(c, store, sizeMax);
      const picks: number[] = [];
      for (let i = 0; i < summary.topCount; i++) picks.push(summary.topExpert[i]!);
      for (let j = 0; j < summary.needExpert.length; j++) if (summary.needExpert[j]! >= 0) picks.push(summary.needExpert[j]!);
      for (let t = 0; t < 4; t++) {
        if (summary.typeExpert[t]! >= 0) picks.push(summary.typeExpert[t]!);
        else if (summary.typeExists[t] === 1) picks.push(pricer.pickFiller(c, t));
      }
      for (const e of summary.orgExpert) if (e >= 0) picks.push(e);
      // The best free leaders (what leading adds is not in a member's value).
      for (const list of summary.leadTop) for (let j = 0; j < Math.min(2, list.count); j++) picks.push(list.expert[j]!);
      for (const e of picks) if (e >= 0 && store.add(c, e)) pricer.mark(e);
      store.trim(c, 3 * sizeMax + 12 + picks.length, pricer.price, [...(a.group[c]?.members ?? []), ...picks]);
    }
  } finally {
    pricer.freeMode(null);
  }
}

/** How many of the county's candidates are free for it. */
function freeCandidates(a: Assignment, experts: readonly number[], c: number): number {
  let free = 0;
  for (const e of experts) if (!a.blockedFor(c, e)) free++;
  return free;
}

/** One pass of per-county re-optimization over `order`. Returns the number of counties improved. */
export function reoptimize(state: ScalableState, a: Assignment, order: readonly number[]): number {
  const { subs, clock } = state;
  let improved = 0;
  for (const c of order) {
    if (clock.expired()) break;
    subs.load(c, null, (e) => a.blockedFor(c, e), true, (x) => a.leadsElsewhere(c, x));
    const found = subs.choice(subs.solve(c, 'search', a.group[c]));
    if (!found) continue;
    const choice = rescore(state, c, found);
    if (!a.group[c] || choice.value > a.score[c]! + TOLERANCE * Math.max(1, Math.abs(a.score[c]!))) {
      a.place(c, choice);
      improved++;
    }
  }
  return improved;
}

/** Gives an unmatched county its best group among its candidates that are free; false when it has none. */
export function placeBest(state: ScalableState, a: Assignment, c: number): boolean {
  const { subs } = state;
  subs.load(c, null, (e) => a.blockedFor(c, e), true, (x) => a.leadsElsewhere(c, x));
  const choice = subs.choice(subs.solve(c, 'search'));
  if (choice) a.place(c, rescore(state, c, choice));
  return choice !== undefined;
}

/** What a holder loses without some experts: its score minus its best score without them (∞ when it has no group without them). */
function lossWithout(state: ScalableState, a: Assignment, holder: number, without: ReadonlySet<number>): { loss: number; choice: GroupChoice | undefined } {
  const { subs } = state;
  subs.load(holder, null, (e) => without.has(e) || a.blockedFor(holder, e), true, (x) => a.leadsElsewhere(holder, x));
  const found = subs.choice(subs.solve(holder, 'search'));
  if (!found) return { loss: Infinity, choice: undefined };
  const choice = rescore(state, holder, found);
  return { loss: a.score[holder]! - choice.value, choice };
}

/**
 * Tries the steal move for one county. With `mustMatch`, the county is
 * unmatched and the move is kept when it matches it (the score may drop:
 * matching comes first); otherwise it is kept when the total score rises.
 * `estimate` says how a holder's loss is priced: exactly (one re-solve per
 * held candidate) or by the expert's Lagrangian price (free).
 */
export function steal(state: ScalableState, a: Assignment, c: number, mustMatch: boolean, estimate: 'exact' | 'dual' = 'exact'): boolean {
  const { subs, store } = state;
  const list = store.lists[c]!;
  const price = new Map<number, number>();
  const holderOf = new Map<number, number>();
  for (const e of list.experts) {
    if (!a.blockedFor(c, e)) continue;
    let best = Infinity;
    let bestHolder = -1;
    for (const d of a.holders.get(e) ?? []) {
      if (d === c || isPinned(state, d, e)) continue;
      // 'dual': the expert's Lagrangian price stands for its holder's loss (at the dual optimum it is the
      // value of its best use); the move is checked exactly when applied.
      const loss = estimate === 'dual' ? state.pricer.price[e]! : lossWithout(state, a, d, new Set([e])).loss;
      if (loss < best) {
        best = loss;
        bestHolder = d;
      }
    }
    if (bestHolder >= 0 && Number.isFinite(best)) {
      price.set(e, Math.max(0, best));
      holderOf.set(e, bestHolder);
    }
  }
  if (price.size === 0) return false;
  subs.load(c, null, (e) => a.blockedFor(c, e) && !price.has(e), true, (x) => a.leadsElsewhere(c, x));
  // Charge each held expert its holder's loss.
  const items = subs.items;
  for (let i = 0; i < items.n; i++) {
    const p = price.get(items.expert[i]!);
    if (p !== undefined) items.value[i]! -= p;
  }
  const choice = subs.choice(subs.solve(c, 'search'));
  if (!choice) return false;
  const taken = choice.members.filter((e) => holderOf.has(e) && a.blockedFor(c, e));
  if (taken.length === 0) {
    const plain = rescore(state, c, choice);
    if (!mustMatch && a.group[c] && plain.value <= a.score[c]! + TOLERANCE * Math.max(1, Math.abs(a.score[c]!))) return false;
    a.place(c, plain);
    return true;
  }
  if (!mustMatch) {
    const current = a.group[c] ? a.score[c]! : 0;
    if (choice.value <= current + TOLERANCE * Math.max(1, Math.abs(current))) return false;
  }
  // Apply: holders give up the taken experts and re-solve; undo if one cannot.
  const before: Standing = { pinnedMatched: a.pinnedMatched, matched: a.matched, objective: a.objective, tierMatched: a.tierMatched };
  const holders = [...new Set(taken.map((e) => holderOf.get(e)!))].sort((x, y) => x - y);
  const saved = new Map<number, GroupChoice | undefined>([[c, a.group[c]], ...holders.map((d): [number, GroupChoice | undefined] => [d, a.group[d]])]);
  const takenSet = new Set(taken);
  for (const d of holders) a.clear(d);
  a.place(c, rescore(state, c, choice));
  let ok = true;
  for (const d of holders) {
    subs.load(d, null, (e) => takenSet.has(e) || a.blockedFor(d, e), true, (x) => a.leadsElsewhere(d, x));
    const alt = subs.choice(subs.solve(d, 'search'));
    if (!alt) {
      ok = false;
      break;
    }
    a.place(d, alt);
  }
  const better = ok && compareAssignments(a, before) > 0;
  if (better) return true;
  for (const d of [c, ...holders]) a.clear(d);
  for (const [d, g] of saved) if (g) a.place(d, g);
  return false;
}

/** The choice with its value recomputed without the steal prices. */
export function rescore(state: ScalableState, c: number, choice: GroupChoice): GroupChoice {
  return { ...choice, value: groupValue(state, c, choice) };
}

/**
 * Ejection chains for an unmatched county (when `steal` fails because a
 * holder cannot do without the expert either): the county names the held
 * experts its best group needs; each holder releases its expert by
 * re-forming its group without it, and when it cannot, it in turn takes
 * what it needs from further holders, up to `depth` links (the counties of
 * the chain are not asked twice). Every county touched keeps a valid group
 * or the whole chain is undone. Matching comes first, so a chain is kept
 * when it matches the county, whatever it costs in score.
 */
export function chainMatch(state: ScalableState, a: Assignment, c: number, depth = 2): boolean {
  const saved = new Map<number, GroupChoice | undefined>();
  const touch = (d: number): void => {
    if (!saved.has(d)) saved.set(d, a.group[d]);
  };
  const restore = (): void => {
    for (const d of saved.keys()) a.clear(d);
    for (const [d, g] of saved) if (g) a.place(d, g);
  };
  touch(c);
  const needed = neededHeld(state, a, c, saved);
  if (!needed || needed.length === 0) return false;
  for (const [e, holder] of needed) {
    if (!a.blockedFor(c, e)) continue;
    if (!release(state, a, holder, e, depth, saved, touch)) {
      restore();
      return false;
    }
  }
  state.subs.load(c, null, (x) => a.blockedFor(c, x), true, (x) => a.leadsElsewhere(c, x));
  const choice = state.subs.choice(state.subs.solve(c, 'search'));
  if (!choice) {
    restore();
    return false;
  }
  a.place(c, rescore(state, c, choice));
  return true;
}

/**
 * The held experts the county's best group would need if holders outside
 * `chain` gave them up (pinned ones never move), each with its holder;
 * undefined when no group exists even then.
 */
function neededHeld(state: ScalableState, a: Assignment, c: number, chain: ReadonlyMap<number, unknown>, without = -1): [number, number][] | undefined {
  const holderOf = new Map<number, number>();
  for (const e of state.store.lists[c]!.experts) {
    if (e === without || !a.blockedFor(c, e)) continue;
    const d = (a.holders.get(e) ?? []).find((h) => h !== c && !chain.has(h) && !isPinned(state, h, e));
    if (d !== undefined) holderOf.set(e, d);
  }
  state.subs.load(c, null, (x) => x === without || (a.blockedFor(c, x) && !holderOf.has(x)), true, (x) => a.leadsElsewhere(c, x));
  // Held experts cost a little, so that free ones are preferred where they do as well.
  const items = state.subs.items;
  for (let i = 0; i < items.n; i++) if (holderOf.has(items.expert[i]!)) items.value[i]! -= 1;
  const choice = state.subs.choice(state.subs.solve(c, 'search'));
  if (!choice) return undefined;
  return choice.members.filter((e) => holderOf.has(e)).map((e): [number, number] => [e, holderOf.get(e)!]);
}

/** Makes holder `d` give up expert `e` (re-forming its group, or taking from further holders); false when it cannot. */
function release(state: ScalableState, a: Assignment, d: number, e: number, depth: number, chain: ReadonlyMap<number, unknown>, touch: (d: number) => void): boolean {
  touch(d);
  const { subs } = state;
  // Its list may lack the free experts it could turn to.
  refreshFree(state, a, [d], true);
  subs.load(d, null, (x) => x === e || a.blockedFor(d, x), true, (x) => a.leadsElsewhere(d, x));
  const choice = subs.choice(subs.solve(d, 'search'));
  if (choice) {
    a.place(d, rescore(state, d, choice));
    return true;
  }
  if (depth <= 1) return false;
  const needed = neededHeld(state, a, d, chain, e);
  if (!needed || needed.length === 0) return false;
  for (const [f, holder] of needed) {
    if (!a.blockedFor(d, f)) continue;
    if (!release(state, a, holder, f, depth - 1, chain, touch)) return false;
  }
  subs.load(d, null, (x) => x === e || a.blockedFor(d, x), true, (x) => a.leadsElsewhere(d, x));
  const again = subs.choice(subs.solve(d, 'search'));
  if (!again) return false;
  a.place(d, rescore(state, d, again));
  return true;
}
