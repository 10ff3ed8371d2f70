/**
 * repair.md: per preset, the original solves, then per withdrawal size the
 * repair beside the re-solve from scratch (means over seeds, then per seed).
 */
import { formatLoad } from '../machine.js';
import { num, ratio, table } from '../report/format.js';
import type { Answer, RepairReport, RepairRow } from './types.js';

const mean = (xs: readonly number[]): number | null => (xs.length === 0 ? null : xs.reduce((s, x) => s + x, 0) / xs.length);
/** Both figures side by side: `3 / 412`. */
const pair = (a: string, b: string): string => `${a} / ${b}`;
/** A score's change from the original, in %. */
const change = (score: number, original: number): string => {
  const d = (100 * (score - original)) / Math.max(Math.abs(original), 1e-9);
  return `${d >= 0 ? '+' : ''}${d.toFixed(3)}%`;
};
const checkText = (a: Answer | null): string => (a === null ? 'n/a' : a.violations === 0 ? 'pass' : `FAIL (${a.violations})`);

/** Rows where both answers exist and passed the check: only they count in means. */
export function isComparable(row: RepairRow): row is RepairRow & { repair: NonNullable<RepairRow['repair']>; resolve: Answer } {
  return row.repair !== null && row.resolve !== null && row.repair.violations === 0 && row.resolve.violations === 0;
}

function meansTable(rows: readonly RepairRow[]): string {
  const ks = [...new Set(rows.map((r) => r.k))].sort((a, b) => a - b);
  return table(
    ['k', 'seeds', 'repair s', 're-solve s', 'repair / re-solve', 'groups changed: repair / re-solve', 'untouched groups changed: repair / re-solve', 'members changed: repair / re-solve', 'counties lost: repair / re-solve', 'score vs original: repair / re-solve', 'checks passed: repair / re-solve', 'change log complete'],
    ks.map((k) => {
      const all = rows.filter((r) => r.k === k);
      const ok = all.filter(isComparable);
      const m = (f: (r: (typeof ok)[number]) => number, digits = 1): string => num(mean(ok.map(f)), digits);
      const failed = (side: 'repair' | 'resolve'): number => all.filter((r) => r[side] === null || r[side].violations > 0).length;
      return [
        String(k), `${ok.length}/${all.length}`, m((r) => r.repair.seconds, 2), m((r) => r.resolve.seconds, 2), ratio(mean(ok.map((r) => r.repair.seconds / r.resolve.seconds))),
        pair(m((r) => r.repair.groupsChanged), m((r) => r.resolve.groupsChanged)),
        pair(m((r) => r.repair.untouchedGroupsChanged), m((r) => r.resolve.untouchedGroupsChanged)),
        pair(m((r) => r.repair.membersChanged), m((r) => r.resolve.membersChanged)),
        pair(m((r) => r.repair.countiesLost), m((r) => r.resolve.countiesLost)),
        pair(m((r) => (100 * (r.repair.score - r.original.score)) / Math.abs(r.original.score), 3) + '%', m((r) => (100 * (r.resolve.score - r.original.score)) / Math.abs(r.original.score), 3) + '%'),
        pair(`${all.length - failed('repair')}/${all.length}`, `${all.length - failed('resolve')}/${all.length}`),
        `${all.filter((r) => r.repair?.changeLogComplete === true).length}/${all.length}`,
      ];
    }),
  );
}

function perSeedTable(rows: readonly RepairRow[]): string {
  return table(
    ['seed', 'k', 'leaders', 'groups hit', 'repair s', 're-solve s', 'repair / re-solve', 'groups changed: repair / re-solve', 'untouched groups changed: repair / re-solve', 'members changed: repair / re-solve', 'counties lost: repair / re-solve', 'score: original → repair / re-solve', 'check: repair / re-solve', 'change log', 'load (1 min)', 'note'],
    rows.map((r) => {
      const a = r.repair;
      const b = r.resolve;
      const score = (x: Answer | null): string => (x ? `${num(x.score)} (${change(x.score, r.original.score)})` : '—');
      return [
        String(r.seed), String(r.k), String(r.leadersWithdrawn), a ? String(a.groupsHit) : '—', num(a?.seconds, 2), num(b?.seconds, 2), ratio(r.timeRatio),
        pair(a ? String(a.groupsChanged) : '—', b ? String(b.groupsChanged) : '—'),
        pair(a ? String(a.untouchedGroupsChanged) : '—', b ? String(b.untouchedGroupsChanged) : '—'),
        pair(a ? String(a.membersChanged) : '—', b ? String(b.membersChanged) : '—'),
        pair(a ? String(a.countiesLost) : '—', b ? String(b.countiesLost) : '—'),
        `${num(r.original.score)} → ${pair(score(a), score(b))}`,
        pair(checkText(a), checkText(b)), a ? (a.changeLogComplete ? `complete (${a.changesListed} rows)` : `INCOMPLETE (${a.changesListed} rows)`) : '—',
        num(r.loadAverage[0], 2), r.note,
      ];
    }),
  );
}

function presetSection(report: RepairReport, preset: string): string {
  const rows = report.rows.filter((r) => r.preset === preset);
  const first = rows[0];
  const head = `## ${preset}${first ? ` — ${num(first.counties, 0)} counties, ${num(first.experts, 0)} experts` : ''}`;
  const seeds = [...new Map(rows.map((r) => [r.seed, r.original])).entries()];
  const originals = table(
    ['seed', 'status', 'seconds', 'matched', 'score', 'serving experts'],
    seeds.map(([seed, o]) => [String(seed), o.status, num(o.seconds, 2), `${o.matched}/${first?.counties ?? '—'}`, num(o.score), num(o.serving, 0)]),
  );
  return [
    head, '',
    `Original solves (\`${report.settings.solver}\`, time limit ${report.settings.timeLimit} s, seed = instance seed):`, '',
    originals, '',
    'Mean over seeds (rows where both answers passed the check; the time ratio is the mean of the per-seed ratios):', '',
    meansTable(rows), '',
    'Per seed:', '',
    perSeedTable(rows),
  ].join('\n');
}

/** Renders the whole report. */
export function renderRepairMarkdown(report: RepairReport): string {
  const m = report.machine;
  const s = report.settings;
  const presets = [...new Set(report.rows.map((r) => r.preset))];
  return [
    '# Repair benchmark (动态管理)',
    '',
    `${m.date} · Node ${m.node} · ${m.cpu} × ${m.cores} cores · ${m.memoryGB} GB · ${m.platform} · load average ${formatLoad(m.loadAverage)} at start, ${formatLoad(m.loadAverageEnd)} at end · whole run ${num(report.totalSeconds, 0)} s · peak RSS ${num(report.peakRssMB, 0)} MB`,
    '',
    `Command: \`${report.command}\``,
    '',
    ...(report.note ? [report.note, ''] : []),
    `Settings: presets ${s.presets.join(', ')}; seeds ${s.seeds.join(', ')}; withdrawals k = ${s.withdraw.join(', ')}; solver \`${s.solver}\`, time limit ${s.timeLimit} s (original solve and re-solve); ${Math.round(100 * s.leaderShare)}% of each withdrawal (at least one) drawn among group leaders, the rest among the other serving experts.`,
    '',
    'For each instance the round is solved once; each withdrawal then starts from that result and is answered twice:',
    '**repair** (`repair(instance, result, { withdraw })`) and, as the peer, **re-solve** (`solve` from scratch on the round',
    'without the withdrawn experts, same solver, seed and time limit). Seconds are the call alone, validation included.',
    'Both answers are checked by `checkSolution` on the round without the withdrawn experts. "Groups changed" counts',
    'counties whose group differs from the original result (a member or the leader); "untouched" ones held no withdrawn',
    'expert (the repair changes one only when it takes a member from it, as a donor); "members changed" counts county–expert',
    'pairs added or removed; "change log complete": the repair\'s change list names exactly those pairs. The machine is',
    'shared: the load average is given per row.',
    '',
    ...presets.map((p) => `${presetSection(report, p)}\n`),
  ].join('\n');
}
