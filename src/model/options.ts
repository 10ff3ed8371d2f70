/**
 * Options of a round, each with its default and the policy sentence it
 * comes from. `defaultOptions` is the single home of the policy defaults.
 */
import { z } from 'zod';
import { LEVELS } from './vocabulary.js';

/**
 * Weights of the default objective (README "Objective"). Each term is
 * computed in one module of `src/objective/`; see `score.ts` for the sum.
 */
export const WeightsSchema = z.object({
  /**
   * S1: points for covering all of a county's needs, shared among its needs by weight (生产、加工、保鲜、储运、品牌).
   * Every county can earn the same, however many needs it lists. A need covered only through a wildcard-industry
   * skill earns `wildcardFactor` of its share. Default 100.
   */
  coverage: z.number().min(0).default(100),
  /** S1b: points for a member with a named skill in each of the county's industries (主导产业), shared equally among them. Default 30. */
  industry: z.number().min(0).default(30),
  /** S2: points for a member whose best skill fully matches one of the county's needs (精准匹配). Default 4. */
  relevance: z.number().min(0).default(4),
  /** S3: points for the strongest stated preference (affinity normalized into [0, 1], 双向选择). Default 2. */
  affinity: z.number().min(0).default(2),
  /** S2b: points for a leader whose best skill fully matches one of the county's needs (组长 leads the industry). Default 10. */
  leader: z.number().min(0).default(10),
  /**
   * S6: cost per member above or below `targetSize` (每组10名左右). Default 6: more than a member with a perfect skill
   * match and a neutral preference earns (relevance 4 + affinity 2 × the unrated level), so a group grows past the
   * target only for a need or an industry no one else covers, or a precise member with a strong stated preference.
   */
  size: z.number().min(0).default(6),
  /** S4: penalty per member beyond `maxSameOrganization` from one organization (汇聚各方力量). Default 3. */
  organization: z.number().min(0).default(3),
  /** S4b: points per distinct organization type among the members (全国学会、企业科协、高校科协…). Default 1. */
  orgTypes: z.number().min(0).default(1),
  /** S7: points per non-leader member from the county's own province, in a central or western county (动员本地科技工作者). Default 0.5. */
  sameProvince: z.number().min(0).default(0.5),
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
  /** S6: the group size the size cost aims at (10名左右), clamped into each county's [groupMin, groupMax]. Default 10. */
  targetSize: z.number().int().min(1).default(10),
  /** S1: share of a need's points earned when only a wildcard-industry skill (`*`) covers it. Default 0.5. */
  wildcardFactor: z.number().min(0).max(1).default(0.5),
  /**
   * H4b: `required` makes it a hard rule that the leader holds a skill (named industry, any stage) in one of the
   * county's industries; `preferred` leaves it to the leader term S2b. Default `preferred`.
   */
  leaderSkill: z.enum(['preferred', 'required']).default('preferred'),
  /**
   * H6: whether the leader counts toward the East–West quota. Default false: the policy names the leader
   * (国家级专家) and the 1–2 East–West scientists as distinct places, so an eastern leader does not fill one.
   */
  leaderCountsEast: z.boolean().default(false),
  /** H4c: an expert of capacity above 1 leads at most one group. Default false (capacity alone limits it). */
  leadOnce: z.boolean().default(false),
  /**
   * S3: the range affinity scores are normalized from into [0, 1] (scores outside are clamped). When absent:
   * [min(0, lowest score in affinity.csv), highest score]. Ignored by `objective: 'affinity'`, which is Σ score exactly.
   */
  affinityScale: z.object({ min: z.number(), max: z.number() }).refine((r) => r.max > r.min, { message: 'affinityScale.max must be larger than affinityScale.min' }).optional(),
  /**
   * Priority under scarcity (成熟一批、匹配一批), decided before the soft score: `column` ranks counties by the
   * `priority` column of counties.csv (smaller first; a county without one comes last), `order` by their row order,
   * `batch` by their batch label in order of first appearance, `none` ranks all equal. Default `column`.
   */
  priority: z.enum(['column', 'order', 'batch', 'none']).default('column'),
  /**
   * 双向选择、自主自愿: `required` assigns only pairs whose affinity.csv row says yes on both sides
   * (`county_consents` and `expert_consents`); `optional` assigns any pair not vetoed. Default `optional`.
   */
  consent: z.enum(['optional', 'required']).default('optional'),
  /**
   * Threads the scalable solver's dual side runs on (the main thread included): the counties of each Lagrangian
   * refresh and pricing pass are shared among them. It never changes a result, only how soon it comes: the same
   * input, options and seed give the same files whatever its value (as ever, a solve the time limit cuts short
   * depends on the clock). Not written to summary.json, nor compared by `check`. 1: the main thread alone. Default
   * (unset): `os.availableParallelism()`, at most 8, on rounds of 30 counties or more; 1 below.
   * @example
   * await solve(instance, { workers: 1 }); // one thread, e.g. beside other work on a shared machine
   */
  workers: z.number().int().min(1).optional(),
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
