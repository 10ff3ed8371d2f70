/**
 * H7: each need a county marked as required is covered by at least one
 * member holding a matching skill.
 */
import { needKey, skillCovers } from '../model/coverage.js';
import type { Expert, Need } from '../model/schemas.js';
import { needsOf, skillsOf, type RoundContext } from './context.js';
import type { Rule, Violation } from './types.js';
import { xVar, zVar } from './variables.js';

/** True when one of the expert's skills covers the need. */
export function expertCovers(ctx: RoundContext, expert: Expert, need: Pick<Need, 'industry' | 'stage'>): boolean {
  return skillsOf(ctx, expert.id).some((s) => skillCovers(s, need));
}

/** H7. */
export const h7RequiredNeeds: Rule = {
  id: 'H7',
  title: 'Every required need of a county is covered by a member with a matching skill.',
  policy: '精准对接产业需求',
  check(ctx, solution) {
    const out: Violation[] = [];
    for (const [countyId, members] of solution.groups) {
      for (const need of needsOf(ctx, countyId)) {
        if (!need.required) continue;
        if (!members.some((m) => expertCovers(ctx, m.expert, need))) {
          out.push({ rule: 'H7', code: 'required-need-uncovered', countyId, message: `county ${countyId}'s required need ${needKey(need)} is covered by no member` });
        }
      }
    }
    return out;
  },
  addConstraints({ ctx, model, counties, candidates }) {
    for (const c of counties) {
      const ci = ctx.countyIndex.get(c.id);
      needsOf(ctx, c.id).forEach((need, n) => {
        if (!need.required) return;
        const terms = (candidates.get(c.id) ?? []).filter((e) => expertCovers(ctx, e, need)).map((e) => ({ name: xVar(ctx, e, c), coef: 1 }));
        model.constrain(`H7[${ci},${n}]`, [...terms, { name: zVar(ctx, c), coef: -1 }], { min: 0 });
      });
    }
  },
};
