/**
 * Diagnosis of a county that cannot be matched on its own, whatever other
 * counties do: a missing kind of candidate, a required need nobody eligible
 * holds, too few candidates, or pins that cannot be completed. Each answer
 * is a reason code and a detail a person can act on: it counts the experts
 * of the missing kind in the pool and says what keeps each of them out
 * (a veto, no capacity, a local scientist of another county, no consent on
 * both sides when consent is required), and what to add.
 *
 * Two ways in: `diagnoseCounty` against a list of candidates (what a solver
 * already holds), and `diagnoseCountyIndexed` / `diagnoseAll` against the
 * pool indexes, in time proportional to the county's vetoes and locals, for
 * `validate` on a round of 150,000 experts.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert, ReasonCode } from '../model/schemas.js';
import { buildContext, needsOf, pinsOf, type RoundContext } from '../rules/context.js';
import { CONSENT_REMEDY, lacksConsent } from '../rules/consent.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { isLocalTo } from '../rules/h5-local.js';
import { isEastFor, partnersOf } from '../rules/h6-east-west.js';
import { countyIndustries } from '../objective/relevance.js';
import { isEligible } from '../rules/eligibility.js';
import { isVetoed } from '../rules/h8-veto.js';
import {
  consentedFor, countEligible, describeBreakdown, eligibleLocals, kindBreakdown, leaderKind, needKind, poolIndexOf, provinceKind, vetoedIn,
  type ExpertKind, type KindBreakdown, type PoolIndex,
} from './pool-index.js';
import { capacityOf } from '../rules/h2-capacity.js';

/** Why a county cannot be matched. */
export interface Diagnosis {
  reasonCode: ReasonCode;
  detail: string;
}

/** A county's candidates as the diagnosis reads them: counted by kind, never listed whole. */
export interface CandidateView {
  /** Candidates of a kind. */
  count(kind: ExpertKind): number;
  /** The county's own local scientists among the candidates. */
  locals(): readonly Expert[];
  /** Candidates in all. */
  total(): number;
  /** True when the expert is a candidate. */
  isCandidate(expert: Expert): boolean;
}

/** `name (id)`, or the id alone. */
export function countyLabel(c: Pick<County, 'id' | 'name'>): string {
  return c.name ? `${c.name} (${c.id})` : c.id;
}

function plural(n: number, word: string, many = `${word}s`): string {
  return `${n} ${n === 1 ? word : many}`;
}

/** A view over an explicit candidate list (what a solver passes). */
export function listView(county: County, candidates: readonly Expert[]): CandidateView {
  let set: Set<Expert> | undefined;
  return {
    count: (kind) => candidates.reduce((n, e) => n + (kind.has(e, county) ? 1 : 0), 0),
    locals: () => candidates.filter((e) => isLocalTo(e, county)),
    total: () => candidates.length,
    isCandidate: (e) => (set ??= new Set(candidates)).has(e),
  };
}

/** A view over the pool indexes: every eligible expert, counted without listing them. */
export function indexedView(index: PoolIndex, county: County): CandidateView {
  const ctx = index.ctx;
  return {
    count: (kind) => countEligible(index, kind, county),
    locals: () => eligibleLocals(index, county),
    total: () => {
      const consented = consentedFor(index, county);
      if (consented !== undefined) return consented.length + eligibleLocals(index, county).length;
      let n = index.globals.length + eligibleLocals(index, county).length;
      for (const id of index.vetoedByCounty.get(county.id) ?? []) {
        const e = ctx.expertById.get(id);
        if (e && e.homeCounty === undefined && capacityOf(ctx, e) > 0) n--;
      }
      return n;
    },
    isCandidate: (e) => isEligible(ctx, e, county),
  };
}

/** Reasons the county's pins alone break a rule, or undefined. */
function diagnosePins(ctx: RoundContext, county: County, view: CandidateView): Diagnosis | undefined {
  const pins = pinsOf(ctx, county.id);
  if (pins.length === 0) return undefined;
  const pinned = pins.map((p) => ctx.expertById.get(p.expertId)).filter((e): e is Expert => e !== undefined);
  const notEligible = pinned.filter((e) => !view.isCandidate(e));
  const fail = (detail: string): Diagnosis => ({ reasonCode: 'pinned-infeasible', detail: `${countyLabel(county)}: ${detail}` });
  if (notEligible.length > 0) {
    const why = notEligible.map((e) => `${e.id} (${capacityOf(ctx, e) <= 0 ? 'capacity 0, H2' : e.homeCounty !== undefined && e.homeCounty !== county.id ? `local scientist of ${e.homeCounty}, H5` : isVetoed(ctx, county.id, e.id) ? 'vetoed, H8' : 'a consent of the pair says no, H8'})`);
    return fail(`pinned experts ${why.join(', ')} may not serve this county; remove these pins from pinned.csv or fix the experts' rows`);
  }
  const { max } = groupSizeBounds(ctx, county);
  if (pinned.length > max) return fail(`${pinned.length} pinned members exceed the largest group (${max}); unpin ${pinned.length - max}`);
  const leaders = pins.filter((p) => p.role === 'leader').length;
  if (leaders > 1) return fail(`${leaders} members are pinned as leader; keep one`);
  const locals = pinned.filter((e) => isLocalTo(e, county)).length;
  if (locals > ctx.options.localMax) return fail(`${locals} pinned local scientists exceed ${ctx.options.localMax}; unpin ${locals - ctx.options.localMax}`);
  if (partnersOf(ctx, county).length > 0) {
    // The leader fills no East–West place unless leaderCountsEast (H6): a pinned leader is not counted, and without one an unlabelled pin may lead.
    const counted = pins.filter((p) => {
      const e = ctx.expertById.get(p.expertId);
      return e !== undefined && isEastFor(ctx, e, county) && (ctx.options.leaderCountsEast || p.role !== 'leader');
    });
    const mayLead = !ctx.options.leaderCountsEast && leaders === 0 && counted.some((p) => p.role === undefined);
    const east = counted.length - (mayLead ? 1 : 0);
    if (east > ctx.options.eastMax) return fail(`${east} pinned East–West members exceed ${ctx.options.eastMax}; unpin ${east - ctx.options.eastMax}`);
  }
  return undefined;
}

/** `lift a veto, raise a capacity, or add X`, with collecting consent first when missing consent keeps experts out. */
function remedy(b: KindBreakdown, ...rest: string[]): string {
  const who = b.noConsent === 1 ? 'for the one without it' : `for one of the ${b.noConsent} without it`;
  const options = b.noConsent > 0 ? [`${CONSENT_REMEDY} ${who}`, ...rest] : rest;
  return options.length <= 1 ? options.join('') : `${options.slice(0, -1).join(', ')}, or ${options[options.length - 1]!}`;
}

/** Under consent required, words saying that only consenting experts count; else ``. */
function consentedWords(index: PoolIndex): string {
  return index.consented !== undefined ? ' (consent required: only experts with yes on both sides count)' : '';
}

function noLeader(index: PoolIndex, county: County): Diagnosis {
  const kind = leaderKind(index, county);
  const b = kindBreakdown(index, kind, county);
  const label = countyLabel(county);
  const levels = index.ctx.options.leaderLevels.join('/');
  // H4b: under leaderSkill required the leader also names one of the county's industries; say so wherever the kind is named.
  const skill = index.ctx.options.leaderSkill === 'required' ? ` with a skill in ${countyIndustries(index.ctx, county.id).join('/') || 'its industries'} (H4b, leaderSkill required)` : '';
  let detail: string;
  if (b.inPool === 0) detail = `${label}: the pool has no ${levels}-level expert${skill}, and every group is led by one (H4); add at least one`;
  else if (b.eligible > 0) detail = `${label}: none of its candidates may lead it (H4); ${b.eligible} ${levels}-level experts${skill} of the pool are eligible but not among them`;
  else detail = `${label}: none of the pool's ${plural(b.inPool, `${levels}-level expert`)}${skill} may lead it: ${describeBreakdown(b)}; ${remedy(b, 'lift a veto', 'raise a capacity', `add a ${levels}-level expert${skill}`)}`;
  return { reasonCode: 'no-leader-candidate', detail };
}

function noLocal(index: PoolIndex, county: County, eligible: number): Diagnosis {
  const ctx = index.ctx;
  const { localMin, localMax } = ctx.options;
  const locals = ctx.localsByCounty.get(county.id) ?? [];
  const label = countyLabel(county);
  if (locals.length === 0) {
    return { reasonCode: 'no-local-scientist', detail: `${label}: no local scientist (home_county = ${county.id}) is in the pool; the county should recommend ${localMin}–${localMax} (H5)` };
  }
  const vetoed = locals.filter((e) => vetoedIn(index, county.id, e.id)).length;
  const noCap = locals.filter((e) => capacityOf(ctx, e) <= 0).length;
  const noConsent = locals.filter((e) => capacityOf(ctx, e) > 0 && !vetoedIn(index, county.id, e.id) && lacksConsent(ctx, county.id, e.id)).length;
  const parts = [
    noConsent > 0 ? `${noConsent} without consent on both sides (consent required, H8)` : '',
    vetoed > 0 ? `${vetoed} vetoed (H8)` : '', noCap > 0 ? `${noCap} with capacity 0 (H2)` : '',
  ].filter((p) => p !== '');
  const fix = noConsent > 0 ? `${CONSENT_REMEDY}, recommend ${localMin - eligible} more, or lift the veto` : `recommend ${localMin - eligible} more, or lift the veto`;
  return {
    reasonCode: 'no-local-scientist',
    detail: `${label}: ${eligible} of its ${plural(locals.length, 'local scientist')} may serve (${parts.join(', ') || 'the rest are not candidates'}); it needs at least ${localMin} (H5): ${fix}`,
  };
}

function noEast(index: PoolIndex, county: County, partners: readonly string[], eligible: number): Diagnosis {
  const { eastMin, eastMax } = index.ctx.options;
  const kind = provinceKind(index, partners);
  const b = kindBreakdown(index, kind, county);
  const label = countyLabel(county);
  const from = partners.join('/');
  let detail: string;
  if (b.inPool === 0) detail = `${label}: no scientist from its East–West partner ${from} is in the pool; add ${eastMin}–${eastMax} (H6)`;
  else if (b.eligible >= eastMin) detail = `${label}: only ${eligible} of its candidates are from ${from}; it needs ${eastMin} (H6)`;
  else detail = `${label}: ${b.eligible} of the pool's ${plural(b.inPool, `scientist`)} from ${from} may serve it (${describeBreakdown(b)}); it needs ${eastMin} (H6): ${b.noConsent > 0 ? remedy(b, `add ${eastMin - b.eligible} from ${from}`, 'lift a veto') : `add ${eastMin - b.eligible} from ${from} or lift a veto`}`;
  return { reasonCode: 'no-east-expert', detail };
}

function uncovered(index: PoolIndex, county: County, kind: ExpertKind, key: string): Diagnosis {
  const b = kindBreakdown(index, kind, county);
  const label = countyLabel(county);
  let detail: string;
  if (b.inPool === 0) detail = `${label}: nobody in the pool holds a skill covering ${key}, which the county marked as required (H7); recruit one, or unmark the need`;
  else if (b.eligible > 0) detail = `${label}: none of its candidates holds ${key}, which the county marked as required (H7); ${b.eligible} holders in the pool are eligible but not among them`;
  else detail = `${label}: the county marked ${key} as required (H7), and none of the pool's ${plural(b.inPool, 'holder')} may serve it: ${describeBreakdown(b)}; ${remedy(b, 'recruit a holder', 'lift a veto', 'unmark the need')}`;
  return { reasonCode: 'required-need-uncovered', detail };
}

/**
 * Diagnoses a county against a view of its candidates, ignoring other
 * counties. Undefined means no single-county reason was found.
 */
export function diagnoseView(index: PoolIndex, county: County, view: CandidateView): Diagnosis | undefined {
  const ctx = index.ctx;
  if (view.count(leaderKind(index, county)) === 0) return noLeader(index, county);
  const locals = view.locals().length;
  if (ctx.options.localMin > 0 && locals < ctx.options.localMin) return noLocal(index, county, locals);
  const partners = partnersOf(ctx, county);
  let east = 0;
  if (partners.length > 0) {
    east = view.count(provinceKind(index, partners));
    if (east < ctx.options.eastMin) return noEast(index, county, partners, east);
  }
  const needs = needsOf(ctx, county.id);
  for (let i = 0; i < needs.length; i++) {
    const need = needs[i]!;
    if (!need.required) continue;
    const kind = needKind(index, need);
    if (view.count(kind) === 0) return uncovered(index, county, kind, needKey(need));
  }
  const { min } = groupSizeBounds(ctx, county);
  // Quotas cap how many locals and East–West members can count toward the size.
  const total = view.total();
  const eastNotLocal = partners.length > 0 ? east - view.locals().filter((e) => isEastFor(ctx, e, county)).length : 0;
  // An eastern leader sits beside eastMax East–West members when the leader does not count toward the quota (H6).
  const eastSeats = ctx.options.eastMax + (ctx.options.leaderCountsEast ? 0 : 1);
  const usable = Math.min(locals, ctx.options.localMax) + Math.min(eastNotLocal, eastSeats) + (total - locals - eastNotLocal);
  if (usable < min) {
    return {
      reasonCode: 'too-few-candidates',
      detail: `${countyLabel(county)}: only ${usable} of its ${total} eligible experts${consentedWords(index)} can sit together in one group (at most ${ctx.options.localMax} local, ${ctx.options.eastMax} East–West); a group needs at least ${min} (H3): ${index.consented !== undefined ? `${CONSENT_REMEDY} for ${min - usable} more experts, or add ${min - usable} who consent` : `add ${min - usable} experts who may serve it`}`,
    };
  }
  return diagnosePins(ctx, county, view);
}

/**
 * Diagnoses a county against its eligible candidates, ignoring other
 * counties. Undefined means no single-county reason was found (the county
 * may still be unmatchable through a combination; the solver finds that).
 */
export function diagnoseCounty(ctx: RoundContext, county: County, candidates: readonly Expert[]): Diagnosis | undefined {
  return diagnoseView(poolIndexOf(ctx), county, listView(county, candidates));
}

/** `diagnoseCounty` against every eligible expert, through the pool indexes: O(vetoes + locals of the county). */
export function diagnoseCountyIndexed(index: PoolIndex, county: County): Diagnosis | undefined {
  return diagnoseView(index, county, indexedView(index, county));
}

/** Single-county diagnoses of every county that has one, by county id, in county order. */
export function diagnoseAll(ctx: RoundContext, index: PoolIndex = poolIndexOf(ctx)): Map<string, Diagnosis> {
  const out = new Map<string, Diagnosis>();
  for (let i = 0; i < ctx.counties.length; i++) {
    const c = ctx.counties[i]!;
    const d = diagnoseCountyIndexed(index, c);
    if (d) out.set(c.id, d);
  }
  return out;
}

/** A county the consent rule keeps from forming a group. */
export interface ConsentShortfall {
  /** The county. */
  countyId: string;
  /** Its diagnosis with consent required, in words that name the missing consent. */
  diagnosis: Diagnosis;
}

/**
 * The consent shortfall of a round that requires consent: the counties
 * whose consenting candidates cannot make a group (no consenting leader
 * candidate, too few consenting locals or East–West members, a required
 * need without a consenting holder, too few in all) although the pool
 * could form one for them if consent were not required. Counties that
 * cannot be matched either way are left out: consent is not why. Empty
 * when consent is optional. In county order.
 */
export function consentShortfall(ctx: RoundContext): ConsentShortfall[] {
  if (ctx.options.consent !== 'required') return [];
  const withConsent = diagnoseAll(ctx);
  if (withConsent.size === 0) return [];
  const without = diagnoseAll(buildContext(ctx.instance, { ...ctx.options, consent: 'optional' }));
  const out: ConsentShortfall[] = [];
  for (const [countyId, diagnosis] of withConsent) if (!without.has(countyId)) out.push({ countyId, diagnosis });
  return out;
}

/** The shortfall in one sentence, e.g. `3 of 50 counties cannot form a group from the experts who consented: …`. */
export function describeConsentShortfall(ctx: RoundContext, shortfall: readonly ConsentShortfall[]): string {
  if (shortfall.length === 0) return 'consent leaves every county that could be matched the candidates a group needs';
  const names = shortfall.slice(0, 4).map((s) => {
    const c = ctx.countyById.get(s.countyId);
    return c ? countyLabel(c) : s.countyId;
  });
  const more = shortfall.length > 4 ? ` and ${shortfall.length - 4} more` : '';
  return `${plural(shortfall.length, 'county', 'counties')} of ${ctx.counties.length} cannot form a group from the experts who consented (双向选择), though the pool could form one without consent: ${names.join(', ')}${more}; each one's reason says which consent to collect`;
}
