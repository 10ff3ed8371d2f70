/**
 * `advisory-groups roster`: the roster (名单) of a results folder, derived
 * from the input and the folder's assignments, printed or written to a file
 * (e.g. for a folder written through the library without one).
 */
import { readdir } from 'node:fs/promises';
import path from 'node:path';
import { writeFileAtomic } from '../../io/atomic-write.js';
import { findFile } from '../../io/find-file.js';
import { MANIFEST_FILE } from '../../io/manifest.js';
import { readInstanceDir } from '../../io/read-instance.js';
import { readResultDir } from '../../io/read-results.js';
import { addToResultSet } from '../../io/write-results.js';
import { ROSTER_FILE, resultRosterCsv } from '../../roster/index.js';
import { optionalChoice, parseCommandArgs, requireString, UsageError } from '../args.js';
import { printIssues, printWarnings } from '../print.js';
import { EXIT, type Terminal } from '../terminal.js';

/** Help text of `roster`. */
export const ROSTER_HELP = `Usage: advisory-groups roster --input DIR --result DIR [--out FILE]

Writes the roster (名单) of the result folder --result for 认定 and 公示: one
row per member, per county with a group — county, 召集人 and 联络员 (from
counties.csv), the leader first, then locals, East–West members and others,
with name, role, level, organization, province and needs covered. The same
file solve and repair write as roster.csv (see the README, "The roster").
Contact-free: the input holds no phone, e-mail or ID number.

Options:
  --input DIR            folder with the input CSV files (required)
  --result DIR           the results folder (required; it must match its manifest)
  --out FILE             write the roster there (UTF-8 with BOM) instead of printing it;
                         --result's own roster.csv joins that folder's set
  --key-counties MODE    refuse or skip national key assistance counties (H10)   [refuse]
  -h, --help             show this help

Exit codes: 0 written, 2 input or result folder refused, 1 internal error.`;

/** True when `dir` holds a manifest.json: a results folder, whose set a stray product file would break. */
async function isResultSet(dir: string): Promise<boolean> {
  try {
    return findFile(await readdir(dir), MANIFEST_FILE) !== undefined;
  } catch {
    return false;
  }
}

/** Runs `roster`. */
export async function rosterCommand(argv: readonly string[], term: Terminal): Promise<number> {
  const values = parseCommandArgs(argv, { input: { type: 'string' }, result: { type: 'string' }, out: { type: 'string' }, 'key-counties': { type: 'string' } });
  if (values['help']) {
    term.out(ROSTER_HELP);
    return EXIT.ok;
  }
  const input = requireString(values, 'input');
  const resultDir = requireString(values, 'result');
  const out = typeof values['out'] === 'string' ? values['out'] : undefined;
  const keyCounties = optionalChoice(values, 'key-counties', ['refuse', 'skip'] as const);
  const intoSet = out !== undefined && path.resolve(path.dirname(out)) === path.resolve(resultDir) && path.basename(out) === ROSTER_FILE;
  // Any other file inside a results folder would be a file its manifest does not list: every reader would refuse the folder.
  if (out !== undefined && !intoSet && (await isResultSet(path.dirname(out)))) {
    throw new UsageError(`--out ${out} is inside a results folder: write the roster elsewhere, or as ${ROSTER_FILE} of --result itself`);
  }
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
  const text = resultRosterCsv(read.instance, result);
  if (out === undefined) {
    term.out(text.replace(/\n$/, ''));
    return EXIT.ok;
  }
  if (intoSet) await addToResultSet(resultDir, { [ROSTER_FILE]: text });
  else await writeFileAtomic(out, text);
  const groups = new Set(result.assignments.map((a) => a.countyId)).size;
  term.out(`roster     ${out}: ${groups} group(s), ${result.assignments.length} member(s)${intoSet ? ' (added to the results set)' : ''}`);
  return EXIT.ok;
}
