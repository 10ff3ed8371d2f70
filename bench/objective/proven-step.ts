/**
 * Claim what is proven (issue #11): how many small `--objective affinity`
 * rounds each solver reports `optimal`, and how many it leaves `feasible`
 * with a bound less than one step above the score. Generated rounds have
 * integer ratings, so their score step is 1 (`src/objective/score-step.ts`).
 *
 * Runs against a source tree (default: this checkout's src/), so that a copy
 * without the rounding can be measured alike:
 *
 *   node --import tsx bench/objective/proven-step.ts --presets tiny,demo --seeds 23 --solvers scalable
 *   node --import tsx bench/objective/proven-step.ts --src /tmp/noround/src --label before
 *
 * Options: --src DIR (a tree with generate/ and solve/), --presets tiny,demo,
 * --seeds N (1..N of each preset), --solvers scalable,auto,exact,
 * --time-limit 30, --label after, --verbose (one line per round).
 */
import { loadavg } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchUsageError, readFlags } from '../args.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KNOWN = ['--src', '--presets', '--seeds', '--solvers', '--time-limit', '--label', '--verbose'];

interface Summary { status: string; objective: number; upperBound: number; matchedCounties: number; matchableUpperBound: number }
type Solve = (instance: unknown, options: Record<string, unknown>) => Promise<{ status: string; summary: Summary }>;
type Generate = (preset: string, seed: number) => unknown;

async function main(): Promise<void> {
  const flags = readFlags(process.argv.slice(2), KNOWN);
  const src = resolve(flags.value('--src') ?? join(ROOT, 'src'));
  const presets = flags.list('--presets') ?? ['tiny', 'demo'];
  const seeds = flags.positive('--seeds', 23);
  const solvers = flags.list('--solvers') ?? ['scalable'];
  const timeLimit = flags.positive('--time-limit', 30);
  const label = flags.value('--label') ?? 'after';
  if (!Number.isInteger(seeds)) throw new BenchUsageError('--seeds is a count of seeds (1..N)');
  const { generateInstance } = (await import(pathToFileURL(join(src, 'generate/index.ts')).href)) as { generateInstance: Generate };
  const { solve } = (await import(pathToFileURL(join(src, 'solve/solve.ts')).href)) as { solve: Solve };
  console.log(`# ${label}: ${src}, load ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const solver of solvers) {
    const counts = new Map<string, number>();
    let underOneStep = 0;
    let rounds = 0;
    for (const preset of presets) {
      for (let seed = 1; seed <= seeds; seed++) {
        const r = await solve(generateInstance(preset, seed), { objective: 'affinity', solver, seed, timeLimit });
        rounds++;
        counts.set(r.status, (counts.get(r.status) ?? 0) + 1);
        if (r.status === 'invalid') continue;
        const s = r.summary;
        if (s.status === 'feasible' && s.upperBound - s.objective < 1) underOneStep++;
        if (flags.has('--verbose')) console.log(`${preset}-${seed} ${s.status} score ${s.objective} bound ${s.upperBound} matched ${s.matchedCounties}/${s.matchableUpperBound}`);
      }
    }
    const parts = [...counts].sort(([a], [b]) => (a < b ? -1 : 1)).map(([k, n]) => `${k} ${n}`).join(', ');
    console.log(`${label} ${solver}: ${rounds} rounds (${presets.join('+')} seeds 1..${seeds}): ${parts}; feasible with bound − score < 1: ${underOneStep}`);
  }
  console.log(`# load after: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = error instanceof BenchUsageError ? 2 : 1;
});
