/**
 * H6 东西部协作 每个结对的脱贫县1至2名: a paired county has eastMin–eastMax
 * (default 1–2) members from its eastern partner provinces. A county's
 * partners are its own `east_partner`, else its county-level pairings, else
 * its province's pairings; a county with none has no quota (e.g. 西藏, 新疆).
 *
 * Whether the leader counts is the option `leaderCountsEast` (default
 * false): the policy names the leader (a national-level expert) and the 1–2
 * East–West scientists as distinct places of the group, so an eastern leader
 * does not fill an East–West place — a group led from the partner province
 * still has eastMin other members from it. Every count of the quota (this
 * rule's check and model, validation of pins, diagnosis, explanations)
 * goes through `countsTowardEast`.
 */
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from './context.js';
import type { Rule, Violation } from './types.js';
import { lVar, xVar, zVar } from './variables.js';

/** The eastern partner provinces of a county, by the precedence above. */
export function partnersOf(ctx: RoundContext, county: County): readonly string[] {
  if (county.eastPartner.length > 0) return county.eastPartner;
  return ctx.countyPairings.get(county.id) ?? ctx.provincePairings.get(county.province) ?? [];
}

/** True when the expert works in one of the county's partner provinces. */
export function isEastFor(ctx: RoundContext, expert: Expert, county: County): boolean {
  return partnersOf(ctx, county).includes(expert.province);
}

/** True when the member fills an East–West place of the county's group: from a partner province, and not its leader unless `leaderCountsEast`. */
export function countsTowardEast(ctx: RoundContext, expert: Expert, county: County, isLeader: boolean): boolean {
  return (!isLeader || ctx.options.leaderCountsEast) && isEastFor(ctx, expert, county);
}

/** The group's members who fill East–West places (see `countsTowardEast`). */
export function eastCount(ctx: RoundContext, county: County, members: readonly { expert: Expert; isLeader: boolean }[]): number {
  let n = 0;
  for (const m of members) if (countsTowardEast(ctx, m.expert, county, m.isLeader)) n++;
  return n;
}

/** H6. */
export const h6EastWest: Rule = {
  id: 'H6',
  title: 'A paired county has eastMin–eastMax (default 1–2) members from its eastern partner provinces, the leader not counted (unless leaderCountsEast).',
  policy: '每个结对的脱贫县1至2名东部协作省份科技工作者',
  check(ctx, solution) {
    const out: Violation[] = [];
    const { eastMin, eastMax } = ctx.options;
    for (const [countyId, members] of solution.groups) {
      const county = ctx.countyById.get(countyId);
      if (!county) continue;
      const partners = partnersOf(ctx, county);
      if (partners.length === 0) continue;
      const n = eastCount(ctx, county, members.map((m) => ({ expert: m.expert, isLeader: m.role === 'leader' })));
      if (n < eastMin || n > eastMax) {
        const leader = ctx.options.leaderCountsEast ? '' : ' besides the leader';
        out.push({ rule: 'H6', code: 'east-count', countyId, message: `county ${countyId}'s group has ${n} members from ${partners.join('/')}${leader}; it must have ${eastMin}–${eastMax}` });
      }
    }
    return out;
  },
  addConstraints({ ctx, model, counties, candidates }) {
    const { eastMin, eastMax } = ctx.options;
    for (const c of counties) {
      if (partnersOf(ctx, c).length === 0) continue;
      const terms: { name: string; coef: number }[] = [];
      for (const e of candidates.get(c.id) ?? []) {
        if (!isEastFor(ctx, e, c)) continue;
        terms.push({ name: xVar(ctx, e, c), coef: 1 });
        // An eastern leader serves (x = 1) but fills no East–West place: Σ x − Σ l over the partner's experts.
        const l = lVar(ctx, e, c);
        if (!ctx.options.leaderCountsEast && model.has(l)) terms.push({ name: l, coef: -1 });
      }
      const z = zVar(ctx, c);
      const i = ctx.countyIndex.get(c.id);
      model.constrain(`H6min[${i}]`, [...terms, { name: z, coef: -eastMin }], { min: 0 });
      model.constrain(`H6max[${i}]`, [...terms, { name: z, coef: -eastMax }], { max: 0 });
    }
  },
};
