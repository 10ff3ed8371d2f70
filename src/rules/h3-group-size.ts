/**
 * H3 group size "about 10" (10名左右): groupMin ≤ size ≤ groupMax, with a per-county override.
 */
import type { County } from '../model/schemas.js';
import type { RoundContext } from './context.js';
import type { Rule, Violation } from './types.js';
import { xVar, zVar } from './variables.js';

/** The size bounds of a county's group: its own override, else the round's. */
export function groupSizeBounds(ctx: RoundContext, county: Pick<County, 'groupMin' | 'groupMax'>): { min: number; max: number } {
  return { min: county.groupMin ?? ctx.options.groupMin, max: county.groupMax ?? ctx.options.groupMax };
}

/** H3. */
export const h3GroupSize: Rule = {
  id: 'H3',
  title: 'Group size within [groupMin, groupMax] (default 8–12), per-county override.',
  policy: '每组10名左右',
  check(ctx, solution) {
    const out: Violation[] = [];
    for (const [countyId, members] of solution.groups) {
      const county = ctx.countyById.get(countyId);
      if (!county) continue;
      const { min, max } = groupSizeBounds(ctx, county);
      if (members.length < min || members.length > max) {
        out.push({ rule: 'H3', code: 'group-size', countyId, message: `county ${countyId}'s group has ${members.length} members; it must have ${min}–${max}` });
      }
    }
    return out;
  },
  addConstraints({ ctx, model, counties, candidates }) {
    for (const c of counties) {
      const { min, max } = groupSizeBounds(ctx, c);
      const terms = (candidates.get(c.id) ?? []).map((e) => ({ name: xVar(ctx, e, c), coef: 1 }));
      const z = zVar(ctx, c);
      model.constrain(`H3min[${ctx.countyIndex.get(c.id)}]`, [...terms, { name: z, coef: -min }], { min: 0 });
      model.constrain(`H3max[${ctx.countyIndex.get(c.id)}]`, [...terms, { name: z, coef: -max }], { max: 0 });
    }
  },
};
