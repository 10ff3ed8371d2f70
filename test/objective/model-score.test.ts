/**
 * The MILP optimizes exactly the reference objective (`groupScore`):
 *
 * 1. At the engine's optimum, each county's score terms in the model sum to
 *    `groupScore` of the group it chose, led by the leader it chose — for
 *    every term (S1 named and wildcard, S1b, S2, S2b, S3, S4, S4b, S6, S7)
 *    and every new option (leaderSkill, leaderCountsEast, leadOnce,
 *    wildcardFactor, targetSize, affinityScale).
 * 2. On one-county rounds, the exact solver's optimum equals the best score
 *    over every valid group, found by trying them all (each judged by the
 *    independent checker).
 * 3. The ceilings of bounds.ts stay upper bounds of that best score.
 *
 * Runs: `PROPS_RUNS`; seed: `PROPS_SEED` (see `propertyParameters`).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { checkWithContext } from '../../src/check/check-solution.js';
import type { OptionsInput } from '../../src/model/options.js';
import { resolveOptions } from '../../src/model/options.js';
import type { Assignment, Expert, Instance } from '../../src/model/schemas.js';
import { ORG_TYPES } from '../../src/model/vocabulary.js';
import { countyScoreRange, quickScoreCeiling } from '../../src/objective/bounds.js';
import { groupScore } from '../../src/objective/score.js';
import { buildContext, type RoundContext } from '../../src/rules/context.js';
import { canLead } from '../../src/rules/h4-leader.js';
import { roleOf } from '../../src/rules/roles.js';
import { lVar, xVar, zVar } from '../../src/rules/variables.js';
import { buildGroupModel } from '../../src/solve/build-model.js';
import { allCandidates } from '../../src/solve/candidates.js';
import { highsEngine } from '../../src/solve/engines/highs.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { propertyParameters, roundArbitrary } from '../../src/testing.js';

/** The new options, drawn. */
const newOptions = fc.record({
  leaderSkill: fc.constantFrom('preferred' as const, 'required' as const),
  leaderCountsEast: fc.boolean(),
  leadOnce: fc.boolean(),
  wildcardFactor: fc.constantFrom(0, 0.5, 1),
  targetOffset: fc.integer({ min: -1, max: 2 }),
  scale: fc.constantFrom(undefined, { min: -5, max: 20 }),
  orgTypeShift: fc.integer({ min: 0, max: 6 }),
});

/** A default-objective round with organization types and the new options. */
const rounds = fc.tuple(roundArbitrary({ objective: 'default' }), newOptions).map(([{ instance, options }, o]) => {
  // Some experts get a type (shift 6: none), so that S4b has something to count.
  const experts = instance.experts.map((e, i): Expert => (o.orgTypeShift < 6 && i % 3 !== 0 ? { ...e, orgType: ORG_TYPES[(i + o.orgTypeShift) % ORG_TYPES.length]! } : e));
  const round: OptionsInput = {
    ...options, leaderSkill: o.leaderSkill, leaderCountsEast: o.leaderCountsEast, leadOnce: o.leadOnce, wildcardFactor: o.wildcardFactor,
    targetSize: Math.max(1, (options.groupMin ?? 8) + o.targetOffset), ...(o.scale ? { affinityScale: o.scale } : {}),
  };
  return { instance: { ...instance, experts } as Instance, options: round };
});

function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= 1e-6 * Math.max(1, Math.abs(a), Math.abs(b));
}

describe('the MILP and the reference objective', () => {
  it('agree at the optimum: each county\'s model terms sum to groupScore of its group and leader', async () => {
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options }) => {
      const ctx = buildContext(instance, resolveOptions(options));
      const candidates = allCandidates(ctx, ctx.counties);
      const built = buildGroupModel(ctx, { counties: ctx.counties, candidates, matchReward: 1000 });
      const answer = await highsEngine.solve(built.model, { timeLimitSeconds: 20 });
      fc.pre(answer.status === 'optimal');
      if (!('values' in answer)) return;
      const value = (name: string): number => answer.values.get(name) ?? 0;
      for (const c of ctx.counties) {
        if (value(zVar(ctx, c)) < 0.5) continue;
        const members = (candidates.get(c.id) ?? []).filter((e) => value(xVar(ctx, e, c)) > 0.5);
        const leader = members.find((e) => built.model.has(lVar(ctx, e, c)) && value(lVar(ctx, e, c)) > 0.5);
        expect(leader, `county ${c.id} has a leader`).toBeDefined();
        let inModel = 0;
        for (const t of built.scoreTerms.get(c.id) ?? []) inModel += t.coef * value(t.name);
        const reference = groupScore(ctx, c, members, leader!.id).total;
        expect(close(inModel, reference), `county ${c.id}: model ${inModel}, groupScore ${reference}`).toBe(true);
      }
    }), propertyParameters(60));
  }, 300_000);

  it('the exact optimum of a one-county round is the best valid group, every group tried; the ceilings bound it', async () => {
    const one = rounds.filter(({ instance }) => instance.counties.length === 1 && instance.experts.length <= 11);
    await fc.assert(fc.asyncProperty(one, async ({ instance, options }) => {
      const ctx = buildContext(instance, resolveOptions({ ...options, timeLimit: 20 }));
      const county = ctx.counties[0]!;
      const best = bestByEnumeration(ctx);
      const result = await solveExact(ctx, { engine: highsEngine, startedAt: Date.now() });
      if (best === undefined) {
        expect(result.summary.matchedCounties).toBe(0);
        return;
      }
      expect(result.status).toBe('optimal');
      expect(result.summary.matchedCounties).toBe(1);
      expect(close(result.summary.objective, best), `exact ${result.summary.objective}, enumeration ${best}`).toBe(true);
      const candidates = allCandidates(ctx, [county]).get(county.id) ?? [];
      expect(countyScoreRange(ctx, county, candidates).max).toBeGreaterThanOrEqual(best - 1e-9);
      expect(quickScoreCeiling(ctx, county)).toBeGreaterThanOrEqual(best - 1e-9);
    }), propertyParameters(40));
  }, 300_000);
});

/** The best score of a valid group of the round's only county over every subset and leader, or undefined when none is valid. */
function bestByEnumeration(ctx: RoundContext): number | undefined {
  const county = ctx.counties[0]!;
  const pool = ctx.experts;
  let best: number | undefined;
  for (let mask = 1; mask < 1 << pool.length; mask++) {
    const members = pool.filter((_, i) => (mask & (1 << i)) !== 0);
    for (const leader of members) {
      if (!canLead(ctx, leader, county)) continue;
      const assignments: Assignment[] = members.map((e) => ({ countyId: county.id, expertId: e.id, role: roleOf(ctx, e, county, e === leader), fit: 0, covers: [], reason: '' }));
      if (!checkWithContext(ctx, { assignments, unmatched: [] }).ok) continue;
      const s = groupScore(ctx, county, members, leader.id).total;
      if (best === undefined || s > best) best = s;
    }
  }
  return best;
}
