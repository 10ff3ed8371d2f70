/**
 * `advisory-groups repair`: re-form the groups that lost members to
 * withdrawals, changing as few other groups as possible (动态管理).
 */
import path from 'node:path';
import { readInstanceDir } from '../../io/read-instance.js';
import { readResultDir } from '../../io/read-results.js';
import { repair } from '../../incremental/repair.js';
import { writeRepair } from '../../incremental/write.js';
import { prepareOutDir } from '../../io/out-dir.js';
import type { OutLock } from '../../io/out-lock.js';
import { optionalChoice, parseCommandArgs, requireString, UsageError } from '../args.js';
import { printIssues, printSolveSummary, printWarnings } from '../print.js';
import { EXIT, type Terminal } from '../terminal.js';

/** Help text of `repair`. */
export const REPAIR_HELP = `Usage: advisory-groups repair --input DIR --result DIR --withdraw ID[,ID…] --out DIR

Experts withdraw (动态管理): removes them from the result in --result and
re-forms every group that lost a member, with as few changes as possible:

  1. every group that lost nobody stays exactly as it is;
  2. a group that lost members keeps the rest (its leader stays leader) and
     is refilled from free experts;
  3. only if that is impossible it takes a member from one other group (then
     from two), which refills in turn — the move that keeps the most members;
  4. failing that, the county is reported unmatched with its reason.

Writes assignments.csv, unmatched.csv, summary.json, timing.json,
changes.csv (county_id, expert_id, change added/removed/role, role, reason),
pinned.csv (the input's pins without the withdrawn experts') and
manifest.json into --out, as one set. The result passes the same checker as solve's. Its summary keeps the
earlier result's bound (withdrawals only remove options) and names the solver
"repair of …".

Options:
  --input DIR            folder with the input CSV files (required)
  --result DIR           the result to repair (required); its summary.json gives the options
  --withdraw IDS         expert ids, separated by commas (required)
  --out DIR              folder for the repaired result (required; not --input or --result)
  --key-counties MODE    refuse or skip national key assistance counties (H10)   [refuse]
  -h, --help             show this help

Exit codes: 0 repaired (see unmatched.csv), 2 input refused, unknown id, or --out
unusable (found before any work), 1 internal error.`;

/** Runs `repair`. */
export async function repairCommand(argv: readonly string[], term: Terminal): Promise<number> {
  const values = parseCommandArgs(argv, {
    input: { type: 'string' }, result: { type: 'string' }, withdraw: { type: 'string' }, out: { type: 'string' }, 'key-counties': { type: 'string' },
  });
  if (values['help']) {
    term.out(REPAIR_HELP);
    return EXIT.ok;
  }
  const input = requireString(values, 'input');
  const resultDir = requireString(values, 'result');
  const out = requireString(values, 'out');
  const withdraw = requireString(values, 'withdraw').split(/[,，;；\s]+/).map((s) => s.trim()).filter((s) => s !== '');
  if (withdraw.length === 0) throw new UsageError('--withdraw needs at least one expert id');
  if (path.resolve(out) === path.resolve(input) || path.resolve(out) === path.resolve(resultDir)) throw new UsageError('--out must be a new folder, not --input or --result');
  const keyCounties = optionalChoice(values, 'key-counties', ['refuse', 'skip'] as const);
  // Before any work: a --out that cannot take the results is refused now, and locked against a second writer.
  const lock = await prepareOutDir(out, { inputDir: input });
  try {
    return await repairInto(out, lock, { input, resultDir, withdraw, keyCounties }, term);
  } finally {
    await lock.release();
  }
}

/** The rest of `repair`, with the --out folder prepared and locked. */
async function repairInto(
  out: string, lock: OutLock, args: { input: string; resultDir: string; withdraw: string[]; keyCounties: 'refuse' | 'skip' | undefined }, term: Terminal,
): Promise<number> {
  const { input, resultDir, withdraw, keyCounties } = args;
  const read = await readInstanceDir(input, keyCounties ? { keyCounties } : {});
  if (!read.ok) {
    printIssues(term, read.issues);
    return EXIT.input;
  }
  printWarnings(term, read.warnings);
  const prior = await readResultDir(resultDir);
  if (!prior.ok) {
    printIssues(term, prior.issues);
    return EXIT.input;
  }
  const outcome = await repair(read.instance, prior, { withdraw });
  if ('status' in outcome) {
    printIssues(term, outcome.issues);
    return EXIT.input;
  }
  await writeRepair(out, outcome, { inputDir: input, lock });
  term.out(`withdrawn  ${withdraw.length} expert(s); ${outcome.affected.length} group(s) lost members; ${outcome.changedCounties.length} group(s) changed; ${outcome.lost.length} county(ies) left unmatched`);
  for (const c of outcome.changes.slice(0, 60)) term.out(`  ${c.countyId}  ${c.change === 'added' ? '+' : c.change === 'removed' ? '-' : '~'} ${c.expertId} (${c.role}): ${c.reason}`);
  if (outcome.changes.length > 60) term.out(`  … ${outcome.changes.length - 60} more in changes.csv`);
  term.out('');
  printSolveSummary(term, read.instance, outcome.result, out, 0);
  term.out(`           and ${out}/changes.csv, pinned.csv (the pins the repaired result keeps)`);
  return EXIT.ok;
}
