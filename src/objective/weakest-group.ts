/**
 * S5 (fairness between counties): the weakest matched group's score, and a
 * proven upper bound on it that any solver can afford.
 *
 * The bound: if a result matches m counties, its weakest group scores at
 * most min over those m of each county's best score alone, which is at most
 * the m-th largest of any per-county ceilings. The ceilings start cheap (no
 * scan of the pool) and the lowest ones, which decide the m-th largest, are
 * tightened with `countyScoreRange` over the county's eligible experts while
 * a small scanning budget lasts.
 */
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { eligibleExperts } from '../rules/eligibility.js';
import { countyScoreRange, quickScoreCeiling } from './bounds.js';
import { groupScore } from './score.js';

/** Experts scanned at most while tightening ceilings (about 0.2 s). */
const TIGHTENING_BUDGET = 200_000;

/** The lowest score among groups (each led by its `leader`: S2b depends on who leads), or null when there is none. Counties are looked up in the round. */
export function weakestGroupScore(ctx: RoundContext, groups: Iterable<{ county: Pick<County, 'id'>; members: readonly Expert[]; leader?: Pick<Expert, 'id'> | undefined }>): number | null {
  let weakest: number | null = null;
  for (const g of groups) {
    const county = ctx.countyById.get(g.county.id);
    if (!county) continue;
    const s = groupScore(ctx, county, g.members, g.leader?.id).total;
    if (weakest === null || s < weakest) weakest = s;
  }
  return weakest;
}

/** A county's ceiling on its group's score, and whether it was already tightened as far as the caller can. */
export interface ScoreCeiling {
  readonly county: County;
  value: number;
  tight: boolean;
}

/** Cheap ceilings of every county (`quickScoreCeiling`). */
export function quickCeilings(ctx: RoundContext, counties: readonly County[]): ScoreCeiling[] {
  return counties.map((county) => ({ county, value: quickScoreCeiling(ctx, county), tight: false }));
}

/**
 * Sorts the ceilings and returns the first not yet tight among those that
 * decide the bound for `matched` counties (the m-th largest is the
 * (n − m + 1)-th smallest: only the lowest ceilings matter); undefined when
 * they are all tight.
 */
export function criticalCeiling(ceilings: ScoreCeiling[], matched: number): ScoreCeiling | undefined {
  if (matched <= 0 || matched > ceilings.length) return undefined;
  ceilings.sort((a, b) => a.value - b.value || a.county.id.localeCompare(b.county.id));
  return ceilings.slice(0, ceilings.length - matched + 1).find((c) => !c.tight);
}

/** The bound the ceilings prove for a result matching `matched` counties (the m-th largest); null when none. */
export function boundFromCeilings(ceilings: ScoreCeiling[], matched: number): number | null {
  if (matched <= 0 || matched > ceilings.length) return null;
  ceilings.sort((a, b) => a.value - b.value || a.county.id.localeCompare(b.county.id));
  return ceilings[ceilings.length - matched]!.value;
}

/**
 * A proven upper bound on the weakest group's score of any valid result
 * that matches `matched` of `counties`; null when `matched` is 0. The
 * deciding ceilings are tightened with `countyScoreRange` over the
 * county's eligible experts while a scanning budget lasts.
 */
export function weakestGroupUpperBound(ctx: RoundContext, counties: readonly County[], matched: number): number | null {
  const ceilings = quickCeilings(ctx, counties);
  let budget = TIGHTENING_BUDGET;
  for (let c = criticalCeiling(ceilings, matched); c && budget >= ctx.experts.length; c = criticalCeiling(ceilings, matched)) {
    budget -= ctx.experts.length;
    c.value = Math.min(c.value, countyScoreRange(ctx, c.county, eligibleExperts(ctx, c.county)).max);
    c.tight = true;
  }
  return boundFromCeilings(ceilings, matched);
}
