/**
 * A county's best score with the whole pool to itself: no result can give
 * its group more, so the lowest of these bounds the weakest group (S5).
 */
import type { LinearEngine } from '../../model/linear.js';
import type { County, Expert } from '../../model/schemas.js';
import type { RoundContext } from '../../rules/context.js';
import { zVar } from '../../rules/variables.js';
import { buildGroupModel } from '../build-model.js';

/** Candidates up to which the exact one-county model is solved (DESIGN section 5: ~2 ms at 300, reliable to ~1,000 binaries). */
export const BEST_ALONE_CANDIDATE_LIMIT = 600;

/**
 * The county's best soft score alone, proven by the engine; undefined when
 * the model is too large, has no valid group, or the engine proves nothing.
 */
export async function bestScoreAlone(ctx: RoundContext, county: County, candidates: readonly Expert[], engine: LinearEngine): Promise<number | undefined> {
  if (candidates.length > BEST_ALONE_CANDIDATE_LIMIT) return undefined;
  const built = buildGroupModel(ctx, { counties: [county], candidates: new Map([[county.id, candidates]]), matchReward: 0, capacityRows: false });
  built.model.fix(zVar(ctx, county), 1);
  const answer = await engine.solve(built.model, { timeLimitSeconds: 5 });
  return answer.status === 'optimal' ? answer.bound : undefined;
}
