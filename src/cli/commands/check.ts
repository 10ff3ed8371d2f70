/**
 * `advisory-groups check`: verify a result folder against the input, every
 * hard rule and every claim of the folder, independently of any solver and
 * of what the folder says about itself (see `verifyResult`).
 */
import { readInstanceDir } from '../../io/read-instance.js';
import { readResultDir } from '../../io/read-results.js';
import { InputError, type InputIssue } from '../../model/issues.js';
import { resolveOptions, type OptionsInput } from '../../model/options.js';
import { formatFinding, type Finding } from '../../check/findings.js';
import { describeDifferences, readOptionsFile } from '../../check/options-against.js';
import { verifyResult, type VerifyReport } from '../../check/verify-result.js';
import { optionalChoice, optionalNumber, parseCommandArgs, requireString } from '../args.js';
import { ROUND_FLAG_SPECS, ROUND_FLAGS_HELP, roundFlagOptions } from '../round-flags.js';
import { printIssues } from '../print.js';
import { EXIT, type Terminal } from '../terminal.js';

/** Help text of `check`. */
export const CHECK_HELP = `Usage: advisory-groups check --input DIR --result DIR [options]

Checks the result folder --result against the input in --input, as a
supervisor (监督) would: it trusts none of the folder's files. It verifies
every hard rule H1–H9; recomputes the score, the counts, the gap, the
input's hash, and each row's fit, covers and reason; confirms each unmatched
county's reason code where the input can refute it; and refuses a status,
bound or gap that is provably false.

The rules are the policy defaults, or the options given here — never the
options the result's own summary.json holds. Options that define a rule or
the score (group size, quotas, leader levels, capacity, key counties,
objective, weights, fairness) must agree with the summary's, or the check
fails; options that only steer a run (solver, timeLimit, seed) are printed
when they differ, and never fail it. Every option that differs from the
policy defaults is printed beside the verdict.

Options:
  --input DIR            folder with the input CSV files (required)
  --result DIR           the result folder to check (required)
  --options FILE         a JSON file of options (OptionsInput, e.g. {"groupMin": 6})
  --objective MODE       default or affinity   [default]
  --fairness             the result was solved with S5 fairness
  --key-counties MODE    refuse or skip national key assistance counties (H10)   [refuse]
  --group-min N          smallest group (H3)   [8]
  --group-max N          largest group (H3)   [12]
  --parent DIR           the result this one continues (the --result of its repair, the
                         --pinned of its batch run): proves ledger.csv's link to it
${ROUND_FLAGS_HELP}
  -h, --help             show this help
Flags override the options file.

Not confirmed (that needs solving): that the bound is at least the best
score possible, and that an optimal result is optimal — only what is
provably false is refused.

Exit codes: 0 valid, 3 the result breaks a rule or states a false claim, or
was solved under other rule options (each finding is listed), 2 input or
options refused, or a result folder that cannot be read, 1 internal error.`;

/** Options from --options FILE, then the flags over them. */
async function checkOptions(values: Record<string, string | boolean | undefined>): Promise<{ ok: true; options: OptionsInput } | { ok: false; issues: [InputIssue, ...InputIssue[]] }> {
  const objective = optionalChoice(values, 'objective', ['default', 'affinity'] as const);
  const keyCounties = optionalChoice(values, 'key-counties', ['refuse', 'skip'] as const);
  const groupMin = optionalNumber(values, 'group-min', (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1');
  const groupMax = optionalNumber(values, 'group-max', (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1');
  const flagged = roundFlagOptions(values);
  let base: OptionsInput = {};
  if (typeof values['options'] === 'string') {
    const read = await readOptionsFile(values['options']);
    if (!read.ok) return read;
    base = read.options;
  }
  return {
    ok: true,
    options: {
      ...base,
      ...(objective ? { objective } : {}), ...(keyCounties ? { keyCounties } : {}), ...(values['fairness'] === true ? { fairness: true } : {}),
      ...(groupMin !== undefined ? { groupMin } : {}), ...(groupMax !== undefined ? { groupMax } : {}), ...flagged,
    },
  };
}

/** The lines printed beside the verdict: the options it holds under, the run settings, the pins. */
function contextLines(report: VerifyReport): string[] {
  const lines = [report.policyDifferences.length === 0
    ? 'options    checked against the policy defaults'
    : `options    checked against options that differ from the policy: ${describeDifferences(report.policyDifferences)}`];
  if (report.runDifferences.length > 0) lines.push(`run        the result was solved with ${describeDifferences(report.runDifferences, 'checked with')}: run settings only, not refused`);
  if (report.pins.source === 'result') {
    const dropped = report.pins.dropped.map((p) => `${p.countyId}–${p.expertId}${p.role ? ` (${p.role})` : ''}`);
    lines.push(`pins       the result's own pinned.csv${dropped.length > 0 ? `; input pins it dropped: ${dropped.join(', ')}` : ''}`);
  }
  lines.push(...ledgerLines(report));
  if (report.withdrawn.length > 0) lines.push(`withdrawn  the result says ${report.withdrawn.join(', ')} withdrew (changes.csv): unmatched reasons are checked without them`);
  if (report.uncheckedReasons.length > 0) lines.push(`note       the reasons of ${report.uncheckedReasons.length} unmatched counties were not checked (round too large for the scanning budget)`);
  return lines;
}

/** What the ledger check covered, and what it could not. */
function ledgerLines(report: VerifyReport): string[] {
  const l = report.ledger;
  if (!l.present) return ['ledger     the result has no ledger.csv: no membership history to check'];
  const link = l.parent === 'verified' ? 'its link to the parent given (--parent) is checked' : l.parent === 'not-given' ? 'its link to the parent result is not checked (give --parent DIR)' : 'it has no parent (a first solve)';
  const lines = [`ledger     ${l.events} event(s) in ${l.runs} run(s); replayed, it gives the result's groups; the last run's events are the change of the groups; ${link}`];
  if (report.vacancies.length > 0) lines.push(`vacancies  ${report.vacancies.length} group(s) kept with a vacancy (vacancies.csv): checked with the rules but their vacant places; no completion from free experts found by a greedy search (not a proof)${l.unverifiedVacancies.length > 0 ? `; not compared with a parent's group: ${l.unverifiedVacancies.join(', ')}` : ''}`);
  return lines;
}

/** Findings printed per code before the rest are counted (a result solved under other weights has a wrong fit on every row). */
export const FINDINGS_PER_CODE = 20;

function printFindings(term: Terminal, findings: readonly Finding[]): void {
  const shown = new Map<string, number>();
  for (const f of findings) {
    const key = `${f.kind} ${f.rule ?? ''} ${f.code}`;
    const n = (shown.get(key) ?? 0) + 1;
    shown.set(key, n);
    if (n <= FINDINGS_PER_CODE) term.err(formatFinding(f));
  }
  for (const [key, n] of shown) if (n > FINDINGS_PER_CODE) term.err(`… and ${n - FINDINGS_PER_CODE} more of ${key.split(' ').filter((w) => w !== '').slice(1).join(' ')}`);
}

/** Runs `check`. */
export async function checkCommand(argv: readonly string[], term: Terminal): Promise<number> {
  const values = parseCommandArgs(argv, {
    input: { type: 'string' }, result: { type: 'string' }, options: { type: 'string' }, objective: { type: 'string' },
    fairness: { type: 'boolean' }, 'key-counties': { type: 'string' }, 'group-min': { type: 'string' }, 'group-max': { type: 'string' },
    ...ROUND_FLAG_SPECS, parent: { type: 'string' },
  });
  if (values['help']) {
    term.out(CHECK_HELP);
    return EXIT.ok;
  }
  const input = requireString(values, 'input');
  const resultDir = requireString(values, 'result');
  const given = await checkOptions(values);
  if (!given.ok) {
    printIssues(term, given.issues);
    return EXIT.input;
  }
  const parsedOptions = resolveOptions(given.options);
  const { keyCounties, leaderLevels, defaultCapacity, consent } = parsedOptions;
  const read = await readInstanceDir(input, { keyCounties, leaderLevels, defaultCapacity, consent });
  if (!read.ok) {
    printIssues(term, read.issues);
    return EXIT.input;
  }
  const result = await readResultDir(resultDir);
  if (!result.ok) {
    printIssues(term, result.issues);
    return EXIT.input;
  }
  // The parent is read like any result folder: its manifest hash is what the ledger must name.
  const parent = typeof values['parent'] === 'string' ? await readResultDir(values['parent']) : undefined;
  if (parent && !parent.ok) {
    printIssues(term, parent.issues);
    return EXIT.input;
  }
  let report: VerifyReport;
  try {
    report = verifyResult(read.instance, { ...result, withdrawn: result.withdrawn ?? [] }, parsedOptions, parent?.ok ? { parent } : {});
  } catch (error) {
    if (!(error instanceof InputError)) throw error;
    printIssues(term, error.issues);
    return EXIT.input;
  }
  if (!report.ok) {
    printFindings(term, report.findings);
    const violations = report.findings.filter((f) => f.kind === 'violation').length;
    term.err(`${report.findings.length} finding(s) (${violations} broken rule(s), ${report.findings.length - violations} false claim(s) or option mismatch(es)): the result does not hold up.`);
    for (const line of contextLines(report)) term.err(line);
    return EXIT.violations;
  }
  const s = result.summary!;
  term.out(`valid: ${report.rules.matchedCounties} groups, ${result.unmatched.length} unmatched counties; every hard rule H1–H9 holds; score ${report.rules.objective.toFixed(4)}; every claim checked holds (summary, rows, reasons, input hash)`);
  term.out(`status     ${s.status}, bound ${Number.isFinite(s.upperBound) ? s.upperBound.toFixed(4) : 'none'}, gap ${(s.gap * 100).toFixed(2)}%: the bound is the solver's proof, consistent with the score; a checker cannot confirm it without solving`);
  for (const line of contextLines(report)) term.out(line);
  return EXIT.ok;
}
