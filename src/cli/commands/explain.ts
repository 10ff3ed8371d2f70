/**
 * `advisory-groups explain`: why a county's group is what it is, or why an
 * expert is or is not in it.
 */
import { readInstanceDir } from '../../io/read-instance.js';
import { readResultDir } from '../../io/read-results.js';
import { explainCountyInRound } from '../../explain/county.js';
import { formatCountyExplanation, formatPairExplanation } from '../../explain/format.js';
import { explainPairInRound } from '../../explain/pair.js';
import { prepareRound } from '../../incremental/prepare.js';
import { UnknownIdError } from '../../incremental/state.js';
import { optionalChoice, parseCommandArgs, requireString } from '../args.js';
import { printIssues, printWarnings } from '../print.js';
import { EXIT, type Terminal } from '../terminal.js';

/** Help text of `explain`. */
export const EXPLAIN_HELP = `Usage: advisory-groups explain --input DIR --result DIR --county ID [--expert ID]

Explains a result (a folder written by solve, or by repair) against its input:

  --county ID alone      the county's group: each member's role, the needs it
                         covers, its fit (relevance, affinity) and what it adds;
                         the group's score by term (coverage + fit − organization
                         penalty) and who covers each need. For an unmatched
                         county: its reason, and the experts to recruit to make
                         it matchable (checked by re-solving the county with
                         them, every other group unchanged).
  --expert ID            why that expert is or is not in the county's group: the
                         hard rule that keeps it out (vetoed H8, local scientist
                         of another county H5, no place left H2, pinned elsewhere
                         H9, a quota H3–H6), or the trade-off: the exact score
                         change of moving it from the county it serves, both
                         groups re-solved with every other group fixed.

Options:
  --input DIR            folder with the input CSV files (required)
  --result DIR           results folder (required); its summary.json gives the options
  --county ID            county id (required)
  --expert ID            expert id
  --key-counties MODE    refuse or skip national key assistance counties (H10)   [refuse]
  -h, --help             show this help

Exit codes: 0 explained, 2 input refused or unknown id, 1 internal error.`;

/** Runs `explain`. */
export async function explainCommand(argv: readonly string[], term: Terminal): Promise<number> {
  const values = parseCommandArgs(argv, {
    input: { type: 'string' }, result: { type: 'string' }, county: { type: 'string' }, expert: { type: 'string' }, 'key-counties': { type: 'string' },
  });
  if (values['help']) {
    term.out(EXPLAIN_HELP);
    return EXIT.ok;
  }
  const input = requireString(values, 'input');
  const resultDir = requireString(values, 'result');
  const countyId = requireString(values, 'county');
  const expertId = typeof values['expert'] === 'string' ? values['expert'] : undefined;
  const keyCounties = optionalChoice(values, 'key-counties', ['refuse', 'skip'] as const);
  const read = await readInstanceDir(input, keyCounties ? { keyCounties } : {});
  if (!read.ok) {
    printIssues(term, read.issues);
    return EXIT.input;
  }
  printWarnings(term, read.warnings);
  const result = await readResultDir(resultDir);
  if (!result.ok) {
    printIssues(term, result.issues);
    return EXIT.input;
  }
  try {
    const { ctx, state } = prepareRound(read.instance, result);
    if (expertId !== undefined) {
      for (const line of formatPairExplanation(await explainPairInRound(ctx, state, countyId, expertId))) term.out(line);
    } else {
      const row = result.unmatched.find((u) => u.countyId === countyId);
      for (const line of formatCountyExplanation(await explainCountyInRound(ctx, state, countyId, row))) term.out(line);
    }
  } catch (e) {
    if (e instanceof UnknownIdError) {
      term.err(`error: ${e.kind} ${e.id} is not in ${e.kind === 'county' ? 'counties.csv' : 'experts.csv'} of ${input}`);
      return EXIT.input;
    }
    throw e;
  }
  return EXIT.ok;
}
