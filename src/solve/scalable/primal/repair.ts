/**
 * Repair: from the counties' Lagrangian choices (each optimal for its
 * county at the current prices, but possibly sharing experts beyond their
 * capacity) to a feasible assignment.
 *
 * Counties whose chosen experts are all within capacity keep their choice:
 * nobody else wants more of those experts than there is. The others
 * compete. Each is first asked what it would lose without the contested
 * experts (its regret); counties with pins choose first (H9), then the
 * counties of each priority tier in turn, and within a tier those that
 * would lose most, each re-solving its subproblem at the current prices
 * with the experts already taken removed. Prices keep the later choices away
 * from experts that other counties value, which is what makes the greedy
 * order work.
 */
import { priorityTiers } from '../../../rules/priority.js';
import { Assignment } from './assignment.js';
import type { Lagrangian } from '../bound/lagrangian.js';
import type { ScalableState } from '../state/state.js';

/** Builds a feasible assignment from the dual's current choices. Stops early (keeping what is placed) when the deadline passes. */
export function repair(state: ScalableState, lag: Lagrangian): Assignment {
  const { pool, subs, pricer, clock } = state;
  const a = new Assignment(state);
  const open = lag.open();
  const demand = new Int32Array(pool.nExperts);
  for (const c of open) for (const e of lag.members[c] ?? []) demand[e]!++;
  const contested: number[] = [];
  for (const c of open) {
    const ch = lag.choice[c];
    // Under leadOnce (H4c) a choice whose leader already leads a placed group competes like the others.
    if (ch && ch.members.every((e) => demand[e]! <= pool.capacity[e]! && !a.blockedFor(c, e) && state.store.has(c, e)) && !a.leadsElsewhere(c, ch.leader)) a.place(c, ch);
    else contested.push(c);
  }
  const regret = new Map<number, number>();
  for (const c of contested) {
    if (clock.expired()) return a;
    subs.load(c, pricer.price, (e) => demand[e]! > pool.capacity[e]! || a.blockedFor(c, e), true, (e) => a.leadsElsewhere(c, e));
    const alt = subs.solve(c, 'search');
    const ch = lag.choice[c];
    regret.set(c, (ch ? lag.value[c]! : 0) - (alt.status === 'infeasible' || alt.value === -Infinity ? -1e12 : alt.value));
  }
  // Pinned counties choose first (H9: they come before any other county), then each priority tier in turn
  // (成熟一批、匹配一批: an earlier tier is served before a later one however much either would lose), then by regret.
  const pinned = (c: number): number => (state.store.hasPins(c) ? 1 : 0);
  const { tierAt } = priorityTiers(state.ctx);
  contested.sort((x, y) => pinned(y) - pinned(x) || tierAt[x]! - tierAt[y]! || regret.get(y)! - regret.get(x)! || x - y);
  for (const c of contested) {
    if (clock.expired()) return a;
    subs.load(c, pricer.price, (e) => a.blockedFor(c, e), true, (e) => a.leadsElsewhere(c, e));
    const choice = subs.choice(subs.solve(c, 'search'));
    if (choice) a.place(c, choice);
  }
  return a;
}
