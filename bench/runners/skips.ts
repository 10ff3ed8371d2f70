/**
 * When a runner does not fit an instance, from its size alone: the worker
 * asks before running, and the parent asks before spawning a worker when
 * an earlier run already reported the instance's size.
 */
import type { InstanceSize, RunnerName, RunnerOptions } from '../types.js';

const fmt = (n: number): string => n.toLocaleString('en-US');

/** Why `runner` is skipped on an instance of this size, or undefined. */
export function skipReason(runner: RunnerName, size: InstanceSize, opts: RunnerOptions): string | undefined {
  switch (runner) {
    case 'exact':
      return size.pairs > opts.exactBinaryLimit ? `${fmt(size.pairs)} binaries > limit ${fmt(opts.exactBinaryLimit)} (the exact solver's EXACT_BINARY_LIMIT: HiGHS WebAssembly memory)` : undefined;
    case 'jslp':
      return size.pairs > opts.jslpBinaryLimit ? `${fmt(size.pairs)} binaries > limit ${fmt(opts.jslpBinaryLimit)} (javascript-lp-solver)` : undefined;
    case 'highs-full':
      return size.pairs > opts.highsFullBinaryLimit ? `${fmt(size.pairs)} binaries > limit ${fmt(opts.highsFullBinaryLimit)} (HiGHS WebAssembly memory and time on the whole model)` : undefined;
    case 'highs-pruned': {
      const estimate = size.counties * opts.topK;
      return estimate > opts.highsPrunedBinaryLimit ? `~${fmt(estimate)} binaries (${fmt(size.counties)} counties × top-${opts.topK}) > limit ${fmt(opts.highsPrunedBinaryLimit)} (HiGHS time on the pruned model)` : undefined;
    }
    default:
      return undefined;
  }
}
