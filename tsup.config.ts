import { defineConfig } from 'tsup';

export default defineConfig([
  {
    entry: { index: 'src/index.ts', testing: 'src/testing.ts' },
    format: ['esm', 'cjs'],
    dts: true,
    sourcemap: true,
    clean: true,
    target: 'node20',
    external: ['highs', 'fast-check'],
  },
  {
    // The command line starts fast (issue #11, reading): each command is a chunk loaded when it runs
    // (src/cli/main.ts), and zod is bundled in, since resolving and loading its ~100 module files took
    // 0.05–0.1 s of every start. Its chunks go to dist/cli/, apart from the library's files.
    entry: { cli: 'src/cli/bin.ts' },
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
