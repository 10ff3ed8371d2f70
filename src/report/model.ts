/**
 * The figures the report shows, computed once from the instance, the
 * result and the options: groups with their scores (`groupScore`), counts
 * per province, and the county × stage coverage grid. Every list follows
 * the instance's order (provinces by first appearance), so the page is
 * deterministic.
 */
import type { Options } from '../model/options.js';
import type { SolveResult } from '../model/result.js';
import type { Assignment, County, Expert, Instance, Need, Unmatched } from '../model/schemas.js';
import { CHAIN_STAGES, DEFAULT_STAGES, ROLES, type Role } from '../model/vocabulary.js';
import { groupScore, type GroupScore } from '../objective/score.js';
import { buildContext, needsOf, type RoundContext } from '../rules/context.js';
import { isLocalTo } from '../rules/h5-local.js';
import { countsTowardEast } from '../rules/h6-east-west.js';
import { compareText } from './format.js';

/** One member of a group. */
export interface MemberView {
  assignment: Assignment;
  /** Undefined when the expert id is not in the instance. */
  expert: Expert | undefined;
}

/** One county's group. */
export interface GroupView {
  /** Position among the groups: the card's anchor. */
  index: number;
  countyId: string;
  /** Undefined when the county id is not in the instance. */
  county: County | undefined;
  members: MemberView[];
  leader: MemberView | undefined;
  needs: readonly Need[];
  score: GroupScore;
  /** Members local to the county (H5), whatever their label. */
  locals: number;
  /** Members from the county's eastern partner provinces (H6), whatever their label. */
  east: number;
}

/** A county that has no group. */
export interface UnmatchedView {
  countyId: string;
  county: County | undefined;
  /** Undefined for a county of the instance that the result does not mention. */
  row: Unmatched | undefined;
}

/** Counts of one province. */
export interface ProvinceStats {
  province: string;
  counties: number;
  matched: number;
  unmatched: number;
  members: number;
  locals: number;
  east: number;
  /** Members by role label. */
  roles: Record<Role, number>;
  scoreSum: number;
  needs: number;
  needsCovered: number;
}

/** How a county's needs on one stage are served. */
export type CellState = 'covered' | 'uncovered' | 'required' | 'none';

/** One cell of the coverage grid. */
export interface CoverageCell {
  state: CellState;
  /** The county's needs on this stage, with whether each is covered. */
  needs: { need: Need; covered: boolean }[];
}

/** One row of the coverage grid. */
export interface CoverageRow {
  countyId: string;
  county: County | undefined;
  group: GroupView | undefined;
  cells: CoverageCell[];
}

/** Everything the page shows. */
export interface ReportModel {
  ctx: RoundContext;
  result: SolveResult;
  groups: GroupView[];
  groupByCounty: ReadonlyMap<string, GroupView>;
  unmatched: UnmatchedView[];
  provinces: ProvinceStats[];
  /** The provinces in order, with their counties (instance order): groups and coverage rows follow it. */
  countiesByProvince: { province: string; countyIds: string[] }[];
  stages: string[];
  coverage: CoverageRow[];
}

const UNKNOWN_PROVINCE = '?';

/** The stages of the counties' needs: the chain stages first, then the other default stages, then the rest by code order. */
export function stageColumns(needs: readonly Pick<Need, 'stage'>[]): string[] {
  const present = new Set(needs.map((n) => n.stage));
  const known: readonly string[] = [...CHAIN_STAGES, ...DEFAULT_STAGES.filter((s) => !(CHAIN_STAGES as readonly string[]).includes(s))];
  const extra = [...present].filter((s) => !known.includes(s)).sort(compareText);
  return [...known.filter((s) => present.has(s)), ...extra];
}

function emptyStats(province: string): ProvinceStats {
  return {
    province, counties: 0, matched: 0, unmatched: 0, members: 0, locals: 0, east: 0,
    roles: Object.fromEntries(ROLES.map((r) => [r, 0])) as Record<Role, number>, scoreSum: 0, needs: 0, needsCovered: 0,
  };
}

/** Computes the report's figures. */
export function buildReportModel(instance: Instance, result: SolveResult, options: Options): ReportModel {
  const ctx = buildContext(instance, options);

  // Groups, by county, in the order the counties first appear in the assignments.
  const rowsByCounty = new Map<string, Assignment[]>();
  for (const a of result.assignments) {
    const list = rowsByCounty.get(a.countyId);
    if (list) list.push(a);
    else rowsByCounty.set(a.countyId, [a]);
  }

  // Province order: first appearance among the instance's counties, then counties the instance lacks.
  const byProvince = new Map<string, string[]>();
  const add = (province: string, countyId: string): void => {
    const list = byProvince.get(province);
    if (list) list.push(countyId);
    else byProvince.set(province, [countyId]);
  };
  const seen = new Set<string>();
  for (const c of ctx.counties) {
    if (seen.has(c.id)) continue;
    seen.add(c.id);
    add(c.province, c.id);
  }
  for (const id of [...rowsByCounty.keys(), ...result.unmatched.map((u) => u.countyId)]) {
    if (seen.has(id)) continue;
    seen.add(id);
    add(UNKNOWN_PROVINCE, id);
  }
  const countiesByProvince = [...byProvince].map(([province, countyIds]) => ({ province, countyIds }));

  const groups: GroupView[] = [];
  const groupByCounty = new Map<string, GroupView>();
  const unmatchedRows = new Map(result.unmatched.map((u) => [u.countyId, u]));
  const unmatched: UnmatchedView[] = [];
  for (const { countyIds } of countiesByProvince) {
    for (const countyId of countyIds) {
      const county = ctx.countyById.get(countyId);
      const rows = rowsByCounty.get(countyId);
      if (!rows) {
        unmatched.push({ countyId, county, row: unmatchedRows.get(countyId) });
        continue;
      }
      const members = rows.map((assignment) => ({ assignment, expert: ctx.expertById.get(assignment.expertId) }));
      const experts = members.flatMap((m) => (m.expert ? [m.expert] : []));
      const group: GroupView = {
        index: groups.length,
        countyId,
        county,
        members,
        leader: members.find((m) => m.assignment.role === 'leader'),
        needs: needsOf(ctx, countyId),
        score: groupScore(ctx, county ?? { id: countyId, province: '' }, experts, members.find((m) => m.assignment.role === 'leader')?.assignment.expertId),
        locals: experts.filter((e) => isLocalTo(e, { id: countyId })).length,
        // H6's count: the leader fills no East–West place unless leaderCountsEast.
        east: county ? members.filter((m) => m.expert && countsTowardEast(ctx, m.expert, county, m.assignment.role === 'leader')).length : 0,
      };
      groups.push(group);
      groupByCounty.set(countyId, group);
    }
  }

  const provinces = countiesByProvince.map(({ province, countyIds }) => {
    const s = emptyStats(province);
    for (const id of countyIds) {
      s.counties += 1;
      const g = groupByCounty.get(id);
      if (!g) {
        s.unmatched += 1;
        continue;
      }
      s.matched += 1;
      s.members += g.members.length;
      s.locals += g.locals;
      s.east += g.east;
      for (const m of g.members) s.roles[m.assignment.role] += 1;
      s.scoreSum += g.score.total;
      s.needs += g.needs.length;
      s.needsCovered += g.score.covered.size;
    }
    return s;
  });

  const stages = stageColumns(instance.needs);
  const coverage: CoverageRow[] = [];
  for (const { countyIds } of countiesByProvince) {
    for (const countyId of countyIds) {
      const group = groupByCounty.get(countyId);
      const needs = needsOf(ctx, countyId);
      const cells = stages.map((stage): CoverageCell => {
        const here = needs.flatMap((need, i) => (need.stage === stage ? [{ need, covered: group?.score.covered.has(i) ?? false }] : []));
        let state: CellState = 'none';
        if (here.length > 0) {
          if (here.some((n) => !n.covered && n.need.required)) state = 'required';
          else if (here.some((n) => !n.covered)) state = 'uncovered';
          else state = 'covered';
        }
        return { state, needs: here };
      });
      coverage.push({ countyId, county: ctx.countyById.get(countyId), group, cells });
    }
  }

  return { ctx, result, groups, groupByCounty, unmatched, provinces, countiesByProvince, stages, coverage };
}
