/**
 * Two valid results of one round, as `auto` holds them (the scalable
 * solver's and the exact polish's), made into one: the better in the
 * solvers' lexicographic order (pinned counties matched, then the counties
 * matched in each priority tier, then the soft score), with the tightest valid bound of the two.
 *
 * Why the bounds combine: each result's `upperBound` bounds the soft score
 * of every valid result at least as good as itself in that order (and its
 * `matchableUpperBound` the counties any valid result matches). The worse
 * result's bound therefore also covers every result at least as good as
 * the better one, so the minimum of the two is a valid bound for the
 * better one; it is never below the better one's score.
 */
import type { SolveResult } from '../model/result.js';
import type { InputWarning } from '../model/issues.js';
import { relativeGap } from '../objective/gap.js';
import { pinsOf, type RoundContext } from '../rules/context.js';
import { compareStandings, standingOf, type Standing } from '../rules/priority.js';
import { provenStatus } from './assemble.js';

/** Where the result stands in the solvers' order before the score: pinned counties, then each priority tier. */
function standing(ctx: RoundContext, r: SolveResult): Standing {
  return standingOf(ctx, r.assignments.map((a) => a.countyId), (id) => pinsOf(ctx, id).length > 0);
}

/** > 0 when `a` is better than `b` in the solvers' order (pins, tiers, counties, score), < 0 when worse, 0 when equal (scores within 1e-9 relative). */
export function compareResults(ctx: RoundContext, a: SolveResult, b: SolveResult): number {
  const p = compareStandings(standing(ctx, a), standing(ctx, b));
  if (p !== 0) return p;
  const m = a.summary.matchedCounties - b.summary.matchedCounties;
  if (m !== 0) return m;
  const d = a.summary.objective - b.summary.objective;
  return Math.abs(d) <= 1e-9 * Math.max(1, Math.abs(a.summary.objective)) ? 0 : d;
}

/**
 * The better of `first` and `second` (on a tie: a proven optimum, else
 * `first`), with the bounds of both (see the module comment) and the time
 * taken by both. Its status is its own: the combination only tightens the
 * bound and the gap, which may prove it optimal (`provenStatus`).
 */
export function combineResults(ctx: RoundContext, first: SolveResult, second: SolveResult, startedAt: number): SolveResult {
  const order = compareResults(ctx, second, first);
  const secondWins = order > 0 || (order === 0 && second.status === 'optimal' && first.status !== 'optimal');
  const [best, other] = secondWins ? [second, first] : [first, second];
  const s = best.summary;
  const upperBound = Math.max(s.objective, Math.min(s.upperBound, other.summary.upperBound));
  const matchableUpperBound = Math.max(s.matchedCounties, Math.min(s.matchableUpperBound, other.summary.matchableUpperBound));
  const borrowed = upperBound < s.upperBound;
  const status = provenStatus(ctx, best.status, { objective: s.objective, upperBound, matchedCounties: s.matchedCounties, matchableUpperBound }, best.unmatched);
  return {
    ...best,
    status,
    summary: {
      ...s,
      status,
      upperBound,
      gap: relativeGap(s.objective, upperBound),
      matchableUpperBound,
      seconds: (Date.now() - startedAt) / 1000,
      solver: borrowed ? `${s.solver}, bound by ${other.summary.solver}` : s.solver,
    },
  };
}

/** The result with one more warning (code `solver-fallback`) and the time taken so far. */
export function withWarning(result: SolveResult, message: string, startedAt: number): SolveResult {
  const warning: InputWarning = { code: 'solver-fallback', file: 'solve', line: 0, field: 'solver', message };
  return { ...result, warnings: [...result.warnings, warning], summary: { ...result.summary, seconds: (Date.now() - startedAt) / 1000 } };
}
