/**
 * The plain-language reason written beside each member in assignments.csv.
 */
import type { County, Expert } from '../model/schemas.js';
import type { Role } from '../model/vocabulary.js';
import type { MemberFit } from '../objective/score.js';

const ROLE_WORDS: Record<Role, string> = {
  leader: 'leader (组长), national-level',
  local: 'local scientist recommended by the county (本县科技工作者)',
  east: 'East–West partner scientist (东西部协作)',
  member: 'member',
};

function round(n: number): string {
  return (Math.round(n * 100) / 100).toString();
}

/** Why this member is in this county's group: role, needs covered, fit terms. */
export function memberReason(expert: Expert, county: County, role: Role, fit: MemberFit, covers: readonly string[], objective: 'default' | 'affinity'): string {
  const parts = [role === 'east' ? `${ROLE_WORDS.east} from ${expert.province}` : ROLE_WORDS[role]];
  if (role === 'leader' && expert.province) parts[0] += ` from ${expert.province}`;
  parts.push(covers.length > 0 ? `covers ${covers.join(', ')}` : `covers none of ${county.name || county.id}'s listed needs`);
  parts.push(objective === 'affinity' ? `affinity ${round(fit.affinity)}` : `fit ${round(fit.fit)} (relevance ${round(fit.relevance)}, affinity ${round(fit.affinity)})`);
  return parts.join('; ');
}
