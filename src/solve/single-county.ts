/**
 * Whether one county has any valid group when it has the whole pool to
 * itself: the check that separates "cannot be matched at all" from
 * "loses the competition for experts". Milliseconds per county.
 */
import type { LinearEngine } from '../model/linear.js';
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { zVar } from '../rules/variables.js';
import { buildGroupModel } from './build-model.js';

/** True when some group satisfies H3–H9 for this county alone. */
export async function hasGroupAlone(ctx: RoundContext, county: County, candidates: readonly Expert[], engine: LinearEngine): Promise<boolean> {
  const scope = buildGroupModel(ctx, { counties: [county], candidates: new Map([[county.id, candidates]]), matchReward: 0, capacityRows: false });
  scope.model.fix(zVar(ctx, county), 1);
  const answer = await engine.solve(scope.model, { timeLimitSeconds: 10 });
  return answer.status === 'optimal' || answer.status === 'feasible';
}
