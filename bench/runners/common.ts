/**
 * What several runners share: the round's options, the preparation that
 * `solve()` itself does (validation, context), the size of the whole model,
 * and reading the figures off a `SolveResult`.
 */
import type { OptionsInput } from '../../src/model/options.js';
import { resolveOptions } from '../../src/model/options.js';
import { formatIssue, isNonEmpty, type InputWarning } from '../../src/model/issues.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { validateInstance } from '../../src/io/validate.js';
import { buildContext, type RoundContext } from '../../src/rules/context.js';
import type { RunValue, RunnerOptions } from '../types.js';

/** The options every runner solves with: the policy defaults, the time limit and the seed. */
export function roundOptions(opts: RunnerOptions): OptionsInput {
  return { timeLimit: opts.timeLimit, seed: opts.seed, ...(opts.workers !== undefined ? { workers: opts.workers } : {}) };
}

/** Validates and indexes a round the way `solve()` does; throws on refused input. */
export function prepareRound(instance: Instance, opts: RunnerOptions): { ctx: RoundContext; warnings: InputWarning[] } {
  const options = resolveOptions(roundOptions(opts));
  const checked = validateInstance(instance, { keyCounties: options.keyCounties });
  if (isNonEmpty(checked.issues)) throw new Error(`instance refused: ${checked.issues.slice(0, 3).map(formatIssue).join('; ')}`);
  return { ctx: buildContext(checked.instance, options), warnings: checked.warnings };
}

/**
 * County–expert pairs that may exist (H2 capacity, H5 locals, H8 vetoes):
 * the binaries of the whole model, what `countExactBinaries` counts, in
 * linear time instead of counties × experts.
 */
export function pairCount(instance: Instance, opts: RunnerOptions): number {
  const { defaultCapacity } = resolveOptions(roundOptions(opts));
  // As `capacityOf` (H2): an expert's own capacity, else the round's default.
  const capacity = (e: Instance['experts'][number]): number => e.capacity ?? defaultCapacity;
  const countyIds = new Set(instance.counties.map((c) => c.id));
  const byId = new Map(instance.experts.map((e) => [e.id, e]));
  let general = 0;
  const localsOf = new Map<string, number>();
  for (const e of instance.experts) {
    if (capacity(e) <= 0) continue;
    if (e.homeCounty === undefined) general++;
    else localsOf.set(e.homeCounty, (localsOf.get(e.homeCounty) ?? 0) + 1);
  }
  let pairs = instance.counties.length * general;
  for (const [county, n] of localsOf) if (countyIds.has(county)) pairs += n;
  const vetoed = new Set<string>();
  for (const a of instance.affinities) {
    const e = byId.get(a.expertId);
    const key = `${a.countyId}\u0000${a.expertId}`;
    if (!a.veto || !e || !countyIds.has(a.countyId) || vetoed.has(key)) continue;
    if (capacity(e) <= 0 || (e.homeCounty !== undefined && e.homeCounty !== a.countyId)) continue;
    vetoed.add(key);
    pairs--;
  }
  return pairs;
}

/** Reads the figures off a result whose bound (when finite) holds for the whole instance. */
export function summaryValue(result: SolveResult): RunValue {
  const s = result.summary;
  const finite = Number.isFinite(s.upperBound);
  return {
    objective: s.objective,
    bound: finite ? s.upperBound : null,
    boundValid: finite,
    gap: finite ? s.gap : null,
    matched: s.matchedCounties,
    matchable: s.matchableUpperBound,
    status: result.status,
    solver: s.solver,
  };
}
