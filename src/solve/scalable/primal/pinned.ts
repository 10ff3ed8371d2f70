/**
 * Pinned counties first (H9, "earlier batches stand"). The exact solver
 * rewards a county with pins above all other counties together, so a valid
 * result never leaves a pinned county without a group in order to match
 * others; the scalable solver compares assignments in the same order
 * (`compareAssignments`).
 *
 * The local search's moves keep every group they touch, so they cannot win a
 * pinned county a seat whose holder has no other group: with two counties
 * and one East–West expert, whichever county the repair served first kept
 * it, pinned or not; and two pinned counties each needing the other's
 * pinned expert both stayed without a group, each seat reserved for the
 * other. Here a pinned county left unmatched, when stealing and ejection
 * chains fail, takes the experts it needs from counties without pins,
 * dropping the holders that cannot do without them (each held expert costs
 * its holder's score, plus one point so that free experts come first), and
 * only failing that, claims seats reserved for other unmatched pinned
 * counties; the dropped counties then try to come back.
 */
import type { Assignment } from './assignment.js';
import { chainMatch, placeBest, refreshFree, rescore, steal } from './local-search.js';
import type { ScalableState } from '../state/state.js';

/** Gives each unmatched pinned county of `counties` a group where one can be had at the expense of counties without pins. */
export function keepPinnedCounties(state: ScalableState, a: Assignment, counties: readonly number[]): void {
  for (const c of counties) {
    if (state.clock.expired()) return;
    if (a.group[c] || !state.store.hasPins(c)) continue;
    if (steal(state, a, c, true) || chainMatch(state, a, c)) continue;
    // Seats reserved for other unmatched pinned counties are claimed only when nothing else works.
    const dropped = takeOver(state, a, c, false) ?? takeOver(state, a, c, true);
    for (const d of dropped ?? []) comeBack(state, a, d);
  }
}

/**
 * The pinned county takes its best group, counting experts held by counties
 * without pins as available at their holder's cost (those holders lose
 * their groups) and, with `claimReserved`, experts whose free seats are
 * reserved for other pinned counties still without a group, at a cost of
 * one (such a county keeps its pins only if it could not be matched
 * anyway, as far as this search knows). Returns the dropped counties, or
 * undefined when the county has no group even so (nothing changes then).
 */
function takeOver(state: ScalableState, a: Assignment, c: number, claimReserved: boolean): number[] | undefined {
  const { subs, store } = state;
  const holderOf = new Map<number, number>();
  const claimed = new Set<number>();
  for (const e of store.lists[c]!.experts) {
    if (!a.blockedFor(c, e)) continue;
    if (claimReserved && a.reservedOnly(e)) {
      claimed.add(e);
      continue;
    }
    const d = cheapestHolder(state, a, c, e);
    if (d >= 0) holderOf.set(e, d);
  }
  if (holderOf.size === 0 && claimed.size === 0) return undefined;
  subs.load(c, null, (e) => a.blockedFor(c, e) && !holderOf.has(e) && !claimed.has(e), true, (x) => a.leadsElsewhere(c, x));
  const items = subs.items;
  for (let i = 0; i < items.n; i++) {
    const e = items.expert[i]!;
    const d = holderOf.get(e);
    if (d !== undefined) items.value[i]! -= a.score[d]! + 1;
    else if (claimed.has(e)) items.value[i]! -= 1;
  }
  const choice = subs.choice(subs.solve(c, 'search'));
  if (!choice) return undefined;
  const dropped = [...new Set(choice.members.filter((e) => holderOf.has(e) && a.blockedFor(c, e)).map((e) => holderOf.get(e)!))].sort((x, y) => x - y);
  for (const d of dropped) a.clear(d);
  a.place(c, rescore(state, c, choice));
  return dropped;
}

/** The holder without pins whose group, given up, frees the expert for the county, the one with the lowest score (then position); −1 when none. */
function cheapestHolder(state: ScalableState, a: Assignment, c: number, e: number): number {
  let best = -1;
  for (const d of a.holders.get(e) ?? []) {
    if (d === c || state.store.hasPins(d) || !a.freedBy(c, e, d)) continue;
    if (best < 0 || a.score[d]! < a.score[best]! || (a.score[d] === a.score[best] && d < best)) best = d;
  }
  return best;
}

/** A county dropped for a pinned one: its best group among free experts, else by stealing or an ejection chain. */
function comeBack(state: ScalableState, a: Assignment, d: number): void {
  if (state.clock.expired() || placeBest(state, a, d)) return;
  refreshFree(state, a, [d], true);
  if (placeBest(state, a, d)) return;
  if (!steal(state, a, d, true)) chainMatch(state, a, d);
}
