/**
 * Issue 10, item 8: the membership ledger (台账). Which events a change of
 * the groups gives (`ledgerChanges`), that a ledger replays to the groups it
 * was written for, its text, its dates, and how a run continues a parent.
 */
import { describe, expect, it } from 'vitest';
import { LEDGER_COLUMNS, ledgerCsv, ledgerBlocks, parseLedgerCells, ledgerCells, isLedgerDate, todayUtc, type LedgerRow } from '../../src/io/ledger.js';
import { ledgerChanges, ledgerFor, membershipOf, membershipDifference, replayLedger, withdrawnInLedger, type MembershipSource } from '../../src/io/ledger-events.js';
import { InputError } from '../../src/model/issues.js';
import type { Role } from '../../src/model/vocabulary.js';

/** A result written by hand: county → [expert, role] rows; `vacant`: county → detail. */
function result(groups: Record<string, [string, Role][]>, vacant: Record<string, { members: [string, Role][]; detail: string }> = {}): MembershipSource {
  return {
    assignments: Object.entries(groups).flatMap(([countyId, rows]) => rows.map(([expertId, role]) => ({ countyId, expertId, role }))),
    vacancies: Object.entries(vacant).flatMap(([countyId, v]) => v.members.map(([expertId, role]) => ({ countyId, expertId, role }))),
    unmatched: Object.entries(vacant).map(([countyId, v]) => ({ countyId, reasonCode: 'vacancy' as const, detail: v.detail })),
  };
}

const words = (rows: readonly Pick<LedgerRow, 'event' | 'countyId' | 'expertId' | 'role' | 'reason'>[]): string[] => rows.map((r) => `${r.event} ${r.countyId} ${r.expertId} ${r.role} ${r.reason}`.replace(/\s+/g, ' ').trim());

const FIRST = result({ a: [['N1', 'leader'], ['L1', 'local'], ['M1', 'member']], b: [['N2', 'leader'], ['L2', 'local'], ['X', 'member']] });

describe('ledger events', () => {
  it('a first solve opens the ledger: a join per member, no parent, numbered from 1', () => {
    const rows = ledgerFor(FIRST, { date: '2024-03-01' });
    expect(words(rows)).toEqual([
      'join a L1 local group formed', 'join a M1 member group formed', 'join a N1 leader group formed',
      'join b L2 local group formed', 'join b N2 leader group formed', 'join b X member group formed',
    ]);
    expect(rows.map((r) => r.seq)).toEqual([1, 2, 3, 4, 5, 6]);
    expect(new Set(rows.map((r) => `${r.date} ${r.parentManifest}`))).toEqual(new Set(['2024-03-01 ']));
    expect(ledgerCsv(rows).split('\n')[0]).toBe(LEDGER_COLUMNS.join(','));
    expect(ledgerCsv(rows).split('\n')[1]).toBe('1,2024-03-01,join,a,L1,local,group formed,');
  });

  it('a repair gives leave, role, replace, join and a move between groups, in that order per county', () => {
    // a: N1 withdrew, M1 takes over as leader; X moves from b to a as member; b gets Y in X's place.
    const after = result({ a: [['M1', 'leader'], ['L1', 'local'], ['X', 'member']], b: [['N2', 'leader'], ['L2', 'local'], ['Y', 'member']] });
    expect(words(ledgerChanges(membershipOf(FIRST), membershipOf(after), new Set(['N1'])))).toEqual([
      'leave a N1 leader withdrew', 'role a M1 leader was member', 'join a X member joins the group; moved from b',
      'leave b X member moved to a', 'replace b Y member replaces X',
    ]);
  });

  it('a kept group: leaves and one vacancy event with the detail; a later fill closes it', () => {
    const vacant = result({ b: [['N2', 'leader'], ['L2', 'local'], ['X', 'member']] }, { a: { members: [['N1', 'leader'], ['M1', 'member']], detail: 'a: kept; to recruit: 1 local' } });
    const first = ledgerChanges(membershipOf(FIRST), membershipOf(vacant), new Set(['L1']));
    expect(words(first)).toEqual(['leave a L1 local withdrew', 'vacancy a a: kept; to recruit: 1 local']);
    const filled = result({ a: [['N1', 'leader'], ['M1', 'member'], ['L9', 'local']], b: [['N2', 'leader'], ['L2', 'local'], ['X', 'member']] });
    expect(words(ledgerChanges(membershipOf(vacant), membershipOf(filled)))).toEqual(['fill a L9 local fills the vacancy']);
    // A group that loses every member is dissolved; one kept unchanged gives no event.
    expect(words(ledgerChanges(membershipOf(vacant), membershipOf(result({ b: [['N2', 'leader'], ['L2', 'local'], ['X', 'member']] }))))).toEqual(['leave a M1 member group dissolved', 'leave a N1 leader group dissolved']);
    expect(ledgerChanges(membershipOf(vacant), membershipOf(vacant))).toEqual([]);
  });

  it('replaying a ledger gives the groups it was written for, run after run', () => {
    const vacant = result({ b: [['N2', 'leader'], ['L2', 'local'], ['X', 'member']] }, { a: { members: [['N1', 'leader'], ['M1', 'member']], detail: 'kept' } });
    const filled = result({ a: [['N1', 'leader'], ['M1', 'member'], ['L9', 'local']], b: [['N2', 'leader'], ['Y', 'member'], ['L2', 'local']] });
    const one = ledgerFor(FIRST, { date: '2024-03-01' });
    const two = ledgerFor(vacant, { date: '2024-03-02', parent: { ...FIRST, ledger: one, manifestHash: '1'.repeat(64) }, withdrawn: ['L1'] });
    const three = ledgerFor(filled, { date: '2024-03-02', parent: { ...vacant, ledger: two, manifestHash: '2'.repeat(64) } });
    expect(three.slice(0, two.length)).toEqual(two);
    expect(ledgerBlocks(three).map((b) => b.parentManifest.slice(0, 1))).toEqual(['', '1', '2']);
    for (const [rows, groups] of [[one, FIRST], [two, vacant], [three, filled]] as const) {
      const replay = replayLedger(rows);
      expect(replay.problems).toEqual([]);
      expect(membershipDifference(replay.state, membershipOf(groups), 'ledger', 'result')).toBeUndefined();
    }
    expect([...withdrawnInLedger(three)]).toEqual(['L1']);
    // A dropped event shows in the replay.
    expect(membershipDifference(replayLedger(three.filter((r) => r.seq !== 2)).state, membershipOf(filled), 'ledger', 'result')).toMatch(/M1/);
  });

  it('a parent written without a ledger is opened first (its groups as joins), then the run follows', () => {
    const after = result({ a: [['N1', 'leader'], ['L1', 'local'], ['M2', 'member']], b: [['N2', 'leader'], ['L2', 'local'], ['X', 'member']] });
    const rows = ledgerFor(after, { date: '2024-04-01', parent: { ...FIRST, manifestHash: 'f'.repeat(64) }, withdrawn: ['M1'] });
    expect(ledgerBlocks(rows).map((b) => [b.parentManifest.slice(0, 1), b.end - b.start])).toEqual([['', 6], ['f', 2]]);
    expect(words(rows.slice(6))).toEqual(['leave a M1 member withdrew', 'replace a M2 member replaces M1']);
  });

  it('refuses a date that is not YYYY-MM-DD, or before the parent ledger\'s last date', () => {
    expect(() => ledgerFor(FIRST, { date: '2024-02-30' })).toThrow(InputError);
    expect(() => ledgerFor(FIRST, { date: '1/3/2024' })).toThrow(/not a date written YYYY-MM-DD/);
    const one = ledgerFor(FIRST, { date: '2024-03-05' });
    expect(() => ledgerFor(FIRST, { date: '2024-03-04', parent: { ...FIRST, ledger: one, manifestHash: '1'.repeat(64) } })).toThrow(/before 2024-03-05/);
    expect(isLedgerDate('2024-02-29')).toBe(true);
    expect(isLedgerDate('2023-02-29')).toBe(false);
    expect(todayUtc(new Date('2024-12-31T23:59:59Z'))).toBe('2024-12-31');
  });

  it('parses its own rows back, and says which cell is wrong', () => {
    for (const r of ledgerFor(FIRST, { date: '2024-03-01' })) expect(parseLedgerCells(ledgerCells(r))).toEqual({ ok: true, row: r });
    const good = ledgerCells(ledgerFor(FIRST, { date: '2024-03-01' })[0]!);
    expect(parseLedgerCells({ ...good, seq: '0' })).toMatchObject({ ok: false, field: 'seq' });
    expect(parseLedgerCells({ ...good, event: 'promote' })).toMatchObject({ ok: false, field: 'event' });
    expect(parseLedgerCells({ ...good, role: '' })).toMatchObject({ ok: false, field: 'role' });
    expect(parseLedgerCells({ ...good, parentManifest: 'abc' })).toMatchObject({ ok: false, field: 'parent_manifest' });
    expect(parseLedgerCells({ ...good, event: 'vacancy' })).toMatchObject({ ok: false, field: 'expert_id' });
  });
});
