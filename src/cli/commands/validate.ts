/**
 * `advisory-groups validate`: read and check the input folder; say what is
 * wrong (file, line, field) and which counties cannot be matched as things stand.
 */
import { readInstanceDir } from '../../io/read-instance.js';
import { resolveOptions } from '../../model/options.js';
import { buildContext } from '../../rules/context.js';
import { diagnoseAll } from '../../explain/diagnose.js';
import { openCounties } from '../../explain/competition.js';
import { buildPoolIndex } from '../../explain/pool-index.js';
import { describeShortage, findShortages, shortageRemedy } from '../../explain/shortage.js';
import { optionalChoice, parseCommandArgs, requireString } from '../args.js';
import { ROUND_FLAG_SPECS, ROUND_FLAGS_HELP, roundFlagOptions } from '../round-flags.js';
import { printIssues, printWarnings } from '../print.js';
import { EXIT, type Terminal } from '../terminal.js';

/** Help text of `validate`. */
export const VALIDATE_HELP = `Usage: advisory-groups validate --input DIR [--key-counties refuse|skip]

Reads the CSV files in DIR and reports every problem at once, each with its
file, line and field, then lists the counties that cannot be matched with the
experts in the pool (and why, with the numbers to act on), and the shortages
between counties: a kind of expert (leaders, East–West scientists of a
province, holders of a required need, members at all) that more counties need
than the pool can give them, whatever the solver does. Writes nothing.

Options:
  --input DIR            folder with the input CSV files (required)
  --key-counties MODE    refuse or skip national key assistance counties (H10)   [refuse]
${ROUND_FLAGS_HELP}
The rule options (--leader-skill, --leader-counts-east, --consent) change who may
lead or serve; give those the round is solved with.

Exit codes: 0 the input is valid, 2 input refused, 1 internal error.`;

/** Runs `validate`. */
export async function validateCommand(argv: readonly string[], term: Terminal): Promise<number> {
  const values = parseCommandArgs(argv, { input: { type: 'string' }, 'key-counties': { type: 'string' }, ...ROUND_FLAG_SPECS });
  if (values['help']) {
    term.out(VALIDATE_HELP);
    return EXIT.ok;
  }
  const input = requireString(values, 'input');
  const keyCounties = optionalChoice(values, 'key-counties', ['refuse', 'skip'] as const);
  // The round's options, as solve resolves them: validation judges pins and county sizes by its group size and quotas.
  const options = resolveOptions({ ...roundFlagOptions(values), ...(keyCounties ? { keyCounties } : {}) });
  const read = await readInstanceDir(input, options);
  if (!read.ok) {
    printIssues(term, read.issues);
    return EXIT.input;
  }
  printWarnings(term, read.warnings);
  const { instance } = read;
  term.out(`valid: ${instance.counties.length} counties, ${instance.needs.length} needs, ${instance.experts.length} experts, ${instance.skills.length} skills, ${instance.pairings.length} pairings, ${instance.affinities.length} affinities, ${instance.pins.length} pins`);
  const ctx = buildContext(instance, options);
  // Indexes, not candidate lists: a national-x10 round has a billion county–expert pairs.
  const index = buildPoolIndex(ctx);
  const alone = diagnoseAll(ctx, index);
  if (alone.size > 0) term.out(`counties that cannot be matched as the pool stands (${alone.size}):`);
  for (const [id, d] of alone) term.out(`  ${id}  ${d.reasonCode}: ${d.detail}`);
  const shortages = findShortages(ctx, openCounties(ctx, alone), index);
  if (shortages.length > 0) term.out(`shortages between counties (proven: they hold for any result) (${shortages.length}):`);
  for (const s of shortages) term.out(`  ${s.key}: ${describeShortage(ctx, s)}; to avoid it: ${shortageRemedy(s)}`);
  if (alone.size === 0 && shortages.length === 0) term.out('every county has the candidates a group needs, and no kind of expert is short across counties (what remains is found by solve)');
  return EXIT.ok;
}
