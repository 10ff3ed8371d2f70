/**
 * The knobs of the instance arbitraries, their defaults, and their checks.
 */

/**
 * An inclusive range of whole numbers `[min, max]`.
 *
 * @example
 * ```ts
 * const twoToFour: IntRange = [2, 4];
 * ```
 */
export type IntRange = readonly [min: number, max: number];

/**
 * Knobs of `instanceArbitrary`: the shape of the rounds it draws. Every knob
 * is optional; `DEFAULT_INSTANCE_KNOBS` holds the defaults, which give small
 * rounds (a few counties, a few dozen experts) that the exact solver proves
 * optimal in milliseconds, with every rule of the data contract in play.
 *
 * Rates are probabilities in [0, 1], drawn independently per entity; ranges
 * are inclusive and drawn per county.
 *
 * @example
 * ```ts
 * // Scarce leaders, no East–West pairings, many vetoes:
 * const knobs: InstanceKnobs = { nationalShare: 0.05, pairings: false, vetoRate: 0.5 };
 * ```
 */
export interface InstanceKnobs {
  /** How many counties. Default `[1, 4]`. */
  readonly counties?: IntRange | undefined;
  /** Experts each county adds to the shared pool (local scientists not counted). Default `[4, 10]`. */
  readonly expertsPerCounty?: IntRange | undefined;
  /** Local scientists (`home_county`) recommended by each county (H5); 0 leaves the county without one. Default `[1, 2]`. */
  readonly localsPerCounty?: IntRange | undefined;
  /** Share of pool experts of level `national` (leader candidates, H4): low values make leaders scarce. Default 0.25. */
  readonly nationalShare?: number | undefined;
  /** Share of pool experts working in an eastern partner province (H6): low values make East–West members scarce. Default 0.25. */
  readonly eastShare?: number | undefined;
  /**
   * East–West pairings on or off. On: province-level pairings (浙江 → 四川,
   * 天津 → 甘肃), some county-level ones (山东 → a 甘肃 county) and some
   * counties' own `east_partner`. Off: no pairing and no `east_partner`, so
   * H6 never binds. Default `true`.
   */
  readonly pairings?: boolean | undefined;
  /** Affinity rows per county (preferences and vetoes). Default `[0, 5]`. */
  readonly affinitiesPerCounty?: IntRange | undefined;
  /** Share of affinity rows that are vetoes (H8). Default 0.15. */
  readonly vetoRate?: number | undefined;
  /**
   * Affinity scores are whole numbers in this range, so that the affinity
   * objective is exact in floating point and ties are common (a hard case
   * for metamorphic properties). Default `[-3, 10]`.
   */
  readonly affinityScores?: IntRange | undefined;
  /** Share of counties with pinned pairs (H9): a national leader, sometimes with a local scientist. Default 0.15. */
  readonly pinsRate?: number | undefined;
  /** Share of experts with capacity 2 (H2); the others leave capacity empty (the round's default, 1). Default 0.2. */
  readonly capacity2Rate?: number | undefined;
  /** Needs per county (duplicates of industry and stage are dropped). Default `[1, 3]`. */
  readonly needsPerCounty?: IntRange | undefined;
  /** Share of needs marked required (H7). Default 0.3. */
  readonly requiredRate?: number | undefined;
  /** How many industries (1–8) needs and skills are drawn from: fewer means more overlap. Default 3. */
  readonly industries?: number | undefined;
  /** Share of counties with their own `group_min`/`group_max` (H3), drawn in 2–6. Default 0.1. */
  readonly sizeOverrideRate?: number | undefined;
  /**
   * `plain` ids (`c1`, `e12`) or `awkward` ones that start with `=`, `-`,
   * `+` or `@`, or hold commas, quotes, Chinese or a line break: they must
   * round-trip through CSV files byte for byte. Default `plain`.
   */
  readonly ids?: 'plain' | 'awkward' | undefined;
  /** `plain` names and organizations, or `awkward` ones (formula characters, quotes, commas, line breaks). Default `plain`. */
  readonly text?: 'plain' | 'awkward' | undefined;
}

/**
 * `InstanceKnobs` with every knob set.
 *
 * @example
 * ```ts
 * const k: ResolvedKnobs = resolveKnobs({ pairings: false });
 * ```
 */
export type ResolvedKnobs = { readonly [K in keyof InstanceKnobs]-?: NonNullable<InstanceKnobs[K]> };

/**
 * The default knobs of `instanceArbitrary`.
 *
 * @example
 * ```ts
 * DEFAULT_INSTANCE_KNOBS.counties; // [1, 4]
 * ```
 */
export const DEFAULT_INSTANCE_KNOBS: ResolvedKnobs = Object.freeze({
  counties: [1, 4] as const,
  expertsPerCounty: [4, 10] as const,
  localsPerCounty: [1, 2] as const,
  nationalShare: 0.25,
  eastShare: 0.25,
  pairings: true,
  affinitiesPerCounty: [0, 5] as const,
  vetoRate: 0.15,
  affinityScores: [-3, 10] as const,
  pinsRate: 0.15,
  capacity2Rate: 0.2,
  needsPerCounty: [1, 3] as const,
  requiredRate: 0.3,
  industries: 3,
  sizeOverrideRate: 0.1,
  ids: 'plain',
  text: 'plain',
});

function fail(message: string): never {
  throw new RangeError(`InstanceKnobs: ${message}`);
}

function checkRange(name: string, r: IntRange, lowest: number): void {
  const [min, max] = r;
  if (!Number.isInteger(min) || !Number.isInteger(max) || min < lowest || max < min) {
    fail(`${name} must be whole numbers ${lowest} ≤ min ≤ max, not [${String(min)}, ${String(max)}]`);
  }
}

function checkRate(name: string, p: number): void {
  if (!(p >= 0 && p <= 1)) fail(`${name} must be in [0, 1], not ${String(p)}`);
}

/**
 * Fills in the defaults and checks every knob.
 *
 * @throws RangeError naming the first bad knob
 * @example
 * ```ts
 * resolveKnobs({ counties: [2, 2] }).expertsPerCounty; // [3, 8]
 * ```
 */
export function resolveKnobs(knobs: InstanceKnobs = {}): ResolvedKnobs {
  const defined = Object.fromEntries(Object.entries(knobs).filter(([, v]) => v !== undefined)) as InstanceKnobs;
  const k = { ...DEFAULT_INSTANCE_KNOBS, ...defined } as ResolvedKnobs;
  checkRange('counties', k.counties, 1);
  checkRange('expertsPerCounty', k.expertsPerCounty, 0);
  checkRange('localsPerCounty', k.localsPerCounty, 0);
  checkRange('affinitiesPerCounty', k.affinitiesPerCounty, 0);
  checkRange('needsPerCounty', k.needsPerCounty, 0);
  const [lo, hi] = k.affinityScores;
  if (!Number.isInteger(lo) || !Number.isInteger(hi) || hi < lo) fail(`affinityScores must be whole numbers min ≤ max, not [${String(lo)}, ${String(hi)}]`);
  for (const name of ['nationalShare', 'eastShare', 'vetoRate', 'pinsRate', 'capacity2Rate', 'requiredRate', 'sizeOverrideRate'] as const) checkRate(name, k[name]);
  if (k.nationalShare + k.eastShare > 1) fail(`nationalShare + eastShare must be at most 1, not ${k.nationalShare + k.eastShare}`);
  if (!Number.isInteger(k.industries) || k.industries < 1 || k.industries > 8) fail(`industries must be a whole number in 1–8, not ${String(k.industries)}`);
  if (k.ids !== 'plain' && k.ids !== 'awkward') fail(`ids must be 'plain' or 'awkward'`);
  if (k.text !== 'plain' && k.text !== 'awkward') fail(`text must be 'plain' or 'awkward'`);
  return k;
}
