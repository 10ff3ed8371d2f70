/**
 * H2 an expert's load: each expert serves at most `capacity` groups.
 */
import type { Expert } from '../model/schemas.js';
import type { RoundContext } from './context.js';
import type { Rule, Violation } from './types.js';
import { xVar } from './variables.js';

/** How many groups the expert may serve (its own capacity, else the round's `defaultCapacity`). */
export function capacityOf(ctx: RoundContext, expert: Expert): number {
  return expert.capacity ?? ctx.options.defaultCapacity;
}

/** H2. */
export const h2Capacity: Rule = {
  id: 'H2',
  title: 'Each expert serves at most `capacity` groups (default 1).',
  policy: '专家服务负荷',
  check(ctx, solution) {
    const load = new Map<string, number>();
    for (const members of solution.groups.values()) for (const m of members) load.set(m.expert.id, (load.get(m.expert.id) ?? 0) + 1);
    const out: Violation[] = [];
    for (const [expertId, n] of load) {
      const expert = ctx.expertById.get(expertId);
      if (!expert) continue;
      const cap = capacityOf(ctx, expert);
      if (n > cap) out.push({ rule: 'H2', code: 'over-capacity', expertId, message: `expert ${expertId} serves ${n} groups but may serve ${cap}` });
    }
    return out;
  },
  addConstraints({ ctx, model, counties, candidates }) {
    const terms = new Map<Expert, { name: string; coef: number }[]>();
    for (const c of counties) {
      for (const e of candidates.get(c.id) ?? []) {
        let list = terms.get(e);
        if (!list) terms.set(e, (list = []));
        list.push({ name: xVar(ctx, e, c), coef: 1 });
      }
    }
    for (const [e, list] of terms) {
      // A row that cannot bind is left out: it only slows the engine.
      if (list.length > capacityOf(ctx, e)) model.constrain(`H2[${ctx.expertIndex.get(e.id)}]`, list, { max: capacityOf(ctx, e) });
    }
  },
};
