/**
 * checkSolution, independent of every solver: one round with every feature
 * (pairing, locals, required need, veto, pin, capacity 2, size override; groups of 3–6),
 * one valid hand-made solution, and one hand-made bad solution per
 * violation code, each reported with its rule and code and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { checkSolution, checkWithContext } from '../../src/check/check-solution.js';
import type { Solution } from '../../src/model/result.js';
import type { Role } from '../../src/model/vocabulary.js';
import { groupScore } from '../../src/objective/score.js';
import { aff, county, eastern, expert, local, makeContext, makeInstance, national, pairWest, solution, veto } from '../helpers/instance.js';
import { expectValid, groupOf, solveWith } from '../helpers/solve.js';

const options = { groupMin: 3, groupMax: 6 };
const instance = makeInstance({
  counties: [county('c1'), county('c2', { groupMax: 4 }), county('c3', { province: 'T' })],
  needs: [{ countyId: 'c1', industry: 'tea', stage: 'processing', required: true, weight: 2 }, { countyId: 'c2', industry: 'tea', stage: 'branding' }],
  experts: [
    national('N1', { organization: 'Academy' }), national('N2'), national('N3'), national('N4'),
    local('L1', 'c1'), local('L1b', 'c1'), local('L1c', 'c1'), local('L2', 'c2'), local('L2b', 'c2'), local('L3', 'c3'),
    eastern('E1'), eastern('E2'), eastern('E3'), eastern('E4'), eastern('E5'),
    expert('T', { capacity: 2 }), expert('D', { capacity: 2 }), expert('M1'), expert('M2'), expert('M3'), expert('M4'), expert('V'),
  ],
  skills: [{ expertId: 'T', industry: 'tea', stage: '*', proficiency: 3 }, { expertId: 'M1', industry: 'fruit', stage: 'processing' }],
  pairings: [pairWest()],
  affinities: [veto('c2', 'V'), aff('c1', 'M1', 2.5)],
  pins: [{ countyId: 'c3', expertId: 'N3', role: 'leader' }],
});

type Groups = Record<string, [string, Role][]>;
const validGroups = (): Groups => ({
  c1: [['N1', 'leader'], ['L1', 'local'], ['E1', 'east'], ['T', 'member'], ['M1', 'member']],
  c2: [['N2', 'leader'], ['L2', 'local'], ['E2', 'east'], ['T', 'member']],
  c3: [['N3', 'leader'], ['L3', 'local'], ['E3', 'member'], ['M2', 'member']],
});

function withGroups(edit: (g: Groups) => void, unmatched: Record<string, string> = {}): Solution {
  const g = validGroups();
  edit(g);
  return solution(g, unmatched);
}

/** Replaces expert `from` by `to` with `role` in county `c`. */
const swap = (c: string, from: string, to: string, role: Role) => (g: Groups) => {
  g[c] = g[c]!.map(([id, r]) => (id === from ? [to, role] : [id, r]));
};
const add = (c: string, id: string, role: Role) => (g: Groups) => void g[c]!.push([id, role]);
const drop = (c: string, id: string) => (g: Groups) => {
  g[c] = g[c]!.filter(([e]) => e !== id);
};

const cases: { name: string; solution: () => Solution; rule: string; code: string; countyId?: string; expertId?: string }[] = [
  { name: 'county in a group and unmatched', solution: () => withGroups(() => {}, { c1: 'competition' }), rule: 'H1', code: 'matched-and-unmatched', countyId: 'c1' },
  { name: 'county missing', solution: () => withGroups((g) => delete g['c2']), rule: 'H1', code: 'county-missing', countyId: 'c2' },
  { name: 'county listed twice as unmatched', solution: () => ({ ...withGroups((g) => delete g['c2']), unmatched: [{ countyId: 'c2', reasonCode: 'competition' }, { countyId: 'c2', reasonCode: 'competition' }] }), rule: 'H1', code: 'duplicate-unmatched', countyId: 'c2' },
  { name: 'member twice', solution: () => withGroups((g) => { swap('c3', 'M2', 'D', 'member')(g); add('c3', 'D', 'member')(g); }), rule: 'H1', code: 'duplicate-member', countyId: 'c3', expertId: 'D' },
  { name: 'unknown county', solution: () => ({ ...withGroups(() => {}), assignments: [...withGroups(() => {}).assignments, { countyId: 'c9', expertId: 'M3', role: 'member' }] }), rule: 'H1', code: 'unknown-county', countyId: 'c9' },
  { name: 'unknown expert', solution: () => withGroups(add('c1', 'ghost', 'member')), rule: 'H1', code: 'unknown-expert', expertId: 'ghost' },
  { name: 'over capacity 1', solution: () => withGroups((g) => { swap('c2', 'E2', 'E1', 'east')(g); }), rule: 'H2', code: 'over-capacity', expertId: 'E1' },
  { name: 'over capacity 2', solution: () => withGroups(add('c3', 'T', 'member')), rule: 'H2', code: 'over-capacity', expertId: 'T' },
  { name: 'group too large (round max)', solution: () => withGroups((g) => { add('c1', 'M3', 'member')(g); add('c1', 'M4', 'member')(g); }), rule: 'H3', code: 'group-size', countyId: 'c1' },
  { name: 'group too large (county override)', solution: () => withGroups(add('c2', 'M3', 'member')), rule: 'H3', code: 'group-size', countyId: 'c2' },
  { name: 'group too small', solution: () => withGroups((g) => { drop('c3', 'M2')(g); drop('c3', 'E3')(g); }), rule: 'H3', code: 'group-size', countyId: 'c3' },
  { name: 'no leader', solution: () => withGroups(swap('c1', 'N1', 'N4', 'member')), rule: 'H4', code: 'leader-count', countyId: 'c1' },
  { name: 'two leaders', solution: () => withGroups(swap('c1', 'M1', 'N4', 'leader')), rule: 'H4', code: 'leader-count', countyId: 'c1' },
  { name: 'provincial leader', solution: () => withGroups((g) => { swap('c1', 'N1', 'M3', 'leader')(g); }), rule: 'H4', code: 'leader-not-eligible', expertId: 'M3' },
  { name: 'wrong role label', solution: () => withGroups(swap('c1', 'E1', 'E1', 'member')), rule: 'H4', code: 'role-label', expertId: 'E1' },
  { name: 'too many locals', solution: () => withGroups((g) => { swap('c1', 'M1', 'L1b', 'local')(g); add('c1', 'L1c', 'local')(g); }), rule: 'H5', code: 'local-count', countyId: 'c1' },
  { name: 'no local', solution: () => withGroups(swap('c3', 'L3', 'M3', 'member')), rule: 'H5', code: 'local-count', countyId: 'c3' },
  { name: 'local of another county', solution: () => withGroups(swap('c1', 'M1', 'L2b', 'member')), rule: 'H5', code: 'local-elsewhere', expertId: 'L2b' },
  { name: 'no East–West member', solution: () => withGroups(swap('c1', 'E1', 'M3', 'member')), rule: 'H6', code: 'east-count', countyId: 'c1' },
  { name: 'three East–West members', solution: () => withGroups((g) => { swap('c1', 'M1', 'E4', 'east')(g); add('c1', 'E5', 'east')(g); }), rule: 'H6', code: 'east-count', countyId: 'c1' },
  { name: 'required need uncovered', solution: () => withGroups(swap('c1', 'T', 'M3', 'member')), rule: 'H7', code: 'required-need-uncovered', countyId: 'c1' },
  { name: 'vetoed pair', solution: () => withGroups(swap('c2', 'T', 'V', 'member')), rule: 'H8', code: 'vetoed-pair', countyId: 'c2', expertId: 'V' },
  { name: 'pin missing', solution: () => withGroups((g) => { swap('c3', 'N3', 'N4', 'leader')(g); }), rule: 'H9', code: 'pin-missing', expertId: 'N3' },
  { name: 'pinned leader not leading', solution: () => withGroups((g) => { swap('c3', 'N3', 'N4', 'leader')(g); add('c3', 'N3', 'member')(g); }), rule: 'H9', code: 'pin-role', expertId: 'N3' },
];

describe('checkSolution', () => {
  it('accepts a valid solution and recomputes its score', () => {
    const report = checkSolution(instance, solution(validGroups()), options);
    expect(report.violations).toEqual([]);
    expect(report.ok).toBe(true);
    expect(report.matchedCounties).toBe(3);
    const ctx = makeContext(instance, options);
    const expected = Object.entries(validGroups()).reduce((s, [c, members]) => s + groupScore(ctx, ctx.countyById.get(c)!, members.map(([id]) => ctx.expertById.get(id)!), members.find(([, role]) => role === 'leader')?.[0]).total, 0);
    expect(report.objective).toBeCloseTo(expected, 12);
    // c1: coverage 10·2 (T covers tea/processing) + relevance + affinity 2.5 of M1 + …: more than the coverage alone.
    expect(report.objective).toBeGreaterThan(20 + 2.5);
    expect(checkWithContext(ctx, solution(validGroups()))).toEqual(report);
  });

  it('accepts a round with every county unmatched', () => {
    expect(checkSolution(instance, solution({}, { c1: 'competition', c2: 'competition', c3: 'pinned-infeasible' }), options).ok).toBe(true);
  });

  for (const c of cases) {
    it(`detects ${c.name}: ${c.rule} ${c.code}`, () => {
      const report = checkSolution(instance, c.solution(), options);
      expect(report.ok).toBe(false);
      const expected: Record<string, string> = { rule: c.rule, code: c.code };
      if (c.countyId) expected['countyId'] = c.countyId;
      if (c.expertId) expected['expertId'] = c.expertId;
      expect(report.violations).toEqual([expect.objectContaining(expected)]);
      expect(report.violations[0]?.message.length).toBeGreaterThan(10);
    });
  }

  it('labels roles leader > local > east > member, by what a member is', () => {
    // A national expert from E leading c1 is `leader`, not `east`; E3 in c3 (no pairing) is `member`.
    const ok = (groups: Groups) => checkSolution(instance, solution({ ...validGroups(), ...groups }), options).violations;
    expect(ok({ c1: [['N1', 'leader'], ['L1', 'local'], ['E1', 'east'], ['T', 'member']] })).toEqual([]);
    for (const wrong of ['leader', 'local', 'member'] as const) {
      expect(ok({ c1: [['N1', 'leader'], ['L1', 'local'], ['E1', wrong], ['T', 'member']] }).map((v) => v.code)).toContain(wrong === 'leader' ? 'leader-count' : 'role-label');
    }
    expect(ok({ c3: [['N3', 'leader'], ['L3', 'local'], ['E3', 'east'], ['M2', 'member']] })).toEqual([expect.objectContaining({ rule: 'H4', code: 'role-label', expertId: 'E3' })]);
    expect(ok({ c1: [['N1', 'leader'], ['L1', 'member'], ['E1', 'east'], ['T', 'member']] })).toEqual([expect.objectContaining({ rule: 'H4', code: 'role-label', expertId: 'L1' })]);
  });

  it('the exact solver writes the labels the checker expects', async () => {
    const result = expectValid(instance, options, await solveWith(instance, options));
    expect(result.summary.matchedCounties).toBe(3);
    const role = (c: string, id: string) => groupOf(result, c).find((a) => a.expertId === id)?.role;
    expect(role('c3', 'N3')).toBe('leader');
    expect(role('c3', 'L3')).toBe('local');
    for (const a of result.assignments) {
      const e = instance.experts.find((x) => x.id === a.expertId)!;
      if (a.role === 'leader') expect(e.level).toBe('national');
      else if (e.homeCounty === a.countyId) expect(a.role).toBe('local');
      else if (e.province === 'E' && a.countyId !== 'c3') expect(a.role).toBe('east');
      else expect(a.role).toBe('member');
    }
    expect(new Set(result.assignments.map((a) => a.role))).toEqual(new Set(['leader', 'local', 'east', 'member']));
  });
});
