/**
 * Issue 10, item 8: `repair` keeps a group with a flagged vacancy when no
 * valid replacement exists (动态管理), instead of dissolving it. The kept
 * members hold their places, the detail says what to recruit, a later
 * repair fills the vacancy once a recruit is in the pool, and `check`
 * (verifyResult) accepts exactly the vacant places and nothing else.
 */
import { describe, expect, it } from 'vitest';
import { repair, type RepairOutcome } from '../../src/incremental/repair.js';
import { checkSolution } from '../../src/check/check-solution.js';
import { verifyResult } from '../../src/check/verify-result.js';
import { hashInstance } from '../../src/model/instance-hash.js';
import type { PriorResult } from '../../src/incremental/state.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import type { Role } from '../../src/model/vocabulary.js';
import { eastern, expert, local, makeInstance, national, pairWest } from '../helpers/instance.js';
import { ledgerFor } from '../../src/io/ledger-events.js';
import { recruitmentAdvice } from '../../src/recruit/advice.js';
import { OPTIONS, countyWithPool, required, round, skill } from '../explain/fixtures.js';

function prior(groups: Record<string, [string, Role][]>): PriorResult {
  return { assignments: Object.entries(groups).flatMap(([countyId, rows]) => rows.map(([expertId, role]) => ({ countyId, expertId, role }))), unmatched: [] };
}

async function ok(p: ReturnType<typeof repair>): Promise<RepairOutcome> {
  const r = await p;
  if ('status' in r) throw new Error(JSON.stringify(r.issues));
  return r;
}

/** The repaired result as `readResultDir` would give it back (what `check` judges). */
function stored(r: SolveResult, withdrawn: string[]): Parameters<typeof verifyResult>[1] {
  const { seconds: _s, ...summary } = r.summary;
  return { assignments: r.assignments, unmatched: r.unmatched, ...(r.vacancies ? { vacancies: r.vacancies } : {}), summary, withdrawn };
}

/** Counties a and b with their own pools; free experts F1, F2 that nobody wants. */
function twoCounties(extra: Parameters<typeof round>[1] = {}): Instance {
  return round([countyWithPool('a', 2), countyWithPool('b', 2)], {
    ...extra,
    experts: [expert('F1'), expert('F2'), ...(extra.experts ?? [])],
    affinities: [...['a', 'b'].flatMap((c) => ['F1', 'F2'].map((e) => ({ countyId: c, expertId: e, score: -1 }))), ...(extra.affinities ?? [])],
  });
}

const A_AND_B = prior({ a: [['a-N', 'leader'], ['a-L', 'local'], ['a-M1', 'member'], ['a-M2', 'member']], b: [['b-N', 'leader'], ['b-L', 'local'], ['b-M1', 'member']] });

describe('repair keeps a group with a flagged vacancy', () => {
  it('the kept members hold their places: a county that needs them cannot take them', async () => {
    // Both groups lose what only the other could give: a its local (none free), b its leader (a-N is the only other national).
    const instance = twoCounties();
    const out = await ok(repair(instance, A_AND_B, { withdraw: ['a-L', 'b-N'] }, OPTIONS));
    // Before: a was dissolved, freeing a-N, and b was refilled with it as leader.
    expect(out.vacant).toEqual(['a', 'b']);
    expect(out.result.vacancies?.filter((v) => v.countyId === 'a').map((v) => v.expertId)).toEqual(['a-N', 'a-M1', 'a-M2']);
    expect(out.result.vacancies?.filter((v) => v.countyId === 'b').map((v) => `${v.expertId}:${v.role}`)).toEqual(['b-L:local', 'b-M1:member']);
    const b = out.result.unmatched.find((u) => u.countyId === 'b')!;
    expect(b.detail).toBe('county b: the group is kept with 2 members, nobody leading; to recruit: 1 national-level leader (H4) — no free expert may lead it');
    expect(checkSolution(instance, out.result, OPTIONS).ok).toBe(true);
  });

  it('names an uncovered required need and a missing East–West scientist', async () => {
    const instance = round([countyWithPool('a', 2)], {
      experts: [eastern('a-E'), expert('F1')],
      pairings: [pairWest()],
      needs: [required('a', 'tea')],
      skills: [skill('a-E', 'tea')],
    });
    const before = prior({ a: [['a-N', 'leader'], ['a-L', 'local'], ['a-E', 'east'], ['a-M1', 'member']] });
    const out = await ok(repair(instance, before, { withdraw: ['a-E'] }, OPTIONS));
    expect(out.vacant).toEqual(['a']);
    expect(out.result.unmatched[0]!.detail).toMatch(/to recruit: 1 scientist from E \(H6, besides the leader\); a member holding tea\/production \(H7\) — too few scientists from E are free; no free expert holds tea\/production$/);
    expect(checkSolution(instance, out.result, OPTIONS).ok).toBe(true);
  });

  it('a later repair fills the vacancy once a recruit is in the pool (no withdrawal needed), never with the expert who withdrew', async () => {
    const instance = twoCounties();
    const first = await ok(repair(instance, A_AND_B, { withdraw: ['a-L'] }, OPTIONS));
    expect(first.vacant).toEqual(['a']);
    // The repaired result as read back: its ledger says a-L withdrew.
    const ledger = ledgerFor(first.result, { date: '2024-05-01', parent: { ...A_AND_B, manifestHash: 'a'.repeat(64) }, withdrawn: first.withdrawn });
    const repaired = { ...first.result, ledger };
    // a-L is still in experts.csv with a place, but withdrew: the vacancy stays.
    const again = await ok(repair(instance, repaired, { withdraw: [] }, OPTIONS));
    expect(again.vacant).toEqual(['a']);
    expect(again.changes).toEqual([]);
    // The county recommends a new local scientist; the pool gains them.
    const recruited: Instance = makeInstance({ ...instance, experts: [...instance.experts, local('a-L2', 'a')] });
    const second = await ok(repair(recruited, repaired, { withdraw: [] }, OPTIONS));
    expect(second.vacant).toEqual([]);
    expect(second.filled).toEqual(['a']);
    expect(second.result.assignments.filter((a) => a.countyId === 'a').map((a) => a.expertId).sort()).toEqual(['a-L2', 'a-M1', 'a-M2', 'a-N']);
    expect(second.changes.map((c) => `${c.countyId} ${c.change} ${c.expertId} ${c.reason}`)).toEqual(['a added a-L2 joins as local to fill the group\'s vacancy']);
    expect(second.changedCounties).toEqual(['a']);
    expect(checkSolution(recruited, second.result, OPTIONS).ok).toBe(true);
    // Its ledger events: a fill for the recruit, after the earlier rows.
    const next = ledgerFor(second.result, { date: '2024-05-02', parent: { ...repaired, manifestHash: 'b'.repeat(64) } });
    expect(next.slice(ledger.length).map((r) => `${r.event} ${r.countyId} ${r.expertId} ${r.role} ${r.reason}`)).toEqual(['fill a a-L2 local fills the vacancy']);
  });

  it('check accepts the vacant places and nothing else', async () => {
    const instance = twoCounties();
    const out = await ok(repair(instance, A_AND_B, { withdraw: ['a-L'] }, OPTIONS));
    const good = stored(out.result, out.withdrawn);
    const report = verifyResult(instance, good, out.result.summary.options);
    expect(report.findings).toEqual([]);
    expect(report.vacancies).toEqual(['a']);
    // A kept member over capacity: b-M1 cannot also hold a place in a's kept group (H2).
    const twice = verifyResult(instance, { ...good, vacancies: [...good.vacancies!, { countyId: 'a', expertId: 'b-M1', role: 'member' }] }, out.result.summary.options);
    expect(twice.findings.map((f) => `${f.rule ?? ''} ${f.code}`)).toContain('H2 over-capacity');
    // A local scientist of another county in the kept group breaks H5, vacancy or not.
    const elsewhere = verifyResult(instance, { ...good, vacancies: [...good.vacancies!.filter((v) => v.expertId !== 'a-M2'), { countyId: 'a', expertId: 'b-L', role: 'local' }] }, out.result.summary.options);
    expect(elsewhere.findings.map((f) => `${f.rule ?? ''} ${f.code}`)).toContain('H5 local-elsewhere');
    // A detail that does not state the kept group and its shortfall.
    const detail = verifyResult(instance, { ...good, unmatched: good.unmatched.map((u) => ({ ...u, detail: 'county a: the group is kept with 3 members, a-N leading; to recruit: 2 more members to reach 3 (H3)' })) }, out.result.summary.options);
    expect(detail.findings.map((f) => f.code)).toEqual(['vacancy-detail']);
    // A vacancy that a free expert would fill: the input gains a free local scientist of a.
    const withFree: Instance = makeInstance({ ...instance, experts: [...instance.experts, local('a-L9', 'a')] });
    const refuted = verifyResult(withFree, { ...good, summary: { ...good.summary!, inputHash: hashInstance(withFree) } }, out.result.summary.options);
    expect(refuted.findings.map((f) => f.code)).toContain('false-reason');
    expect(refuted.findings.find((f) => f.code === 'false-reason')!.message).toMatch(/adding a-L9/);
    // A complete group said to be vacant.
    const complete = verifyResult(withFree, { ...good, vacancies: [...good.vacancies!, { countyId: 'a', expertId: 'a-L9', role: 'local' }], summary: { ...good.summary!, inputHash: hashInstance(withFree), expertsUsed: 7, expertsFree: 4 } }, out.result.summary.options);
    expect(complete.findings.map((f) => f.code)).toEqual(['false-reason']);
    expect(complete.findings[0]!.message).toMatch(/lack nothing the rules ask of a group/);
    // A vacancy without kept members.
    const empty = verifyResult(instance, { ...good, vacancies: [] }, out.result.summary.options);
    expect(empty.findings.map((f) => f.code)).toContain('false-reason');
  });

  it('a leader who withdraws is replaced by a kept national-level member before the leader place is called vacant', async () => {
    const instance = twoCounties({ experts: [national('Y')] });
    // a loses its leader and its local: Y (national) takes over as leader, the local place stays vacant.
    const before = prior({ a: [['a-N', 'leader'], ['Y', 'member'], ['a-L', 'local'], ['a-M1', 'member']], b: [['b-N', 'leader'], ['b-L', 'local'], ['b-M1', 'member']] });
    const out = await ok(repair(instance, before, { withdraw: ['a-N', 'a-L'] }, OPTIONS));
    expect(out.vacant).toEqual(['a']);
    expect(out.result.vacancies?.map((v) => `${v.expertId}:${v.role}`)).toEqual(['Y:leader', 'a-M1:member']);
    expect(out.result.unmatched[0]!.detail).toMatch(/kept with 2 members, Y leading; to recruit: 1 local scientist of county a \(H5\)/);
    expect(checkSolution(instance, out.result, OPTIONS).ok).toBe(true);
  });
});

describe('recruitment advice for a group kept with a vacancy', () => {
  it('lists exactly its vacant places, checked with the kept members in the group', async () => {
    const instance = twoCounties();
    const out = await ok(repair(instance, A_AND_B, { withdraw: ['a-L'] }, OPTIONS));
    const [advice] = await recruitmentAdvice(instance, out.result, OPTIONS);
    // Before: the kept members' places were not theirs, and the advice planned a whole new group.
    expect(advice).toMatchObject({ countyId: 'a', reasonCode: 'vacancy', verified: true, minimal: true });
    expect(advice!.profiles.map((p) => `${p.role} ${p.homeCounty ?? ''}`)).toEqual(['local a']);
  });
});
