/**
 * Named sizes of generated rounds, from a test-sized `tiny` to ten times a
 * national round, and the `PresetSpec` knobs a caller may turn instead.
 */
import { COUNTY_PROVINCES, provinceByName } from './geography.js';

/** The names of the built-in presets. */
export type PresetName = 'tiny' | 'demo' | 'province' | 'region' | 'national' | 'national-x10';

/** The names of the built-in presets, smallest first. */
export const PRESET_NAMES: readonly PresetName[] = ['tiny', 'demo', 'province', 'region', 'national', 'national-x10'];

/**
 * What to generate. Only `counties` is required; every other knob has the
 * default of the national preset.
 *
 * @example
 * // 200 counties of 贵州 and 云南, with a thin pool and strong scarcity
 * generateInstance({ counties: 200, provinces: ['贵州', '云南'], expertsPerCounty: 15, scarcity: 0.9 }, 7);
 */
export interface PresetSpec {
  /** A label for descriptions. Default `custom`. */
  readonly name?: string;
  /**
   * Counties per replica, spread over `provinces` in proportion to their
   * eligible counts (DESIGN section 4); 672 over all provinces reproduces the
   * national table exactly.
   */
  readonly counties: number;
  /** Provinces (short Chinese names, e.g. 四川) that counties come from. Default: all 22 west and central provinces. */
  readonly provinces?: readonly string[];
  /** Copies of the geography, each with its own ids (suffix `-01`, `-02`, …) and names. Default 1. */
  readonly replicas?: number;
  /** Pool size per county (national round: ~15,000 experts for 672 counties, 22.3). Default 22.3. */
  readonly expertsPerCounty?: number;
  /** Share of national-level experts in the pool. Default 0.15. */
  readonly nationalShare?: number;
  /** Local scientists per county, smallest and largest (H5 asks 1–2 of them in a group). Default [2, 3]. */
  readonly localsPerCounty?: readonly [min: number, max: number];
  /** Experts generated for each eastern province per county paired with it (more come from the general pool). Default 1.2. */
  readonly eastPerPairedCounty?: number;
  /**
   * 0–1: how thin the experts of rare industries (养蜂, 青稞, 蚕桑, 花椒) are.
   * Their share of skills is multiplied by (1 − s)², and by (1 − s)³ for
   * national experts: 0 gives them their fair share, 1 leaves almost none.
   * Default 0.6 (about twice as many holders of a rare required need as
   * counties requiring it).
   */
  readonly scarcity?: number;
  /** Stated preferences (affinity rows) per county, on average. Default 4. */
  readonly affinitiesPerCounty?: number;
  /** Share of affinity rows that are vetoes (conflicts of interest, H8). Default 0.01. */
  readonly vetoRate?: number;
  /** Counties given pinned pairs (a national leader and a local, H9). Default 0. */
  readonly pins?: number;
  /**
   * Experts each county names for two-way consent (双向选择, `consent: 'required'`): affinity.csv then states
   * `county_consents` and `expert_consents` for them (see `src/generate/consent.ts`). Default 0: no consent
   * columns, and the instance is exactly what it was without the knob.
   */
  readonly consentCandidates?: number;
  /** Share of the named pairs with yes on both sides; the others have a no or no answer. Default 0.85. */
  readonly consentRate?: number;
  /** Share of counties with their own group_min/group_max (H3 override). Default 0.02. */
  readonly sizeOverrideRate?: number;
  /** Share of counties with a batch label '1' or '2'. Default 0. */
  readonly batchRate?: number;
  /**
   * Share of counties made hard on purpose: they require a need of a rare
   * industry beyond production (e.g. 养蜂 processing) that only a handful of
   * experts hold, so they compete for them and some may stay unmatched.
   * Default 0.01.
   */
  readonly hardRate?: number;
  /** Share of general-pool experts who are generalists with a `*`/`*` skill. Default 0.0015. */
  readonly generalistRate?: number;
  /**
   * Each required need gets at least this many holders (local to the county
   * or not local to any) by giving the skill to a general-pool expert of that
   * industry when too few hold it. 0 keeps the natural, sometimes scarce,
   * supply. Default 0.
   */
  readonly minRequiredHolders?: number;
}

/** A `PresetSpec` with every knob set. */
export type ResolvedSpec = Required<PresetSpec>;

/** Documented size ranges of a preset (inclusive), measured over several seeds. */
export interface ExpectedSizes {
  /** Counties (all replicas). */
  readonly counties: readonly [number, number];
  /** Experts, local scientists included. */
  readonly experts: readonly [number, number];
  /** Needs (rows of needs.csv). */
  readonly needs: readonly [number, number];
  /** Skills (rows of skills.csv). */
  readonly skills: readonly [number, number];
}

/** A built-in preset: its knobs, what it is for, and the sizes it produces. */
export interface PresetInfo {
  /** Its name, as `generateInstance` and the CLI's `--preset` take it. */
  readonly name: PresetName;
  /** What the preset is for. */
  readonly description: string;
  /** The knobs it sets; the rest take `SPEC_DEFAULTS`. */
  readonly spec: PresetSpec;
  /** Sizes every seed stays within. */
  readonly expected: ExpectedSizes;
}

/** The defaults of every knob but `counties` (those of the national preset). */
export const SPEC_DEFAULTS: Readonly<Omit<ResolvedSpec, 'counties'>> = Object.freeze({
  name: 'custom',
  provinces: COUNTY_PROVINCES.map((x) => x.name),
  replicas: 1,
  expertsPerCounty: 22.3,
  nationalShare: 0.15,
  localsPerCounty: [2, 3] as const,
  eastPerPairedCounty: 1.2,
  scarcity: 0.6,
  affinitiesPerCounty: 4,
  vetoRate: 0.01,
  pins: 0,
  consentCandidates: 0,
  consentRate: 0.85,
  sizeOverrideRate: 0.02,
  batchRate: 0,
  generalistRate: 0.0015,
  hardRate: 0.01,
  minRequiredHolders: 0,
});

/** The built-in presets, by name. */
export const PRESETS: Readonly<Record<PresetName, PresetInfo>> = {
  tiny: {
    name: 'tiny',
    description: '3 counties (2 of 四川 paired with 浙江, 1 of 甘肃 paired county by county) and ~40 experts: for unit tests.',
    spec: {
      name: 'tiny', counties: 3, provinces: ['四川', '甘肃'], expertsPerCounty: 13.4, nationalShare: 0.2,
      scarcity: 0, affinitiesPerCounty: 3, sizeOverrideRate: 0, hardRate: 0, minRequiredHolders: 2,
    },
    expected: { counties: [3, 3], experts: [40, 40], needs: [12, 24], skills: [60, 110] },
  },
  demo: {
    name: 'demo',
    description: '12 counties of 四川 (浙江), 贵州 (广东) and 甘肃 (天津/山东, county-level) with ~250 experts; every county can be matched under the default rules.',
    spec: {
      name: 'demo', counties: 12, provinces: ['四川', '贵州', '甘肃'], expertsPerCounty: 21,
      scarcity: 0, sizeOverrideRate: 0, hardRate: 0, minRequiredHolders: 3,
    },
    expected: { counties: [12, 12], experts: [252, 252], needs: [55, 85], skills: [450, 600] },
  },
  province: {
    name: 'province',
    description: 'A provincial round: 50 counties of 甘肃 and 青海 with ~1,100 experts, batch labels, a few group-size overrides and scarce rare-industry experts.',
    spec: {
      name: 'province', counties: 50, provinces: ['甘肃', '青海'], expertsPerCounty: 22,
      sizeOverrideRate: 0.06, batchRate: 0.8, hardRate: 0.03,
    },
    expected: { counties: [50, 50], experts: [1100, 1100], needs: [260, 340], skills: [2100, 2400] },
  },
  region: {
    name: 'region',
    description: 'A regional round: 100 counties of 甘肃, 青海, 宁夏 and 四川 with ~2,200 experts, batch labels, a few group-size overrides and scarce rare-industry experts (the largest mid-size round).',
    spec: {
      name: 'region', counties: 100, provinces: ['甘肃', '青海', '宁夏', '四川'], expertsPerCounty: 22,
      sizeOverrideRate: 0.06, batchRate: 0.8, hardRate: 0.03,
    },
    expected: { counties: [100, 100], experts: [2200, 2200], needs: [550, 680], skills: [4300, 4750] },
  },
  national: {
    name: 'national',
    description: 'A national round: the 672 eligible counties of 22 provinces (DESIGN section 4) with ~15,000 experts.',
    spec: { name: 'national', counties: 672 },
    expected: { counties: [672, 672], experts: [14986, 14986], needs: [3900, 4200], skills: [30000, 31500] },
  },
  'national-x10': {
    name: 'national-x10',
    description: 'Ten copies of the national geography (6,720 counties, ids suffixed -01…-10) with ~150,000 experts: a stress test.',
    spec: { name: 'national-x10', counties: 672, replicas: 10 },
    expected: { counties: [6720, 6720], experts: [149856, 149856], needs: [40000, 41200], skills: [305000, 311000] },
  },
};

/** Fills in the defaults of a preset name or spec, and checks the knobs; throws a RangeError naming the bad one. */
export function resolvePresetSpec(preset: PresetName | PresetSpec): ResolvedSpec {
  let spec: PresetSpec;
  if (typeof preset === 'string') {
    const info = (PRESETS as Readonly<Record<string, PresetInfo>>)[preset];
    if (info === undefined) throw new RangeError(`unknown preset '${preset}'; known: ${PRESET_NAMES.join(', ')}`);
    spec = info.spec;
  } else {
    spec = preset;
  }
  const resolved: ResolvedSpec = { ...SPEC_DEFAULTS, ...withoutUndefined(spec) } as ResolvedSpec;
  check(Number.isInteger(resolved.counties) && resolved.counties >= 1, 'counties must be an integer ≥ 1');
  check(Number.isInteger(resolved.replicas) && resolved.replicas >= 1 && resolved.replicas <= 99, 'replicas must be an integer in 1..99');
  check(resolved.provinces.length >= 1, 'provinces must name at least one province');
  for (const name of resolved.provinces) {
    const info = provinceByName(name);
    check(info.region === 'west' || info.region === 'central', `province '${name}' has no poverty-alleviated counties`);
  }
  check(new Set(resolved.provinces).size === resolved.provinces.length, 'provinces must not repeat');
  check(resolved.expertsPerCounty > 0, 'expertsPerCounty must be > 0');
  check(resolved.nationalShare >= 0 && resolved.nationalShare <= 1, 'nationalShare must be in [0, 1]');
  const [lo, hi] = resolved.localsPerCounty;
  check(Number.isInteger(lo) && Number.isInteger(hi) && lo >= 0 && hi >= lo, 'localsPerCounty must be integers 0 ≤ min ≤ max');
  check(resolved.eastPerPairedCounty >= 0, 'eastPerPairedCounty must be ≥ 0');
  check(resolved.scarcity >= 0 && resolved.scarcity <= 1, 'scarcity must be in [0, 1]');
  check(resolved.affinitiesPerCounty >= 0, 'affinitiesPerCounty must be ≥ 0');
  check(resolved.vetoRate >= 0 && resolved.vetoRate <= 1, 'vetoRate must be in [0, 1]');
  check(Number.isInteger(resolved.pins) && resolved.pins >= 0, 'pins must be an integer ≥ 0');
  check(Number.isInteger(resolved.consentCandidates) && resolved.consentCandidates >= 0, 'consentCandidates must be an integer ≥ 0');
  check(resolved.consentRate >= 0 && resolved.consentRate <= 1, 'consentRate must be in [0, 1]');
  check(resolved.sizeOverrideRate >= 0 && resolved.sizeOverrideRate <= 1, 'sizeOverrideRate must be in [0, 1]');
  check(resolved.batchRate >= 0 && resolved.batchRate <= 1, 'batchRate must be in [0, 1]');
  check(resolved.hardRate >= 0 && resolved.hardRate <= 1, 'hardRate must be in [0, 1]');
  check(resolved.generalistRate >= 0 && resolved.generalistRate <= 1, 'generalistRate must be in [0, 1]');
  check(Number.isInteger(resolved.minRequiredHolders) && resolved.minRequiredHolders >= 0, 'minRequiredHolders must be an integer ≥ 0');
  return resolved;
}

function check(ok: boolean, message: string): void {
  if (!ok) throw new RangeError(`PresetSpec: ${message}`);
}

/** Drops keys whose value is undefined, so `{ scarcity: undefined }` keeps the default. */
function withoutUndefined<T extends object>(value: T): Partial<T> {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as Partial<T>;
}
