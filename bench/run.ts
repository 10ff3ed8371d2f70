/**
 * The benchmark: every runner on the same generated instances, each run in
 * a fresh worker process (bench/worker.ts), then latest.json/.md/.svg
 * (quick.* with --quick).
 *
 *   node --import tsx bench/run.ts [--quick] [--presets a,b] [--seeds 1,2,3] [--runners a,b]
 *        [--time-limit S] [--top-k K] [--exact-limit N] [--jslp-limit N] [--highs-full-limit N]
 *        [--highs-pruned-limit N] [--workers N] [--out DIR] [--rerender]
 */
import { EXACT_BINARY_LIMIT, JSLP_BINARY_LIMIT } from '../src/solve/exact/solve-exact.js';
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchUsageError, readFlags } from './args.js';
import { machineInfo } from './machine.js';
import { skipReason } from './runners/skips.js';
import { writeReport } from './report/write.js';
import { ROW_MARKER, workerArgv } from './worker.js';
import { RUNNER_NAMES, type BenchReport, type BenchRow, type InstanceSize, type RunnerName, type RunnerOptions } from './types.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Parsed command line. */
interface Cli {
  quick: boolean;
  /** Only rewrite the .md and .svg from the existing .json. */
  rerender: boolean;
  presets: string[];
  seeds: number[];
  runners: RunnerName[];
  out: string;
  opts: Omit<RunnerOptions, 'seed'>;
}

const DEFAULTS = {
  full: { presets: ['tiny', 'demo', 'province', 'region', 'national', 'national-x10'], seeds: [1, 2, 3], timeLimit: 300 },
  quick: { presets: ['demo', 'province', 'national'], seeds: [1], timeLimit: 45 },
} as const;

const KNOWN_FLAGS = ['--quick', '--rerender', '--presets', '--seeds', '--runners', '--time-limit', '--top-k', '--out', '--exact-limit', '--jslp-limit', '--highs-full-limit', '--highs-pruned-limit', '--workers'];

function parseCli(argv: readonly string[]): Cli {
  const flags = readFlags(argv, KNOWN_FLAGS);
  const quick = flags.has('--quick');
  const d = quick ? DEFAULTS.quick : DEFAULTS.full;
  const workers = flags.value('--workers');
  if (workers !== undefined && !(Number.isInteger(Number(workers)) && Number(workers) >= 1)) throw new BenchUsageError(`--workers must be a whole number of at least 1, not ${workers}`);
  const runners = (flags.list('--runners') ?? [...RUNNER_NAMES]).map((r) => {
    if (!(RUNNER_NAMES as readonly string[]).includes(r)) throw new BenchUsageError(`unknown runner ${r}; known: ${RUNNER_NAMES.join(', ')}`);
    return r as RunnerName;
  });
  return {
    quick,
    rerender: flags.has('--rerender'),
    presets: flags.list('--presets') ?? [...d.presets],
    seeds: flags.integers('--seeds') ?? [...d.seeds],
    runners,
    out: resolve(flags.value('--out') ?? join(ROOT, 'bench', 'results')),
    opts: {
      timeLimit: flags.positive('--time-limit', d.timeLimit),
      topK: flags.positive('--top-k', 40),
      exactBinaryLimit: flags.positive('--exact-limit', EXACT_BINARY_LIMIT),
      jslpBinaryLimit: flags.positive('--jslp-limit', JSLP_BINARY_LIMIT),
      highsFullBinaryLimit: flags.positive('--highs-full-limit', 60_000),
      highsPrunedBinaryLimit: flags.positive('--highs-pruned-limit', 60_000),
      ...(workers !== undefined ? { workers: Number(workers) } : {}),
    },
  };
}

/** A row for a run that produced no row of its own. */
function emptyRow(preset: string, seed: number, runner: RunnerName, size: InstanceSize | undefined, status: string, note: string): BenchRow {
  return {
    preset, seed, counties: size?.counties ?? null, experts: size?.experts ?? null, pairs: size?.pairs ?? null, runner,
    seconds: null, objective: null, bound: null, boundValid: false, gap: null, matched: null, matchable: null, violations: null,
    peakRssMB: null, baseRssMB: null, generateSeconds: null, status, solver: null, note,
  };
}

/** Runs one worker; never throws. The worker is killed when it overruns its time limit by far. */
function runWorker(preset: string, runner: RunnerName, opts: RunnerOptions, size: InstanceSize | undefined): Promise<BenchRow> {
  const args = ['--max-old-space-size=8192', '--expose-gc', '--import', 'tsx', join(ROOT, 'bench', 'worker.ts'), ...workerArgv({ preset, runner, opts })];
  const killAfter = opts.timeLimit * 1.5 + 90;
  return new Promise((done) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let killed = false;
    child.stdout.on('data', (b: Buffer) => (stdout += b.toString()));
    child.stderr.on('data', (b: Buffer) => (stderr = (stderr + b.toString()).slice(-4000)));
    const timer = setTimeout(() => {
      killed = true;
      child.kill('SIGKILL');
    }, killAfter * 1000);
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      const line = stdout.split('\n').reverse().find((l) => l.startsWith(ROW_MARKER));
      if (line) {
        try {
          done(JSON.parse(line.slice(ROW_MARKER.length)) as BenchRow);
          return;
        } catch {
          // Fall through: reported as a crash below.
        }
      }
      const tail = stderr.trim().split('\n').slice(-3).join(' ⏎ ').slice(-400);
      if (killed) done(emptyRow(preset, opts.seed, runner, size, 'killed', `killed after ${killAfter} s (time limit ${opts.timeLimit} s)`));
      else {
        const oom = /heap out of memory|Allocation failed|RangeError: Array buffer allocation failed|Out of memory/i.test(stderr);
        done(emptyRow(preset, opts.seed, runner, size, 'crashed', `${oom ? 'out of memory: ' : ''}worker exited with ${signal ?? `code ${code}`}: ${tail}`));
      }
    });
  });
}

function describe(row: BenchRow): string {
  if (row.status === 'skipped') return row.note;
  if (row.seconds === null || row.objective === null) return `${row.status}${row.note ? `: ${row.note}` : ''}`;
  const gap = row.gap === null ? 'gap n/a' : `gap ${(100 * row.gap).toFixed(3)}%${row.boundValid ? '' : ' (pruned)'}`;
  return `${row.status}, ${row.seconds.toFixed(2)} s, objective ${row.objective.toFixed(1)}, ${gap}, matched ${row.matched}/${row.counties}, violations ${row.violations}, peak ${row.peakRssMB} MB`;
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  const started = performance.now();
  const info = machineInfo();
  const name = cli.quick ? 'quick' : 'latest';
  if (cli.rerender) {
    const saved = JSON.parse(readFileSync(join(cli.out, `${name}.json`), 'utf8')) as BenchReport;
    process.stderr.write(`bench: rewrote ${writeReport(saved, cli.out, name).join(', ')}\n`);
    return;
  }
  const rows: BenchRow[] = [];
  const report = (): BenchReport => ({
    mode: cli.quick ? 'quick' : 'full',
    machine: { ...info, loadAverageEnd: loadavg() },
    settings: { presets: cli.presets, seeds: cli.seeds, runners: cli.runners, timeLimit: cli.opts.timeLimit, topK: cli.opts.topK, ...(cli.opts.workers !== undefined ? { workers: cli.opts.workers } : {}) },
    totalSeconds: (performance.now() - started) / 1000,
    rows,
  });
  const total = cli.presets.length * cli.seeds.length * cli.runners.length;
  let n = 0;
  process.stderr.write(`bench: ${total} runs (${cli.presets.join(', ')} × seeds ${cli.seeds.join(', ')} × ${cli.runners.join(', ')}), time limit ${cli.opts.timeLimit} s\n`);
  for (const preset of cli.presets) {
    for (const seed of cli.seeds) {
      const opts: RunnerOptions = { ...cli.opts, seed };
      let size: InstanceSize | undefined;
      for (const runner of cli.runners) {
        n++;
        // Once a worker has reported the instance's size, a runner that does not fit is skipped without a process.
        const skip = size ? skipReason(runner, size, opts) : undefined;
        const row = skip !== undefined && size
          ? emptyRow(preset, seed, runner, size, 'skipped', `skipped: ${skip}`)
          : await runWorker(preset, runner, opts, size);
        if (row.counties !== null && row.experts !== null && row.pairs !== null) size = { counties: row.counties, experts: row.experts, pairs: row.pairs };
        rows.push(row);
        process.stderr.write(`[${n}/${total}] ${preset} seed ${seed} ${runner}: ${describe(row)}\n`);
      }
    }
    writeReport(report(), cli.out, name);
  }
  const files = writeReport(report(), cli.out, name);
  process.stderr.write(`bench: done in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${files.join(', ')}\n`);
}

const USAGE = `usage: node --import tsx bench/run.ts [--quick] [--presets a,b] [--seeds 1,2,3] [--runners ${RUNNER_NAMES.join(',')}]
       [--time-limit S] [--top-k K] [--exact-limit N] [--jslp-limit N] [--highs-full-limit N] [--highs-pruned-limit N]
       [--workers N] [--out DIR] [--rerender]        (see bench/README.md)`;

if (process.argv.includes('--help') || process.argv.includes('-h')) process.stdout.write(`${USAGE}\n`);
else {
  try {
    await main();
  } catch (error) {
    if (!(error instanceof BenchUsageError)) throw error;
    process.stderr.write(`bench: ${error.message}\n${USAGE}\n`);
    process.exitCode = 2;
  }
}
