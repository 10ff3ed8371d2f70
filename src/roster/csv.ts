/**
 * roster.csv: the roster (名单) as one row per member, the county's fields
 * repeated on each row so that a spreadsheet can filter and sort it without
 * losing the group. Unlike the other results files it starts with a UTF-8
 * BOM: it is the one file meant to be opened by hand, and Excel in a Chinese
 * locale reads a BOM-less UTF-8 file as GBK (names turn to mojibake). Every
 * reader of the product removes the BOM.
 */
import { csvText, neutralizeText } from '../io/csv-format.js';
import { LEVEL_LABELS, needKeyLabel, orgTypeLabel, ROLE_LABELS } from '../report/labels.js';
import type { Instance } from '../model/schemas.js';
import type { SolveResult } from '../model/result.js';
import { buildRoster, type RosterGroup } from './model.js';

/** The roster's file name in a results folder. */
export const ROSTER_FILE = 'roster.csv';

/**
 * Columns of roster.csv, always all of them: `convenor` and `liaison` are
 * empty cells when counties.csv does not supply them, so that the file's
 * shape does not depend on the input (a mail merge or a template keeps
 * working, and `check` knows what to expect).
 */
export const ROSTER_COLUMNS = [
  'county_id', 'county_name', 'province', 'prefecture', 'batch', 'convenor', 'liaison', 'vacancy',
  'seq', 'role', 'role_zh', 'expert_id', 'name', 'level', 'level_zh', 'organization', 'org_type', 'org_type_zh',
  'expert_province', 'needs_covered',
] as const;
/** A roster.csv column. */
export type RosterColumn = (typeof ROSTER_COLUMNS)[number];

/** The UTF-8 byte order mark, as text. */
export const BOM = '\uFEFF';

/**
 * The cells of each member's row, by column, as text before CSV quoting and
 * before neutralization: what `rosterCsv` writes and what `check` compares a
 * stored roster with. `needs_covered` lists the needs as `茶叶·加工`,
 * `;`-separated.
 */
export function rosterRows(roster: readonly RosterGroup[]): Record<RosterColumn, string>[] {
  const rows: Record<RosterColumn, string>[] = [];
  for (const g of roster) {
    for (const m of g.members) {
      rows.push({
        county_id: g.countyId, county_name: g.countyName, province: g.province, prefecture: g.prefecture, batch: g.batch,
        convenor: g.convenor, liaison: g.liaison, vacancy: String(g.vacancy),
        seq: String(m.seq), role: m.role, role_zh: ROLE_LABELS[m.role].zh, expert_id: m.expertId, name: m.name,
        level: m.level ?? '', level_zh: m.level ? LEVEL_LABELS[m.level].zh : '',
        organization: m.organization, org_type: m.orgType ?? '', org_type_zh: m.orgType ? orgTypeLabel(m.orgType).zh : '',
        expert_province: m.province, needs_covered: m.covers.map(needKeyLabel).join(';'),
      });
    }
  }
  return rows;
}

/** Columns written as numbers or booleans: not passed through `neutralizeText`. */
const PLAIN: ReadonlySet<RosterColumn> = new Set(['seq', 'vacancy']);

/**
 * roster.csv as text: a BOM, the header, one row per member (see
 * `rosterRows`), `\n` line ends; every text cell neutralized against CSV
 * injection, as in every CSV the product writes.
 *
 * @example
 * const text = rosterCsv(buildRoster(instance, result.assignments, result.unmatched));
 */
export function rosterCsv(roster: readonly RosterGroup[]): string {
  const rows = rosterRows(roster).map((r) => ROSTER_COLUMNS.map((c) => (PLAIN.has(c) ? r[c] : neutralizeText(r[c]))));
  return BOM + csvText(ROSTER_COLUMNS, rows);
}

/**
 * roster.csv of a result, ready for a results set: what `solve`, `solve
 * --batch` and `repair` write beside assignments.csv.
 *
 * @example
 * await writeResults('out/round1', result, { extraFiles: { [ROSTER_FILE]: resultRosterCsv(instance, result) } });
 */
export function resultRosterCsv(instance: Pick<Instance, 'counties' | 'experts'>, result: Pick<SolveResult, 'assignments' | 'unmatched' | 'vacancies'>): string {
  return rosterCsv(buildRoster(instance, result.assignments, result.unmatched, result.vacancies));
}
