/**
 * Claims about priority (成熟一批、匹配一批) that a result makes and the
 * library checks: `check` refutes a `competition` reason of a result
 * claimed optimal when the county could be matched from free experts and
 * the members of counties ranked after it; a maximal count of matched
 * counties does not make a result `optimal` when a later tier holds what an
 * earlier one lacks; `explain` shows who took the scarce expert and why.
 */
import { describe, expect, it } from 'vitest';
import { verifyUnmatched } from '../../src/check/verify-unmatched.js';
import { explainCounty } from '../../src/explain/county.js';
import { formatCountyExplanation } from '../../src/explain/format.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { Expert, Instance } from '../../src/model/schemas.js';
import { provenStatus } from '../../src/solve/assemble.js';
import { solve } from '../../src/solve/solve.js';
import { aff, county, expert, local, makeContext, makeInstance, national, SMALL } from '../helpers/instance.js';

/** a (priority 1) and b (priority 2) compete for N, the one expert who may lead either; b rates N highly. */
function rivals(): Instance {
  return makeInstance({
    counties: [county('a', { priority: 1 }), county('b', { priority: 2 })],
    needs: [{ countyId: 'a', industry: '茶叶', stage: 'production' }, { countyId: 'b', industry: '茶叶', stage: 'production' }],
    experts: [national('N'), local('a-L', 'a'), local('b-L', 'b'), ...[1, 2, 3, 4].map((i) => expert(`M${i}`))],
    skills: [{ expertId: 'N', industry: '茶叶', stage: 'production', proficiency: 3 }],
    affinities: [aff('b', 'N', 5)],
  });
}

/** b holds N (N, b-L, M1): the group the soft score alone would pick. */
function bKeepsN(instance: Instance, options: OptionsInput): { ctx: ReturnType<typeof makeContext>; groups: Map<string, Expert[]> } {
  const ctx = makeContext(instance, { ...SMALL, ...options });
  const e = (id: string): Expert => ctx.expertById.get(id)!;
  return { ctx, groups: new Map([['b', [e('N'), e('b-L'), e('M1')]]]) };
}

describe('check: a competition reason against the priority order', () => {
  it('refutes it in a result claimed optimal when a later-ranked county holds what the county needs', () => {
    const { ctx, groups } = bKeepsN(rivals(), {});
    const { findings } = verifyUnmatched(ctx, [{ countyId: 'a', reasonCode: 'competition' }], groups, true);
    expect(findings).toEqual([expect.objectContaining({ code: 'false-reason', countyId: 'a' })]);
    expect(findings[0]!.message).toContain('it ranks before b (priority 1; priority comes before the score)');
    expect(findings[0]!.message).toMatch(/N leading/);
  });

  it('lets it stand when the result is not claimed optimal, or when no priority ranks the counties', () => {
    const { ctx, groups } = bKeepsN(rivals(), {});
    expect(verifyUnmatched(ctx, [{ countyId: 'a', reasonCode: 'competition' }], groups, false).findings).toEqual([]);
    const flat = bKeepsN(rivals(), { priority: 'none' });
    expect(verifyUnmatched(flat.ctx, [{ countyId: 'a', reasonCode: 'competition' }], flat.groups, true).findings).toEqual([]);
  });

  it('lets a later-ranked county lose to an earlier one in an optimal result', () => {
    const ctx = makeContext(rivals(), SMALL);
    const e = (id: string): Expert => ctx.expertById.get(id)!;
    const groups = new Map([['a', [e('N'), e('a-L'), e('M1')]]]);
    expect(verifyUnmatched(ctx, [{ countyId: 'b', reasonCode: 'competition' }], groups, true).findings).toEqual([]);
  });
});

describe('status: optimal needs the tiers proven, not only the total', () => {
  const summary = { objective: 10, upperBound: 10, matchedCounties: 1, matchableUpperBound: 1 };

  it('a maximal total with the earlier tier left out is not proven optimal', () => {
    const ctx = makeContext(rivals(), SMALL);
    expect(provenStatus(ctx, 'feasible', summary, [{ countyId: 'a', reasonCode: 'competition' }])).toBe('feasible');
  });

  it('a maximal total with only the last tier left out is', () => {
    const ctx = makeContext(rivals(), SMALL);
    expect(provenStatus(ctx, 'feasible', summary, [{ countyId: 'b', reasonCode: 'competition' }])).toBe('optimal');
    // Without priorities the total is the order: as before.
    const flat = makeContext(rivals(), { ...SMALL, priority: 'none' });
    expect(provenStatus(flat, 'feasible', summary, [{ countyId: 'a', reasonCode: 'competition' }])).toBe('optimal');
  });
});

describe('explain: the county that lost names who took the expert and why', () => {
  it('shows the winner ranked first by priority', async () => {
    const instance = rivals();
    const result = await solve(instance, { ...SMALL, solver: 'exact' });
    if (result.status === 'invalid') throw new Error('invalid');
    expect(result.unmatched.map((u) => u.countyId)).toEqual(['b']);
    const e = await explainCounty(instance, result, 'b');
    expect(e.matched).toBe(false);
    const text = formatCountyExplanation(e).join('\n');
    expect(text).toContain('unmatched (competition)');
    expect(text).toContain('ranked first by priority (成熟一批、匹配一批): county a (a) (priority 1, score');
    expect(text).toContain('comes before this county (priority 2)');
  });
});
