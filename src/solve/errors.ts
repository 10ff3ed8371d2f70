/**
 * Typed errors of the solve layer.
 */
import type { Violation } from '../rules/types.js';

/** A solver produced a result that breaks a hard rule: a bug, never returned to the caller as a result. */
export class SolverBugError extends Error {
  override readonly name = 'SolverBugError';
  constructor(readonly solver: string, readonly violations: readonly Violation[]) {
    super(`${solver} produced an invalid result (${violations.length} violation(s)): ${violations.slice(0, 3).map((v) => `${v.rule} ${v.message}`).join('; ')}`);
  }
}

/** The requested solver cannot take a round of this size. */
export class TooLargeError extends Error {
  override readonly name = 'TooLargeError';
  constructor(readonly solver: string, readonly binaries: number, readonly limit: number) {
    super(`the ${solver} solver takes rounds of up to ${limit} eligible county–expert pairs; this round has ${binaries}. Use --solver scalable (or auto).`);
  }
}

/** An engine failed on a model (an error, an unbounded answer, or values that break the model's rows): not a result, and not the library's bug. */
export class EngineFailedError extends Error {
  override readonly name = 'EngineFailedError';
  constructor(readonly engine: string, readonly status: string, readonly detail: string) {
    super(`the ${engine} engine failed (${status}): ${detail}`);
  }
}
