/**
 * The round an earlier result belongs to: its options (the caller's, else
 * those the result was solved with), the prepared context, and its groups.
 */
import { resolveOptions, type Options, type OptionsInput } from '../model/options.js';
import { InstanceSchema, type Instance, type InstanceInput } from '../model/schemas.js';
import { buildContext, type RoundContext } from '../rules/context.js';
import { GroupState, type PriorResult } from './state.js';

/** Options of the operations on an earlier result: the round's options. */
export type RoundOptions = Options | OptionsInput;

/** The options a result was solved with, unless the caller gives some. */
export function optionsFor(prior: Pick<PriorResult, 'summary'>, options?: RoundOptions): Options {
  return resolveOptions((options ?? prior.summary?.options ?? {}) as OptionsInput);
}

/** A prepared round with the groups of an earlier result. */
export interface PreparedRound {
  ctx: RoundContext;
  state: GroupState;
}

/**
 * Prepares the round and reads the result's groups. The instance must be
 * valid (as `readInstanceDir` or `validateInstance` return it).
 * @throws UnknownIdError when the result names a county or expert the instance does not have
 */
export function prepareRound(instance: Instance | InstanceInput, prior: PriorResult, options?: RoundOptions): PreparedRound {
  const ctx = buildContext(InstanceSchema.parse(instance), optionsFor(prior, options));
  return { ctx, state: GroupState.fromResult(ctx, prior) };
}
