/**
 * Plain-text forms of explanations, for the terminal and for logs: lines,
 * no colours, numbers rounded to two decimals.
 */
import { needKey } from '../model/coverage.js';
import type { CountyAdvice } from '../recruit/advice.js';
import type { CountyExplanation } from './county.js';
import type { ScoreBreakdown } from './group.js';
import { countyLabel } from './diagnose.js';
import type { PairExplanation } from './pair.js';

function n2(n: number): string {
  const r = Math.round(n * 100) / 100;
  return (r === 0 ? 0 : r).toFixed(2);
}

/** `coverage 80.00 + industry 30.00 + fit 41.20 + leader 9.00 + org types 4.00 − organization 0.00 − size 0.00`. */
function scoreTerms(s: ScoreBreakdown): string {
  return `coverage ${n2(s.coverage)} + industry ${n2(s.industry)} + fit ${n2(s.fit)} + leader ${n2(s.leader)} + org types ${n2(s.orgTypes)} − organization penalty ${n2(s.organizationPenalty)} − size cost ${n2(s.sizeCost)}`;
}

/** A county explanation as lines. */
export function formatCountyExplanation(e: CountyExplanation): string[] {
  const out: string[] = [];
  if (!e.matched) {
    out.push(`${countyLabel(e.county)}: unmatched (${e.reasonCode})`);
    out.push(`  ${e.detail}`);
    out.push(...formatAdvice(e.advice).map((l) => `  ${l}`));
    return out;
  }
  const s = e.score;
  out.push(`${countyLabel(e.county)}: ${e.members.length} members (target ${s.targetSize}), score ${n2(s.total)} = ${scoreTerms(s)}`);
  out.push('');
  out.push('members (role, expert, fit = its whole term, adds to the score, reason):');
  for (const m of e.members) {
    const name = m.name ? ` ${m.name}` : '';
    out.push(`  ${m.role.padEnd(7)} ${m.expertId}${name}  fit ${n2(m.term)}  adds ${n2(m.contribution)}${m.pinned ? '  [pinned]' : ''}`);
    out.push(`          ${m.reason}`);
  }
  if (e.needs.length > 0) {
    out.push('');
    out.push('needs (points when covered by a named skill, covered by):');
    for (const n of e.needs) {
      const how = n.coveredBy.length === 0 ? 'NOT COVERED' : `${n.coveredBy.join(', ')}${n.quality > 0 && n.quality < 1 ? ` (only through a wildcard skill: ${n2(n.quality * n.points)} of ${n2(n.points)})` : ''}`;
      out.push(`  ${n.key}${n.required ? ' (required)' : ''}  ${n2(n.points)}  ${how}`);
    }
  }
  for (const o of e.crowdedOrganizations) out.push(`organization ${o.organization}: ${o.members} members, ${o.excess} beyond the limit (S4 penalty)`);
  return out;
}

/** Recruitment advice as lines. */
export function formatAdvice(a: CountyAdvice): string[] {
  if (a.profiles.length === 0) return [`recruitment: ${a.note}`];
  const head = a.verified
    ? `recruitment: ${a.profiles.length} expert(s) would make it matchable (checked: a valid group exists with them, every other group unchanged${a.score !== undefined ? `, score ${n2(a.score)}` : ''})${a.minimal ? '; no fewer can' : ''}:`
    : 'recruitment (not confirmed by the check):';
  return [head, ...a.profiles.map((p, i) => `  ${i + 1}. ${p.level}-level, ${p.province}${p.homeCounty ? `, home_county ${p.homeCounty}` : ''}${p.skills.length > 0 ? `, skill ${p.skills.map(needKey).join('; ')}` : ''} — as ${p.role}: ${p.why}`)];
}

/** `leader E1; E2, E3`: a re-solved group's member ids, the leader first. */
function members(ids: readonly string[]): string {
  return ids.length === 0 ? '(none)' : `leader ${ids[0]}; ${ids.slice(1).join(', ')}`;
}

/** A pair explanation as lines. */
export function formatPairExplanation(p: PairExplanation): string[] {
  const out = [p.message];
  if (p.kind === 'trade-off') {
    for (const m of p.moves) {
      if (!m.feasible) {
        out.push(`  from ${m.from}: no valid group of ${p.countyId} contains ${p.expertId}`);
        continue;
      }
      out.push(`  from ${m.from}: ${p.countyId} ${m.countyBefore.matched ? n2(m.countyBefore.score) : 'unmatched'} → ${n2(m.countyAfter!.score)}; ${m.from} ${n2(m.donorBefore.score)} → ${m.donorAfter!.matched ? n2(m.donorAfter!.score) : 'unmatched'}; net score ${n2(m.scoreChange)}${m.matchedChange !== 0 ? `, matched ${m.matchedChange > 0 ? '+' : ''}${m.matchedChange}` : ''}`);
      out.push(`    ${p.countyId} would be: ${members(m.countyAfter!.members)}`);
      if (m.donorAfter!.matched) out.push(`    ${m.from} would be: ${members(m.donorAfter!.members)}`);
    }
  }
  if (p.kind === 'not-chosen' && p.move.countyAfter) out.push(`  ${p.countyId} would be: ${members(p.move.countyAfter.members)}`);
  return out;
}
