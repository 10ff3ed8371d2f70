/**
 * The `auto` strategy. javascript-lp-solver proves small rounds optimal, but
 * its time is erratic (DESIGN section 5; a 78-binary round with many ties
 * was seen to take 46 s). So a small round is first solved by the scalable
 * solver, which is fast and often proves its own optimum; only when a gap
 * remains does the exact solver run, with the time left, and the better
 * valid answer is returned.
 */
import type { InputWarning } from '../model/issues.js';
import type { Progress } from '../model/options.js';
import type { SolveResult } from '../model/result.js';
import type { RoundContext } from '../rules/context.js';
import { jsLpEngine } from './engines/jslp.js';
import { solveExact } from './exact/solve-exact.js';
import { solveScalable } from './scalable/index.js';

/** Settings of an `auto` solve. */
export interface AutoSettings {
  startedAt: number;
  warnings?: readonly InputWarning[];
  onProgress?: (progress: Progress) => void;
  /** Eligible pairs up to which the exact solver may polish the result. */
  exactLimit: number;
  /** Eligible pairs of this round. */
  pairs: number;
}

/** Lexicographic order of two valid results: more matched counties, then a higher score. */
function better(a: SolveResult, b: SolveResult): boolean {
  if (a.summary.matchedCounties !== b.summary.matchedCounties) return a.summary.matchedCounties > b.summary.matchedCounties;
  return a.summary.objective > b.summary.objective + 1e-9;
}

/** Solves with the scalable solver, then with the exact one where it fits and a gap remains. */
export async function solveAuto(ctx: RoundContext, settings: AutoSettings): Promise<SolveResult> {
  const { startedAt, warnings = [], onProgress } = settings;
  const first = await solveScalable(ctx, { startedAt, warnings, ...(onProgress ? { onProgress } : {}) });
  if (first.status === 'optimal' || settings.pairs > settings.exactLimit) return first;
  const left = ctx.options.timeLimit - (Date.now() - startedAt) / 1000;
  if (left < 1) return first;
  const exact = await solveExact(ctx, { engine: jsLpEngine, startedAt, warnings });
  if (exact.status === 'optimal') return exact;
  return better(exact, first) ? exact : first;
}
