/**
 * `generateInstance`: a realistic, seeded, reproducible round (DESIGN
 * section 4), from a preset name or a `PresetSpec`.
 */
import type { Instance } from '../model/schemas.js';
import { generateCounties } from './counties.js';
import { generateExperts } from './experts.js';
import { generatePairings } from './pairings.js';
import { generatePreferences } from './preferences.js';
import { resolvePresetSpec, type PresetName, type PresetSpec } from './presets.js';
import { Rng } from './random.js';

/**
 * Generates a round: counties with needs, the expert pool with skills,
 * East–West pairings, affinities (and pins when asked). The result has every
 * default filled in, so `InstanceSchema.parse(instance)` returns an equal
 * object; every list is sorted by its ids.
 *
 * Deterministic: the same preset and seed give a deep-equal instance; other
 * seeds give other instances. Each part draws from its own random stream,
 * so changing, say, `affinitiesPerCounty` leaves counties and experts as
 * they were.
 *
 * @param preset a preset name (`tiny`, `demo`, `province`, `national`, `national-x10`) or a spec
 * @param seed any safe integer
 * @throws RangeError on an unknown preset, a bad spec knob or a non-integer seed
 * @example
 * const instance = generateInstance('demo', 1);
 * instance.counties.length; // 12
 */
export function generateInstance(preset: PresetName | PresetSpec, seed: number): Instance {
  const spec = resolvePresetSpec(preset);
  const rng = new Rng(seed, 'advisory-groups/generate');
  const plans = generateCounties(spec, rng.fork('geography'));
  const { experts, skills } = generateExperts(plans, spec, rng.fork('experts'));
  const { affinities, pins } = generatePreferences(plans, experts, skills, spec, rng.fork('preferences'));
  return {
    counties: plans.map((p) => p.county),
    needs: plans.flatMap((p) => p.needs),
    experts,
    skills,
    pairings: generatePairings(plans),
    affinities,
    pins,
  };
}
