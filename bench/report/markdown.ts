/**
 * latest.md: the targets, then a table per preset (mean over seeds, then
 * per seed), with ratios against HiGHS on the same instance.
 */
import type { BenchReport } from '../types.js';
import { bestKnown, isValid, presetsOf, summarize, versusHighs } from './aggregate.js';
import { num, pct, ratio, signed, table } from './format.js';
import { computeTargets, secondsPerCounty } from './targets.js';

/** A bound column that says when it does not hold for the full instance. */
function boundText(bound: number | null, valid: boolean): string {
  if (bound === null) return 'n/a';
  return valid ? num(bound) : `${num(bound)} (pruned)`;
}

function presetSection(report: BenchReport, preset: string): string {
  const rows = report.rows.filter((r) => r.preset === preset);
  const any = rows.find((r) => r.counties !== null);
  const head = `## ${preset}` + (any ? ` — ${num(any.counties, 0)} counties, ${num(any.experts, 0)} experts, ${num(any.pairs, 0)} county–expert pairs` : '');
  const sums = summarize(report.rows, preset);
  const mean = table(
    ['runner', 'status', 'seconds', 'median s', 'objective', 'bound', 'gap', 'matched', 'peak RSS MB', 'time / HiGHS', 'median time / HiGHS', 'objective vs HiGHS'],
    sums.map((s) => {
      const pruned = s.runner === 'highs-pruned';
      return [
        s.runner, s.statuses, num(s.seconds, 2), num(s.medianSeconds, 2), num(s.objective), s.bound === null ? 'n/a' : pruned ? `${num(s.bound)} (pruned)` : num(s.bound),
        pruned && s.gap !== null ? `${pct(s.gap)} (pruned)` : pct(s.gap), num(s.matched, 1), num(s.peakRssMB, 0), ratio(s.timeRatio), ratio(s.medianTimeRatio), signed(s.objectiveDiffPct),
      ];
    }),
  );
  const perSeed = table(
    ['seed', 'runner', 'status', 'seconds', 'objective', 'bound', 'gap', 'matched', 'violations', 'peak RSS MB', 'vs HiGHS: time', 'vs HiGHS: objective', 'note'],
    rows.map((r) => {
      const v = versusHighs(report.rows, r);
      return [
        String(r.seed), r.runner, r.status, num(r.seconds, 2), num(r.objective), boundText(r.bound, r.boundValid), r.bound === null ? '—' : r.boundValid ? pct(r.gap) : `${pct(r.gap)} (pruned)`,
        r.matched === null ? '—' : `${r.matched}/${r.counties}`, r.violations === null ? '—' : String(r.violations), num(r.peakRssMB, 0),
        v ? `${ratio(v.timeRatio)} (${v.reference})` : '—', v ? signed(v.objectiveDiffPct) : '—', r.note,
      ];
    }),
  );
  const seeds = [...new Set(rows.map((r) => r.seed))];
  const best = seeds.map((seed) => {
    const b = bestKnown(report.rows, preset, seed);
    if (!b.objective) return `- seed ${seed}: no valid result`;
    const obj = `best objective ${num(b.objective.objective)} (${b.objective.runner}, ${b.objective.matched}/${b.objective.counties} matched)`;
    if (!b.bound || b.bound.bound === null || b.objective.objective === null) return `- seed ${seed}: ${obj}; no proven bound`;
    const gap = (b.bound.bound - b.objective.objective) / Math.max(Math.abs(b.bound.bound), 1e-9);
    return `- seed ${seed}: ${obj}; lowest proven bound ${num(b.bound.bound)} (${b.bound.runner}); gap between them ${pct(gap)}`;
  });
  const invalid = rows.filter((r) => !isValid(r) && r.status !== 'skipped');
  const warn = invalid.length ? `\n\n**Runs that did not give a checked result:** ${invalid.map((r) => `${r.runner} seed ${r.seed} (${r.status}: ${r.note || 'no detail'})`).join('; ')}.` : '';
  return `${head}\n\nMean over seeds ${seeds.join(', ')} (valid runs only; "median s" and "median time / HiGHS" are medians over the same runs):\n\n${mean}\n\nPer seed:\n\n${perSeed}\n\nBest known per instance (any runner; bounds from pruned models excluded):\n\n${best.join('\n')}${warn}`;
}

/** Renders the whole report. */
export function renderMarkdown(report: BenchReport): string {
  const m = report.machine;
  const presets = presetsOf(report.rows);
  const targets = computeTargets(report.rows, presets);
  const targetTable = targets.length
    ? table(['preset', 'target', 'measured', 'threshold', 'verdict', 'margin'], targets.map((t) => [t.preset, t.target, t.measured, t.threshold, t.verdict === 'n/a' ? 'n/a' : `**${t.verdict}**`, t.margin]))
    : '_No target could be computed: the scalable solver did not run on national or national-x10._';
  const spc = secondsPerCounty(report.rows, presets);
  const spcTable = spc.length ? table(['preset', 'counties', 'scalable seconds (mean)', 'ms per county'], spc.map((x) => [x.preset, num(x.counties, 0), num(x.seconds, 2), num(1000 * x.perCounty, 3)])) : '_scalable did not run._';
  return [
    `# Benchmark (${report.mode} run)`,
    '',
    `${m.date} · Node ${m.node} · ${m.cpu} × ${m.cores} cores · ${m.memoryGB} GB · ${m.platform} · load average ${m.loadAverage.map((x) => x.toFixed(2)).join(' / ')} at start, ${m.loadAverageEnd?.map((x) => x.toFixed(2)).join(' / ') ?? '—'} at end · whole run ${num(report.totalSeconds, 0)} s`,
    '',
    `Settings: presets ${report.settings.presets.join(', ')}; seeds ${report.settings.seeds.join(', ')}; time limit ${report.settings.timeLimit} s per runner; highs-pruned top-K = ${report.settings.topK}.`,
    'Each runner ran in a fresh worker process on the same generated instance; seconds are the solve alone (generation and checking excluded);',
    'every result was re-checked by `checkSolution` in the worker, and only results with 0 violations count in means, ratios and targets.',
    'HiGHS reference of an instance: `highs-full` where it ran, else `highs-pruned` — **pruned: bound not valid for the full instance**, so its "gap" is only against its own pruned model.',
    '',
    '## Targets',
    '',
    targetTable,
    '',
    '### Seconds per county (scalable)',
    '',
    spcTable,
    '',
    ...presets.map((p) => `${presetSection(report, p)}\n`),
  ].join('\n');
}

