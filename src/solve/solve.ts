/**
 * `solve`: the one entry point. Validates the round, picks a solver, and
 * returns a result that has passed `checkSolution`.
 */
import { resolveOptions, type Options, type OptionsInput, type Progress } from '../model/options.js';
import { InputError, isNonEmpty, type InputIssue, type NonEmpty } from '../model/issues.js';
import type { SolveResult } from '../model/result.js';
import { InstanceSchema, type Instance, type InstanceInput } from '../model/schemas.js';
import { earlierValidation, validateInstance } from '../io/validate.js';
import { buildContext, type RoundContext } from '../rules/context.js';
import type { InputWarning } from '../model/issues.js';
import { raiseWeakestGroup } from './fairness/raise-weakest.js';
import { highsFixingEngine } from './engines/highs-fixing.js';
import { countExactBinaries, EXACT_BINARY_LIMIT, solveExact } from './exact/solve-exact.js';
import { solveScalable } from './scalable/index.js';
import { solveAuto } from './auto.js';

/**
 * Rounds with at most this many eligible county–expert pairs are polished by
 * the exact solver (HiGHS) under `auto` when a gap remains. Measured (2 cores,
 * README "Solvers and their limits"): HiGHS proves generated rounds of 100
 * counties (195,443–198,839 pairs) optimal in 8 s, 150 counties (440,014
 * pairs) in 41 s with 2.1 GB of memory; the limit keeps the polish where it
 * proves within the default 60 s also on a loaded machine.
 */
export const AUTO_EXACT_LIMIT = 250_000;

/** Options of `solve`: the round's options plus a progress callback and the start of the clock. */
export type SolveOptions = OptionsInput & {
  /** Called by anytime solvers as the result and the bound improve. */
  onProgress?: (progress: Progress) => void;
  /**
   * When the caller's work began (`Date.now()`, epoch ms), for a time limit
   * that covers reading the input too (the command line passes the moment the
   * command started). Default: the call of `solve`. Not a round option: it is
   * not written to summary.json.
   */
  startedAt?: number;
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
  const calledAt = Date.now();
  const { onProgress, startedAt: given, ...rest } = options;
  const startedAt = given ?? calledAt;
  const clock: RoundClock = { startedAt, setupFrom: calledAt };
  const parsedOptions = resolveOptions(rest);
  const checked = validated(instance, parsedOptions);
  if ('status' in checked) return checked;
  const { valid, warnings } = checked;
  const ctx = buildContext(valid, parsedOptions);
  if (!parsedOptions.fairness) return solveRound(ctx, clock, warnings, onProgress);
  // S5: the weakest group is raised after the chosen solver, whichever it is; the solver leaves it a share of the time.
  const solverCtx: RoundContext = { ...ctx, options: { ...ctx.options, timeLimit: ctx.options.timeLimit * SOLVER_SHARE_WITH_FAIRNESS } };
  const result = await solveRound(solverCtx, clock, warnings, onProgress);
  return (await raiseWeakestGroup(ctx, result, { startedAt, warnings })).result;
}

/**
 * The instance as validated, with its warnings. An instance that
 * `validateInstance` itself returned (e.g. by `readInstanceDir`) under the
 * same validation options is frozen and taken as it is; any other is parsed
 * and validated here (with every round option: the group size and quotas
 * judge pins and county sizes too).
 */
function validated(instance: InstanceInput, options: Options): { valid: Instance; warnings: readonly InputWarning[] } | InvalidInput {
  const earlier = earlierValidation(instance, options);
  if (earlier !== undefined) return { valid: instance as Instance, warnings: earlier };
  const parsed = InstanceSchema.safeParse(instance);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i): InputIssue => ({ code: 'bad-value', file: 'instance', line: 0, field: i.path.join('.'), message: i.message }));
    if (isNonEmpty(issues)) return { status: 'invalid', issues };
  }
  const checked = validateInstance(parsed.data as Instance, options);
  if (isNonEmpty(checked.issues)) return { status: 'invalid', issues: checked.issues };
  return { valid: checked.instance, warnings: checked.warnings };
}

/** With `fairness`, the share of the time limit the solver may use; the fairness pass and its final check get the rest. */
export const SOLVER_SHARE_WITH_FAIRNESS = 0.8;

/** When the time limit started counting, and when the round's own preparation (validation, indexing) began. */
interface RoundClock {
  startedAt: number;
  setupFrom: number;
}

function solveRound(ctx: RoundContext, clock: RoundClock, warnings: readonly InputWarning[], onProgress?: (progress: Progress) => void): Promise<SolveResult> {
  const { startedAt, setupFrom } = clock;
  switch (ctx.options.solver) {
    case 'auto':
      return solveAuto(ctx, { startedAt, setupFrom, warnings, exactLimit: AUTO_EXACT_LIMIT, pairs: () => countExactBinaries(ctx), ...(onProgress ? { onProgress } : {}) });
    // `highs` names the engine of `exact`: the same solver, kept as an alias.
    case 'exact':
    case 'highs':
      return solveExact(ctx, { engine: highsFixingEngine, startedAt, binaryLimit: EXACT_BINARY_LIMIT, warnings });
    case 'scalable':
      return solveScalable(ctx, { startedAt, setupFrom, warnings, ...(onProgress ? { onProgress } : {}) });
  }
}

/** Like `solve`, but throws `InputError` on bad input. */
export async function solveOrThrow(instance: InstanceInput, options: SolveOptions = {}): Promise<SolveResult> {
  const result = await solve(instance, options);
  if (result.status === 'invalid') throw new InputError(result.issues);
  return result;
}
