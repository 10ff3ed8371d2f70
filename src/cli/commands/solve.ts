/**
 * `advisory-groups solve`: read a folder of CSV files, form the groups,
 * write the results.
 */
import { readdir, realpath } from 'node:fs/promises';
import path from 'node:path';
import { readInstanceDir } from '../../io/read-instance.js';
import { writeResults } from '../../io/write-results.js';
import { prepareOutDir } from '../../io/out-dir.js';
import type { OutLock } from '../../io/out-lock.js';
import { solve } from '../../solve/solve.js';
import { readResultDir } from '../../io/read-results.js';
import { solveBatch } from '../../incremental/batch.js';
import { recruitmentAdvice } from '../../recruit/advice.js';
import { recruitmentCsv } from '../../recruit/write.js';
import { resolveOptions, type OptionsInput, type Progress } from '../../model/options.js';
import { REPORT_FILE, renderReport } from '../../report/index.js';
import { ROSTER_FILE, resultRosterCsv } from '../../roster/index.js';
import { readOptionsFile } from '../../check/options-against.js';
import { optionalChoice, optionalNumber, parseCommandArgs, requireString, UsageError } from '../args.js';
import { ROUND_FLAG_SPECS, ROUND_FLAGS_HELP, roundFlagOptions } from '../round-flags.js';
import { printIssues, printSolveSummary, printWarnings } from '../print.js';
import { EXIT, type Terminal } from '../terminal.js';
import { DATE_FLAG_HELP, DATE_FLAG_SPEC, ledgerDateOf } from '../date-flag.js';

/** Help text of `solve`. */
export const SOLVE_HELP = `Usage: advisory-groups solve --input DIR --out DIR [options]

Forms one advisory group per county from the CSV files in DIR (counties.csv,
needs.csv, experts.csv, skills.csv, pairings.csv, and optionally affinity.csv,
pinned.csv) and writes assignments.csv, unmatched.csv, summary.json,
timing.json, roster.csv (the 名单 per county, leader first), ledger.csv (the
台账: a join per member, or with --batch --pinned the earlier result's ledger
and this batch's events) and manifest.json
(last) into the --out folder (never the input folder), as one set; --out is
locked against a second writer.

Options:
  --input DIR            folder with the input CSV files (required)
  --out DIR              folder for the results (required; created if missing)
  --objective MODE       default (S1–S7, README "The objective") or affinity (exactly Σ affinity)   [default]
  --solver NAME          auto, exact (HiGHS; the whole model's optimum, proven), scalable, or highs (= exact)   [auto]
  --time-limit SECONDS   return the best valid result found by then   [60]
  --seed N               seed of every random choice   [1]
  --fairness             S5: raise the weakest group's score first, then the total
                         (after pins and counties matched); the summary gives the
                         weakest group's score and its proven bound
  --key-counties MODE    refuse or skip national key assistance counties (H10)   [refuse]
  --workers N            threads for the scalable solver's dual side, this one included;
                         the files written are the same whatever N   [the cores (at most 8)
                         on rounds of 30 counties or more; else 1]
${ROUND_FLAGS_HELP}
  --options FILE         a JSON file of options (OptionsInput, e.g. {"weights": {"size": 2}});
                         the flags override it; \`check\` needs the same options
  --report               also write report.html: a self-contained page (summary,
                         provinces, a card per group, coverage heatmap, charts)
  --batch LABEL          solve only the counties whose batch column is LABEL (成熟一批、匹配一批),
                         with the groups of earlier batches standing (never changed;
                         their experts' places are used). The results folder holds the
                         full current picture: earlier groups unchanged, this batch's
                         groups, and counties of other batches as not-solved; the
                         summary's solver reads "batch LABEL of …"
  --pinned DIR           with --batch: the earlier results folder whose groups stand
                         (default: counties of other batches whose pins in pinned.csv
                         form a complete group)
  --recruit              also write recruitment.csv: for each unmatched county, the
                         expert profiles whose addition would make it matchable
${DATE_FLAG_HELP}
  -h, --help             show this help

Exit codes: 0 solved (see unmatched.csv for counties without a group),
2 input refused or --out unusable (a file, not writable, a folder named like
a result file inside it, another run writing it; found before solving;
nothing written), 1 internal error.`;

/** True when both paths name one folder, also through a symbolic link. */
async function sameFolder(a: string, b: string): Promise<boolean> {
  const real = async (p: string): Promise<string> => realpath(p).catch(() => path.resolve(p));
  return (await real(a)) === (await real(b));
}

/** Runs `solve`. */
export async function solveCommand(argv: readonly string[], term: Terminal): Promise<number> {
  // The time limit counts from here: reading and validating the input are part of it.
  const startedAt = Date.now();
  const values = parseCommandArgs(argv, {
    input: { type: 'string' }, out: { type: 'string' }, objective: { type: 'string' }, solver: { type: 'string' },
    'time-limit': { type: 'string' }, seed: { type: 'string' }, 'key-counties': { type: 'string' }, report: { type: 'boolean' },
    batch: { type: 'string' }, pinned: { type: 'string' }, recruit: { type: 'boolean' }, fairness: { type: 'boolean' },
    options: { type: 'string' }, workers: { type: 'string' }, ...ROUND_FLAG_SPECS, ...DATE_FLAG_SPEC,
  });
  if (values['help']) {
    term.out(SOLVE_HELP);
    return EXIT.ok;
  }
  const input = requireString(values, 'input');
  const out = requireString(values, 'out');
  if (await sameFolder(out, input)) throw new UsageError('--out must not be the --input folder: results are never written over the inputs');
  const objective = optionalChoice(values, 'objective', ['default', 'affinity'] as const);
  const solver = optionalChoice(values, 'solver', ['auto', 'exact', 'scalable', 'highs'] as const);
  const timeLimit = optionalNumber(values, 'time-limit', (n) => n > 0, 'a positive number of seconds');
  const seed = optionalNumber(values, 'seed', Number.isInteger, 'a whole number');
  const keyCounties = optionalChoice(values, 'key-counties', ['refuse', 'skip'] as const);
  const workers = optionalNumber(values, 'workers', (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1');
  const batch = typeof values['batch'] === 'string' ? values['batch'] : undefined;
  const pinnedDir = typeof values['pinned'] === 'string' ? values['pinned'] : undefined;
  if (pinnedDir !== undefined && batch === undefined) throw new UsageError('--pinned is for a batch run: give --batch LABEL too');
  if (batch === '') throw new UsageError('--batch needs a label');
  const date = ledgerDateOf(values);
  const flagged = roundFlagOptions(values);
  // An options file (e.g. weights) is read before any work: a bad one is refused like bad input.
  let fromFile: OptionsInput = {};
  if (typeof values['options'] === 'string') {
    const read = await readOptionsFile(values['options']);
    if (!read.ok) {
      printIssues(term, read.issues);
      return EXIT.input;
    }
    fromFile = read.options;
  }
  const roundOptions: OptionsInput = { ...fromFile, ...flagged };

  // Before any solving: a --out that cannot take the results (a file, not writable, a folder named
  // assignments.csv inside, another run writing it) is refused now, and the lock keeps a second writer out.
  const lock = await prepareOutDir(out, { inputDir: input });
  try {
    return await solveInto(out, lock, input, values, term, { objective, solver, timeLimit, seed, keyCounties, workers, batch, pinnedDir, startedAt, roundOptions, date });
  } finally {
    await lock.release();
  }
}

/** The choices of a `solve` command line, parsed. */
interface SolveChoices {
  objective: 'default' | 'affinity' | undefined;
  solver: 'auto' | 'exact' | 'scalable' | 'highs' | undefined;
  timeLimit: number | undefined;
  seed: number | undefined;
  keyCounties: 'refuse' | 'skip' | undefined;
  /** `--workers`: threads of the scalable solver's dual side (never changes the files written). */
  workers: number | undefined;
  batch: string | undefined;
  pinnedDir: string | undefined;
  /** When the command started (`Date.now()`): the time limit counts from it. */
  startedAt: number;
  /** Options of the options file and the round flags (`round-flags.ts`), the flags over the file. */
  roundOptions: OptionsInput;
  /** The date of this run's ledger events (`--date`). */
  date: string;
}

/** The rest of `solve`, with the --out folder prepared and locked. */
async function solveInto(out: string, lock: OutLock, input: string, values: Record<string, unknown>, term: Terminal, choices: SolveChoices): Promise<number> {
  const { objective, solver, timeLimit, seed, keyCounties, workers, batch, pinnedDir, startedAt, roundOptions, date } = choices;
  const options: OptionsInput = {
    ...roundOptions,
    ...(objective ? { objective } : {}), ...(solver ? { solver } : {}), ...(timeLimit !== undefined ? { timeLimit } : {}),
    ...(seed !== undefined ? { seed } : {}), ...(keyCounties ? { keyCounties } : {}), ...(values['fairness'] === true ? { fairness: true } : {}),
    ...(workers !== undefined ? { workers } : {}),
  };
  // Validated under the round's own options (pins are judged by its quotas), so that \`solve\` need not validate again.
  const read = await readInstanceDir(input, resolveOptions(options));
  if (!read.ok) {
    printIssues(term, read.issues);
    return EXIT.input;
  }
  printWarnings(term, read.warnings);
  const previous = pinnedDir === undefined ? undefined : await readResultDir(pinnedDir);
  if (previous && !previous.ok) {
    printIssues(term, previous.issues);
    return EXIT.input;
  }
  const solveOptions = {
    ...options,
    startedAt,
    onProgress: (p: Progress) => term.status(`${p.phase}: score ${Number.isNaN(p.objective) ? '—' : p.objective.toFixed(1)}  bound ${p.bound.toFixed(1)}  gap ${(p.gap * 100).toFixed(2)}%  matched ${p.matched}  ${p.elapsed.toFixed(1)} s`),
  };
  const result = batch === undefined
    ? await solve(read.instance, solveOptions)
    : await solveBatch(read.instance, { batch, ...(previous?.ok ? { previous } : {}) }, solveOptions);
  term.status('');
  if (result.status === 'invalid') {
    printIssues(term, result.issues);
    return EXIT.input;
  }
  // The solver's own warnings (e.g. an optional polish dropped); the input's were printed above.
  printWarnings(term, result.warnings.filter((w) => w.code === 'solver-fallback'));
  // The report and the advice are written in the same set as the results: all replaced together, or none.
  // The roster (名单) is always part of the set: it is what an officer signs and posts.
  const extraFiles: Record<string, string> = { [ROSTER_FILE]: resultRosterCsv(read.instance, result) };
  if (values['report']) extraFiles[REPORT_FILE] = renderReport(read.instance, result, resolveOptions(options));
  const advice = values['recruit'] === true ? await recruitmentAdvice(read.instance, result) : undefined;
  if (advice) extraFiles['recruitment.csv'] = recruitmentCsv(advice);
  // The ledger (台账): the earlier result's, with this batch's events; a first solve's opening events.
  await writeResults(out, result, { inputDir: input, extraFiles, lock, ledger: { date, ...(previous?.ok ? { parent: previous } : {}) } });
  printSolveSummary(term, read.instance, result, out, 40, (await readdir(out)).filter((n) => !n.startsWith('.')).sort());
  if (values['report']) term.out(`report     ${out}/${REPORT_FILE}`);
  if (advice) term.out(`recruit    ${out}/recruitment.csv: advice for ${advice.length} unmatched county(ies), ${advice.filter((a) => a.verified).length} checked`);
  return EXIT.ok;
}
