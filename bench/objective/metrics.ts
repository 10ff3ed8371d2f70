/**
 * The figures issue #10 asks for ("Show it"), computed from an input folder
 * and a result folder's CSV files alone, with code of its own (not the
 * library's objective), so that the same script judges a result written
 * before and after the objective changed:
 *
 * - counties matched / total, and the unmatched by reason code;
 * - group size min, mean, max (and the histogram);
 * - the share of leaders holding a skill whose industry is one of the
 *   county's need industries (a wildcard `*` industry does not count);
 * - the share of covered needs covered only through wildcard-industry skills;
 * - county-level (`county`) members serving a county of another province;
 * - objective, upper bound, gap and status from summary.json.
 *
 *   node --import tsx bench/objective/metrics.ts --input DIR --result DIR [--wall S] [--peak-mb MB]
 *
 * prints the figures as JSON.
 */
import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { readFlags } from '../args.js';
import { listCell, MetricsInputError, readRows } from './csv.js';

/** The industry (or stage) wildcard of skills.csv. */
const ANY = '*';

/** The figures of one result folder against its input; see the module comment. */
export interface ObjectiveMetrics {
  /** Counties matched (holding a group in assignments.csv) and applying (rows of counties.csv). */
  readonly counties: { readonly matched: number; readonly total: number; readonly unmatchedByReason: Readonly<Record<string, number>> };
  /** Members per matched group; `histogram` maps a size to its number of groups. Null fields when no group. */
  readonly groupSize: { readonly min: number | null; readonly mean: number | null; readonly max: number | null; readonly members: number; readonly histogram: Readonly<Record<string, number>> };
  /** Leaders holding a skill named for one of their county's need industries. */
  readonly leaders: { readonly groups: number; readonly withIndustrySkill: number; readonly share: number | null };
  /**
   * Needs of matched counties: covered (some member's skill matches, `*` on
   * either side allowed), covered only through skills of industry `*`, and
   * covered only through some wildcard (industry or stage `*`). Shares are of
   * the covered needs.
   */
  readonly needs: {
    readonly total: number; readonly covered: number;
    readonly onlyWildcardIndustry: number; readonly shareOnlyWildcardIndustry: number | null;
    readonly onlyAnyWildcard: number; readonly shareOnlyAnyWildcard: number | null;
  };
  /**
   * Pile-up on one need: per group, the most members whose skills cover a
   * single need of the county; the mean over groups, and the mean group size
   * beside it (11 of 12 on one need is the 福台县).
   */
  readonly pileUp: { readonly meanMaxMembersOnOneNeed: number | null };
  /** (matched county, need industry) pairs with at least one member holding a skill named for that industry. */
  readonly industries: { readonly total: number; readonly withNamedMember: number; readonly share: number | null };
  /**
   * County-level (level `county`) members serving a county of another
   * province: all of them, and those serving a central or western county
   * (a county whose province is not the eastern side of any pairing).
   */
  readonly crossProvinceCountyLevel: { readonly count: number; readonly inCentralWestern: number };
  /** Non-leader members of central and western counties working in the county's own province. */
  readonly sameProvince: { readonly nonLeaders: number; readonly own: number; readonly share: number | null };
  /** Groups of paired counties whose only member from a partner province is the leader. */
  readonly leaderOnlyEastWest: number;
  /** Distinct organization types (`org_type`, empty not counted) per group, mean. */
  readonly orgTypesPerGroup: number | null;
  /** From summary.json (null when absent). */
  readonly summary: { readonly status: string | null; readonly objective: number | null; readonly upperBound: number | null; readonly gap: number | null; readonly solver: string | null; readonly seconds: number | null };
  /** Wall seconds and peak resident MB of the solve, when the caller measured them. */
  readonly wallSeconds: number | null;
  readonly peakMB: number | null;
}

/** Measurements taken outside the folders (by the caller, e.g. `/usr/bin/time -v`). */
export interface MetricsExtras {
  readonly wallSeconds?: number;
  readonly peakMB?: number;
}

interface Skill { readonly industry: string; readonly stage: string }
interface Need { readonly industry: string; readonly stage: string }
interface Expert { readonly province: string; readonly level: string; readonly orgType: string; readonly skills: Skill[] }
interface County { readonly province: string; readonly eastPartner: string[] }
interface Member { readonly expertId: string; readonly role: string }

/** Skill matches need: same industry or `*`, same stage or `*` (the data contract's rule). */
function covers(s: Skill, n: Need): boolean {
  return (s.industry === n.industry || s.industry === ANY) && (s.stage === n.stage || s.stage === ANY);
}

function share(part: number, whole: number): number | null {
  return whole === 0 ? null : part / whole;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list === undefined) map.set(key, [value]);
  else list.push(value);
}

function readInput(input: string) {
  const counties = new Map<string, County>();
  for (const r of readRows(input, 'counties.csv', ['county_id', 'province'])) {
    counties.set(r.county_id ?? '', { province: r.province ?? '', eastPartner: listCell(r.east_partner) });
  }
  const needs = new Map<string, Need[]>();
  for (const r of readRows(input, 'needs.csv', ['county_id', 'industry', 'stage'])) push(needs, r.county_id ?? '', { industry: r.industry ?? '', stage: r.stage ?? '' });
  const experts = new Map<string, Expert>();
  for (const r of readRows(input, 'experts.csv', ['expert_id', 'province', 'level'])) {
    experts.set(r.expert_id ?? '', { province: r.province ?? '', level: r.level ?? '', orgType: r.org_type ?? '', skills: [] });
  }
  for (const r of readRows(input, 'skills.csv', ['expert_id', 'industry', 'stage'])) {
    experts.get(r.expert_id ?? '')?.skills.push({ industry: r.industry ?? '', stage: r.stage ?? '' });
  }
  // H6's precedence: the county's own east_partner, else its county-level pairings, else its province's.
  const byCounty = new Map<string, string[]>();
  const byProvince = new Map<string, string[]>();
  const eastProvinces = new Set<string>();
  for (const r of readRows(input, 'pairings.csv', ['east_province', 'west_province'], true)) {
    const east = r.east_province ?? '';
    eastProvinces.add(east);
    if (r.county_id) push(byCounty, r.county_id, east);
    else push(byProvince, r.west_province ?? '', east);
  }
  const partnersOf = (id: string, c: County): string[] => (c.eastPartner.length > 0 ? c.eastPartner : byCounty.get(id) ?? byProvince.get(c.province) ?? []);
  return { counties, needs, experts, eastProvinces, partnersOf };
}

function readSummary(result: string): ObjectiveMetrics['summary'] {
  const path = join(result, 'summary.json');
  const s = existsSync(path) ? (JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>) : {};
  const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);
  const str = (v: unknown): string | null => (typeof v === 'string' ? v : null);
  let seconds = num(s.seconds);
  const timing = join(result, 'timing.json');
  if (seconds === null && existsSync(timing)) seconds = num((JSON.parse(readFileSync(timing, 'utf8')) as Record<string, unknown>).seconds);
  return { status: str(s.status), objective: num(s.objective), upperBound: num(s.upperBound ?? s.upper_bound), gap: num(s.gap), solver: str(s.solver), seconds };
}

/**
 * The figures of `result` (assignments.csv, unmatched.csv, summary.json)
 * against `input` (counties, needs, experts, skills, pairings CSV files).
 * @throws MetricsInputError when a needed file or column is missing, or a member or county is unknown
 */
export function measureResult(input: string, result: string, extras: MetricsExtras = {}): ObjectiveMetrics {
  const { counties, needs, experts, eastProvinces, partnersOf } = readInput(input);
  const groups = new Map<string, Member[]>();
  for (const r of readRows(result, 'assignments.csv', ['county_id', 'expert_id', 'role'])) push(groups, r.county_id ?? '', { expertId: r.expert_id ?? '', role: r.role ?? '' });
  const unmatchedByReason: Record<string, number> = {};
  for (const r of readRows(result, 'unmatched.csv', ['county_id', 'reason_code'], true)) unmatchedByReason[r.reason_code ?? ''] = (unmatchedByReason[r.reason_code ?? ''] ?? 0) + 1;

  const sizes: number[] = [];
  const histogram: Record<string, number> = {};
  let leaders = 0, leadersWithIndustry = 0;
  let needTotal = 0, covered = 0, onlyWildIndustry = 0, onlyAnyWild = 0;
  let industryTotal = 0, industryNamed = 0;
  let crossCounty = 0, crossCountyCW = 0;
  let cwNonLeaders = 0, cwOwn = 0;
  let leaderOnlyEast = 0;
  let orgTypeSum = 0;
  let pileUpSum = 0;
  for (const [countyId, members] of groups) {
    const county = counties.get(countyId);
    if (county === undefined) throw new MetricsInputError(`assignments.csv names county ${countyId}, which counties.csv does not list`);
    const team = members.map((m) => {
      const e = experts.get(m.expertId);
      if (e === undefined) throw new MetricsInputError(`assignments.csv names expert ${m.expertId}, which experts.csv does not list`);
      return { ...m, expert: e };
    });
    sizes.push(team.length);
    histogram[team.length] = (histogram[team.length] ?? 0) + 1;
    const countyNeeds = needs.get(countyId) ?? [];
    const industries = new Set(countyNeeds.map((n) => n.industry));
    const centralWestern = !eastProvinces.has(county.province);

    for (const m of team.filter((t) => t.role === 'leader')) {
      leaders++;
      if (m.expert.skills.some((s) => s.industry !== ANY && industries.has(s.industry))) leadersWithIndustry++;
    }
    let pile = 0;
    for (const n of countyNeeds) {
      needTotal++;
      pile = Math.max(pile, team.filter((m) => m.expert.skills.some((s) => covers(s, n))).length);
      const matching = team.flatMap((m) => m.expert.skills.filter((s) => covers(s, n)));
      if (matching.length === 0) continue;
      covered++;
      if (matching.every((s) => s.industry === ANY)) onlyWildIndustry++;
      if (matching.every((s) => s.industry === ANY || s.stage === ANY)) onlyAnyWild++;
    }
    pileUpSum += pile;
    for (const ind of industries) {
      industryTotal++;
      if (team.some((m) => m.expert.skills.some((s) => s.industry === ind))) industryNamed++;
    }
    for (const m of team) {
      if (m.expert.level === 'county' && m.expert.province !== county.province) {
        crossCounty++;
        if (centralWestern) crossCountyCW++;
      }
      if (centralWestern && m.role !== 'leader') {
        cwNonLeaders++;
        if (m.expert.province === county.province) cwOwn++;
      }
    }
    const partners = partnersOf(countyId, county);
    if (partners.length > 0) {
      const east = team.filter((m) => partners.includes(m.expert.province));
      if (east.length > 0 && east.every((m) => m.role === 'leader')) leaderOnlyEast++;
    }
    orgTypeSum += new Set(team.map((m) => m.expert.orgType).filter(Boolean)).size;
  }
  const members = sizes.reduce((a, b) => a + b, 0);
  return {
    counties: { matched: groups.size, total: counties.size, unmatchedByReason },
    groupSize: {
      min: sizes.length ? Math.min(...sizes) : null, mean: share(members, sizes.length), max: sizes.length ? Math.max(...sizes) : null,
      members, histogram,
    },
    leaders: { groups: leaders, withIndustrySkill: leadersWithIndustry, share: share(leadersWithIndustry, leaders) },
    needs: {
      total: needTotal, covered,
      onlyWildcardIndustry: onlyWildIndustry, shareOnlyWildcardIndustry: share(onlyWildIndustry, covered),
      onlyAnyWildcard: onlyAnyWild, shareOnlyAnyWildcard: share(onlyAnyWild, covered),
    },
    pileUp: { meanMaxMembersOnOneNeed: share(pileUpSum, groups.size) },
    industries: { total: industryTotal, withNamedMember: industryNamed, share: share(industryNamed, industryTotal) },
    crossProvinceCountyLevel: { count: crossCounty, inCentralWestern: crossCountyCW },
    sameProvince: { nonLeaders: cwNonLeaders, own: cwOwn, share: share(cwOwn, cwNonLeaders) },
    leaderOnlyEastWest: leaderOnlyEast,
    orgTypesPerGroup: share(orgTypeSum, groups.size),
    summary: readSummary(result),
    wallSeconds: extras.wallSeconds ?? null,
    peakMB: extras.peakMB ?? null,
  };
}

function main(argv: readonly string[]): void {
  const flags = readFlags(argv, ['--input', '--result', '--wall', '--peak-mb']);
  const input = flags.value('--input');
  const result = flags.value('--result');
  if (input === undefined || result === undefined) throw new MetricsInputError('usage: metrics.ts --input DIR --result DIR [--wall S] [--peak-mb MB]');
  const wall = flags.value('--wall');
  const peak = flags.value('--peak-mb');
  const extras: MetricsExtras = { ...(wall !== undefined ? { wallSeconds: Number(wall) } : {}), ...(peak !== undefined ? { peakMB: Number(peak) } : {}) };
  process.stdout.write(`${JSON.stringify(measureResult(resolve(input), resolve(result), extras), null, 2)}\n`);
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = 2;
  }
}
