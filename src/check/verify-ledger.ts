/**
 * The membership ledger (ledger.csv, 台账) of a stored result, verified
 * against the result's own groups and, when given, its parent result,
 * trusting neither:
 *
 * - its rows: `seq` 1, 2, 3, …; dates that never go back; runs (blocks of
 *   one parent manifest) each of one date, the first with no parent, every
 *   later one with one;
 * - replayed from no groups at all, it gives exactly this result's groups
 *   (members, roles, vacancies): a dropped, added or edited event shows;
 * - its last run's events are exactly the changes (`ledgerChanges`) from
 *   the groups before that run — the parent's groups with `parent`, else
 *   those the earlier rows replay to — to this result's, reasons included;
 *   the experts it says withdrew are those of changes.csv;
 * - with `parent` (`check --parent DIR`): the rows before this run's are
 *   the parent's ledger, byte for byte (or, for a parent without one, the
 *   opening of its groups), this run's rows name the parent's manifest
 *   hash, and the parent's ledger replays to the parent's groups;
 * - every group kept with a vacancy is the group before the run minus the
 *   experts who withdrew (its other members unchanged), when the run has a
 *   parent to compare with.
 */
import { ledgerBlocks, ledgerCells, LEDGER_FILE, type LedgerRow } from '../io/ledger.js';
import { appendLedger, ledgerChanges, membershipDifference, membershipOf, replayLedger, type LedgerChange, type LedgerParent, type Memberships, type MembershipSource } from '../io/ledger-events.js';
import type { Finding } from './findings.js';

/** What the ledger's check found, and what it could not check. */
export interface LedgerCheck {
  findings: Finding[];
  /** The result has a ledger.csv. */
  present: boolean;
  /** Rows of the ledger. */
  events: number;
  /** Runs (blocks) of the ledger. */
  runs: number;
  /** `verified`: the parent was given and the link checked; `not-given`: the ledger names a parent that was not given; `none`: the ledger has no parent. */
  parent: 'verified' | 'not-given' | 'none';
  /** Counties kept with a vacancy whose members could not be compared with a parent's group (no parent in the ledger). */
  unverifiedVacancies: string[];
}

function finding(code: string, message: string, extra: Partial<Finding> = {}): Finding {
  return { kind: 'false-claim', code, file: LEDGER_FILE, message, ...extra };
}

const sameChange = (a: LedgerChange, b: LedgerChange): boolean => a.event === b.event && a.countyId === b.countyId && a.expertId === b.expertId && a.role === b.role && a.reason === b.reason;
const words = (c: LedgerChange): string => `${c.event} ${c.countyId}${c.expertId ? ` ${c.expertId}` : ''}${c.role ? ` (${c.role})` : ''}: ${c.reason}`;

/** Row-level findings: seq, dates, blocks. */
function shapeFindings(rows: readonly LedgerRow[]): Finding[] {
  const out: Finding[] = [];
  rows.forEach((r, i) => {
    if (r.seq !== i + 1) out.push(finding('ledger-row', `row ${i + 1} has seq ${r.seq}: the ledger is numbered 1, 2, 3, … without gaps (an event was dropped or moved?)`, { field: 'seq' }));
    const prev = rows[i - 1];
    if (prev && r.date < prev.date) out.push(finding('ledger-row', `row ${i + 1} is dated ${r.date}, before row ${i} (${prev.date}): the ledger runs forward in time`, { field: 'date' }));
  });
  ledgerBlocks(rows).forEach((b, k) => {
    if (k === 0 && b.parentManifest !== '') out.push(finding('ledger-row', `the ledger's first run names a parent (${b.parentManifest.slice(0, 16)}…): the opening run of a first solve has none`, { field: 'parent_manifest' }));
    if (k > 0 && b.parentManifest === '') out.push(finding('ledger-row', `rows ${b.start + 1}–${b.end} name no parent, but only the opening run may have none`, { field: 'parent_manifest' }));
    const dates = new Set(rows.slice(b.start, b.end).map((r) => r.date));
    if (dates.size > 1) out.push(finding('ledger-row', `rows ${b.start + 1}–${b.end} are one run (one parent) with ${dates.size} dates: a run has one date`, { field: 'date' }));
  });
  return out;
}

/** The first difference between a run's rows and the expected changes, as a finding, or undefined. */
function compareRun(rows: readonly LedgerRow[], expected: readonly LedgerChange[], first: number, what: string): Finding | undefined {
  const n = Math.max(rows.length, expected.length);
  for (let i = 0; i < n; i++) {
    const got = rows[i];
    const want = expected[i];
    if (got && want && sameChange(got, want)) continue;
    const where = `row ${first + i + 1}`;
    if (!got) return finding('ledger-events', `${what} misses ${expected.length - rows.length} event(s), from "${words(want!)}" (an event was dropped?)`, { field: 'event' });
    if (!want) return finding('ledger-events', `${what} has ${rows.length - expected.length} event(s) more than the change of the groups, from ${where} "${words(got)}"`, { field: 'event' });
    return finding('ledger-events', `${where} says "${words(got)}", but the change of the groups gives "${words(want)}"`, { field: 'event', countyId: got.countyId, ...(got.expertId ? { expertId: got.expertId } : {}), claimed: words(got), actual: words(want) });
  }
  return undefined;
}

/** Experts a run's rows say withdrew (from a group, or from the pool). */
function withdrewIn(rows: readonly LedgerRow[]): Set<string> {
  return new Set(rows.filter((r) => (r.event === 'leave' && r.reason === 'withdrew') || r.event === 'withdraw').map((r) => r.expertId));
}

/** Kept groups that are not the group before the run minus the withdrawn. */
function vacancyFindings(before: Memberships, after: Memberships, withdrew: ReadonlySet<string>): Finding[] {
  const out: Finding[] = [];
  for (const [countyId, m] of after) {
    if (m.vacancy === undefined) continue;
    const b = before.get(countyId);
    const expected = [...(b?.members.keys() ?? [])].filter((e) => !withdrew.has(e)).sort();
    const kept = [...m.members.keys()].sort();
    if (expected.join('\u0000') === kept.join('\u0000')) continue;
    out.push({
      kind: 'false-claim', code: 'vacancy-not-kept', file: 'vacancies.csv', countyId, claimed: kept.join(';'), actual: expected.join(';'),
      message: b === undefined
        ? `county ${countyId} is kept with a vacancy, but it had no group before this run: a vacancy keeps a published group`
        : `county ${countyId}'s kept group (${kept.join(', ')}) is not its group before this run minus those who withdrew (${expected.join(', ') || 'nobody'}): a vacancy keeps the other members unchanged`,
    });
  }
  return out;
}

/**
 * Verifies a stored result's ledger (see the module comment). `withdrawn`:
 * the experts changes.csv says withdrew; `parent`: the parent result as
 * read back (`readResultDir`), when given.
 */
export function verifyLedger(current: MembershipSource & { ledger?: readonly LedgerRow[] }, withdrawn: ReadonlySet<string>, parent?: LedgerParent): LedgerCheck {
  const rows = current.ledger;
  if (rows === undefined) {
    const findings = parent ? [finding('ledger-missing', 'the result has no ledger.csv, but continues a parent result: each repair and batch run carries the ledger forward')] : [];
    return { findings, present: false, events: 0, runs: 0, parent: parent ? 'verified' : 'none', unverifiedVacancies: [] };
  }
  const findings = shapeFindings(rows);
  const blocks = ledgerBlocks(rows);
  const now = membershipOf(current);
  const replay = replayLedger(rows);
  for (const p of replay.problems.slice(0, 20)) findings.push(finding('ledger-replay', `row ${p.seq}: ${p.message}`, { field: 'event' }));
  const differs = membershipDifference(replay.state, now, 'the ledger', 'the result');
  if (differs) findings.push(finding('ledger-state', `replayed from the start, the ledger does not give the result's groups: ${differs} (an event was dropped, added or edited?)`));

  // This run's rows: after the parent's ledger when the parent is given, else the last block.
  const parentRows = parent ? (parent.ledger ?? appendLedger([], ledgerChanges(new Map(), membershipOf(parent)), rows[0]?.date ?? '', '')) : undefined;
  const start = parentRows ? parentRows.length : (blocks[blocks.length - 1]?.start ?? 0);
  const run = rows.slice(start);
  const before = parent ? membershipOf(parent) : replayLedger(rows.slice(0, start)).state;
  const withdrew = withdrewIn(run);
  const leaving = [...withdrawn].sort();
  if (withdrawn.size > 0 && leaving.join('\u0000') !== [...withdrew].sort().join('\u0000')) {
    findings.push(finding('ledger-events', `the ledger's last run says ${[...withdrew].sort().join(', ') || 'nobody'} withdrew, changes.csv says ${leaving.join(', ')}`, { field: 'reason' }));
  }
  const mismatch = compareRun(run, ledgerChanges(before, now, withdrew), start, parent ? 'this run\'s part of the ledger' : 'the ledger\'s last run');
  if (mismatch) findings.push(mismatch);

  let link: LedgerCheck['parent'] = blocks.some((b) => b.parentManifest !== '') ? 'not-given' : 'none';
  if (parent && parentRows) {
    link = 'verified';
    if (rows.length < parentRows.length) findings.push(finding('ledger-parent', `the ledger has ${rows.length} rows, fewer than the parent's ${parentRows.length}: it does not continue the parent's ledger`));
    const at = parentRows.findIndex((p, i) => rows[i] !== undefined && JSON.stringify(ledgerCells(p)) !== JSON.stringify(ledgerCells(rows[i]!)));
    if (at >= 0) findings.push(finding('ledger-parent', `row ${at + 1} differs from the parent's ledger${parent.ledger ? '' : ' (the opening of the parent\'s groups: it has no ledger)'}: the rows before this run's must be the parent's, unchanged`, { field: 'event' }));
    const wrong = run.find((r) => r.parentManifest !== parent.manifestHash);
    if (wrong) findings.push(finding('ledger-parent', `row ${wrong.seq} names parent ${wrong.parentManifest.slice(0, 16) || '(none)'}…, but the parent given has manifest ${parent.manifestHash.slice(0, 16)}…`, { field: 'parent_manifest', claimed: wrong.parentManifest, actual: parent.manifestHash }));
    if (parent.ledger) {
      const own = membershipDifference(replayLedger(parent.ledger).state, membershipOf(parent), 'the parent\'s ledger', 'the parent\'s result');
      if (own) findings.push(finding('ledger-parent', `the parent's own ledger does not give its groups: ${own}`));
    }
  }
  // A kept group is the group before minus the withdrawn: only where "before" is a parent's (not the opening of a first solve).
  const hasParent = parent !== undefined || (blocks[blocks.length - 1]?.parentManifest ?? '') !== '';
  const vacant = [...now].filter(([, m]) => m.vacancy !== undefined).map(([c]) => c);
  if (hasParent) findings.push(...vacancyFindings(before, now, withdrew));
  return { findings, present: true, events: rows.length, runs: blocks.length, parent: link, unverifiedVacancies: hasParent ? [] : vacant };
}
