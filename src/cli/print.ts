/**
 * Human-readable summaries for the terminal.
 */
import { formatIssue, type InputIssue, type InputWarning } from '../model/issues.js';
import type { SolveResult } from '../model/result.js';
import type { Instance } from '../model/schemas.js';
import type { Terminal } from './terminal.js';

function pad(text: string, width: number): string {
  // CJK characters take two columns in a terminal.
  let w = 0;
  for (const ch of text) w += /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/.test(ch) ? 2 : 1;
  return text + ' '.repeat(Math.max(0, width - w));
}

const STATUS_WORDS: Record<SolveResult['status'], string> = {
  optimal: 'optimal (proven best)',
  feasible: 'feasible (valid; the gap below is proven)',
  'time-limit': 'time limit reached (best valid result so far)',
  infeasible: 'infeasible (no county could be matched)',
};

/**
 * Prints the outcome of a solve: status, counts, score with bound and gap, then one line per county,
 * and the files written (`written`: the folder's listing, read back by the caller).
 */
export function printSolveSummary(term: Terminal, instance: Instance, result: SolveResult, outDir: string, countyLines = 40, written?: readonly string[]): void {
  const s = result.summary;
  term.out(`status     ${STATUS_WORDS[s.status]}`);
  term.out(`counties   ${s.matchedCounties} of ${s.totalCounties} matched${s.matchableUpperBound > s.matchedCounties ? ` (at most ${s.matchableUpperBound} can be)` : ''}`);
  term.out(`experts    ${s.expertsUsed} serving, ${s.expertsFree} free`);
  if (s.groupSizes) term.out(`sizes      ${s.groupSizes.min}–${s.groupSizes.max} members, mean ${s.groupSizes.mean.toFixed(2)}${typeof s.options['targetSize'] === 'number' ? ` (target ${s.options['targetSize']})` : ''}`);
  term.out(`score      ${s.objective.toFixed(2)}   bound ${s.upperBound.toFixed(2)}   gap ${(s.gap * 100).toFixed(2)}%   (${s.objectiveMode} objective)`);
  if (s.weakestGroupScore !== null && s.weakestGroupScore !== undefined) {
    const bound = s.weakestGroupBound ?? Number.POSITIVE_INFINITY;
    term.out(`weakest    ${s.weakestGroupScore.toFixed(2)}   bound ${bound.toFixed(2)}   (lowest group score${s.options['fairness'] === true ? ', raised first: --fairness' : ''})`);
  }
  term.out(`solver     ${s.solver}   ${s.seconds.toFixed(2)} s   seed ${s.seed}`);
  const names = new Map(instance.counties.map((c) => [c.id, c]));
  const experts = new Map(instance.experts.map((e) => [e.id, e]));
  const byCounty = new Map<string, SolveResult['assignments']>();
  for (const a of result.assignments) {
    const list = byCounty.get(a.countyId);
    if (list) list.push(a);
    else byCounty.set(a.countyId, [a]);
  }
  const rows = [...byCounty].slice(0, countyLines);
  if (rows.length > 0) {
    term.out('');
    term.out(`${pad('county', 22)}${pad('leader', 22)}size  local  east  needs covered`);
    for (const [countyId, members] of rows) {
      const county = names.get(countyId);
      const leader = members.find((m) => m.role === 'leader');
      const leaderName = leader ? experts.get(leader.expertId)?.name || leader.expertId : '?';
      const needs = instance.needs.filter((n) => n.countyId === countyId).length;
      const covered = new Set(members.flatMap((m) => m.covers)).size;
      const count = (role: string): number => members.filter((m) => m.role === role).length;
      term.out(`${pad(`${county?.name || countyId}`, 22)}${pad(leaderName, 22)}${pad(String(members.length), 6)}${pad(String(count('local')), 7)}${pad(String(count('east')), 6)}${covered}/${needs}`);
    }
    if (byCounty.size > rows.length) term.out(`… and ${byCounty.size - rows.length} more groups`);
  }
  if (result.unmatched.length > 0) {
    term.out('');
    term.out(`unmatched (${result.unmatched.length}):`);
    for (const u of result.unmatched.slice(0, countyLines)) term.out(`  ${u.countyId}  ${u.reasonCode}: ${u.detail}`);
    if (result.unmatched.length > countyLines) term.out(`  … see unmatched.csv`);
  }
  term.out('');
  // The folder's own listing when the caller read it back, so the line names every file (roster, ledger, report…).
  term.out(`wrote      ${outDir}/${(written ?? ['assignments.csv', 'unmatched.csv', 'summary.json', 'timing.json', 'manifest.json']).join(', ')}`);
}

/** Prints input problems, one per line, with a closing count. */
export function printIssues(term: Terminal, issues: readonly InputIssue[]): void {
  for (const i of issues) term.err(`error: ${formatIssue(i)}`);
  term.err(`${issues.length} problem(s) in the input; nothing was written.`);
}

/** Prints warnings. */
export function printWarnings(term: Terminal, warnings: readonly InputWarning[]): void {
  for (const w of warnings) term.err(`warning: ${formatIssue(w)}`);
}
