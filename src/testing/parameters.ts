/**
 * Run settings of property tests: a fixed seed by default (so a CI run is
 * reproducible and a failure reports the seed to replay it), and run counts
 * that an environment variable raises for a long run.
 */
import type fc from 'fast-check';

/**
 * The seed properties use unless `PROPS_SEED` says otherwise.
 *
 * @example
 * ```ts
 * propertyParameters(10, {}).seed === DEFAULT_PROPERTY_SEED; // true
 * ```
 */
export const DEFAULT_PROPERTY_SEED = 20_220_815;

/**
 * The environment variables `propertyParameters` reads.
 *
 * @example
 * ```ts
 * propertyParameters(25, { PROPS_RUNS: '2000', PROPS_SEED: '7' }); // 2,000 runs, seed 7
 * ```
 */
export interface PropertyEnv {
  /** Runs of every property (a whole number ≥ 1); unset: each property's own default. */
  readonly PROPS_RUNS?: string | undefined;
  /** The seed (a whole number); unset: `DEFAULT_PROPERTY_SEED`. */
  readonly PROPS_SEED?: string | undefined;
  /** A replay path fast-check printed with a failure, e.g. `3:1:0`. */
  readonly PROPS_PATH?: string | undefined;
}

function wholeNumber(name: string, text: string): number {
  const n = Number(text);
  if (!Number.isSafeInteger(n)) throw new RangeError(`${name} must be a whole number, not ${JSON.stringify(text)}`);
  return n;
}

/**
 * fast-check parameters for one property: `numRuns` is `PROPS_RUNS` when
 * set, else `defaultRuns`; `seed` is `PROPS_SEED` when set, else
 * `DEFAULT_PROPERTY_SEED`; `path` is `PROPS_PATH` when set. fast-check puts
 * the seed and path of a failure in its error message; run again with
 * `PROPS_SEED=… PROPS_PATH=…` to replay just the shrunk case.
 *
 * @param defaultRuns runs for a quick (CI) run
 * @param env where to read the variables (default `process.env`)
 * @throws RangeError on a malformed variable
 * @example
 * ```ts
 * await fc.assert(fc.asyncProperty(roundArbitrary(), check), propertyParameters(25));
 * // PROPS_RUNS=2000 npx vitest run test/properties  → 2,000 runs each
 * ```
 */
export function propertyParameters(defaultRuns: number, env: PropertyEnv = process.env): fc.Parameters<unknown> {
  let numRuns = defaultRuns;
  if (env.PROPS_RUNS !== undefined && env.PROPS_RUNS !== '') {
    numRuns = wholeNumber('PROPS_RUNS', env.PROPS_RUNS);
    if (numRuns < 1) throw new RangeError(`PROPS_RUNS must be at least 1, not ${env.PROPS_RUNS}`);
  }
  const seed = env.PROPS_SEED !== undefined && env.PROPS_SEED !== '' ? wholeNumber('PROPS_SEED', env.PROPS_SEED) : DEFAULT_PROPERTY_SEED;
  const path = env.PROPS_PATH !== undefined && env.PROPS_PATH !== '' ? env.PROPS_PATH : undefined;
  return { numRuns, seed, ...(path === undefined ? {} : { path }), endOnFailure: path === undefined ? false : true };
}

/**
 * True when `PROPS_RUNS` asks for a long run (more runs than `threshold`):
 * tests use it to lengthen their timeouts.
 *
 * @example
 * ```ts
 * it('…', async () => { … }, isLongPropertyRun() ? 3_600_000 : 60_000);
 * ```
 */
export function isLongPropertyRun(threshold = 100, env: PropertyEnv = process.env): boolean {
  const n = Number(env.PROPS_RUNS);
  return Number.isFinite(n) && n > threshold;
}
