/**
 * `advisory-groups repair`: re-form the groups that lost members to
 * withdrawals, changing as few other groups as possible (动态管理).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { readInstanceDir } from '../../io/read-instance.js';
import { readResultDir } from '../../io/read-results.js';
import { repair } from '../../incremental/repair.js';
import { writeRepair } from '../../incremental/write.js';
import { ROSTER_FILE, resultRosterCsv } from '../../roster/index.js';
import { prepareOutDir } from '../../io/out-dir.js';
import type { OutLock } from '../../io/out-lock.js';
import { optionalChoice, parseCommandArgs, requireString, UsageError } from '../args.js';
import { printIssues, printSolveSummary, printWarnings } from '../print.js';
import { EXIT, type Terminal } from '../terminal.js';
import { DATE_FLAG_HELP, DATE_FLAG_SPEC, ledgerDateOf } from '../date-flag.js';

/** Help text of `repair`. */
export const REPAIR_HELP = `Usage: advisory-groups repair --input DIR --result DIR [--withdraw ID[,ID…]] --out DIR

Experts withdraw (动态管理): removes them from the result in --result and
re-forms every group that lost a member, with as few changes as possible:

  1. every group that lost nobody stays exactly as it is;
  2. a group that lost members keeps the rest (its leader stays leader) and
     is refilled from free experts;
  3. only if that is impossible it takes a member from one other group (then
     from two), which refills in turn — the move that keeps the most members;
  4. failing that, the group is kept with a flagged vacancy: its other members
     stay unchanged (vacancies.csv), and the county is reported vacancy with
     what to recruit; only a group that lost every member is dissolved.
  Groups an earlier repair kept with a vacancy are refilled from free experts
  when they can be (e.g. after a recruit was added to experts.csv): without
  --withdraw, that is all a repair does.

Writes assignments.csv, unmatched.csv, summary.json, timing.json,
changes.csv (county_id, expert_id, change added/removed/role, role, reason),
pinned.csv (the input's pins without the withdrawn experts'), roster.csv
(the 名单, as solve writes it), vacancies.csv (members of groups kept with a
vacancy, when there are any), ledger.csv (the 台账: the earlier result's
ledger with this repair's dated events: leave, role, replace, fill, join,
vacancy) and manifest.json into --out, as one set. The result passes the same checker as solve's. Its summary keeps the
earlier result's bound (withdrawals only remove options) and names the solver
"repair of …".

Options:
  --input DIR            folder with the input CSV files (required)
  --result DIR           the result to repair (required); its summary.json gives the options
  --withdraw IDS         expert ids, separated by commas (required unless the result
                         has vacancies to fill)
${DATE_FLAG_HELP}
  --out DIR              folder for the repaired result (required; not --input or --result)
  --key-counties MODE    refuse or skip national key assistance counties (H10)   [refuse]
  -h, --help             show this help

Exit codes: 0 repaired (see unmatched.csv), 2 input refused, unknown id, or --out
unusable (found before any work), 1 internal error.`;

/** Runs `repair`. */
export async function repairCommand(argv: readonly string[], term: Terminal): Promise<number> {
  const values = parseCommandArgs(argv, {
    input: { type: 'string' }, result: { type: 'string' }, withdraw: { type: 'string' }, out: { type: 'string' }, 'key-counties': { type: 'string' }, ...DATE_FLAG_SPEC,
  });
  if (values['help']) {
    term.out(REPAIR_HELP);
    return EXIT.ok;
  }
  const input = requireString(values, 'input');
  const resultDir = requireString(values, 'result');
  const out = requireString(values, 'out');
  // Without --withdraw a repair only fills earlier vacancies (checked once the result is read).
  const withdraw = values['withdraw'] === undefined ? [] : requireString(values, 'withdraw').split(/[,，;；\s]+/).map((s) => s.trim()).filter((s) => s !== '');
  if (values['withdraw'] !== undefined && withdraw.length === 0) throw new UsageError('--withdraw needs at least one expert id');
  const date = ledgerDateOf(values);
  if (path.resolve(out) === path.resolve(input) || path.resolve(out) === path.resolve(resultDir)) throw new UsageError('--out must be a new folder, not --input or --result');
  const keyCounties = optionalChoice(values, 'key-counties', ['refuse', 'skip'] as const);
  // Before any work: a --out that cannot take the results is refused now, and locked against a second writer.
  const lock = await prepareOutDir(out, { inputDir: input });
  try {
    return await repairInto(out, lock, { input, resultDir, withdraw, keyCounties, date }, term);
  } finally {
    await lock.release();
  }
}

/** The rest of `repair`, with the --out folder prepared and locked. */
async function repairInto(
  out: string, lock: OutLock, args: { input: string; resultDir: string; withdraw: string[]; keyCounties: 'refuse' | 'skip' | undefined; date: string }, term: Terminal,
): Promise<number> {
  const { input, resultDir, withdraw, keyCounties, date } = args;
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
  if (withdraw.length === 0 && (prior.vacancies ?? []).length === 0) throw new UsageError('--withdraw is required: the result has no vacancy to fill');
  const outcome = await repair(read.instance, prior, { withdraw });
  if ('status' in outcome) {
    printIssues(term, outcome.issues);
    return EXIT.input;
  }
  await writeRepair(out, outcome, { inputDir: input, lock, extraFiles: { [ROSTER_FILE]: resultRosterCsv(read.instance, outcome.result) }, ledger: { date, parent: prior } });
  term.out(`withdrawn  ${withdraw.length} expert(s); ${outcome.affected.length} group(s) lost members; ${outcome.changedCounties.length} group(s) changed; ${outcome.lost.length} county(ies) left unmatched; ${outcome.vacant.length} kept with a vacancy${outcome.filled.length > 0 ? `; ${outcome.filled.length} vacancy(ies) filled` : ''}`);
  for (const c of outcome.changes.slice(0, 60)) {
    term.out(c.change === 'withdrawn' ? `  (pool)  x ${c.expertId}: ${c.reason}` : `  ${c.countyId}  ${c.change === 'added' ? '+' : c.change === 'removed' ? '-' : '~'} ${c.expertId} (${c.role}): ${c.reason}`);
  }
  if (outcome.changes.length > 60) term.out(`  … ${outcome.changes.length - 60} more in changes.csv`);
  term.out('');
  printSolveSummary(term, read.instance, outcome.result, out, 0, (await readdir(out)).filter((n) => !n.startsWith('.')).sort());
  term.out(`           and ${out}/changes.csv, pinned.csv (the pins the repaired result keeps), ledger.csv (dated ${date})${outcome.vacant.length > 0 ? ', vacancies.csv' : ''}`);
  return EXIT.ok;
}
