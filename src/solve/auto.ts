/**
 * The `auto` strategy. On rounds of at most `EXACT_FIRST_PAIRS` eligible
 * pairs (about 110 generated counties) the exact solver first, with
 * `EXACT_FIRST_SHARE` of the time limit: HiGHS behind reduced-cost fixing
 * (`engines/highs-fixing.ts`) proves them faster than the scalable solver
 * reaches its own answer, and faster than HiGHS on the whole model
 * (bench/results/issue11-stop4), and a proven optimum is returned as it
 * is. Otherwise (larger rounds, or no proof in that share) the scalable
 * solver (fast, anytime, its own proven bound), then, when a gap remains
 * and the round is small enough, the exact solver with the time left — or,
 * when it ran first, its answer.
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
import { EngineUnavailableError } from './engines/highs.js';
import { highsFixingEngine } from './engines/highs-fixing.js';
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
  /** The engine of the polish (default HiGHS with reduced-cost fixing); tests hand in a failing one. */
  engine?: LinearEngine;
}

/** Eligible pairs up to which the exact solver runs first (50-county rounds have ~49,000, 100-county ones ~195,000: `region` seeds 1–3 proven in 5.5–8.7 s with reduced-cost fixing, against 7.4 s, 30.7 s and no proof in 56 s for HiGHS on the whole model; bench/results/issue11-stop4). */
export const EXACT_FIRST_PAIRS = 250_000;

/** Counties above which pairs are not even counted for the exact-first path (counting costs 0.5 s on national-x10). */
const EXACT_FIRST_COUNTIES = 150;

/** Share of the time limit the exact solver may take when it runs first; the scalable solver has the rest. */
export const EXACT_FIRST_SHARE = 0.5;

/** An exact solve's answer, or why it failed (an engine error, a refused result). */
type ExactTry = { result: SolveResult } | { failure: string };

/** Solves small rounds exactly first; else, or without a proof, with the scalable solver, then with the exact one where it fits and a gap remains. */
export async function solveAuto(ctx: RoundContext, settings: AutoSettings): Promise<SolveResult> {
  const { startedAt, warnings = [], onProgress } = settings;
  const limit = ctx.options.timeLimit;
  let counted: number | undefined;
  // Counted once, when first needed.
  const pairsOf = (): number => (counted ??= settings.pairs());
  let early: ExactTry | undefined;
  if (ctx.counties.length <= EXACT_FIRST_COUNTIES) {
    const pairs = pairsOf();
    if (pairs <= Math.min(EXACT_FIRST_PAIRS, settings.exactLimit) && polishFits(limit * EXACT_FIRST_SHARE, startedAt, pairs)) {
      early = await tryExact(ctx, settings, limit * EXACT_FIRST_SHARE);
      if ('result' in early && early.result.status === 'optimal') return early.result;
    }
  }
  const first = await solveScalable(ctx, { startedAt, warnings, ...(settings.setupFrom !== undefined ? { setupFrom: settings.setupFrom } : {}), ...(onProgress ? { onProgress } : {}) });
  if (early) {
    if (!('result' in early)) return withWarning(first, early.failure, startedAt);
    // An exact answer cut at its share of the limit is not offered: the whole solve was not cut, its result must not read `time-limit`.
    return early.result.status === 'time-limit' ? first : combineResults(ctx, first, early.result, startedAt);
  }
  // A result cut by the time limit has no time left to polish.
  if (first.status === 'optimal' || first.status === 'time-limit') return first;
  const pairs = pairsOf();
  if (pairs > settings.exactLimit) return first;
  // Building and reading back the whole model takes time of its own, in proportion to its size.
  if (!polishFits(limit, startedAt, pairs)) return first;
  const polish = await tryExact(ctx, settings);
  return 'result' in polish ? combineResults(ctx, first, polish.result, startedAt) : withWarning(first, polish.failure, startedAt);
}

/** The exact solver on the whole round, within `timeLimitSeconds` of the start (default the whole limit); a failure of its own is returned, any other error thrown. */
async function tryExact(ctx: RoundContext, settings: AutoSettings, timeLimitSeconds?: number): Promise<ExactTry> {
  const { startedAt, warnings = [] } = settings;
  try {
    return { result: await solveExact(ctx, { engine: settings.engine ?? highsFixingEngine, startedAt, warnings, ...(timeLimitSeconds !== undefined ? { timeLimitSeconds } : {}) }) };
  } catch (error) {
    const why = polishFailure(error);
    if (why === undefined) throw error;
    return { failure: why };
  }
}

/** What to tell the user of a polish that failed, or undefined for an error that is not the polish's (rethrown). */
function polishFailure(error: unknown): string | undefined {
  if (error instanceof EngineFailedError || error instanceof EngineUnavailableError) return `the exact polish was dropped (${error.message}); the scalable solver's result is returned`;
  // The polish's own result broke a rule: a bug of the library's exact path, reported, while the valid result held is returned.
  if (error instanceof SolverBugError) return `the exact polish was dropped: ${error.message} (a bug: please report it); the scalable solver's result is returned`;
  return undefined;
}
