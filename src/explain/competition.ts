/**
 * Why a county a solver left unmatched with `competition` lost out, in
 * numbers: first a proven shortage it is part of (`findShortages`), else
 * the kind of expert it needs that the result's other groups hold all of,
 * else what its free candidates lack. Then who won: the counties whose
 * groups hold the scarce experts, and why they ranked first — an earlier
 * priority tier (成熟一批、匹配一批, `src/rules/priority.ts`), or, in the
 * same tier, the soft score (their groups' scores beside the most this
 * county's group could score). Every solver's result passes through here
 * (from `assembleResult`), so every `competition` row of unmatched.csv
 * carries a detail a person can act on.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert } from '../model/schemas.js';
import { needsOf, type RoundContext } from '../rules/context.js';
import { lacksConsent } from '../rules/consent.js';
import { capacityOf } from '../rules/h2-capacity.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { partnersOf } from '../rules/h6-east-west.js';
import { hasPriorities, rankWords, tierOf } from '../rules/priority.js';
import { quickScoreCeiling } from '../objective/bounds.js';
import { groupScore } from '../objective/score.js';
import { countyLabel, type Diagnosis } from './diagnose.js';
import { eligibleLocals, leaderKind, needKind, poolIndexOf, provinceKind, vetoedIn, type ExpertKind, type PoolIndex } from './pool-index.js';
import { describeShortage, findShortages, listCounties, shortageRemedy, type Shortage } from './shortage.js';

/** A group as the explainer needs it. */
export interface GroupView {
  readonly county: County;
  readonly members: readonly Expert[];
  /** Its leader, when known (the score's leader term S2b depends on it). */
  readonly leader?: Expert;
}

/** Reason codes given for a single county, before any competition: such counties take no experts. */
const SINGLE_COUNTY_CODES = new Set(['no-leader-candidate', 'no-local-scientist', 'no-east-expert', 'required-need-uncovered', 'too-few-candidates', 'no-valid-group', 'pinned-infeasible', 'key-county']);

/** Counties that compete for experts: every county without a single-county reason to be unmatched. */
export function openCounties(ctx: RoundContext, unmatched: ReadonlyMap<string, Pick<Diagnosis, 'reasonCode'>>): County[] {
  return ctx.counties.filter((c) => !SINGLE_COUNTY_CODES.has(unmatched.get(c.id)?.reasonCode ?? ''));
}

/**
 * Replaces the detail of every `competition` county with an explanation in
 * numbers; other rows are returned as they are. Deterministic. `optimal`:
 * the result is a proven optimum, so a county it leaves unmatched has no
 * valid group among the free experts (matching it would score more).
 */
export function explainCompetition(ctx: RoundContext, groups: readonly GroupView[], unmatched: ReadonlyMap<string, Diagnosis>, optimal = false): Map<string, Diagnosis> {
  const out = new Map(unmatched);
  const losers = [...unmatched].filter(([, d]) => d.reasonCode === 'competition').map(([id]) => ctx.countyById.get(id)).filter((c): c is County => c !== undefined);
  if (losers.length === 0) return out;
  const index = poolIndexOf(ctx);
  const shortages = findShortages(ctx, openCounties(ctx, unmatched), index);
  const usage = new UsageView(ctx, groups);
  const byCounty = new Map(groups.map((g) => [g.county.id, g]));
  for (const c of losers) {
    const shortage = shortages.find((s) => s.counties.includes(c.id));
    const found = shortage ? { text: shortageDetail(ctx, c, shortage, unmatched), winners: shortage.counties.filter((id) => byCounty.has(id)) } : takenDetail(index, c, usage, optimal);
    const why = winnersDetail(ctx, c, found.winners.map((id) => byCounty.get(id)).filter((g): g is GroupView => g !== undefined), optimal);
    out.set(c.id, { reasonCode: 'competition', detail: why ? `${found.text}. ${why}` : found.text });
  }
  return out;
}

/** Groups named at most in a winners' sentence. */
const WINNERS_SHOWN = 4;

function scoreText(x: number): string {
  return (Math.round(x * 100) / 100).toString();
}

/** The groups' county labels with their scores, e.g. `A (123) (priority 1, score 151.2), …`. */
function describeWinners(ctx: RoundContext, winners: readonly GroupView[], withRank: boolean): string {
  const shown = winners.slice(0, WINNERS_SHOWN).map((g) => {
    const score = groupScore(ctx, g.county, g.members, g.leader?.id).total;
    return `${countyLabel(g.county)} (${withRank ? `${rankWords(ctx, g.county)}, ` : ''}score ${scoreText(score)})`;
  });
  const more = winners.length - shown.length;
  return more > 0 ? `${shown.join(', ')} and ${more} more` : shown.join(', ');
}

/**
 * Who holds the scarce experts the county lost, and why they ranked before
 * it: an earlier priority tier, or (same tier, or no priorities at all) the
 * soft score, stated as their groups' scores beside the most the county's
 * own group could score (`quickScoreCeiling`). A winner of a later tier is
 * named as such: in a proven optimum no valid result can serve the county
 * without unmatching a county ranked at least as high; otherwise the solver
 * found no such way. Empty when no group holds them.
 */
export function winnersDetail(ctx: RoundContext, county: County, winners: readonly GroupView[], optimal: boolean): string {
  if (winners.length === 0) return '';
  const own = tierOf(ctx, county.id);
  const ceiling = scoreText(quickScoreCeiling(ctx, county));
  const total = optimal ? 'the optimum proves the total over all groups higher this way' : 'this result (not proven optimal) found no higher total with it';
  const scoreWords = `a group for ${countyLabel(county)} could score at most ${ceiling} (a ceiling), and ${total}; S1 shares each county's coverage points among its needs, so listing more needs earns a county no more`;
  if (!hasPriorities(ctx)) {
    return `The scarce experts serve ${describeWinners(ctx, winners, false)}; no priority ranks the counties (${priorityWords(ctx)}), so the soft score decided between them: ${scoreWords}`;
  }
  const earlier = winners.filter((g) => tierOf(ctx, g.county.id) < own);
  const same = winners.filter((g) => tierOf(ctx, g.county.id) === own);
  const later = winners.filter((g) => tierOf(ctx, g.county.id) > own);
  const parts: string[] = [];
  if (earlier.length > 0) parts.push(`ranked first by priority (成熟一批、匹配一批): ${describeWinners(ctx, earlier, true)} ${earlier.length === 1 ? 'comes' : 'come'} before this county (${rankWords(ctx, county)})`);
  if (same.length > 0) parts.push(`in the same priority tier (${rankWords(ctx, county)}) the soft score decided: ${describeWinners(ctx, same, false)}; ${scoreWords}`);
  if (later.length > 0) {
    const proof = optimal
      ? 'the optimum proves that no valid result gives this county a group without leaving a county of its own tier or an earlier one unmatched'
      : 'the solver found no valid way to move them to this county (the result is not proven optimal)';
    parts.push(`${describeWinners(ctx, later, true)} ${later.length === 1 ? 'ranks' : 'rank'} after this county yet ${later.length === 1 ? 'holds' : 'hold'} such experts: ${proof}`);
  }
  return `The scarce experts serve: ${parts.join('; ')}`;
}

/** The ranking in force, in words. */
function priorityWords(ctx: RoundContext): string {
  switch (ctx.options.priority) {
    case 'none':
      return 'priority none';
    case 'column':
      return ctx.counties.some((c) => c.priority !== undefined) ? 'every county has the same priority' : 'no county has a value in the priority column of counties.csv';
    case 'batch':
      return ctx.counties.some((c) => c.batch !== undefined && c.batch !== '') ? 'every county is in the same batch' : 'no county has a batch label';
    case 'order':
      return 'priority order';
  }
}

function shortageDetail(ctx: RoundContext, county: County, s: Shortage, unmatched: ReadonlyMap<string, Diagnosis>): string {
  const left = s.counties.filter((id) => unmatched.has(id)).length;
  return `${countyLabel(county)}: ${describeShortage(ctx, s)}; this result leaves ${left} of them unmatched, this county among them. To match it: ${shortageRemedy(s)}`;
}

/** Who serves whom in a result, and who has places left. */
export class UsageView {
  private readonly servesIn = new Map<string, string[]>();

  constructor(private readonly ctx: RoundContext, groups: readonly GroupView[]) {
    for (const g of groups) {
      for (const e of g.members) {
        const list = this.servesIn.get(e.id);
        if (list) list.push(g.county.id);
        else this.servesIn.set(e.id, [g.county.id]);
      }
    }
  }

  /** Counties the expert serves. */
  countiesOf(expertId: string): readonly string[] {
    return this.servesIn.get(expertId) ?? [];
  }

  /** Places the expert has left. */
  free(expert: Expert): number {
    return capacityOf(this.ctx, expert) - this.countiesOf(expert.id).length;
  }
}

interface KindNeed {
  kind: ExpertKind;
  need: number;
  words: string;
}

/** The kinds a group of the county needs, and how many of each. */
function kindsNeeded(index: PoolIndex, county: County): KindNeed[] {
  const ctx = index.ctx;
  const out: KindNeed[] = [{ kind: leaderKind(index), need: 1, words: `${ctx.options.leaderLevels.join('/')}-level experts who may lead it` }];
  const partners = partnersOf(ctx, county);
  if (partners.length > 0 && ctx.options.eastMin > 0) out.push({ kind: provinceKind(index, partners), need: ctx.options.eastMin, words: `scientists from ${partners.join('/')}` });
  for (const n of needsOf(ctx, county.id)) if (n.required) out.push({ kind: needKind(index, n), need: 1, words: `holders of ${needKey(n)}` });
  return out;
}

/** Eligible experts of a kind for the county, split into free and taken. O(size of the kind). */
function splitKind(index: PoolIndex, county: County, kind: ExpertKind, usage: UsageView): { free: number; taken: Expert[] } {
  const ctx = index.ctx;
  let free = 0;
  const taken: Expert[] = [];
  for (const e of kind.pool) {
    if (!kind.has(e, county) || capacityOf(ctx, e) <= 0 || vetoedIn(index, county.id, e.id) || lacksConsent(ctx, county.id, e.id)) continue;
    if (e.homeCounty !== undefined && e.homeCounty !== county.id) continue;
    if (usage.free(e) > 0) free++;
    else taken.push(e);
  }
  return { free, taken };
}

function takenDetail(index: PoolIndex, county: County, usage: UsageView, optimal: boolean): { text: string; winners: string[] } {
  const ctx = index.ctx;
  const label = countyLabel(county);
  const counts: string[] = [];
  for (const k of kindsNeeded(index, county)) {
    const { free, taken } = splitKind(index, county, k.kind, usage);
    if (free < k.need) {
      const holders = [...new Set(taken.flatMap((e) => usage.countiesOf(e.id)))];
      const text = `${label}: could be matched on its own, but not beside the other groups: it needs ${k.need} of the ${k.words}, and ${free === 0 ? 'every one' : `all but ${free}`} of the ${taken.length + free} eligible for it ${free === 0 ? 'is' : 'are'} taken by other groups (${listCounties(ctx, holders)}); no shortage across all counties was proven, so one of those groups would have to give a member up (see \`explain --county ${county.id} --expert ${taken[0]?.id ?? 'ID'}\` for the trade-off), or recruit one more`;
      return { text, winners: holders };
    }
    counts.push(`${free} ${k.words}`);
  }
  const locals = eligibleLocals(index, county).filter((e) => usage.free(e) > 0).length;
  const { min } = groupSizeBounds(ctx, county);
  const free = `${counts.join(', ')}, ${locals} of its local scientists`;
  const text = optimal
    ? `${label}: could be matched on its own, and the experts the other groups leave free include every kind it needs (${free}), yet no valid group of at least ${min} can be formed from them (the optimum proves it: rules H3–H8 together); a group for it would take members from other groups, and the optimum shows that would cost another county its group`
    : `${label}: could be matched on its own, and the experts the other groups leave free include every kind it needs (${free}); no shortage explains it: the solver found no group for it in the time given. Re-solve with a longer time limit, or run \`explain --county ${county.id}\`, which checks whether a group can be formed from the free experts`;
  return { text, winners: [] };
}
