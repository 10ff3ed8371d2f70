/**
 * Making room for an unmatched county: it names the group it wants, using
 * as few held experts as it can, and every holder of one of them re-forms
 * its group without any member of that group (free experts offered first);
 * then the county takes it. No county loses its group: the move matches
 * one more county or changes nothing, so it is better in the solvers' order
 * whatever it costs in score.
 *
 * Why beside `steal` and `chainMatch`: those release held experts one at a
 * time, and a holder re-forming without one may take another expert (often
 * a free one) that the county's group needs, so the county still finds no
 * group and the move is undone. Here the holders re-form together around the
 * county's whole group. Measured on scarce generated rounds (20 counties of
 * 贵州 and 云南, `scarcity: 1`, `minRequiredHolders: 1`): counties needing a
 * leader, while holders used national experts as plain members, stayed
 * unmatched under steal and chains.
 */
import { isPinned, type Assignment } from './assignment.js';
import { addHeldCandidates } from './held-candidates.js';
import { refreshFree, rescore } from './local-search.js';
import type { ScalableState } from '../state/state.js';
import type { GroupChoice } from '../columns/subproblem.js';

/**
 * What a held expert costs the county's choice: more than the whole spread
 * of its group's score (every need and industry point, and every member's
 * best fit), so that one held expert fewer always wins.
 */
function heldCost(state: ScalableState, c: number): number {
  const list = state.store.lists[c]!;
  let spread = state.ctx.options.weights.coverage + state.ctx.options.weights.industry + state.ctx.options.weights.leader;
  for (const f of list.fit) spread += Math.abs(f);
  return spread + 1;
}

/** Tries to match the unmatched county without unmatching any other (see the module comment). True when it is matched. */
export function makeRoom(state: ScalableState, a: Assignment, c: number): boolean {
  const { subs, store } = state;
  if (a.group[c] || state.clock.expired()) return a.group[c] !== undefined;
  addHeldCandidates(state, a, c);
  refreshFree(state, a, [c], true);
  const holderOf = new Map<number, number[]>();
  for (const e of store.lists[c]!.experts) {
    if (!a.blockedFor(c, e)) continue;
    const holders = (a.holders.get(e) ?? []).filter((d) => d !== c && !isPinned(state, d, e));
    if (holders.length > 0) holderOf.set(e, holders);
  }
  if (holderOf.size === 0) return false;
  // A held expert costs more than any member can bring (`heldCost`): the county takes as few as its rules let it,
  // and free experts wherever they do; each one taken is a holder that must re-form.
  subs.load(c, null, (e) => a.blockedFor(c, e) && !holderOf.has(e), true, (x) => a.leadsElsewhere(c, x));
  const items = subs.items;
  const cost = heldCost(state, c);
  for (let i = 0; i < items.n; i++) if (holderOf.has(items.expert[i]!)) items.value[i]! -= cost;
  const wanted = subs.choice(subs.solve(c, 'search'));
  if (!wanted) return false;
  const keepOut = new Set(wanted.members);
  const held = wanted.members.filter((e) => holderOf.has(e) && a.blockedFor(c, e));
  // With several holders of one expert (capacity above one), the first one's seat is enough.
  const holders = [...new Set(held.map((e) => holderOf.get(e)![0]!))].sort((x, y) => x - y);
  const saved = new Map<number, GroupChoice | undefined>(holders.map((d) => [d, a.group[d]]));
  const undo = (): false => {
    for (const d of saved.keys()) a.clear(d);
    a.clear(c);
    for (const [d, g] of saved) if (g) a.place(d, g);
    return false;
  };
  // One holder at a time, the others keeping their groups: a holder re-forms from its own members (but those the
  // county wants) and the free experts.
  for (const d of holders) {
    if (state.clock.expired()) return undo();
    refreshFree(state, a, [d], true);
    subs.load(d, null, (e) => keepOut.has(e) || a.blockedFor(d, e), true, (x) => a.leadsElsewhere(d, x));
    const alt = subs.choice(subs.solve(d, 'search'));
    if (!alt) return undo();
    a.place(d, rescore(state, d, alt));
  }
  subs.load(c, null, (e) => a.blockedFor(c, e), true, (x) => a.leadsElsewhere(c, x));
  const choice = subs.choice(subs.solve(c, 'search', wanted.members));
  if (!choice) return undo();
  a.place(c, rescore(state, c, choice));
  return true;
}
