/**
 * The dual side on every core: the counties of a refresh or a pricing pass
 * are independent within it (each reads the prices, the classes sorted by
 * them, and only its own list, warm start and latest answer; it writes only
 * those), so a team shares them between the main thread and worker threads
 * that hold replicas of the state (`replica.ts`), and takes the answers back
 * in county position order. The result is the one a single thread gives,
 * whatever the number of threads: a team without threads runs the very
 * same per-county steps (`Lagrangian.solveRestricted`, `passCounty`) on the
 * main thread.
 *
 * Threads start with the solve (their replicas build while the main thread
 * prepares the counties, and then take the first pass's counties as they
 * are prepared: `EarlyPass`), are unreferenced whenever no job is out (they
 * never keep the process alive), and are terminated by `stop` on every
 * path. A thread that fails (or cannot start) is dropped and its counties
 * are solved on the main thread.
 */
import { availableParallelism } from 'node:os';
import { Worker, type ResourceLimits } from 'node:worker_threads';
import type { RoundContext } from '../../../rules/context.js';
import type { CountyPass, Lagrangian, PassBound } from '../bound/lagrangian.js';
import type { Clock } from '../state/clock.js';
import { EXACT_BOUND_COUNTIES } from '../state/prepare.js';
import type { ScalableState } from '../state/state.js';
import { workerScript, type WorkerScript } from './locate.js';
import { splitCounties } from './partition.js';
import type { CountyIn, CountyOut, DoneMessage, FromWorker, InitMessage, JobKind, JobMessage, WorkerInit } from './protocol.js';
import { contextData } from './replica.js';
import { restoreList, snapshotList } from './sync.js';

/**
 * Rounds with fewer counties get no threads unless `workers` asks for them:
 * starting a thread and building its replica costs about what it saves.
 * Measured (2 cores, load about 1, scalable solver): 12 counties (demo)
 * 0.5 s on one thread, 0.8 s on two; 20 counties 1.8 s either way; 30
 * counties 2.7–3.9 s against 2.4–2.9 s; 50 (province) 9.1 s against 5.0 s.
 */
export const MIN_COUNTIES_FOR_THREADS = 30;

/**
 * How long a job waits at most for a thread to build its replica. Measured
 * on national: the thread is ready within 20 ms of the first pass (its
 * replica builds while the main thread prepares the counties).
 */
export const READY_WAIT_MS = 5000;

/**
 * The most threads (the main one included) a solve takes by default: each
 * holds a replica (about 45 MB on national), and only 2 cores were measured.
 */
export const MAX_DEFAULT_WORKERS = 8;

/**
 * The threads a solve of the round starts besides the main thread:
 * `workers − 1`; by default (`workers` unset) one per further core, up to
 * `MAX_DEFAULT_WORKERS` in all, on rounds of `MIN_COUNTIES_FOR_THREADS`
 * counties or more.
 */
export function threadsFor(ctx: RoundContext): number {
  const asked = ctx.options.workers;
  if (asked !== undefined) return Math.max(0, asked - 1);
  return ctx.counties.length >= MIN_COUNTIES_FOR_THREADS ? Math.max(0, Math.min(availableParallelism(), MAX_DEFAULT_WORKERS) - 1) : 0;
}

/**
 * The heap of a worker thread, bounded so that its garbage does not pile up.
 * Measured: a replica's live heap is 1.2 MB once built and 4.8 MB after a
 * pass on national (672 counties, 14,986 experts; 2.3–2.9 MB of typed
 * arrays besides), 10.5 and 43.6 MB on national-x10 (13–18 MB of typed
 * arrays). Unbounded, a thread's heap grew to 90–110 MB between
 * collections on national, which took the solve past 300 MB; with a young
 * generation of 8 MB and the old generation below (62 MB on national, 325
 * MB on national-x10: 7–13 times the live heap) it stayed at 25–30 MB, for
 * 1.1 s of collection in 16.8 s of work (0.7 s in 20 s unbounded). A
 * replica that outgrows it fails, and the main thread takes its counties
 * over.
 */
export const THREAD_HEAP = {
  youngMb: 8,
  /** Old generation: a base, and a share per expert of the round (the live heap grows with the round). */
  oldBaseMb: 32,
  oldPerExpertKb: 2,
} as const;

/** The resource limits of a worker thread for the round (see `THREAD_HEAP`). */
export function threadLimits(ctx: RoundContext): ResourceLimits {
  return {
    maxYoungGenerationSizeMb: THREAD_HEAP.youngMb,
    maxOldGenerationSizeMb: Math.ceil(THREAD_HEAP.oldBaseMb + (THREAD_HEAP.oldPerExpertKb * ctx.experts.length) / 1024),
  };
}

/** Wall time of one kind of team call (`refresh` or `pricingPass`), for benchmarks. */
export interface TeamTime {
  calls: number;
  /** Milliseconds in the calls, in all. */
  ms: number;
  /** Of which solving counties on the main thread. */
  hereMs: number;
  /** Of which waiting for threads (to be ready, to answer). */
  waitMs: number;
}

/** Counts over the process's teams, for tests and benchmarks: threads started, still running and failed, jobs and counties threads solved, time per kind of call. */
export interface TeamTotals {
  threadsStarted: number;
  threadsRunning: number;
  failures: number;
  jobs: number;
  counties: number;
  refresh: TeamTime;
  pass: TeamTime;
}

const noTime = (): TeamTime => ({ calls: 0, ms: 0, hereMs: 0, waitMs: 0 });
const totals: TeamTotals = { threadsStarted: 0, threadsRunning: 0, failures: 0, jobs: 0, counties: 0, refresh: noTime(), pass: noTime() };

/** A copy of the process's team counts. */
export function teamTotals(): TeamTotals {
  return { ...totals, refresh: { ...totals.refresh }, pass: { ...totals.pass } };
}

/** One worker thread and what the main thread knows of its replica. */
class Thread {
  private readonly worker: Worker;
  private status: 'starting' | 'ready' | 'dead' = 'starting';
  /** Resolves true once the replica is built, false if the thread fails first. */
  readonly ready: Promise<boolean>;
  private settleReady: (ok: boolean) => void = () => {};
  /** The jobs out, oldest first: the thread answers them in the order they were sent. */
  private readonly pending: ((m: DoneMessage | undefined) => void)[] = [];
  private initSent = false;
  /** Per county: the version of the list the replica holds (−1: none sent yet). */
  private known: Int32Array | undefined;

  constructor(script: WorkerScript, limits: ResourceLimits) {
    this.ready = new Promise((resolve) => (this.settleReady = resolve));
    this.worker = new Worker(script.file, { ...(script.eval ? { eval: true } : {}), ...(script.execArgv ? { execArgv: [...script.execArgv] } : {}), resourceLimits: limits });
    totals.threadsStarted++;
    totals.threadsRunning++;
    this.worker.on('message', (m: FromWorker) => {
      if (m.type === 'ready') {
        if (this.status === 'starting') this.status = 'ready';
        this.settleReady(true);
      } else if (m.type === 'done') this.pending.shift()?.(m);
      else this.fail();
    });
    this.worker.on('error', () => this.fail());
    this.worker.on('messageerror', () => this.fail());
    this.worker.on('exit', () => {
      totals.threadsRunning--;
      this.fail();
    });
    // Referenced only while the main thread waits for it (`hold`).
    this.worker.unref();
  }

  /** Sends the thread its round (once; a round that cannot be sent fails the thread). */
  init(round: WorkerInit): void {
    if (this.status !== 'starting' || this.initSent) return;
    this.initSent = true;
    const first: InitMessage = { type: 'init', round };
    try {
      this.worker.postMessage(first);
    } catch {
      this.fail();
    }
  }

  get isReady(): boolean {
    return this.status === 'ready';
  }

  get isStarting(): boolean {
    return this.status === 'starting';
  }

  /** The version of the county's list the replica holds. */
  knows(county: number, nCounties: number): number {
    this.known ??= new Int32Array(nCounties).fill(-1);
    return this.known[county]!;
  }

  /** Notes that the replica's list of the county may differ from the main thread's (it is sent with the next job). */
  forget(county: number): void {
    if (this.known) this.known[county] = -1;
  }

  /** Notes the version of the county's list the replica now holds. */
  learn(county: number, version: number): void {
    if (this.known) this.known[county] = version;
  }

  get isDead(): boolean {
    return this.status === 'dead';
  }

  /** Sends a job (behind those still out, even while the replica builds); resolves with its answer, or undefined when the thread fails first. */
  send(job: JobMessage): Promise<DoneMessage | undefined> {
    if (this.status === 'dead') return Promise.resolve(undefined);
    return new Promise((resolve) => {
      this.pending.push(resolve);
      try {
        this.worker.postMessage(job);
      } catch {
        this.fail();
      }
    });
  }

  ref(): void {
    if (this.status !== 'dead') this.worker.ref();
  }

  unref(): void {
    if (this.status !== 'dead') this.worker.unref();
  }

  /** Drops a thread that failed: no more jobs; a job out resolves undefined. */
  private fail(): void {
    if (this.status === 'dead') return;
    totals.failures++;
    void this.end();
  }

  /** Terminates the thread (a job out resolves undefined). */
  async stop(): Promise<void> {
    if (this.status !== 'dead') await this.end();
  }

  private async end(): Promise<void> {
    this.status = 'dead';
    this.settleReady(false);
    for (const settle of this.pending.splice(0)) settle(undefined);
    await this.worker.terminate();
  }
}

/** A pricing pass out on the threads (`EarlyPass.background`). */
export interface PassInFlight {
  /** Waits for the threads, then adds the pass (`Lagrangian.addPass`) when every county was solved before the deadline; returns whether it did. */
  take(): Promise<boolean>;
}

/**
 * Counties per job of an early pass: a sixteenth of the round, at least
 * 32 (each job carries the prices, 1.2 MB on national-x10, and is answered
 * as a whole).
 */
const EARLY_JOBS = 16;
const EARLY_JOB_MIN = 32;

/** One job of an early pass. */
interface EarlyJob {
  readonly thread: Thread;
  readonly counties: readonly number[];
  readonly answer: Promise<DoneMessage | undefined>;
}

/** Pass 0 begun during the county preparation (`Team.beginPass`). */
export class EarlyPass {
  private batch: number[] = [];
  private readonly jobs: EarlyJob[] = [];
  private readonly sent = new Set<number>();
  private next = 0;
  private readonly size: number;
  /** The pass's capacity term, at the prices it was begun at. */
  private readonly pass: PassBound;
  /** The exactness the early jobs went out with. */
  private readonly sentExact: readonly [boolean, boolean];

  constructor(
    private readonly state: ScalableState,
    private readonly lag: Lagrangian,
    private readonly threads: readonly Thread[],
    /**
     * Whether counties go out while they are prepared. Not by default on
     * rounds small enough that the bound's solves may turn exact once the
     * loop has counted the open counties (`EXACT_BOUND_COUNTIES`): the jobs
     * carry the solves' exactness as it stands when they go out, and jobs
     * sent with another are solved again (`discard`).
     */
    private readonly early: boolean,
    /** A pass job for the thread. */
    private readonly jobFor: (thread: Thread, counties: readonly number[]) => JobMessage,
    private readonly share: (counties: readonly number[]) => Promise<{ cut: boolean; parts: Map<number, CountyPass> }>,
  ) {
    this.size = Math.max(EARLY_JOB_MIN, Math.ceil(state.pool.nCounties / EARLY_JOBS));
    this.pass = lag.newPass();
    this.sentExact = [state.subs.exactBounds, state.subs.exactSearch];
  }

  /**
   * A county just prepared: when open, it joins the next job. Its list,
   * warm start and answer must stay as they are until the pass ends (the
   * normal schedule changes none before pass 0; the rush path, which does,
   * takes the bound only).
   */
  offer(county: number): void {
    if (!this.early || this.threads.length === 0 || this.state.countyState[county] !== 'open') return;
    this.batch.push(county);
    // Jobs go out from the loop's middle on. The rush reads the loop's pace from its first counties; with jobs from
    // the start, 3 of 7 benchmark runs of national-x10 at 60 s took another rush course and matched 53–56 counties
    // fewer; from the middle on, all 6 runs (60 and 90 s) rushed at the loop's end, as without jobs.
    if (county + 1 < this.state.pool.nCounties / 2) return;
    while (this.batch.length >= this.size) this.flush(this.size);
  }

  /** Sends the first `count` counties of the batch to the next thread. */
  private flush(count: number): void {
    this.sendJob(this.batch.slice(0, count));
    this.batch = this.batch.slice(count);
  }

  /** Sends the counties (when any) to the next thread as one job. */
  private sendJob(counties: readonly number[]): void {
    if (counties.length === 0) return;
    const thread = this.threads[this.next++ % this.threads.length]!;
    for (const c of counties) this.sent.add(c);
    this.jobs.push({ thread, counties, answer: thread.send(this.jobFor(thread, counties)) });
  }

  /**
   * Ends the pass (`Team.pricingPass` is this with nothing sent ahead):
   * the open counties not sent yet shared among the main thread and the threads, those of a failed
   * job solved here, every answer, list and warm start taken, and the pass
   * added unless the deadline cut it. Returns false when it did.
   */
  async complete(): Promise<boolean> {
    const { state, lag } = this;
    this.batch = [];
    if (state.subs.exactBounds !== this.sentExact[0] || state.subs.exactSearch !== this.sentExact[1]) await this.discard();
    const open = lag.open();
    const { cut: shareCut, parts } = await this.share(open.filter((c) => !this.sent.has(c)));
    let cut = shareCut;
    const done = await hold(this.threads, Promise.all(this.jobs.map((j) => j.answer)));
    if (takeAnswers(state, lag, 'pass', this.jobs, done, parts)) cut = true;
    // In position order, as one thread would: counties found alone-infeasible leave the search in that order.
    for (const c of open) {
      const part = parts.get(c);
      if (part) lag.takePass(c, part, this.pass);
    }
    if (cut) {
      state.clock.expired();
      return false;
    }
    lag.addPass(this.pass);
    return true;
  }

  /**
   * Drops the early jobs' answers (solved with another exactness than the
   * pass needs once the loop has counted the open counties): their counties
   * are solved again, and the threads take the main thread's lists anew.
   */
  private async discard(): Promise<void> {
    await hold(this.threads, Promise.all(this.jobs.map((j) => j.answer)));
    for (const job of this.jobs) for (const c of job.counties) job.thread.forget(c);
    this.jobs.length = 0;
    this.sent.clear();
  }

  /**
   * Ends the pass on the threads alone, beside work of the main thread's
   * own (the rush's local search, which changes lists and reads no part of
   * the pass): the open counties not sent yet go out too, and `take`
   * counts only the bound. The lists, warm starts and answers the threads
   * found stay theirs, and the threads are told to take those of the main
   * thread with their next job. Undefined without a thread; no other job
   * may go out before `take`.
   */
  background(): PassInFlight | undefined {
    if (this.threads.length === 0) return undefined;
    const { lag } = this;
    const open = lag.open();
    // The rest is dealt to every thread at once.
    this.batch = [];
    for (const part of splitCounties(open.filter((c) => !this.sent.has(c)), this.threads.length)) this.sendJob(part);
    const take = async (): Promise<boolean> => {
      const done = await hold(this.threads, Promise.all(this.jobs.map((j) => j.answer)));
      const parts = new Map<number, CountyPass>();
      done.forEach((answer, k) => {
        const job = this.jobs[k]!;
        for (const c of job.counties) job.thread.forget(c);
        if (!answer || answer.cut) return;
        totals.jobs++;
        totals.counties += answer.counties.length;
        for (const out of answer.counties) if (out.part) parts.set(out.county, out.part);
      });
      // A county a thread failed or the deadline cut leaves the pass incomplete: no bound from it.
      if (open.some((c) => !parts.has(c))) return false;
      for (const c of open) lag.takePass(c, parts.get(c)!, this.pass);
      lag.addPass(this.pass);
      return true;
    };
    return { take };
  }
}

/** The main thread and its worker threads, sharing the dual side's counties. */
export class Team {
  private nextJob = 0;
  /** The round has been sent to the threads (`send`). */
  private sent = false;

  private constructor(private readonly threads: Thread[]) {}

  /**
   * Starts the threads of a solve of the round (`threadsFor`), which load
   * their code until `send` gives them the compiled round; none when the
   * worker script cannot be found or a thread cannot be created (the team
   * then works on the main thread alone). `script`: the threads' script
   * (default `workerScript()`; tests give others).
   */
  static start(ctx: RoundContext, script?: WorkerScript): Team {
    const n = threadsFor(ctx);
    const found = n > 0 ? (script ?? workerScript()) : undefined;
    if (!found) return new Team([]);
    const threads: Thread[] = [];
    try {
      const limits = threadLimits(ctx);
      for (let i = 0; i < n; i++) threads.push(new Thread(found, limits));
    } catch {
      // No thread could be created: those made so far go, the main thread works alone.
      for (const t of threads) void t.stop();
      return new Team([]);
    }
    return new Team(threads);
  }

  /**
   * Sends the threads the compiled round, once the main thread has built
   * its state: their replicas build while the counties are prepared here.
   * (The first job sends it if this was not called.)
   */
  send(state: ScalableState): void {
    if (this.sent || this.threads.length === 0) return;
    this.sent = true;
    const { ctx, ...pool } = state.pool;
    const round: WorkerInit = { pool, context: contextData(ctx) };
    for (const t of this.threads) t.init(round);
  }

  /** `Lagrangian.refresh`, with the counties to re-solve shared among the threads. Returns false when the deadline cut it. */
  async refresh(state: ScalableState, lag: Lagrangian): Promise<boolean> {
    if (state.clock.expired()) return false;
    const t0 = performance.now();
    const { cut } = await this.share(state, lag, 'refresh', lag.toRefresh());
    totals.refresh.ms += performance.now() - t0;
    return !cut;
  }

  /** `Lagrangian.pricingPass`, with the open counties shared among the threads. Returns false when the deadline cut it (the partial pass is dropped). */
  async pricingPass(state: ScalableState, lag: Lagrangian): Promise<boolean> {
    const t0 = performance.now();
    // A pass with no county sent ahead: `complete` shares them all.
    const done = await this.beginPass(state, lag, false).complete();
    totals.pass.ms += performance.now() - t0;
    return done;
  }

  /**
   * Pass 0 (at the first prices, before any step) begun while the counties
   * are prepared: `EarlyPass.offer` sends each prepared county, in batches,
   * to the threads, which solve them while the main thread prepares the
   * next (their replicas take jobs as soon as they are built). Ended by
   * `EarlyPass.complete` (the normal schedule) or `EarlyPass.background`
   * (the rush path). `early`: whether counties go out as they are prepared
   * (default: on rounds of more than `EXACT_BOUND_COUNTIES` counties, see
   * `EarlyPass`; tests force it).
   */
  beginPass(state: ScalableState, lag: Lagrangian, early = state.pool.nCounties > EXACT_BOUND_COUNTIES): EarlyPass {
    this.send(state);
    const live = this.threads.filter((t) => !t.isDead);
    return new EarlyPass(state, lag, live, early, (t, counties) => this.job(t, state, lag, 'pass', counties), (counties) => this.share(state, lag, 'pass', counties));
  }

  /** Terminates the threads (the team then works on the main thread alone). */
  async stop(): Promise<void> {
    const threads = this.threads.splice(0);
    await Promise.all(threads.map((t) => t.stop()));
  }

  /**
   * Solves `counties` (position order) for a job of the kind: a share on
   * the main thread, one per ready thread; answers taken in position order.
   * Returns whether the deadline cut it, and each solved county's pass part.
   */
  private async share(state: ScalableState, lag: Lagrangian, kind: JobKind, counties: readonly number[]): Promise<{ cut: boolean; parts: Map<number, CountyPass> }> {
    const parts = new Map<number, CountyPass>();
    this.send(state);
    const t0 = performance.now();
    const threads = counties.length === 0 ? [] : await this.readyThreads(state.clock);
    const t1 = performance.now();
    const shares = splitCounties(counties, threads.length + 1);
    const answers = threads.map((t, i) => (shares[i + 1]!.length === 0 ? Promise.resolve(undefined) : t.send(this.job(t, state, lag, kind, shares[i + 1]!))));
    let cut = solveHere(state, lag, kind, shares[0]!, parts);
    const t2 = performance.now();
    const done = await hold(threads, Promise.all(answers));
    const t3 = performance.now();
    if (takeAnswers(state, lag, kind, threads.map((thread, i) => ({ thread, counties: shares[i + 1]! })), done, parts)) cut = true;
    const time = totals[kind];
    time.calls++;
    time.hereMs += t2 - t1;
    time.waitMs += t1 - t0 + (t3 - t2);
    // A thread's deadline is the main thread's: the clock has passed it too (and remembers it).
    if (cut) state.clock.expired();
    return { cut, parts };
  }

  /**
   * The threads ready for a job, waiting for those still building their
   * replicas (until the deadline, `READY_WAIT_MS` at most: a thread still
   * not ready is left out of this job, not of the next).
   */
  private async readyThreads(clock: Clock): Promise<Thread[]> {
    const starting = this.threads.filter((t) => t.isStarting);
    const ms = Math.min(clock.remainingMs(), READY_WAIT_MS);
    if (starting.length > 0 && ms > 0) {
      let timer: NodeJS.Timeout | undefined;
      const late = new Promise<void>((resolve) => {
        timer = setTimeout(resolve, ms);
        timer.unref();
      });
      await hold(starting, Promise.race([Promise.all(starting.map((t) => t.ready)), late]));
      clearTimeout(timer);
    }
    return this.threads.filter((t) => t.isReady);
  }

  /** A job for a thread: what its replica needs for the counties, and the counties. */
  private job(thread: Thread, state: ScalableState, lag: Lagrangian, kind: JobKind, counties: readonly number[]): JobMessage {
    const { store, subs, pricer, clock, pool } = state;
    const items = counties.map((county): CountyIn => {
      const version = store.version[county]!;
      const sendList = thread.knows(county, pool.nCounties) !== version;
      if (sendList) thread.learn(county, version);
      return { county, version, ...(sendList ? { list: snapshotList(store, county) } : {}), warm: subs.warmStartOf(county), members: lag.members[county], choice: lag.choice[county] };
    });
    return { type: 'job', id: this.nextJob++, kind, deadline: clock.deadline, prices: pricer.price, exactBounds: subs.exactBounds, exactSearch: subs.exactSearch, counties: items };
  }
}

/** Solves counties on the main thread (position order) until done or past the deadline; returns true when the deadline cut it. */
function solveHere(state: ScalableState, lag: Lagrangian, kind: JobKind, counties: readonly number[], parts: Map<number, CountyPass>): boolean {
  for (const c of counties) {
    if (state.clock.expired()) return true;
    if (kind === 'refresh') lag.solveRestricted(c);
    else parts.set(c, lag.passCounty(c));
  }
  return false;
}

/**
 * Takes the threads' answers to jobs (`done[k]` answers `jobs[k]`; an empty
 * job has none) in county position order; the counties of a job whose
 * thread failed are solved here (the main thread's state is untouched by
 * the job). Returns true when the deadline cut one.
 */
function takeAnswers(state: ScalableState, lag: Lagrangian, kind: JobKind, jobs: readonly { thread: Thread; counties: readonly number[] }[], done: readonly (DoneMessage | undefined)[], parts: Map<number, CountyPass>): boolean {
  let cut = false;
  const taken: { thread: Thread; out: CountyOut }[] = [];
  done.forEach((answer, k) => {
    const job = jobs[k]!;
    if (job.counties.length === 0) return;
    if (answer === undefined) {
      if (solveHere(state, lag, kind, job.counties, parts)) cut = true;
      return;
    }
    totals.jobs++;
    totals.counties += answer.counties.length;
    if (answer.cut) cut = true;
    for (const out of answer.counties) taken.push({ thread: job.thread, out });
  });
  taken.sort((a, b) => a.out.county - b.out.county);
  for (const { thread, out } of taken) take(thread, state, lag, out, parts);
  return cut;
}

/** Takes a county a thread solved: its list (when the job changed it), its warm start, its answer and pass part. */
function take(thread: Thread, state: ScalableState, lag: Lagrangian, out: CountyOut, parts: Map<number, CountyPass>): void {
  if (out.list) restoreList(state.store, out.county, out.list, out.version);
  thread.learn(out.county, out.version);
  state.subs.setWarmStart(out.county, out.warm);
  if (out.part) parts.set(out.county, out.part);
  // A county found alone-infeasible keeps no answer (`takePass` clears it).
  if (!out.part?.infeasible) lag.adopt(out.county, out);
}

/** Waits for `what` with the threads referenced (the process stays alive for them meanwhile). */
async function hold<T>(threads: readonly Thread[], what: Promise<T>): Promise<T> {
  for (const t of threads) t.ref();
  try {
    return await what;
  } finally {
    for (const t of threads) t.unref();
  }
}
