/**
 * The hard-rule options of issue 10: H4b (`leaderSkill: 'required'`, the
 * leader holds a skill in one of the county's industries), H6 without the
 * leader (`leaderCountsEast`, default false), and H4c (`leadOnce`). Each in
 * the checker, the model and the words that say why; each test fails
 * without its option's effect.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { diagnoseCounty } from '../../src/explain/diagnose.js';
import { validateInstance } from '../../src/io/validate.js';
import { leaderBar } from '../../src/rules/h4-leader.js';
import { eligibleExperts } from '../../src/rules/eligibility.js';
import { county, eastern, expert, local, makeContext, makeInstance, national, pairWest, solution } from '../helpers/instance.js';
import { expectValid, groupOf, idsOf, solveWith, violationsWithout } from '../helpers/solve.js';

describe('H4b leaderSkill required: the leader holds a skill in one of the county\'s industries', () => {
  // N1 is a chili expert, N2 an herb expert at another stage, NW a generalist (*/*): only N2 names 中药材.
  const instance = makeInstance({
    counties: [county('c1')],
    needs: [{ countyId: 'c1', industry: '中药材', stage: 'production', required: true }],
    experts: [national('N1'), national('N2'), national('NW'), local('L', 'c1')],
    skills: [
      { expertId: 'N1', industry: '辣椒', stage: 'production', proficiency: 3 },
      { expertId: 'N2', industry: '中药材', stage: 'processing', proficiency: 1 },
      { expertId: 'NW', industry: '*', stage: '*', proficiency: 3 },
      { expertId: 'L', industry: '中药材', stage: 'production' },
    ],
    affinities: [{ countyId: 'c1', expertId: 'N1', score: 5 }, { countyId: 'c1', expertId: 'NW', score: 5 }],
  });
  // Without the leader term, the liked N1 or NW would lead under `preferred`.
  const base = { groupMin: 2, groupMax: 2, weights: { leader: 0 } };

  it('the solver picks a leader of the county\'s industry; under preferred it need not', async () => {
    const required = { ...base, leaderSkill: 'required' as const };
    expect(idsOf(groupOf(expectValid(instance, required, await solveWith(instance, required)), 'c1'), 'leader')).toEqual(['N2']);
    expect(idsOf(groupOf(await solveWith(instance, base), 'c1'), 'leader')).not.toEqual(['N2']);
  });

  it('the checker refuses a leader without it, and says why', () => {
    const group = solution({ c1: [['NW', 'leader'], ['L', 'local']] });
    expect(checkSolution(instance, group, base).violations).toEqual([]);
    const v = checkSolution(instance, group, { ...base, leaderSkill: 'required' }).violations;
    expect(v).toEqual([expect.objectContaining({ rule: 'H4', code: 'leader-skill', expertId: 'NW' })]);
    expect(v[0]!.message).toMatch(/holds no skill in any of the county's industries/);
    const ctx = makeContext(instance, { ...base, leaderSkill: 'required' });
    expect(leaderBar(ctx, ctx.expertById.get('NW')!, ctx.countyById.get('c1')!)).toBe('industry');
    expect(leaderBar(ctx, ctx.expertById.get('N2')!, ctx.countyById.get('c1')!)).toBeUndefined();
  });

  it('binds in the model: without H4\'s rows no one leads, and with them no one else may', async () => {
    const required = { ...base, leaderSkill: 'required' as const };
    expect(await violationsWithout(instance, required, 'H4')).toContainEqual(expect.objectContaining({ code: 'leader-count' }));
  });

  it('a county whose industries no leader-level expert holds is diagnosed, in words', () => {
    const noHerbLeader = makeInstance({ ...instance, experts: instance.experts.filter((e) => e.id !== 'N2'), skills: instance.skills.filter((s) => s.expertId !== 'N2') });
    const ctx = makeContext(noHerbLeader, { ...base, leaderSkill: 'required' });
    const c = ctx.countyById.get('c1')!;
    const d = diagnoseCounty(ctx, c, eligibleExperts(ctx, c));
    expect(d?.reasonCode).toBe('no-leader-candidate');
    expect(d?.detail).toMatch(/with a skill in 中药材/);
    // Under preferred the same county has leaders (the level is enough).
    const preferred = makeContext(noHerbLeader, base);
    expect(diagnoseCounty(preferred, preferred.countyById.get('c1')!, eligibleExperts(preferred, preferred.countyById.get('c1')!))).toBeUndefined();
  });
});

describe('H6 leaderCountsEast: the leader is not one of the 1–2 East–West scientists', () => {
  // The only national expert is from the partner province E; one other E scientist; eastMax 1.
  const instance = makeInstance({
    counties: [county('c1')],
    experts: [national('NE', { province: 'E' }), eastern('E1'), local('L', 'c1'), expert('M1'), expert('M2')],
    pairings: [pairWest()],
  });
  const small = { groupMin: 3, groupMax: 3, eastMin: 1, eastMax: 1 };

  it('checker: an eastern leader fills no place by default, and one with the option', () => {
    const ledFromEast = solution({ c1: [['NE', 'leader'], ['L', 'local'], ['M1', 'member']] });
    expect(checkSolution(instance, ledFromEast, small).violations).toEqual([expect.objectContaining({ rule: 'H6', code: 'east-count' })]);
    expect(checkSolution(instance, ledFromEast, { ...small, leaderCountsEast: true }).violations).toEqual([]);
    const withEast = solution({ c1: [['NE', 'leader'], ['L', 'local'], ['E1', 'east']] });
    expect(checkSolution(instance, withEast, small).violations).toEqual([]);
    expect(checkSolution(instance, withEast, { ...small, leaderCountsEast: true }).violations).toEqual([expect.objectContaining({ rule: 'H6', code: 'east-count' })]);
  });

  it('the solver puts one more East–West scientist beside an eastern leader by default', async () => {
    const byDefault = groupOf(expectValid(instance, small, await solveWith(instance, small)), 'c1');
    expect(idsOf(byDefault)).toEqual(['E1', 'L', 'NE']);
    const counting = { ...small, leaderCountsEast: true };
    const old = groupOf(expectValid(instance, counting, await solveWith(instance, counting)), 'c1');
    expect(idsOf(old)).not.toContain('E1');
  });

  it('changes feasibility: without the second eastern scientist only leaderCountsEast lets the county be matched', async () => {
    const alone = makeInstance({ ...instance, experts: instance.experts.filter((e) => e.id !== 'E1') });
    const byDefault = await solveWith(alone, small);
    expect(byDefault.unmatched.map((u) => u.countyId)).toEqual(['c1']);
    const counting = { ...small, leaderCountsEast: true };
    const group = idsOf(groupOf(expectValid(alone, counting, await solveWith(alone, counting)), 'c1'));
    expect(group).toHaveLength(3);
    expect(group).toEqual(expect.arrayContaining(['L', 'NE']));
  });
});

describe('H4c leadOnce: an expert leads at most one group', () => {
  // One national expert of capacity 2, and another of capacity 1 whom the counties like less.
  const instance = makeInstance({
    counties: [county('c1'), county('c2')],
    experts: [national('N', { capacity: 2 }), national('K'), local('L1', 'c1'), local('L2', 'c2'), expert('M1'), expert('M2')],
    affinities: [
      { countyId: 'c1', expertId: 'N', score: 5 }, { countyId: 'c2', expertId: 'N', score: 5 },
    ],
  });
  const options = { groupMin: 3, groupMax: 3, objective: 'affinity' as const };

  it('without it the capacity-2 expert may lead both groups', async () => {
    expect(expectValid(instance, options, await solveWith(instance, options)).summary.matchedCounties).toBe(2);
    // N may lead both (nothing forbids it).
    expect(checkSolution(instance, solution({ c1: [['N', 'leader'], ['L1', 'local'], ['M1', 'member']], c2: [['N', 'leader'], ['L2', 'local'], ['M2', 'member']] }), options).violations).toEqual([]);
  });

  it('with it the checker refuses N leading twice, and the solver gives one group to K', async () => {
    const once = { ...options, leadOnce: true };
    const twice = solution({ c1: [['N', 'leader'], ['L1', 'local'], ['M1', 'member']], c2: [['N', 'leader'], ['L2', 'local'], ['M2', 'member']] });
    expect(checkSolution(instance, twice, once).violations).toEqual([expect.objectContaining({ rule: 'H4c', code: 'leads-twice', expertId: 'N' })]);
    const result = expectValid(instance, once, await solveWith(instance, once));
    expect(result.summary.matchedCounties).toBe(2);
    expect(result.assignments.filter((a) => a.role === 'leader').map((a) => a.expertId).sort()).toEqual(['K', 'N']);
  });

  it('binds: dropping its rows lets N lead both groups, which the checker refuses', async () => {
    // N in both groups scores 10; K leading one group keeps N as a member there: both ways N serves twice, so make K unattractive.
    const once = { ...options, leadOnce: true };
    const v = await violationsWithout(makeInstance({ ...instance, affinities: [...instance.affinities, { countyId: 'c1', expertId: 'K', score: -9 }, { countyId: 'c2', expertId: 'K', score: -9 }] }), once, 'H4c');
    expect(v).toEqual([expect.objectContaining({ rule: 'H4c', code: 'leads-twice', expertId: 'N' })]);
  });
});

describe('validation counts the East–West quota as H6 does', () => {
  // eastMax 1; the county's pins: an eastern leader and one more eastern scientist.
  const parts = {
    counties: [county('c1')],
    experts: [national('NE', { province: 'E' }), eastern('E1'), eastern('E2'), local('L', 'c1')],
    pairings: [pairWest()],
  };
  const quota = { groupMin: 3, groupMax: 4, eastMin: 1, eastMax: 1 };

  it('a pinned eastern leader does not fill the quota by default, and does with leaderCountsEast', () => {
    const instance = makeInstance({ ...parts, pins: [{ countyId: 'c1', expertId: 'NE', role: 'leader' }, { countyId: 'c1', expertId: 'E1' }] });
    expect(validateInstance(instance, quota).issues).toEqual([]);
    expect(validateInstance(instance, { ...quota, leaderCountsEast: true }).issues).toEqual([expect.objectContaining({ code: 'inconsistent-pin', message: expect.stringMatching(/2 pinned members from E .*H6 eastMax/) })]);
  });

  it('without a pinned leader one unlabelled eastern pin may still lead; two more are too many', () => {
    const two = makeInstance({ ...parts, pins: [{ countyId: 'c1', expertId: 'NE' }, { countyId: 'c1', expertId: 'E1' }] });
    expect(validateInstance(two, quota).issues).toEqual([]);
    const three = makeInstance({ ...parts, pins: [{ countyId: 'c1', expertId: 'NE' }, { countyId: 'c1', expertId: 'E1' }, { countyId: 'c1', expertId: 'E2' }] });
    expect(validateInstance(three, quota).issues).toEqual([expect.objectContaining({ code: 'inconsistent-pin', message: expect.stringMatching(/one more only as its leader/) })]);
  });

  it('the smallest group a county\'s group_max must allow counts the leader apart unless leaderCountsEast', () => {
    // A leader, one local and one East–West member: 3 places by default, 2 when an eastern leader fills the East–West one.
    const tight = makeInstance({ ...parts, counties: [county('c1', { groupMin: 2, groupMax: 2 })] });
    expect(validateInstance(tight, quota).issues).toEqual([expect.objectContaining({ field: 'groupMax' })]);
    expect(validateInstance(tight, { ...quota, leaderCountsEast: true }).issues).toEqual([]);
  });
});
