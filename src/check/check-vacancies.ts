/**
 * The hard rules over groups kept with a vacancy (a repair's vacancies.csv).
 * A kept group is checked by the same rule checks as every group, in one
 * view with the matched groups, so that its members hold their places
 * (H2, H4c), keep their pins (H9) and their labels, and are never local
 * scientists of another county or vetoed (H5, H8). Of its violations, only
 * its vacant places are accepted: the lower bounds its shortfall names
 * (`src/rules/vacancy.ts`), nothing else.
 */
import type { VacancyMember } from '../model/result.js';
import type { RoundContext } from '../rules/context.js';
import type { GroupMember, SolutionView, Violation } from '../rules/types.js';
import { isVacantPlace, shortfallOf, type Shortfall } from '../rules/vacancy.js';

/** The solution with its kept groups, and which violations are their vacant places. */
export interface VacancyView {
  /** Matched and kept groups together; the kept counties are no longer among the unmatched. */
  view: SolutionView;
  /** Members of each kept group. */
  kept: ReadonlyMap<string, readonly GroupMember[]>;
  /** True when the violation is a vacant place of a kept group (accepted). */
  accepts(v: Violation): boolean;
}

/**
 * Adds the kept groups to a solution's view, pushing onto `out` what is
 * wrong with vacancies.csv itself: unknown ids (H1), a kept group for a
 * county that also has a group, or that unmatched.csv does not mark
 * `vacancy` (H1).
 */
export function withVacancies(ctx: RoundContext, base: SolutionView, vacancies: readonly VacancyMember[], out: Violation[]): VacancyView {
  const kept = new Map<string, GroupMember[]>();
  const rows = [...base.rows];
  for (const v of vacancies) {
    const expert = ctx.expertById.get(v.expertId);
    if (!ctx.countyById.has(v.countyId)) {
      out.push({ rule: 'H1', code: 'unknown-county', countyId: v.countyId, message: `vacancies.csv names county ${v.countyId}, which is not in the input` });
      continue;
    }
    if (!expert) {
      out.push({ rule: 'H1', code: 'unknown-expert', countyId: v.countyId, expertId: v.expertId, message: `vacancies.csv names expert ${v.expertId}, who is not in the input` });
      continue;
    }
    rows.push({ countyId: v.countyId, expertId: v.expertId });
    let list = kept.get(v.countyId);
    if (!list) kept.set(v.countyId, (list = []));
    list.push({ expert, role: v.role });
  }
  const groups = new Map(base.groups);
  const unmatched = new Map(base.unmatched);
  const shortfalls = new Map<string, { s: Shortfall; size: number }>();
  for (const [countyId, members] of kept) {
    if (base.groups.has(countyId)) {
      out.push({ rule: 'H1', code: 'vacancy-and-group', countyId, message: `county ${countyId} has a group in assignments.csv and a kept group with a vacancy in vacancies.csv` });
      continue;
    }
    if (base.unmatched.get(countyId) !== 'vacancy') {
      out.push({ rule: 'H1', code: 'vacancy-not-flagged', countyId, message: `county ${countyId} has a kept group in vacancies.csv, but unmatched.csv does not list it with reason vacancy` });
    }
    groups.set(countyId, members);
    unmatched.delete(countyId);
    const county = ctx.countyById.get(countyId)!;
    const leaders = members.filter((m) => m.role === 'leader');
    shortfalls.set(countyId, { s: shortfallOf(ctx, county, members.map((m) => m.expert), leaders[0]?.expert), size: members.length });
  }
  return {
    view: { groups, unmatched, rows },
    kept,
    accepts: (v) => {
      if (v.countyId === undefined) return false;
      const held = shortfalls.get(v.countyId);
      return held !== undefined && isVacantPlace(v, held.s, held.size);
    },
  };
}
