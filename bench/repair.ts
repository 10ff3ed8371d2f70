/**
 * The repair benchmark (issue #4 item 5): repair after k experts withdraw,
 * beside re-solving from scratch, on generated instances; writes
 * repair.json and repair.md.
 *
 *   node --expose-gc --import tsx bench/repair.ts [--presets national] [--seeds 1,2,3] [--withdraw 10,100,500]
 *        [--solver scalable|auto] [--time-limit S] [--leader-share 0.1] [--out DIR] [--note TEXT] [--rerender]
 */
import { mkdirSync, readFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchUsageError, readFlags } from './args.js';
import { machineInfo, peakRssMB } from './machine.js';
import { renderRepairMarkdown } from './repair/markdown.js';
import { runRepairBench } from './repair/measure.js';
import { REPAIR_BENCH_SOLVERS, type RepairBenchSettings, type RepairBenchSolver, type RepairReport, type RepairRow } from './repair/types.js';
import { writeAtomic } from './report/write.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const KNOWN_FLAGS = ['--presets', '--seeds', '--withdraw', '--solver', '--time-limit', '--leader-share', '--out', '--note', '--rerender'];

/** Parsed command line. */
interface Cli {
  settings: RepairBenchSettings;
  out: string;
  /** Only rewrite repair.md from the existing repair.json. */
  rerender: boolean;
  /** A line for the report, e.g. which code was measured. */
  note: string | undefined;
}

function parseCli(argv: readonly string[]): Cli {
  const flags = readFlags(argv, KNOWN_FLAGS);
  const solver = flags.value('--solver') ?? 'scalable';
  if (!(REPAIR_BENCH_SOLVERS as readonly string[]).includes(solver)) throw new BenchUsageError(`--solver must be one of ${REPAIR_BENCH_SOLVERS.join(', ')}, not ${solver}`);
  const withdraw = flags.integers('--withdraw') ?? [10, 100, 500];
  if (withdraw.some((k) => k < 1)) throw new BenchUsageError('--withdraw sizes must be ≥ 1');
  const leaderShare = flags.positive('--leader-share', 0.1);
  if (leaderShare > 1) throw new BenchUsageError('--leader-share must be in (0, 1]');
  return {
    settings: {
      presets: flags.list('--presets') ?? ['national'],
      seeds: flags.integers('--seeds') ?? [1, 2, 3],
      withdraw,
      solver: solver as RepairBenchSolver,
      timeLimit: flags.positive('--time-limit', 120),
      leaderShare,
    },
    out: resolve(flags.value('--out') ?? join(ROOT, 'bench', 'results')),
    rerender: flags.has('--rerender'),
    note: flags.value('--note'),
  };
}

/** Writes repair.json and repair.md under `dir`; returns their paths. */
export function writeRepairReport(report: RepairReport, dir: string): string[] {
  mkdirSync(dir, { recursive: true });
  const files: [string, string][] = [
    [join(dir, 'repair.json'), `${JSON.stringify(report, null, 2)}\n`],
    [join(dir, 'repair.md'), renderRepairMarkdown(report)],
  ];
  for (const [path, text] of files) writeAtomic(path, text);
  return files.map(([p]) => p);
}

function describe(r: RepairRow): string {
  const a = r.repair;
  const b = r.resolve;
  const repairText = a ? `repair ${a.seconds.toFixed(2)} s, ${a.groupsChanged} groups changed (${a.untouchedGroupsChanged} untouched), ${a.countiesLost} lost, check ${a.violations === 0 ? 'pass' : 'FAIL'}` : 'repair failed';
  const resolveText = b ? `re-solve ${b.seconds.toFixed(2)} s, ${b.groupsChanged} groups changed, check ${b.violations === 0 ? 'pass' : 'FAIL'}` : 're-solve failed';
  return `${r.preset} seed ${r.seed} k=${r.k}: ${repairText}; ${resolveText}; load ${r.loadAverage[0]?.toFixed(2)}${r.note ? `; ${r.note}` : ''}`;
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  if (cli.rerender) {
    const saved = JSON.parse(readFileSync(join(cli.out, 'repair.json'), 'utf8')) as RepairReport;
    process.stderr.write(`bench:repair: rewrote ${writeRepairReport(saved, cli.out).join(', ')}\n`);
    return;
  }
  const started = performance.now();
  const machine = machineInfo();
  // The command as typed, `--note` left out (it is printed on its own line).
  const args = process.argv.slice(2);
  const noteAt = args.indexOf('--note');
  const shown = noteAt < 0 ? args : [...args.slice(0, noteAt), ...args.slice(noteAt + 2)];
  const quote = (a: string): string => (/[\s"'`]/.test(a) ? JSON.stringify(a) : a);
  const command = ['node', ...process.execArgv, 'bench/repair.ts', ...shown].map(quote).join(' ');
  const report = (rows: readonly RepairRow[]): RepairReport => ({
    machine: { ...machine, loadAverageEnd: loadavg() }, settings: cli.settings, command, ...(cli.note ? { note: cli.note } : {}),
    totalSeconds: (performance.now() - started) / 1000, peakRssMB: peakRssMB(), rows: [...rows],
  });
  if (!(globalThis as { gc?: unknown }).gc) process.stderr.write('bench:repair: run node with --expose-gc so that garbage of one timed part is not paid by the next\n');
  const s = cli.settings;
  process.stderr.write(`bench:repair: ${s.presets.join(', ')} × seeds ${s.seeds.join(', ')} × k ${s.withdraw.join(', ')}; solver ${s.solver}, time limit ${s.timeLimit} s; load ${machine.loadAverage.map((x) => x.toFixed(2)).join(' / ')}\n`);
  const rows = await runRepairBench(s, (row) => process.stderr.write(`${describe(row)}\n`), (done) => writeRepairReport(report(done), cli.out));
  const files = writeRepairReport(report(rows), cli.out);
  process.stderr.write(`bench:repair: done in ${((performance.now() - started) / 1000).toFixed(1)} s; wrote ${files.join(', ')}\n`);
}

const isMain = import.meta.url === `file://${process.argv[1]}` || process.argv[1]?.endsWith('bench/repair.ts') === true;
if (isMain) await main();
