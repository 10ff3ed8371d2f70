/**
 * Small rounds for the explanation, incremental and recruitment tests, and
 * the exact solve they start from. Conventions of `test/helpers/instance.ts`:
 * counties in province W, the eastern partner E, ordinary experts in P;
 * groups of 3–5 (`SMALL`).
 */
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { buildContext, type RoundContext } from '../../src/rules/context.js';
import { resolveOptions } from '../../src/model/options.js';
import { jsLpEngine } from '../../src/solve/engines/jslp.js';
import { solveExact } from '../../src/solve/exact/solve-exact.js';
import { SMALL, county, expert, local, makeInstance, national, type ExpertIn, type InstanceParts, type NeedIn, type SkillIn } from '../helpers/instance.js';

export { SMALL };

/** Options of the small rounds: groups of 3–5, the exact solver. */
export const OPTIONS: OptionsInput = { ...SMALL, solver: 'exact' };

/** A prepared round with the small options. */
export function ctxOf(instance: Instance, options: OptionsInput = OPTIONS): RoundContext {
  return buildContext(instance, resolveOptions(options));
}

/** Solves exactly (javascript-lp-solver), as the library's exact solver does. */
export function solveSmall(instance: Instance, options: OptionsInput = OPTIONS): Promise<SolveResult> {
  return solveExact(ctxOf(instance, options), { engine: jsLpEngine, startedAt: Date.now() });
}

/** A skill row. */
export function skill(expertId: string, industry: string, stage = 'production', proficiency = 2): SkillIn {
  return { expertId, industry, stage, proficiency };
}

/** A required need. */
export function required(countyId: string, industry: string, stage = 'production'): NeedIn {
  return { countyId, industry, stage, required: true, weight: 1 };
}

/**
 * A county `c` with its own pool: national leader `c-N`, local `c-L`, and
 * `members` provincial experts `c-M1…` (no partner province: no H6 quota).
 */
export function countyWithPool(c: string, members = 3, over: { batch?: string } = {}): { counties: InstanceParts['counties']; experts: ExpertIn[] } {
  const experts: ExpertIn[] = [national(`${c}-N`), local(`${c}-L`, c)];
  for (let i = 1; i <= members; i++) experts.push(expert(`${c}-M${i}`));
  return { counties: [county(c, over.batch !== undefined ? { batch: over.batch } : {})], experts };
}

/** Joins county pools and extra parts into one instance. */
export function round(pools: ReturnType<typeof countyWithPool>[], extra: InstanceParts = {}): Instance {
  return makeInstance({
    ...extra,
    counties: [...pools.flatMap((p) => p.counties ?? []), ...(extra.counties ?? [])],
    experts: [...pools.flatMap((p) => p.experts), ...(extra.experts ?? [])],
  });
}
