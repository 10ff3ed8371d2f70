/**
 * `solve`: the one entry point. Validates the round, picks a solver, and
 * returns a result that has passed `checkSolution`.
 */
import { resolveOptions, type OptionsInput, type Progress } from '../model/options.js';
import { InputError, isNonEmpty, type InputIssue, type NonEmpty } from '../model/issues.js';
import type { SolveResult } from '../model/result.js';
import { InstanceSchema, type Instance, type InstanceInput } from '../model/schemas.js';
import { validateInstance } from '../io/validate.js';
import { buildContext, type RoundContext } from '../rules/context.js';
import type { InputWarning } from '../model/issues.js';
import { raiseWeakestGroup } from './fairness/raise-weakest.js';
import { highsEngine } from './engines/highs.js';
import { jsLpEngine } from './engines/jslp.js';
import { countExactBinaries, JSLP_BINARY_LIMIT, solveExact } from './exact/solve-exact.js';
import { solveScalable } from './scalable/index.js';
import { solveAuto } from './auto.js';

/** Rounds with at most this many eligible county–expert pairs may be polished by the exact solver under `auto`: about 12 counties, 2–15 s measured (README "Solvers and their limits"). */
export const AUTO_EXACT_LIMIT = 3000;

/** Options of `solve`: the round's options plus a progress callback. */
export type SolveOptions = OptionsInput & {
  /** Called by anytime solvers as the result and the bound improve. */
  onProgress?: (progress: Progress) => void;
};

/** The answer of `solve` when the input is refused: every problem at once. */
export interface InvalidInput {
  status: 'invalid';
  issues: NonEmpty<InputIssue>;
}

/**
 * Forms the groups of a round. Never throws on bad input: it returns
 * `{ status: 'invalid', issues }`. See `SolveResult` for the other statuses.
 * @example
 * const result = await solve(instance, { objective: 'affinity', seed: 7 });
 * if (result.status !== 'invalid') console.log(result.summary.gap);
 */
export async function solve(instance: InstanceInput, options: SolveOptions = {}): Promise<SolveResult | InvalidInput> {
  const startedAt = Date.now();
  const { onProgress, ...rest } = options;
  const parsedOptions = resolveOptions(rest);
  const parsed = InstanceSchema.safeParse(instance);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i): InputIssue => ({ code: 'bad-value', file: 'instance', line: 0, field: i.path.join('.'), message: i.message }));
    if (isNonEmpty(issues)) return { status: 'invalid', issues };
  }
  const { keyCounties, leaderLevels, defaultCapacity } = parsedOptions;
  const checked = validateInstance(parsed.data as Instance, { keyCounties, leaderLevels, defaultCapacity });
  if (isNonEmpty(checked.issues)) return { status: 'invalid', issues: checked.issues };
  const ctx = buildContext(checked.instance, parsedOptions);
  const warnings = checked.warnings;
  if (!parsedOptions.fairness) return solveRound(ctx, startedAt, warnings, onProgress);
  // S5: the weakest group is raised after the chosen solver, whichever it is; the solver leaves it a share of the time.
  const solverCtx: RoundContext = { ...ctx, options: { ...ctx.options, timeLimit: ctx.options.timeLimit * SOLVER_SHARE_WITH_FAIRNESS } };
  const result = await solveRound(solverCtx, startedAt, warnings, onProgress);
  return (await raiseWeakestGroup(ctx, result, { startedAt, warnings })).result;
}

/** With `fairness`, the share of the time limit the solver may use; the fairness pass and its final check get the rest. */
export const SOLVER_SHARE_WITH_FAIRNESS = 0.8;

function solveRound(ctx: RoundContext, startedAt: number, warnings: readonly InputWarning[], onProgress?: (progress: Progress) => void): Promise<SolveResult> {
  switch (ctx.options.solver) {
    case 'auto':
      return solveAuto(ctx, { startedAt, warnings, exactLimit: AUTO_EXACT_LIMIT, pairs: countExactBinaries(ctx), ...(onProgress ? { onProgress } : {}) });
    case 'exact':
      return solveExact(ctx, { engine: jsLpEngine, startedAt, binaryLimit: JSLP_BINARY_LIMIT, warnings });
    case 'highs':
      return solveExact(ctx, { engine: highsEngine, startedAt, warnings });
    case 'scalable':
      return solveScalable(ctx, { startedAt, warnings, ...(onProgress ? { onProgress } : {}) });
  }
}

/** Like `solve`, but throws `InputError` on bad input. */
export async function solveOrThrow(instance: InstanceInput, options: SolveOptions = {}): Promise<SolveResult> {
  const result = await solve(instance, options);
  if (result.status === 'invalid') throw new InputError(result.issues);
  return result;
}
