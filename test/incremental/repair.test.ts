import { describe, expect, it } from 'vitest';
import { repair, type RepairOutcome } from '../../src/incremental/repair.js';
import { changesCsv } from '../../src/incremental/write.js';
import { checkSolution } from '../../src/check/check-solution.js';
import { generateInstance } from '../../src/generate/index.js';
import { Rng } from '../../src/generate/random.js';
import { jsLpEngine } from '../../src/solve/engines/jslp.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import type { PriorResult } from '../../src/incremental/state.js';
import type { Instance } from '../../src/model/schemas.js';
import type { Role } from '../../src/model/vocabulary.js';
import { expert, national } from '../helpers/instance.js';
import { OPTIONS, countyWithPool, ctxOf, round } from '../explain/fixtures.js';

/** A prior result written by hand: county → [expert, role] rows. */
function prior(groups: Record<string, [string, Role][]>, unmatched: PriorResult['unmatched'] = []): PriorResult {
  return { assignments: Object.entries(groups).flatMap(([countyId, rows]) => rows.map(([expertId, role]) => ({ countyId, expertId, role }))), unmatched };
}

async function ok(p: ReturnType<typeof repair>): Promise<RepairOutcome> {
  const r = await p;
  if ('status' in r) throw new Error(JSON.stringify(r.issues));
  return r;
}

function members(out: RepairOutcome, countyId: string): string[] {
  return out.result.assignments.filter((a) => a.countyId === countyId).map((a) => `${a.expertId}:${a.role}`).sort();
}

function changes(out: RepairOutcome): string[] {
  return out.changes.map((c) => `${c.countyId} ${c.change} ${c.expertId} ${c.role}`);
}

/** Counties a and b with their pools; free experts F1, F2 nobody wants (negative affinity keeps them out unless needed). */
function twoCounties(extra: Parameters<typeof round>[1] = {}): Instance {
  return round([countyWithPool('a', 2), countyWithPool('b', 2)], {
    ...extra,
    experts: [expert('F1'), expert('F2'), ...(extra.experts ?? [])],
    affinities: [...['a', 'b'].flatMap((c) => ['F1', 'F2'].map((e) => ({ countyId: c, expertId: e, score: -1 }))), ...(extra.affinities ?? [])],
  });
}

describe('repair', () => {
  it('refills a group from free experts and leaves every other group as it was', async () => {
    const instance = twoCounties();
    const before = prior({ a: [['a-N', 'leader'], ['a-L', 'local'], ['a-M1', 'member']], b: [['b-N', 'leader'], ['b-L', 'local'], ['b-M1', 'member'], ['b-M2', 'member']] });
    const out = await ok(repair(instance, before, { withdraw: ['a-M1'] }, OPTIONS));
    expect(out.affected).toEqual(['a']);
    expect(out.changedCounties).toEqual(['a']);
    expect(members(out, 'b')).toEqual(['b-L:local', 'b-M1:member', 'b-M2:member', 'b-N:leader']);
    expect(members(out, 'a')).toHaveLength(3);
    expect(changes(out)).toEqual(['a removed a-M1 member', expect.stringMatching(/^a added a-M2 member$/)]);
    expect(out.changes[1]!.reason).toBe('replaces a-M1 as member');
    expect(checkSolution(instance, out.result, OPTIONS).violations).toEqual([]);
  });

  it('a leader who withdraws is replaced by a remaining national-level member, as a role change', async () => {
    const instance = twoCounties({ experts: [national('Y')] });
    const before = prior({ a: [['a-N', 'leader'], ['Y', 'member'], ['a-L', 'local'], ['a-M1', 'member']], b: [['b-N', 'leader'], ['b-L', 'local'], ['b-M1', 'member']] });
    const out = await ok(repair(instance, before, { withdraw: ['a-N'] }, OPTIONS));
    expect(changes(out)).toEqual(['a removed a-N leader', 'a role Y leader']);
    expect(out.changes[1]!.reason).toBe('takes over as leader (was member) from a-N, who withdrew');
    expect(checkSolution(instance, out.result, OPTIONS).ok).toBe(true);
  });

  it('takes a member from one other group only when free experts cannot rebuild the group, and logs the move', async () => {
    const instance = twoCounties({ experts: [national('X')] });
    const before = prior({ a: [['a-N', 'leader'], ['a-L', 'local'], ['a-M1', 'member'], ['a-M2', 'member']], b: [['b-N', 'leader'], ['X', 'member'], ['b-L', 'local'], ['b-M1', 'member']] });
    const out = await ok(repair(instance, before, { withdraw: ['a-N'] }, OPTIONS));
    expect(out.affected).toEqual(['a']);
    expect(out.changedCounties).toEqual(['a', 'b']);
    expect(members(out, 'a')).toContain('X:leader');
    expect(members(out, 'b')).toContain('b-N:leader');
    expect(changes(out)).toEqual(['a removed a-N leader', 'a added X leader', 'b removed X member']);
    expect(out.changes[1]!.reason).toBe('replaces a-N as leader; moved from county b (b)');
    expect(out.changes[2]!.reason).toBe('moved to county a (a), whose group lost a-N (leader)');
    expect(checkSolution(instance, out.result, OPTIONS).ok).toBe(true);
  });

  it('keeps the group with a flagged vacancy, its other members unchanged, when no move can rebuild it', async () => {
    const instance = twoCounties();
    const before = prior({ a: [['a-N', 'leader'], ['a-L', 'local'], ['a-M1', 'member'], ['a-M2', 'member']], b: [['b-N', 'leader'], ['b-L', 'local'], ['b-M1', 'member']] });
    const out = await ok(repair(instance, before, { withdraw: ['a-L'] }, OPTIONS));
    // Before: the group was dissolved (a-N, a-M1, a-M2 removed) and a left no-local-scientist.
    expect(out.lost).toEqual([]);
    expect(out.vacant).toEqual(['a']);
    expect(out.result.unmatched).toEqual([expect.objectContaining({ countyId: 'a', reasonCode: 'vacancy' })]);
    expect(out.result.unmatched[0]!.detail).toMatch(/^county a: the group is kept with 3 members, a-N leading; to recruit: 1 local scientist of county a \(H5\) — no other local scientist of county a is free$/);
    expect(out.result.vacancies).toEqual([
      { countyId: 'a', expertId: 'a-N', role: 'leader' }, { countyId: 'a', expertId: 'a-M1', role: 'member' }, { countyId: 'a', expertId: 'a-M2', role: 'member' },
    ]);
    expect(changes(out)).toEqual(['a removed a-L local']);
    expect(out.changes[0]!.reason).toMatch(/^withdrew; no valid replacement: the group is kept with a vacancy/);
    expect(members(out, 'b')).toHaveLength(3);
    // The kept members hold their places; the kept group is not matched and scores nothing.
    expect(out.result.summary).toMatchObject({ matchedCounties: 1, expertsUsed: 6 });
    expect(checkSolution(instance, out.result, OPTIONS).ok).toBe(true);
  });

  it('dissolves only a group that lost every member, with its reason', async () => {
    const instance = twoCounties();
    const before = prior({ a: [['a-N', 'leader'], ['a-L', 'local'], ['a-M1', 'member']], b: [['b-N', 'leader'], ['b-L', 'local'], ['b-M1', 'member']] });
    const out = await ok(repair(instance, before, { withdraw: ['a-N', 'a-L', 'a-M1'] }, OPTIONS));
    expect(out.lost).toEqual(['a']);
    expect(out.vacant).toEqual([]);
    expect(out.result.vacancies).toBeUndefined();
    expect(out.result.unmatched).toEqual([expect.objectContaining({ countyId: 'a', reasonCode: 'no-local-scientist' })]);
    expect(checkSolution(instance, out.result, OPTIONS).ok).toBe(true);
  });

  it('refuses an unknown expert and a result that breaks a rule', async () => {
    const instance = twoCounties();
    const good = prior({ a: [['a-N', 'leader'], ['a-L', 'local'], ['a-M1', 'member']], b: [['b-N', 'leader'], ['b-L', 'local'], ['b-M1', 'member']] });
    const unknown = await repair(instance, good, { withdraw: ['nobody'] }, OPTIONS);
    expect('status' in unknown && unknown.issues[0].message).toMatch(/expert nobody is not in experts\.csv/);
    const bad = prior({ a: [['a-N', 'leader'], ['a-L', 'local']], b: [['b-N', 'leader'], ['b-L', 'local'], ['b-M1', 'member']] });
    const broken = await repair(instance, bad, { withdraw: ['a-L'] }, OPTIONS);
    expect('status' in broken && broken.issues[0].message).toMatch(/the result to repair breaks H3/);
  });

  it('on a solved round: untouched groups stay, the result is checked, the earlier bound is kept', async () => {
    const instance = generateInstance('tiny', 3);
    const solved = await solveExact(ctxOf(instance, { solver: 'exact' }), { engine: jsLpEngine, startedAt: Date.now() });
    const serving = [...new Set(solved.assignments.map((a) => a.expertId))].sort();
    const withdraw = new Rng(3, 'repair-test').sample(serving, 3);
    const out = await ok(repair(instance, solved, { withdraw }));
    expect(checkSolution(instance, out.result, out.result.summary.options).ok).toBe(true);
    for (const c of instance.counties) {
      if (out.changedCounties.includes(c.id)) continue;
      expect(out.result.assignments.filter((a) => a.countyId === c.id)).toEqual(solved.assignments.filter((a) => a.countyId === c.id));
    }
    expect(out.result.assignments.some((a) => withdraw.includes(a.expertId))).toBe(false);
    expect(out.result.summary).toMatchObject({ status: 'feasible', upperBound: solved.summary.upperBound, solver: `repair of ${solved.summary.solver}` });
    expect(changesCsv(out.changes).split('\n')[0]).toBe('county_id,expert_id,change,role,reason');
  });
});
