import { defineConfig } from 'tsup';

export default defineConfig([
  {
    // The scalable solver's worker thread (src/solve/scalable/workers/worker.ts) is an entry of its own, beside the
    // bundles that start it (dist/scalable-worker.js for dist/index.js, .cjs for dist/index.cjs): see workers/locate.ts.
    entry: { index: 'src/index.ts', testing: 'src/testing.ts', 'scalable-worker': 'src/solve/scalable/workers/worker.ts' },
    format: ['esm', 'cjs'],
    dts: { entry: { index: 'src/index.ts', testing: 'src/testing.ts' } },
    // import.meta.url in the CJS build too (workers/locate.ts finds the worker script from it).
    shims: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    external: ['highs', 'fast-check'],
  },
  {
    // The command line starts fast (issue #11, reading): each command is a chunk loaded when it runs
    // (src/cli/main.ts), and zod is bundled in, since resolving and loading its ~100 module files took
    // 0.05–0.1 s of every start. Its chunks go to dist/cli/, apart from the library's files.
    // The worker thread goes beside the command's chunks (dist/cli/scalable-worker.js), zod bundled in like theirs.
    entry: { cli: 'src/cli/bin.ts', 'cli/scalable-worker': 'src/solve/scalable/workers/worker.ts' },
    format: ['esm'],
    sourcemap: true,
    target: 'node20',
    external: ['highs', 'fast-check'],
    noExternal: ['zod'],
    splitting: true,
    esbuildOptions(options) {
      options.chunkNames = 'cli/[name]-[hash]';
    },
  },
]);
