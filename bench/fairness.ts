/**
 * The fairness benchmark (issue #4 item 6, S5): each round solved without
 * and with `fairness`, in the same process, one after the other; the
 * trade-off is the weakest group gained against the total given up. Where
 * HiGHS can solve the big-M reference model, its optimum of the weakest
 * group is measured too. Writes fairness.json and fairness.md.
 *
 *   node --import tsx bench/fairness.ts [--presets demo,province,national] [--seeds 1,2,3]
 *        [--solver auto|exact|scalable] [--time-limit S] [--reference-pairs N] [--out DIR]
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { generateInstance, type PresetName } from '../src/generate/index.js';
import { validateInstance } from '../src/io/validate.js';
import { resolveOptions, type OptionsInput } from '../src/model/options.js';
import type { SolveResult } from '../src/model/result.js';
import { buildContext } from '../src/rules/context.js';
import { countExactBinaries } from '../src/solve/exact/solve-exact.js';
import { solveOrThrow } from '../src/solve/solve.js';
import { fairnessOptimum } from '../test/helpers/fairness-reference.js';
import { BenchUsageError, readFlags } from './args.js';
import { formatLoad, machineInfo } from './machine.js';
import { num, pct, ratio, table } from './report/format.js';
import { writeAtomic } from './report/write.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KNOWN_FLAGS = ['--presets', '--seeds', '--solver', '--time-limit', '--reference-pairs', '--out'];

/** One solve's figures. */
interface Run {
  status: string;
  matched: number;
  weakest: number | null;
  weakestBound: number | null;
  total: number;
  upperBound: number;
  seconds: number;
}

/** One round: without and with fairness, and the reference where measured. */
interface Row {
  preset: string;
  seed: number;
  counties: number;
  pairs: number;
  plain: Run;
  fair: Run;
  /** HiGHS's best weakest group (big-M model), when it proved one. */
  referenceWeakest: number | null;
  referenceSeconds: number | null;
  load: string;
}

function figures(r: SolveResult): Run {
  const s = r.summary;
  return { status: r.status, matched: s.matchedCounties, weakest: s.weakestGroupScore ?? null, weakestBound: s.weakestGroupBound ?? null, total: s.objective, upperBound: s.upperBound, seconds: s.seconds };
}

async function measure(preset: PresetName, seed: number, options: OptionsInput, referencePairs: number): Promise<Row> {
  const instance = generateInstance(preset, seed);
  const resolved = resolveOptions(options);
  const ctx = buildContext(validateInstance(instance, resolved).instance, resolved);
  const pairs = countExactBinaries(ctx);
  const plain = figures(await solveOrThrow(instance, options));
  const fair = figures(await solveOrThrow(instance, { ...options, fairness: true }));
  let referenceWeakest: number | null = null;
  let referenceSeconds: number | null = null;
  if (pairs <= referencePairs) {
    const started = Date.now();
    // The reference keeps the plain result's matched count (no pins in generated rounds).
    const best = await fairnessOptimum(ctx, { counties: plain.matched, pinned: 0 });
    referenceSeconds = (Date.now() - started) / 1000;
    referenceWeakest = best?.weakest ?? null;
  }
  return { preset, seed, counties: instance.counties.length, pairs, plain, fair, referenceWeakest, referenceSeconds, load: formatLoad(machineInfo().loadAverage) };
}

function change(after: number | null, before: number | null): string {
  if (after === null || before === null) return '—';
  const d = (after - before) / Math.max(Math.abs(before), 1e-9);
  return `${d >= 0 ? '+' : ''}${(100 * d).toFixed(2)}%`;
}

function markdown(rows: readonly Row[], command: string): string {
  const m = machineInfo();
  const body = rows.map((r) => [
    r.preset, String(r.seed), String(r.counties),
    `${num(r.plain.weakest, 2)} → **${num(r.fair.weakest, 2)}** (${change(r.fair.weakest, r.plain.weakest)})`,
    num(r.fair.weakestBound, 2),
    r.referenceWeakest === null ? '—' : `${num(r.referenceWeakest, 2)} (${num(r.referenceSeconds, 1)} s)`,
    `${num(r.plain.total, 1)} → ${num(r.fair.total, 1)} (${change(r.fair.total, r.plain.total)})`,
    `${r.plain.matched} / ${r.fair.matched}`,
    `${r.plain.status} / ${r.fair.status}`,
    `${num(r.plain.seconds, 1)} / ${num(r.fair.seconds, 1)} (${ratio(r.fair.seconds / r.plain.seconds)})`,
    pct((r.fair.upperBound - r.fair.total) / Math.max(Math.abs(r.fair.upperBound), 1e-9), 3),
    r.load,
  ]);
  return [
    '# Fairness (S5): weakest group and total, without and with `fairness`',
    '',
    `Command: \`${command}\``,
    `Machine: ${m.cpu}, ${m.cores} cores, Node ${m.node}, ${m.date}.`,
    '',
    'Each round is solved twice in one process: without the option (the peer), then with it. "weakest" is the lowest score of a matched group; its bound is proven (the deciding counties\' best scores alone, see README "Fairness"). The reference is HiGHS on the big-M model of the weakest group (test/helpers/fairness-reference.ts), where the round is small enough. The total\'s gap is against the solver\'s bound on the total without the fairness constraint.',
    '',
    table(['preset', 'seed', 'counties', 'weakest: plain → fair', 'weakest bound', 'HiGHS best weakest', 'total: plain → fair', 'matched', 'status', 'seconds plain / fair', 'total gap (fair)', 'load'], body),
    '',
  ].join('\n');
}

async function main(): Promise<void> {
  const flags = readFlags(process.argv.slice(2), KNOWN_FLAGS);
  const solver = flags.value('--solver') ?? 'auto';
  if (!['auto', 'exact', 'scalable'].includes(solver)) throw new BenchUsageError(`--solver must be auto, exact or scalable, not ${solver}`);
  const presets = (flags.list('--presets') ?? ['demo', 'province', 'national']) as PresetName[];
  const seeds = flags.integers('--seeds') ?? [1, 2, 3];
  const options: OptionsInput = { solver: solver as 'auto', timeLimit: flags.positive('--time-limit', 60) };
  const referencePairs = flags.positive('--reference-pairs', 5_000);
  const out = resolve(flags.value('--out') ?? join(ROOT, 'bench', 'results'));
  const rows: Row[] = [];
  for (const preset of presets) {
    for (const seed of seeds) {
      const row = await measure(preset, seed, options, referencePairs);
      rows.push(row);
      process.stdout.write(`${preset} seed ${seed}: weakest ${num(row.plain.weakest, 2)} → ${num(row.fair.weakest, 2)} (bound ${num(row.fair.weakestBound, 2)}, HiGHS ${num(row.referenceWeakest, 2)}), total ${num(row.plain.total, 1)} → ${num(row.fair.total, 1)}, ${num(row.plain.seconds, 1)} / ${num(row.fair.seconds, 1)} s, load ${row.load}\n`);
    }
  }
  mkdirSync(out, { recursive: true });
  const command = `node --import tsx bench/fairness.ts ${process.argv.slice(2).join(' ')}`.trim();
  writeAtomic(join(out, 'fairness.json'), `${JSON.stringify({ machine: machineInfo(), options, rows }, null, 2)}\n`);
  writeAtomic(join(out, 'fairness.md'), markdown(rows, command));
  process.stdout.write(`wrote ${join(out, 'fairness.md')}\n`);
}

main().catch((e: unknown) => {
  process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
  process.exitCode = e instanceof BenchUsageError ? 2 : 1;
});
