/**
 * `advisory-groups generate`: write a realistic seeded round as CSV files.
 */
import { generateInstance, PRESETS, type PresetName } from '../../generate/index.js';
import { writeInstanceDir } from '../../io/write-instance.js';
import { optionalNumber, parseCommandArgs, requireString, UsageError } from '../args.js';
import { EXIT, type Terminal } from '../terminal.js';

const NAMES = Object.keys(PRESETS) as PresetName[];

/** Help text of `generate`. */
export const GENERATE_HELP = `Usage: advisory-groups generate --preset NAME --out DIR [--seed N]

Writes a realistic round (provinces and East–West pairings as in 2021, leading
industries, an expert pool with national-level experts, partner-province
scientists, local scientists, organizations) as CSV files in DIR.
Same preset and seed, same files.

Presets: ${NAMES.join(', ')}

Exit codes: 0 written, 2 bad arguments, 1 internal error.`;

/** Runs `generate`. */
export async function generateCommand(argv: readonly string[], term: Terminal): Promise<number> {
  const values = parseCommandArgs(argv, { preset: { type: 'string' }, out: { type: 'string' }, seed: { type: 'string' } });
  if (values['help']) {
    term.out(GENERATE_HELP);
    return EXIT.ok;
  }
  const preset = requireString(values, 'preset');
  if (!(NAMES as string[]).includes(preset)) throw new UsageError(`--preset must be one of ${NAMES.join(', ')}, not "${preset}"`);
  const out = requireString(values, 'out');
  const seed = optionalNumber(values, 'seed', Number.isInteger, 'a whole number') ?? 1;
  const instance = generateInstance(preset as PresetName, seed);
  await writeInstanceDir(out, instance);
  term.out(`wrote ${out}: ${instance.counties.length} counties, ${instance.needs.length} needs, ${instance.experts.length} experts, ${instance.skills.length} skills, ${instance.pairings.length} pairings (preset ${preset}, seed ${seed})`);
  return EXIT.ok;
}
