/**
 * recruitment.csv: one row per expert profile to recruit, per unmatched county.
 */
import { needKey } from '../model/coverage.js';
import { csvText, neutralizeText } from '../io/csv-format.js';
import type { CountyAdvice } from './advice.js';

/** Columns of recruitment.csv. */
export const RECRUITMENT_COLUMNS = ['county_id', 'reason_code', 'profile', 'role', 'level', 'province', 'home_county', 'skills', 'verified', 'minimal', 'why'] as const;

/**
 * recruitment.csv as text. A county with no profile (e.g. contradictory
 * pins) gets one row with profile 0 and the note as `why`. Every text cell
 * (ids, province, skills, why…) is neutralized against CSV injection; the
 * numbers and yes/no cells are written as they are.
 */
export function recruitmentCsv(advice: readonly CountyAdvice[]): string {
  const rows: string[][] = [];
  for (const a of advice) {
    if (a.profiles.length === 0) {
      rows.push([neutralizeText(a.countyId), neutralizeText(a.reasonCode), '0', '', '', '', '', '', String(a.verified), String(a.minimal), neutralizeText(a.note)]);
      continue;
    }
    a.profiles.forEach((p, i) => rows.push([
      ...[a.countyId, a.reasonCode].map(neutralizeText), String(i + 1),
      ...[p.role, p.level, p.province, p.homeCounty ?? '', p.skills.map(needKey).join(';')].map(neutralizeText),
      String(a.verified), String(a.minimal), neutralizeText(p.why),
    ]));
  }
  return csvText(RECRUITMENT_COLUMNS, rows);
}
