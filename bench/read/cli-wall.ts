/**
 * Wall time of `node CLI validate --input DIR` for one or more
 * builds of the command line, interleaved (run 1 of every build, then run 2
 * of every build, …) so that each sees the same machine: on a shared machine
 * single figures move a lot, and only builds measured side by side compare.
 * Each run is a fresh process (Node start, module load, reading, the pool
 * diagnosis).
 *
 *   node --import tsx bench/read/cli-wall.ts DIR [--runs 10] [--cli dist/cli.js]…
 *
 * `--cli` may be given several times (default `dist/cli.js`); to compare with
 * an earlier tree, build it into its own folder (e.g. a copy of the project with
 * `node_modules` linked in, then `npx tsup` there) and pass its `dist/cli.js`.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Args {
  dir: string;
  runs: number;
  clis: string[];
}

function parseArgs(argv: readonly string[]): Args {
  let dir: string | undefined;
  let runs = 10;
  const clis: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') runs = Math.max(1, Number.parseInt(next(), 10) || 1);
    else if (a === '--cli') clis.push(resolve(next()));
    else if (a.startsWith('--')) throw new Error(`unknown flag ${a} (known: --runs, --cli)`);
    else dir = resolve(a);
  }
  if (dir === undefined) throw new Error('usage: cli-wall.ts DIR [--runs N] [--cli FILE]…');
  return { dir, runs, clis: clis.length > 0 ? clis : [join(ROOT, 'dist', 'cli.js')] };
}

/** One run's wall seconds. */
function once(cli: string, dir: string): number {
  const t = process.hrtime.bigint();
  const r = spawnSync(process.execPath, [cli, 'validate', '--input', dir], { stdio: ['ignore', 'ignore', 'pipe'], encoding: 'utf8' });
  const wall = Number(process.hrtime.bigint() - t) / 1e9;
  if (r.status !== 0) throw new Error(`${cli} validate --input ${dir} exited with ${r.status}: ${r.stderr.slice(0, 500)}`);
  return wall;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
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
    console.log(`| ${cli} | ${[...w].sort((a, b) => a - b).map((x) => x.toFixed(2)).join(' ')} | ${median(w).toFixed(3)} | ${Math.min(...w).toFixed(3)} |`);
  }
}

main();
