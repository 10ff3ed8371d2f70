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

/** Streams whose reader has gone (EPIPE): nothing more is written to them. */
const closedStreams = new WeakSet<NodeJS.WritableStream>();

/**
 * Makes a closed stdout or stderr end the output quietly instead of
 * crashing the process: when the reader goes away (`… | head -1` exits
 * after one line), Node emits EPIPE as an 'error' event, which unhandled
 * kills the process with a stack trace, possibly before the results are
 * written. The command goes on (a solve still writes its folder); only its
 * terminal output is dropped. Other stream errors are thrown as before.
 * Idempotent.
 */
export function quietBrokenPipes(streams: readonly NodeJS.WriteStream[] = [process.stdout, process.stderr]): void {
  for (const stream of streams) {
    if (stream.listeners('error').includes(onStreamError)) continue;
    stream.on('error', onStreamError);
  }
}

function onStreamError(this: NodeJS.WriteStream, error: NodeJS.ErrnoException): void {
  if (error.code === 'EPIPE') {
    closedStreams.add(this);
    return;
  }
  throw error;
}

/** Writes to a stream unless its reader has gone. */
function write(stream: NodeJS.WriteStream, text: string): void {
  if (!closedStreams.has(stream) && !stream.destroyed) stream.write(text);
}

/** The process's own terminal: progress only when stderr is a TTY; a closed pipe ends the output quietly (`quietBrokenPipes`). */
export function processTerminal(): Terminal {
  quietBrokenPipes();
  const interactive = process.stderr.isTTY === true;
  return {
    out: (line) => write(process.stdout, `${line}\n`),
    err: (line) => write(process.stderr, `${line}\n`),
    status: (line) => {
      if (interactive) write(process.stderr, `\r\x1b[2K${line}`);
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
