/**
 * Why a county a solver left unmatched with `competition` lost out, in
 * numbers: first a proven shortage it is part of (`findShortages`), else
 * the kind of expert it needs that the result's other groups hold all of,
 * else what its free candidates lack. Every solver's result passes through
 * here (from `assembleResult`), so every `competition` row of
 * unmatched.csv carries a detail a person can act on.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert } from '../model/schemas.js';
import { needsOf, type RoundContext } from '../rules/context.js';
import { capacityOf } from '../rules/h2-capacity.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { partnersOf } from '../rules/h6-east-west.js';
import { countyLabel, type Diagnosis } from './diagnose.js';
import { eligibleLocals, leaderKind, needKind, poolIndexOf, provinceKind, vetoedIn, type ExpertKind, type PoolIndex } from './pool-index.js';
import { describeShortage, findShortages, listCounties, shortageRemedy, type Shortage } from './shortage.js';

/** A group as the explainer needs it. */
export interface GroupView {
  readonly county: County;
  readonly members: readonly Expert[];
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
  for (const c of losers) {
    const shortage = shortages.find((s) => s.counties.includes(c.id));
    const detail = shortage ? shortageDetail(ctx, c, shortage, unmatched) : takenDetail(index, c, usage, optimal);
    out.set(c.id, { reasonCode: 'competition', detail });
  }
  return out;
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
    if (!kind.has(e, county) || capacityOf(ctx, e) <= 0 || vetoedIn(index, county.id, e.id)) continue;
    if (e.homeCounty !== undefined && e.homeCounty !== county.id) continue;
    if (usage.free(e) > 0) free++;
    else taken.push(e);
  }
  return { free, taken };
}

function takenDetail(index: PoolIndex, county: County, usage: UsageView, optimal: boolean): string {
  const ctx = index.ctx;
  const label = countyLabel(county);
  const counts: string[] = [];
  for (const k of kindsNeeded(index, county)) {
    const { free, taken } = splitKind(index, county, k.kind, usage);
    if (free < k.need) {
      const holders = [...new Set(taken.flatMap((e) => usage.countiesOf(e.id)))];
      return `${label}: could be matched on its own, but not beside the other groups: it needs ${k.need} of the ${k.words}, and ${free === 0 ? 'every one' : `all but ${free}`} of the ${taken.length + free} eligible for it ${free === 0 ? 'is' : 'are'} taken by other groups (${listCounties(ctx, holders)}); no shortage across all counties was proven, so one of those groups would have to give a member up (see \`explain --county ${county.id} --expert ${taken[0]?.id ?? 'ID'}\` for the trade-off), or recruit one more`;
    }
    counts.push(`${free} ${k.words}`);
  }
  const locals = eligibleLocals(index, county).filter((e) => usage.free(e) > 0).length;
  const { min } = groupSizeBounds(ctx, county);
  const free = `${counts.join(', ')}, ${locals} of its local scientists`;
  return optimal
    ? `${label}: could be matched on its own, and the experts the other groups leave free include every kind it needs (${free}), yet no valid group of at least ${min} can be formed from them (the optimum proves it: rules H3–H8 together); a group for it would take members from other groups, and the optimum shows that would cost another county its group`
    : `${label}: could be matched on its own, and the experts the other groups leave free include every kind it needs (${free}); no shortage explains it: the solver found no group for it in the time given. Re-solve with a longer time limit, or run \`explain --county ${county.id}\`, which checks whether a group can be formed from the free experts`;
}
