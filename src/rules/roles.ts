/**
 * Role labels. Quotas (H4–H6) count members by what they are; the label in
 * the result is `leader` for the leader, else `local`, else `east`, else `member`.
 */
import type { County, Expert } from '../model/schemas.js';
import type { Role } from '../model/vocabulary.js';
import type { RoundContext } from './context.js';
import { isLocalTo } from './h5-local.js';
import { isEastFor } from './h6-east-west.js';

/** The label of a member of a county's group. */
export function roleOf(ctx: RoundContext, expert: Expert, county: County, isLeader: boolean): Role {
  if (isLeader) return 'leader';
  if (isLocalTo(expert, county)) return 'local';
  if (isEastFor(ctx, expert, county)) return 'east';
  return 'member';
}
