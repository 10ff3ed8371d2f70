/**
 * H9 成熟一批、匹配一批, existing teams continue: pinned county–expert pairs
 * (with their roles) stay in the result. A county whose pins cannot be
 * completed into a valid group is reported unmatched as `pinned-infeasible`
 * (or `not-solved` when the solver stopped before placing it); then, and only
 * then, its pins are not in the result.
 *
 * In the model a pin is x[e,c] = z[c] (and l[e,c] = z[c] for a pinned
 * leader), not x[e,c] = 1: two pinned counties that cannot both stand then
 * leave one unmatched instead of making the whole round infeasible. Solvers
 * give pinned counties a higher tier of match reward, so a pinned county is
 * never dropped to match others.
 */
import type { ReasonCode } from '../model/schemas.js';
import { pinsOf } from './context.js';
import type { Rule, Violation } from './types.js';
import { lVar, xVar, zVar } from './variables.js';

/** Unmatched reasons under which a county's pins may be absent from the result. */
export const PIN_RELEASING_REASONS: readonly ReasonCode[] = ['pinned-infeasible', 'not-solved'];

/** H9. */
export const h9Pins: Rule = {
  id: 'H9',
  title: 'Pinned county–expert pairs stay in the result, with their roles.',
  policy: '成熟一批、匹配一批；已有团队延续',
  check(ctx, solution) {
    const out: Violation[] = [];
    for (const pin of ctx.instance.pins) {
      const reason = solution.unmatched.get(pin.countyId);
      if (reason !== undefined && (PIN_RELEASING_REASONS as readonly string[]).includes(reason)) continue;
      const member = solution.groups.get(pin.countyId)?.find((m) => m.expert.id === pin.expertId);
      if (!member) {
        out.push({ rule: 'H9', code: 'pin-missing', countyId: pin.countyId, expertId: pin.expertId, message: `pinned expert ${pin.expertId} is not in county ${pin.countyId}'s group` });
      } else if (pin.role !== undefined && (pin.role === 'leader') !== (member.role === 'leader')) {
        // Only leadership is a choice; the other labels follow from what the expert is (see roles.ts).
        out.push({ rule: 'H9', code: 'pin-role', countyId: pin.countyId, expertId: pin.expertId, message: `pinned expert ${pin.expertId} must be ${pin.role} of county ${pin.countyId}, not ${member.role}` });
      }
    }
    return out;
  },
  addConstraints({ ctx, model, counties }) {
    for (const c of counties) {
      for (const pin of pinsOf(ctx, c.id)) {
        const e = ctx.expertById.get(pin.expertId);
        if (!e) continue;
        const x = xVar(ctx, e, c);
        const z = zVar(ctx, c);
        const at = `${ctx.expertIndex.get(e.id)},${ctx.countyIndex.get(c.id)}`;
        // A pinned pair that is not a candidate: the county cannot keep its pins, so it is not matched.
        if (!model.has(x)) {
          model.fix(z, 0);
          continue;
        }
        model.constrain(`H9[${at}]`, [{ name: x, coef: 1 }, { name: z, coef: -1 }], { min: 0, max: 0 });
        const l = lVar(ctx, e, c);
        if (pin.role === 'leader') {
          if (model.has(l)) model.constrain(`H9l[${at}]`, [{ name: l, coef: 1 }, { name: z, coef: -1 }], { min: 0, max: 0 });
          else model.fix(z, 0);
        }
        // Another role label forbids leading: the label must stay as pinned.
        if (pin.role !== undefined && pin.role !== 'leader' && model.has(l)) model.fix(l, 0);
      }
    }
  },
};
