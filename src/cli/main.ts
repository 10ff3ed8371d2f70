/**
 * The command line: dispatches to a command and turns every failure into a
 * plain-language message and an exit code. The only place that knows about a terminal.
 */
import { InputError } from '../model/issues.js';
import { EngineUnavailableError } from '../solve/engines/highs.js';
import { TooLargeError } from '../solve/errors.js';
import { NotReplaceableError } from '../io/atomic-write.js';
import { OutputDirError, OutputPathError } from '../io/out-dir.js';
import { OutputLockedError } from '../io/out-lock.js';
import { VERSION } from '../version.js';
import { UsageError } from './args.js';
import { CHECK_HELP, checkCommand } from './commands/check.js';
import { GENERATE_HELP, generateCommand } from './commands/generate.js';
import { SOLVE_HELP, solveCommand } from './commands/solve.js';
import { VALIDATE_HELP, validateCommand } from './commands/validate.js';
import { EXPLAIN_HELP, explainCommand } from './commands/explain.js';
import { REPAIR_HELP, repairCommand } from './commands/repair.js';
import { ROSTER_HELP, rosterCommand } from './commands/roster.js';
import { printIssues } from './print.js';
import { EXIT, processTerminal, type Terminal } from './terminal.js';

const COMMANDS: Record<string, { run: (argv: readonly string[], term: Terminal) => Promise<number>; help: string }> = {
  solve: { run: solveCommand, help: SOLVE_HELP },
  validate: { run: validateCommand, help: VALIDATE_HELP },
  check: { run: checkCommand, help: CHECK_HELP },
  generate: { run: generateCommand, help: GENERATE_HELP },
  explain: { run: explainCommand, help: EXPLAIN_HELP },
  repair: { run: repairCommand, help: REPAIR_HELP },
  roster: { run: rosterCommand, help: ROSTER_HELP },
};

/** Top-level help. */
export const MAIN_HELP = `advisory-groups ${VERSION}: industry advisory groups (产业顾问组) for poverty-alleviated counties

Usage:
  advisory-groups solve    --input DIR --out DIR [--objective default|affinity]
                           [--solver auto|exact|scalable|highs] [--time-limit SECONDS] [--seed N]
                           [--batch LABEL [--pinned DIR]] [--recruit]
  advisory-groups validate --input DIR
  advisory-groups check    --input DIR --result DIR
  advisory-groups generate --preset NAME --out DIR [--seed N]
  advisory-groups explain  --input DIR --result DIR --county ID [--expert ID]
  advisory-groups repair   --input DIR --result DIR --withdraw ID[,ID…] --out DIR
  advisory-groups roster   --input DIR --result DIR [--out FILE]

Run \`advisory-groups COMMAND --help\` for a command's options.`;

/** Runs the command line; resolves to the exit code. */
export async function runCli(argv: readonly string[], term: Terminal = processTerminal()): Promise<number> {
  const [name, ...rest] = argv;
  if (name === undefined || name === '--help' || name === '-h' || name === 'help') {
    term.out(MAIN_HELP);
    return name === undefined ? EXIT.input : EXIT.ok;
  }
  if (name === '--version' || name === '-v') {
    term.out(VERSION);
    return EXIT.ok;
  }
  const command = COMMANDS[name];
  if (!command) {
    term.err(`error: unknown command "${name}"\n\n${MAIN_HELP}`);
    return EXIT.input;
  }
  try {
    return await command.run(rest, term);
  } catch (e) {
    if (e instanceof UsageError) {
      term.err(`error: ${e.message}\n\n${command.help}`);
      return EXIT.input;
    }
    if (e instanceof InputError) {
      printIssues(term, e.issues);
      return EXIT.input;
    }
    if (e instanceof TooLargeError || e instanceof EngineUnavailableError || e instanceof OutputDirError
      || e instanceof OutputPathError || e instanceof OutputLockedError || e instanceof NotReplaceableError) {
      term.err(`error: ${e.message}`);
      return EXIT.input;
    }
    const err = e as NodeJS.ErrnoException;
    if (err && typeof err.code === 'string' && ['ENOENT', 'EACCES', 'EPERM', 'ENOTDIR', 'EEXIST', 'EROFS', 'ENOSPC'].includes(err.code)) {
      term.err(`error: ${err.message}`);
      return EXIT.input;
    }
    term.err(`internal error: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}\nThis is a bug in advisory-groups; please report it with the input that caused it.`);
    return EXIT.internal;
  }
}
