/**
 * Realistic seeded instances for tests, examples and benchmarks
 * (DESIGN section 4).
 */
/** The generator itself. */
export { generateInstance } from './generate.js';
/** Presets, the spec knobs and their defaults. */
export {
  PRESETS, PRESET_NAMES, SPEC_DEFAULTS, resolvePresetSpec,
  type ExpectedSizes, type PresetInfo, type PresetName, type PresetSpec, type ResolvedSpec,
} from './presets.js';
/** The province table (eligible counties, prefectures, East–West partners). */
export {
  COUNTY_PROVINCES, EAST_PROVINCES, GANSU_SHANDONG_PREFECTURES, PROVINCES, eastPartnersOf, provinceByName,
  type ProvinceInfo, type Region,
} from './geography.js';
/** The leading industries and where they grow. */
export { INDUSTRIES, type IndustryInfo } from './industries.js';
/** The seeded random generator, for tests and benchmarks that need their own reproducible draws. */
export { Rng, WeightedTable } from './random.js';
