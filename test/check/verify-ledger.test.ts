/**
 * Issue 10, item 8: `verifyLedger`, the chain check of ledger.csv, on
 * hand-written results: a kept group must be the group before minus the
 * withdrawn, a run's withdrawals must be changes.csv's, and the link to a
 * given parent is proven.
 */
import { describe, expect, it } from 'vitest';
import { verifyLedger } from '../../src/check/verify-ledger.js';
import { ledgerFor, type MembershipSource } from '../../src/io/ledger-events.js';
import type { Role } from '../../src/model/vocabulary.js';

function result(groups: Record<string, [string, Role][]>, vacant: Record<string, [string, Role][]> = {}): MembershipSource {
  return {
    assignments: Object.entries(groups).flatMap(([countyId, rows]) => rows.map(([expertId, role]) => ({ countyId, expertId, role }))),
    vacancies: Object.entries(vacant).flatMap(([countyId, rows]) => rows.map(([expertId, role]) => ({ countyId, expertId, role }))),
    unmatched: Object.keys(vacant).map((countyId) => ({ countyId, reasonCode: 'vacancy' as const, detail: `${countyId} kept` })),
  };
}

const PARENT = result({ a: [['N1', 'leader'], ['L1', 'local'], ['M1', 'member']], b: [['N2', 'leader'], ['L2', 'local']] });
const PARENT_HASH = '1'.repeat(64);
const parent = { ...PARENT, manifestHash: PARENT_HASH, ledger: ledgerFor(PARENT, { date: '2024-05-01' }) };

describe('verifyLedger', () => {
  it('a repair that keeps a group with a vacancy passes, with and without the parent', () => {
    const kept = result({ b: [['N2', 'leader'], ['L2', 'local']] }, { a: [['N1', 'leader'], ['M1', 'member']] });
    const ledger = ledgerFor(kept, { date: '2024-05-02', parent, withdrawn: ['L1'] });
    expect(verifyLedger({ ...kept, ledger }, new Set(['L1'])).findings).toEqual([]);
    const linked = verifyLedger({ ...kept, ledger }, new Set(['L1']), parent);
    expect(linked.findings).toEqual([]);
    expect(linked).toMatchObject({ present: true, runs: 2, parent: 'verified', unverifiedVacancies: [] });
    expect(verifyLedger({ ...kept, ledger }, new Set(['L1'])).parent).toBe('not-given');
  });

  it('a kept group that is not the group before minus the withdrawn is refused (vacancy-not-kept)', () => {
    // Only L1 withdrew, yet M1 is gone from the kept group too: a ledger written for it is consistent, the vacancy is not.
    const shrunk = result({ b: [['N2', 'leader'], ['L2', 'local']] }, { a: [['N1', 'leader']] });
    const ledger = ledgerFor(shrunk, { date: '2024-05-02', parent, withdrawn: ['L1'] });
    const codes = verifyLedger({ ...shrunk, ledger }, new Set(['L1']), parent).findings.map((f) => f.code);
    expect(codes).toEqual(['vacancy-not-kept']);
    expect(verifyLedger({ ...shrunk, ledger }, new Set(['L1'])).findings.map((f) => f.code)).toEqual(['vacancy-not-kept']);
  });

  it('withdrawals that are not changes.csv\'s, a wrong parent hash and an edited parent prefix are refused', () => {
    const kept = result({ b: [['N2', 'leader'], ['L2', 'local']] }, { a: [['N1', 'leader'], ['M1', 'member']] });
    const ledger = ledgerFor(kept, { date: '2024-05-02', parent, withdrawn: ['L1'] });
    expect(verifyLedger({ ...kept, ledger }, new Set(['L1', 'N2'])).findings.map((f) => f.code)).toEqual(['ledger-events']);
    const other = { ...parent, manifestHash: '2'.repeat(64) };
    expect(verifyLedger({ ...kept, ledger }, new Set(['L1']), other).findings.map((f) => f.code)).toEqual(['ledger-parent']);
    const edited = ledger.map((r, i) => (i === 0 ? { ...r, date: '2024-04-30' } : r));
    expect(verifyLedger({ ...kept, ledger: edited }, new Set(['L1']), parent).findings.map((f) => f.code)).toEqual(['ledger-row', 'ledger-parent']);
    // A result with no ledger said to continue a parent.
    expect(verifyLedger(kept, new Set(['L1']), parent).findings.map((f) => f.code)).toEqual(['ledger-missing']);
    expect(verifyLedger(kept, new Set(['L1'])).present).toBe(false);
  });
});
