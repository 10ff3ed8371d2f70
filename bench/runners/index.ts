/**
 * The runners by name, loaded lazily: a worker imports only the one it
 * runs, so a runner whose solver is missing or broken fails alone.
 */
import type { Runner, RunnerName } from '../types.js';

/** Loads a runner module. */
export const RUNNERS: Readonly<Record<RunnerName, () => Promise<Runner>>> = {
  auto: async () => (await import('./auto.js')).autoRunner,
  scalable: async () => (await import('./scalable.js')).scalableRunner,
  exact: async () => (await import('./exact.js')).exactRunner,
  jslp: async () => (await import('./jslp.js')).jslpRunner,
  greedy: async () => (await import('./greedy.js')).greedyRunner,
  'highs-full': async () => (await import('./highs-full.js')).highsFullRunner,
  'highs-pruned': async () => (await import('./highs-pruned.js')).highsPrunedRunner,
};
