/**
 * The shapes the benchmark passes around: what a runner is, what one run
 * yields, and one row of the results table.
 */
import type { SolveResult } from '../src/model/result.js';
import type { Instance } from '../src/model/schemas.js';

/** The runners, in the order they run and appear in the report. */
export const RUNNER_NAMES = ['auto', 'scalable', 'exact', 'jslp', 'greedy', 'highs-full', 'highs-pruned'] as const;
/** A runner's name. */
export type RunnerName = (typeof RUNNER_NAMES)[number];

/** Knobs every runner receives. */
export interface RunnerOptions {
  /** The solve's time limit in seconds (options.timeLimit). */
  timeLimit: number;
  /** The solve's seed (options.seed); the instance's seed too. */
  seed: number;
  /** Candidates kept per county by `highs-pruned`. */
  topK: number;
  /** `exact` is skipped above this many binaries (default `EXACT_BINARY_LIMIT`, above which the library's exact solver refuses a round). */
  exactBinaryLimit: number;
  /** `jslp` is skipped above this many binaries (default `JSLP_BINARY_LIMIT`, javascript-lp-solver's limit). */
  jslpBinaryLimit: number;
  /** `highs-full` is skipped above this many binaries (WebAssembly memory and time). */
  highsFullBinaryLimit: number;
  /** `highs-pruned` is skipped above this many estimated binaries (counties × topK). */
  highsPrunedBinaryLimit: number;
  /** Threads of the scalable solver's dual side (options.workers); unset: the solver's default. */
  workers?: number;
}

/** What decides whether a runner fits: the instance's size. */
export interface InstanceSize {
  counties: number;
  experts: number;
  /** County–expert pairs that may exist: the binaries of the whole model (`countExactBinaries`). */
  pairs: number;
}

/** What a runner's `value` reads off a checked result. */
export interface RunValue {
  objective: number;
  /** Upper bound on the objective, or null when the runner has none. */
  bound: number | null;
  /** True when `bound` holds for the whole instance (false for a pruned model). */
  boundValid: boolean;
  /** Relative gap against `bound`, or null. */
  gap: number | null;
  matched: number;
  /** Upper bound on the counties any valid result can match. */
  matchable: number;
  status: string;
  /** `summary.solver` of the result. */
  solver: string;
  note?: string;
}

/**
 * A benchmark runner (STYLE item 6): `convert` prepares the input (not
 * timed), `solve` is the timed part, `value` reads the figures off a result
 * that has already passed `checkSolution`. Whether it runs at all is
 * decided from the instance's size (`runners/skips.ts`).
 */
export interface RunnerSpec<Input> {
  readonly name: RunnerName;
  /** One line for the README and the report. */
  readonly description: string;
  /** Prepares the input, e.g. loads an engine's WebAssembly: not timed. */
  convert(instance: Instance, opts: RunnerOptions): Input | Promise<Input>;
  solve(input: Input, opts: RunnerOptions): Promise<SolveResult>;
  /** Reads the figures; `input` is what `solve` received (it may have left things there). Not timed. */
  value(result: SolveResult, input: Input, opts: RunnerOptions): RunValue;
}

/** The outcome of one run inside a worker, before machine figures are added. */
export type RunOutcome =
  | { kind: 'skipped'; note: string }
  | { kind: 'error'; seconds: number | null; note: string; violations?: number }
  | { kind: 'done'; seconds: number; value: RunValue; violations: number };

/** What every runner module exports: its name and `run`. */
export interface Runner {
  readonly name: RunnerName;
  readonly description: string;
  /** Skip check, convert, timed solve, independent check, value. Never throws. */
  run(instance: Instance, size: InstanceSize, opts: RunnerOptions): Promise<RunOutcome>;
}

/** Row statuses beyond a solver's own (`optimal`, `feasible`, `time-limit`, `infeasible`). */
export type HarnessStatus = 'skipped' | 'error' | 'invalid' | 'crashed' | 'killed';

/** One line of the results: one runner on one instance. */
export interface BenchRow {
  preset: string;
  seed: number;
  counties: number | null;
  experts: number | null;
  /** County–expert pairs that may exist (binaries of the whole model). */
  pairs: number | null;
  runner: RunnerName;
  /** Wall seconds of the solve alone (generation and checking excluded); null when it did not run. */
  seconds: number | null;
  objective: number | null;
  bound: number | null;
  boundValid: boolean;
  gap: number | null;
  matched: number | null;
  matchable: number | null;
  /** Violations found by the worker's own `checkSolution`; must be 0. */
  violations: number | null;
  /** Peak resident memory of the worker process (generation included), MB. */
  peakRssMB: number | null;
  /** Resident memory right after generating the instance, MB. */
  baseRssMB: number | null;
  /** Seconds the worker spent generating the instance (not counted). */
  generateSeconds: number | null;
  status: string;
  solver: string | null;
  note: string;
}

/** Where the run happened. */
export interface MachineInfo {
  node: string;
  cpu: string;
  cores: number;
  memoryGB: number;
  platform: string;
  date: string;
  /** 1, 5 and 15 minute load averages when the run started: other work on the machine skews the timings. */
  loadAverage: number[];
  /** The same when it ended. */
  loadAverageEnd?: number[];
}

/** The whole results file. */
export interface BenchReport {
  mode: 'full' | 'quick';
  machine: MachineInfo;
  settings: { presets: string[]; seeds: number[]; runners: RunnerName[]; timeLimit: number; topK: number; workers?: number };
  /** Wall seconds of the whole run, spawning included. */
  totalSeconds: number;
  rows: BenchRow[];
}
