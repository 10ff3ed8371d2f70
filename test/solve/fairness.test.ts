/**
 * The fairness option (S5): the weakest group is raised first, the result
 * stays valid, and what the summary claims about the weakest group holds.
 */
import { mkdtemp, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from '../../src/cli/main.js';
import type { Terminal } from '../../src/cli/terminal.js';
import { checkSolution } from '../../src/check/check-solution.js';
import { generateInstance } from '../../src/generate/index.js';
import { validateInstance } from '../../src/io/validate.js';
import { resolveOptions } from '../../src/model/options.js';
import { groupScore } from '../../src/objective/score.js';
import { buildContext } from '../../src/rules/context.js';
import { leaderAmong } from '../../src/rules/group-validity.js';
import { solveOrThrow } from '../../src/solve/solve.js';

function weakestOf(instance: ReturnType<typeof generateInstance>, assignments: readonly { countyId: string; expertId: string; role: string }[]): number {
  const ctx = buildContext(validateInstance(instance, {}).instance, resolveOptions({}));
  const byCounty = new Map<string, string[]>();
  for (const a of assignments) byCounty.set(a.countyId, [...(byCounty.get(a.countyId) ?? []), a.expertId]);
  const leaderOf = (c: string): string | undefined => assignments.find((a) => a.countyId === c && a.role === 'leader')?.expertId;
  return Math.min(...[...byCounty].map(([c, ids]) => groupScore(ctx, ctx.countyById.get(c)!, ids.map((id) => ctx.expertById.get(id)!), leaderOf(c)).total));
}

describe('fairness (S5)', () => {
  // Seed 8 showed this before issue 10; under the new objective its weakest group stops 0.17 below its ceiling
  // alone (163.88 of 164.04: no single move reaches it), while seed 12 reaches it (155.71 → 157.38, its ceiling).
  it('raises the weakest group where the plain optimum leaves it low, to its proven best (tiny seed 12)', async () => {
    const instance = generateInstance('tiny', 12);
    const plain = await solveOrThrow(instance, { solver: 'exact' });
    const fair = await solveOrThrow(instance, { solver: 'exact', fairness: true });
    expect(plain.status).toBe('optimal');
    expect(fair.summary.matchedCounties).toBe(plain.summary.matchedCounties);
    expect(fair.summary.weakestGroupScore!).toBeGreaterThan(plain.summary.weakestGroupScore! + 0.5);
    // Its own ceiling (best score with the whole pool to itself) is reached: proven best.
    expect(fair.summary.weakestGroupBound!).toBeCloseTo(fair.summary.weakestGroupScore!, 6);
    // The total pays for it, and the status says the total is no longer proven best.
    expect(fair.summary.objective).toBeLessThan(plain.summary.objective);
    expect(fair.status).toBe('feasible');
    expect(fair.summary.solver).toBe('exact/highs + fairness');
    expect(checkSolution(instance, fair, { fairness: true }).violations).toEqual([]);
    expect(weakestOf(instance, fair.assignments)).toBeCloseTo(fair.summary.weakestGroupScore!, 9);
  });

  it('keeps an optimum whose weakest group is already at its best, and says it is optimal (demo)', async () => {
    const instance = generateInstance('demo', 1);
    const plain = await solveOrThrow(instance, { solver: 'exact' });
    const fair = await solveOrThrow(instance, { solver: 'exact', fairness: true });
    expect(fair.status).toBe('optimal');
    expect(fair.assignments).toEqual(plain.assignments);
    expect(fair.summary.weakestGroupBound).toBeCloseTo(fair.summary.weakestGroupScore!, 6);
    // Without the option the bound is the generic ceiling only.
    expect(plain.summary.weakestGroupBound!).toBeGreaterThan(plain.summary.weakestGroupScore! + 1);
  }, 60_000);

  it('reports the weakest group without the option too, and is reproducible with it', async () => {
    const instance = generateInstance('tiny', 3);
    const plain = await solveOrThrow(instance, { solver: 'scalable' });
    expect(plain.summary.weakestGroupScore).toBeCloseTo(weakestOf(instance, plain.assignments), 9);
    expect(plain.summary.solver).not.toContain('fairness');
    const a = await solveOrThrow(instance, { solver: 'scalable', fairness: true });
    const b = await solveOrThrow(instance, { solver: 'scalable', fairness: true });
    expect(a.assignments).toEqual(b.assignments);
    expect({ ...a.summary, seconds: 0 }).toEqual({ ...b.summary, seconds: 0 });
  });

  it('a pinned leader leads, and a member pinned in another role never does (H9 roles in local moves)', () => {
    const instance = generateInstance('tiny', 1);
    const county = instance.counties[0]!;
    const nationals = instance.experts.filter((e) => e.level === 'national' && e.homeCounty === undefined).slice(0, 2);
    expect(nationals.length).toBe(2);
    const [a, b] = nationals as [typeof nationals[0], typeof nationals[0]];
    const ctxWith = (pins: { role: 'leader' | 'member' }[]) => buildContext(validateInstance({ ...instance, pins: pins.map((p, i) => ({ countyId: county.id, expertId: (i === 0 ? a : b).id, role: p.role })) }, {}).instance, resolveOptions({}));
    expect(leaderAmong(ctxWith([]), county, [a, b], b)).toBe(b);
    expect(leaderAmong(ctxWith([{ role: 'member' }]), county, [a, b])).toBe(b);
    expect(leaderAmong(ctxWith([{ role: 'member' }, { role: 'leader' }]), county, [a, b], a)).toBe(b);
  });

  it('CLI: solve --fairness prints the weakest group and writes the option and the figures', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ag-fair-'));
    try {
      const lines: string[] = [];
      const term: Terminal = { out: (l) => lines.push(l), err: (l) => lines.push(l), status: () => {} };
      expect(await runCli(['solve', '--input', path.resolve('examples/demo'), '--out', dir, '--fairness'], term)).toBe(0);
      const summary = JSON.parse(await readFile(path.join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>;
      expect((summary['options'] as Record<string, unknown>)['fairness']).toBe(true);
      // The figures printed are those written; on the demo the weakest group reaches its proven ceiling.
      const weakest = summary['weakestGroupScore'] as number;
      expect(summary['weakestGroupBound'] as number).toBeCloseTo(weakest, 2);
      expect(lines.find((l) => l.startsWith('weakest'))).toMatch(new RegExp(`^weakest +${weakest.toFixed(2).replace('.', '\\.')} +bound ${weakest.toFixed(2).replace('.', '\\.')} .*--fairness`));
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  }, 60_000);
});
