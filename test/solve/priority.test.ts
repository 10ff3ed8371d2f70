/**
 * Priority under scarcity (成熟一批、匹配一批) in every solver: when two
 * counties need the one national expert who may lead either, the county of
 * the earlier tier keeps him even though the other's group would score
 * more; `order` and `batch` rank as documented; pins still come first;
 * without priorities the soft score decides, and listing more needs does
 * not win; many tiers cost one solve per tier left short, never rewards
 * that grow with the number of tiers.
 */
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';
import type { LinearEngine } from '../../src/model/linear.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { solve } from '../../src/solve/solve.js';
import { highsEngine } from '../../src/solve/engines/highs.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { aff, county, expert, local, makeContext, makeInstance, national, SMALL, veto, type CountyIn } from '../helpers/instance.js';
import { solveWith } from '../helpers/solve.js';

const SOLVERS = ['exact', 'highs', 'scalable', 'auto'] as const;

/**
 * Counties a and b (in the order given) compete for N, the only expert who
 * may lead: whichever is matched, the other cannot be. b rates N highly, so
 * b's group scores more.
 */
function rivals(a: Partial<CountyIn>, b: Partial<CountyIn>, order: 'ab' | 'ba' = 'ab', third?: Partial<CountyIn>): Instance {
  const counties = [county('a', a), county('b', b)];
  // A third county with a pool of its own, to rank in another tier without competing.
  const c = third ? { counties: [county('c', third)], experts: [national('c-N'), local('c-L', 'c'), expert('c-M1'), expert('c-M2')] } : { counties: [], experts: [] };
  return makeInstance({
    counties: [...(order === 'ab' ? counties : counties.reverse()), ...c.counties],
    needs: [{ countyId: 'a', industry: '茶叶', stage: 'production' }, { countyId: 'b', industry: '茶叶', stage: 'production' }],
    experts: [national('N'), local('a-L', 'a'), local('b-L', 'b'), ...[1, 2, 3, 4, 5, 6].map((i) => expert(`M${i}`)), ...c.experts],
    skills: [{ expertId: 'N', industry: '茶叶', stage: 'production', proficiency: 3 }, ...[1, 2, 3, 4, 5, 6].map((i) => ({ expertId: `M${i}`, industry: '茶叶', stage: 'production' }))],
    // c's leader may not lead a or b: c never competes for N.
    affinities: [aff('b', 'N', 5), ...(third ? [veto('a', 'c-N'), veto('b', 'c-N')] : [])],
  });
}

async function solved(instance: Instance, options: OptionsInput): Promise<SolveResult> {
  const r = await solve(instance, { ...SMALL, timeLimit: 30, ...options });
  if (r.status === 'invalid') throw new Error(JSON.stringify(r.issues));
  return r;
}

function matchedIds(r: SolveResult): string[] {
  return [...new Set(r.assignments.map((a) => a.countyId))].sort();
}

describe('a tier-1 county keeps the scarce expert over a tier-2 county', () => {
  it('without priorities the higher score wins: b (the premise the priority tests overturn)', async () => {
    for (const solver of SOLVERS) expect(matchedIds(await solved(rivals({}, {}), { solver })), solver).toEqual(['b']);
  });

  it('column: a (priority 1) before b (priority 2), under every solver, though b would score more', async () => {
    const instance = rivals({ priority: 1 }, { priority: 2 });
    for (const solver of SOLVERS) {
      const r = await solved(instance, { solver });
      expect(matchedIds(r), solver).toEqual(['a']);
      expect(r.unmatched, solver).toEqual([expect.objectContaining({ countyId: 'b', reasonCode: 'competition' })]);
    }
    // javascript-lp-solver as the exact engine too.
    expect(matchedIds(await solveWith(instance, SMALL))).toEqual(['a']);
    // The soft score alone would pick b: the priority, not the score, decided.
    const flat = await solved(instance, { solver: 'exact', priority: 'none' });
    expect(matchedIds(flat)).toEqual(['b']);
  });

  it('column: a county without a priority comes after every county that has one', async () => {
    expect(matchedIds(await solved(rivals({ priority: 7 }, {}), { solver: 'exact' }))).toEqual(['a']);
    expect(matchedIds(await solved(rivals({}, { priority: 7 }), { solver: 'exact' }))).toEqual(['b']);
  });

  it('order: the first row of counties.csv is served first', async () => {
    for (const solver of ['exact', 'scalable'] as const) {
      expect(matchedIds(await solved(rivals({}, {}, 'ab'), { solver, priority: 'order' })), solver).toEqual(['a']);
      expect(matchedIds(await solved(rivals({}, {}, 'ba'), { solver, priority: 'order' })), solver).toEqual(['b']);
    }
  });

  it('batch: batches in order of first appearance (not by label), counties without a label last', async () => {
    // a's batch "2" appears first in counties.csv, so it is served before b's batch "1".
    for (const solver of ['exact', 'scalable'] as const) {
      expect(matchedIds(await solved(rivals({ batch: '2' }, { batch: '1' }), { solver, priority: 'batch' })), solver).toEqual(['a']);
      expect(matchedIds(await solved(rivals({}, { batch: '1' }), { solver, priority: 'batch' })), solver).toEqual(['b']);
    }
    // The default mode reads the priority column, not the batch.
    expect(matchedIds(await solved(rivals({ batch: '2' }, { batch: '1' }), { solver: 'exact' }))).toEqual(['b']);
  });

  it('the priority column survives counties.csv: written, read back (优先级 accepted as the header), honoured', async () => {
    const dir = await mkdtemp(path.join(tmpdir(), 'ag-priority-'));
    try {
      await writeInstanceDir(dir, rivals({ priority: 1 }, { priority: 2 }));
      const read = await readInstanceDir(dir);
      if (!read.ok) throw new Error(JSON.stringify(read.issues));
      expect(read.instance.counties.map((c) => c.priority)).toEqual([1, 2]);
      expect(matchedIds(await solved(read.instance, { solver: 'exact' }))).toEqual(['a']);
      // A Chinese header reads the same column.
      const file = path.join(dir, 'counties.csv');
      await writeFile(file, (await readFile(file, 'utf8')).replace('priority', '优先级'));
      const chinese = await readInstanceDir(dir);
      if (!chinese.ok) throw new Error(JSON.stringify(chinese.issues));
      expect(chinese.instance.counties.map((c) => c.priority)).toEqual([1, 2]);
    } finally {
      await rm(dir, { recursive: true, force: true });
    }
  });

  it('pins come before every tier: a pinned county of the last tier keeps its pinned leader', async () => {
    const base = rivals({ priority: 1 }, { priority: 2 });
    const instance = makeInstance({ ...base, pins: [{ countyId: 'b', expertId: 'N', role: 'leader' }] });
    for (const solver of ['exact', 'scalable'] as const) expect(matchedIds(await solved(instance, { solver })), solver).toEqual(['b']);
  });

  it('the competition detail names the winner and why it ranked first', async () => {
    const byPriority = await solved(rivals({ priority: 1 }, { priority: 2 }), { solver: 'exact' });
    const d = byPriority.unmatched[0]!.detail;
    expect(d).toContain('county a (a)');
    expect(d).toContain('ranked first by priority');
    expect(d).toContain('priority 1');
    expect(d).toContain('comes before this county (priority 2)');
    const byScore = await solved(rivals({ priority: 1 }, { priority: 1 }, 'ab', { priority: 2 }), { solver: 'exact' });
    expect(matchedIds(byScore)).toEqual(['b', 'c']);
    const s = byScore.unmatched[0]!;
    expect(s.countyId).toBe('a');
    expect(s.detail).toContain('county b (b)');
    expect(s.detail).toContain('same priority tier (priority 1) the soft score decided');
    expect(s.detail).toMatch(/county b \(b\) \(score [\d.]+\)/);
    expect(s.detail).toMatch(/could score at most [\d.]+/);
    expect(s.detail).toContain('the optimum proves the total over all groups higher this way');
    const flat = await solved(rivals({}, {}), { solver: 'exact' });
    expect(flat.unmatched[0]!.detail).toContain('no priority ranks the counties (no county has a value in the priority column of counties.csv)');
    const level = await solved(rivals({ priority: 3 }, { priority: 3 }), { solver: 'exact' });
    expect(level.unmatched[0]!.detail).toContain('no priority ranks the counties (every county has the same priority)');
  });
});

describe('without priorities, listing more needs does not win a scarce expert', () => {
  it('a county with one need beats one with five when its group is otherwise better', async () => {
    const stages = ['production', 'processing', 'branding', 'market', 'training'] as const;
    const instance = makeInstance({
      counties: [county('a'), county('b')],
      needs: [{ countyId: 'a', industry: '茶叶', stage: 'production' }, ...stages.map((stage) => ({ countyId: 'b', industry: '茶叶', stage }))],
      experts: [national('N'), local('a-L', 'a'), local('b-L', 'b'), ...[1, 2, 3, 4, 5, 6].map((i) => expert(`M${i}`))],
      skills: [{ expertId: 'N', industry: '茶叶', stage: '*', proficiency: 3 }, ...[1, 2, 3, 4, 5, 6].map((i) => ({ expertId: `M${i}`, industry: '茶叶', stage: '*' }))],
      // a rates N: a small edge, which five listed needs must not outweigh.
      affinities: [aff('a', 'N', 1)],
    });
    for (const solver of ['exact', 'scalable'] as const) {
      const r = await solved(instance, { solver });
      expect(matchedIds(r), solver).toEqual(['a']);
    }
  });
});

describe('many tiers: sequential solves over one model', () => {
  /** Twelve counties, six possible leaders: every county can be matched alone, six together. */
  function crowd(): Instance {
    const ids = Array.from({ length: 12 }, (_, i) => `c${String(i + 1).padStart(2, '0')}`);
    return makeInstance({
      counties: ids.map((id) => county(id)),
      needs: ids.map((id) => ({ countyId: id, industry: '茶叶', stage: 'production' })),
      experts: [...[1, 2, 3, 4, 5, 6].map((i) => national(`N${i}`)), ...ids.map((id) => local(`${id}-L`, id)), ...Array.from({ length: 24 }, (_, i) => expert(`M${i + 1}`))],
      skills: Array.from({ length: 24 }, (_, i) => ({ expertId: `M${i + 1}`, industry: '茶叶', stage: 'production' })),
      // Later rows rate the leaders more: the score alone would pick them.
      affinities: ids.flatMap((id, i) => [1, 2, 3, 4, 5, 6].map((n) => aff(id, `N${n}`, i))),
    });
  }

  function counting(engine: LinearEngine): { engine: LinearEngine; calls: () => number } {
    let calls = 0;
    return { engine: { name: engine.name, solve: (m, l) => { calls++; return engine.solve(m, l); } }, calls: () => calls };
  }

  it('order on 12 counties: the first six rows are matched, proven optimal, by HiGHS and by the scalable solver', async () => {
    const instance = crowd();
    const first = ['c01', 'c02', 'c03', 'c04', 'c05', 'c06'];
    const ctx = makeContext(instance, { ...SMALL, priority: 'order' });
    const { engine, calls } = counting(highsEngine);
    const exact = await solveExact(ctx, { engine, startedAt: Date.now() });
    expect(exact.status).toBe('optimal');
    expect(matchedIds(exact)).toEqual(first);
    // One solve per tier left short until the tiers saturate (c01…c06), then none for the six that cannot be matched.
    expect(calls()).toBe(6);
    expect(matchedIds(await solved(instance, { solver: 'scalable', priority: 'order' }))).toEqual(first);
    // Without priorities the score picks the last six rows.
    expect(matchedIds(await solved(instance, { solver: 'exact', priority: 'none' }))).toEqual(['c07', 'c08', 'c09', 'c10', 'c11', 'c12']);
  });

  it('a sequence cut by the clock returns the last answer, valid, feasible, with a bound above its score', async () => {
    const ctx = makeContext(crowd(), { ...SMALL, priority: 'order' });
    let calls = 0;
    // The first solve answers; the second finds nothing before its time limit.
    const engine: LinearEngine = {
      name: 'HiGHS',
      solve: (m, l) => (++calls === 1 ? highsEngine.solve(m, l) : Promise.resolve({ status: 'time-limit', message: 'no solution before the time limit' })),
    };
    const r = await solveExact(ctx, { engine, startedAt: Date.now() });
    expect(calls).toBe(2);
    expect(r.status).toBe('feasible');
    expect(r.summary.matchedCounties).toBe(6);
    // The first solve decided c01 (its level): it is matched; the rest is not proven.
    expect(matchedIds(r)).toContain('c01');
    expect(r.summary.upperBound).toBeGreaterThanOrEqual(r.summary.objective);
    expect(r.summary.matchableUpperBound).toBe(12);
  });

  it('one tier: one engine solve, as before priorities existed', async () => {
    const ctx = makeContext(crowd(), { ...SMALL, priority: 'none' });
    const { engine, calls } = counting(highsEngine);
    const r = await solveExact(ctx, { engine, startedAt: Date.now() });
    expect(r.status).toBe('optimal');
    expect(calls()).toBe(1);
  });
});
