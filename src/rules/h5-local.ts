/**
 * H5 脱贫县科技工作者1至2名: localMin ≤ local scientists ≤ localMax, and a
 * local scientist (one with `home_county`) serves only that county.
 */
import type { County, Expert } from '../model/schemas.js';
import type { Rule, Violation } from './types.js';
import { xVar, zVar } from './variables.js';

/** True when the expert is a local scientist recommended by this county. */
export function isLocalTo(expert: Expert, county: Pick<County, 'id'>): boolean {
  return expert.homeCounty === county.id;
}

/** True when the expert is a local scientist of another county, and so may not serve this one. */
export function isLocalElsewhere(expert: Expert, county: Pick<County, 'id'>): boolean {
  return expert.homeCounty !== undefined && expert.homeCounty !== county.id;
}

/** H5. */
export const h5Local: Rule = {
  id: 'H5',
  title: 'Each group has localMin–localMax (default 1–2) local scientists; a local scientist serves only their own county.',
  policy: '县域推荐的脱贫县科技工作者1至2名',
  check(ctx, solution) {
    const out: Violation[] = [];
    const { localMin, localMax } = ctx.options;
    for (const [countyId, members] of solution.groups) {
      const county = ctx.countyById.get(countyId);
      if (!county) continue;
      let locals = 0;
      for (const m of members) {
        if (isLocalTo(m.expert, county)) locals++;
        else if (isLocalElsewhere(m.expert, county)) {
          out.push({ rule: 'H5', code: 'local-elsewhere', countyId, expertId: m.expert.id, message: `expert ${m.expert.id} is a local scientist of county ${m.expert.homeCounty} and may serve only that county` });
        }
      }
      if (locals < localMin || locals > localMax) {
        out.push({ rule: 'H5', code: 'local-count', countyId, message: `county ${countyId}'s group has ${locals} local scientists; it must have ${localMin}–${localMax}` });
      }
    }
    return out;
  },
  addConstraints({ ctx, model, counties, candidates }) {
    const { localMin, localMax } = ctx.options;
    for (const c of counties) {
      const terms = (candidates.get(c.id) ?? []).filter((e) => isLocalTo(e, c)).map((e) => ({ name: xVar(ctx, e, c), coef: 1 }));
      const z = zVar(ctx, c);
      const i = ctx.countyIndex.get(c.id);
      model.constrain(`H5min[${i}]`, [...terms, { name: z, coef: -localMin }], { min: 0 });
      model.constrain(`H5max[${i}]`, [...terms, { name: z, coef: -localMax }], { max: 0 });
    }
  },
};
