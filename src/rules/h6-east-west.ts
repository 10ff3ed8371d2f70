/**
 * H6 东西部协作 每个结对的脱贫县1至2名: a paired county has eastMin–eastMax
 * (default 1–2) members from its eastern partner provinces. A county's
 * partners are its own `east_partner`, else its county-level pairings, else
 * its province's pairings; a county with none has no quota (e.g. 西藏, 新疆).
 */
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from './context.js';
import type { Rule, Violation } from './types.js';
import { xVar, zVar } from './variables.js';

/** The eastern partner provinces of a county, by the precedence above. */
export function partnersOf(ctx: RoundContext, county: County): readonly string[] {
  if (county.eastPartner.length > 0) return county.eastPartner;
  return ctx.countyPairings.get(county.id) ?? ctx.provincePairings.get(county.province) ?? [];
}

/** True when the expert works in one of the county's partner provinces. */
export function isEastFor(ctx: RoundContext, expert: Expert, county: County): boolean {
  return partnersOf(ctx, county).includes(expert.province);
}

/** H6. */
export const h6EastWest: Rule = {
  id: 'H6',
  title: 'A paired county has eastMin–eastMax (default 1–2) members from its eastern partner provinces.',
  policy: '每个结对的脱贫县1至2名东部协作省份科技工作者',
  check(ctx, solution) {
    const out: Violation[] = [];
    const { eastMin, eastMax } = ctx.options;
    for (const [countyId, members] of solution.groups) {
      const county = ctx.countyById.get(countyId);
      if (!county) continue;
      const partners = partnersOf(ctx, county);
      if (partners.length === 0) continue;
      const n = members.filter((m) => partners.includes(m.expert.province)).length;
      if (n < eastMin || n > eastMax) {
        out.push({ rule: 'H6', code: 'east-count', countyId, message: `county ${countyId}'s group has ${n} members from ${partners.join('/')}; it must have ${eastMin}–${eastMax}` });
      }
    }
    return out;
  },
  addConstraints({ ctx, model, counties, candidates }) {
    const { eastMin, eastMax } = ctx.options;
    for (const c of counties) {
      if (partnersOf(ctx, c).length === 0) continue;
      const terms = (candidates.get(c.id) ?? []).filter((e) => isEastFor(ctx, e, c)).map((e) => ({ name: xVar(ctx, e, c), coef: 1 }));
      const z = zVar(ctx, c);
      const i = ctx.countyIndex.get(c.id);
      model.constrain(`H6min[${i}]`, [...terms, { name: z, coef: -eastMin }], { min: 0 });
      model.constrain(`H6max[${i}]`, [...terms, { name: z, coef: -eastMax }], { max: 0 });
    }
  },
};
