/**
 * Whether one county has any valid group when it has the whole pool to
 * itself: the check that separates "cannot be matched at all" from
 * "loses the competition for experts". Milliseconds per county with
 * javascript-lp-solver while the county's candidates are few (its models
 * are reliable there: DESIGN section 5); HiGHS for longer lists, and
 * whenever javascript-lp-solver gives no definite answer (its time ran out,
 * or its values were rejected).
 */
import type { LinearEngine, LinearSolution } from '../model/linear.js';
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { zVar } from '../rules/variables.js';
import { buildGroupModel } from './build-model.js';
import { highsEngine } from './engines/highs.js';
import { jsLpEngine } from './engines/jslp.js';

/** Seconds each engine may take on one county's model, at most. */
export const ALONE_SECONDS = 10;

/** Candidates up to which javascript-lp-solver is tried first (measured 2.3 ms at 300, DESIGN section 5). */
export const JSLP_ALONE_CANDIDATES = 300;

function definite(answer: LinearSolution): boolean | undefined {
  if (answer.status === 'optimal' || answer.status === 'feasible') return true;
  if (answer.status === 'infeasible') return false;
  return undefined;
}

/**
 * True when some group satisfies H3–H9 for this county alone, false when
 * none does, undefined when no engine could tell by `deadline` (epoch ms;
 * default: each engine gets `ALONE_SECONDS`).
 */
export async function hasGroupAlone(ctx: RoundContext, county: County, candidates: readonly Expert[], deadline?: number): Promise<boolean | undefined> {
  const scope = buildGroupModel(ctx, { counties: [county], candidates: new Map([[county.id, candidates]]), matchReward: 0, capacityRows: false });
  scope.model.fix(zVar(ctx, county), 1);
  const engines: LinearEngine[] = candidates.length <= JSLP_ALONE_CANDIDATES ? [jsLpEngine, highsEngine] : [highsEngine];
  for (const engine of engines) {
    const seconds = deadline === undefined ? ALONE_SECONDS : Math.min(ALONE_SECONDS, (deadline - Date.now()) / 1000);
    if (seconds <= 0) return undefined;
    const found = definite(await engine.solve(scope.model, { timeLimitSeconds: seconds }));
    if (found !== undefined) return found;
  }
  return undefined;
}
