/**
 * The flags that set the objective's and the hard rules' options added with
 * S6, S2b, H4b, H4c, H6's leader exemption, S3's scale, priority and
 * consent: one list of specs and one parser, shared by `solve` (which
 * solves with them) and `check` (which must be told the options a result
 * should hold).
 */
import type { OptionsInput } from '../model/options.js';
import { optionalChoice, optionalNumber, UsageError, type OptionSpecs } from './args.js';

/** The flags' specs, for `parseCommandArgs`. */
export const ROUND_FLAG_SPECS: OptionSpecs = {
  'target-size': { type: 'string' },
  'wildcard-factor': { type: 'string' },
  'leader-skill': { type: 'string' },
  'leader-counts-east': { type: 'boolean' },
  'lead-once': { type: 'boolean' },
  'affinity-scale': { type: 'string' },
  priority: { type: 'string' },
  consent: { type: 'string' },
};

/** Help lines of the flags, with their defaults. */
export const ROUND_FLAGS_HELP = `  --target-size N        S6: the group size aimed at (10名左右); each member above or
                         below it costs the size weight   [10]
  --wildcard-factor X    S1: share of a need's points earned through a wildcard
                         skill (*) only, between 0 and 1   [0.5]
  --leader-skill MODE    preferred (the leader term S2b rewards a leader whose skills
                         match) or required (H4b: the leader holds a skill in one
                         of the county's industries)   [preferred]
  --leader-counts-east   H6: the leader counts toward the East–West quota
                         (default: it does not; 1–2 others come from the partner)
  --lead-once            H4c: an expert leads at most one group, whatever its capacity
  --affinity-scale MIN:MAX
                         S3: the range affinity scores are normalized from into
                         [0, 1], e.g. 0:100 or 1:5   [the scores' own range]
  --priority MODE        who is matched first when not all can be: column (the
                         priority column of counties.csv), order (row order), batch
                         (batch labels in order of first appearance), or none   [column]
  --consent MODE         optional, or required (双向选择: only pairs whose
                         affinity.csv row says yes on both sides)   [optional]`;

/** `0:100` → { min: 0, max: 100 }; a usage error unless both are numbers and MAX > MIN. */
export function parseAffinityScale(text: string): { min: number; max: number } {
  const parts = text.split(':');
  const nums = parts.map((p) => (p.trim() === '' ? Number.NaN : Number(p)));
  if (parts.length !== 2 || !nums.every(Number.isFinite)) throw new UsageError(`--affinity-scale must be MIN:MAX, two numbers such as 0:100 or 1:5, not "${text}"`);
  const [min, max] = nums as [number, number];
  if (!(max > min)) throw new UsageError(`--affinity-scale MIN:MAX needs MAX larger than MIN, not "${text}"`);
  return { min, max };
}

/** The options the flags set (only those given). Throws `UsageError` on a bad value. */
export function roundFlagOptions(values: Record<string, unknown>): OptionsInput {
  const targetSize = optionalNumber(values, 'target-size', (n) => Number.isInteger(n) && n >= 1, 'a whole number of at least 1');
  const wildcardFactor = optionalNumber(values, 'wildcard-factor', (n) => n >= 0 && n <= 1, 'a number between 0 and 1');
  const leaderSkill = optionalChoice(values, 'leader-skill', ['preferred', 'required'] as const);
  const priority = optionalChoice(values, 'priority', ['column', 'order', 'batch', 'none'] as const);
  const consent = optionalChoice(values, 'consent', ['optional', 'required'] as const);
  const scale = values['affinity-scale'];
  const affinityScale = typeof scale === 'string' ? parseAffinityScale(scale) : undefined;
  return {
    ...(targetSize !== undefined ? { targetSize } : {}), ...(wildcardFactor !== undefined ? { wildcardFactor } : {}),
    ...(leaderSkill ? { leaderSkill } : {}), ...(values['leader-counts-east'] === true ? { leaderCountsEast: true } : {}),
    ...(values['lead-once'] === true ? { leadOnce: true } : {}), ...(affinityScale ? { affinityScale } : {}),
    ...(priority ? { priority } : {}), ...(consent ? { consent } : {}),
  };
}
