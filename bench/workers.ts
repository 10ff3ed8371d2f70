/**
 * The scalable solver's dual side on threads (issue #11, "Both cores"): a
 * generated round solved with `workers` 1 and N in turn (1, N, 1, N, …, so
 * that both see the same machine), each run in a fresh process. Per run:
 * the solve's wall seconds, the dual side's (the Lagrangian refreshes and
 * pricing passes, from `teamTotals`), the main thread's wait for the
 * threads, and the process's peak RSS (threads included); then medians.
 * Every run's result files (all but timing.json) are hashed: the benchmark
 * fails unless all runs wrote the same bytes.
 *
 *   node --import tsx bench/workers.ts [--preset national] [--seed 1] [--workers 2] [--runs 3] [--time-limit 60]
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { loadavg, tmpdir } from 'node:os';
import { fileURLToPath } from 'node:url';
import { generateInstance, type PresetName } from '../src/generate/index.js';
import { writeResults } from '../src/io/write-results.js';
import type { SolveResult } from '../src/model/result.js';
import { solve } from '../src/solve/solve.js';
import { teamTotals } from '../src/solve/scalable/workers/team.js';
import { BenchUsageError, readFlags } from './args.js';
import { formatLoad, peakRssMB } from './machine.js';
import { median } from './report/aggregate.js';

/** The marker before the one JSON line a child prints. */
const ROW = 'WORKERS_ROW ';

/** One run's figures. */
interface Row {
  workers: number;
  seconds: number;
  dualSeconds: number;
  waitSeconds: number;
  peakRssMB: number;
  /** SHA-256 of the result files but timing.json. */
  files: string;
  objective: number;
  bound: number;
}

interface Args {
  preset: string;
  seed: number;
  workers: number;
  runs: number;
  timeLimit: number;
}

function parse(argv: readonly string[]): Args {
  const flags = readFlags(argv, ['--preset', '--seed', '--workers', '--runs', '--time-limit', '--child']);
  const whole = (flag: string, fallback: number): number => {
    const n = flags.positive(flag, fallback);
    if (!Number.isInteger(n)) throw new BenchUsageError(`${flag} must be a whole number, not ${n}`);
    return n;
  };
  return { preset: flags.value('--preset') ?? 'national', seed: whole('--seed', 1), workers: whole('--workers', 2), runs: whole('--runs', 3), timeLimit: flags.positive('--time-limit', 60) };
}

/** SHA-256 of the files `writeResults` writes for the result, but timing.json (its seconds). */
async function filesHash(result: SolveResult): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'ag-bench-workers-'));
  try {
    await writeResults(dir, result);
    const hash = createHash('sha256');
    for (const name of (await readdir(dir)).sort()) if (name !== 'timing.json') hash.update(name).update(await readFile(join(dir, name)));
    return hash.digest('hex');
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** A child: one solve, its row on stdout. */
async function child(args: Args): Promise<void> {
  const instance = generateInstance(args.preset as PresetName, args.seed);
  const t = performance.now();
  const result = await solve(instance, { solver: 'scalable', seed: args.seed, timeLimit: args.timeLimit, workers: args.workers });
  const seconds = (performance.now() - t) / 1000;
  if (result.status === 'invalid') throw new Error(`instance refused: ${result.issues[0].message}`);
  const totals = teamTotals();
  const hash = await filesHash(result);
  const row: Row = {
    workers: args.workers, seconds, dualSeconds: (totals.refresh.ms + totals.pass.ms) / 1000, waitSeconds: (totals.refresh.waitMs + totals.pass.waitMs) / 1000,
    peakRssMB: peakRssMB(), files: hash, objective: result.summary.objective, bound: result.summary.upperBound,
  };
  process.stdout.write(`${ROW}${JSON.stringify(row)}\n`);
}

function runChild(args: Args, workers: number): Row {
  const argv = ['--import', 'tsx', fileURLToPath(import.meta.url), '--child', '--preset', args.preset, '--seed', String(args.seed), '--workers', String(workers), '--time-limit', String(args.timeLimit)];
  const r = spawnSync(process.execPath, argv, { encoding: 'utf8', maxBuffer: 1 << 26 });
  const line = r.stdout.split('\n').find((l) => l.startsWith(ROW));
  if (r.status !== 0 || line === undefined) throw new Error(`run with workers ${workers} failed (${r.status}): ${r.stderr.slice(-800)}`);
  return JSON.parse(line.slice(ROW.length)) as Row;
}

function main(): void {
  const args = parse(process.argv.slice(2));
  if (process.argv.includes('--child')) {
    void child(args);
    return;
  }
  const rows: Row[] = [];
  process.stdout.write(`${args.preset} seed ${args.seed}, workers 1 and ${args.workers}, ${args.runs} runs each (load ${formatLoad(loadavg())})\n`);
  for (let k = 0; k < args.runs; k++) {
    for (const workers of [1, args.workers]) {
      const row = runChild(args, workers);
      rows.push(row);
      process.stdout.write(`  run ${k + 1} workers ${workers}: ${row.seconds.toFixed(1)} s, dual side ${row.dualSeconds.toFixed(1)} s (waiting ${row.waitSeconds.toFixed(2)} s), peak RSS ${row.peakRssMB} MB (load ${formatLoad(loadavg())})\n`);
    }
  }
  const same = rows.every((r) => r.files === rows[0]!.files);
  for (const workers of [1, args.workers]) {
    const mine = rows.filter((r) => r.workers === workers);
    process.stdout.write(`workers ${workers}: median ${median(mine.map((r) => r.seconds))!.toFixed(1)} s, dual side ${median(mine.map((r) => r.dualSeconds))!.toFixed(1)} s, peak RSS ${median(mine.map((r) => r.peakRssMB))} MB (max ${Math.max(...mine.map((r) => r.peakRssMB))})\n`);
  }
  process.stdout.write(`result files: ${same ? 'identical in every run' : 'DIFFERENT between runs'} (objective ${rows[0]!.objective}, bound ${rows[0]!.bound})\n`);
  if (!same) process.exitCode = 1;
}

main();
