/**
 * Zod schemas of every entity of the data contract, in the API's camelCase
 * shape. CSV columns map to these fields in `src/io/headers.ts`.
 */
import { z } from 'zod';
import { LEVELS, ORG_TYPES, ROLES } from './vocabulary.js';

const id = z.string().trim().min(1);

/** A county that applies for a group (counties.csv). */
export const CountySchema = z.object({
  /** Unique county code (县编码). */
  id,
  /** Display name (县名). */
  name: z.string().default(''),
  /** Province (省份), e.g. 四川. */
  province: id,
  /** Prefecture (地市). */
  prefecture: z.string().default(''),
  /** A national key assistance county (国家乡村振兴重点帮扶县): refused by H10. */
  keyCounty: z.boolean().default(false),
  /** Its own eastern partner provinces; when set they replace the pairings (H6). */
  eastPartner: z.array(id).default([]),
  /** Per-county minimum group size (H3); the round's `groupMin` when absent. */
  groupMin: z.number().int().min(1).optional(),
  /** Per-county maximum group size (H3); the round's `groupMax` when absent. */
  groupMax: z.number().int().min(1).optional(),
  /** Batch label (成熟一批、匹配一批); with `priority: 'batch'`, batches rank by first appearance in counties.csv. */
  batch: z.string().optional(),
  /** Priority under scarcity (成熟一批、匹配一批): smaller is served first; with `priority: 'column'` (the default). */
  priority: z.number().int().min(0).optional(),
  /** 召集人: passed through to the roster, never read by a rule. */
  convenor: z.string().optional(),
  /** 联络员: passed through to the roster, never read by a rule. */
  liaison: z.string().optional(),
});
/** A county. */
export type County = z.infer<typeof CountySchema>;

/** One industry need of a county on one chain stage (needs.csv). */
export const NeedSchema = z.object({
  countyId: id,
  /** Industry, e.g. 茶叶. */
  industry: id,
  /** Chain stage, e.g. `processing`. */
  stage: id,
  /** Weight in S1 (default 1). */
  weight: z.number().min(0).default(1),
  /** Must be covered by a member (H7). */
  required: z.boolean().default(false),
});
/** A need. */
export type Need = z.infer<typeof NeedSchema>;

/** An expert of the pool (experts.csv). */
export const ExpertSchema = z.object({
  id,
  name: z.string().default(''),
  /** Province the expert works in; decides East–West membership (H6). */
  province: id,
  organization: z.string().default(''),
  orgType: z.enum(ORG_TYPES).optional(),
  level: z.enum(LEVELS),
  /** Set for a local scientist recommended by this county (H5). */
  homeCounty: z.string().min(1).optional(),
  /** Groups the expert may serve (H2); the round's `defaultCapacity` (1) when absent. */
  capacity: z.number().int().min(0).optional(),
});
/** An expert. */
export type Expert = z.infer<typeof ExpertSchema>;

/** One skill of an expert (skills.csv); `*` matches any industry or stage. */
export const SkillSchema = z.object({
  expertId: id,
  industry: id,
  stage: id,
  /** 1–3, default 2. */
  proficiency: z.number().int().min(1).max(3).default(2),
});
/** A skill. */
export type Skill = z.infer<typeof SkillSchema>;

/** An East–West pairing (pairings.csv); with `countyId`, a county-level pairing. */
export const PairingSchema = z.object({
  eastProvince: id,
  westProvince: id,
  countyId: id.optional(),
});
/** A pairing. */
export type Pairing = z.infer<typeof PairingSchema>;

/** A stated preference or a veto of a county–expert pair (affinity.csv). */
export const AffinitySchema = z.object({
  countyId: id,
  expertId: id,
  score: z.number().default(0),
  /** No assignment of this pair (H8). */
  veto: z.boolean().default(false),
  /** The county said yes to this expert (双向选择); read by `consent: 'required'`. Absent: not stated. */
  countyConsents: z.boolean().optional(),
  /** The expert said yes to this county (自主自愿); read by `consent: 'required'`. Absent: not stated. */
  expertConsents: z.boolean().optional(),
});
/** An affinity. */
export type Affinity = z.infer<typeof AffinitySchema>;

/** A pair that must stay in the result (H9), from pinned.csv or an earlier batch. */
export const PinSchema = z.object({
  countyId: id,
  expertId: id,
  /** When given, must agree with what the expert is (leader requires national level). */
  role: z.enum(ROLES).optional(),
});
/** A pin. */
export type Pin = z.infer<typeof PinSchema>;

/** A whole round: the typed form of the CSV folder, and the JSON instance file. */
export const InstanceSchema = z.object({
  counties: z.array(CountySchema),
  needs: z.array(NeedSchema).default([]),
  experts: z.array(ExpertSchema),
  skills: z.array(SkillSchema).default([]),
  pairings: z.array(PairingSchema).default([]),
  affinities: z.array(AffinitySchema).default([]),
  pins: z.array(PinSchema).default([]),
});
/** A whole round, as the solver takes it. */
export type Instance = z.infer<typeof InstanceSchema>;
/** A round as a caller may write it (defaults not yet applied). */
export type InstanceInput = z.input<typeof InstanceSchema>;

/** One member of one group (a row of assignments.csv). */
export const AssignmentSchema = z.object({
  countyId: id,
  expertId: id,
  role: z.enum(ROLES),
  /** The member's own fit term f(e,c) (S2 + S3). */
  fit: z.number().default(0),
  /** Keys `industry/stage` of the county's needs this member covers. */
  covers: z.array(z.string()).default([]),
  /** Why this member is here, in plain words. */
  reason: z.string().default(''),
});
/** An assignment. */
export type Assignment = z.infer<typeof AssignmentSchema>;

/** Reason codes of unmatched counties (documented in the README). */
export const REASON_CODES = [
  'no-leader-candidate',
  'no-local-scientist',
  'no-east-expert',
  'required-need-uncovered',
  'too-few-candidates',
  'no-valid-group',
  'pinned-infeasible',
  'competition',
  'not-solved',
  'key-county',
  'vacancy',
] as const;
/** A reason code. */
export type ReasonCode = (typeof REASON_CODES)[number];

/** A county left without a group, and why (a row of unmatched.csv). */
export const UnmatchedSchema = z.object({
  countyId: id,
  reasonCode: z.enum(REASON_CODES),
  detail: z.string().default(''),
});
/** An unmatched county. */
export type Unmatched = z.infer<typeof UnmatchedSchema>;

/** Solver statuses; see `SolveResult` for what each means. */
export const STATUSES = ['optimal', 'feasible', 'infeasible', 'time-limit'] as const;
/** A solver status. */
export type Status = (typeof STATUSES)[number];

/** summary.json. */
export const SummarySchema = z.object({
  status: z.enum(STATUSES),
  /** Soft score of the result (default mode: S1–S4; affinity mode: exactly Σ affinity). */
  objective: z.number(),
  /** A proven upper bound on the soft score of any valid result matching as many counties. */
  upperBound: z.number(),
  /** (upperBound − objective) / max(|upperBound|, 1e-9); 0 when proven optimal. */
  gap: z.number(),
  matchedCounties: z.number().int(),
  /** S5: the lowest score of a matched group; null when no county is matched. Absent in results of versions before S5. */
  weakestGroupScore: z.number().nullable().optional(),
  /**
   * S5: a proven upper bound on the weakest group's score of any valid result that matches as many
   * counties; null when no county is matched. Absent in results of versions before S5.
   */
  weakestGroupBound: z.number().nullable().optional(),
  /** A proven upper bound on the number of counties any valid result can match. */
  matchableUpperBound: z.number().int(),
  /** S6: the smallest, mean and largest group size of the result; null when no county is matched. Absent in results of versions before S6. */
  groupSizes: z.object({ min: z.number().int(), mean: z.number(), max: z.number().int() }).nullable().optional(),
  totalCounties: z.number().int(),
  expertsUsed: z.number().int(),
  expertsFree: z.number().int(),
  seconds: z.number(),
  seed: z.number().int(),
  solver: z.string(),
  objectiveMode: z.enum(['default', 'affinity']),
  options: z.record(z.string(), z.unknown()),
  version: z.string(),
  inputHash: z.string(),
});
/** The summary. */
export type Summary = z.infer<typeof SummarySchema>;
