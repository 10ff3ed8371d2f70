import { describe, expect, it } from 'vitest';
import { explainPair, explainPairInRound, evaluateMove } from '../../src/explain/pair.js';
import { explainCounty } from '../../src/explain/county.js';
import { formatCountyExplanation, formatPairExplanation } from '../../src/explain/format.js';
import { generateInstance } from '../../src/generate/index.js';
import { prepareRound } from '../../src/incremental/prepare.js';
import { UnknownIdError } from '../../src/incremental/state.js';
import { checkSolution } from '../../src/check/check-solution.js';
import { groupScore } from '../../src/objective/score.js';
import { roleOf } from '../../src/rules/roles.js';
import { jsLpEngine } from '../../src/solve/engines/jslp.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { expert, local, national, veto } from '../helpers/instance.js';
import { OPTIONS, countyWithPool, ctxOf, round, solveSmall } from './fixtures.js';

async function tinyRound(seed: number): Promise<{ instance: Instance; result: SolveResult }> {
  const instance = generateInstance('tiny', seed);
  const result = await solveExact(ctxOf(instance, { solver: 'exact' }), { engine: jsLpEngine, startedAt: Date.now() });
  return { instance, result };
}

describe('explainCounty: a group and its score by term', () => {
  it('splits the score into its terms (S1, S1b, fit, S2b, S4b, S4, S6) that add up to the checker\'s score', async () => {
    const { instance, result } = await tinyRound(1);
    expect(result.status).toBe('optimal');
    let total = 0;
    for (const c of instance.counties) {
      const e = await explainCounty(instance, result, c.id);
      if (!e.matched) continue;
      const t = e.score;
      expect(t.total).toBeCloseTo(t.coverage + t.industry + t.fit + t.leader + t.orgTypes - t.organizationPenalty - t.sizeCost, 9);
      // The members' whole terms are the fit and the leader's term; each is its assignments.csv fit.
      expect(e.members.reduce((s, m) => s + m.term, 0)).toBeCloseTo(t.fit + t.leader, 9);
      for (const m of e.members) expect(m.term).toBeCloseTo(result.assignments.find((a) => a.countyId === c.id && a.expertId === m.expertId)!.fit, 3);
      expect(e.members.filter((m) => m.role === 'leader')).toHaveLength(1);
      expect(e.members.map((m) => m.reason)).toEqual(e.members.map((m) => result.assignments.find((a) => a.countyId === c.id && a.expertId === m.expertId)!.reason));
      for (const n of e.needs) if (n.required) expect(n.coveredBy.length).toBeGreaterThan(0);
      total += e.score.total;
      const text = formatCountyExplanation(e).join('\n');
      expect(text).toMatch(/score [\d.]+ = coverage [\d.]+ \+ industry [\d.]+ \+ fit [\d.]+ \+ leader [\d.]+ \+ org types [\d.]+ − organization penalty [\d.]+ − size cost [\d.]+/);
    }
    expect(total).toBeCloseTo(result.summary.objective, 6);
  });

  it('an unknown county is a typed error', async () => {
    const { instance, result } = await tinyRound(1);
    await expect(explainCounty(instance, result, 'nowhere')).rejects.toBeInstanceOf(UnknownIdError);
    await expect(explainPair(instance, result, instance.counties[0]!.id, 'nobody')).rejects.toBeInstanceOf(UnknownIdError);
  });
});

describe('explainPair: why an expert is or is not in a group', () => {
  it('a member: role, reason and what it adds', async () => {
    const { instance, result } = await tinyRound(1);
    const a = result.assignments.find((x) => x.role === 'leader')!;
    const why = await explainPair(instance, result, a.countyId, a.expertId);
    expect(why.kind).toBe('member');
    if (why.kind !== 'member') return;
    expect(why.member.role).toBe('leader');
    const ctx = ctxOf(instance, { solver: 'exact' });
    const members = result.assignments.filter((x) => x.countyId === a.countyId).map((x) => ctx.expertById.get(x.expertId)!);
    const county = ctx.countyById.get(a.countyId)!;
    // Without its leader the group has no leader term (S2b): what leading adds is part of the leader's contribution.
    const without = groupScore(ctx, county, members.filter((e) => e.id !== a.expertId), a.expertId).total;
    expect(why.member.contribution).toBeCloseTo(groupScore(ctx, county, members, a.expertId).total - without, 9);
  });

  it('names the hard rule: vetoed (H8), local scientist elsewhere (H5), capacity 0 (H2), pinned elsewhere (H9)', async () => {
    const instance = round([countyWithPool('a', 4), countyWithPool('b', 4)], {
      experts: [national('Z', { capacity: 0 }), expert('V')],
      affinities: [veto('a', 'V')],
      pins: [{ countyId: 'b', expertId: 'b-M1' }],
    });
    const result = await solveSmall(instance);
    expect(result.unmatched).toEqual([]);
    const kinds = async (e: string) => {
      const w = await explainPair(instance, result, 'a', e, OPTIONS);
      return w.kind === 'excluded' ? `${w.rule}:${w.code}` : w.kind;
    };
    expect(await kinds('V')).toBe('H8:vetoed');
    expect(await kinds('b-L')).toBe('H5:local-elsewhere');
    expect(await kinds('Z')).toBe('H2:no-capacity');
    expect(await kinds('b-M1')).toBe('H9:pinned-elsewhere');
    const why = await explainPair(instance, result, 'a', 'b-L', OPTIONS);
    expect(why.message).toMatch(/local scientist of county b and may serve only that county \(H5\)/);
  });

  it('a quota the pins already fill (H5)', async () => {
    const pool = countyWithPool('a', 4);
    pool.experts.push(local('a-L2', 'a'), local('a-L3', 'a'));
    const instance = round([pool], { pins: [{ countyId: 'a', expertId: 'a-L' }, { countyId: 'a', expertId: 'a-L2' }] });
    const result = await solveSmall(instance);
    const why = await explainPair(instance, result, 'a', 'a-L3', OPTIONS);
    expect(why).toMatchObject({ kind: 'excluded', rule: 'H5', code: 'quota' });
  });

  it('a trade-off: the exact score change of moving the expert, never a gain on a proven optimum, and the groups shown are valid', async () => {
    for (const seed of [1, 2]) {
      const { instance, result } = await tinyRound(seed);
      expect(result.status).toBe('optimal');
      const { ctx, state } = prepareRound(instance, result, { solver: 'exact' });
      const [c1, c2] = instance.counties;
      const donorMember = result.assignments.find((a) => a.countyId === c2!.id && a.role === 'member')!;
      const why = await explainPairInRound(ctx, state, c1!.id, donorMember.expertId);
      if (why.kind !== 'trade-off') throw new Error(`expected a trade-off, got ${why.kind}: ${why.message}`);
      const [move] = why.moves;
      expect(move!.from).toBe(c2!.id);
      expect(move!.feasible).toBe(true);
      expect(move!.scoreChange).toBeLessThanOrEqual(1e-6);
      expect(why.message).toMatch(/so the result keeps the expert where it is/);
      // Apply the move: the result must stay valid, and its score change must be the one reported.
      const changed = result.assignments.filter((a) => a.countyId !== c1!.id && a.countyId !== c2!.id).map((a) => ({ countyId: a.countyId, expertId: a.expertId, role: a.role }));
      for (const [c, o] of [[c1!, move!.countyAfter!], [c2!, move!.donorAfter!]] as const) {
        o.members.forEach((id, i) => changed.push({ countyId: c.id, expertId: id, role: roleOf(ctx, ctx.expertById.get(id)!, c, i === 0) }));
      }
      const report = checkSolution(instance, { assignments: changed, unmatched: result.unmatched }, { solver: 'exact' });
      expect(report.violations).toEqual([]);
      expect(report.objective - result.summary.objective).toBeCloseTo(move!.scoreChange, 6);
      expect(formatPairExplanation(why).join('\n')).toMatch(/would be: leader /);
    }
  });

  it('a free expert not chosen: the best group with it scores no more than the optimum\'s', async () => {
    const { instance, result } = await tinyRound(1);
    const { ctx, state } = prepareRound(instance, result, { solver: 'exact' });
    const c = instance.counties[0]!;
    const free = instance.experts.find((e) => state.free(e) > 0 && e.homeCounty === undefined)!;
    const move = await evaluateMove(ctx, state, c, free);
    expect(move.feasible).toBe(true);
    expect(move.scoreChange).toBeLessThanOrEqual(1e-6);
    const why = await explainPairInRound(ctx, state, c.id, free.id);
    expect(why.kind).toBe('not-chosen');
    expect(why.message).toMatch(/is free and may serve .*so the result leaves the expert out/);
  });
});
