/**
 * Options of a round, each with its default and the policy sentence it
 * comes from. `defaultOptions` is the single home of the policy defaults.
 */
import { z } from 'zod';
import { LEVELS } from './vocabulary.js';

/** Weights of the default objective (README "Objective"). */
export const WeightsSchema = z.object({
  /** S1: points per unit of need weight covered by the group (生产、加工、保鲜、储运、品牌). Default 10. */
  coverage: z.number().min(0).default(10),
  /** S2: points for a member whose skills fully match every need of the county (精准匹配). Default 4. */
  relevance: z.number().min(0).default(4),
  /** S3: multiplier of the supplied affinity score (双向选择). Default 1. */
  affinity: z.number().min(0).default(1),
  /** S4: penalty per member beyond `maxSameOrganization` from one organization (汇聚各方力量). Default 3. */
  organization: z.number().min(0).default(3),
});
/** Weights of the default objective. */
export type Weights = z.infer<typeof WeightsSchema>;

/** Progress of an anytime solver, reported through `onProgress`. */
export interface Progress {
  /** Soft score of the best valid result so far (NaN before the first). */
  objective: number;
  /** Best proven upper bound so far. */
  bound: number;
  /** Relative gap. */
  gap: number;
  /** Counties matched by the best result so far. */
  matched: number;
  /** Seconds since the solve started. */
  elapsed: number;
  /** What the solver is doing, e.g. `lagrangian`, `repair`, `local-search`. */
  phase: string;
}

/** Options of a round. Every field has a default; see `defaultOptions`. */
export const OptionsSchema = z.object({
  /** `default`: S1–S4 with `weights`; `affinity`: exactly Σ affinity over assigned pairs. Default `default`. */
  objective: z.enum(['default', 'affinity']).default('default'),
  /** `auto` picks `exact` for small rounds and `scalable` otherwise. Default `auto`. */
  solver: z.enum(['auto', 'exact', 'scalable', 'highs']).default('auto'),
  /** Wall-clock limit in seconds; the best valid result so far is returned. Default 60. */
  timeLimit: z.number().positive().default(60),
  /** Seed of every random choice; same input, options and seed give the same result. Default 1. */
  seed: z.number().int().default(1),
  /** H3 "10名左右": smallest group. Default 8. */
  groupMin: z.number().int().min(1).default(8),
  /** H3: largest group. Default 12. */
  groupMax: z.number().int().min(1).default(12),
  /** H4 "组长由国家级专家担任": levels allowed to lead. Default `['national']`. */
  leaderLevels: z.array(z.enum(LEVELS)).min(1).default(['national']),
  /** H5 "脱贫县科技工作者1至2名": fewest local scientists. Default 1. */
  localMin: z.number().int().min(0).default(1),
  /** H5: most local scientists. Default 2. */
  localMax: z.number().int().min(0).default(2),
  /** H6 "每个结对的脱贫县1至2名": fewest members from the eastern partner, when the county has one. Default 1. */
  eastMin: z.number().int().min(0).default(1),
  /** H6: most members from the eastern partner. Default 2. */
  eastMax: z.number().int().min(0).default(2),
  /** H2: capacity of an expert whose row leaves it empty. Default 1. */
  defaultCapacity: z.number().int().min(0).default(1),
  /** S4: members from one organization before the penalty applies. Default 3. */
  maxSameOrganization: z.number().int().min(1).default(3),
  /** Weights of the default objective. */
  weights: WeightsSchema.default(WeightsSchema.parse({})),
  /**
   * S5 "fairness between counties": when true, the weakest matched group's score is maximized first
   * and the total second (after pins and the number of counties matched). Default false.
   */
  fairness: z.boolean().default(false),
  /** H10: `refuse` key counties at validation, or `skip` them with a warning. Default `refuse`. */
  keyCounties: z.enum(['refuse', 'skip']).default('refuse'),
});
/** Options of a round, all fields set. */
export type Options = z.infer<typeof OptionsSchema>;
/** Options as a caller writes them: every field optional. */
export type OptionsInput = z.input<typeof OptionsSchema>;

/** The policy defaults, as a frozen object. */
export const defaultOptions: Readonly<Options> = Object.freeze(OptionsSchema.parse({}));

/** Fills in defaults and validates; throws a ZodError on a bad option. */
export function resolveOptions(input: OptionsInput = {}): Options {
  return OptionsSchema.parse(input);
}
