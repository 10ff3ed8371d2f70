/**
 * Why an expert is, or is not, in a county's group. In order:
 *
 * 1. a member: role, needs covered, fit, and what the member adds;
 * 2. a hard rule keeps the expert out: vetoed (H8), a local scientist of
 *    another county (H5), capacity 0 (H2), no consent on both sides while
 *    consent is required (H8, with what each side said), pinned to the
 *    counties that use the capacity (H9);
 * 3. a trade-off: the expert's capacity is used by other counties. The
 *    move is evaluated exactly on the two counties: county C's group is
 *    re-solved with the expert forced in, the donor D's group re-solved
 *    without the expert, every other group fixed; the score change is
 *    reported (negative: the result is right to keep the expert with D);
 * 4. free but not chosen: C's group re-solved with the expert forced in,
 *    and the score change, or the quota (H3–H6) that forbids it.
 *
 * The re-solves use the exact model over short candidate lists
 * (`shortlist`): a move found is a valid result, and its score change is
 * exact for the groups it shows; a better move outside the lists is not
 * ruled out, which the explanation says.
 */
import type { Expert, County } from '../model/schemas.js';
import type { RuleId } from '../rules/types.js';
import type { RoundContext } from '../rules/context.js';
import { pinsOf } from '../rules/context.js';
import { capacityOf } from '../rules/h2-capacity.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { isLocalElsewhere, isLocalTo } from '../rules/h5-local.js';
import { isEastFor, partnersOf } from '../rules/h6-east-west.js';
import { isVetoed } from '../rules/h8-veto.js';
import { CONSENT_REMEDY, consentOf, consentWords, type PairConsent } from '../rules/consent.js';
import { roleOf } from '../rules/roles.js';
import { groupScore, memberFit, type MemberFit } from '../objective/score.js';
import type { GroupState, HeldGroup, PriorResult } from '../incremental/state.js';
import { UnknownIdError } from '../incremental/state.js';
import { prepareRound, type RoundOptions } from '../incremental/prepare.js';
import { solveLocal } from '../incremental/local-model.js';
import { mergeCandidates, shortlist } from '../incremental/shortlist.js';
import { countyLabel } from './diagnose.js';
import { explainGroup, type MemberExplanation } from './group.js';
import { poolIndexOf } from './pool-index.js';

/** A re-solved group: its members and score. */
export interface GroupOutcome {
  matched: boolean;
  /** Member ids, leader first. */
  members: string[];
  score: number;
}

/** The exact evaluation of moving the expert from a donor county to the asked county. */
export interface MoveEvaluation {
  /** The donor county the expert would leave. */
  from: string;
  /** False when no valid group of the asked county contains the expert even with it taken from the donor. */
  feasible: boolean;
  /** The asked county before (unmatched: score 0) and after. */
  countyBefore: GroupOutcome;
  countyAfter?: GroupOutcome;
  /** The donor before and after (after: it may be left unmatched). */
  donorBefore: GroupOutcome;
  donorAfter?: GroupOutcome;
  /** Change of the matched count (+1 the asked county gains a group, −1 the donor loses one). */
  matchedChange: number;
  /** Change of the total score of the two groups. */
  scoreChange: number;
}

/** Why the expert is or is not in the county's group. */
export type PairExplanation =
  | { kind: 'member'; countyId: string; expertId: string; member: MemberExplanation; message: string }
  | { kind: 'excluded'; countyId: string; expertId: string; rule: RuleId; code: 'vetoed' | 'local-elsewhere' | 'no-capacity' | 'no-consent' | 'pinned-elsewhere' | 'quota'; message: string; consent?: PairConsent }
  | { kind: 'trade-off'; countyId: string; expertId: string; servesIn: string[]; moves: MoveEvaluation[]; fit: MemberFit; message: string }
  | { kind: 'not-chosen'; countyId: string; expertId: string; move: MoveEvaluation; fit: MemberFit; message: string };

function outcome(ctx: RoundContext, county: County, group: HeldGroup | undefined): GroupOutcome {
  if (!group) return { matched: false, members: [], score: 0 };
  const ids = [group.leader.id, ...group.members.filter((e) => e !== group.leader).map((e) => e.id).sort()];
  return { matched: true, members: ids, score: groupScore(ctx, county, group.members, group.leader.id).total };
}

function round(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

function signed(n: number): string {
  const r = Math.round(n * 100) / 100;
  return r > 0 ? `+${r}` : `${r === 0 ? 0 : r}`;
}

/** Which hard rule keeps the expert out of the county whatever the others do, if any. */
function hardRule(ctx: RoundContext, state: GroupState, county: County, expert: Expert): Extract<PairExplanation, { kind: 'excluded' }> | undefined {
  const base = { kind: 'excluded' as const, countyId: county.id, expertId: expert.id };
  const who = expert.name ? `${expert.name} (${expert.id})` : expert.id;
  const where = countyLabel(county);
  if (isVetoed(ctx, county.id, expert.id)) return { ...base, rule: 'H8', code: 'vetoed', message: `${who} is vetoed for ${where} in affinity.csv (H8: two-way voluntary selection, conflicts of interest), so may not serve it` };
  if (isLocalElsewhere(expert, county)) return { ...base, rule: 'H5', code: 'local-elsewhere', message: `${who} is a local scientist of county ${expert.homeCounty} and may serve only that county (H5)` };
  const cap = capacityOf(ctx, expert);
  if (cap <= 0) return { ...base, rule: 'H2', code: 'no-capacity', message: `${who} has capacity 0 (H2): may serve no group` };
  const consent = consentOf(ctx, county.id, expert.id);
  if (!consent.ok) {
    return { ...base, rule: 'H8', code: 'no-consent', consent, message: `${who} may not serve ${where}: consent is required (双向选择、自主自愿: only pairs with yes on both sides may be assigned), and for this pair ${consentWords(consent)} in affinity.csv; to make the pair possible, ${CONSENT_REMEDY}` };
  }
  const serves = state.countiesOf(expert);
  if (state.free(expert) <= 0 && serves.every((d) => pinsOf(ctx, d.id).some((p) => p.expertId === expert.id))) {
    return { ...base, rule: 'H9', code: 'pinned-elsewhere', message: `${who} serves ${serves.map(countyLabel).join(', ')} (capacity ${cap}, all used, H2), pinned there by pinned.csv or an earlier batch (H9), so cannot move` };
  }
  return undefined;
}

/** The quota that forbids adding the expert to the county's pinned members, if one does (else undefined). */
function quotaRule(ctx: RoundContext, county: County, expert: Expert): { rule: RuleId; message: string } | undefined {
  const pinned = pinsOf(ctx, county.id).map((p) => ctx.expertById.get(p.expertId)).filter((e): e is Expert => e !== undefined && e !== expert);
  const { max } = groupSizeBounds(ctx, county);
  if (pinned.length + 1 > max) return { rule: 'H3', message: `its ${pinned.length} pinned members already fill the largest group (${max})` };
  if (isLocalTo(expert, county) && pinned.filter((e) => isLocalTo(e, county)).length + 1 > ctx.options.localMax) return { rule: 'H5', message: `its pinned local scientists already fill the quota of ${ctx.options.localMax}` };
  if (partnersOf(ctx, county).length > 0 && isEastFor(ctx, expert, county)) {
    // The leader fills no East–West place unless leaderCountsEast (H6): a pinned leader is not counted, and without one the expert or a pin may lead.
    const pins = pinsOf(ctx, county.id).filter((p) => p.expertId !== expert.id);
    const countsLeader = ctx.options.leaderCountsEast;
    const east = pins.filter((p) => {
      const e = ctx.expertById.get(p.expertId);
      return e !== undefined && isEastFor(ctx, e, county) && (countsLeader || p.role !== 'leader');
    }).length;
    const spare = !countsLeader && !pins.some((p) => p.role === 'leader') ? 1 : 0;
    if (east + 1 - spare > ctx.options.eastMax) return { rule: 'H6', message: `its pinned East–West members already fill the quota of ${ctx.options.eastMax}` };
  }
  return undefined;
}

/**
 * Evaluates moving the expert into the county (from `donor`, or from the
 * free pool), everything else fixed: the exact model of the one or two
 * counties over short lists.
 */
export async function evaluateMove(ctx: RoundContext, state: GroupState, county: County, expert: Expert, donor?: County): Promise<MoveEvaluation> {
  const index = poolIndexOf(ctx);
  const mine = state.group(county.id);
  const theirs = donor ? state.group(donor.id) : undefined;
  const places = (e: Expert): number => state.free(e) + (mine?.members.includes(e) ? 1 : 0) + (theirs?.members.includes(e) ? 1 : 0);
  const available = (e: Expert): boolean => places(e) > 0 && e !== expert;
  const pinned = (c: County): Expert[] => pinsOf(ctx, c.id).map((p) => ctx.expertById.get(p.expertId)).filter((e): e is Expert => e !== undefined);
  const candidates = new Map<string, Expert[]>();
  candidates.set(county.id, mergeCandidates(ctx, mine?.members ?? [], shortlist(index, county, available), [expert], pinned(county)));
  const counties = [county];
  if (donor) {
    counties.push(donor);
    candidates.set(donor.id, mergeCandidates(ctx, (theirs?.members ?? []).filter((e) => e !== expert), shortlist(index, donor, available), pinned(donor)));
  }
  const answer = await solveLocal(ctx, {
    counties, candidates, places: (e) => (e === expert ? 1 : places(e)),
    mustMatch: new Set([county.id]), forced: new Map([[county.id, [expert]]]),
  });
  const countyBefore = outcome(ctx, county, mine);
  const donorBefore = donor ? outcome(ctx, donor, theirs) : { matched: false, members: [], score: 0 };
  const base = { from: donor?.id ?? '', countyBefore, donorBefore };
  if (!answer.ok) return { ...base, feasible: false, matchedChange: 0, scoreChange: 0 };
  const countyAfter = outcome(ctx, county, answer.groups.get(county.id));
  const donorAfter = donor ? outcome(ctx, donor, answer.groups.get(donor.id)) : donorBefore;
  const matchedChange = (countyBefore.matched ? 0 : 1) - (donor && donorBefore.matched && !donorAfter.matched ? 1 : 0);
  const scoreChange = countyAfter.score + donorAfter.score - countyBefore.score - donorBefore.score;
  return { ...base, feasible: true, countyAfter, ...(donor ? { donorAfter } : {}), matchedChange, scoreChange };
}

function moveWords(ctx: RoundContext, m: MoveEvaluation, county: County, who: string): string {
  const donor = ctx.countyById.get(m.from);
  const dName = donor ? countyLabel(donor) : m.from;
  if (!m.feasible) return `even taken from ${dName}, ${who} fits in no valid group of ${countyLabel(county)} (H3–H7, within the short list of candidates)`;
  const c = `${countyLabel(county)} ${m.countyBefore.matched ? `${round(m.countyBefore.score)} → ${round(m.countyAfter!.score)}` : `unmatched → matched with score ${round(m.countyAfter!.score)}`}`;
  const d = m.donorAfter!.matched ? `${dName} ${round(m.donorBefore.score)} → ${round(m.donorAfter!.score)}` : `${dName} would lose its group (score ${round(m.donorBefore.score)} → unmatched)`;
  const net = m.matchedChange !== 0 ? `matched counties ${signed(m.matchedChange)}, score ${signed(m.scoreChange)}` : `score ${signed(m.scoreChange)}`;
  const verdict = m.matchedChange < 0 || (m.matchedChange === 0 && m.scoreChange <= 1e-9)
    ? 'so the result keeps the expert where it is'
    : 'a better result than this one: the solver did not prove its result optimal here (see the gap in summary.json)';
  return `moving ${who} from ${dName}: ${c}, ${d}; net ${net}, ${verdict}`;
}

/** Explains a pair on a prepared round. */
export async function explainPairInRound(ctx: RoundContext, state: GroupState, countyId: string, expertId: string): Promise<PairExplanation> {
  const county = ctx.countyById.get(countyId);
  if (!county) throw new UnknownIdError('county', countyId);
  const expert = ctx.expertById.get(expertId);
  if (!expert) throw new UnknownIdError('expert', expertId);
  const who = expert.name ? `${expert.name} (${expert.id})` : expert.id;
  const where = countyLabel(county);
  const group = state.group(county.id);
  if (group?.members.includes(expert)) {
    const member = explainGroup(ctx, county, group.leader, group.members).members.find((m) => m.expertId === expert.id)!;
    const pin = member.pinned ? ', pinned (H9)' : '';
    const consent = ctx.options.consent === 'required' ? `; consent required, and given (${consentWords(consentOf(ctx, county.id, expert.id))})` : '';
    return { kind: 'member', countyId, expertId, member, message: `${who} is in ${where}'s group as ${member.role}${pin}: ${member.reason}${consent}; it adds ${round(member.contribution)} to the group's score (the score without it, the others unchanged, would be ${signed(-member.contribution)})` };
  }
  const rule = hardRule(ctx, state, county, expert);
  if (rule) return rule;
  const fit = memberFit(ctx, expert, county);
  const quota = quotaRule(ctx, county, expert);
  if (quota) return { kind: 'excluded', countyId, expertId, rule: quota.rule, code: 'quota', message: `${who} cannot join ${where}: ${quota.message} (${quota.rule})` };
  const fitWords = `${who}'s fit for ${where} is ${round(fit.fit)} (relevance ${round(fit.relevance)}, affinity ${round(fit.affinity)}) as ${roleOf(ctx, expert, county, false)}`;
  if (state.free(expert) <= 0) {
    const serving = state.countiesOf(expert).filter((d) => !pinsOf(ctx, d.id).some((p) => p.expertId === expert.id));
    const moves: MoveEvaluation[] = [];
    for (const d of serving) moves.push(await evaluateMove(ctx, state, county, expert, d));
    const best = [...moves].sort((a, b) => Number(b.feasible) - Number(a.feasible) || b.matchedChange - a.matchedChange || b.scoreChange - a.scoreChange)[0];
    const servesIn = state.countiesOf(expert).map((d) => d.id);
    const head = `${who} serves ${state.countiesOf(expert).map(countyLabel).join(', ')} and has no place left (capacity ${capacityOf(ctx, expert)}, H2); ${fitWords}`;
    return { kind: 'trade-off', countyId, expertId, servesIn, moves, fit, message: best ? `${head}; ${moveWords(ctx, best, county, who)}` : head };
  }
  const move = await evaluateMove(ctx, state, county, expert);
  if (!move.feasible) {
    return { kind: 'excluded', countyId, expertId, rule: 'H3', code: 'quota', message: `${who} is free, but no valid group of ${where} contains ${who} (H3–H7 together, within the short list of candidates)` };
  }
  const change = move.countyBefore.matched
    ? `the best group of ${where} with ${who} scores ${round(move.countyAfter!.score)} against ${round(move.countyBefore.score)} now (${signed(move.scoreChange)})`
    : `${where} could be matched with ${who} (score ${round(move.countyAfter!.score)})`;
  const verdict = move.matchedChange > 0 || move.scoreChange > 1e-9 ? '; the solver missed it (see the gap in summary.json)' : ', so the result leaves the expert out';
  return { kind: 'not-chosen', countyId, expertId, move, fit, message: `${who} is free and may serve ${where}; ${fitWords}; ${change}${verdict}` };
}

/**
 * Why an expert is or is not in a county's group of a result, as a typed
 * object (see `PairExplanation`); `formatPairExplanation` prints it.
 * Options default to those the result was solved with.
 * @throws UnknownIdError for an unknown county or expert id
 * @example
 * const why = await explainPair(instance, result, '510121', 'E0042');
 * if (why.kind === 'trade-off') console.log(why.moves[0]?.scoreChange);
 */
export async function explainPair(instance: Parameters<typeof prepareRound>[0], result: PriorResult, countyId: string, expertId: string, options?: RoundOptions): Promise<PairExplanation> {
  const { ctx, state } = prepareRound(instance, result, options);
  return explainPairInRound(ctx, state, countyId, expertId);
}
