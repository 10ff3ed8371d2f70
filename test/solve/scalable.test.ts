/**
 * The scalable solver against the reference:
 *  - its exact single-county subproblem solver agrees with brute force;
 *  - on random small rounds (and generated tiny/demo rounds), in both
 *    objective modes, its result passes the independent checker, its score
 *    is at most its bound, its bound is at least the optimum HiGHS proves on
 *    the whole model (a bound below the optimum is a bug), it matches no
 *    more counties than the optimum, and its bound on matched counties is at
 *    least what the optimum matches;
 *  - on uncoupled counties (no expert shared) it reaches the optimum;
 *  - it is deterministic, and a tiny time limit returns a valid result.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import { validateInstance } from '../../src/io/validate.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { highsEngine } from '../../src/solve/engines/highs.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { groupValueOf } from '../../src/solve/scalable/columns/group-heuristic.js';
import {
  F_EAST, F_EAST_FLEX, F_FORCED, F_FORCED_ONE, F_LEADER, F_LOCAL, F_PIN_LEADER, F_PSEUDO, GroupSolver, ItemList, WILD_TYPE, type GroupRules,
} from '../../src/solve/scalable/columns/group-solver.js';
import { solveScalable } from '../../src/solve/scalable/index.js';
import { Prng, smallRoundArb } from '../helpers/arbitraries.js';
import { county, expert, local, makeContext, makeInstance, national, type AffinityIn, type ExpertIn, type NeedIn, type SkillIn } from '../helpers/instance.js';
import { expectValid } from '../helpers/solve.js';

const TOLERANCE = 1e-6;

function scalable(instance: Instance, options: OptionsInput): Promise<SolveResult> {
  return solveScalable(makeContext(instance, options), { startedAt: Date.now() });
}

function exact(instance: Instance, options: OptionsInput): Promise<SolveResult> {
  return solveExact(makeContext(instance, options), { engine: highsEngine, startedAt: Date.now() });
}

/** The properties every scalable result must have against the proven optimum. */
async function checkAgainstOptimum(instance: Instance, options: OptionsInput): Promise<{ ours: SolveResult; best: SolveResult }> {
  const ours = expectValid(instance, options, await scalable(instance, options));
  const best = await exact(instance, options);
  expect(best.status).toBe('optimal');
  const s = ours.summary;
  expect(s.objective).toBeLessThanOrEqual(s.upperBound + TOLERANCE);
  expect(s.matchedCounties).toBeLessThanOrEqual(best.summary.matchedCounties);
  expect(s.matchableUpperBound).toBeGreaterThanOrEqual(best.summary.matchedCounties);
  // The optimum matches at least as many counties as ours, so our bound must hold for it.
  expect(s.upperBound).toBeGreaterThanOrEqual(best.summary.objective - TOLERANCE * Math.max(1, Math.abs(best.summary.objective)));
  expect(s.gap).toBeGreaterThanOrEqual(0);
  return { ours, best };
}

/**
 * A random subproblem for the group solver: items with every flag, copies, organizations, bits, leader twins
 * (linked to their plain copies; East–West or not, as `leaderCountsEast` would make them), pinned leaders,
 * pinned pairs that may lead or not, organization types (and wild pseudo items), and a size term.
 */
function randomSubproblem(rng: Prng): { items: ItemList; rules: GroupRules } {
  const n = rng.int(3, 8);
  const nNeeds = rng.int(1, 5);
  const items = new ItemList();
  const twinsEast = rng.chance(0.5);
  let pinnedLeader = false;
  for (let e = 0; e < n; e++) {
    let f = 0;
    if (rng.chance(0.2)) f |= F_LOCAL;
    if (rng.chance(0.25) && (f & F_LOCAL) === 0) f |= F_EAST;
    const value = Math.round((rng.next() * 6 - 1.5) * 100) / 100;
    const mask = rng.chance(0.4) ? 0 : rng.int(0, (1 << nNeeds) - 1);
    const org = rng.chance(0.7) ? rng.int(0, 2) : -1;
    const lead = (f & F_LOCAL) === 0 && rng.chance(0.35);
    const twinValue = value + Math.round((rng.next() * 4 - 1) * 100) / 100;
    const twinFlags = F_LEADER | (twinsEast ? f & F_EAST : 0);
    const type = rng.chance(0.8) ? rng.int(0, 3) : -1;
    if (rng.chance(0.1)) {
      // A pseudo item: copies, perhaps flexible about East–West; or a pseudo leader; perhaps of any type (wild).
      const wild = rng.chance(0.5) ? WILD_TYPE : -1;
      if (rng.chance(0.3)) items.push(-1, twinValue, mask, F_PSEUDO | F_LEADER | (rng.chance(0.5) ? F_EAST_FLEX : 0), -1, 1, wild);
      else if (rng.chance(0.5)) items.push(-1, value, mask, F_PSEUDO | (rng.chance(0.5) ? F_EAST_FLEX : f & F_EAST), -1, 1, wild);
      else items.push(-1, value, mask, F_PSEUDO | (rng.chance(0.5) ? F_EAST_FLEX : f & F_EAST), -1, rng.int(1, 3));
      continue;
    }
    if (rng.chance(0.08)) {
      if (lead && !pinnedLeader && rng.chance(0.4)) {
        pinnedLeader = true;
        items.push(e, twinValue, mask, F_FORCED | F_PIN_LEADER | twinFlags, org, 1, type);
      } else if (lead && rng.chance(0.5)) {
        const a = items.push(e, value, mask, (f & (F_LOCAL | F_EAST)) | F_FORCED_ONE, org, 1, type);
        items.link(a, items.push(e, twinValue, mask, twinFlags | F_FORCED_ONE, org, 1, type));
      } else items.push(e, value, mask, (f & (F_LOCAL | F_EAST)) | F_FORCED, org, 1, type);
      continue;
    }
    const a = items.push(e, value, mask, f, org, 1, type);
    if (lead) items.link(a, items.push(e, twinValue, mask, twinFlags, org, 1, type));
  }
  const needValue = new Float64Array(31);
  for (let j = 0; j < nNeeds; j++) needValue[j] = rng.pick([0, 5, 10, 20]);
  const sizeMin = rng.int(1, 4);
  const sizeMax = sizeMin + rng.int(0, 3);
  const rules: GroupRules = {
    sizeMin,
    sizeMax,
    localMin: rng.chance(0.5) ? 1 : 0,
    localMax: rng.int(1, 2),
    paired: rng.chance(0.5),
    eastMin: rng.chance(0.6) ? 1 : 0,
    eastMax: rng.int(1, 2),
    needValue,
    required: rng.chance(0.5) ? 0 : rng.int(0, (1 << nNeeds) - 1),
    orgLimit: rng.int(1, 2),
    orgPenalty: rng.pick([0, 1, 3]),
    sizeTarget: rng.int(sizeMin, sizeMax),
    sizeWeight: rng.pick([0, 0.5, 2, 6]),
    typeValue: rng.pick([0, 1, 3]),
    typeCap: rng.int(1, 4),
  };
  return { items, rules };
}

/** The best value over every choice of copies (−∞ when no valid group exists). */
function bruteForce(items: ItemList, rules: GroupRules): number {
  const take = new Int32Array(items.n);
  let best = -Infinity;
  const visit = (i: number): void => {
    if (i === items.n) {
      best = Math.max(best, groupValueOf(items, rules, take));
      return;
    }
    for (let k = 0; k <= items.mult[i]!; k++) {
      take[i] = k;
      visit(i + 1);
    }
    take[i] = 0;
  };
  visit(0);
  return best;
}

describe('GroupSolver: the exact single-county subproblem', () => {
  it('agrees with brute force, exactly and within a tolerance', () => {
    const rng = new Prng(20240611);
    const solver = new GroupSolver(3);
    for (let trial = 0; trial < 1500; trial++) {
      const { items, rules } = randomSubproblem(rng);
      const optimum = bruteForce(items, rules);
      solver.relativeTolerance = 0;
      const exactAnswer = solver.solve(items, rules);
      if (optimum === -Infinity) {
        expect(exactAnswer.status, `trial ${trial}`).toBe('infeasible');
        continue;
      }
      expect(exactAnswer.status, `trial ${trial}`).toBe('optimal');
      expect(exactAnswer.value, `trial ${trial}`).toBeCloseTo(optimum, 9);
      expect(groupValueOf(items, rules, exactAnswer.take), `trial ${trial}`).toBeCloseTo(optimum, 9);
      // With a tolerance the group may be a little worse, but the bound stays proven.
      solver.relativeTolerance = 0.05;
      const loose = solver.solve(items, rules);
      expect(loose.bound, `trial ${trial}`).toBeGreaterThanOrEqual(optimum - 1e-9);
      expect(groupValueOf(items, rules, loose.take), `trial ${trial}`).toBeGreaterThanOrEqual(optimum - 0.05 * Math.abs(loose.value) - 1e-9);
    }
  });
});

describe('solveScalable against the proven optimum (HiGHS)', () => {
  it('on random small rounds, in both objective modes', async () => {
    let unmatchedSomewhere = 0;
    await fc.assert(
      fc.asyncProperty(smallRoundArb(), async ({ instance, options }) => {
        expect(validateInstance(instance).issues).toEqual([]);
        for (const objective of ['default', 'affinity'] as const) {
          const { ours } = await checkAgainstOptimum(instance, { ...options, objective });
          unmatchedSomewhere += ours.unmatched.length;
        }
      }),
      { seed: 7, numRuns: 40 },
    );
    // The rounds exercise unmatched counties too (diagnosed or lost to competition).
    expect(unmatchedSomewhere).toBeGreaterThan(0);
  });

  it('on generated tiny rounds and a demo round', async () => {
    for (const seed of [1, 2, 3]) {
      for (const objective of ['default', 'affinity'] as const) await checkAgainstOptimum(generateInstance('tiny', seed), { objective, seed });
    }
    const { ours, best } = await checkAgainstOptimum(generateInstance('demo', 1), { seed: 1 });
    expect(ours.summary.matchedCounties).toBe(best.summary.matchedCounties);
    // Close on a realistic round: within a fraction of a percent.
    expect(ours.summary.objective).toBeGreaterThanOrEqual(best.summary.objective * 0.995);
  });
});

/**
 * Counties that share no expert: each has its own national leader, local
 * scientists and members (the others may not take them: locals by H5, the
 * rest by veto), so the optimum is each county's best group alone.
 */
function uncoupled(counties: number, seed: number): Instance {
  const rng = new Prng(seed);
  const ids = Array.from({ length: counties }, (_, i) => `c${i + 1}`);
  const experts: ExpertIn[] = [];
  const skills: SkillIn[] = [];
  const needs: NeedIn[] = [];
  const owner = new Map<string, string>();
  for (const c of ids) {
    needs.push({ countyId: c, industry: 'tea', stage: 'production', weight: 2, required: true });
    needs.push({ countyId: c, industry: 'tea', stage: rng.pick(['processing', 'branding']), weight: 1 });
    const own: ExpertIn[] = [national(`${c}-N1`), national(`${c}-N2`), local(`${c}-L1`, c), local(`${c}-L2`, c)];
    for (let i = 1; i <= 6; i++) own.push(expert(`${c}-M${i}`, { organization: rng.pick(['A', 'B', 'C']) }));
    for (const e of own) {
      experts.push(e);
      owner.set(e.id, c);
      skills.push({ expertId: e.id, industry: 'tea', stage: rng.pick(['production', 'processing', 'branding', '*']), proficiency: rng.int(1, 3) });
    }
  }
  const affinities: AffinityIn[] = experts.flatMap((e) => ids.filter((c) => c !== owner.get(e.id) && e.homeCounty === undefined).map((c) => ({ countyId: c, expertId: e.id, veto: true })));
  for (const c of ids) affinities.push({ countyId: c, expertId: `${c}-M1`, score: rng.int(1, 3), veto: false });
  return makeInstance({ counties: ids.map((c) => county(c)), experts, skills, needs, affinities });
}

describe('solveScalable: known optimum, determinism, time limit', () => {
  it('reaches the optimum when counties share no expert', async () => {
    for (const seed of [1, 2]) {
      const instance = uncoupled(4, seed);
      const options = { groupMin: 4, groupMax: 6, seed };
      const { ours, best } = await checkAgainstOptimum(instance, options);
      expect(ours.summary.matchedCounties).toBe(4);
      expect(ours.summary.objective).toBeCloseTo(best.summary.objective, 6);
      expect(ours.status).toBe('optimal');
    }
  });

  it('gives the same result for the same input, options and seed', async () => {
    for (const [instance, options] of [
      [generateInstance('demo', 2), { seed: 3 }],
      [generateInstance('tiny', 4), { seed: 5, objective: 'affinity' }],
    ] as const) {
      const a = await scalable(instance, options);
      const b = await scalable(instance, options);
      const strip = (r: SolveResult): unknown => ({ ...r, summary: { ...r.summary, seconds: 0 } });
      expect(strip(b)).toEqual(strip(a));
    }
  });

  it('returns a valid result when the time limit runs out at once', async () => {
    const instance = generateInstance('demo', 1);
    const options = { timeLimit: 1e-6, seed: 1 };
    const started = Date.now();
    const result = expectValid(instance, options, await scalable(instance, options));
    expect(Date.now() - started).toBeLessThan(5000);
    expect(result.status).toBe('time-limit');
    expect(result.summary.objective).toBeLessThanOrEqual(result.summary.upperBound);
    expect(result.summary.matchedCounties + result.unmatched.length).toBe(instance.counties.length);
  });

  it('reports progress with a bound never below the final objective', async () => {
    const seen: { objective: number; bound: number }[] = [];
    const ctx = makeContext(generateInstance('demo', 3), { seed: 3 });
    const result = await solveScalable(ctx, { startedAt: Date.now(), onProgress: (p) => seen.push({ objective: p.objective, bound: p.bound }) });
    expect(seen.length).toBeGreaterThan(0);
    for (const p of seen) expect(p.bound).toBeGreaterThanOrEqual(result.summary.objective - TOLERANCE * Math.abs(result.summary.objective));
  });
});
