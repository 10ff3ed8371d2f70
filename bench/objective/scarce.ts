/**
 * Scarce rounds under every solver (issue #10 item 6, "Show it": "on the
 * scarce rounds, that the unmatched set is the same under every solver when
 * priorities are given"). Each seed's round is generated once, then solved by
 * each solver under each priority variant; the unmatched sets are compared.
 *
 * Runs against a built library (default: this checkout's dist/index.js, so
 * `npm run build` first), which also lets it run against an older build:
 *
 *   npm run build && node --import tsx bench/objective/scarce.ts
 *   node --import tsx bench/objective/scarce.ts --lib /tmp/base/dist/index.js --label before
 *
 * Options: --seeds 1,2,3; --solvers exact,highs,scalable,auto; --variants
 * none,rank,tiered,order; --time-limit 30; --out bench/results (writes
 * objective-scarce-<label>.json and .md); --label after.
 *
 * Variants: `none` gives no priority (the documented tie rule decides);
 * `rank` sets counties.csv's `priority` to the row index (0, 1, 2, …);
 * `tiered` to the row index div 5 (tiers of five counties, ties inside a
 * tier); `order` gives no column and the option `priority: 'order'`.
 * With priorities given (rank, tiered, order) every solver must leave the
 * same counties unmatched; the exit code is 1 when one does not.
 */
import { mkdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { BenchUsageError, readFlags } from '../args.js';
import { table } from '../report/format.js';
import { writeAtomic } from '../report/write.js';

type Lib = typeof import('../../src/index.js');
type Instance = ReturnType<Lib['generateInstance']>;

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '../..');
const KNOWN = ['--lib', '--seeds', '--solvers', '--variants', '--time-limit', '--out', '--label'];

/**
 * The scarce round: a thin pool, rare industries all but absent, half the
 * counties requiring a rare need, few national experts, and each required
 * need held by at least one expert (`minRequiredHolders: 1`), so that a
 * county is rarely infeasible on its own (`required-need-uncovered`) but
 * often loses a scarce holder to another county (`competition`): measured
 * on the pre-issue-10 build, 4, 1 and 3 counties by competition at seeds
 * 1–3 under HiGHS, where the brief's first guess (9 experts per county, no
 * holder floor) left them all `required-need-uncovered`.
 */
export const SCARCE_SPEC = { counties: 20, provinces: ['贵州', '云南'], expertsPerCounty: 10, scarcity: 1, hardRate: 0.5, nationalShare: 0.08, minRequiredHolders: 1 } as const;

/** A priority variant: how the counties are ranked. */
export const VARIANTS = ['none', 'rank', 'tiered', 'order'] as const;
export type Variant = (typeof VARIANTS)[number];

/** Counties of one tier under `tiered`. */
const TIER = 5;

/** The round and the extra options of a variant (counties keep their row order, the one `order` ranks by). */
export function applyVariant(instance: Instance, variant: Variant): { instance: Instance; options: Record<string, unknown> } {
  switch (variant) {
    case 'none': return { instance, options: {} };
    case 'order': return { instance, options: { priority: 'order' } };
    case 'rank':
    case 'tiered': {
      const counties = instance.counties.map((c, i) => ({ ...c, priority: variant === 'rank' ? i : Math.floor(i / TIER) }));
      return { instance: { ...instance, counties }, options: { priority: 'column' } };
    }
  }
}

/** One solve: its status, its unmatched counties (sorted) by reason, and one competition detail to show. */
interface SolveRow {
  readonly solver: string;
  readonly status: string;
  readonly solverUsed: string | null;
  readonly seconds: number;
  readonly matched: number;
  readonly unmatched: readonly string[];
  readonly competition: readonly string[];
  readonly reasons: Readonly<Record<string, number>>;
  readonly objective: number | null;
  readonly sampleDetail: string | null;
  readonly error: string | null;
}

/** One seed × variant: every solver's row and whether their unmatched sets agree. */
interface CaseRow {
  readonly seed: number;
  readonly variant: Variant;
  readonly counties: number;
  readonly rows: readonly SolveRow[];
  /** Each county's priority under this variant (its row index under `order`), so a reader can see who lost; empty under `none`. */
  readonly priorities: Readonly<Record<string, number>>;
  /** True when every solver that answered left the same set unmatched (and none failed). */
  readonly agree: boolean;
}

async function solveOne(lib: Lib, instance: Instance, solver: string, options: Record<string, unknown>, seed: number, timeLimit: number): Promise<SolveRow> {
  const started = performance.now();
  try {
    const r = await lib.solveOrThrow(instance, { ...options, solver: solver as 'auto', seed, timeLimit });
    const competition = r.unmatched.filter((u) => u.reasonCode === 'competition');
    const reasons: Record<string, number> = {};
    for (const u of r.unmatched) reasons[u.reasonCode] = (reasons[u.reasonCode] ?? 0) + 1;
    return {
      solver, status: r.status, solverUsed: r.summary.solver ?? null, seconds: (performance.now() - started) / 1000,
      matched: r.summary.matchedCounties, unmatched: r.unmatched.map((u) => u.countyId).sort(), competition: competition.map((u) => u.countyId).sort(),
      reasons, objective: r.summary.objective, sampleDetail: competition[0]?.detail ?? null, error: null,
    };
  } catch (e) {
    return {
      solver, status: 'error', solverUsed: null, seconds: (performance.now() - started) / 1000, matched: 0, unmatched: [], competition: [], reasons: {},
      objective: null, sampleDetail: null, error: e instanceof Error ? `${e.name}: ${e.message}` : String(e),
    };
  }
}

function render(cases: readonly CaseRow[], lib: string): string {
  const body = cases.flatMap((c) => c.rows.map((r, i) => [
    i === 0 ? `${c.seed}` : '', i === 0 ? c.variant : '', i === 0 ? (c.agree ? 'yes' : '**no**') : '',
    r.solver, r.error ?? `${r.status} (${r.solverUsed ?? '—'})`, `${r.matched}/${c.counties}`,
    Object.entries(r.reasons).map(([k, v]) => `${k} ${v}`).join(', ') || '—',
    r.unmatched.map((id) => (c.priorities[id] === undefined ? id : `${id} (p${c.priorities[id]})`)).join(' ') || '—', r.objective === null ? '—' : r.objective.toFixed(2), r.seconds.toFixed(1),
  ]));
  const details = cases.flatMap((c) => c.rows.filter((r) => r.sampleDetail !== null).slice(0, 1).map((r) => `- seed ${c.seed}, ${c.variant}, ${r.solver}: ${r.sampleDetail}`));
  return [
    `Scarce rounds (${JSON.stringify(SCARCE_SPEC)}), library ${lib}.`, '',
    table(['seed', 'variant', 'same unmatched', 'solver', 'status', 'matched', 'unmatched by reason', 'unmatched counties', 'objective', 's'], body), '',
    'One `competition` detail per case:', '', ...details, '',
  ].join('\n');
}

async function main(argv: readonly string[]): Promise<number> {
  const flags = readFlags(argv, KNOWN);
  const libPath = resolve(flags.value('--lib') ?? join(ROOT, 'dist/index.js'));
  const lib = (await import(pathToFileURL(libPath).href)) as Lib;
  const seeds = flags.integers('--seeds') ?? [1, 2, 3];
  const solvers = flags.list('--solvers') ?? ['exact', 'highs', 'scalable', 'auto'];
  const variants = (flags.list('--variants') ?? [...VARIANTS]) as Variant[];
  for (const v of variants) if (!(VARIANTS as readonly string[]).includes(v)) throw new BenchUsageError(`unknown variant ${v}; known: ${VARIANTS.join(', ')}`);
  const timeLimit = flags.positive('--time-limit', 30);
  const label = flags.value('--label') ?? 'after';
  const outDir = resolve(flags.value('--out') ?? join(ROOT, 'bench/results'));
  mkdirSync(outDir, { recursive: true });
  const cases: CaseRow[] = [];
  for (const seed of seeds) {
    const base = lib.generateInstance({ ...SCARCE_SPEC, provinces: [...SCARCE_SPEC.provinces] }, seed);
    for (const variant of variants) {
      const { instance, options } = applyVariant(base, variant);
      const rows: SolveRow[] = [];
      for (const solver of solvers) rows.push(await solveOne(lib, instance, solver, options, seed, timeLimit));
      const key = (r: SolveRow): string => r.unmatched.join(',');
      const agree = rows.every((r) => r.error === null) && new Set(rows.map(key)).size === 1;
      const priorities: Record<string, number> = {};
      if (variant !== 'none') instance.counties.forEach((c, i) => { priorities[c.id] = (c as { priority?: number }).priority ?? i; });
      cases.push({ seed, variant, counties: instance.counties.length, rows, priorities, agree });
      process.stderr.write(`seed ${seed} ${variant}: ${agree ? 'same' : 'DIFFERENT'} — ${rows.map((r) => `${r.solver} ${r.error ? 'error' : `[${r.unmatched.join(' ')}]`}`).join('; ')}\n`);
      writeAtomic(join(outDir, `objective-scarce-${label}.json`), `${JSON.stringify({ label, lib: libPath, spec: SCARCE_SPEC, date: new Date().toISOString(), cases }, null, 2)}\n`);
      writeAtomic(join(outDir, `objective-scarce-${label}.md`), render(cases, libPath));
    }
  }
  process.stdout.write(render(cases, libPath));
  return cases.some((c) => c.variant !== 'none' && !c.agree) ? 1 : 0;
}

if (process.argv[1] !== undefined && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, (e: unknown) => {
    process.stderr.write(`${e instanceof Error ? e.message : String(e)}\n`);
    process.exitCode = e instanceof BenchUsageError ? 2 : 1;
  });
}
