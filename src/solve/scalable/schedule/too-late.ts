/**
 * The answer when the time limit runs out before the scalable solver can
 * start: reading and validating a large round took so much of it that the
 * solver's indexes (0.5–0.7 times that long to build) would not be ready
 * before the deadline. No group; every county `not-solved`, saying so in
 * words; status `time-limit`; and bounds from the round's data alone, so
 * the result stays checked and honest (`quickScoreCeiling`).
 */
import type { Diagnosis } from '../../../explain/diagnose.js';
import type { SolveResult } from '../../../model/result.js';
import type { RoundContext } from '../../../rules/context.js';
import { roundScoreCeiling } from '../../../objective/bounds.js';
import { assembleResult } from '../../assemble.js';
import type { ScalableSettings } from './settings.js';
import { label } from '../state/state.js';

/**
 * Seconds to build the solver's indexes, per second spent in `solve` before the solver (building the round's context:
 * an instance validated while reading is not validated again). Measured on national-x10: 2.3 s of indexing after
 * 0.29–0.34 s of setup; with a margin.
 */
export const INDEX_SHARE_OF_SETUP = 6;

/** True when the solver's indexes, projected from the time spent before the solver, cannot be built before `deadline`. */
export function tooLateToStart(setupSeconds: number, deadline: number): boolean {
  return Date.now() + INDEX_SHARE_OF_SETUP * setupSeconds * 1000 >= deadline;
}

/** The checked result of a solve that could not start (see the module comment). */
export function tooLateResult(ctx: RoundContext, settings: ScalableSettings, spentSeconds: number, inputHash: string): SolveResult {
  const unmatched = new Map<string, Diagnosis>();
  const detail = `the time limit (${ctx.options.timeLimit} s) ran out before the solver could start (reading and validating the round took ${spentSeconds.toFixed(1)} s): no valid group was found for it yet; allow more time`;
  for (const county of ctx.counties) unmatched.set(county.id, { reasonCode: 'not-solved', detail: `${label(county)}: ${detail}` });
  return assembleResult({
    ctx,
    groups: [],
    unmatched,
    status: 'time-limit',
    upperBound: roundScoreCeiling(ctx),
    matchableUpperBound: ctx.counties.length,
    solver: 'scalable',
    startedAt: settings.startedAt,
    warnings: settings.warnings ?? [],
    inputHash,
  });
}
