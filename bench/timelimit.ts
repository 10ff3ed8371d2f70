/**
 * Does `solve` honour its time limit? For each limit, a fresh child process
 * generates the round (not timed), times `solve(instance, { timeLimit, seed,
 * solver })` from its call to its return, checks the result independently
 * (`checkSolution`, not timed) and prints one JSON line; the parent prints a
 * table with the load average, since the machine may be shared.
 *
 *   node --import tsx bench/timelimit.ts [--preset national-x10] [--seed 1]
 *        [--limits 10,20,60,default] [--solver scalable|auto]
 *
 * Target (issue #5): wall ≤ 1.10 × limit, and a valid result or status
 * `time-limit` with every county unmatched as `not-solved`.
 */
import { spawn } from 'node:child_process';
import { loadavg } from 'node:os';
import { dirname, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { checkSolution } from '../src/check/check-solution.js';
import { generateInstance, type PresetName } from '../src/generate/index.js';
import type { OptionsInput } from '../src/model/options.js';
import { solve } from '../src/solve/solve.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const ROW_MARKER = 'TIMELIMIT_ROW ';
/** The policy default of `timeLimit` (src/model/options.ts), for the `default` run. */
const DEFAULT_LIMIT = 60;

/** What one child reports. */
interface Row {
  limit: number | 'default';
  wall: number;
  status: string;
  matched: number;
  total: number;
  gap: number | null;
  objective: number | null;
  /** `summary.seconds` as the solver reported it. */
  seconds: number | null;
  violations: number | null;
  /** Unmatched rows with reason `not-solved`. */
  notSolved: number;
  note: string;
}

/** Command-line settings. */
interface Settings {
  preset: string;
  seed: number;
  limits: (number | 'default')[];
  solver: 'scalable' | 'auto';
}

function parse(argv: readonly string[]): Settings {
  const value = (flag: string): string | undefined => {
    const i = argv.indexOf(flag);
    return i >= 0 ? argv[i + 1] : undefined;
  };
  const limits = (value('--limits') ?? '10,20,60').split(',').map((s) => (s === 'default' ? 'default' : Number(s)));
  if (limits.some((l) => l !== 'default' && !(l > 0))) throw new Error('--limits: positive numbers or "default", comma-separated');
  const solver = value('--solver') ?? 'scalable';
  if (solver !== 'scalable' && solver !== 'auto') throw new Error('--solver: scalable or auto');
  const seed = Number(value('--seed') ?? '1');
  if (!Number.isSafeInteger(seed)) throw new Error('--seed: a whole number');
  return { preset: value('--preset') ?? 'national-x10', seed, limits, solver };
}

/** The child: one timed solve. */
async function runChild(s: Settings, limit: number | 'default'): Promise<Row> {
  const instance = generateInstance(s.preset as PresetName, s.seed);
  const options: OptionsInput = { seed: s.seed, solver: s.solver, ...(limit === 'default' ? {} : { timeLimit: limit }) };
  const started = performance.now();
  const result = await solve(instance, options);
  const wall = (performance.now() - started) / 1000;
  const base = { limit, wall, total: instance.counties.length };
  if (result.status === 'invalid') return { ...base, status: 'invalid', matched: 0, gap: null, objective: null, seconds: null, violations: null, notSolved: 0, note: result.issues[0].message };
  const report = checkSolution(instance, result, options);
  return {
    ...base,
    status: result.status,
    matched: result.summary.matchedCounties,
    gap: result.summary.gap,
    objective: result.summary.objective,
    seconds: result.summary.seconds,
    violations: report.violations.length,
    notSolved: result.unmatched.filter((u) => u.reasonCode === 'not-solved').length,
    note: result.unmatched.find((u) => u.reasonCode === 'not-solved')?.detail ?? '',
  };
}

/** The parent: one child per limit, one after another. */
function runLimit(s: Settings, limit: number | 'default'): Promise<Row> {
  const args = ['--max-old-space-size=8192', '--import', 'tsx', fileURLToPath(import.meta.url), '--child', String(limit), '--preset', s.preset, '--seed', String(s.seed), '--solver', s.solver];
  return new Promise((done, fail) => {
    const child = spawn(process.execPath, args, { cwd: ROOT, stdio: ['ignore', 'pipe', 'inherit'] });
    let out = '';
    child.stdout.on('data', (chunk: Buffer) => (out += chunk.toString('utf8')));
    child.on('error', fail);
    child.on('close', (code) => {
      const line = out.split('\n').find((l) => l.startsWith(ROW_MARKER));
      if (!line) fail(new Error(`child for limit ${limit} exited with ${code} and no result`));
      else done(JSON.parse(line.slice(ROW_MARKER.length)) as Row);
    });
  });
}

const load = (): string => loadavg().map((x) => x.toFixed(2)).join(' ');
const fixed = (x: number | null, digits: number): string => (x === null ? 'n/a' : x.toFixed(digits));

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const s = parse(argv);
  const child = argv.indexOf('--child');
  if (child >= 0) {
    const raw = argv[child + 1]!;
    const row = await runChild(s, raw === 'default' ? 'default' : Number(raw));
    // Exit once the line is flushed: pending timers of a solver must not keep the child alive.
    process.stdout.write(`${ROW_MARKER}${JSON.stringify(row)}\n`, () => process.exit(0));
    return;
  }
  console.log(`time limits on ${s.preset} seed ${s.seed}, solver ${s.solver}; wall = solve() call to return`);
  console.log('limit | wall s | wall/limit | status | matched | gap | objective | summary.seconds | violations | not-solved | load (1/5/15 min) before → after');
  let ok = true;
  for (const limit of s.limits) {
    const before = load();
    const row = await runLimit(s, limit);
    const seconds = limit === 'default' ? DEFAULT_LIMIT : limit;
    const ratio = row.wall / seconds;
    ok &&= ratio <= 1.1 && row.violations === 0;
    console.log([
      limit, fixed(row.wall, 2), fixed(ratio, 3), row.status, `${row.matched}/${row.total}`, fixed(row.gap, 4), fixed(row.objective, 1),
      fixed(row.seconds, 2), row.violations ?? 'n/a', row.notSolved, `${before} → ${load()}`,
    ].join(' | '));
    if (row.matched === 0 && row.note) console.log(`  (no group yet: ${row.note})`);
  }
  console.log(ok ? 'every run within 1.10 × its limit, with a checked result' : 'SOME RUN EXCEEDED 1.10 × ITS LIMIT OR BROKE A RULE');
}

await main();
