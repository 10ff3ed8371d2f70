/**
 * Time and progress of an anytime solve. The wall clock only ever cuts the
 * schedule short (the time limit); it never picks between two paths of a
 * run that finishes its schedule, so two runs that both finish it give the
 * same result. (`rush.ts` is the one place where the clock picks a path, and
 * only for a run it has already judged too short for the schedule: such a
 * run is marked cut and ends as `time-limit`.)
 *
 * The solver's own work stops before the time limit, early enough to leave
 * time for finishing: turning the best assignment into a checked
 * `SolveResult` (scores, `checkSolution`, reasons). That reserve grows with
 * the members of the result (see `FinishCost`).
 */
import type { Progress } from '../../../model/options.js';

/** What finishing a result is expected to take, in seconds. */
export interface FinishCost {
  /** Whatever the result (bounds, reasons of unmatched counties). */
  fixed: number;
  /** Per member of the result (its reason, fit and check). */
  perMember: number;
}

/**
 * Finishing, in shares of the time the caller spent before the solver
 * started (parsing, validation, indexing), which scales with the round's
 * size and the machine's current speed alike: a fixed part, and a part per
 * member of the result relative to the experts of the round. The input's
 * hash is not part of it (the solver computes it first), nor is
 * validation (an instance validated while reading is not validated again,
 * so the setup is mostly building the round's context). Measured on
 * national-x10 under a load average of 2–3 (setup 0.29–0.34 s): 0.73 s with
 * 10,153 members, 1.55 s with 40,091, 2.44 s with 78,248 (of 149,800 experts) — about 1 + 10 ×
 * members/experts times the setup; the shares below add a margin.
 */
export const FINISH_SHARES = { fixed: 2, perMemberPerExpert: 12 } as const;

/** The finishing cost of a round with `experts` experts whose setup took `setupSeconds` (see `FINISH_SHARES`). */
export function finishCost(setupSeconds: number, experts: number): FinishCost {
  const setup = Math.max(0, setupSeconds);
  return { fixed: FINISH_SHARES.fixed * setup, perMember: (FINISH_SHARES.perMemberPerExpert * setup) / Math.max(1, experts) };
}

/** The deadline of a solve and its progress reporting. */
export class Clock {
  /** Milliseconds since the epoch when the time limit runs out. */
  readonly end: number;
  private passed = false;
  private shortened = false;
  private members: () => number = () => 0;

  /**
   * @param startedAt `Date.now()` when the solve started (the time limit counts from it)
   * @param timeLimitSeconds the round's time limit
   * @param finish what finishing the result will take (none by default)
   */
  constructor(readonly startedAt: number, timeLimitSeconds: number, private readonly onProgress?: (p: Progress) => void, private readonly finish: FinishCost = { fixed: 0, perMember: 0 }) {
    this.end = startedAt + timeLimitSeconds * 1000;
  }

  /** Tells the clock where to read the size (members) of the result that finishing would build. */
  watchMembers(members: () => number): void {
    this.members = members;
  }

  /** Milliseconds since the epoch when the solver's work must stop for a result of `members` members. */
  deadlineFor(members: number): number {
    return this.end - (this.finish.fixed + this.finish.perMember * members) * 1000;
  }

  /** Milliseconds since the epoch when the solver's work must stop, for the result as it stands. */
  get deadline(): number {
    return this.deadlineFor(this.members());
  }

  /** Milliseconds left before the deadline, for the result as it stands (negative once past). */
  remainingMs(): number {
    return this.deadline - Date.now();
  }

  /** Seconds since the solve started. */
  elapsed(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  /** True (and remembered) when the deadline has passed. Cheap enough to call between subproblems. */
  expired(): boolean {
    if (!this.passed && Date.now() >= this.deadline) this.passed = true;
    return this.passed;
  }

  /** Marks the schedule as cut short by the time limit before the deadline (the rush path of `rush.ts`). */
  cutShort(): void {
    this.shortened = true;
  }

  /** True when the time limit changed the course of the solve (the deadline passed, or the schedule was cut short): the result is then `time-limit`. */
  get cut(): boolean {
    return this.passed || this.shortened;
  }

  /** Reports progress, when someone listens. */
  report(objective: number, bound: number, matched: number, phase: string): void {
    if (!this.onProgress) return;
    const gap = Number.isFinite(bound) && Number.isFinite(objective) ? Math.max(0, (bound - objective) / Math.max(Math.abs(bound), 1e-9)) : 1;
    this.onProgress({ objective, bound, gap, matched, elapsed: this.elapsed(), phase });
  }
}
