/** A terminal for command-line tests that keeps what a command printed. */
import type { Terminal } from '../../src/cli/terminal.js';

/** A terminal recording stdout and stderr lines apart (progress is dropped). */
export function capture(): Terminal & { stdout: string[]; stderr: string[] } {
  const stdout: string[] = [];
  const stderr: string[] = [];
  return { stdout, stderr, out: (l) => stdout.push(l), err: (l) => stderr.push(l), status: () => {} };
}
