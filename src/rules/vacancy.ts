/**
 * 动态管理, a group kept with a vacancy: when members of a published group
 * withdraw and no valid replacement can be found, the group is kept — its
 * other members unchanged — and the places it now lacks are named, so that
 * the county knows whom to recruit. This module says, by the rules' own
 * counts (H3–H7), what an incomplete group lacks (its *shortfall*), in
 * words, and which violations of the rules' checks are exactly those
 * vacant places. The repair that keeps such a group and the checker that
 * verifies it both read it from here, so they cannot disagree.
 *
 * Only lower bounds can be vacant: too few members (H3), no leader (H4),
 * too few local scientists (H5) or East–West scientists (H6), a required
 * need nobody covers (H7). Everything else (too many members, two leaders,
 * a leader who may not lead, a local scientist of another county, a
 * vetoed pair, a capacity exceeded, a pin broken) is a broken rule, in a
 * kept group as in any other.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert, Need } from '../model/schemas.js';
import { needsOf, type RoundContext } from './context.js';
import { groupSizeBounds } from './h3-group-size.js';
import { isLocalTo } from './h5-local.js';
import { eastCount, partnersOf } from './h6-east-west.js';
import { expertCovers } from './h7-required-needs.js';
import type { Violation } from './types.js';

/** What an incomplete group lacks to keep H3–H7. Every count is ≥ 0. */
export interface Shortfall {
  /** No member leads it (H4). */
  leader: boolean;
  /** Local scientists missing to reach `localMin` (H5). */
  locals: number;
  /** East–West scientists missing to reach `eastMin` (H6; 0 for an unpaired county). */
  east: number;
  /** The county's partner provinces (H6), for the words. */
  partners: readonly string[];
  /** Required needs no member covers (H7), in needs.csv order. */
  needs: Need[];
  /** Members missing to reach the smallest group, beyond the leader, locals and East–West scientists above (H3). */
  members: number;
  /** The smallest group of the county (H3). */
  sizeMin: number;
}

/**
 * The shortfall of a county's group of `members` led by `leader` (absent:
 * nobody leads). Quotas count what each member is, as the rules do; the
 * people the shortfall names are counted once each (a recruit may also
 * bring a missing skill, so needs add no person).
 */
export function shortfallOf(ctx: RoundContext, county: County, members: readonly Expert[], leader: Expert | undefined): Shortfall {
  const o = ctx.options;
  const partners = partnersOf(ctx, county);
  const locals = members.filter((e) => isLocalTo(e, county)).length;
  const east = partners.length === 0 ? 0 : eastCount(ctx, county, members.map((e) => ({ expert: e, isLeader: e === leader })));
  const { min } = groupSizeBounds(ctx, county);
  const missingLocals = Math.max(0, o.localMin - locals);
  const missingEast = partners.length === 0 ? 0 : Math.max(0, o.eastMin - east);
  const people = (leader === undefined ? 1 : 0) + missingLocals + missingEast;
  return {
    leader: leader === undefined,
    locals: missingLocals,
    east: missingEast,
    partners,
    needs: needsOf(ctx, county.id).filter((n) => n.required && !members.some((e) => expertCovers(ctx, e, n))),
    members: Math.max(0, min - members.length - people),
    sizeMin: min,
  };
}

/** True when the shortfall names at least one vacant place: the group is incomplete. */
export function isVacant(s: Shortfall): boolean {
  return s.leader || s.locals > 0 || s.east > 0 || s.needs.length > 0 || s.members > 0;
}

function count(n: number, one: string, many: string): string {
  return `${n} ${n === 1 ? one : many}`;
}

/**
 * What to recruit, in words, places joined by `; `, e.g. `1 local scientist
 * of 西泽县 (H5); a member holding 中药材/production (H7)`. Empty for a
 * complete group.
 */
export function shortfallWords(ctx: RoundContext, county: County, s: Shortfall): string {
  const o = ctx.options;
  const name = county.name || county.id;
  const parts: string[] = [];
  if (s.leader) {
    const industries = [...new Set(needsOf(ctx, county.id).map((n) => n.industry))];
    const skill = o.leaderSkill === 'required' && industries.length > 0 ? ` holding a skill in ${industries.join(' or ')} (H4b)` : '';
    parts.push(`1 ${o.leaderLevels.join('/')}-level leader (H4)${skill}`);
  }
  if (s.locals > 0) parts.push(`${count(s.locals, 'local scientist', 'local scientists')} of ${name} (H5)`);
  if (s.east > 0) parts.push(`${count(s.east, 'scientist', 'scientists')} from ${s.partners.join('/')} (H6${o.leaderCountsEast ? '' : ', besides the leader'})`);
  for (const n of s.needs) parts.push(`a member holding ${needKey(n)} (H7)`);
  if (s.members > 0) parts.push(`${count(s.members, 'more member', 'more members')} to reach ${s.sizeMin} (H3)`);
  return parts.join('; ');
}

/**
 * The part of a vacancy's detail (unmatched.csv) that the checker
 * recomputes from the kept members: who is kept and what to recruit. The
 * repair may add, after ` — `, why no replacement was found.
 */
export function vacancyStatement(ctx: RoundContext, county: County, members: readonly Expert[], leader: Expert | undefined): string {
  const s = shortfallOf(ctx, county, members, leader);
  const led = leader === undefined ? ', nobody leading' : `, ${leader.id} leading`;
  return `${county.name || county.id}: the group is kept with ${count(members.length, 'member', 'members')}${led}; to recruit: ${shortfallWords(ctx, county, s)}`;
}

/** Separates the checked statement of a vacancy's detail from the repair's explanation. */
export const VACANCY_WHY_SEPARATOR = ' — ';

/**
 * True when a violation of a kept group's rule checks is one of its vacant
 * places (a lower bound the shortfall names), and so is accepted; `size` is
 * the number of kept members. Any other violation stands.
 */
export function isVacantPlace(v: Pick<Violation, 'rule' | 'code'>, s: Shortfall, size: number): boolean {
  switch (`${v.rule} ${v.code}`) {
    case 'H3 group-size':
      return size < s.sizeMin;
    case 'H4 leader-count':
      return s.leader;
    case 'H5 local-count':
      return s.locals > 0;
    case 'H6 east-count':
      return s.east > 0;
    case 'H7 required-need-uncovered':
      return s.needs.length > 0;
    default:
      return false;
  }
}
