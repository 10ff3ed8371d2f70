/**
 * Runs the objective benchmark of issue #10 ("Show it") through a built CLI:
 * for each round, generates the input once (kept under --work, reused by
 * later runs so "before" and "after" solve the same files), solves it with
 * default options under `/usr/bin/time -v` (wall seconds, peak memory), one
 * solve at a time, and measures the result with bench/objective/metrics.ts.
 * Writes `<out>/objective-<label>.json` and `.md`.
 *
 *   node --import tsx bench/objective/run.ts --cli /tmp/base/dist/cli.js --label before
 *   npm run build && node --import tsx bench/objective/run.ts --cli dist/cli.js --label after
 *
 * Options: --rounds demo-1,province-1,national-1,national-2,national-3 (the
 * default), --work /tmp/objbench (inputs in-<round>, results out-<label>-<round>),
 * --out bench/results, --solve-args "--time-limit 60" (extra solve arguments,
 * space-separated; none by default).
 */
import { spawnSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchUsageError, readFlags } from '../args.js';
import { writeAtomic } from '../report/write.js';
import { MetricsInputError } from './csv.js';
import { measureResult } from './metrics.js';
import { renderRounds, type RoundRow } from './table.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KNOWN = ['--cli', '--label', '--rounds', '--work', '--out', '--solve-args'];
const DEFAULT_ROUNDS = ['demo-1', 'province-1', 'national-1', 'national-2', 'national-3'];

/** sha256 over the input folder's CSV files (names and bytes, in name order). */
export function inputDigest(dir: string): string {
  const h = createHash('sha256');
  for (const f of readdirSync(dir).filter((n) => n.endsWith('.csv')).sort()) {
    h.update(`${f}\0`);
    h.update(readFileSync(join(dir, f)));
  }
  return h.digest('hex');
}

/** Wall seconds and peak resident MB from `/usr/bin/time -v`'s report, null when it is not there. */
export function parseTimeReport(stderr: string): { wallSeconds: number | null; peakMB: number | null } {
  const wall = /Elapsed \(wall clock\) time \(h:mm:ss or m:ss\): (?:(\d+):)?(\d+):(\d+(?:\.\d+)?)/.exec(stderr);
  const rss = /Maximum resident set size \(kbytes\): (\d+)/.exec(stderr);
  const wallSeconds = wall ? Number(wall[1] ?? 0) * 3600 + Number(wall[2]) * 60 + Number(wall[3]) : null;
  return { wallSeconds, peakMB: rss ? Math.round(Number(rss[1]) / 1024) : null };
}

function splitRound(round: string): { preset: string; seed: string } {
  const m = /^(.+)-(\d+)$/.exec(round);
  if (!m) throw new BenchUsageError(`a round is preset-seed (e.g. national-1), not ${round}`);
  return { preset: m[1] ?? '', seed: m[2] ?? '' };
}

function runRound(cli: string, label: string, round: string, work: string, solveArgs: readonly string[]): RoundRow {
  const { preset, seed } = splitRound(round);
  const input = join(work, `in-${round}`);
  if (!existsSync(join(input, 'counties.csv'))) {
    const g = spawnSync('node', [cli, 'generate', '--preset', preset, '--seed', seed, '--out', input], { encoding: 'utf8' });
    if (g.status !== 0) throw new Error(`generate ${round} failed: ${g.stderr}`);
  }
  const out = join(work, `out-${label}-${round}`);
  rmSync(out, { recursive: true, force: true });
  const loadBefore = loadavg()[0] ?? 0;
  const s = spawnSync('/usr/bin/time', ['-v', 'node', cli, 'solve', '--input', input, '--out', out, ...solveArgs], { encoding: 'utf8', maxBuffer: 64 * 2 ** 20 });
  const loadAfter = loadavg()[0] ?? 0;
  const exitCode = s.status ?? -1;
  const timed = parseTimeReport(s.stderr);
  const extras = { ...(timed.wallSeconds !== null ? { wallSeconds: timed.wallSeconds } : {}), ...(timed.peakMB !== null ? { peakMB: timed.peakMB } : {}) };
  const row = { round, inputDigest: inputDigest(input), cli, solveArgs, loadBefore, loadAfter, exitCode };
  // The time report (tab-indented, after a `Command exited…` line) follows the program's own stderr; of the
  // program's lines, an error's first line says the most (a stack trace follows it).
  const own = s.stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('\t') && !/^Command (exited|terminated)/.test(l));
  const said = own.find((l) => /\b\w*Error\b/.test(l)) ?? own.slice(-1)[0] ?? '';
  if (exitCode !== 0) return { ...row, metrics: null, error: said };
  try {
    return { ...row, metrics: measureResult(input, out, extras), error: null };
  } catch (e) {
    if (e instanceof MetricsInputError) return { ...row, metrics: null, error: e.message };
    throw e;
  }
}

function main(argv: readonly string[]): number {
  const flags = readFlags(argv, KNOWN);
  const cli = resolve(flags.value('--cli') ?? join(ROOT, 'dist/cli.js'));
  if (!existsSync(cli)) throw new BenchUsageError(`${cli} does not exist: build first (npm run build)`);
  const label = flags.value('--label') ?? 'after';
  const rounds = flags.list('--rounds') ?? DEFAULT_ROUNDS;
  const work = resolve(flags.value('--work') ?? '/tmp/objbench');
  const outDir = resolve(flags.value('--out') ?? join(ROOT, 'bench/results'));
  const solveArgs = (flags.value('--solve-args') ?? '').split(' ').filter(Boolean);
  mkdirSync(work, { recursive: true });
  mkdirSync(outDir, { recursive: true });
  const rows: RoundRow[] = [];
  for (const round of rounds) {
    const row = runRound(cli, label, round, work, solveArgs);
    rows.push(row);
    const m = row.metrics;
    process.stderr.write(m === null
      ? `${round}: no result (exit ${row.exitCode}): ${row.error ?? ''}\n`
      : `${round}: ${m.summary.status} ${m.counties.matched}/${m.counties.total}, size mean ${m.groupSize.mean?.toFixed(2)}, ${m.wallSeconds ?? '?'} s, ${m.peakMB ?? '?'} MB\n`);
    // Rewritten after each round so an interrupted run keeps what it measured.
    writeAtomic(join(outDir, `objective-${label}.json`), `${JSON.stringify({ label, date: new Date().toISOString(), rows }, null, 2)}\n`);
    writeAtomic(join(outDir, `objective-${label}.md`), renderRounds(rows));
  }
  process.stdout.write(renderRounds(rows));
  return rows.every((r) => r.metrics !== null) ? 0 : 1;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = e instanceof BenchUsageError ? 2 : 1;
  }
}
