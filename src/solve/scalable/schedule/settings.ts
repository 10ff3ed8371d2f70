/**
 * What a caller tells the scalable solver: when its time started, its
 * warnings, and whom to tell about progress. Apart from `index.ts`, so that
 * the phases it calls (`finish.ts`, `too-late.ts`) can take it without
 * importing the solver's entry point.
 */
import type { Progress } from '../../../model/options.js';
import type { InputWarning } from '../../../model/issues.js';
import type { MasterStats } from '../master/phase.js';

/** Settings of a scalable solve. */
export interface ScalableSettings {
  /** `Date.now()` when the caller's work started (the command's start, else the entry of `solve`); the time limit counts from it. */
  startedAt: number;
  /**
   * `Date.now()` when the round's own preparation began (the entry of `solve`:
   * validation and indexing), default `startedAt`. What it took predicts the
   * solver's finishing and indexing costs; reading CSV files before it, which
   * is slower per row, must not inflate that prediction.
   */
  setupFrom?: number;
  warnings?: readonly InputWarning[];
  /** Called at each improvement and iteration. */
  onProgress?: (p: Progress) => void;
  /** Told what the master phase did (columns, rounds, seconds), when it runs (`SCHEDULE.master`). */
  onMasterStats?: (stats: MasterStats) => void;
}
