/**
 * Priority under scarcity (成熟一批、匹配一批) on the scalable solver's
 * primal side: a county of an earlier tier (`src/rules/priority.ts`) left
 * unmatched takes the experts it needs from counties of later tiers.
 *
 * The local search's moves (`steal`, `chainMatch`) keep every group they
 * touch, so they cannot serve an earlier tier when the one holder of a
 * scarce expert is a later-tier county with no other group: whichever
 * county the repair served first would keep it. Here, when those moves
 * fail, the county takes its best group counting experts held by
 * later-tier counties without pins as available, each at its holder's
 * score plus one (so that free experts, and then cheap holders, come first);
 * the holders it needs lose their groups and then try to come back (free
 * experts, a steal, an ejection chain). Every such move matches one more
 * county of an earlier tier and unmatches only later ones: it is better in
 * the solvers' order whatever it costs in score. Pinned counties are never
 * dropped (H9 comes before every tier); `pinned.ts` serves them first.
 *
 * Mirrors `pinned.ts`'s take-over, with "a later tier" in place of
 * "without pins". When no later holder's group gives the county what it
 * needs directly, `rebuildLater` dissolves every later tier and rebuilds it
 * around the county.
 */
import { priorityTiers } from '../../../rules/priority.js';
import { compareAssignments, type Assignment, type Standing } from './assignment.js';
import { chainMatch, placeBest, refreshFree, rescore, steal } from './local-search.js';
import { addHeldCandidates } from './held-candidates.js';
import { makeRoom } from './make-room.js';
import { restore, SHRINK_COUNTIES } from './shrink.js';
import type { ScalableState } from '../state/state.js';

/** Passes over the unmatched counties at most: each pass that changes something is better in the order, so this only bounds the time. */
export const TAKEOVER_PASSES = 3;

/**
 * Gives each unmatched county of `counties` (the open counties) without
 * pins, earliest tier first, a group where one can be had at the expense of
 * later-tier counties; a county dropped in one pass may take over in the next.
 * Returns the number of counties it matched this way. Does nothing when the
 * round has one tier.
 */
export function keepPriorityCounties(state: ScalableState, a: Assignment, counties: readonly number[]): number {
  const { tierAt, tiers } = priorityTiers(state.ctx);
  if (tiers.length <= 1) return 0;
  let matched = 0;
  for (let pass = 0; pass < TAKEOVER_PASSES; pass++) {
    const waiting = counties.filter((c) => !a.group[c] && !state.store.hasPins(c)).sort((x, y) => tierAt[x]! - tierAt[y]! || x - y);
    let changed = false;
    for (const c of waiting) {
      if (state.clock.expired()) return matched;
      // Counties handled earlier in this pass may have taken or freed what it needs.
      if (a.group[c]) continue;
      // The held experts it would take may not be on its list (held-candidates.ts); beyond SHRINK_COUNTIES the scan is not paid.
      if (counties.length <= SHRINK_COUNTIES) addHeldCandidates(state, a, c);
      if (!hasLaterHolder(state, a, c, tierAt)) continue;
      refreshFree(state, a, [c], true);
      if (placeBest(state, a, c) || steal(state, a, c, true) || chainMatch(state, a, c) || makeRoom(state, a, c)) {
        matched++;
        changed = true;
        continue;
      }
      const dropped = takeFromLater(state, a, c, tierAt);
      if (dropped) {
        for (const d of dropped) comeBack(state, a, d);
      } else if (counties.length > SHRINK_COUNTIES || !rebuildLater(state, a, c, counties, tierAt)) continue;
      matched++;
      changed = true;
    }
    if (!changed) break;
  }
  return matched;
}

/** True when some candidate of the county is held by a later-tier county without pins (else there is nothing to take). */
function hasLaterHolder(state: ScalableState, a: Assignment, c: number, tierAt: Int32Array): boolean {
  for (const e of state.store.lists[c]!.experts) {
    if (!a.blockedFor(c, e)) continue;
    for (const d of a.holders.get(e) ?? []) if (d !== c && tierAt[d]! > tierAt[c]! && !state.store.hasPins(d)) return true;
  }
  return false;
}

/**
 * The county takes its best group, counting experts held by later-tier
 * counties without pins as available at their holder's cost (those holders
 * lose their groups). Returns the dropped counties, or undefined when the
 * county has no group even so (nothing changes then).
 */
function takeFromLater(state: ScalableState, a: Assignment, c: number, tierAt: Int32Array): number[] | undefined {
  const { subs, store } = state;
  const holderOf = new Map<number, number>();
  for (const e of store.lists[c]!.experts) {
    if (!a.blockedFor(c, e)) continue;
    const d = cheapestLaterHolder(state, a, c, e, tierAt);
    if (d >= 0) holderOf.set(e, d);
  }
  if (holderOf.size === 0) return undefined;
  subs.load(c, null, (e) => a.blockedFor(c, e) && !holderOf.has(e), true, (x) => a.leadsElsewhere(c, x));
  const items = subs.items;
  for (let i = 0; i < items.n; i++) {
    const d = holderOf.get(items.expert[i]!);
    if (d !== undefined) items.value[i]! -= Math.max(0, a.score[d]!) + 1;
  }
  const choice = subs.choice(subs.solve(c, 'search'));
  if (!choice) return undefined;
  const dropped = [...new Set(choice.members.filter((e) => holderOf.has(e) && a.blockedFor(c, e)).map((e) => holderOf.get(e)!))].sort((x, y) => x - y);
  for (const d of dropped) a.clear(d);
  a.place(c, rescore(state, c, choice));
  return dropped;
}

/** The later-tier holder without pins whose group, given up, frees the expert for the county: the latest tier, then the lowest score, then position; −1 when none. */
function cheapestLaterHolder(state: ScalableState, a: Assignment, c: number, e: number, tierAt: Int32Array): number {
  let best = -1;
  for (const d of a.holders.get(e) ?? []) {
    if (d === c || tierAt[d]! <= tierAt[c]! || state.store.hasPins(d) || !a.freedBy(c, e, d)) continue;
    if (best < 0 || tierAt[d]! > tierAt[best]! || (tierAt[d] === tierAt[best] && (a.score[d]! < a.score[best]! || (a.score[d] === a.score[best] && d < best)))) best = d;
  }
  return best;
}

/**
 * The move of last resort: every later-tier county without pins gives up its
 * group, the county is placed from what is then free (its holders of an
 * earlier or the same tier may re-form from the freed experts too, through
 * steals and chains), and the later counties come back tier by tier. Kept
 * when the assignment is better in the order (the county matched is worth
 * more than all later tiers together), else everything is put back. It
 * finds what `takeFromLater` cannot: the county needs an expert of an
 * earlier county, which can do without it only by taking one from a later
 * county (measured on random small rounds, `test/properties/priority.props.test.ts`).
 */
function rebuildLater(state: ScalableState, a: Assignment, c: number, open: readonly number[], tierAt: Int32Array): boolean {
  const before: Standing = { pinnedMatched: a.pinnedMatched, matched: a.matched, objective: a.objective, tierMatched: a.tierMatched };
  const saved = a.group.slice();
  const later = open.filter((d) => tierAt[d]! > tierAt[c]! && a.group[d] && !state.store.hasPins(d)).sort((x, y) => tierAt[x]! - tierAt[y]! || x - y);
  if (later.length === 0) return false;
  for (const d of later) a.clear(d);
  refreshFree(state, a, [c], true);
  if (placeBest(state, a, c) || steal(state, a, c, true) || chainMatch(state, a, c) || makeRoom(state, a, c)) {
    for (const d of later) comeBack(state, a, d);
    if (compareAssignments(a, before) > 0) return true;
  }
  restore(a, saved);
  return false;
}

/** A county dropped for an earlier tier: its best group among free experts, else by stealing, an ejection chain or making room. */
function comeBack(state: ScalableState, a: Assignment, d: number): void {
  if (state.clock.expired() || placeBest(state, a, d)) return;
  refreshFree(state, a, [d], true);
  if (placeBest(state, a, d)) return;
  if (!steal(state, a, d, true) && !chainMatch(state, a, d)) makeRoom(state, a, d);
}

