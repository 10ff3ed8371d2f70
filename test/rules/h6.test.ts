/**
 * H6 东西部协作: a paired county has 1–2 members from its eastern partner
 * provinces. `keen` (paired E by its province) likes three E experts;
 * `shy` (also paired E) dislikes every E expert; `own` names its own
 * partner F, which replaces the province pairing, so an E expert in it is
 * a plain member; `tibet` lies in a province with no pairing: no quota.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution } from '../../src/check/check-solution.js';
import { isEastFor, partnersOf } from '../../src/rules/h6-east-west.js';
import { aff, county, eastern, expert, makeContext, makeInstance, pairWest, poolFor, solution } from '../helpers/instance.js';
import { expectValid, groupOf, idsOf, solveWith, violationsWithout } from '../helpers/solve.js';

const options = { objective: 'affinity' as const, groupMin: 3, groupMax: 6 };
const east = ['E1', 'E2', 'E3', 'E4', 'E5'];
const instance = makeInstance({
  counties: [county('keen'), county('shy'), county('own', { eastPartner: ['F'] }), county('tibet', { province: 'T' })],
  experts: [
    ...poolFor('keen'), ...poolFor('shy'), ...poolFor('own'), ...poolFor('tibet'),
    ...east.map((id) => eastern(id)),
    expert('F1', { province: 'F' }),
  ],
  pairings: [pairWest()],
  affinities: [
    aff('keen', 'E1', 10), aff('keen', 'E2', 10), aff('keen', 'E3', 10),
    ...east.map((id) => aff('shy', id, -5)),
    aff('own', 'E4', 10), aff('own', 'F1', -5),
    ...east.map((id) => aff('tibet', id, -5)),
  ],
});

describe('H6 East–West pairing', () => {
  it('partners: own east_partner, else county pairings, else province pairings', () => {
    const inst = makeInstance({
      counties: [county('a', { eastPartner: ['F'] }), county('b'), county('c'), county('d', { province: 'T' })],
      pairings: [pairWest(), { eastProvince: 'G', westProvince: 'W', countyId: 'b' }, { eastProvince: 'F', westProvince: 'W', countyId: 'a' }],
    });
    const ctx = makeContext(inst);
    const partners = (id: string) => partnersOf(ctx, ctx.countyById.get(id)!);
    expect(partners('a')).toEqual(['F']);
    expect(partners('b')).toEqual(['G']);
    expect(partners('c')).toEqual(['E']);
    expect(partners('d')).toEqual([]);
    expect(isEastFor(ctx, { id: 'x', name: '', province: 'E', organization: '', level: 'provincial' }, ctx.countyById.get('b')!)).toBe(false);
  });

  it('gives each paired group 1–2 partner members, labelled east, and no quota where there is no pairing', async () => {
    const result = expectValid(instance, options, await solveWith(instance, options));
    expect(result.summary.matchedCounties).toBe(4);
    const keen = groupOf(result, 'keen');
    expect(idsOf(keen, 'east')).toHaveLength(2);
    expect(idsOf(keen, 'east').every((id) => ['E1', 'E2', 'E3'].includes(id))).toBe(true);
    expect(idsOf(groupOf(result, 'shy'), 'east')).toHaveLength(1);
    const own = groupOf(result, 'own');
    expect(idsOf(own, 'east')).toEqual(['F1']);
    // E4 is from E, which is not own's partner: a plain member that does not count.
    expect(idsOf(own, 'member')).toContain('E4');
    const tibet = groupOf(result, 'tibet');
    expect(idsOf(tibet, 'east')).toEqual([]);
    expect(idsOf(tibet).some((id) => id.startsWith('E'))).toBe(false);
  });

  it('binds: without the H6 rows keen takes three, shy and own none', async () => {
    const violations = await violationsWithout(instance, options, 'H6');
    for (const c of ['keen', 'shy', 'own']) expect(violations).toContainEqual(expect.objectContaining({ rule: 'H6', code: 'east-count', countyId: c }));
    expect(violations.map((v) => v.countyId)).not.toContain('tibet');
  });

  it('checkSolution: too many and too few partner members, by province not by label', () => {
    const check = (keen: [string, 'leader' | 'local' | 'east' | 'member'][]) =>
      checkSolution(instance, solution({ keen }, { shy: 'competition', own: 'competition', tibet: 'competition' }), options).violations;
    expect(check([['keen-N', 'leader'], ['keen-L', 'local'], ['E1', 'east']])).toEqual([]);
    expect(check([['keen-N', 'leader'], ['keen-L', 'local'], ['E1', 'east'], ['E2', 'east'], ['E3', 'east']])).toEqual([expect.objectContaining({ rule: 'H6', code: 'east-count', countyId: 'keen' })]);
    expect(check([['keen-N', 'leader'], ['keen-L', 'local'], ['keen-M1', 'member']])).toEqual([expect.objectContaining({ rule: 'H6', code: 'east-count', countyId: 'keen' })]);
    // A member labelled east who is not from E does not count, and the label is wrong.
    expect(check([['keen-N', 'leader'], ['keen-L', 'local'], ['keen-M1', 'east']]).map((v) => [v.rule, v.code])).toEqual([['H6', 'east-count'], ['H4', 'role-label']]);
  });
});
