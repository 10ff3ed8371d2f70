/**
 * Metamorphic properties of the optimum (STYLE item 5), on HiGHS's proven
 * optima (and the exact solver's where it proves one):
 *
 * - adding an expert never lowers the optimum, lexicographically: the
 *   matched count never drops, and at an equal matched count the objective
 *   never drops (every old solution is still valid, the expert unused), on
 *   one declared affinity scale (S3);
 *   The order is the one the solvers optimize: pinned counties matched
 *   first (H9: a pinned county is never dropped to match others), then
 *   matched counties, then the objective; with pins, the matched count
 *   alone may drop when a pinned county becomes matchable;
 * - removing a veto never lowers it either (same argument);
 * - permuting the rows of every input list changes neither the matched
 *   count nor the objective.
 */
import fc from 'fast-check';
import { afterAll, describe, expect, it } from 'vitest';
import type { Affinity, Expert, Instance, Skill } from '../../src/model/schemas.js';
import { DEFAULT_STAGES, LEVELS } from '../../src/model/vocabulary.js';
import { TEST_INDUSTRIES, isLongPropertyRun, propertyParameters, roundArbitrary } from '../../src/testing.js';
import { PROPERTY_KNOBS, Tally, brief, close, compareLex, pinnedMatched, solveBy } from './solvers.js';

const TIMEOUT = isLongPropertyRun() ? 6 * 3_600_000 : 120_000;
const tallies = { add: new Tally('add an expert'), veto: new Tally('remove a veto'), permute: new Tally('permute rows') };
afterAll(() => Object.values(tallies).forEach((t) => t.print()));

const ADDED = 'zz-added';

/** An expert to add: any level, from any kind of province, possibly a local scientist, with skills and maybe a preference. */
const newExpert = fc.record({
  level: fc.constantFrom(...LEVELS),
  province: fc.constantFrom('北京', '浙江', '天津', '山东', '四川', '甘肃'),
  local: fc.option(fc.nat(9), { nil: undefined }),
  capacity: fc.constantFrom(undefined, 1, 2),
  skills: fc.uniqueArray(fc.tuple(fc.constantFrom(...TEST_INDUSTRIES.slice(0, 3), '*'), fc.constantFrom(...DEFAULT_STAGES.slice(0, 5), '*'), fc.integer({ min: 1, max: 3 })), {
    maxLength: 3, selector: ([i, s]) => `${i}/${s}`,
  }),
  affinity: fc.option(fc.record({ county: fc.nat(9), score: fc.integer({ min: -3, max: 10 }), veto: fc.boolean() }), { nil: undefined }),
});

type NewExpert = typeof newExpert extends fc.Arbitrary<infer T> ? T : never;

function withExpert(instance: Instance, gene: NewExpert): Instance {
  const home = gene.local === undefined ? undefined : instance.counties[gene.local % instance.counties.length]!;
  const expert: Expert = { id: ADDED, name: '', province: home?.province ?? gene.province, organization: '', level: gene.level };
  if (home !== undefined) expert.homeCounty = home.id;
  if (gene.capacity !== undefined) expert.capacity = gene.capacity;
  const skills: Skill[] = gene.skills.map(([industry, stage, proficiency]) => ({ expertId: ADDED, industry, stage, proficiency }));
  const affinities: Affinity[] = [...instance.affinities];
  if (gene.affinity !== undefined) {
    const c = instance.counties[gene.affinity.county % instance.counties.length]!;
    affinities.push({ countyId: c.id, expertId: ADDED, score: gene.affinity.score, veto: gene.affinity.veto });
  }
  return { ...instance, experts: [...instance.experts, expert], skills: [...instance.skills, ...skills], affinities };
}

/** A deterministic shuffle (mulberry32 Fisher–Yates). */
function shuffled<T>(list: readonly T[], seed: number): T[] {
  let state = seed >>> 0;
  const next = (): number => {
    let t = (state = (state + 0x6d2b79f5) >>> 0);
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

describe('metamorphic properties of the optimum', () => {
  it('adding an expert never lowers the HiGHS optimum (lexicographic)', async () => {
    await fc.assert(fc.asyncProperty(roundArbitrary(PROPERTY_KNOBS), newExpert, async ({ instance, options }, gene) => {
      const added = withExpert(instance, gene);
      // S3 normalizes affinity from the file's own range unless a scale is declared: a new row that widens the
      // range rescales every preference, and then the optimum may drop. On one declared scale (the wider range,
      // as buildContext would take it) every old solution keeps its score.
      const scores = added.affinities.map((a) => a.score);
      const scale = { min: Math.min(0, ...scores), max: Math.max(...scores, Math.min(0, ...scores)) };
      const declared = scale.max > scale.min ? { ...options, affinityScale: scale } : options;
      const before = await solveBy('highs', instance, declared);
      const after = await solveBy('highs', added, declared);
      expect(before.status).toBe('optimal');
      expect(after.status).toBe('optimal');
      const order = compareLex(added, after, before);
      if (after.summary.matchedCounties < before.summary.matchedCounties) tallies.add.add('fewer-matched-for-a-pin');
      tallies.add.add(order > 0 ? (after.summary.matchedCounties > before.summary.matchedCounties ? 'more-matched' : 'higher-objective') : 'same');
      expect(order, `before: ${brief(before)} | after: ${brief(after)}`).toBeGreaterThanOrEqual(0);
    }), propertyParameters(25));
  }, TIMEOUT);

  it('removing a veto never lowers the HiGHS optimum (lexicographic)', async () => {
    await fc.assert(fc.asyncProperty(roundArbitrary({ ...PROPERTY_KNOBS, vetoRate: 0.6 }), fc.nat(), async ({ instance, options }, pick) => {
      const vetoes = instance.affinities.flatMap((a, i) => (a.veto ? [i] : []));
      fc.pre(vetoes.length > 0);
      const at = vetoes[pick % vetoes.length]!;
      const lifted: Instance = { ...instance, affinities: instance.affinities.map((a, i) => (i === at ? { ...a, veto: false } : a)) };
      const before = await solveBy('highs', instance, options);
      const after = await solveBy('highs', lifted, options);
      const order = compareLex(lifted, after, before);
      tallies.veto.add(order > 0 ? 'better' : 'same');
      expect(order, `before: ${brief(before)} | after: ${brief(after)}`).toBeGreaterThanOrEqual(0);
    }), propertyParameters(25));
  }, TIMEOUT);

  it('permuting the rows of every input file changes neither the HiGHS nor the exact optimum', async () => {
    await fc.assert(fc.asyncProperty(roundArbitrary(PROPERTY_KNOBS), fc.integer(), async ({ instance, options }, seed) => {
      const permuted: Instance = {
        counties: shuffled(instance.counties, seed),
        needs: shuffled(instance.needs, seed + 1),
        experts: shuffled(instance.experts, seed + 2),
        skills: shuffled(instance.skills, seed + 3),
        pairings: shuffled(instance.pairings, seed + 4),
        affinities: shuffled(instance.affinities, seed + 5),
        pins: shuffled(instance.pins, seed + 6),
      };
      for (const kind of ['highs', 'exact'] as const) {
        const a = await solveBy(kind, instance, options);
        const b = await solveBy(kind, permuted, options);
        if (a.status !== 'optimal' || b.status !== 'optimal') {
          tallies.permute.add(`${kind}-unproven`);
          continue;
        }
        tallies.permute.add(`${kind}-compared`);
        expect(pinnedMatched(instance, b), `${brief(a)} | permuted: ${brief(b)}`).toBe(pinnedMatched(instance, a));
        expect(b.summary.matchedCounties, `${brief(a)} | permuted: ${brief(b)}`).toBe(a.summary.matchedCounties);
        expect(close(b.summary.objective, a.summary.objective), `${brief(a)} | permuted: ${brief(b)}`).toBe(true);
      }
    }), propertyParameters(20));
  }, TIMEOUT);
});
