/**
 * The targets of issue 3 item 4, computed from the rows: each with what was
 * measured, the threshold, PASS or MISS, and by how much.
 */
import type { BenchRow } from '../types.js';
import { isValid, mean, versusHighs, worst } from './aggregate.js';

/** One target's verdict. */
export interface TargetResult {
  preset: string;
  target: string;
  measured: string;
  threshold: string;
  verdict: 'PASS' | 'MISS' | 'n/a';
  /** How far inside (PASS) or outside (MISS) the threshold. */
  margin: string;
}

const pct = (x: number, digits = 3): string => `${(100 * x).toFixed(digits)}%`;
const sec = (x: number): string => `${x.toFixed(2)} s`;

/** Largest-is-worst target: `value ≤ limit`. */
function atMost(preset: string, target: string, value: number | null, limit: number, show: (x: number) => string, note = ''): TargetResult {
  if (value === null) return { preset, target, measured: 'not measured', threshold: `≤ ${show(limit)}`, verdict: 'n/a', margin: '' };
  const pass = value <= limit;
  return { preset, target, measured: `${show(value)}${note}`, threshold: `≤ ${show(limit)}`, verdict: pass ? 'PASS' : 'MISS', margin: `${pass ? 'under' : 'over'} by ${show(Math.abs(limit - value))}` };
}

/** Smallest-is-worst target: `value ≥ limit`. */
function atLeast(preset: string, target: string, value: number | null, limit: number, show: (x: number) => string, note = ''): TargetResult {
  if (value === null) return { preset, target, measured: 'not measured', threshold: `≥ ${show(limit)}`, verdict: 'n/a', margin: '' };
  const pass = value >= limit;
  return { preset, target, measured: `${show(value)}${note}`, threshold: `≥ ${show(limit)}`, verdict: pass ? 'PASS' : 'MISS', margin: `${pass ? 'above' : 'below'} by ${show(Math.abs(value - limit))}` };
}

function scalableRows(rows: readonly BenchRow[], preset: string): BenchRow[] {
  return rows.filter((r) => r.preset === preset && r.runner === 'scalable');
}

/** The worst gap over valid runs; a valid run without a full-instance bound fails the target outright. */
function gapTarget(preset: string, valid: readonly BenchRow[], limit: number): TargetResult {
  const r = atMost(preset, 'scalable gap (proven, against its own bound)', worst(valid.map((x) => (x.boundValid ? x.gap : null))), limit, (x) => pct(x), ` (worst of ${valid.length} seed(s))`);
  const unbounded = valid.filter((x) => !x.boundValid || x.gap === null);
  if (unbounded.length === 0) return r;
  return { ...r, verdict: 'MISS', margin: `no proven bound on seed ${unbounded.map((x) => `${x.seed} (${x.status}, ${x.matched}/${x.counties} matched)`).join(', ')}${r.margin ? `; others ${r.margin}` : ''}` };
}

/** Validity on every seed, with the statuses. */
function validTarget(preset: string, mine: readonly BenchRow[]): TargetResult {
  const valid = mine.filter(isValid);
  const statuses = mine.map((r) => `seed ${r.seed}: ${r.status}${r.matched !== null ? `, ${r.matched}/${r.counties} matched` : ''}`).join('; ');
  return {
    preset, target: 'scalable returns a valid result (0 violations from checkSolution)', measured: `${valid.length}/${mine.length} valid (${statuses})`, threshold: 'all seeds',
    verdict: valid.length === mine.length ? 'PASS' : 'MISS', margin: valid.length === mine.length ? '' : `${mine.length - valid.length} run(s) invalid or failed`,
  };
}

function nationalTargets(rows: readonly BenchRow[]): TargetResult[] {
  const p = 'national';
  const mine = scalableRows(rows, p);
  if (mine.length === 0) return [];
  const valid = mine.filter(isValid);
  const seeds = `worst of ${valid.length} seed(s)`;
  const out: TargetResult[] = [validTarget(p, mine)];
  out.push(gapTarget(p, valid, 0.005));
  out.push(atMost(p, 'scalable wall time', worst(valid.map((r) => r.seconds)), 10, sec, ` (${seeds})`));
  const vs = valid.map((r) => versusHighs(rows, r)).filter((v) => v !== undefined);
  const ref = vs[0]?.reference ?? 'no valid HiGHS result';
  // Where HiGHS ran but found no solution, its time is a lower bound on what it needs: the ratio against it is an upper bound.
  const unsolved = valid.flatMap((r) => {
    if (versusHighs(rows, r) || r.seconds === null) return [];
    const h = rows.find((x) => x.preset === p && x.seed === r.seed && (x.runner === 'highs-full' || x.runner === 'highs-pruned') && x.seconds !== null && (x.matched ?? 0) === 0);
    return h?.seconds ? [{ ratio: r.seconds / h.seconds, seed: r.seed, runner: h.runner, seconds: h.seconds }] : [];
  });
  const timeNote = unsolved.length ? `; ${unsolved.map((u) => `seed ${u.seed}: ${u.runner} found no solution in ${u.seconds.toFixed(1)} s, ratio ≤ ${u.ratio.toFixed(3)}×`).join('; ')}` : '';
  out.push(atMost(p, `scalable faster than HiGHS (${ref}) on the same instance: time ratio`, worst([...vs.map((v) => v.timeRatio), ...unsolved.map((u) => u.ratio)]), 1, (x) => `${x.toFixed(3)}×`, ` (worst of ${vs.length + unsolved.length})${timeNote}`));
  const objective = atLeast(p, `scalable objective vs HiGHS (${ref})`, worst(vs.map((v) => 1 + v.objectiveDiffPct / 100), 'min'), 0.999, (x) => pct(x, 2), ` (worst of ${vs.length})`);
  out.push(vs.length === 0 && unsolved.length > 0 ? { ...objective, margin: 'HiGHS found no solution to compare with' } : objective);
  return out;
}

function x10Targets(rows: readonly BenchRow[]): TargetResult[] {
  const p = 'national-x10';
  const mine = scalableRows(rows, p);
  if (mine.length === 0) return [];
  const valid = mine.filter(isValid);
  const seeds = ` (worst of ${valid.length} seed(s))`;
  return [
    validTarget(p, mine),
    atMost(p, 'scalable wall time', worst(valid.map((r) => r.seconds)), 180, sec, seeds),
    atMost(p, 'scalable peak memory (RSS of its worker, generation included)', worst(mine.map((r) => r.peakRssMB)), 4096, (x) => `${Math.round(x)} MB`, ` (worst of ${mine.length})`),
    gapTarget(p, valid, 0.01),
  ];
}

/** Seconds per county of the scalable solver per preset (mean over valid seeds). */
export function secondsPerCounty(rows: readonly BenchRow[], presets: readonly string[]): { preset: string; counties: number; seconds: number; perCounty: number }[] {
  const out: { preset: string; counties: number; seconds: number; perCounty: number }[] = [];
  for (const p of presets) {
    const valid = scalableRows(rows, p).filter(isValid);
    const seconds = mean(valid.map((r) => r.seconds));
    const counties = valid[0]?.counties;
    if (seconds !== null && counties) out.push({ preset: p, counties, seconds, perCounty: seconds / counties });
  }
  return out;
}

function linearityTarget(rows: readonly BenchRow[], presets: readonly string[]): TargetResult[] {
  const spc = secondsPerCounty(rows, presets);
  const a = spc.find((x) => x.preset === 'national');
  const b = spc.find((x) => x.preset === 'national-x10');
  const table = spc.map((x) => `${x.preset} ${(1000 * x.perCounty).toFixed(2)} ms`).join(', ');
  if (!a || !b) return spc.length ? [{ preset: 'all', target: 'time ~linear in counties (seconds per county)', measured: table, threshold: 'slope ≤ 1.2 (national → national-x10)', verdict: 'n/a', margin: 'needs national and national-x10' }] : [];
  const slope = Math.log(b.seconds / a.seconds) / Math.log(b.counties / a.counties);
  const r = atMost('national → x10', 'time ~linear in counties: log-log slope of seconds vs counties', slope, 1.2, (x) => x.toFixed(3));
  // A run stopped by the time limit measured the limit, not the solver: the slope is then only a lower bound.
  const cut = scalableRows(rows, 'national-x10').filter((x) => isValid(x) && x.status === 'time-limit');
  if (cut.length > 0) return [{ ...r, measured: `≥ ${r.measured}; per county: ${table}`, verdict: 'n/a', margin: `national-x10 stopped at the time limit on ${cut.length} seed(s): the slope is a lower bound` }];
  return [{ ...r, measured: `${r.measured}; per county: ${table}` }];
}

/** Every target the rows allow to compute. */
export function computeTargets(rows: readonly BenchRow[], presets: readonly string[]): TargetResult[] {
  return [...nationalTargets(rows), ...x10Targets(rows), ...linearityTarget(rows, presets)];
}
