/**
 * The acceptance of issue 10 item 6 on scarce generated rounds: with
 * priorities given, the counties left unmatched are the same under every
 * solver (`exact`, `highs`, `scalable`, `auto`).
 *
 * The rounds: 20 counties of 贵州 and 云南, 9 experts per county, rare
 * industries thin (`scarcity: 1`), half the counties requiring a rare need
 * (`hardRate: 0.5`) that one expert at least holds (`minRequiredHolders: 1`),
 * so that 1 to 4 counties lose the competition for experts (seeds 1–3).
 *
 * Distinct priorities (every county its own tier) leave one lexicographic
 * optimum of the matched set, so the sets must be equal. With tiered
 * priorities (three tiers) the tiers' counts must be equal; which county of
 * a tier is left out is then the soft score's to decide, and the scalable
 * solver's score is not proven optimal (on 30 counties, seed 3, it left out
 * a different county of the same tier than HiGHS: measured while writing
 * this test), so only the counts are compared there.
 */
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { buildContext } from '../../src/rules/context.js';
import { resolveOptions } from '../../src/model/options.js';
import { compareTierCounts, standingOf } from '../../src/rules/priority.js';
import { solve } from '../../src/solve/solve.js';

// `highs` is an alias of `exact` (same engine, same model): solving with both would only double the cost of this file.
const SOLVERS = ['exact', 'scalable', 'auto'] as const;
const COUNTIES = 20;

/** The scarce round of `seed` with priorities: `distinct` a permutation of 0…n−1, `tiered` row index mod 3. */
function scarce(seed: number, mode: 'distinct' | 'tiered' | 'none'): Instance {
  const base = generateInstance({ counties: COUNTIES, provinces: ['贵州', '云南'], expertsPerCounty: 9, scarcity: 1, hardRate: 0.5, nationalShare: 0.08, minRequiredHolders: 1 }, seed);
  // 7919 is prime to 20: (i·7919 + seed) mod 20 is a permutation, unrelated to the row order.
  const priority = (i: number): number | undefined => (mode === 'distinct' ? (i * 7919 + seed) % COUNTIES : mode === 'tiered' ? i % 3 : undefined);
  return { ...base, counties: base.counties.map((c, i) => { const p = priority(i); return p === undefined ? c : { ...c, priority: p }; }) };
}

async function solved(instance: Instance, options: OptionsInput): Promise<SolveResult> {
  const r = await solve(instance, { timeLimit: 120, ...options });
  if (r.status === 'invalid') throw new Error(JSON.stringify(r.issues.slice(0, 3)));
  // A result cut by the clock proves nothing about the order.
  expect(r.status, `${String(options.solver)} was cut by its time limit`).not.toBe('time-limit');
  return r;
}

const unmatchedSet = (r: SolveResult): string[] => r.unmatched.map((u) => u.countyId).sort();

function tierCounts(instance: Instance, r: SolveResult): readonly number[] {
  const ctx = buildContext(instance, resolveOptions({}));
  return standingOf(ctx, r.assignments.map((a) => a.countyId), () => false).tiers;
}

describe('scarce rounds: the same counties unmatched under every solver when priorities are given', () => {
  for (const seed of [1, 2, 3]) {
    it(`seed ${seed}, distinct priorities: one unmatched set`, async () => {
      const instance = scarce(seed, 'distinct');
      const sets = new Map<string, string[]>();
      for (const solver of SOLVERS) sets.set(solver, unmatchedSet(await solved(instance, { solver })));
      const exact = sets.get('exact')!;
      expect(exact.length, 'the round must be scarce').toBeGreaterThan(0);
      for (const [solver, set] of sets) expect(set, solver).toEqual(exact);
    }, 900_000);

    it(`seed ${seed}, three tiers: the same counts per tier`, async () => {
      const instance = scarce(seed, 'tiered');
      const exact = tierCounts(instance, await solved(instance, { solver: 'exact' }));
      // `auto` on a round this small ends with the exact polish, already compared above with distinct priorities.
      expect(tierCounts(instance, await solved(instance, { solver: 'scalable' })), 'scalable').toEqual(exact);
    }, 900_000);
  }

  it('priorities change who is matched, and never for the worse in their order (seed 1)', async () => {
    const ranked = scarce(1, 'distinct');
    const withPriority = await solved(ranked, { solver: 'exact' });
    const withoutPriority = await solved(scarce(1, 'none'), { solver: 'exact' });
    expect(unmatchedSet(withPriority)).not.toEqual(unmatchedSet(withoutPriority));
    // The optimum without priorities is one valid result: the priority optimum is at least as good in tier order.
    expect(compareTierCounts(tierCounts(ranked, withPriority), tierCounts(ranked, withoutPriority))).toBeGreaterThan(0);
  }, 900_000);
});
