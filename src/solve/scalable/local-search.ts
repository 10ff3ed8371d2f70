/**
 * Local search on a feasible assignment.
 *
 * `reoptimize`: each county in turn takes its best group with every other
 * group fixed — the exact subproblem over its candidates, without prices,
 * with experts that are full elsewhere removed. That move contains every
 * swap of a member for a free expert, every change of leader and every
 * member added or dropped; it never lowers the score.
 *
 * `steal`: a county takes experts held by others, paying each holder's loss
 * (the holder's score minus its best score without that expert), and the
 * holders then re-solve without them. It matches counties that lost the
 * competition for a scarce expert when a holder has an alternative, and
 * improves the score when the taker gains more than the holders lose; the
 * move is undone when a holder is left without a valid group or the total
 * does not improve.
 */
import { groupValue, isPinned, type Assignment } from './assignment.js';
import type { ScalableState } from './setup.js';
import type { GroupChoice } from './subproblem.js';

const TOLERANCE = 1e-9;

/**
 * Offers counties the best experts that are still free in the assignment:
 * a free scan per county (fit without prices, full experts skipped) adds the
 * best free experts, the best free coverer of each need and of each type to
 * its list, so that `reoptimize` can use them. The Lagrangian's lists hold
 * the experts that were wanted at the prices, which are often taken.
 */
export function refreshFree(state: ScalableState, a: Assignment, counties: readonly number[]): void {
  const { store, pricer, pool, clock } = state;
  pricer.freeMode(a.load);
  try {
    for (const c of counties) {
      if (clock.expired()) break;
      const sizeMax = pool.sizeMax[c]!;
      const summary = pricer.scanFree(c, store, sizeMax);
      const picks: number[] = [];
      for (let i = 0; i < summary.topCount; i++) picks.push(summary.topExpert[i]!);
      for (let j = 0; j < summary.needExpert.length; j++) if (summary.needExpert[j]! >= 0) picks.push(summary.needExpert[j]!);
      for (let t = 0; t < 4; t++) {
        if (summary.typeExpert[t]! >= 0) picks.push(summary.typeExpert[t]!);
        else if (summary.typeExists[t] === 1) picks.push(pricer.pickFiller(c, t));
      }
      for (const e of picks) if (e >= 0 && store.add(c, e)) pricer.mark(e);
      store.trim(c, 3 * sizeMax + 12 + picks.length, pricer.price, [...(a.group[c]?.members ?? []), ...picks]);
    }
  } finally {
    pricer.freeMode(null);
  }
}

/** One pass of per-county re-optimization over `order`. Returns the number of counties improved. */
export function reoptimize(state: ScalableState, a: Assignment, order: readonly number[]): number {
  const { subs, clock } = state;
  let improved = 0;
  for (const c of order) {
    if (clock.expired()) break;
    subs.load(c, null, (e) => a.blockedFor(c, e));
    const choice = subs.choice(subs.solve(c, 'search'));
    if (!choice) continue;
    if (!a.group[c] || choice.value > a.score[c]! + TOLERANCE * Math.max(1, Math.abs(a.score[c]!))) {
      a.place(c, choice);
      improved++;
    }
  }
  return improved;
}

/** What a holder loses without some experts: its score minus its best score without them (∞ when it has no group without them). */
function lossWithout(state: ScalableState, a: Assignment, holder: number, without: ReadonlySet<number>): { loss: number; choice: GroupChoice | undefined } {
  const { subs } = state;
  subs.load(holder, null, (e) => without.has(e) || a.blockedFor(holder, e));
  const choice = subs.choice(subs.solve(holder, 'search'));
  if (!choice) return { loss: Infinity, choice: undefined };
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
  subs.load(c, null, (e) => a.blockedFor(c, e) && !price.has(e));
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
    if (!mustMatch && a.group[c] && choice.value <= a.score[c]! + TOLERANCE) return false;
    a.place(c, rescore(state, c, choice));
    return true;
  }
  if (!mustMatch) {
    const current = a.group[c] ? a.score[c]! : 0;
    if (choice.value <= current + TOLERANCE * Math.max(1, Math.abs(current))) return false;
  }
  // Apply: holders give up the taken experts and re-solve; undo if one cannot.
  const before = a.objective;
  const matchedBefore = a.matched;
  const holders = [...new Set(taken.map((e) => holderOf.get(e)!))].sort((x, y) => x - y);
  const saved = new Map<number, GroupChoice | undefined>([[c, a.group[c]], ...holders.map((d): [number, GroupChoice | undefined] => [d, a.group[d]])]);
  const takenSet = new Set(taken);
  for (const d of holders) a.clear(d);
  a.place(c, rescore(state, c, choice));
  let ok = true;
  for (const d of holders) {
    subs.load(d, null, (e) => takenSet.has(e) || a.blockedFor(d, e));
    const alt = subs.choice(subs.solve(d, 'search'));
    if (!alt) {
      ok = false;
      break;
    }
    a.place(d, alt);
  }
  const better = ok && (a.matched > matchedBefore || (a.matched === matchedBefore && a.objective > before + TOLERANCE * Math.max(1, Math.abs(before))));
  if (better) return true;
  for (const d of [c, ...holders]) a.clear(d);
  for (const [d, g] of saved) if (g) a.place(d, g);
  return false;
}

/** The choice with its value recomputed without the steal prices. */
function rescore(state: ScalableState, c: number, choice: GroupChoice): GroupChoice {
  return { ...choice, value: groupValue(state, c, choice.members) };
}
