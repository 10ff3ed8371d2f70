/**
 * One runner on one generated instance, in a process of its own so that its
 * peak memory is its own and a crash cannot take the run down. Generates
 * the instance (not timed), runs the runner, and prints one line:
 * `BENCH_ROW {json}`.
 *
 *   node --import tsx bench/worker.ts --preset national --seed 1 --runner scalable --time-limit 60 [--top-k 40] [--workers N]
 */
import { generateInstance, type PresetName } from '../src/generate/index.js';
import { collectGarbage, peakRssMB as peakRss, rssMB } from './machine.js';
import { pairCount } from './runners/common.js';
import { RUNNERS } from './runners/index.js';
import { RUNNER_NAMES, type BenchRow, type InstanceSize, type RunOutcome, type RunnerName, type RunnerOptions } from './types.js';

/** The marker before the one JSON line the parent reads. */
export const ROW_MARKER = 'BENCH_ROW ';

/** Worker arguments. */
export interface WorkerArgs {
  preset: string;
  runner: RunnerName;
  opts: RunnerOptions;
}

/** The command-line arguments of a worker for these settings. */
export function workerArgv(a: WorkerArgs): string[] {
  return [
    '--preset', a.preset, '--seed', String(a.opts.seed), '--runner', a.runner, '--time-limit', String(a.opts.timeLimit),
    '--top-k', String(a.opts.topK), '--exact-limit', String(a.opts.exactBinaryLimit), '--jslp-limit', String(a.opts.jslpBinaryLimit), '--highs-full-limit', String(a.opts.highsFullBinaryLimit),
    '--highs-pruned-limit', String(a.opts.highsPrunedBinaryLimit), ...(a.opts.workers !== undefined ? ['--workers', String(a.opts.workers)] : []),
  ];
}

function parse(argv: readonly string[]): WorkerArgs {
  const get = (flag: string): string => {
    const i = argv.indexOf(flag);
    const v = i >= 0 ? argv[i + 1] : undefined;
    if (v === undefined) throw new Error(`worker: missing ${flag}`);
    return v;
  };
  const num = (flag: string): number => {
    const n = Number(get(flag));
    if (!Number.isFinite(n)) throw new Error(`worker: ${flag} is not a number`);
    return n;
  };
  const runner = get('--runner');
  const workers = argv.includes('--workers') ? num('--workers') : undefined;
  if (!(RUNNER_NAMES as readonly string[]).includes(runner)) throw new Error(`worker: unknown runner ${runner}`);
  return {
    preset: get('--preset'),
    runner: runner as RunnerName,
    opts: { seed: num('--seed'), timeLimit: num('--time-limit'), topK: num('--top-k'), exactBinaryLimit: num('--exact-limit'), jslpBinaryLimit: num('--jslp-limit'), highsFullBinaryLimit: num('--highs-full-limit'), highsPrunedBinaryLimit: num('--highs-pruned-limit'), ...(workers !== undefined ? { workers } : {}) },
  };
}

/** Runs the worker and returns its row (exported for tests; the CLI below prints it). */
export async function runWorker(args: WorkerArgs): Promise<BenchRow> {
  const t0 = performance.now();
  const instance = generateInstance(args.preset as PresetName, args.opts.seed);
  const generateSeconds = (performance.now() - t0) / 1000;
  collectGarbage();
  const baseRssMB = rssMB();
  const size: InstanceSize = { counties: instance.counties.length, experts: instance.experts.length, pairs: pairCount(instance, args.opts) };
  let outcome: RunOutcome;
  try {
    const runner = await RUNNERS[args.runner]();
    outcome = await runner.run(instance, size, args.opts);
  } catch (error) {
    outcome = { kind: 'error', seconds: null, note: `runner failed to load or run: ${error instanceof Error ? error.message : String(error)}` };
  }
  const peakRssMB = peakRss();
  const row: BenchRow = {
    preset: args.preset, seed: args.opts.seed, ...size,
    runner: args.runner, seconds: null, objective: null, bound: null, boundValid: false, gap: null, matched: null, matchable: null,
    violations: null, peakRssMB, baseRssMB, generateSeconds, status: 'error', solver: null, note: '',
  };
  switch (outcome.kind) {
    case 'skipped':
      return { ...row, status: 'skipped', note: outcome.note };
    case 'error':
      return { ...row, seconds: outcome.seconds, violations: outcome.violations ?? null, status: outcome.violations ? 'invalid' : 'error', note: outcome.note };
    case 'done': {
      const v = outcome.value;
      return {
        ...row, seconds: outcome.seconds, objective: v.objective, bound: v.bound, boundValid: v.boundValid, gap: v.gap,
        matched: v.matched, matchable: v.matchable, violations: outcome.violations,
        status: outcome.violations > 0 ? 'invalid' : v.status, solver: v.solver, note: v.note ?? '',
      };
    }
  }
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('worker.ts') === true;
if (isMain) {
  const row = await runWorker(parse(process.argv.slice(2)));
  // Exit once the line is flushed: a solver's pending timers or threads must not keep the worker alive.
  process.stdout.write(`${ROW_MARKER}${JSON.stringify(row)}\n`, () => process.exit(0));
}
