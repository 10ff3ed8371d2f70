/**
 * H4 组长由国家级专家担任: exactly one leader per group, of a level in
 * `leaderLevels` (default national); a county's own local scientist never
 * leads it. H4b, with `leaderSkill: 'required'`: the leader also holds a
 * skill naming one of the county's industries (主导产业; any stage, a
 * wildcard industry does not count), so that the leader can lead the
 * county's industry. Under the default `preferred` that is left to the
 * leader term S2b of the objective.
 */
import type { County, Expert } from '../model/schemas.js';
import { holdsCountyIndustry } from '../objective/relevance.js';
import type { RoundContext } from './context.js';
import { isLocalTo } from './h5-local.js';
import type { Rule, Violation } from './types.js';
import { lVar, xVar, zVar } from './variables.js';

/** Why an expert may not lead a county's group: a level outside `leaderLevels`, the county's own local scientist, or (H4b) no skill in its industries. */
export type LeaderBar = 'level' | 'own-local' | 'industry';

/** H4b: true when the expert holds a skill in one of the county's industries, or when `leaderSkill` does not require it. */
export function meetsLeaderSkill(ctx: RoundContext, expert: Pick<Expert, 'id'>, county: Pick<County, 'id'>): boolean {
  return ctx.options.leaderSkill !== 'required' || holdsCountyIndustry(ctx, expert, county);
}

/** What bars the expert from leading the county's group, or undefined when it may lead (checked in the order level, own local, industry). */
export function leaderBar(ctx: RoundContext, expert: Expert, county: Pick<County, 'id'>): LeaderBar | undefined {
  if (!ctx.options.leaderLevels.includes(expert.level)) return 'level';
  if (isLocalTo(expert, county)) return 'own-local';
  if (!meetsLeaderSkill(ctx, expert, county)) return 'industry';
  return undefined;
}

/** True when the expert may lead this county's group (H4, and H4b when `leaderSkill` is `required`). */
export function canLead(ctx: RoundContext, expert: Expert, county: Pick<County, 'id'>): boolean {
  return leaderBar(ctx, expert, county) === undefined;
}

/** The bar in words, e.g. `is of level provincial, not national`. */
export function leaderBarWords(ctx: RoundContext, bar: LeaderBar, expert: Expert): string {
  switch (bar) {
    case 'level':
      return `is of level ${expert.level}, not ${ctx.options.leaderLevels.join('/')}`;
    case 'own-local':
      return 'is the county\'s own local scientist';
    case 'industry':
      return 'holds no skill in any of the county\'s industries, which leaderSkill "required" asks of a leader (H4b)';
  }
}

/** H4. */
export const h4Leader: Rule = {
  id: 'H4',
  title: 'Exactly one leader per group, of national level; a county\'s own local scientist is never its leader; with leaderSkill "required", the leader holds a skill in one of the county\'s industries.',
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
        const bar = leaderBar(ctx, m.expert, county);
        if (bar === undefined) continue;
        out.push({ rule: 'H4', code: bar === 'industry' ? 'leader-skill' : 'leader-not-eligible', countyId, expertId: m.expert.id, message: `leader ${m.expert.id} of county ${countyId} ${leaderBarWords(ctx, bar, m.expert)}` });
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
