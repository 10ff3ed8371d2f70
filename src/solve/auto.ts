/**
 * The `auto` strategy: the scalable solver first (fast, anytime, its own
 * proven bound), then, when a gap remains and the round is small enough,
 * the exact solver (HiGHS on the whole, unpruned MILP) with the time left.
 * (Offering HiGHS the scalable result as a start was measured to slow its
 * proofs: 3.2 s against 0.9 s on a scarce 12-county round.) The better
 * valid answer is returned,
 * with the tightest valid bound of the two (`combine.ts`).
 *
 * The polish is optional: when it fails (an engine error, values that
 * break the model, a result the checker refuses), it is dropped with a
 * warning and the scalable result stands. The default solve never fails
 * on valid input because of it.
 */
import type { InputWarning } from '../model/issues.js';
import type { LinearEngine } from '../model/linear.js';
import type { Progress } from '../model/options.js';
import type { SolveResult } from '../model/result.js';
import type { RoundContext } from '../rules/context.js';
import { combineResults, withWarning } from './combine.js';
import { EngineUnavailableError, highsEngine } from './engines/highs.js';
import { EngineFailedError, SolverBugError } from './errors.js';
import { polishFits } from './exact/time-budget.js';
import { solveExact } from './exact/solve-exact.js';
import { solveScalable } from './scalable/index.js';

/** Settings of an `auto` solve. */
export interface AutoSettings {
  startedAt: number;
  /** When the round's own preparation began (see `ScalableSettings.setupFrom`). */
  setupFrom?: number;
  warnings?: readonly InputWarning[];
  onProgress?: (progress: Progress) => void;
  /** Eligible pairs up to which the exact solver may polish the result. */
  exactLimit: number;
  /** Eligible pairs of this round; counted only when a polish is considered (0.5 s on national-x10, past a spent limit). */
  pairs: () => number;
  /** The engine of the polish (default HiGHS); tests hand in a failing one. */
  engine?: LinearEngine;
}

/** Solves with the scalable solver, then with the exact one where it fits and a gap remains. */
export async function solveAuto(ctx: RoundContext, settings: AutoSettings): Promise<SolveResult> {
  const { startedAt, warnings = [], onProgress } = settings;
  const first = await solveScalable(ctx, { startedAt, warnings, ...(settings.setupFrom !== undefined ? { setupFrom: settings.setupFrom } : {}), ...(onProgress ? { onProgress } : {}) });
  // A result cut by the time limit has no time left to polish.
  if (first.status === 'optimal' || first.status === 'time-limit') return first;
  const pairs = settings.pairs();
  if (pairs > settings.exactLimit) return first;
  // Building and reading back the whole model takes time of its own, in proportion to its size.
  if (!polishFits(ctx.options.timeLimit, startedAt, pairs)) return first;
  let exact: SolveResult;
  try {
    exact = await solveExact(ctx, { engine: settings.engine ?? highsEngine, startedAt, warnings });
  } catch (error) {
    const why = polishFailure(error);
    if (why === undefined) throw error;
    return withWarning(first, why, startedAt);
  }
  return combineResults(ctx, first, exact, startedAt);
}

/** What to tell the user of a polish that failed, or undefined for an error that is not the polish's (rethrown). */
function polishFailure(error: unknown): string | undefined {
  if (error instanceof EngineFailedError || error instanceof EngineUnavailableError) return `the exact polish was dropped (${error.message}); the scalable solver's result is returned`;
  // The polish's own result broke a rule: a bug of the library's exact path, reported, while the valid result held is returned.
  if (error instanceof SolverBugError) return `the exact polish was dropped: ${error.message} (a bug: please report it); the scalable solver's result is returned`;
  return undefined;
}
