/**
 * H8 双向选择、自主自愿, conflicts of interest: no vetoed county–expert pair,
 * and with `consent: 'required'` no pair without consent on both sides
 * (`consent.ts`). Such pairs get no variable at all (see `eligibility.ts`),
 * so the rule only checks.
 */
import { consentOf, consentWords } from './consent.js';
import { affinityOf, type RoundContext } from './context.js';
import type { Rule, Violation } from './types.js';

/** True when the pair is vetoed in affinity.csv. */
export function isVetoed(ctx: RoundContext, countyId: string, expertId: string): boolean {
  return affinityOf(ctx, countyId, expertId)?.veto === true;
}

/** H8. */
export const h8Veto: Rule = {
  id: 'H8',
  title: 'No vetoed county–expert pair; with consent required, none without consent on both sides.',
  policy: '双向选择、自主自愿；利益回避',
  check(ctx, solution) {
    const out: Violation[] = [];
    for (const [countyId, members] of solution.groups) {
      for (const m of members) {
        if (isVetoed(ctx, countyId, m.expert.id)) out.push({ rule: 'H8', code: 'vetoed-pair', countyId, expertId: m.expert.id, message: `expert ${m.expert.id} is vetoed for county ${countyId}` });
        else if (ctx.options.consent === 'required') {
          const consent = consentOf(ctx, countyId, m.expert.id);
          if (!consent.ok) out.push({ rule: 'H8', code: 'no-consent', countyId, expertId: m.expert.id, message: `expert ${m.expert.id} serves county ${countyId} without consent on both sides (consent required; ${consentWords(consent)})` });
        }
      }
    }
    return out;
  },
};
