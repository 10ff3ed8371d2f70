/**
 * Figures the report writers share: which rows count, means over seeds,
 * the HiGHS reference of each instance, and ratios against it.
 */
import { RUNNER_NAMES, type BenchRow, type RunnerName } from '../types.js';

/** Solver statuses of a result that passed the check. */
const SOLVED = new Set(['optimal', 'feasible', 'time-limit', 'infeasible']);

/** True when the row is a checked result: a solver status and no violation. Only such rows count. */
export function isValid(row: BenchRow): boolean {
  return SOLVED.has(row.status) && row.violations === 0 && row.seconds !== null && row.objective !== null;
}

/** The HiGHS row a row is compared with: `highs-full` where it gave a valid result, else `highs-pruned` (when it matched a county). */
export function highsReference(rows: readonly BenchRow[], preset: string, seed: number): BenchRow | undefined {
  const of = (name: RunnerName): BenchRow | undefined => rows.find((r) => r.preset === preset && r.seed === seed && r.runner === name && isValid(r) && (r.matched ?? 0) > 0);
  return of('highs-full') ?? of('highs-pruned');
}

/** A row against its HiGHS reference. */
export interface Versus {
  reference: RunnerName;
  /** seconds / reference seconds. */
  timeRatio: number;
  /** (objective − reference objective) / |reference objective|, in %. */
  objectiveDiffPct: number;
}

/** The row against the reference of its instance, when both are valid. */
export function versusHighs(rows: readonly BenchRow[], row: BenchRow): Versus | undefined {
  const ref = highsReference(rows, row.preset, row.seed);
  if (!ref || !isValid(row) || ref.seconds === null || ref.objective === null || row.seconds === null || row.objective === null) return undefined;
  return {
    reference: ref.runner,
    timeRatio: row.seconds / Math.max(ref.seconds, 1e-9),
    objectiveDiffPct: (100 * (row.objective - ref.objective)) / Math.max(Math.abs(ref.objective), 1e-9),
  };
}

/** Mean of the numbers given, or null when none. */
export function mean(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  return xs.length === 0 ? null : xs.reduce((a, b) => a + b, 0) / xs.length;
}

/** Median of the numbers given, or null when none: the machine is shared, and one slow seed moves a mean. */
export function median(values: readonly (number | null | undefined)[]): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v)).sort((a, b) => a - b);
  if (xs.length === 0) return null;
  const mid = Math.floor(xs.length / 2);
  return xs.length % 2 === 1 ? (xs[mid] as number) : ((xs[mid - 1] as number) + (xs[mid] as number)) / 2;
}

/** Largest of the numbers given, or null when none. */
export function worst(values: readonly (number | null | undefined)[], pick: 'max' | 'min' = 'max'): number | null {
  const xs = values.filter((v): v is number => typeof v === 'number' && Number.isFinite(v));
  if (xs.length === 0) return null;
  return pick === 'max' ? Math.max(...xs) : Math.min(...xs);
}

/** One runner on one preset, over its seeds. */
export interface RunnerSummary {
  preset: string;
  runner: RunnerName;
  rows: BenchRow[];
  valid: BenchRow[];
  counties: number | null;
  seconds: number | null;
  /** Median seconds over valid seeds. */
  medianSeconds: number | null;
  objective: number | null;
  bound: number | null;
  gap: number | null;
  matched: number | null;
  peakRssMB: number | null;
  timeRatio: number | null;
  /** Median over valid seeds of seconds / HiGHS reference seconds. */
  medianTimeRatio: number | null;
  objectiveDiffPct: number | null;
  /** The statuses seen, e.g. `optimal×3` or `skipped×3`. */
  statuses: string;
  /** Notes, deduplicated. */
  notes: string[];
}

/** The presets in the order they first appear. */
export function presetsOf(rows: readonly BenchRow[]): string[] {
  return [...new Set(rows.map((r) => r.preset))];
}

/** Means over seeds for each runner of a preset. Invalid rows are left out of every mean. */
export function summarize(rows: readonly BenchRow[], preset: string): RunnerSummary[] {
  const out: RunnerSummary[] = [];
  for (const runner of RUNNER_NAMES) {
    const mine = rows.filter((r) => r.preset === preset && r.runner === runner);
    if (mine.length === 0) continue;
    const valid = mine.filter(isValid);
    const vs = valid.map((r) => versusHighs(rows, r));
    const counts = new Map<string, number>();
    for (const r of mine) counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
    out.push({
      preset, runner, rows: mine, valid,
      counties: mine.find((r) => r.counties !== null)?.counties ?? null,
      seconds: mean(valid.map((r) => r.seconds)),
      medianSeconds: median(valid.map((r) => r.seconds)),
      objective: mean(valid.map((r) => r.objective)),
      bound: mean(valid.map((r) => r.bound)),
      gap: mean(valid.map((r) => r.gap)),
      matched: mean(valid.map((r) => r.matched)),
      peakRssMB: mean(mine.map((r) => r.peakRssMB)),
      timeRatio: mean(vs.map((v) => v?.timeRatio)),
      medianTimeRatio: median(vs.map((v) => v?.timeRatio)),
      objectiveDiffPct: mean(vs.map((v) => v?.objectiveDiffPct)),
      statuses: [...counts].map(([s, n]) => (n > 1 ? `${s}×${n}` : s)).join(', '),
      notes: [...new Set(mine.map((r) => r.note).filter((n) => n !== ''))],
    });
  }
  return out;
}

/** The best valid objective and the lowest valid full-instance bound on one instance, over every runner. */
export function bestKnown(rows: readonly BenchRow[], preset: string, seed: number): { objective?: BenchRow; bound?: BenchRow } {
  const mine = rows.filter((r) => r.preset === preset && r.seed === seed && isValid(r));
  const objective = mine.reduce<BenchRow | undefined>((b, r) => (b === undefined || (r.objective ?? -Infinity) > (b.objective ?? -Infinity) ? r : b), undefined);
  const bounded = mine.filter((r) => r.boundValid && r.bound !== null);
  const bound = bounded.reduce<BenchRow | undefined>((b, r) => (b === undefined || (r.bound ?? Infinity) < (b.bound ?? Infinity) ? r : b), undefined);
  return { ...(objective ? { objective } : {}), ...(bound ? { bound } : {}) };
}
