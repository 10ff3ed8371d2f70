/**
 * Dominance among the items of the group solver's list (see
 * `group-solver.ts`): the step that lets the search skip groups that
 * another group, one swap away, scores at least as well as.
 *
 * It is valid because the search needs only one optimal group: when
 * swapping b for an earlier item a never lowers a group's score, some
 * optimal group never holds b without (all copies of) a, so a branch that
 * leaves a out, or takes fewer than all its copies, may keep b out below it
 * without losing the optimum. The search builds the lists once per solve,
 * on its first branching (most subproblems are settled at the root), and
 * counts per position the excluded dominators that forbid it.
 */

import { F_EAST, F_EAST_FLEX, F_FORCED, F_FORCED_ONE, F_LEADER, F_LOCAL, F_PIN_LEADER, type GroupRules, type ItemList } from './group-items.js';

/**
 * Item a (earlier in the branching order) dominates item b when swapping b
 * for a never lowers the score of a group: a is worth at least as much,
 * earns every bit b earns, counts the same for the local and East–West
 * quotas, and the swap cannot add an organization penalty (same
 * organization, none, or a value margin of a full penalty). Some optimal
 * group then never holds b without a (or, for an item with copies,
 * without all of a's copies), so the search skips those groups. Leader
 * twins and pinned pairs take no part, and a dominator has no partner: a
 * group may hold a's partner instead of a, and then the swap is no swap.
 *
 * Fills `domStart[0 … m]` and the list: the positions that position p
 * dominates are `list[domStart[p] … domStart[p+1] − 1]`.
 *
 * @param items the subproblem's items
 * @param rules the county's rules (penalty, organization limit, type value)
 * @param ord the branching order (position → item) of the `m` undecided items
 * @param m the number of undecided positions
 * @param domStart filled with each position's start in the list (m + 1 entries)
 * @param domList the list's buffer, grown when too short
 * @param orgItems scratch: items per organization in the whole list
 * @returns the list: `domList`, or a longer copy when it had to grow
 */
export function buildDominance(items: ItemList, rules: GroupRules, ord: Int32Array, m: number, domStart: Int32Array, domList: Int32Array<ArrayBuffer>, orgItems: Map<number, number>): Int32Array<ArrayBuffer> {
  const { value, mask, flags, org, mult } = items;
  let list = domList;
  // An organization with at most `orgLimit` items in the whole list can never be penalized: swaps into it are safe.
  orgItems.clear();
  for (let i = 0; i < items.n; i++) if (org[i]! >= 0) orgItems.set(org[i]!, (orgItems.get(org[i]!) ?? 0) + mult[i]!);
  const quota = F_LOCAL | F_EAST | F_EAST_FLEX | F_FORCED | F_PIN_LEADER;
  const apart = F_LEADER | F_FORCED_ONE;
  const partner = items.partner;
  const penalty = rules.orgPenalty;
  let count = 0;
  for (let p = 0; p < m; p++) {
    domStart[p] = count;
    const a = ord[p]!;
    if ((flags[a]! & apart) !== 0 || partner[a]! >= 0) continue;
    for (let q = p + 1; q < m; q++) {
      const b = ord[q]!;
      if ((flags[b]! & apart) !== 0) continue;
      if ((flags[a]! & quota) !== (flags[b]! & quota)) continue;
      if ((mask[b]! & ~mask[a]!) !== 0) continue;
      if (mult[b]! > 1) continue;
      // The swap may cost a penalty (another organization that can be over its limit) and a type's points
      // (another organization type): the value margin must pay for both.
      let cost = items.type[a] !== items.type[b] ? rules.typeValue : 0;
      if (org[a]! >= 0 && org[a] !== org[b] && orgItems.get(org[a]!)! > rules.orgLimit) cost += penalty;
      if (value[a]! - value[b]! < cost || value[a]! < value[b]!) continue;
      if (count === list.length) {
        const grown = new Int32Array(count * 2);
        grown.set(list);
        list = grown;
      }
      list[count++] = q;
    }
  }
  domStart[m] = count;
  return list;
}
