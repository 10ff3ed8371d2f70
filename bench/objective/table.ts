/**
 * The Markdown table of the objective benchmark: one row per measured round
 * (bench/objective/run.ts writes the rows; this only formats them).
 */
import { num, pct, table } from '../report/format.js';
import type { ObjectiveMetrics } from './metrics.js';

/** One measured round: which input, which program, and its figures. */
export interface RoundRow {
  /** `preset-seed`, e.g. `national-1`. */
  readonly round: string;
  /** sha256 of the input folder's CSV files (bench/objective/run.ts `inputDigest`), so two runs can be shown to share their input. */
  readonly inputDigest: string;
  /** The CLI that solved it and the extra solve arguments. */
  readonly cli: string;
  readonly solveArgs: readonly string[];
  /** Load average (1 min) just before and just after the solve: the machine is shared. */
  readonly loadBefore: number;
  readonly loadAfter: number;
  /** The CLI's exit code. */
  readonly exitCode: number;
  /** The figures, or null when the solve wrote no result (then `error` says why). */
  readonly metrics: ObjectiveMetrics | null;
  /** The end of the solve's stderr, or the measuring error, when there is no result; else null. */
  readonly error: string | null;
}

/** The rounds as a Markdown table (the figures issue #10's "Show it" names, and a few beside them). */
export function renderRounds(rows: readonly RoundRow[]): string {
  const header = [
    'round', 'matched', 'size min / mean / max', 'groups at 12', 'leaders in an industry', 'covered only via `*` industry', 'covered only via any `*`',
    'most members on one need (mean)', 'own-province non-leaders (central/western)',
    'county-level from another province', 'leader the only East–West', 'status', 'objective', 'bound', 'gap', 'wall s', 'peak MB', 'load before / after',
  ];
  const body = rows.map((r) => {
    const m = r.metrics;
    if (m === null) return [r.round, `no result (exit ${r.exitCode}): ${r.error ?? ''}`, ...header.slice(2).map(() => '—')];
    const g = m.groupSize;
    return [
      r.round,
      `${m.counties.matched}/${m.counties.total}`,
      `${g.min ?? '—'} / ${num(g.mean, 2)} / ${g.max ?? '—'}`,
      String(m.groupSize.histogram['12'] ?? 0),
      `${pct(m.leaders.share, 1)} (${m.leaders.withIndustrySkill}/${m.leaders.groups})`,
      `${pct(m.needs.shareOnlyWildcardIndustry, 1)} (${m.needs.onlyWildcardIndustry}/${m.needs.covered})`,
      `${pct(m.needs.shareOnlyAnyWildcard, 1)} (${m.needs.onlyAnyWildcard})`,
      num(m.pileUp.meanMaxMembersOnOneNeed, 2),
      pct(m.sameProvince.share, 1),
      String(m.crossProvinceCountyLevel.count),
      String(m.leaderOnlyEastWest),
      m.summary.status ?? '—',
      num(m.summary.objective, 2),
      num(m.summary.upperBound, 2),
      pct(m.summary.gap, 3),
      num(m.wallSeconds, 1),
      m.peakMB === null ? '—' : String(m.peakMB),
      `${r.loadBefore.toFixed(2)} / ${r.loadAfter.toFixed(2)}`,
    ];
  });
  return `${table(header, body)}\n`;
}
