import { describe, expect, it } from 'vitest';
import { solveBatch } from '../../src/incremental/batch.js';
import { checkSolution } from '../../src/check/check-solution.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { expert, national } from '../helpers/instance.js';
import { OPTIONS as SMALL_OPTIONS, countyWithPool, round, solveSmall } from '../explain/fixtures.js';

/**
 * The small rounds with a target size of 3: each county's own pool (3–5
 * experts) then suffices, as these tests assume; at the default target
 * (clamped to the largest group, 5) a group takes other counties' experts
 * for the size term (S6), which is the objective's business, not a batch's.
 */
const OPTIONS = { ...SMALL_OPTIONS, targetSize: 3 };

/** Two batches that want the same star expert S (capacity 1): batch 1 takes it, batch 2 must do without. */
function twoBatches(): Instance {
  return round([countyWithPool('a', 3, { batch: '1' }), countyWithPool('b', 3, { batch: '2' }), countyWithPool('c', 3, { batch: '3' })], {
    experts: [national('S')],
    affinities: [{ countyId: 'a', expertId: 'S', score: 5 }, { countyId: 'b', expertId: 'S', score: 9 }],
  });
}

function groupsOf(r: SolveResult): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const a of r.assignments) (out[a.countyId] ??= []).push(`${a.expertId}:${a.role}`);
  return out;
}

async function ok(p: ReturnType<typeof solveBatch>): Promise<SolveResult> {
  const r = await p;
  if (r.status === 'invalid') throw new Error(JSON.stringify(r.issues));
  return r;
}

describe('solveBatch', () => {
  it('solves one batch; counties of other batches wait as not-solved; the picture passes the checker', async () => {
    const instance = twoBatches();
    const first = await ok(solveBatch(instance, { batch: '1' }, OPTIONS));
    expect(Object.keys(groupsOf(first))).toEqual(['a']);
    expect(groupsOf(first)['a']!.some((m) => m.startsWith('S:'))).toBe(true);
    expect(first.unmatched.map((u) => `${u.countyId}:${u.reasonCode}`)).toEqual(['b:not-solved', 'c:not-solved']);
    expect(first.unmatched[0]!.detail).toMatch(/batch 2, not part of this run \(batch 1\); solve it with --batch 2/);
    expect(first.summary.solver).toMatch(/^batch 1 of exact\//);
    expect(checkSolution(instance, first, OPTIONS).ok).toBe(true);
  });

  it('a later batch keeps earlier groups unchanged and never reuses their experts\' places', async () => {
    const instance = twoBatches();
    const first = await ok(solveBatch(instance, { batch: '1' }, OPTIONS));
    const second = await ok(solveBatch(instance, { batch: '2', previous: first }, OPTIONS));
    const g1 = groupsOf(first);
    const g2 = groupsOf(second);
    expect(g2['a']).toEqual(g1['a']);
    expect(g2['b']).toBeDefined();
    // S prefers b (9 > 5), but a holds it from batch 1: b does without.
    expect(g2['b']!.some((m) => m.startsWith('S:'))).toBe(false);
    expect(second.unmatched.map((u) => `${u.countyId}:${u.reasonCode}`)).toEqual(['c:not-solved']);
    // Written afresh for this run, not copied from batch 1's.
    expect(second.unmatched[0]!.detail).toMatch(/batch 3, not part of this run \(batch 2\); solve it with --batch 3/);
    expect(checkSolution(instance, second, OPTIONS).ok).toBe(true);
    expect(second.summary.matchedCounties).toBe(2);
    // Assignments alone will do as the earlier result.
    const fromRows = await ok(solveBatch(instance, { batch: '2', previous: first.assignments }, OPTIONS));
    expect(groupsOf(fromRows)).toEqual(g2);
    // A whole solve gives S to b: the batch rule is what kept it with a.
    const whole = await solveSmall(instance, OPTIONS);
    expect(groupsOf(whole)['b']!.some((m) => m.startsWith('S:'))).toBe(true);
    const third = await ok(solveBatch(instance, { batch: '3', previous: second }, OPTIONS));
    expect(groupsOf(third)['a']).toEqual(g1['a']);
    expect(groupsOf(third)['b']).toEqual(g2['b']);
    expect(third.unmatched).toEqual([]);
  });

  it('earlier groups may come from pinned.csv: a complete pinned group of another batch stands', async () => {
    const base = twoBatches();
    const pins = ['a-N', 'a-L', 'a-M1', 'a-M2'].map((expertId) => ({ countyId: 'a', expertId }));
    const instance = { ...base, pins };
    const r = await ok(solveBatch(instance, { batch: '2' }, OPTIONS));
    expect(groupsOf(r)['a']!.sort()).toEqual(['a-L:local', 'a-M1:member', 'a-M2:member', 'a-N:leader']);
    expect(groupsOf(r)['b']!.some((m) => m.startsWith('S:'))).toBe(true);
    expect(checkSolution(instance, r, OPTIONS).ok).toBe(true);
  });

  it('refuses an unknown batch, an earlier result naming unknown experts, and a batch pin on an expert used up earlier', async () => {
    const instance = twoBatches();
    const unknown = await solveBatch(instance, { batch: '9' }, OPTIONS);
    expect(unknown.status === 'invalid' && unknown.issues[0].message).toMatch(/no county has batch 9; the batches are 1, 2, 3/);
    const ghost = await solveBatch(instance, { batch: '2', previous: [{ countyId: 'a', expertId: 'ghost', role: 'leader' }] }, OPTIONS);
    expect(ghost.status === 'invalid' && ghost.issues[0].message).toMatch(/expert ghost, which is not in the input/);
    const first = await ok(solveBatch(instance, { batch: '1' }, OPTIONS));
    const clash = await solveBatch({ ...instance, pins: [{ countyId: 'b', expertId: 'S' }] }, { batch: '2', previous: first }, OPTIONS);
    expect(clash.status === 'invalid' && clash.issues[0].message).toMatch(/expert S is pinned to 1 county\(ies\) of batch 2, but earlier groups and other pins use 1 of its 1 place/);
  });

  /**
   * Bug (issue #4 item 4, "check reports later-batch pins as missing"): a
   * county outside the batch kept the earlier result's reason even when it
   * had gained pins since, and the batch result was checked without those
   * pins, so `check` on the written folder (which reads pinned.csv) reported
   * them missing. Here c (batch 3) has no local scientist; the earlier result
   * was solved before c's leader was pinned.
   */
  it('a county outside the batch whose earlier verdict ignored its pins waits as not-solved; the output passes the checker with every pin', async () => {
    const c = { counties: [{ id: 'c', name: 'county c', province: 'W', batch: '3' }], experts: [national('c-N'), expert('c-M1'), expert('c-M2'), expert('c-M3')] };
    const unpinned = round([countyWithPool('a', 3, { batch: '1' }), countyWithPool('b', 3, { batch: '2' }), c]);
    const earlier = await solveSmall(unpinned, OPTIONS);
    expect(earlier.unmatched.map((u) => `${u.countyId}:${u.reasonCode}`)).toEqual(['c:no-local-scientist']);
    const pinned: Instance = { ...unpinned, pins: [{ countyId: 'c', expertId: 'c-N', role: 'leader' }] };
    const second = await ok(solveBatch(pinned, { batch: '2', previous: earlier }, OPTIONS));
    const cRow = second.unmatched.find((u) => u.countyId === 'c');
    expect(cRow?.reasonCode).toBe('not-solved');
    expect(cRow?.detail).toMatch(/batch 3, not part of this run \(batch 2\).*no-local-scientist/);
    expect(checkSolution(pinned, second, OPTIONS).violations).toEqual([]);
  });

  it('pins of the batch and of earlier groups are still enforced', async () => {
    const instance = twoBatches();
    const earlier = await solveSmall(instance, OPTIONS);
    const outsider = instance.experts.find((e) => !earlier.assignments.some((a) => a.countyId === 'a' && a.expertId === e.id) && e.homeCounty === undefined && e.level !== 'national')!;
    // An earlier group that does not hold its county's pin is refused, not passed over.
    const broken = await solveBatch({ ...instance, pins: [{ countyId: 'a', expertId: outsider.id }] }, { batch: '2', previous: earlier }, OPTIONS);
    expect(broken.status === 'invalid' && broken.issues[0].message).toMatch(/an earlier group breaks H9/);
    // A pin of the batch stays in its group.
    const withPin: Instance = { ...instance, pins: [{ countyId: 'b', expertId: 'c-M1' }] };
    const second = await ok(solveBatch(withPin, { batch: '2', previous: earlier.assignments.filter((a) => a.countyId === 'a') }, OPTIONS));
    expect(groupsOf(second)['b']).toContain('c-M1:member');
    expect(checkSolution(withPin, second, OPTIONS).ok).toBe(true);
  });
});
