/**
 * The pool indexes against their definitions, on drawn rounds: a need's
 * kind is every expert with a skill covering it, in pool order; a kind's
 * globals are its members with capacity and no home county; a global's
 * place is its index in that list; a county's eligible locals are its
 * local scientists with capacity, no veto and consent. The index computes
 * them by pool position (merged and searched as numbers), so each is held
 * here to the plain filter over the whole pool.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  anyKind, buildPoolIndex, eligibleLocals, kindGlobalCapacities, kindGlobalPlace, kindGlobals, leaderKind, needKind, provinceKind,
  type ExpertKind,
} from '../../src/explain/pool-index.js';
import { skillCovers } from '../../src/model/coverage.js';
import { resolveOptions } from '../../src/model/options.js';
import type { Expert } from '../../src/model/schemas.js';
import { buildContext, skillsOf, type RoundContext } from '../../src/rules/context.js';
import { isEligible } from '../../src/rules/eligibility.js';
import { capacityOf } from '../../src/rules/h2-capacity.js';
import { partnersOf } from '../../src/rules/h6-east-west.js';
import { instanceArbitrary, propertyParameters } from '../../src/testing.js';

const rounds = fc.record({
  instance: instanceArbitrary({ counties: [1, 6], expertsPerCounty: [2, 8], industries: 4, requiredRate: 0.5, vetoRate: 0.4, affinitiesPerCounty: [0, 6], capacity2Rate: 0.4 }),
  leaderSkill: fc.constantFrom('preferred' as const, 'required' as const),
  consent: fc.constantFrom('optional' as const, 'required' as const),
});

/** The kinds a diagnosis asks for on the round: leader (both forms), each county's partners, each need, any. */
function kindsOf(ctx: RoundContext, index: ReturnType<typeof buildPoolIndex>): ExpertKind[] {
  const kinds = [leaderKind(index), anyKind(index)];
  for (const c of ctx.counties) {
    kinds.push(leaderKind(index, c));
    const partners = partnersOf(ctx, c);
    if (partners.length > 0) kinds.push(provinceKind(index, partners));
  }
  for (const n of ctx.instance.needs) kinds.push(needKind(index, n));
  return kinds;
}

const isGlobal = (ctx: RoundContext, e: Expert): boolean => e.homeCounty === undefined && capacityOf(ctx, e) > 0;

describe('pool indexes', () => {
  it('a need\'s kind is every holder of a covering skill, in pool order, and `has` agrees with it', () => {
    fc.assert(fc.property(rounds, ({ instance, leaderSkill, consent }) => {
      const ctx = buildContext(instance, resolveOptions({ leaderSkill, consent }));
      const index = buildPoolIndex(ctx);
      for (const need of instance.needs) {
        const kind = needKind(index, need);
        const holders = ctx.experts.filter((e) => skillsOf(ctx, e.id).some((s) => skillCovers(s, need)));
        expect(kind.pool).toEqual(holders);
        for (const e of ctx.experts) expect(kind.has(e, ctx.counties[0]!)).toBe(holders.includes(e));
      }
    }), propertyParameters(60));
  });

  it('every kind\'s globals, their places and capacities are those of the plain filter', () => {
    fc.assert(fc.property(rounds, ({ instance, leaderSkill, consent }) => {
      const ctx = buildContext(instance, resolveOptions({ leaderSkill, consent }));
      const index = buildPoolIndex(ctx);
      for (const kind of kindsOf(ctx, index)) {
        const globals = index.consented !== undefined ? [] : kind.pool.filter((e) => isGlobal(ctx, e));
        expect(kindGlobals(index, kind)).toEqual(globals);
        expect(kindGlobalCapacities(index, kind)).toEqual(globals.map((e) => capacityOf(ctx, e)));
        const place = kindGlobalPlace(index, kind);
        for (const e of ctx.experts) expect(place(e)).toBe(globals.lastIndexOf(e));
      }
    }), propertyParameters(60));
  });

  it('a county\'s eligible locals are its local scientists that may serve it, the same list every time it is asked for', () => {
    fc.assert(fc.property(rounds, ({ instance, leaderSkill, consent }) => {
      const ctx = buildContext(instance, resolveOptions({ leaderSkill, consent }));
      const index = buildPoolIndex(ctx);
      for (const c of ctx.counties) {
        const locals = ctx.experts.filter((e) => e.homeCounty === c.id && isEligible(ctx, e, c));
        expect(eligibleLocals(index, c)).toEqual(locals);
        expect(eligibleLocals(index, c)).toBe(eligibleLocals(index, c));
      }
    }), propertyParameters(60));
  });

  it('the maps of experts by industry and by skill key, made when first read, list every holder in pool order', () => {
    fc.assert(fc.property(rounds, ({ instance }) => {
      const ctx = buildContext(instance, resolveOptions({}));
      const index = buildPoolIndex(ctx);
      const industries = new Set(instance.skills.map((s) => s.industry));
      for (const industry of industries) {
        expect(index.holdersByIndustry.get(industry)).toEqual(ctx.experts.filter((e) => skillsOf(ctx, e.id).some((s) => s.industry === industry)));
      }
      expect([...index.holdersByIndustry.keys()].sort()).toEqual([...industries].sort());
      for (const [key, holders] of index.holdersBySkill) {
        expect(holders).toEqual(ctx.experts.flatMap((e) => skillsOf(ctx, e.id).filter((s) => `${s.industry}/${s.stage}` === key).map(() => e)));
      }
    }), propertyParameters(40));
  });
});
