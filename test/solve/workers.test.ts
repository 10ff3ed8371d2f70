/**
 * The scalable solver's dual side on worker threads (src/solve/scalable/workers/):
 *  - the pieces: the split, list snapshots (every field of a candidate list
 *    goes across), warm starts, finding the worker script;
 *  - the dual side step by step, one thread against two, with the primal
 *    side changing lists and warm starts in between: every county's answer,
 *    list, version and warm start, and every pass, stay equal;
 *  - a pass out on the threads while the main thread works (the rush's
 *    bound) counts only its bound, and the threads' lists are sent afresh;
 *  - a thread that cannot start, or dies in a job, leaves the result as it is
 *    (its counties are solved on the main thread);
 *  - whole solves with `workers` 1 and 2 write byte-identical files (all but
 *    timing.json, whose seconds differ between any two runs), on generated
 *    rounds with and without pins, in both objective modes, and the threads
 *    are gone when the solve returns.
 */
import { availableParallelism } from 'node:os';
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import type { OptionsInput } from '../../src/model/options.js';
import type { Instance } from '../../src/model/schemas.js';
import { solve } from '../../src/solve/solve.js';
import { Lagrangian } from '../../src/solve/scalable/bound/lagrangian.js';
import { improve } from '../../src/solve/scalable/primal/polish.js';
import { repair } from '../../src/solve/scalable/primal/repair.js';
import { Clock } from '../../src/solve/scalable/state/clock.js';
import { prepareCounties } from '../../src/solve/scalable/state/prepare.js';
import { createState, type ScalableState } from '../../src/solve/scalable/state/state.js';
import { workerScript, type WorkerScript } from '../../src/solve/scalable/workers/locate.js';
import { splitCounties } from '../../src/solve/scalable/workers/partition.js';
import { restoreList, snapshotList } from '../../src/solve/scalable/workers/sync.js';
import { MAX_DEFAULT_WORKERS, Team, teamTotals, threadsFor } from '../../src/solve/scalable/workers/team.js';
import { writtenBytes } from '../properties/solvers.js';
import { makeContext } from '../helpers/instance.js';

/** A round prepared as the scalable solver prepares it. */
function prepared(instance: Instance, options: OptionsInput): { state: ScalableState; lag: Lagrangian } {
  const state = createState(makeContext(instance, options), new Clock(Date.now(), 600));
  prepareCounties(state);
  return { state, lag: new Lagrangian(state) };
}

/** Everything the dual side keeps per county, and its passes, as plain data. */
function dualState(state: ScalableState, lag: Lagrangian): unknown {
  const n = state.pool.nCounties;
  return {
    counties: Array.from({ length: n }, (_, c) => ({
      state: state.countyState[c],
      members: lag.members[c],
      choice: lag.choice[c],
      value: lag.value[c],
      version: state.store.version[c],
      list: snapshotList(state.store, c),
      warm: state.subs.warmStartOf(c),
    })),
    reasons: [...state.reasons],
    passes: lag.passes.map((p) => ({ capacityTerm: p.capacityTerm, county: Array.from(p.county) })),
    prices: Array.from(state.pricer.price),
  };
}

/**
 * The schedule of `solveScalable` in short, on one side: a pass, then steps with refreshes, a pass every
 * 4 steps, and a repair and local search (which change lists and warm starts on the main thread) between.
 */
async function run(side: { state: ScalableState; lag: Lagrangian }, team: Team | undefined, steps: number, snapshots: unknown[]): Promise<void> {
  const { state, lag } = side;
  const pass = (): Promise<boolean> => (team ? team.pricingPass(state, lag) : Promise.resolve(lag.pricingPass()));
  const refresh = (): Promise<boolean> => (team ? team.refresh(state, lag) : Promise.resolve(lag.refresh()));
  expect(await pass()).toBe(true);
  let best = repair(state, lag);
  improve(state, best);
  snapshots.push(dualState(state, lag));
  for (let it = 1; it <= steps; it++) {
    lag.step(best.objective);
    expect(await refresh()).toBe(true);
    snapshots.push(dualState(state, lag));
    if (it % 4 === 0) {
      expect(await pass()).toBe(true);
      const a = repair(state, lag);
      improve(state, a);
      if (a.betterThan(best)) best = a;
      snapshots.push(dualState(state, lag));
    }
  }
}

/** Whole solves, and solves step by step on two sides: province takes 15–40 s on a loaded 2-core machine. */
const TIMEOUT = 240_000;

/** A round with pins: 30 counties, 8 of them given a pinned leader and local. */
const PINNED: Instance = generateInstance({ counties: 30, provinces: ['甘肃', '四川'], pins: 8 }, 3);

describe('splitCounties', () => {
  it('deals the counties round-robin by position, each share in position order', () => {
    expect(splitCounties([3, 5, 8, 9, 12], 2)).toEqual([[3, 8, 12], [5, 9]]);
    expect(splitCounties([3, 5], 3)).toEqual([[3], [5], []]);
    expect(splitCounties([4, 7], 1)).toEqual([[4, 7]]);
  });
});

describe('what keeps a replica equal', () => {
  it('a list snapshot carries every field of a candidate list (a new field would be missed)', () => {
    const { state } = prepared(generateInstance('demo', 1), {});
    const c = 3;
    const before = structuredClone(state.store.lists[c]!);
    const version = state.store.version[c]!;
    const snap = snapshotList(state.store, c);
    // Every field but the index (rebuilt from the experts) is in the snapshot.
    expect(Object.keys(state.store.lists[c]!).filter((k) => k !== 'index').sort()).toEqual(Object.keys(snap).sort());
    restoreList(state.store, c, { experts: [], fit: [], lead: [], mask: [], flags: [] }, 0);
    expect(state.store.lists[c]!.experts).toEqual([]);
    restoreList(state.store, c, snap, version);
    expect(state.store.lists[c]).toEqual(before);
    expect(state.store.version[c]).toBe(version);
  });

  it('warm starts are read as copies and set in place', () => {
    const { state, lag } = prepared(generateInstance('demo', 1), {});
    expect(state.subs.warmStartOf(0)).toBeUndefined();
    lag.solveRestricted(0);
    const warm = state.subs.warmStartOf(0)!;
    expect(warm.length).toBeGreaterThan(0);
    warm[0] = 123;
    expect(state.subs.warmStartOf(0)![0]).not.toBe(123);
    state.subs.setWarmStart(0, warm);
    expect(state.subs.warmStartOf(0)![0]).toBe(123);
    state.subs.setWarmStart(0, undefined);
    expect(state.subs.warmStartOf(0)).toBeUndefined();
  });

  it('finds the worker script from source, and none where there is none', () => {
    const script = workerScript();
    expect(script?.eval).toBe(true);
    expect(script?.file).toContain('worker.ts');
    expect(workerScript('/nowhere/at/all/team.js')).toBeUndefined();
  });

  it('takes workers − 1 threads; by default one per further core, none on small rounds', () => {
    expect(threadsFor(makeContext(generateInstance('tiny', 1), { workers: 3 }))).toBe(2);
    expect(threadsFor(makeContext(generateInstance('tiny', 1), { workers: 1 }))).toBe(0);
    expect(threadsFor(makeContext(generateInstance('tiny', 1), {}))).toBe(0);
    expect(threadsFor(makeContext(generateInstance('province', 1), {}))).toBe(Math.min(availableParallelism(), MAX_DEFAULT_WORKERS) - 1);
  });
});

describe('the dual side on two threads', () => {
  it.each([
    ['province seed 1', generateInstance('province', 1), {}],
    ['a round with pins', PINNED, {}],
    ['demo in affinity mode', generateInstance('demo', 2), { objective: 'affinity' }],
  ] as [string, Instance, OptionsInput][])('%s: every answer, list, warm start and pass equals one thread’s, step by step', async (_name, instance, options) => {
    const one: unknown[] = [];
    await run(prepared(instance, options), undefined, 8, one);
    const before = teamTotals();
    const side = prepared(instance, { ...options, workers: 2 });
    const team = Team.start(side.state.ctx);
    const two: unknown[] = [];
    try {
      await run(side, team, 8, two);
    } finally {
      await team.stop();
    }
    const after = teamTotals();
    expect(after.failures).toBe(before.failures);
    expect(after.counties - before.counties).toBeGreaterThan(0);
    expect(two.length).toBe(one.length);
    for (let k = 0; k < one.length; k++) expect(two[k], `snapshot ${k}`).toEqual(one[k]);
  }, TIMEOUT);

  it('a pass started on the threads and taken later (the rush’s bound) equals one thread’s, and leaves the main thread’s lists and answers alone', async () => {
    const instance = generateInstance('province', 1);
    const one = prepared(instance, {});
    const alone = prepared(instance, {});
    const untouched = dualState(alone.state, alone.lag);
    expect(one.lag.pricingPass()).toBe(true);
    const side = prepared(instance, { workers: 2 });
    const before = teamTotals();
    const team = Team.start(side.state.ctx);
    try {
      const inFlight = team.beginPass(side.state, side.lag).background();
      expect(inFlight).toBeDefined();
      expect(await inFlight!.take()).toBe(true);
      const after = dualState(side.state, side.lag) as { passes: unknown[] };
      expect(after.passes).toEqual((dualState(one.state, one.lag) as { passes: unknown[] }).passes);
      // Only the bound was taken: every list, warm start and answer is as before the pass.
      expect({ ...after, passes: [] }).toEqual({ ...(untouched as object), passes: [] });
      // The threads' lists grew in the pass; the next job sends them the main thread's again, so it answers as one
      // thread that never made the pass does.
      alone.lag.step(0);
      side.lag.step(0);
      expect(alone.lag.refresh()).toBe(true);
      expect(await team.refresh(side.state, side.lag)).toBe(true);
      expect({ ...(dualState(side.state, side.lag) as object), passes: [] }).toEqual(dualState(alone.state, alone.lag));
      // ... with the thread's help: a replica left at another list would fail, and the main thread would answer alone.
      expect(teamTotals().failures).toBe(before.failures);
      expect(teamTotals().counties - before.counties).toBeGreaterThan(side.lag.open().length);
    } finally {
      await team.stop();
    }
  }, TIMEOUT);

  /** Prepares the side's counties, sending them to the team's threads as they are prepared, and ends the first pass as the schedule does. */
  async function earlyPass(instance: Instance, early: boolean): Promise<{ one: unknown; two: unknown; counties: number; failures: number }> {
    const alone = prepared(instance, {});
    expect(alone.lag.pricingPass()).toBe(true);
    const state = createState(makeContext(instance, { workers: 2 }), new Clock(Date.now(), 600));
    const lag = new Lagrangian(state);
    const before = teamTotals();
    const team = Team.start(state.ctx);
    try {
      const first = team.beginPass(state, lag, early);
      prepareCounties(state, (c) => first.offer(c));
      expect(await first.complete()).toBe(true);
    } finally {
      await team.stop();
    }
    const after = teamTotals();
    return { one: dualState(alone.state, alone.lag), two: dualState(state, lag), counties: after.counties - before.counties, failures: after.failures - before.failures };
  }

  it('the first pass begun on the threads while the counties are prepared equals one thread’s (a round of 110 counties)', async () => {
    const { one, two, counties, failures } = await earlyPass(generateInstance({ counties: 110, provinces: ['甘肃', '四川', '青海'] }, 5), true);
    expect(failures).toBe(0);
    expect(counties).toBeGreaterThan(0);
    expect(two).toEqual(one);
  }, TIMEOUT);

  it('... and where the loop turns the bound’s solves exact, the counties sent before are solved again', async () => {
    // Province: 50 open counties, so the loop's end makes the bound's solves exact; the jobs went out inexact.
    const { one, two, failures } = await earlyPass(generateInstance('province', 1), true);
    expect(failures).toBe(0);
    expect(two).toEqual(one);
  }, TIMEOUT);

  const failing: [string, WorkerScript][] = [
    ['cannot start', { file: 'throw new Error("no replica here")', eval: true }],
    ['dies in its first job', { file: 'const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => { if (m.type === "init") parentPort.postMessage({ type: "ready" }); else process.exit(3); });', eval: true }],
    ['answers a job with a failure', { file: 'const { parentPort } = require("node:worker_threads"); parentPort.on("message", (m) => parentPort.postMessage(m.type === "init" ? { type: "ready" } : { type: "failed", message: "no" }));', eval: true }],
  ];
  it.each(failing)('a thread that %s leaves the answers as they are (the main thread solves its counties)', async (_name, script) => {
    const instance = generateInstance('demo', 1);
    const one: unknown[] = [];
    await run(prepared(instance, {}), undefined, 4, one);
    const before = teamTotals();
    const side = prepared(instance, { workers: 2 });
    const team = Team.start(side.state.ctx, script);
    const two: unknown[] = [];
    try {
      await run(side, team, 4, two);
    } finally {
      await team.stop();
    }
    expect(teamTotals().failures).toBe(before.failures + 1);
    expect(two).toEqual(one);
  }, TIMEOUT);
});

/** The files a solve writes, but timing.json (its seconds). */
async function files(instance: Instance, options: OptionsInput): Promise<Map<string, Buffer>> {
  const result = await solve(instance, options);
  if (result.status === 'invalid') throw new Error(`refused: ${result.issues[0].message}`);
  const out = await writtenBytes(result);
  out.delete('timing.json');
  return out;
}

describe('whole solves: the same files whatever the number of workers', () => {
  it.each([
    ['tiny', generateInstance('tiny', 1), {}],
    ['demo', generateInstance('demo', 1), {}],
    ['province', generateInstance('province', 1), {}],
    ['a round with pins', PINNED, {}],
    ['demo in affinity mode', generateInstance('demo', 3), { objective: 'affinity' }],
  ] as [string, Instance, OptionsInput][])('%s', async (_name, instance, options) => {
    const one = await files(instance, { ...options, solver: 'scalable', workers: 1 });
    const before = teamTotals();
    const two = await files(instance, { ...options, solver: 'scalable', workers: 2 });
    const after = teamTotals();
    expect(after.threadsStarted - before.threadsStarted).toBe(1);
    expect(after.jobs - before.jobs).toBeGreaterThan(0);
    expect(after.failures).toBe(before.failures);
    // The solve stops its threads before it returns.
    expect(after.threadsRunning).toBe(0);
    expect([...two.keys()]).toEqual([...one.keys()]);
    for (const [name, bytes] of one) expect(two.get(name)?.equals(bytes), `${name} differs`).toBe(true);
    // `workers` never reaches summary.json.
    expect(JSON.parse(one.get('summary.json')!.toString('utf8'))['options']).not.toHaveProperty('workers');
  }, TIMEOUT);

  it('a time limit that cuts the solve still returns a valid result, and no thread outlives it', async () => {
    const result = await solve(generateInstance('province', 2), { solver: 'scalable', workers: 2, timeLimit: 0.3 });
    expect(result.status).not.toBe('invalid');
    expect(teamTotals().threadsRunning).toBe(0);
  }, TIMEOUT);
});
