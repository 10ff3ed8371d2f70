import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 60_000,
    pool: 'forks',
    // Vitest's default (cores − 1) runs one file at a time on the 2-core CI machine; every core is used instead.
    maxWorkers: Math.max(2, availableParallelism()),
    minWorkers: 1,
  },
});
