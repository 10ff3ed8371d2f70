/**
 * The scalable solver optimizes the default objective of issue 10 exactly,
 * with valid bounds, under every option of the objective and of the hard
 * rules it adds: on random small rounds (organization types and consent
 * answers drawn on top of the kit's rounds, and more wildcard skills; leaderSkill, leaderCountsEast,
 * leadOnce, consent, wildcardFactor, targetSize, an affinity scale and the
 * weights of S2b, S4b, S6, S7 drawn with the options) its result passes the
 * checker, its bound is at least HiGHS's proven optimum, it never beats
 * that optimum, and it reaches it in all but a few (the rounds are small:
 * its subproblems are solved exactly, only the coupling is heuristic).
 *
 * Each drawn term is one the solver must model: a solver blind to one of
 * them (a leader scored like a member, groups filled to the maximum, a
 * wildcard counted as a named skill, the organization types ignored, the
 * leader counted East–West, …) scores below the optimum on many of these
 * rounds, and fails the share reached.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { OptionsInput } from '../../src/model/options.js';
import type { Instance } from '../../src/model/schemas.js';
import { ORG_TYPES } from '../../src/model/vocabulary.js';
import { isLongPropertyRun, propertyParameters, roundArbitrary } from '../../src/testing.js';
import { expectChecked } from './invariants.js';
import { atMost, brief, close, compareLex, solveBy, Tally } from './solvers.js';

const TIMEOUT = isLongPropertyRun() ? 6 * 3_600_000 : 300_000;
const tally = new Tally('scalable vs HiGHS, issue 10 objective');
afterAll(() => tally.print());

/** A round of the kit with organization types on its experts and, under required consent, consent answers on its pairs. */
const rounds = fc
  .record({
    round: roundArbitrary({ objective: 'default' }),
    types: fc.array(fc.integer({ min: -1, max: ORG_TYPES.length - 1 }), { minLength: 64, maxLength: 64 }),
    wild: fc.array(fc.integer({ min: 0, max: 4 }), { minLength: 64, maxLength: 64 }),
    consent: fc.constantFrom('optional' as const, 'optional' as const, 'required' as const),
    consentRate: fc.constantFrom(0.5, 0.8),
    consentSeed: fc.integer({ min: 0, max: 1_000_000 }),
    leaderSkill: fc.constantFrom('preferred' as const, 'required' as const),
    leaderCountsEast: fc.boolean(),
    leadOnce: fc.boolean(),
    wildcardFactor: fc.constantFrom(0, 0.5, 1),
    targetShift: fc.integer({ min: -1, max: 2 }),
    size: fc.constantFrom(0, 6, 20),
    leader: fc.constantFrom(0, 10),
    orgTypes: fc.constantFrom(0, 1, 4),
    sameProvince: fc.constantFrom(0, 0.5, 3),
    scaled: fc.boolean(),
  })
  .map((g) => {
    const base = g.round.instance;
    const experts = base.experts.map((e, i) => {
      const t = g.types[i % g.types.length]!;
      return t < 0 ? e : { ...e, orgType: ORG_TYPES[t]! };
    });
    let affinities = base.affinities;
    if (g.consent === 'required') affinities = withConsent(base, g.consentRate, g.consentSeed);
    // Some skills name no industry (a wildcard): S1 counts them at wildcardFactor, S1b and H4b not at all.
    const seen = new Set<string>();
    const skills = base.skills.map((k, i) => (g.wild[i % g.wild.length] === 0 ? { ...k, industry: '*' } : k)).filter((k) => {
      const key = `${k.expertId}\u0000${k.industry}\u0000${k.stage}`;
      if (seen.has(key)) return false;
      seen.add(key);
      return true;
    });
    const instance: Instance = { ...base, experts, skills, affinities };
    const groupMin = g.round.options.groupMin ?? 2;
    const options: OptionsInput = {
      ...g.round.options,
      consent: g.consent,
      leaderSkill: g.leaderSkill,
      leaderCountsEast: g.leaderCountsEast,
      leadOnce: g.leadOnce,
      wildcardFactor: g.wildcardFactor,
      targetSize: Math.max(1, groupMin + g.targetShift),
      weights: { size: g.size, leader: g.leader, orgTypes: g.orgTypes, sameProvince: g.sameProvince },
      ...(g.scaled ? { affinityScale: { min: -5, max: 20 } } : {}),
    };
    return { instance, options };
  });

/**
 * The round's affinity rows with both consent answers, and rows (score 0) for most other pairs: a pair answers yes
 * on both sides with probability `rate` (a vetoed pair or a pinned one keeps its row, pinned ones saying yes).
 */
function withConsent(instance: Instance, rate: number, seed: number): Instance['affinities'] {
  let h = seed >>> 0;
  const next = (): number => {
    h = (Math.imul(h ^ (h >>> 15), 0x2c1b3c6d) + 0x9e3779b9) >>> 0;
    return h / 4294967296;
  };
  const pinned = new Set(instance.pins.map((p) => `${p.countyId}\u0000${p.expertId}`));
  const rows = new Map(instance.affinities.map((a) => [`${a.countyId}\u0000${a.expertId}`, a]));
  const out: Instance['affinities'][number][] = [];
  for (const c of instance.counties) {
    for (const e of instance.experts) {
      const key = `${c.id}\u0000${e.id}`;
      const row = rows.get(key);
      const yes = pinned.has(key) || next() < rate;
      if (!row && !yes) continue;
      out.push({ countyId: c.id, expertId: e.id, score: row?.score ?? 0, veto: row?.veto ?? false, countyConsents: yes, expertConsents: yes || next() < 0.5 });
    }
  }
  return out;
}

describe('scalable solver, default objective of issue 10, every option drawn', () => {
  it('is checked, bounds the optimum, never beats it, and almost always reaches it', async () => {
    let runs = 0;
    let reached = 0;
    await fc.assert(fc.asyncProperty(rounds, async ({ instance, options }) => {
      const h = await solveBy('highs', instance, options);
      const s = await solveBy('scalable', instance, options);
      expectChecked(instance, options, s);
      const why = `${brief(s)} | ${brief(h)} | ${JSON.stringify(options)}`;
      expect(h.status, why).toBe('optimal');
      expect(atMost(s.summary.objective, s.summary.upperBound), why).toBe(true);
      expect(s.summary.matchableUpperBound, why).toBeGreaterThanOrEqual(h.summary.matchedCounties);
      if (h.summary.matchedCounties >= s.summary.matchedCounties) expect(atMost(h.summary.objective, s.summary.upperBound), why).toBe(true);
      const order = compareLex(instance, s, h);
      expect(order, why).toBeLessThanOrEqual(0);
      if (s.status === 'optimal') expect(order, why).toBe(0);
      runs++;
      const same = order === 0 && close(s.summary.objective, h.summary.objective);
      if (same) reached++;
      tally.add(same ? 'optimum' : 'below');
      tally.add(`status:${s.status}`);
    }), propertyParameters(80));
    // The search is a heuristic on coupled rounds, but exact per county on rounds this small: a solver blind to
    // one of the drawn terms falls below the optimum on a large share of them (measured: 10–30%).
    expect(reached / runs).toBeGreaterThanOrEqual(0.95);
  }, TIMEOUT);
});
