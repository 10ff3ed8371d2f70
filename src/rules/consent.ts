/**
 * 双向选择、自主自愿 as an opt-in rule (part of H8): with `consent:
 * 'required'` a county–expert pair may be assigned only when its affinity.csv
 * row says yes on both sides (`county_consents` 县方同意 and
 * `expert_consents` 专家同意). A pin (pinned.csv, or a group of an earlier
 * batch) stands for consent already given, unless its row says no
 * explicitly, which validation refuses. With `consent: 'optional'` (the
 * default) the columns are not read by any rule.
 *
 * The condition lives here once; `isEligible` (every solver's candidates),
 * the H8 check (the checker) and the explainer read it through these
 * functions. The scalable solver's typed pool mirrors `consentAllows`.
 */
import type { Affinity } from '../model/schemas.js';
import { affinityOf, pinsOf, type RoundContext } from './context.js';

/** The policy wording of the rule. */
export const CONSENT_POLICY = '双向选择、自主自愿';

/** What one side said about a pair: yes, no, or not stated (no row, or an empty cell). */
export type ConsentAnswer = boolean | undefined;

/** The consent of a pair, as the rule reads it. */
export interface PairConsent {
  /** The county's answer (`county_consents`). */
  readonly county: ConsentAnswer;
  /** The expert's answer (`expert_consents`). */
  readonly expert: ConsentAnswer;
  /** True when the pair is pinned (pinned.csv or an earlier batch): consent already given. */
  readonly pinned: boolean;
  /** True when the round requires consent (`consent: 'required'`). */
  readonly required: boolean;
  /** True when consent does not keep the pair apart: not required, or given (both yes, or pinned without a no). */
  readonly ok: boolean;
}

/**
 * True when an affinity row (or its absence) and a pin allow the pair under
 * `consent: 'required'`: both sides say yes, or the pair is pinned and
 * neither side says no. Pure, so typed copies of the round can mirror it.
 */
export function consentAllows(row: Pick<Affinity, 'countyConsents' | 'expertConsents'> | undefined, pinned: boolean): boolean {
  if (row?.countyConsents === true && row.expertConsents === true) return true;
  return pinned && row?.countyConsents !== false && row?.expertConsents !== false;
}

/** True when the county has pinned the expert (H9). O(pins of the county). */
export function isPinnedPair(ctx: RoundContext, countyId: string, expertId: string): boolean {
  return pinsOf(ctx, countyId).some((p) => p.expertId === expertId);
}

/** The consent of a pair: what each side said, whether it is pinned, and whether it may be assigned. */
export function consentOf(ctx: RoundContext, countyId: string, expertId: string): PairConsent {
  const row = affinityOf(ctx, countyId, expertId);
  const pinned = isPinnedPair(ctx, countyId, expertId);
  const required = ctx.options.consent === 'required';
  return { county: row?.countyConsents, expert: row?.expertConsents, pinned, required, ok: !required || consentAllows(row, pinned) };
}

/**
 * True when the round requires consent and the pair lacks it. The hot path
 * of eligibility: one comparison when consent is optional.
 */
export function lacksConsent(ctx: RoundContext, countyId: string, expertId: string): boolean {
  if (ctx.options.consent !== 'required') return false;
  return !consentAllows(affinityOf(ctx, countyId, expertId), isPinnedPair(ctx, countyId, expertId));
}

function answerWords(a: ConsentAnswer): string {
  return a === true ? 'yes' : a === false ? 'no' : 'not stated';
}

/** `county: yes, expert: not stated` (and `, pinned` for a pinned pair). */
export function consentWords(c: Pick<PairConsent, 'county' | 'expert' | 'pinned'>): string {
  return `county: ${answerWords(c.county)}, expert: ${answerWords(c.expert)}${c.pinned ? ', pinned' : ''}`;
}

/** What to do for a pair that lacks consent, in words. */
export const CONSENT_REMEDY = 'obtain a yes from both sides (county_consents 县方同意 and expert_consents 专家同意 in affinity.csv)';
