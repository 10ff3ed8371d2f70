/**
 * When a skill covers a need (H7, S1, S2): same industry or `*`, same stage or `*`.
 */
import { ANY } from './vocabulary.js';
import type { Need, Skill } from './schemas.js';

/** True when the skill matches the need's industry and stage (either may be the wildcard `*`). */
export function skillCovers(skill: Pick<Skill, 'industry' | 'stage'>, need: Pick<Need, 'industry' | 'stage'>): boolean {
  return (skill.industry === need.industry || skill.industry === ANY) && (skill.stage === need.stage || skill.stage === ANY);
}

/**
 * How well one skill answers one need, in [0, 1] (S2): proficiency / 3, times
 * 1 for an exact match, 0.6 when one side is the wildcard, 0.4 for `*`/`*`,
 * and 0.25 for the right industry at another stage (knows the industry).
 */
export function skillMatch(skill: Skill, need: Pick<Need, 'industry' | 'stage'>): number {
  const industryExact = skill.industry === need.industry;
  const stageExact = skill.stage === need.stage;
  let quality: number;
  if (industryExact && stageExact) quality = 1;
  else if (skillCovers(skill, need)) quality = industryExact || stageExact ? 0.6 : 0.4;
  else if (industryExact) quality = 0.25;
  else return 0;
  return (skill.proficiency / 3) * quality;
}

/**
 * How a skill covers a need for S1: `named` when it names the need's
 * industry (at the need's stage or `*`), `wildcard` when it covers it only
 * through a wildcard industry `*`, `none` otherwise. H7 counts both.
 */
export function coverageKind(skill: Pick<Skill, 'industry' | 'stage'>, need: Pick<Need, 'industry' | 'stage'>): 'named' | 'wildcard' | 'none' {
  if (!skillCovers(skill, need)) return 'none';
  return skill.industry === need.industry ? 'named' : 'wildcard';
}

/** The key a need is known by in results: `industry/stage`. */
export function needKey(need: Pick<Need, 'industry' | 'stage'>): string {
  return `${need.industry}/${need.stage}`;
}
