/**
 * H4 组长由国家级专家担任: exactly one leader, of national level, never the
 * county's own local scientist. The instance tempts the solver with a
 * national-level local scientist and a much-liked provincial expert.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { MODEL_RULES } from '../../src/solve/build-model.js';
import { h4Leader } from '../../src/rules/h4-leader.js';
import type { Rule } from '../../src/rules/types.js';
import { lVar, xVar, zVar } from '../../src/rules/variables.js';
import { aff, county, expert, local, makeInstance, national, solution } from '../helpers/instance.js';
import { expectValid, groupOf, idsOf, solveWith, violationsWith, violationsWithout } from '../helpers/solve.js';

const options = { objective: 'affinity' as const, groupMin: 3, groupMax: 4 };
const instance = makeInstance({
  counties: [county('c1')],
  experts: [
    local('LN', 'c1', { level: 'national' }), // national, but the county's own local scientist
    national('N1'),
    national('N2'),
    expert('P1'), // provincial
    expert('M1'),
  ],
  affinities: [aff('c1', 'LN', 10), aff('c1', 'P1', 20), aff('c1', 'N1', 1), aff('c1', 'N2', 5), aff('c1', 'M1', -50)],
});

/**
 * H4 weakened for the test: any member may lead (still exactly one leader),
 * and leading is worth 1 for the local scientist and 2 for the provincial
 * expert, so that the optimum picks an ineligible leader.
 */
function anyoneLeads(bonus: Record<string, number>): Rule {
  return {
    ...h4Leader,
    addConstraints({ ctx, model, counties, candidates }) {
      for (const c of counties) {
        const terms = (candidates.get(c.id) ?? []).map((e) => {
          const l = model.binary(lVar(ctx, e, c), bonus[e.id] ?? 0).name;
          model.constrain(`weakH4lx[${e.id},${c.id}]`, [{ name: l, coef: 1 }, { name: xVar(ctx, e, c), coef: -1 }], { max: 0 });
          return { name: l, coef: 1 };
        });
        model.constrain(`weakH4[${c.id}]`, [...terms, { name: zVar(ctx, c), coef: -1 }], { min: 0, max: 0 });
      }
    },
  };
}

describe('H4 leader', () => {
  it('gives the group exactly one national leader, never the local scientist', async () => {
    const result = expectValid(instance, options, await solveWith(instance, options));
    const group = groupOf(result, 'c1');
    const leaders = idsOf(group, 'leader');
    expect(leaders).toHaveLength(1);
    expect(['N1', 'N2']).toContain(leaders[0]);
    // The national-level local scientist is in the group, labelled local, not leader.
    expect(idsOf(group, 'local')).toEqual(['LN']);
    // Two nationals sit in the group (both liked); only one leads, the other is a plain member.
    expect(idsOf(group)).toEqual(['LN', 'N1', 'N2', 'P1']);
    expect(idsOf(group, 'member')).toEqual([leaders[0] === 'N1' ? 'N2' : 'N1', 'P1']);
  });

  // Regression, fixed (was in src/solve/exact/solve-exact.ts, `if (!leader) throw new Error(...)`): a matched county
  // without a leader is a solver bug breaking H4, yet it is thrown as a plain Error, not as the
  // SolverBugError every other broken rule gives. Fix: throw new SolverBugError(solver,
  // [{ rule: 'H4', code: 'leader-count', countyId: c.id, message }]) there.
  it('binds: dropping the H4 rows makes the solve fail with a SolverBugError naming H4', async () => {
    // Without H4 no l[e,c] exists, so no member is marked leader.
    const violations = await violationsWithout(instance, options, 'H4');
    expect(violations).toContainEqual(expect.objectContaining({ rule: 'H4', code: 'leader-count', countyId: 'c1' }));
  });

  it('binds on the level and the local: a weakened H4 lets an ineligible member lead, which the checker refuses', async () => {
    const weak = (bonus: Record<string, number>) => MODEL_RULES.map((r) => (r.id === 'H4' ? anyoneLeads(bonus) : r));
    const byLocal = await violationsWith(instance, options, weak({ LN: 1 }));
    expect(byLocal).toContainEqual(expect.objectContaining({ rule: 'H4', code: 'leader-not-eligible', countyId: 'c1', expertId: 'LN' }));
    const byProvincial = await violationsWith(instance, options, weak({ P1: 1 }));
    expect(byProvincial).toContainEqual(expect.objectContaining({ rule: 'H4', code: 'leader-not-eligible', countyId: 'c1', expertId: 'P1' }));
  });

  it('checkSolution: leader count, leader level, local leader and role labels', () => {
    const check = (members: [string, 'leader' | 'local' | 'east' | 'member'][]) => checkSolution(instance, solution({ c1: members }), options).violations;
    expect(check([['N1', 'leader'], ['LN', 'local'], ['P1', 'member']])).toEqual([]);
    expect(check([['N1', 'member'], ['LN', 'local'], ['P1', 'member']])).toEqual([expect.objectContaining({ rule: 'H4', code: 'leader-count', countyId: 'c1' })]);
    expect(check([['N1', 'leader'], ['N2', 'leader'], ['LN', 'local']])).toEqual([expect.objectContaining({ rule: 'H4', code: 'leader-count', countyId: 'c1' })]);
    expect(check([['P1', 'leader'], ['LN', 'local'], ['N1', 'member']])).toEqual([expect.objectContaining({ rule: 'H4', code: 'leader-not-eligible', expertId: 'P1' })]);
    // The county's own local scientist may not lead, even at national level.
    expect(check([['LN', 'leader'], ['N1', 'member'], ['P1', 'member']])).toEqual([expect.objectContaining({ rule: 'H4', code: 'leader-not-eligible', expertId: 'LN' })]);
    // Role labels follow what a member is: the national local scientist is `local`, not `member`.
    expect(check([['N1', 'leader'], ['LN', 'member'], ['P1', 'member']])).toEqual([expect.objectContaining({ rule: 'H4', code: 'role-label', expertId: 'LN' })]);
    expect(check([['N1', 'leader'], ['LN', 'local'], ['P1', 'local']])).toEqual([expect.objectContaining({ rule: 'H4', code: 'role-label', expertId: 'P1' })]);
  });
});
