/**
 * The terminal the commands write to: injected so that tests can capture it.
 */

/** Where a command writes. */
export interface Terminal {
  out(line: string): void;
  err(line: string): void;
  /** Rewrites the current status line (a progress line); a no-op when not interactive. */
  status(line: string): void;
}

/** The process's own terminal: progress only when stderr is a TTY. */
export function processTerminal(): Terminal {
  const interactive = process.stderr.isTTY === true;
  return {
    out: (line) => process.stdout.write(`${line}\n`),
    err: (line) => process.stderr.write(`${line}\n`),
    status: (line) => {
      if (interactive) process.stderr.write(`\r\x1b[2K${line}`);
    },
  };
}

/** Exit codes of the command line (README "Command line"). */
export const EXIT = {
  /** Solved (some counties may be unmatched: see unmatched.csv), or the check passed. */
  ok: 0,
  /** Internal error. */
  internal: 1,
  /** Input refused: each message names the file, line and field; nothing was written. */
  input: 2,
  /** `check`: the result breaks a hard rule. */
  violations: 3,
} as const;
