/**
 * `advisory-groups check`: verify a result folder against the input and
 * every hard rule, independently of any solver.
 */
import { readInstanceDir } from '../../io/read-instance.js';
import { readResultDir } from '../../io/read-results.js';
import { checkSolution } from '../../check/check-solution.js';
import { optionalChoice, parseCommandArgs, requireString } from '../args.js';
import { printIssues } from '../print.js';
import { EXIT, type Terminal } from '../terminal.js';

/** Help text of `check`. */
export const CHECK_HELP = `Usage: advisory-groups check --input DIR --result DIR [--key-counties refuse|skip]

Checks the groups in --result (assignments.csv, unmatched.csv) against the
input in --input and every hard rule H1–H9, and recomputes the score. The
options a result was solved with are read from its summary.json when present.

Exit codes: 0 valid, 3 the result breaks a rule (each violation is listed),
2 input refused, 1 internal error.`;

/** Runs `check`. */
export async function checkCommand(argv: readonly string[], term: Terminal): Promise<number> {
  const values = parseCommandArgs(argv, { input: { type: 'string' }, result: { type: 'string' }, 'key-counties': { type: 'string' } });
  if (values['help']) {
    term.out(CHECK_HELP);
    return EXIT.ok;
  }
  const input = requireString(values, 'input');
  const resultDir = requireString(values, 'result');
  const keyCounties = optionalChoice(values, 'key-counties', ['refuse', 'skip'] as const);
  const read = await readInstanceDir(input, keyCounties ? { keyCounties } : {});
  if (!read.ok) {
    printIssues(term, read.issues);
    return EXIT.input;
  }
  const result = await readResultDir(resultDir);
  if (!result.ok) {
    printIssues(term, result.issues);
    return EXIT.input;
  }
  // The rules' parameters (group size, quotas…) are those the result was solved with.
  const options = result.summary?.options ?? {};
  const report = checkSolution(read.instance, result, options);
  if (!report.ok) {
    for (const v of report.violations) term.err(`${v.rule} ${v.code}: ${v.message}`);
    term.err(`${report.violations.length} violation(s): the result breaks the rules above.`);
    return EXIT.violations;
  }
  term.out(`valid: ${report.matchedCounties} groups, ${result.unmatched.length} unmatched counties; every hard rule H1–H9 holds; score ${report.objective.toFixed(4)}`);
  const claimed = result.summary?.objective;
  if (claimed !== undefined && Math.abs(claimed - report.objective) > 1e-6 * Math.max(1, Math.abs(claimed))) {
    term.err(`note: summary.json claims score ${claimed}, the recomputed score is ${report.objective}`);
  }
  return EXIT.ok;
}
