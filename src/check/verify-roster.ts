/**
 * The claims of roster.csv (the 名单 for 认定 and 公示), checked against the
 * roster derived again from the input and the result's assignments
 * (`buildRoster`): every member of every group is listed once, in roster
 * order, and every cell — county name, 召集人, 联络员, member name, role,
 * level, organization, province, needs covered — is what the input gives.
 * A roster with an edited name, a dropped or added member, or members
 * reordered is refused. The assignments themselves are judged elsewhere
 * (the hard rules, `verifyRows`), so a roster faithful to false rows is
 * refused through those.
 */
import type { VacancyMember } from '../model/result.js';
import type { Assignment, Instance, Unmatched } from '../model/schemas.js';
import { ROSTER_COLUMNS, ROSTER_FILE, rosterRows, type RosterColumn } from '../roster/csv.js';
import { buildRoster } from '../roster/model.js';
import type { StoredRoster } from '../roster/read.js';
import type { Finding } from './findings.js';

type Row = Record<RosterColumn, string>;

function keyOf(countyId: string, expertId: string): string {
  return `${countyId}\u0000${expertId}`;
}

function claim(code: string, message: string, extra: Partial<Finding> = {}): Finding {
  return { kind: 'false-claim', code, file: ROSTER_FILE, ...extra, message };
}

/** Groups rows by their key, keeping each row's order of appearance. */
function byKey<T>(rows: readonly T[], key: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const k = key(r);
    const list = out.get(k);
    if (list) list.push(r);
    else out.set(k, [r]);
  }
  return out;
}

/**
 * Findings for a stored roster.csv that is not the roster of the input and
 * the assignments: a header other than `ROSTER_COLUMNS` (`roster-header`;
 * nothing else is compared then), a row of another width
 * (`roster-row-shape`), a member missing (`roster-missing-row`), listed
 * twice (`roster-duplicate-row`) or not in the assignments
 * (`roster-extra-row`), a cell that differs (`roster-cell`, naming the
 * column), and, when every row is right, rows out of roster order
 * (`roster-order`).
 *
 * @param instance the validated input the result is checked against
 * @param assignments the result's rows, as read back
 * @param unmatched the result's unmatched rows (a `vacancy` row flags a kept group)
 * @param stored roster.csv as read back (`parseRoster`)
 * @param vacancies the members of groups kept with a vacancy (vacancies.csv), listed in the roster too
 * @example
 * const findings = verifyRoster(instance, stored.assignments, stored.unmatched, stored.roster);
 */
export function verifyRoster(
  instance: Pick<Instance, 'counties' | 'experts'>, assignments: readonly Assignment[], unmatched: readonly Pick<Unmatched, 'countyId' | 'reasonCode'>[], stored: StoredRoster,
  vacancies: readonly VacancyMember[] = [],
): Finding[] {
  const header = stored.header.join(',');
  if (header !== ROSTER_COLUMNS.join(',')) {
    return [claim('roster-header', `the header is "${header}", not the roster's columns "${ROSTER_COLUMNS.join(',')}"`, { claimed: header, actual: ROSTER_COLUMNS.join(',') })];
  }
  const out: Finding[] = [];
  const expected = rosterRows(buildRoster(instance, assignments, unmatched, vacancies));
  const found: { line: number; row: Row }[] = [];
  for (const r of stored.rows) {
    if (r.cells.length !== ROSTER_COLUMNS.length) {
      out.push(claim('roster-row-shape', `line ${r.line} has ${r.cells.length} cells, not ${ROSTER_COLUMNS.length}`));
      continue;
    }
    found.push({ line: r.line, row: Object.fromEntries(ROSTER_COLUMNS.map((c, i) => [c, r.cells[i] ?? ''])) as Row });
  }
  const expectedByKey = byKey(expected, (r) => keyOf(r.county_id, r.expert_id));
  const foundByKey = byKey(found, (f) => keyOf(f.row.county_id, f.row.expert_id));
  for (const [key, want] of expectedByKey) {
    const got = foundByKey.get(key) ?? [];
    const first = want[0]!;
    const at = { countyId: first.county_id, expertId: first.expert_id };
    if (got.length < want.length) {
      out.push(claim('roster-missing-row', `expert ${first.expert_id} serves county ${first.county_id} (${first.role}) but roster.csv does not list them`, at));
    } else if (got.length > want.length) {
      out.push(claim('roster-duplicate-row', `expert ${first.expert_id} of county ${first.county_id} is listed ${got.length} times (lines ${got.map((g) => g.line).join(', ')})`, at));
    }
    want.forEach((w, i) => {
      const g = got[i];
      if (!g) return;
      for (const c of ROSTER_COLUMNS) {
        if (g.row[c] === w[c]) continue;
        out.push(claim('roster-cell', `line ${g.line}, county ${w.county_id}, expert ${w.expert_id}: ${c} is "${g.row[c]}", the input and the assignments give "${w[c]}"`, { ...at, field: c, claimed: g.row[c], actual: w[c] }));
      }
    });
  }
  for (const [key, got] of foundByKey) {
    if (expectedByKey.has(key)) continue;
    for (const g of got) out.push(claim('roster-extra-row', `line ${g.line} lists expert ${g.row.expert_id} in county ${g.row.county_id}'s group, which the assignments do not`, { countyId: g.row.county_id, expertId: g.row.expert_id }));
  }
  if (out.length === 0) {
    const wrong = found.findIndex((f, i) => keyOf(f.row.county_id, f.row.expert_id) !== keyOf(expected[i]!.county_id, expected[i]!.expert_id));
    if (wrong >= 0) {
      const f = found[wrong]!;
      const w = expected[wrong]!;
      out.push(claim('roster-order', `line ${f.line} lists expert ${f.row.expert_id} of county ${f.row.county_id}, where the roster order (counties as the report orders them; leader, locals, East–West, others; then by expert id) puts expert ${w.expert_id} of county ${w.county_id}`, { countyId: f.row.county_id, expertId: f.row.expert_id }));
    }
  }
  return out;
}
