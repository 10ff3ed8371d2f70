/**
 * A result folder as a tamperer edits it: the CSV rows as raw cells (so a
 * neutralized cell stays as written), summary.json as an object, and a
 * "smart" re-summary that makes the summary agree with edited rows, so that
 * a tamper is caught by what the rows mean, not by a careless count.
 */
import { readFile, rm, writeFile } from 'node:fs/promises';
import { existsSync } from 'node:fs';
import path from 'node:path';
import { checkSolution } from '../../src/check/check-solution.js';
import type { Instance } from '../../src/model/schemas.js';
import { groupScore } from '../../src/objective/score.js';
import { buildContext } from '../../src/rules/context.js';
import { resolveOptions } from '../../src/model/options.js';
import type { Role } from '../../src/model/vocabulary.js';

/** Splits CSV text into records of raw cells (RFC 4180 quotes). */
export function parseCsv(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') { cell += '"'; i++; } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') { row.push(cell); cell = ''; } else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      row.push(cell); rows.push(row); row = []; cell = '';
    } else cell += ch;
  }
  if (cell !== '' || row.length > 0) { row.push(cell); rows.push(row); }
  return rows;
}

/** Joins records into CSV text, quoting cells that need it, `\n` line ends. */
export function csvOf(rows: readonly (readonly string[])[]): string {
  return rows.map((r) => r.map((c) => (/[",\n\r]/.test(c) ? `"${c.replace(/"/g, '""')}"` : c)).join(',')).join('\n') + '\n';
}

/** A results folder held in memory for editing. */
export interface Folder {
  /** Header row of assignments.csv. */
  aHead: string[];
  /** Data rows: county_id, expert_id, role, fit, covers, reason. */
  assignments: string[][];
  uHead: string[];
  /** Data rows: county_id, reason_code, detail. */
  unmatched: string[][];
  /** summary.json, or undefined to delete it. */
  summary: Record<string, unknown> | undefined;
  /** pinned.csv text to write into the folder, if any. */
  pinnedCsv?: string;
}

/** Reads a results folder for editing. */
export async function readFolder(dir: string): Promise<Folder> {
  const a = parseCsv(await readFile(path.join(dir, 'assignments.csv'), 'utf8'));
  const u = parseCsv(await readFile(path.join(dir, 'unmatched.csv'), 'utf8'));
  return {
    aHead: a[0]!, assignments: a.slice(1).filter((r) => r.length > 1),
    uHead: u[0]!, unmatched: u.slice(1).filter((r) => r.length > 1),
    summary: JSON.parse(await readFile(path.join(dir, 'summary.json'), 'utf8')) as Record<string, unknown>,
  };
}

/** Writes the edited files back (the others, e.g. timing.json, stay). */
export async function writeFolder(dir: string, f: Folder): Promise<void> {
  await writeFile(path.join(dir, 'assignments.csv'), csvOf([f.aHead, ...f.assignments]));
  await writeFile(path.join(dir, 'unmatched.csv'), csvOf([f.uHead, ...f.unmatched]));
  const summary = path.join(dir, 'summary.json');
  if (f.summary === undefined) {
    if (existsSync(summary)) await rm(summary);
  } else await writeFile(summary, JSON.stringify(f.summary, null, 2) + '\n');
  if (f.pinnedCsv !== undefined) await writeFile(path.join(dir, 'pinned.csv'), f.pinnedCsv);
}

/** (bound − score) / max(|bound|, 1e-9), as the solver writes it (kept here so that the kit does not lean on the code under test). */
function gapOf(objective: number, bound: number): number {
  const g = (bound - objective) / Math.max(Math.abs(bound), 1e-9);
  return g < 1e-9 ? 0 : g;
}

/**
 * Makes the summary agree with the (edited) rows, as a careful tamperer
 * would: score, matched counties, experts used and free, weakest group,
 * and a bound and gap consistent with the new score. Policy options.
 */
export function resummarize(f: Folder, instance: Instance): void {
  if (!f.summary) return;
  const ctx = buildContext(instance, resolveOptions({}));
  const assignments = f.assignments.map((r) => ({ countyId: r[0]!, expertId: r[1]!, role: r[2] as Role }));
  const report = checkSolution(instance, { assignments, unmatched: f.unmatched.map((r) => ({ countyId: r[0]!, reasonCode: r[1] as never })) });
  const groups = new Map<string, string[]>();
  for (const a of assignments) groups.set(a.countyId, [...(groups.get(a.countyId) ?? []), a.expertId]);
  let weakest: number | null = null;
  const leaders = new Map(assignments.filter((a) => a.role === 'leader').map((a) => [a.countyId, a.expertId]));
  for (const [c, ids] of groups) {
    const members = ids.map((id) => ctx.expertById.get(id)).filter((e) => e !== undefined);
    const county = ctx.countyById.get(c);
    if (!county) continue;
    const s = groupScore(ctx, county, members, leaders.get(c)).total;
    if (weakest === null || s < weakest) weakest = s;
  }
  const used = new Set(assignments.map((a) => a.expertId));
  const s = f.summary;
  const bound = Math.max(Number(s['upperBound'] ?? report.objective), report.objective);
  Object.assign(s, {
    objective: report.objective, upperBound: bound, gap: gapOf(report.objective, bound),
    matchedCounties: groups.size, expertsUsed: used.size, expertsFree: instance.experts.length - used.size,
    weakestGroupScore: weakest,
    weakestGroupBound: weakest === null ? null : Math.max(Number(s['weakestGroupBound'] ?? weakest), weakest),
  });
}
