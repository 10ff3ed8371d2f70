/**
 * `explainCounty`: a county of a result explained. Matched: its group with
 * each member's reason and contribution, and the score by term. Unmatched:
 * the reason code and detail of unmatched.csv, and recruitment advice (the
 * experts whose addition would make it matchable, checked).
 */
import type { ReasonCode } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { adviseCounty, type CountyAdvice } from '../recruit/advice.js';
import type { GroupState, PriorResult } from '../incremental/state.js';
import { UnknownIdError } from '../incremental/state.js';
import { prepareRound, type RoundOptions } from '../incremental/prepare.js';
import { explainGroup, type GroupExplanation } from './group.js';
import type { County } from '../model/schemas.js';

/** An unmatched county, explained. */
export interface UnmatchedCountyExplanation {
  matched: false;
  county: County;
  reasonCode: ReasonCode;
  detail: string;
  /** What to recruit to make it matchable, the rest of the result unchanged. */
  advice: CountyAdvice;
}

/** A county of a result, explained. */
export type CountyExplanation = GroupExplanation | UnmatchedCountyExplanation;

/** Explains a county on a prepared round; `unmatched` is the result's row for it when it has no group. */
export async function explainCountyInRound(ctx: RoundContext, state: GroupState, countyId: string, unmatched?: { reasonCode: ReasonCode; detail: string }): Promise<CountyExplanation> {
  const county = ctx.countyById.get(countyId);
  if (!county) throw new UnknownIdError('county', countyId);
  const group = state.group(county.id);
  if (group) return explainGroup(ctx, county, group.leader, group.members);
  const row = unmatched ?? { reasonCode: 'not-solved' as const, detail: `${county.name || county.id} is in neither the groups nor the unmatched rows of the result` };
  return { matched: false, county, reasonCode: row.reasonCode, detail: row.detail, advice: await adviseCounty(ctx, state, county, row.reasonCode) };
}

/**
 * Explains one county of a result (see `CountyExplanation`); print it with
 * `formatCountyExplanation`. Options default to those the result was solved with.
 * @throws UnknownIdError for an unknown county id
 * @example
 * const e = await explainCounty(instance, result, '510121');
 * if (e.matched) console.log(e.score.total, e.score.coverage);
 */
export async function explainCounty(instance: Parameters<typeof prepareRound>[0], result: PriorResult, countyId: string, options?: RoundOptions): Promise<CountyExplanation> {
  const { ctx, state } = prepareRound(instance, result, options);
  return explainCountyInRound(ctx, state, countyId, result.unmatched?.find((u) => u.countyId === countyId));
}
