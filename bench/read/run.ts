/**
 * The reading benchmark (issue #11 item 4): `readInstanceDir` on input
 * folders, beside a plain fast-csv parse of the same files (the peer: each
 * file streamed through `fast-csv`'s `parse()`, rows counted, the files in
 * parallel as `readInstanceDir` reads them), in one process and one run.
 * Each is timed as the median (and best) of N in-process runs after a
 * warm-up, the two alternating so that both see the same machine. With
 * `--cli`, also the wall time of `node dist/cli.js validate --input DIR`
 * (a fresh process each time: Node start, module load, reading and the
 * pool diagnosis; build first).
 *
 *   node --import tsx bench/read/run.ts [DIR…] [--runs 8] [--warmup 2] [--cli] [--out FILE.md]
 *
 * Without DIR, the national preset (seed 7) is generated into a temporary
 * folder. Prints a markdown table; `--out` also writes it to a file.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, existsSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parse } from 'fast-csv';
import { generateInstance } from '../../src/generate/index.js';
import { INPUT_FILES } from '../../src/io/headers.js';
import { readInstanceDir } from '../../src/io/read-instance.js';
import { writeInstanceDir } from '../../src/io/write-instance.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..');

interface Cli {
  dirs: string[];
  runs: number;
  warmup: number;
  cli: boolean;
  out: string | undefined;
}

function parseCli(argv: readonly string[]): Cli {
  const cli: Cli = { dirs: [], runs: 8, warmup: 2, cli: false, out: undefined };
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    const next = (): string => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${a} needs a value`);
      return v;
    };
    if (a === '--runs') cli.runs = positiveInt(a, next());
    else if (a === '--warmup') cli.warmup = Math.max(0, Number.parseInt(next(), 10) || 0);
    else if (a === '--cli') cli.cli = true;
    else if (a === '--out') cli.out = resolve(next());
    else if (a.startsWith('--')) throw new Error(`unknown flag ${a} (known: --runs, --warmup, --cli, --out)`);
    else cli.dirs.push(resolve(a));
  }
  return cli;
}

function positiveInt(flag: string, v: string): number {
  const n = Number.parseInt(v, 10);
  if (!(n >= 1)) throw new Error(`${flag} must be a positive whole number, not ${v}`);
  return n;
}

/** The input files of a folder that are present (as `readInstanceDir` finds them, case-insensitively). */
function inputFiles(dir: string): string[] {
  const names = readdirSync(dir);
  return INPUT_FILES.flatMap((f) => names.filter((n) => n.toLowerCase() === f).map((n) => join(dir, n)));
}

/** The peer: every file streamed through a plain fast-csv parse, rows counted; in parallel. */
async function plainFastCsv(files: readonly string[]): Promise<number> {
  const counts = await Promise.all(files.map((path) => new Promise<number>((done, fail) => {
    let rows = 0;
    createReadStream(path)
      .pipe(parse({ headers: false, ignoreEmpty: false }))
      .on('error', fail)
      .on('data', () => { rows++; })
      .on('end', () => done(rows));
  })));
  return counts.reduce((a, b) => a + b, 0);
}

async function library(dir: string): Promise<number> {
  const r = await readInstanceDir(dir);
  if (!r.ok) throw new Error(`${dir} is refused: ${r.issues[0].message}`);
  const i = r.instance;
  return i.counties.length + i.needs.length + i.experts.length + i.skills.length + i.pairings.length + i.affinities.length + i.pins.length;
}

async function timeOnce(f: () => Promise<unknown>): Promise<number> {
  const t = process.hrtime.bigint();
  await f();
  return Number(process.hrtime.bigint() - t) / 1e6;
}

function median(xs: readonly number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = s.length >> 1;
  return s.length % 2 === 1 ? s[m]! : (s[m - 1]! + s[m]!) / 2;
}

function cliWall(dir: string, runs: number): number[] | undefined {
  const cli = join(ROOT, 'dist', 'cli.js');
  if (!existsSync(cli)) return undefined;
  const out: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = process.hrtime.bigint();
    try {
      execFileSync(process.execPath, [cli, 'validate', '--input', dir], { stdio: 'pipe', maxBuffer: 1 << 30 });
    } catch (error) {
      const e = error as { status?: number; stdout?: Buffer; stderr?: Buffer };
      throw new Error(`validate --input ${dir} exited with ${e.status}: ${String(e.stderr ?? '').slice(0, 500)}${String(e.stdout ?? '').slice(0, 500)}`);
    }
    out.push(Number(process.hrtime.bigint() - t) / 1e6);
  }
  return out;
}

interface Row {
  dir: string;
  mb: number;
  rows: number;
  lib: number[];
  peer: number[];
  wall: number[] | undefined;
}

async function measure(dir: string, cli: Cli): Promise<Row> {
  const files = inputFiles(dir);
  const bytes = files.reduce((n, f) => n + statSync(f).size, 0);
  let rows = 0;
  for (let i = 0; i < cli.warmup; i++) {
    rows = await plainFastCsv(files);
    await library(dir);
  }
  const lib: number[] = [];
  const peer: number[] = [];
  for (let i = 0; i < cli.runs; i++) {
    peer.push(await timeOnce(async () => { rows = await plainFastCsv(files); }));
    lib.push(await timeOnce(() => library(dir)));
  }
  const wall = cli.cli ? cliWall(dir, cli.runs) : undefined;
  return { dir, mb: bytes / 2 ** 20, rows, lib, peer, wall };
}

function fmt(ms: number): string {
  return ms >= 100 ? ms.toFixed(0) : ms.toFixed(1);
}

function render(rows: readonly Row[], cli: Cli): string {
  const lines = [
    `Reading benchmark (\`npm run bench:read\`): \`readInstanceDir\` beside a plain fast-csv parse of the same files (rows counted), median (best) of ${cli.runs} in-process runs after ${cli.warmup} warm-up, alternating.`,
    '',
    `Node ${process.version}, ${cpus().length} × ${cpus()[0]?.model.trim() ?? 'unknown CPU'}, load ${loadavg().map((x) => x.toFixed(2)).join(' / ')}, ${new Date().toISOString()}.`,
    '',
    `| input | MB | CSV rows | readInstanceDir ms | plain fast-csv ms | ratio |${cli.cli ? ' validate wall ms |' : ''}`,
    `|-------|---:|---------:|-------------------:|------------------:|------:|${cli.cli ? '-----------------:|' : ''}`,
  ];
  for (const r of rows) {
    const lib = median(r.lib);
    const peer = median(r.peer);
    const wall = r.wall === undefined ? ' (no dist/cli.js) |' : ` ${fmt(median(r.wall))} (${fmt(Math.min(...r.wall))}) |`;
    lines.push(`| ${basename(r.dir)} | ${r.mb.toFixed(1)} | ${r.rows.toLocaleString('en-US')} | ${fmt(lib)} (${fmt(Math.min(...r.lib))}) | ${fmt(peer)} (${fmt(Math.min(...r.peer))}) | ${(lib / peer).toFixed(2)} |${cli.cli ? wall : ''}`);
  }
  lines.push('', 'ratio: readInstanceDir median / plain fast-csv median (below 1: reading, validation included, is faster than fast-csv alone parsing the text).');
  return `${lines.join('\n')}\n`;
}

async function main(): Promise<void> {
  const cli = parseCli(process.argv.slice(2));
  let temp: string | undefined;
  if (cli.dirs.length === 0) {
    temp = mkdtempSync(join(tmpdir(), 'bench-read-'));
    const dir = join(temp, 'national');
    await writeInstanceDir(dir, generateInstance('national', 7));
    cli.dirs.push(dir);
  }
  try {
    const rows: Row[] = [];
    for (const dir of cli.dirs) {
      const row = await measure(dir, cli);
      rows.push(row);
      process.stderr.write(`${dir}: readInstanceDir ${fmt(median(row.lib))} ms, fast-csv ${fmt(median(row.peer))} ms\n`);
    }
    const md = render(rows, cli);
    process.stdout.write(md);
    if (cli.out !== undefined) writeFileSync(cli.out, md);
  } finally {
    if (temp !== undefined) rmSync(temp, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exitCode = 1;
});
