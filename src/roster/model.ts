/**
 * The roster (名单) of a round: per county with a group, the facts an
 * officer signs for 认定 and posts for 公示 — the county, its 召集人 and
 * 联络员 as counties.csv gives them, and each member with name, role,
 * level, organization and province. Derived only from the input and the
 * assignments (never from a solver's state), so that `check` can derive it
 * again and compare.
 *
 * Contact-free by construction: the data contract holds no phone number,
 * e-mail or ID number, and nothing here reads a column outside it.
 */
import type { VacancyMember } from '../model/result.js';
import type { Assignment, County, Expert, Instance, Unmatched } from '../model/schemas.js';
import { ROLES, type Level, type OrgType, type Role } from '../model/vocabulary.js';
import { compareText } from '../report/format.js';

/** One member as the roster lists them. */
export interface RosterMember {
  /** 1-based position in the group, in roster order (leader first). */
  seq: number;
  /** The role label of assignments.csv (组长 leader, 本地 local, 东部 east, 成员 member). */
  role: Role;
  /** The expert's id, as in experts.csv. */
  expertId: string;
  /** The expert's name; `''` when experts.csv gives none or does not know the id. */
  name: string;
  /** `undefined` when the expert id is not in the instance. */
  level: Level | undefined;
  /** The expert's organization (`''` when not given). */
  organization: string;
  /** Its type (全国学会, 企业科协, …); `undefined` when not given. */
  orgType: OrgType | undefined;
  /** The province the expert works in (`''` for an unknown id). */
  province: string;
  /** Keys `industry/stage` of the county's needs the member covers, as assignments.csv states them. */
  covers: readonly string[];
}

/** One county's group as the roster lists it. */
export interface RosterGroup {
  /** The county's id, as in counties.csv. */
  countyId: string;
  /** `''` when counties.csv gives no name or does not know the id. */
  countyName: string;
  /** The county's province (`''` for an id the instance does not know). */
  province: string;
  /** Its prefecture (`''` when not given). */
  prefecture: string;
  /** Its batch label (成熟一批、匹配一批; `''` when not given). */
  batch: string;
  /** 召集人, passed through from counties.csv (`''` when not given). */
  convenor: string;
  /** 联络员, passed through from counties.csv (`''` when not given). */
  liaison: string;
  /** The group is kept with a vacancy to fill (`unmatched.csv` has a `vacancy` row for the county). */
  vacancy: boolean;
  /** Members in roster order: leader, locals, East–West, others (by role label), then by expert id. */
  members: RosterMember[];
}

const ROLE_RANK: ReadonlyMap<Role, number> = new Map(ROLES.map((r, i) => [r, i]));

/** Roster order of two members: by role (leader, local, east, member), then by expert id. */
export function compareMembers(a: Pick<Assignment, 'role' | 'expertId'>, b: Pick<Assignment, 'role' | 'expertId'>): number {
  return (ROLE_RANK.get(a.role) ?? ROLES.length) - (ROLE_RANK.get(b.role) ?? ROLES.length) || compareText(a.expertId, b.expertId);
}

/**
 * The order of the counties with a group: provinces by first appearance in
 * counties.csv, counties in counties.csv order within them (the report's
 * order); counties the instance does not know come last, in the order the
 * assignments first name them.
 */
function countyOrder(counties: readonly County[], withGroup: readonly string[]): string[] {
  const present = new Set(withGroup);
  const byProvince = new Map<string, string[]>();
  const placed = new Set<string>();
  for (const c of counties) {
    if (!present.has(c.id) || placed.has(c.id)) continue;
    placed.add(c.id);
    const list = byProvince.get(c.province);
    if (list) list.push(c.id);
    else byProvince.set(c.province, [c.id]);
  }
  return [...[...byProvince.values()].flat(), ...withGroup.filter((id) => !placed.has(id))];
}

function member(seq: number, a: Assignment, expert: Expert | undefined): RosterMember {
  return {
    seq, role: a.role, expertId: a.expertId, name: expert?.name ?? '', level: expert?.level,
    organization: expert?.organization ?? '', orgType: expert?.orgType, province: expert?.province ?? '', covers: a.covers,
  };
}

/**
 * The roster of a result: one entry per county that has at least one row
 * in the assignments, in a fixed order (see `countyOrder`, `compareMembers`),
 * so that the same result gives the same roster byte for byte.
 *
 * @param instance the round's counties and experts (validated: defaults filled in)
 * @param assignments the result's rows (a solve's, or as read back by `readResultDir`)
 * @param unmatched the result's unmatched rows: a `vacancy` row flags a kept group
 * @param vacancies the members of groups kept with a vacancy (vacancies.csv): listed like any group, flagged
 *   `vacancy`, their needs covered left empty (vacancies.csv does not state them)
 * @example
 * const roster = buildRoster(instance, result.assignments, result.unmatched);
 * console.log(roster[0]?.members[0]?.role); // 'leader'
 */
export function buildRoster(
  instance: Pick<Instance, 'counties' | 'experts'>, assignments: readonly Assignment[], unmatched: readonly Pick<Unmatched, 'countyId' | 'reasonCode'>[],
  vacancies: readonly VacancyMember[] = [],
): RosterGroup[] {
  const countyById = new Map<string, County>();
  for (const c of instance.counties) if (!countyById.has(c.id)) countyById.set(c.id, c);
  const expertById = new Map<string, Expert>();
  for (const e of instance.experts) if (!expertById.has(e.id)) expertById.set(e.id, e);
  const rowsByCounty = new Map<string, Assignment[]>();
  const kept = vacancies.map((v): Assignment => ({ countyId: v.countyId, expertId: v.expertId, role: v.role, fit: 0, covers: [], reason: '' }));
  for (const a of [...assignments, ...kept]) {
    const list = rowsByCounty.get(a.countyId);
    if (list) list.push(a);
    else rowsByCounty.set(a.countyId, [a]);
  }
  const vacant = new Set(unmatched.filter((u) => u.reasonCode === 'vacancy').map((u) => u.countyId));
  return countyOrder(instance.counties, [...rowsByCounty.keys()]).map((countyId): RosterGroup => {
    const county = countyById.get(countyId);
    const rows = [...(rowsByCounty.get(countyId) ?? [])].sort(compareMembers);
    return {
      countyId, countyName: county?.name ?? '', province: county?.province ?? '', prefecture: county?.prefecture ?? '',
      batch: county?.batch ?? '', convenor: county?.convenor ?? '', liaison: county?.liaison ?? '', vacancy: vacant.has(countyId),
      members: rows.map((a, i) => member(i + 1, a, expertById.get(a.expertId))),
    };
  });
}

/** Whether some county of the round has a 召集人, a 联络员: the printed roster then shows that line for every county (blank where a county has none, to be filled in by hand). */
export function hasContacts(counties: readonly Pick<County, 'convenor' | 'liaison'>[]): { convenor: boolean; liaison: boolean } {
  return { convenor: counties.some((c) => !!c.convenor), liaison: counties.some((c) => !!c.liaison) };
}
