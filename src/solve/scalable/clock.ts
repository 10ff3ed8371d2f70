/**
 * Time and progress of an anytime solve. The wall clock only ever cuts the
 * schedule short (the time limit); it never picks between two paths, so two
 * runs that both finish their schedule give the same result.
 */
import type { Progress } from '../../model/options.js';

/** The deadline of a solve and its progress reporting. */
export class Clock {
  /** Milliseconds since the epoch when the time limit runs out. */
  readonly deadline: number;
  /** True once a check found the deadline passed: the result is then `time-limit`. */
  cut = false;

  constructor(readonly startedAt: number, timeLimitSeconds: number, private readonly onProgress?: (p: Progress) => void) {
    this.deadline = startedAt + timeLimitSeconds * 1000;
  }

  /** Seconds since the solve started. */
  elapsed(): number {
    return (Date.now() - this.startedAt) / 1000;
  }

  /** True (and remembered) when the deadline has passed. Cheap enough to call between subproblems. */
  expired(): boolean {
    if (!this.cut && Date.now() >= this.deadline) this.cut = true;
    return this.cut;
  }

  /** Reports progress, when someone listens. */
  report(objective: number, bound: number, matched: number, phase: string): void {
    if (!this.onProgress) return;
    const gap = Number.isFinite(bound) && Number.isFinite(objective) ? Math.max(0, (bound - objective) / Math.max(Math.abs(bound), 1e-9)) : 1;
    this.onProgress({ objective, bound, gap, matched, elapsed: this.elapsed(), phase });
  }
}
