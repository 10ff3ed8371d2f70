/**
 * The command line: dispatches to a command and turns every failure into a
 * plain-language message and an exit code. The only place that knows about a terminal.
 */
import { InputError } from '../model/issues.js';
import { EngineUnavailableError } from '../solve/engines/highs.js';
import { TooLargeError } from '../solve/errors.js';
// From their own module: the modules that write results load node:crypto and the manifest, which validate never needs.
import { NotReplaceableError, OutputDirError, OutputLockedError, OutputPathError } from '../io/output-errors.js';
import { VERSION } from '../version.js';
import { UsageError } from './args.js';
import { printIssues } from './print.js';
import { EXIT, processTerminal, type Terminal } from './terminal.js';

/** A command: how it runs, and its help (shown with a usage error). */
interface Command {
  run: (argv: readonly string[], term: Terminal) => Promise<number>;
  help: string;
}

// Each command is loaded when it is run: a process loads only the modules its command needs
// (validate does not compile the solvers, the generator or the report; issue #11, reading).
const COMMANDS: Record<string, () => Promise<Command>> = {
  solve: async () => { const m = await import('./commands/solve.js'); return { run: m.solveCommand, help: m.SOLVE_HELP }; },
  validate: async () => { const m = await import('./commands/validate.js'); return { run: m.validateCommand, help: m.VALIDATE_HELP }; },
  check: async () => { const m = await import('./commands/check.js'); return { run: m.checkCommand, help: m.CHECK_HELP }; },
  generate: async () => { const m = await import('./commands/generate.js'); return { run: m.generateCommand, help: m.GENERATE_HELP }; },
  explain: async () => { const m = await import('./commands/explain.js'); return { run: m.explainCommand, help: m.EXPLAIN_HELP }; },
  repair: async () => { const m = await import('./commands/repair.js'); return { run: m.repairCommand, help: m.REPAIR_HELP }; },
  roster: async () => { const m = await import('./commands/roster.js'); return { run: m.rosterCommand, help: m.ROSTER_HELP }; },
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
  const load = Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
  if (!load) {
    term.err(`error: unknown command "${name}"\n\n${MAIN_HELP}`);
    return EXIT.input;
  }
  const command = await load();
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
