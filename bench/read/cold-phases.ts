/**
 * Where a fresh `validate` spends its time, phase by phase, the way the
 * command line runs it: each run is a new process (nothing warmed, every
 * loop run once, as in a command), which reads the folder and diagnoses the
 * pool exactly as `validate` does, timing each step:
 *
 * 1. read: `readInstanceDir` (decoding, parsing, tables, validation);
 * 2. context: `buildContext`;
 * 3. index: `buildPoolIndex`;
 * 4. diagnose: `diagnoseAll`;
 * 5. shortages: `findShortages` over the open counties.
 *
 * The main thread's garbage-collection pauses inside each step are counted
 * in it (`gc` is their sum over the whole run, from a `PerformanceObserver`).
 * Prints the median (and best) of N runs per phase; the source is run
 * through tsx, so module load is not what `dist/cli.js` pays (see
 * `cli-wall.ts` for the command's own wall time).
 *
 *   node --import tsx bench/read/cold-phases.ts DIR [--runs 10] [--trees .,/tmp/before]
 *
 * `--trees` takes a comma-separated list of project copies (default this
 * one), measured interleaved (run 1 of each, then run 2 of each, …) so that
 * each sees the same machine; to compare with an earlier commit, extract it
 * (`git archive COMMIT src bench package.json tsconfig.json | tar -x -C DIR`),
 * link `node_modules` into it and copy this script in.
 */
import { spawnSync } from 'node:child_process';
import { loadavg } from 'node:os';
import { PerformanceObserver } from 'node:perf_hooks';
import { join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { BenchUsageError, readFlags } from '../args.js';
import { median } from '../report/aggregate.js';

const PHASES = ['read', 'context', 'index', 'diagnose', 'shortages', 'gc'] as const;
type Phase = (typeof PHASES)[number];

/** One run in this process: the phases' milliseconds, as one JSON line. */
async function child(dir: string): Promise<void> {
  let gc = 0;
  const observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) gc += entry.duration;
  });
  observer.observe({ entryTypes: ['gc'] });
  // Loaded before the clock starts: module load is not a phase here.
  const { readInstanceDir } = await import('../../src/io/read-instance.js');
  const { resolveOptions } = await import('../../src/model/options.js');
  const { buildContext } = await import('../../src/rules/context.js');
  const { buildPoolIndex } = await import('../../src/explain/pool-index.js');
  const { diagnoseAll } = await import('../../src/explain/diagnose.js');
  const { openCounties } = await import('../../src/explain/competition.js');
  const { findShortages } = await import('../../src/explain/shortage.js');
  const options = resolveOptions({});
  const out: Partial<Record<Phase, number>> = {};
  let t = performance.now();
  const lap = (phase: Phase): void => {
    const now = performance.now();
    out[phase] = now - t;
    t = now;
  };
  const read = await readInstanceDir(dir, options);
  lap('read');
  if (!read.ok) throw new Error(`${dir} is refused: ${read.issues[0].message}`);
  const ctx = buildContext(read.instance, options);
  lap('context');
  const index = buildPoolIndex(ctx);
  lap('index');
  const alone = diagnoseAll(ctx, index);
  lap('diagnose');
  findShortages(ctx, openCounties(ctx, alone), index);
  lap('shortages');
  // The observer hears of the last pauses on a later turn.
  await new Promise((done) => setTimeout(done, 20));
  observer.disconnect();
  out.gc = gc;
  process.stdout.write(`${JSON.stringify(out)}\n`);
}

function main(argv: readonly string[]): void {
  const flags = readFlags(argv, ['--runs', '--trees', '--child']);
  const runs = Math.max(1, Math.floor(flags.positive('--runs', 10)));
  const values = new Set(['--runs', '--trees'].map((f) => argv.indexOf(f) + 1).filter((i) => i > 0));
  const dir = argv.find((a, i) => !a.startsWith('--') && !values.has(i));
  if (dir === undefined) throw new BenchUsageError('usage: cold-phases.ts DIR [--runs N] [--trees A,B,…]');
  const here = resolve(fileURLToPath(import.meta.url), '..', '..', '..');
  const trees = flags.list('--trees')?.map((t) => resolve(t)) ?? [here];
  const times = new Map(trees.map((t) => [t, new Map<Phase, number[]>(PHASES.map((p) => [p, []]))]));
  for (let i = 0; i < runs; i++) {
    for (const tree of trees) {
      const script = join(tree, 'bench', 'read', 'cold-phases.ts');
      const r = spawnSync(process.execPath, ['--import', 'tsx', script, '--child', resolve(dir)], { cwd: tree, encoding: 'utf8', stdio: ['ignore', 'pipe', 'pipe'] });
      if (r.status !== 0) throw new Error(`${tree}: run ${i + 1} failed (${r.status}): ${r.stderr.slice(0, 500)}`);
      const one = JSON.parse(r.stdout.trim().split('\n').pop()!) as Record<Phase, number>;
      for (const p of PHASES) times.get(tree)!.get(p)!.push(one[p]);
    }
  }
  console.log(`cold phases of validate on ${resolve(dir)}: ${runs} fresh processes per tree, interleaved; load ${loadavg().map((x) => x.toFixed(2)).join(' / ')}; ${new Date().toISOString()}`);
  console.log('');
  console.log(`| phase | ${trees.map((t) => `${t} median (best) ms`).join(' | ')} |`);
  console.log(`|---|${trees.map(() => '---:').join('|')}|`);
  for (const p of PHASES) {
    const cells = trees.map((t) => {
      const xs = times.get(t)!.get(p)!;
      return `${(median(xs) ?? NaN).toFixed(1)} (${Math.min(...xs).toFixed(1)})`;
    });
    console.log(`| ${p === 'gc' ? 'gc pauses (within the phases above)' : p} | ${cells.join(' | ')} |`);
  }
}

const args = process.argv.slice(2);
if (args[0] === '--child') {
  child(args[1]!).catch((error: unknown) => {
    process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
    process.exitCode = 1;
  });
} else {
  try {
    main(args);
  } catch (error) {
    process.stderr.write(`${(error as Error).message}\n`);
    process.exitCode = 1;
  }
}
