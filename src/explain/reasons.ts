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

/**
 * Why this member is in this county's group: role, needs covered, and the
 * member's term of the score (the `fit` column: `memberTerm`). For the
 * leader the term adds S2b, `leaderTerm` (the leader's relevance times the
 * `leader` weight, without the same-province points a leader does not earn).
 */
export function memberReason(expert: Expert, county: County, role: Role, fit: MemberFit, covers: readonly string[], objective: 'default' | 'affinity', leaderTerm = 0): string {
  const parts = [role === 'east' ? `${ROLE_WORDS.east} from ${expert.province}` : ROLE_WORDS[role]];
  if (role === 'leader' && expert.province) parts[0] += ` from ${expert.province}`;
  parts.push(covers.length > 0 ? `covers ${covers.join(', ')}` : `covers none of ${county.name || county.id}'s listed needs`);
  if (objective === 'affinity') {
    parts.push(`affinity ${round(fit.affinity)}`);
  } else if (role === 'leader') {
    // The leader's S7 points are taken back by its leader term: shown net.
    const lead = leaderTerm + fit.sameProvince;
    parts.push(`fit ${round(fit.fit + leaderTerm)} (relevance ${round(fit.relevance)}, affinity ${round(fit.affinity)}; as leader +${round(lead)} for leading with relevance ${round(fit.relevance)})`);
  } else {
    const local = fit.sameProvince > 0 ? `, own province +${round(fit.sameProvince)}` : '';
    parts.push(`fit ${round(fit.fit)} (relevance ${round(fit.relevance)}, affinity ${round(fit.affinity)}${local})`);
  }
  return parts.join('; ');
}
