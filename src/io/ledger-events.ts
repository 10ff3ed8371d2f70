/**
 * Which ledger events a change of the groups gives, and the groups a ledger
 * describes. One pure function of two memberships (`ledgerChanges`) gives
 * every run's events, so the writer and the checker compute the same rows:
 * a run's block must equal the changes from the groups before it to the
 * groups of its result, and replaying the whole ledger (`replayLedger`)
 * must give the result's groups. A ledger that lies about a member, a role,
 * a date or its parent is caught by comparison, not by trusting it.
 *
 * Events of a run: first a `withdraw` for each expert the run says withdrew
 * who served no group (`withdrew from the pool`), by expert id; then by
 * county (ids sorted), in the order of `LEDGER_EVENTS`, then by expert id:
 * - `leave` for each member gone, with reason `withdrew` (the run says the
 *   expert withdrew), `moved to C` (the expert joins county C in the same
 *   run), `group dissolved` (the county has no member left) or `left the
 *   group`;
 * - `role` for each member whose role changed (`was R`);
 * - for each member added: `fill` when the county had a vacancy (`fills the
 *   vacancy`); else `replace` when a member of the same role left (paired in
 *   id order; `replaces E`); else `join` (`group formed` for a county that
 *   had no member, else `joins the group`); `; moved from C` is added when
 *   the expert left county C in the same run;
 * - `fill` without an expert (`vacancy closed`) when a vacancy ends with no
 *   one added (e.g. under other options);
 * - `vacancy` when the county now has a vacancy and had none, or another
 *   one, or members filled part of it; its reason is the county's detail in
 *   unmatched.csv.
 */
import type { Assignment, Unmatched } from '../model/schemas.js';
import type { Role } from '../model/vocabulary.js';
import { InputError } from '../model/issues.js';
import { isLedgerDate, type LedgerRow } from './ledger.js';

/** One county's group as the ledger sees it: members with their roles, and its vacancy detail when it is kept with a vacancy. */
export interface Membership {
  readonly members: ReadonlyMap<string, Role>;
  /** The vacancy detail (unmatched.csv), when the group is kept with a vacancy. */
  readonly vacancy?: string;
}

/** Every county's group, by county id; counties without members are absent. */
export type Memberships = ReadonlyMap<string, Membership>;

/** The rows a membership is read from: a result (in memory or read back). */
export interface MembershipSource {
  readonly assignments: readonly Pick<Assignment, 'countyId' | 'expertId' | 'role'>[];
  /** Members of groups kept with a vacancy (vacancies.csv). */
  readonly vacancies?: readonly Pick<Assignment, 'countyId' | 'expertId' | 'role'>[];
  readonly unmatched?: readonly Pick<Unmatched, 'countyId' | 'reasonCode' | 'detail'>[];
}

/** The groups of a result: its assignments and its kept groups, each vacancy with its detail. */
export function membershipOf(result: MembershipSource): Map<string, Membership> {
  const members = new Map<string, Map<string, Role>>();
  for (const a of [...result.assignments, ...(result.vacancies ?? [])]) {
    let m = members.get(a.countyId);
    if (!m) members.set(a.countyId, (m = new Map()));
    m.set(a.expertId, a.role);
  }
  const vacant = new Set((result.vacancies ?? []).map((v) => v.countyId));
  const details = new Map((result.unmatched ?? []).filter((u) => u.reasonCode === 'vacancy' && vacant.has(u.countyId)).map((u) => [u.countyId, u.detail]));
  const out = new Map<string, Membership>();
  for (const [countyId, m] of members) {
    const vacancy = details.get(countyId);
    out.set(countyId, vacancy === undefined ? { members: m } : { members: m, vacancy });
  }
  return out;
}

/** A ledger event without its place in the ledger (seq, date, parent). */
export type LedgerChange = Pick<LedgerRow, 'event' | 'countyId' | 'expertId' | 'role' | 'reason'>;

const EMPTY: Membership = { members: new Map() };

function byText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * The events that turn `before` into `after` (see the module comment).
 * `withdrawn`: experts the run says withdrew (a repair's list).
 */
export function ledgerChanges(before: Memberships, after: Memberships, withdrawn: ReadonlySet<string> = new Set()): LedgerChange[] {
  const counties = [...new Set([...before.keys(), ...after.keys()])].sort(byText);
  // Where each expert goes to and comes from in this run, for the words of a move.
  const addedTo = new Map<string, string[]>();
  const removedFrom = new Map<string, string[]>();
  for (const c of counties) {
    const b = before.get(c) ?? EMPTY;
    const a = after.get(c) ?? EMPTY;
    for (const e of a.members.keys()) if (!b.members.has(e)) addedTo.set(e, [...(addedTo.get(e) ?? []), c]);
    for (const e of b.members.keys()) if (!a.members.has(e)) removedFrom.set(e, [...(removedFrom.get(e) ?? []), c]);
  }
  const served = new Set([...before.values()].flatMap((m) => [...m.members.keys()]));
  const out: LedgerChange[] = [...withdrawn].filter((e) => !served.has(e)).sort(byText).map((e) => ({ event: 'withdraw', countyId: '', expertId: e, role: '', reason: 'withdrew from the pool' }));
  for (const c of counties) {
    const b = before.get(c) ?? EMPTY;
    const a = after.get(c) ?? EMPTY;
    const removed = [...b.members.keys()].filter((e) => !a.members.has(e)).sort(byText);
    const added = [...a.members.keys()].filter((e) => !b.members.has(e)).sort(byText);
    const movedFrom = (e: string): string => {
      const from = (removedFrom.get(e) ?? []).find((d) => d !== c);
      return from === undefined ? '' : `; moved from ${from}`;
    };
    for (const e of removed) {
      const to = withdrawn.has(e) ? undefined : (addedTo.get(e) ?? []).find((d) => d !== c);
      const reason = withdrawn.has(e) ? 'withdrew' : to !== undefined ? `moved to ${to}` : a.members.size === 0 ? 'group dissolved' : 'left the group';
      out.push({ event: 'leave', countyId: c, expertId: e, role: b.members.get(e)!, reason });
    }
    for (const [e, role] of [...a.members].sort(([x], [y]) => byText(x, y))) {
      const was = b.members.get(e);
      if (was !== undefined && was !== role) out.push({ event: 'role', countyId: c, expertId: e, role, reason: `was ${was}` });
    }
    const wasVacant = b.vacancy !== undefined && b.members.size > 0;
    const replaced = new Map<Role, string[]>();
    for (const e of removed) {
      const role = b.members.get(e)!;
      replaced.set(role, [...(replaced.get(role) ?? []), e]);
    }
    const fills: LedgerChange[] = [];
    const replaces: LedgerChange[] = [];
    const joins: LedgerChange[] = [];
    for (const e of added) {
      const role = a.members.get(e)!;
      if (wasVacant) {
        fills.push({ event: 'fill', countyId: c, expertId: e, role, reason: `fills the vacancy${movedFrom(e)}` });
        continue;
      }
      const whom = replaced.get(role)?.shift();
      if (whom !== undefined) replaces.push({ event: 'replace', countyId: c, expertId: e, role, reason: `replaces ${whom}${movedFrom(e)}` });
      else joins.push({ event: 'join', countyId: c, expertId: e, role, reason: `${b.members.size === 0 ? 'group formed' : 'joins the group'}${movedFrom(e)}` });
    }
    if (wasVacant && a.vacancy === undefined && fills.length === 0 && a.members.size > 0) fills.push({ event: 'fill', countyId: c, expertId: '', role: '', reason: 'vacancy closed' });
    out.push(...replaces, ...fills, ...joins);
    if (a.vacancy !== undefined && a.members.size > 0 && (!wasVacant || b.vacancy !== a.vacancy || fills.length > 0)) {
      out.push({ event: 'vacancy', countyId: c, expertId: '', role: '', reason: a.vacancy });
    }
  }
  return out;
}

/** What replaying a ledger gives: the groups it describes, and the rows that do not apply (a member joining twice, leaving a group it is not in). */
export interface Replay {
  state: Map<string, Membership>;
  /** One message per row that does not apply, with its seq. */
  problems: { seq: number; message: string }[];
}

/** The groups a ledger describes, applying its rows in order to no groups at all. */
export function replayLedger(rows: readonly LedgerRow[]): Replay {
  const members = new Map<string, Map<string, Role>>();
  const vacancy = new Map<string, string>();
  const problems: Replay['problems'] = [];
  for (const r of rows) {
    if (r.event === 'withdraw') continue;
    let m = members.get(r.countyId);
    if (!m) members.set(r.countyId, (m = new Map()));
    switch (r.event) {
      case 'join':
      case 'replace':
      case 'fill':
        if (r.event === 'fill') vacancy.delete(r.countyId);
        if (r.expertId === '') break;
        if (m.has(r.expertId)) problems.push({ seq: r.seq, message: `${r.expertId} ${r.event}s county ${r.countyId}, whose group they are already in` });
        m.set(r.expertId, r.role as Role);
        break;
      case 'leave':
        if (!m.delete(r.expertId)) problems.push({ seq: r.seq, message: `${r.expertId} leaves county ${r.countyId}, whose group they are not in` });
        if (m.size === 0) vacancy.delete(r.countyId);
        break;
      case 'role':
        if (!m.has(r.expertId)) problems.push({ seq: r.seq, message: `${r.expertId} changes role in county ${r.countyId}, whose group they are not in` });
        else m.set(r.expertId, r.role as Role);
        break;
      case 'vacancy':
        if (m.size === 0) problems.push({ seq: r.seq, message: `county ${r.countyId} is said to be kept with a vacancy, but has no member` });
        vacancy.set(r.countyId, r.reason);
        break;
    }
  }
  const state = new Map<string, Membership>();
  for (const [c, m] of members) {
    if (m.size === 0) continue;
    const v = vacancy.get(c);
    state.set(c, v === undefined ? { members: m } : { members: m, vacancy: v });
  }
  return { state, problems };
}

/** The first difference between two memberships, in words, or undefined when they are the same. */
export function membershipDifference(a: Memberships, b: Memberships, aName: string, bName: string): string | undefined {
  for (const c of [...new Set([...a.keys(), ...b.keys()])].sort(byText)) {
    const x = a.get(c) ?? EMPTY;
    const y = b.get(c) ?? EMPTY;
    for (const [e, role] of [...x.members].sort(([p], [q]) => byText(p, q))) {
      const other = y.members.get(e);
      if (other === undefined) return `${aName} has ${e} (${role}) in county ${c}, ${bName} does not`;
      if (other !== role) return `${aName} has ${e} as ${role} of county ${c}, ${bName} as ${other}`;
    }
    for (const [e, role] of [...y.members].sort(([p], [q]) => byText(p, q))) if (!x.members.has(e)) return `${bName} has ${e} (${role}) in county ${c}, ${aName} does not`;
    if (x.vacancy !== y.vacancy) return `${aName} ${x.vacancy === undefined ? 'has no vacancy' : 'has a vacancy'} in county ${c}, ${bName} ${y.vacancy === undefined ? 'has none' : x.vacancy === undefined ? 'has one' : 'another one'}`;
  }
  return undefined;
}

/** The rows of `changes` numbered after `prefix`, with the run's date and parent manifest. */
export function appendLedger(prefix: readonly LedgerRow[], changes: readonly LedgerChange[], date: string, parentManifest: string): LedgerRow[] {
  const start = prefix.length;
  return [...prefix, ...changes.map((c, i): LedgerRow => ({ seq: start + i + 1, date, ...c, parentManifest }))];
}

/** The result a ledger continues: its groups, its own ledger (when it has one) and the SHA-256 of its manifest.json. */
export interface LedgerParent extends MembershipSource {
  /** SHA-256 of the parent's manifest.json text (`readResultDir` gives it). */
  readonly manifestHash: string;
  /** The parent's ledger.csv rows; absent for a result written without one (its groups are then opened first). */
  readonly ledger?: readonly LedgerRow[];
}

/** How a results set's ledger is made. */
export interface LedgerSpec {
  /** The run's date, `YYYY-MM-DD` (UTC); `todayUtc()` is the CLI's default. */
  readonly date: string;
  /** The result this run continues; absent for a first solve (the opening block). */
  readonly parent?: LedgerParent;
  /** Experts the run says withdrew (a repair's `--withdraw`). */
  readonly withdrawn?: readonly string[];
}

/**
 * The ledger of a result: the parent's ledger and this run's events (the
 * changes from the parent's groups to the result's), or for a first solve
 * the opening block (a `join` per member). A parent written without a
 * ledger is opened first (its groups as joins, dated this run, with an
 * empty parent), so that the ledger replays to the result's groups.
 * @throws InputError when the date is not `YYYY-MM-DD`, or is before the parent ledger's last date
 */
export function ledgerFor(result: MembershipSource, spec: LedgerSpec): LedgerRow[] {
  const { date, parent } = spec;
  const issue = (message: string): InputError => new InputError([{ code: 'bad-options', file: 'ledger.csv', line: 0, field: 'date', message, value: date }]);
  if (!isLedgerDate(date)) throw issue(`the ledger date ${date} is not a date written YYYY-MM-DD`);
  const current = membershipOf(result);
  if (parent === undefined) return appendLedger([], ledgerChanges(new Map(), current), date, '');
  const before = membershipOf(parent);
  const last = parent.ledger?.[parent.ledger.length - 1]?.date;
  if (last !== undefined && date < last) throw issue(`the ledger date ${date} is before ${last}, the last date of the parent result's ledger: a ledger runs forward in time`);
  const prefix = parent.ledger ?? appendLedger([], ledgerChanges(new Map(), before), date, '');
  return appendLedger(prefix, ledgerChanges(before, current, new Set(spec.withdrawn ?? [])), date, parent.manifestHash);
}

/**
 * Experts a ledger says withdrew (a `leave` with reason `withdrew`, or a
 * `withdraw` from the pool) and who
 * have joined no group since: a later repair or batch run does not give
 * them a place again, and `check` does not count them as free, unless the
 * input's experts.csv is what changed (an expert who comes back is added
 * to a group by a solve, not by a repair).
 */
export function withdrawnInLedger(rows: readonly LedgerRow[]): Set<string> {
  const out = new Set<string>();
  for (const r of rows) {
    if ((r.event === 'leave' && r.reason === 'withdrew') || r.event === 'withdraw') out.add(r.expertId);
    else if ((r.event === 'join' || r.event === 'replace' || r.event === 'fill') && r.expertId !== '') out.delete(r.expertId);
  }
  return out;
}
