/**
 * Moves of the fairness pass around a county w: an expert e of w's short
 * list joins w (added, or in place of a member f), coming from the free
 * pool or from a donor group d, which gives e up (shrinking, or taking f in
 * exchange). Both groups are checked with the rules' own group checks, and
 * the move must serve its goal (`MoveGoal`): lift w above a floor, or gain
 * total with no changed group below a floor. Exact in its arithmetic and
 * free of any engine:
 * javascript-lp-solver was measured wrong ("infeasible" where HiGHS found
 * a solution) and hanging on models that floor the group scores.
 */
import type { County, Expert } from '../../model/schemas.js';
import { pinsOf, type RoundContext } from '../../rules/context.js';
import { capacityOf } from '../../rules/h2-capacity.js';
import { isEligible } from '../../rules/eligibility.js';
import { isValidGroup, leaderAmong } from '../../rules/group-validity.js';
import { groupScore } from '../../objective/score.js';
import { poolIndexOf } from '../../explain/pool-index.js';
import { shortlist } from '../../incremental/shortlist.js';
import type { ChosenGroup } from '../assemble.js';
import type { FairnessState } from './group-state.js';

/** A move: the new groups, the lower of their scores, and the change of the total. */
export interface FairnessMove {
  readonly groups: readonly ChosenGroup[];
  readonly low: number;
  readonly gain: number;
}

function pinnedIn(ctx: RoundContext, countyId: string): Set<string> {
  return new Set(pinsOf(ctx, countyId).map((p) => p.expertId));
}

/** The group with these members, its leader kept when it stays; undefined when it breaks a group rule. No one leading another group leads it under `leadOnce` (H4c). */
function validGroup(state: FairnessState, county: County, members: readonly Expert[], old: ChosenGroup | undefined): ChosenGroup | undefined {
  const { ctx } = state;
  const leader = leaderAmong(ctx, county, members, old?.leader, (e) => !state.leadsElsewhere(e, county.id));
  if (!leader || !isValidGroup(ctx, county, members, leader)) return undefined;
  return { county, leader, members };
}

/**
 * What a move is for. `raise`: lift the county above `floor` (the best
 * move has the highest lower score, then the highest gain). `gain`: raise
 * the total while every changed group stays at or above `floor` (the best
 * move has the highest gain).
 */
export type MoveGoal = { readonly kind: 'raise' | 'gain'; readonly floor: number };

/** Smallest gain worth a move: below it the change is floating-point noise. */
const MIN_GAIN = 1e-9;

function acceptable(goal: MoveGoal, move: FairnessMove): boolean {
  return goal.kind === 'raise' ? move.low > goal.floor : move.low >= goal.floor && move.gain > MIN_GAIN;
}

function better(goal: MoveGoal, a: FairnessMove, b: FairnessMove | undefined): boolean {
  if (!b) return true;
  if (goal.kind === 'raise' && a.low !== b.low) return a.low > b.low;
  return a.gain > b.gain;
}

/** The best move around `county` for the goal, or undefined. */
export function bestMove(state: FairnessState, county: County, goal: MoveGoal): FairnessMove | undefined {
  const floor = goal.floor;
  const { ctx } = state;
  const own = state.groups.get(county.id);
  if (!own) return undefined;
  const pinnedHere = pinnedIn(ctx, county.id);
  const before = state.scores.get(county.id)!;
  // w without one of its unpinned members (or without none, to add e).
  const leaving: (Expert | undefined)[] = [undefined, ...own.members.filter((f) => !pinnedHere.has(f.id))];
  let best: FairnessMove | undefined;
  const consider = (move: FairnessMove): void => {
    if (acceptable(goal, move) && better(goal, move, best)) best = move;
  };
  for (const e of shortlist(poolIndexOf(ctx), county, () => true)) {
    if (own.members.includes(e)) continue;
    const holders = state.servedBy(e);
    const free = holders.size < capacityOf(ctx, e);
    for (const f of leaving) {
      const members = f ? own.members.map((m) => (m === f ? e : m)) : [...own.members, e];
      const w = validGroup(state, county, members, own);
      if (!w) continue;
      const sw = groupScore(ctx, county, w.members, w.leader.id).total;
      if (goal.kind === 'raise' ? sw <= floor : sw < floor) continue;
      if (free) consider({ groups: [w], low: sw, gain: sw - before });
      for (const d of holders) {
        const donor = state.groups.get(d);
        if (!donor || d === county.id || pinnedIn(ctx, d).has(e.id)) continue;
        const without = donor.members.filter((m) => m !== e);
        const variants = [without];
        if (f && !without.includes(f) && isEligible(ctx, f, donor.county)) variants.push([...without, f]);
        for (const dm of variants) {
          const g = validGroup(state, donor.county, dm, donor);
          // Two new leaders checked apart could be one expert (capacity 2): not under leadOnce (H4c).
          if (!g || (ctx.options.leadOnce && g.leader === w.leader)) continue;
          const sd = groupScore(ctx, donor.county, g.members, g.leader.id).total;
          consider({ groups: [w, g], low: Math.min(sw, sd), gain: sw - before + sd - state.scores.get(d)! });
        }
      }
    }
  }
  return best;
}
