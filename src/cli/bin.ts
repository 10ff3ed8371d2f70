#!/usr/bin/env node
/**
 * The `advisory-groups` executable.
 */
import { runCli } from './main.js';
import { quietBrokenPipes } from './terminal.js';

// Before anything is written: `advisory-groups … | head -1` must not crash with EPIPE.
quietBrokenPipes();
runCli(process.argv.slice(2)).then(
  (code) => {
    process.exitCode = code;
  },
  (e: unknown) => {
    if (!process.stderr.destroyed) process.stderr.write(`internal error: ${String(e)}\n`);
    process.exitCode = 1;
  },
);
