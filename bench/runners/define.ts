/**
 * Turns a runner's parts into `{ name, run }`: the size check, `convert`
 * (not timed), `solve` (timed), then the worker's own `checkSolution` on
 * the result before its time counts, then `value`.
 */
import { checkSolution } from '../../src/check/check-solution.js';
import { SolverBugError } from '../../src/solve/errors.js';
import type { Instance } from '../../src/model/schemas.js';
import type { InstanceSize, RunOutcome, Runner, RunnerOptions, RunnerSpec } from '../types.js';
import { roundOptions } from './common.js';
import { skipReason } from './skips.js';

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** Wraps a runner spec into a runner that never throws. */
export function defineRunner<Input>(spec: RunnerSpec<Input>): Runner {
  return {
    name: spec.name,
    description: spec.description,
    async run(instance: Instance, size: InstanceSize, opts: RunnerOptions): Promise<RunOutcome> {
      const skip = skipReason(spec.name, size, opts);
      if (skip !== undefined) return { kind: 'skipped', note: `skipped: ${skip}` };
      let input: Input;
      try {
        input = await spec.convert(instance, opts);
      } catch (error) {
        return { kind: 'error', seconds: null, note: `convert failed: ${message(error)}` };
      }
      const started = performance.now();
      let result;
      try {
        result = await spec.solve(input, opts);
      } catch (error) {
        const seconds = (performance.now() - started) / 1000;
        if (error instanceof SolverBugError) return { kind: 'error', seconds, violations: error.violations.length, note: `the solver's own check refused its result: ${error.message}` };
        return { kind: 'error', seconds, note: message(error) };
      }
      const seconds = (performance.now() - started) / 1000;
      // The independent check: the worker re-verifies every hard rule itself.
      const report = checkSolution(instance, result, roundOptions(opts));
      const value = spec.value(result, input, opts);
      const notes: string[] = value.note ? [value.note] : [];
      if (!report.ok) notes.push(`checkSolution: ${report.violations.slice(0, 3).map((v) => `${v.rule} ${v.message}`).join('; ')}`);
      const drift = Math.abs(report.objective - value.objective);
      if (drift > 1e-6 * Math.max(1, Math.abs(report.objective))) notes.push(`reported objective ${value.objective} differs from the checker's ${report.objective}`);
      if (report.matchedCounties !== value.matched) notes.push(`reported ${value.matched} matched, checker counts ${report.matchedCounties}`);
      return { kind: 'done', seconds, violations: report.violations.length, value: { ...value, objective: report.objective, matched: report.matchedCounties, ...(notes.length ? { note: notes.join(' | ') } : {}) } };
    },
  };
}
