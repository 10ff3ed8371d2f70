/**
 * H4c, with `leadOnce: true`: an expert leads at most one group, however
 * many groups its capacity lets it serve (a national-level expert of
 * capacity 3 may sit in three groups but lead only one). Off by default:
 * capacity alone limits an expert's load (H2).
 */
import type { Expert } from '../model/schemas.js';
import type { RoundContext } from './context.js';
import { capacityOf } from './h2-capacity.js';
import type { Rule, Violation } from './types.js';
import { lVar } from './variables.js';

/** True when the round limits every expert to leading one group. */
export function leadsOnce(ctx: RoundContext): boolean {
  return ctx.options.leadOnce;
}

/** H4c. */
export const h4cLeadOnce: Rule = {
  id: 'H4c',
  title: 'With leadOnce, an expert leads at most one group.',
  policy: '组长由国家级专家担任（一人一组组长）',
  check(ctx, solution) {
    if (!leadsOnce(ctx)) return [];
    const led = new Map<string, string[]>();
    for (const [countyId, members] of solution.groups) {
      for (const m of members) {
        if (m.role !== 'leader') continue;
        const list = led.get(m.expert.id);
        if (list) list.push(countyId);
        else led.set(m.expert.id, [countyId]);
      }
    }
    const out: Violation[] = [];
    for (const [expertId, counties] of led) {
      if (counties.length > 1) out.push({ rule: 'H4c', code: 'leads-twice', expertId, message: `expert ${expertId} leads ${counties.length} groups (${counties.join(', ')}); with leadOnce an expert leads at most one` });
    }
    return out;
  },
  addConstraints({ ctx, model, counties, candidates }) {
    if (!leadsOnce(ctx)) return;
    const terms = new Map<Expert, { name: string; coef: number }[]>();
    for (const c of counties) {
      for (const e of candidates.get(c.id) ?? []) {
        // An expert of capacity 1 serves one group, so leads at most one already (H2); l[e,c] exists only where e may lead c (H4).
        const l = lVar(ctx, e, c);
        if (capacityOf(ctx, e) <= 1 || !model.has(l)) continue;
        let list = terms.get(e);
        if (!list) terms.set(e, (list = []));
        list.push({ name: l, coef: 1 });
      }
    }
    for (const [e, list] of terms) if (list.length > 1) model.constrain(`H4c[${ctx.expertIndex.get(e.id)}]`, list, { max: 1 });
  },
};
