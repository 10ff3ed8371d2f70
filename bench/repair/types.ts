/**
 * The shapes of the repair benchmark (issue #4 item 5): what a run is asked
 * to do, one measured withdrawal, and the results file.
 */
import type { MachineInfo } from '../types.js';

/** Solvers the benchmark may solve and re-solve with. */
export const REPAIR_BENCH_SOLVERS = ['scalable', 'auto'] as const;
/** One of `REPAIR_BENCH_SOLVERS`. */
export type RepairBenchSolver = (typeof REPAIR_BENCH_SOLVERS)[number];

/** What a run measures. */
export interface RepairBenchSettings {
  /** Generator presets (`src/generate`). */
  presets: string[];
  /** Instance seeds; the solves' `seed` option and the withdrawal draw use the same number. */
  seeds: number[];
  /** Withdrawal sizes k: how many serving experts withdraw at once. */
  withdraw: number[];
  /** The solver of the original solve and of the re-solve. */
  solver: RepairBenchSolver;
  /** `timeLimit` of the original solve and of the re-solve, seconds. */
  timeLimit: number;
  /** Share of the k withdrawn experts drawn among group leaders (at least one). */
  leaderShare: number;
}

/** The solve every withdrawal of one instance starts from. */
export interface OriginalSolve {
  seconds: number;
  status: string;
  matched: number;
  /** Soft score as `checkSolution` recomputes it. */
  score: number;
  /** Experts serving in at least one group. */
  serving: number;
}

/** How a result differs from the original result (see `diff.ts`). */
export interface GroupChanges {
  /** Counties whose group differs from the original (a member or the leader), or that lost or gained a group. */
  groupsChanged: number;
  /** Of those, groups that held no withdrawn expert: groups the withdrawal did not touch, changed anyway. */
  untouchedGroupsChanged: number;
  /** County–expert pairs added or removed (a withdrawn member counts as one removal). */
  membersChanged: number;
  /** Counties matched in the original result and unmatched now. */
  countiesLost: number;
}

/** One answer to a withdrawal (the repair, or the re-solve from scratch), measured against the original. */
export interface Answer extends GroupChanges {
  /** Wall seconds of the call alone (`repair(...)` or `solve(...)`), validation included. */
  seconds: number;
  status: string;
  matched: number;
  /** Soft score as `checkSolution` recomputes it. */
  score: number;
  /** Hard-rule violations found by `checkSolution` on the round without the withdrawn experts: must be 0. */
  violations: number;
}

/** The repair's answer, with what its change log says. */
export interface RepairAnswer extends Answer {
  /** Groups that lost a member to the withdrawal (`RepairOutcome.affected`). */
  groupsHit: number;
  /** Rows of the change log (`RepairOutcome.changes`). */
  changesListed: number;
  /** True when the change log lists exactly the pairs added and removed (`diff.ts` computes them independently). */
  changeLogComplete: boolean;
}

/** One withdrawal of k experts on one instance. */
export interface RepairRow {
  preset: string;
  seed: number;
  counties: number;
  experts: number;
  original: OriginalSolve;
  /** Withdrawal size asked for. */
  k: number;
  /** Experts withdrawn (k, unless fewer serve). */
  withdrawn: number;
  /** Of them, group leaders. */
  leadersWithdrawn: number;
  /** Null when the repair refused or threw (see `note`). */
  repair: RepairAnswer | null;
  /** Null when the re-solve refused or threw (see `note`). */
  resolve: Answer | null;
  /** repair seconds / re-solve seconds: below 1 the repair is faster. */
  timeRatio: number | null;
  /** 1, 5 and 15 minute load averages when the row was done: other work on the machine skews the timings. */
  loadAverage: number[];
  note: string;
}

/** The whole results file, `repair.json`. */
export interface RepairReport {
  machine: MachineInfo;
  settings: RepairBenchSettings;
  /** The command line that produced it. */
  command: string;
  /** Free text from `--note` (e.g. which code was measured), printed under the command. */
  note?: string;
  /** Wall seconds of the whole run, generation and checks included. */
  totalSeconds: number;
  /** Peak resident memory of the benchmark process, MB. */
  peakRssMB: number;
  rows: RepairRow[];
}
