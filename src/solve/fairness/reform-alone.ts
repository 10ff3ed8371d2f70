/**
 * A county's best group from its own members and the experts with a free
 * place, every other group fixed: the exact one-county model (reliable and
 * fast in javascript-lp-solver, DESIGN section 5). Its score can only rise,
 * so it never takes a group below any floor.
 */
import type { LinearEngine } from '../../model/linear.js';
import type { County, Expert } from '../../model/schemas.js';
import { lVar, xVar, zVar } from '../../rules/variables.js';
import { poolIndexOf } from '../../explain/pool-index.js';
import { mergeCandidates, shortlist } from '../../incremental/shortlist.js';
import type { ChosenGroup } from '../assemble.js';
import { buildGroupModel } from '../build-model.js';
import type { FairnessState } from './group-state.js';

/** The county's best group over its members and the free experts of its short list; undefined when the engine proves nothing. */
export async function reformAlone(state: FairnessState, county: County, engine: LinearEngine, timeLimitSeconds: number): Promise<ChosenGroup | undefined> {
  const { ctx } = state;
  const own = state.groups.get(county.id);
  if (!own) return undefined;
  const inside = new Set([county.id]);
  const candidates = mergeCandidates(ctx, shortlist(poolIndexOf(ctx), county, (e: Expert) => state.placesFor(e, inside) > 0), own.members);
  const built = buildGroupModel(ctx, { counties: [county], candidates: new Map([[county.id, candidates]]), matchReward: 0, capacityRows: false });
  built.model.fix(zVar(ctx, county), 1);
  // The one-county model has no H4c row: who leads another group may not lead this one.
  for (const e of candidates) if (state.leadsElsewhere(e, county.id) && built.model.has(lVar(ctx, e, county))) built.model.fix(lVar(ctx, e, county), 0);
  const answer = await engine.solve(built.model, { timeLimitSeconds });
  if (answer.status !== 'optimal') return undefined;
  const on = (name: string): boolean => (answer.values.get(name) ?? 0) > 0.5;
  const members = candidates.filter((e) => on(xVar(ctx, e, county)));
  const leader = members.find((e) => built.model.has(lVar(ctx, e, county)) && on(lVar(ctx, e, county)));
  return leader ? { county, leader, members } : undefined;
}
