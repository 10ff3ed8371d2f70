/**
 * Wall time of `node CLI validate --input DIR` for one or more
 * builds of the command line, interleaved (run 1 of every build, then run 2
 * of every build, …) so that each sees the same machine: on a shared machine
 * single figures move a lot, and only builds measured side by side compare.
 * Each run is a fresh process (Node start, module load, reading, the pool
 * diagnosis).
 *
 *   node --import tsx bench/read/cli-wall.ts DIR [--runs 10] [--cli dist/cli.js,/tmp/before/dist/cli.js]
 *
 * `--cli` takes a comma-separated list of builds (default `dist/cli.js`); to compare with
 * an earlier tree, build it into its own folder (e.g. a copy of the project with
 * `node_modules` linked in, then `npx tsup` there) and pass its `dist/cli.js`.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchUsageError, readFlags } from '../args.js';
import { median } from '../report/aggregate.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Args {
  dir: string;
  runs: number;
  clis: string[];
}

/** `DIR [--runs N] [--cli A,B,…]`: the flags through the benchmarks' shared reader. */
function parseArgs(argv: readonly string[]): Args {
  const flags = readFlags(argv, ['--runs', '--cli']);
  const values = new Set(['--runs', '--cli'].map((f) => argv.indexOf(f) + 1).filter((i) => i > 0));
  const dir = argv.find((a, i) => !a.startsWith('--') && !values.has(i));
  if (dir === undefined) throw new BenchUsageError('usage: cli-wall.ts DIR [--runs N] [--cli A,B,…]');
  const clis = flags.list('--cli')?.map((c) => resolve(c)) ?? [join(ROOT, 'dist', 'cli.js')];
  return { dir: resolve(dir), runs: Math.max(1, Math.floor(flags.positive('--runs', 10))), clis };
}

/** One run's wall seconds. */
function once(cli: string, dir: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'validate', '--input', dir], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cli} validate --input ${dir} exited with ${r.status}: ${r.stderr.slice(0, 500)}`);
  return wall;
}

function main(): void {
  const args = parseArgs(process.argv.slice(2));
  const walls = new Map(args.clis.map((c) => [c, [] as number[]]));
  for (let i = 0; i < args.runs; i++) {
    for (const cli of args.clis) walls.get(cli)!.push(once(cli, args.dir));
  }
  const load = loadavg().map((x) => x.toFixed(2)).join(' / ');
  console.log(`validate --input ${args.dir}: ${args.runs} runs each, interleaved; load ${load}; ${new Date().toISOString()}`);
  console.log('');
  console.log('| build | runs, s (sorted) | median s | best s |');
  console.log('|---|---|---:|---:|');
  for (const cli of args.clis) {
    const w = walls.get(cli)!;
    console.log(`| ${cli} | ${[...w].sort((a, b) => a - b).map((x) => x.toFixed(2)).join(' ')} | ${median(w)!.toFixed(3)} | ${Math.min(...w).toFixed(3)} |`);
  }
}

main();
