/**
 * Telling a misspelled header from an extra column. A header that names no
 * column is usually an extra column (remarks, phone numbers, 性别) and is
 * ignored with a warning; but a header one slip away from a known column
 * (`vetoo`, `capcity`, `熟练程序`) would silently drop every value of that
 * column, so it is refused with "did you mean …".
 *
 * The distance rule (README "Data contract"): headers and names are compared
 * in their `normalizeHeader` form; the distance is the optimal-string-alignment
 * edit distance (one character inserted, deleted or replaced, or two
 * neighbours swapped, each counts 1), over Unicode code points. A header is
 * close to an accepted name (English column, camelCase field or Chinese
 * alias) when the distance is at most 1 for a name of 3 to 7 characters, at
 * most 2 for a name of 8 or more. Names of 1 or 2 characters (`id`, 省, 级别)
 * match only exactly: one changed character in a two-character word is too
 * often another word (性别 "sex" is one character from 级别 "level").
 * Columns the header already names elsewhere are not suggested (a file with
 * `stage` and `state` has an extra column `state`, not a misspelled `stage`).
 */
import { normalizeHeader, type ColumnSpec } from './headers.js';

/**
 * The optimal-string-alignment distance between two strings, over code
 * points, or `max + 1` as soon as it is known to exceed `max`.
 *
 * @example editDistance('capcity', 'capacity') // 1
 */
export function editDistance(a: string, b: string, max = Number.POSITIVE_INFINITY): number {
  const s = Array.from(a);
  const t = Array.from(b);
  if (Math.abs(s.length - t.length) > max) return max + 1;
  let prev2: number[] = [];
  let prev: number[] = Array.from({ length: t.length + 1 }, (_, j) => j);
  for (let i = 1; i <= s.length; i++) {
    const row: number[] = [i];
    let best = i;
    for (let j = 1; j <= t.length; j++) {
      const cost = s[i - 1] === t[j - 1] ? 0 : 1;
      let d = Math.min(prev[j]! + 1, row[j - 1]! + 1, prev[j - 1]! + cost);
      if (i > 1 && j > 1 && s[i - 1] === t[j - 2] && s[i - 2] === t[j - 1]) d = Math.min(d, prev2[j - 2]! + 1);
      row.push(d);
      if (d < best) best = d;
    }
    if (best > max) return max + 1;
    prev2 = prev;
    prev = row;
  }
  return prev[t.length]!;
}

/** The most edits a header may be from a name of this length (in code points) to count as its misspelling; 0: exact only. */
export function allowedSlips(nameLength: number): number {
  if (nameLength < 3) return 0;
  return nameLength < 8 ? 1 : 2;
}

/**
 * The columns a header that names no column is probably a misspelling of
 * (see the rule above), nearest first, then in table order; empty when it is
 * far from every column not already present.
 *
 * @param columns the file's columns
 * @param header the header cell as written
 * @param present English names of the columns the header row already names
 * @example closeColumns(COLUMNS['affinity.csv'], 'vetoo', new Set()) // [the veto column]
 */
export function closeColumns(columns: readonly ColumnSpec[], header: string, present: ReadonlySet<string>): ColumnSpec[] {
  const h = normalizeHeader(header);
  if (h === '') return [];
  const hits: { spec: ColumnSpec; d: number; order: number }[] = [];
  columns.forEach((spec, order) => {
    if (present.has(spec.column)) return;
    let best = Number.POSITIVE_INFINITY;
    for (const name of [spec.column, spec.field, ...spec.aliases]) {
      const n = normalizeHeader(name);
      const max = allowedSlips(Array.from(n).length);
      if (max === 0) continue;
      const d = editDistance(h, n, max);
      if (d <= max && d < best) best = d;
    }
    if (best < Number.POSITIVE_INFINITY) hits.push({ spec, d: best, order });
  });
  return hits.sort((x, y) => x.d - y.d || x.order - y.order).map((x) => x.spec);
}
