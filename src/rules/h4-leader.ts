/**
 * H4 组长由国家级专家担任: exactly one leader per group, of a level in
 * `leaderLevels` (default national); a county's own local scientist never leads it.
 */
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from './context.js';
import { isLocalTo } from './h5-local.js';
import type { Rule, Violation } from './types.js';
import { lVar, xVar, zVar } from './variables.js';

/** True when the expert may lead this county's group. */
export function canLead(ctx: RoundContext, expert: Expert, county: Pick<County, 'id'>): boolean {
  return ctx.options.leaderLevels.includes(expert.level) && !isLocalTo(expert, county);
}

/** H4. */
export const h4Leader: Rule = {
  id: 'H4',
  title: 'Exactly one leader per group, of national level; a county\'s own local scientist is never its leader.',
  policy: '组长由国家级专家担任',
  check(ctx, solution) {
    const out: Violation[] = [];
    for (const [countyId, members] of solution.groups) {
      const county = ctx.countyById.get(countyId);
      if (!county) continue;
      const leaders = members.filter((m) => m.role === 'leader');
      if (leaders.length !== 1) {
        out.push({ rule: 'H4', code: 'leader-count', countyId, message: `county ${countyId}'s group has ${leaders.length} leaders; it must have exactly one` });
      }
      for (const m of leaders) {
        if (!canLead(ctx, m.expert, county)) {
          const why = isLocalTo(m.expert, county) ? 'is the county\'s own local scientist' : `is of level ${m.expert.level}, not ${ctx.options.leaderLevels.join('/')}`;
          out.push({ rule: 'H4', code: 'leader-not-eligible', countyId, expertId: m.expert.id, message: `leader ${m.expert.id} of county ${countyId} ${why}` });
        }
      }
    }
    return out;
  },
  addConstraints({ ctx, model, counties, candidates }) {
    for (const c of counties) {
      const terms: { name: string; coef: number }[] = [];
      for (const e of candidates.get(c.id) ?? []) {
        if (!canLead(ctx, e, c)) continue;
        const l = model.binary(lVar(ctx, e, c)).name;
        terms.push({ name: l, coef: 1 });
        model.constrain(`H4lx[${ctx.expertIndex.get(e.id)},${ctx.countyIndex.get(c.id)}]`, [{ name: l, coef: 1 }, { name: xVar(ctx, e, c), coef: -1 }], { max: 0 });
      }
      model.constrain(`H4[${ctx.countyIndex.get(c.id)}]`, [...terms, { name: zVar(ctx, c), coef: -1 }], { min: 0, max: 0 });
    }
  },
};
