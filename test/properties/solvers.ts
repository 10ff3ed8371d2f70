/**
 * How the properties call each solver, and what they compare.
 *
 * Every solver goes through the public `solve` (validation, then the
 * solver, then the checked result): `exact` is the library's exact solver
 * (HiGHS since issue 9, behind reduced-cost fixing since issue 11), `highs` its alias (the
 * reference optimum), `scalable` the decomposition solver. The cross-check
 * of two independent engines on the same model (javascript-lp-solver
 * against HiGHS) is test/solve/exact.test.ts.
 */
import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { writeResults } from '../../src/io/write-results.js';
import { InputError } from '../../src/model/issues.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { solve } from '../../src/solve/solve.js';
import type { InstanceKnobs } from '../../src/testing.js';

/** The solvers under test. */
export type SolverKind = 'exact' | 'highs' | 'scalable';

/**
 * Seconds the exact solver may take on one small round. javascript-lp-solver,
 * its engine before issue 9, took tens of seconds on a tie-heavy affinity
 * round of 80 binaries (fixture `jslp-slow-affinity.json`; HiGHS: 30 ms);
 * past the limit a valid, unproven result is compared as such.
 */
export const EXACT_TIME_LIMIT = 5;

/**
 * Solves a round with one solver through `solve`; throws `InputError` on
 * refused input (the arbitraries never draw one).
 *
 * Yields to the event loop first: `solve` never does (its work is
 * synchronous behind an `async` signature), so a property of 2,000 runs
 * would otherwise hold the event loop for minutes and the test runner's
 * worker would miss its RPC deadline.
 */
export async function solveBy(kind: SolverKind, instance: Instance, options: OptionsInput): Promise<SolveResult> {
  await new Promise<void>((resolve) => setImmediate(resolve));
  const timeLimit = kind === 'exact' ? Math.min(options.timeLimit ?? EXACT_TIME_LIMIT, EXACT_TIME_LIMIT) : (options.timeLimit ?? 60);
  const result = await solve(instance, { ...options, solver: kind, timeLimit });
  if (result.status === 'invalid') throw new InputError(result.issues);
  return result;
}

/**
 * Knobs of the rounds most properties draw: the kit's defaults (every rule
 * in play, pins included). `pins.props.test.ts` draws many more pins.
 */
export const PROPERTY_KNOBS: InstanceKnobs = {};

/** Objectives are sums of a few dozen floats: equal within this relative tolerance. */
export const TOLERANCE = 1e-6;

/** `a` and `b` equal within `TOLERANCE` (relative, with an absolute floor of 1). */
export function close(a: number, b: number): boolean {
  return Math.abs(a - b) <= TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** `a ≤ b` within `TOLERANCE`. */
export function atMost(a: number, b: number): boolean {
  return a <= b + TOLERANCE * Math.max(1, Math.abs(a), Math.abs(b));
}

/** Counties with pins that the result matches. */
export function pinnedMatched(instance: Instance, result: Pick<SolveResult, 'assignments'>): number {
  const pinned = new Set(instance.pins.map((p) => p.countyId));
  return new Set(result.assignments.map((a) => a.countyId).filter((c) => pinned.has(c))).size;
}

/**
 * The lexicographic order the solvers optimize (src/rules/h9-pins.ts,
 * src/solve/exact/solve-exact.ts): first the pinned counties matched (a
 * pinned county is never dropped to match others), then the counties
 * matched, then the objective. `> 0` when `a` is better beyond the
 * tolerance, `0` when equal. Both results are of the same instance.
 */
export function compareLex(instance: Instance, a: SolveResult, b: SolveResult): number {
  const p = pinnedMatched(instance, a) - pinnedMatched(instance, b);
  if (p !== 0) return p;
  const m = a.summary.matchedCounties - b.summary.matchedCounties;
  if (m !== 0) return m;
  if (close(a.summary.objective, b.summary.objective)) return 0;
  return a.summary.objective - b.summary.objective;
}

/** A one-line account of a result for failure messages. */
export function brief(r: SolveResult): string {
  const s = r.summary;
  return `${s.solver} ${s.status}: matched ${s.matchedCounties}/${s.totalCounties} (≤ ${s.matchableUpperBound}), objective ${s.objective}, bound ${s.upperBound}`;
}

/** The bytes of every file `writeResults` writes for a result, by name, from a fresh temporary folder. */
export async function writtenBytes(result: SolveResult): Promise<Map<string, Buffer>> {
  const dir = await mkdtemp(join(tmpdir(), 'ag-props-'));
  try {
    await writeResults(dir, result);
    const out = new Map<string, Buffer>();
    for (const name of (await readdir(dir)).sort()) out.set(name, await readFile(join(dir, name)));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Counts of what the runs of a property saw, printed after it (so a long run reports its coverage). */
export class Tally {
  private readonly counts = new Map<string, number>();
  constructor(readonly name: string) {}
  add(key: string, n = 1): void {
    this.counts.set(key, (this.counts.get(key) ?? 0) + n);
  }
  get(key: string): number {
    return this.counts.get(key) ?? 0;
  }
  print(): void {
    const parts = [...this.counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, v]) => `${k}=${v}`);
    console.log(`[props] ${this.name}: ${parts.join(' ')}`);
  }
}
