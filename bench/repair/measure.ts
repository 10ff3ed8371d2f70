/**
 * The core of the repair benchmark: for one generated instance, solve once,
 * then for each withdrawal size k draw k serving experts and answer the
 * withdrawal twice — `repair` on the original result, and `solve` from
 * scratch on the round without them (the peer) — and measure both against
 * the original result.
 */
import { loadavg } from 'node:os';
import { checkSolution } from '../../src/check/check-solution.js';
import { generateInstance, type PresetName } from '../../src/generate/index.js';
import { repair } from '../../src/incremental/repair.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { SolveResult } from '../../src/model/result.js';
import type { Instance } from '../../src/model/schemas.js';
import { solve } from '../../src/solve/solve.js';
import { collectGarbage } from '../machine.js';
import { diffGroups, pairKey } from './diff.js';
import type { Answer, OriginalSolve, RepairAnswer, RepairBenchSettings, RepairRow } from './types.js';
import { pickWithdrawal } from './withdrawals.js';

/** The original solve did not give a result the benchmark can start from. */
export class RepairBenchError extends Error {
  override readonly name = 'RepairBenchError';
}

/** The round after the experts withdraw: they and every row naming them (skills, affinities, pins) are gone. */
export function withoutExperts(instance: Instance, withdrawn: ReadonlySet<string>): Instance {
  const kept = <T extends { expertId: string }>(rows: readonly T[]): T[] => rows.filter((r) => !withdrawn.has(r.expertId));
  return { ...instance, experts: instance.experts.filter((e) => !withdrawn.has(e.id)), skills: kept(instance.skills), affinities: kept(instance.affinities), pins: kept(instance.pins) };
}

/** Runs `fn` after a garbage collection and returns its value with its wall seconds. */
async function timed<T>(fn: () => Promise<T>): Promise<{ value: T; seconds: number }> {
  collectGarbage();
  const started = performance.now();
  const value = await fn();
  return { value, seconds: (performance.now() - started) / 1000 };
}

function message(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}

/** The options of the original solve and of the re-solve. */
export function solveOptions(settings: RepairBenchSettings, seed: number): OptionsInput {
  return { solver: settings.solver, timeLimit: settings.timeLimit, seed };
}

/** Answers one withdrawal with `repair`; null (with a note) when it refuses or throws. */
async function measureRepair(instance: Instance, reduced: Instance, original: SolveResult, withdrawn: ReadonlySet<string>, options: OptionsInput, notes: string[]): Promise<RepairAnswer | null> {
  let run;
  try {
    run = await timed(() => repair(instance, original, { withdraw: [...withdrawn] }));
  } catch (error) {
    notes.push(`repair threw ${message(error)}`);
    return null;
  }
  const out = run.value;
  if ('status' in out) {
    notes.push(`repair refused: ${out.issues[0].message}`);
    return null;
  }
  // Checked on the round without the withdrawn experts: a withdrawn expert left in a group is an unknown expert there.
  const check = checkSolution(reduced, out.result, options);
  const diff = diffGroups(original.assignments, out.result.assignments, withdrawn);
  const logged = { added: new Set<string>(), removed: new Set<string>() };
  for (const c of out.changes) if (c.change === 'added' || c.change === 'removed') logged[c.change].add(pairKey(c.countyId, c.expertId));
  const same = (a: ReadonlySet<string>, b: ReadonlySet<string>): boolean => a.size === b.size && [...a].every((x) => b.has(x));
  if (!check.ok) notes.push(`repair check: ${check.violations.slice(0, 2).map((v) => `${v.rule} ${v.message}`).join('; ')}`);
  return {
    seconds: run.seconds, status: out.result.status, matched: check.matchedCounties, score: check.objective, violations: check.violations.length,
    groupsChanged: diff.groupsChanged, untouchedGroupsChanged: diff.untouchedGroupsChanged, membersChanged: diff.membersChanged, countiesLost: diff.countiesLost,
    groupsHit: out.affected.length, changesListed: out.changes.length, changeLogComplete: same(logged.added, diff.added) && same(logged.removed, diff.removed),
  };
}

/** Answers one withdrawal by solving the reduced round from scratch; null (with a note) when it refuses or throws. */
async function measureResolve(reduced: Instance, original: SolveResult, withdrawn: ReadonlySet<string>, options: OptionsInput, notes: string[]): Promise<Answer | null> {
  let run;
  try {
    run = await timed(() => solve(reduced, options));
  } catch (error) {
    notes.push(`re-solve threw ${message(error)}`);
    return null;
  }
  const result = run.value;
  if (result.status === 'invalid') {
    notes.push(`re-solve refused: ${result.issues[0].message}`);
    return null;
  }
  const check = checkSolution(reduced, result, options);
  if (!check.ok) notes.push(`re-solve check: ${check.violations.slice(0, 2).map((v) => `${v.rule} ${v.message}`).join('; ')}`);
  const diff = diffGroups(original.assignments, result.assignments, withdrawn);
  return {
    seconds: run.seconds, status: result.status, matched: check.matchedCounties, score: check.objective, violations: check.violations.length,
    groupsChanged: diff.groupsChanged, untouchedGroupsChanged: diff.untouchedGroupsChanged, membersChanged: diff.membersChanged, countiesLost: diff.countiesLost,
  };
}

/**
 * Every withdrawal size of `settings` on one generated instance; `onRow`
 * hears of each row as it is done. Withdrawals are independent: each starts
 * from the original result.
 * @throws RepairBenchError when the original solve refuses the instance or its result fails `checkSolution`
 */
export async function measureInstance(preset: string, seed: number, settings: RepairBenchSettings, onRow?: (row: RepairRow) => void): Promise<RepairRow[]> {
  const instance = generateInstance(preset as PresetName, seed);
  const options = solveOptions(settings, seed);
  const solved = await timed(() => solve(instance, options));
  const original = solved.value;
  if (original.status === 'invalid') throw new RepairBenchError(`${preset} seed ${seed}: the instance was refused: ${original.issues[0].message}`);
  const check = checkSolution(instance, original, options);
  if (!check.ok) throw new RepairBenchError(`${preset} seed ${seed}: the original result breaks ${check.violations[0]?.rule}: ${check.violations[0]?.message}`);
  const base: OriginalSolve = {
    seconds: solved.seconds, status: original.status, matched: check.matchedCounties, score: check.objective,
    serving: new Set(original.assignments.map((a) => a.expertId)).size,
  };
  const rows: RepairRow[] = [];
  for (const k of settings.withdraw) {
    const drawn = pickWithdrawal(original.assignments, k, seed, settings.leaderShare);
    const withdrawn = new Set(drawn.ids);
    const reduced = withoutExperts(instance, withdrawn);
    const notes: string[] = drawn.ids.length < k ? [`only ${drawn.ids.length} experts serve`] : [];
    const repaired = await measureRepair(instance, reduced, original, withdrawn, options, notes);
    const resolved = await measureResolve(reduced, original, withdrawn, options, notes);
    const row: RepairRow = {
      preset, seed, counties: instance.counties.length, experts: instance.experts.length, original: base,
      k, withdrawn: drawn.ids.length, leadersWithdrawn: drawn.leaders,
      repair: repaired, resolve: resolved,
      timeRatio: repaired && resolved && resolved.seconds > 0 ? repaired.seconds / resolved.seconds : null,
      loadAverage: loadavg(), note: notes.join(' | '),
    };
    rows.push(row);
    onRow?.(row);
  }
  return rows;
}

/** Every preset × seed of `settings`, one instance at a time. */
export async function runRepairBench(settings: RepairBenchSettings, onRow?: (row: RepairRow) => void, onInstance?: (rows: readonly RepairRow[]) => void): Promise<RepairRow[]> {
  const rows: RepairRow[] = [];
  for (const preset of settings.presets) {
    for (const seed of settings.seeds) {
      rows.push(...(await measureInstance(preset, seed, settings, onRow)));
      onInstance?.(rows);
    }
  }
  return rows;
}
