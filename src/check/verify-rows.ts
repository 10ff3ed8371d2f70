/**
 * The claims of each row of assignments.csv, recomputed from the input as
 * `assembleResult` computes them: the member's `fit` (its whole term,
 * `memberTerm`: S2 + S3 + S7, and S2b for the leader), the needs
 * it `covers`, and the `reason` sentence built from them. (Its `role` label
 * is checked with the hard rules, by `checkSolution`.)
 */
import { needKey } from '../model/coverage.js';
import type { Assignment } from '../model/schemas.js';
import { memberReason } from '../explain/reasons.js';
import { coveredNeedIndices, leaderTerm, memberFit } from '../objective/score.js';
import { needsOf, type RoundContext } from '../rules/context.js';
import { roleOf } from '../rules/roles.js';
import type { Finding } from './findings.js';

/** assignments.csv writes a fit with 4 decimals: a stored fit may differ from the exact one by half a unit of the last place. */
export const FIT_TOLERANCE = 0.5e-4 + 1e-9;

/** Findings for every row whose fit, covers or reason is not what the input gives. Rows naming an unknown county or expert are left to `checkSolution` (H1). */
export function verifyRows(ctx: RoundContext, assignments: readonly Assignment[]): Finding[] {
  const out: Finding[] = [];
  for (const a of assignments) {
    const county = ctx.countyById.get(a.countyId);
    const expert = ctx.expertById.get(a.expertId);
    if (!county || !expert) continue;
    const at = { file: 'assignments.csv', countyId: a.countyId, expertId: a.expertId };
    const fit = memberFit(ctx, expert, county);
    const lead = a.role === 'leader' ? leaderTerm(ctx, expert, county) : 0;
    const term = fit.fit + lead;
    if (!(Math.abs(a.fit - term) <= FIT_TOLERANCE * Math.max(1, Math.abs(term)))) {
      out.push({ kind: 'false-claim', code: 'row-fit', ...at, field: 'fit', claimed: String(a.fit), actual: term.toFixed(4), message: `expert ${a.expertId} in county ${a.countyId}: the row says fit ${a.fit}, the input gives ${term.toFixed(4)}` });
    }
    const needs = needsOf(ctx, county.id);
    const covers = coveredNeedIndices(ctx, expert, county).map((i) => needKey(needs[i]!));
    if (covers.join(';') !== a.covers.join(';')) {
      out.push({ kind: 'false-claim', code: 'row-covers', ...at, field: 'covers', claimed: a.covers.join(';'), actual: covers.join(';'), message: `expert ${a.expertId} in county ${a.countyId}: the row says it covers "${a.covers.join(';')}", the input gives "${covers.join(';')}"` });
    }
    const role = roleOf(ctx, expert, county, a.role === 'leader');
    const reason = memberReason(expert, county, role, fit, covers, ctx.options.objective, lead);
    if (a.reason !== reason) {
      out.push({ kind: 'false-claim', code: 'row-reason', ...at, field: 'reason', claimed: a.reason, actual: reason, message: `expert ${a.expertId} in county ${a.countyId}: the reason "${a.reason}" is not the one the input gives ("${reason}")` });
    }
  }
  return out;
}
