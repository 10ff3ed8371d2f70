/**
 * One tiny round per term of the default objective (README "The objective"),
 * solved exactly, where the term decides who is chosen: with the term the
 * policy's choice is made, and with its weight (or option) set so that the
 * term is gone the other choice is made. So each test fails without its
 * term. Every result is checked again, and the checker's score is the
 * summary's (`expectSameScore`).
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { memberFit } from '../../src/objective/score.js';
import { aff, county, expert, local, makeContext, makeInstance, national, type ExpertIn, type NeedIn, type SkillIn } from '../helpers/instance.js';
import { expectValid, groupOf, idsOf, solveWith } from '../helpers/solve.js';

/** Solves exactly, checks the result again and that the checker's score is the summary's. */
async function solved(instance: Instance, options: OptionsInput): Promise<SolveResult> {
  const result = expectValid(instance, options, await solveWith(instance, options));
  expect(result.status).toBe('optimal');
  expect(checkSolution(instance, result, options).objective).toBeCloseTo(result.summary.objective, 9);
  return result;
}

/** The members of c1's group other than its leader and local scientist `L`. */
async function others(instance: Instance, options: OptionsInput): Promise<string[]> {
  const group = groupOf(await solved(instance, options), 'c1');
  const leader = idsOf(group, 'leader');
  return idsOf(group).filter((id) => id !== 'L' && !leader.includes(id));
}

const skill = (expertId: string, industry: string, stage: string, proficiency = 2): SkillIn => ({ expertId, industry, stage, proficiency });
const need = (industry: string, stage: string, weight = 1, required = false): NeedIn => ({ countyId: 'c1', industry, stage, weight, required });

/** A round of one county: leader N and local L (both holding A/production), and the slot candidates. */
function oneSlot(candidates: ExpertIn[], skills: SkillIn[], needs: NeedIn[] = [need('A', 'production')], affinities: ReturnType<typeof aff>[] = []): Instance {
  return makeInstance({
    counties: [county('c1')],
    needs,
    experts: [national('N'), local('L', 'c1'), ...candidates],
    skills: [skill('N', 'A', 'production', 3), skill('L', 'A', 'production'), ...skills],
    affinities,
  });
}
/** Groups of exactly three: the leader, the local and one more. */
const THREE: OptionsInput = { groupMin: 3, groupMax: 3 };

describe('S6 size: about ten, not the maximum', () => {
  const instance = makeInstance({
    counties: [county('c1')],
    needs: [need('A', 'production')],
    experts: [national('N'), local('L', 'c1'), ...[1, 2, 3, 4, 5, 6].map((i) => expert(`M${i}`))],
    skills: [skill('N', 'A', 'production', 3), skill('L', 'A', 'production'), ...[1, 2, 3, 4, 5, 6].map((i) => skill(`M${i}`, 'A', 'production'))],
  });
  const options: OptionsInput = { groupMin: 3, groupMax: 8, targetSize: 5 };

  it('stops at the target when further members add only their fit', async () => {
    const result = await solved(instance, options);
    expect(groupOf(result, 'c1')).toHaveLength(5);
    expect(result.summary.groupSizes).toEqual({ min: 5, mean: 5, max: 5 });
  });

  it('fails without it: with no size cost the group is filled to the maximum (the old behaviour)', async () => {
    const result = await solved(instance, { ...options, weights: { size: 0 } });
    expect(groupOf(result, 'c1')).toHaveLength(8);
  });

  it('grows past the target for needs no one else covers, and only for them', async () => {
    const more = makeInstance({
      ...instance,
      needs: [...instance.needs, need('B', 'production'), need('C', 'production')],
      experts: [...instance.experts, expert('XB'), expert('XC')],
      skills: [...instance.skills, skill('XB', 'B', 'production'), skill('XC', 'C', 'production')],
    });
    // Target 3: the leader, the local, and one more; the holders of B and C each bring more than a member costs.
    const group = groupOf(await solved(more, { ...options, targetSize: 3 }), 'c1');
    expect(idsOf(group)).toEqual(['L', 'N', 'XB', 'XC']);
  });
});

describe('S2b leader term: the leader can lead the county\'s industry', () => {
  // N1: a liked national expert of another industry (relevance 0); N2: a national herb specialist at another stage (relevance 0.25).
  const instance = makeInstance({
    counties: [county('c1')],
    needs: [need('中药材', 'production', 1, true)],
    experts: [national('N1'), national('N2'), local('L', 'c1')],
    skills: [skill('N1', '辣椒', 'production', 3), skill('N2', '中药材', 'processing', 3), skill('L', '中药材', 'production')],
    affinities: [aff('c1', 'N1', 5)],
  });
  const options: OptionsInput = { groupMin: 2, groupMax: 2 };

  it('makes the herb specialist the leader', async () => {
    expect(idsOf(groupOf(await solved(instance, options), 'c1'), 'leader')).toEqual(['N2']);
  });

  it('fails without it: scored like any member, the liked chili expert leads', async () => {
    expect(idsOf(groupOf(await solved(instance, { ...options, weights: { leader: 0 } }), 'c1'), 'leader')).toEqual(['N1']);
  });

  it('writes the leader term into the leader\'s fit and reason', async () => {
    const result = await solved(instance, options);
    const row = result.assignments.find((a) => a.role === 'leader')!;
    const ctx = makeContext(instance, options);
    const fit = memberFit(ctx, ctx.expertById.get('N2')!, ctx.countyById.get('c1')!);
    expect(row.fit).toBeCloseTo(fit.fit + 10 * 0.25, 9);
    expect(row.reason).toMatch(/as leader \+2\.5 for leading with relevance 0\.25/);
  });
});

describe('S1 coverage by share: one member per need before depth', () => {
  // A weighs three times B; MA is a perfect A holder, MB a weak B holder.
  const instance = oneSlot([expert('MA'), expert('MB')], [skill('MA', 'A', 'production', 3), skill('MB', 'B', 'production', 1)], [need('A', 'production', 3), need('B', 'production', 1)]);

  it('takes the holder of the uncovered need over a second, better holder of the covered one', async () => {
    expect(await others(instance, THREE)).toEqual(['MB']);
  });

  it('fails without it: with no coverage or industry points, precision alone picks MA', async () => {
    expect(await others(instance, { ...THREE, weights: { coverage: 0, industry: 0 } })).toEqual(['MA']);
  });
});

describe('S1 wildcard factor: a wildcard skill covers less than a named one', () => {
  // MW holds */* at the top level (relevance 0.4); MB names B at any stage, weakly (relevance 0.2).
  const instance = oneSlot([expert('MW'), expert('MB')], [skill('MW', '*', '*', 3), skill('MB', 'B', '*', 1)], [need('A', 'production'), need('B', 'production')]);
  const noIndustry: OptionsInput = { ...THREE, weights: { industry: 0 } };

  it('prefers the named cover', async () => {
    expect(await others(instance, noIndustry)).toEqual(['MB']);
  });

  it('fails without it: a wildcard counted as full coverage (factor 1) makes the generalist win', async () => {
    expect(await others(instance, { ...noIndustry, wildcardFactor: 1 })).toEqual(['MW']);
  });
});

describe('S1b industry: someone who names each of the county\'s industries', () => {
  // MI names B at another stage (no H7 cover, relevance 0.25); MW covers B/production only through */*.
  // B weighs little, so the wildcard cover of B earns less than naming the industry.
  const instance = oneSlot([expert('MI'), expert('MW')], [skill('MI', 'B', 'processing', 3), skill('MW', '*', '*', 3)], [need('A', 'production', 9), need('B', 'production', 1)]);

  it('brings an expert of the industry', async () => {
    expect(await others(instance, THREE)).toEqual(['MI']);
  });

  it('fails without it: the wildcard generalist covers the need and wins', async () => {
    expect(await others(instance, { ...THREE, weights: { industry: 0 } })).toEqual(['MW']);
  });
});

describe('S3 affinity on a declared scale', () => {
  // S matches perfectly and is rated lowest; T has no skill and is rated highest.
  const round = (low: number, high: number): Instance => oneSlot([expert('S'), expert('T')], [skill('S', 'A', 'production', 3)], undefined, [aff('c1', 'S', low), aff('c1', 'T', high)]);

  it('a 0–100 survey and a 1–5 rating make the same choice: skill first', async () => {
    expect(await others(round(20, 100), THREE)).toEqual(['S']);
    expect(await others(round(1, 5), THREE)).toEqual(['S']);
  });

  it('normalizes from the file\'s range, or from a declared --affinity-scale', () => {
    const ctx = makeContext(round(20, 100), THREE);
    const fitOf = (c: typeof ctx, id: string): number => memberFit(c, c.expertById.get(id)!, c.countyById.get('c1')!).affinity;
    expect(fitOf(ctx, 'S')).toBeCloseTo(0.2, 12);
    expect(fitOf(ctx, 'T')).toBe(1);
    const declared = makeContext(round(1, 5), { ...THREE, affinityScale: { min: 1, max: 5 } });
    expect(fitOf(declared, 'S')).toBe(0);
    expect(fitOf(declared, 'T')).toBe(1);
  });

  it('fails without it: unnormalized (the exact-affinity mode), the 0–100 survey swamps skill', async () => {
    expect(await others(round(20, 100), { ...THREE, objective: 'affinity' })).toEqual(['T']);
  });

  it('--objective affinity stays exactly Σ raw affinity over the assigned pairs', async () => {
    const instance = round(20, 100);
    const result = await solved(instance, { ...THREE, objective: 'affinity' });
    const raw = new Map(instance.affinities.map((a) => [`${a.countyId}|${a.expertId}`, a.score]));
    const sum = result.assignments.reduce((s, a) => s + (raw.get(`${a.countyId}|${a.expertId}`) ?? 0), 0);
    expect(result.summary.objective).toBe(sum);
    expect(sum).toBe(100);
  });
});

describe('S7 same province: central and western counties mobilize their own scientists', () => {
  // SP works in the county's province W, OP elsewhere and is rated a little higher (0.1 of the scale: 0.2 points).
  const instance = oneSlot(
    [expert('SP', { province: 'W' }), expert('OP')],
    [skill('SP', 'A', 'production'), skill('OP', 'A', 'production')],
    undefined,
    [aff('c1', 'OP', 1), aff('c1', 'N', 10)],
  );

  it('takes the scientist of the county\'s own province', async () => {
    expect(await others(instance, THREE)).toEqual(['SP']);
  });

  it('fails without it: the slightly preferred outsider wins', async () => {
    expect(await others(instance, { ...THREE, weights: { sameProvince: 0 } })).toEqual(['OP']);
  });

  it('gives no bonus in an eastern province, nor to the leader', () => {
    const eastern = makeInstance({ ...instance, counties: [county('c1', { province: 'W' })], pairings: [{ eastProvince: 'W', westProvince: 'Z' }] });
    const ctx = makeContext(eastern, THREE);
    expect(memberFit(ctx, ctx.expertById.get('SP')!, ctx.countyById.get('c1')!).sameProvince).toBe(0);
  });
});

describe('S4b organization types: 汇聚各方力量', () => {
  // The leader and the local are of a university; U is too, and rated a little higher than the enterprise's X.
  const instance = makeInstance({
    counties: [county('c1')],
    needs: [need('A', 'production')],
    experts: [national('N', { orgType: 'university' }), local('L', 'c1', { orgType: 'university' }), expert('U', { orgType: 'university' }), expert('X', { orgType: 'enterprise' })],
    skills: [skill('N', 'A', 'production', 3), skill('L', 'A', 'production'), skill('U', 'A', 'production'), skill('X', 'A', 'production')],
    affinities: [aff('c1', 'U', 1), aff('c1', 'N', 10)],
  });

  it('takes a new organization type', async () => {
    expect(await others(instance, THREE)).toEqual(['X']);
  });

  it('fails without it: the slightly preferred member of the same type wins', async () => {
    expect(await others(instance, { ...THREE, weights: { orgTypes: 0 } })).toEqual(['U']);
  });
});
