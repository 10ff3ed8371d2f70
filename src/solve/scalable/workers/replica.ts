/**
 * A replica of the dual side's state on a worker thread: the round's
 * indexes built over the pool the main thread compiled (`indexesOf`, the
 * same on every thread), and a `Lagrangian` over them that solves the counties of each
 * job exactly as the main thread would (`solveRestricted`, `passCounty`),
 * once the job has made the replica equal to the main thread for them
 * (`sync.ts`). Thread-free: `worker.ts` wires it to a port, tests call it
 * directly.
 */
import type { RoundContext } from '../../../rules/context.js';
import { Lagrangian, type CountyPass } from '../bound/lagrangian.js';
import { Clock } from '../state/clock.js';
import { indexesOf, type CountyState, type ScalableState } from '../state/state.js';
import type { ContextData, CountyOut, DoneMessage, JobMessage, WorkerInit } from './protocol.js';
import { restoreList, snapshotList, syncPrices } from './sync.js';

/** Thrown when a job finds the replica's list of a county at another version than the main thread's without sending it (a bookkeeping bug: the replica would answer for another list). */
export class ReplicaDriftError extends Error {
  constructor(readonly county: number, readonly replicaVersion: number, readonly mainVersion: number) {
    super(`the replica's list of county ${county} is at version ${replicaVersion}, the main thread's at ${mainVersion}, and the job did not send it`);
    this.name = 'ReplicaDriftError';
  }
}

/** Thrown when the replica reads a part of the round's context it was not sent (see `REPLICA_CONTEXT`): the main thread then solves the job itself. */
export class ReplicaContextError extends Error {
  constructor(readonly field: string) {
    super(`the replica read ctx.${field}, which a worker is not sent (workers/replica.ts: REPLICA_CONTEXT)`);
    this.name = 'ReplicaContextError';
  }
}

/**
 * The parts of the round's context a replica reads: the options (the
 * subproblems' rules and seed), the affinity range (`fitOf`), and, while
 * the candidate store is built, the counties, their pins and the expert
 * index. A worker is sent only these (`ContextData`), each whole, not the
 * round: reading any other part throws `ReplicaContextError`, so that a new
 * read fails loudly (and the main thread takes the job over) rather than
 * going unnoticed.
 */
export const REPLICA_CONTEXT = ['options', 'affinityRange', 'counties', 'pinsByCounty', 'expertIndex'] as const;

/** The context parts a worker is sent, from the round's context. */
export function contextData(ctx: RoundContext): ContextData {
  return { options: ctx.options, affinityRange: ctx.affinityRange, counties: ctx.counties, pinsByCounty: ctx.pinsByCounty, expertIds: ctx.experts.map((e) => e.id) };
}

/** The context of a replica: `REPLICA_CONTEXT` from what it was sent, any other read an error. */
function replicaContext(data: ContextData): RoundContext {
  const kept: Pick<RoundContext, (typeof REPLICA_CONTEXT)[number]> = {
    options: data.options,
    affinityRange: data.affinityRange,
    counties: data.counties,
    pinsByCounty: data.pinsByCounty,
    expertIndex: new Map(data.expertIds.map((id, i) => [id, i])),
  };
  return new Proxy(kept, {
    get(target, key) {
      if (typeof key === 'string' && !(key in target)) throw new ReplicaContextError(key);
      return Reflect.get(target, key);
    },
  }) as unknown as RoundContext;
}

/** The replica of one worker. */
export class Replica {
  private readonly state: ScalableState;
  private readonly lag: Lagrangian;

  /** Builds the replica from the compiled round (every list empty until a job sends it). */
  constructor(init: WorkerInit) {
    const ctx = replicaContext(init.context);
    const indexes = indexesOf({ ...init.pool, ctx });
    // The replica never looks at the clock: each job carries its deadline.
    const clock = new Clock(Date.now(), Infinity);
    this.state = { ctx, ...indexes, clock, countyState: new Array<CountyState>(indexes.pool.nCounties).fill('open'), reasons: new Map() };
    this.lag = new Lagrangian(this.state);
  }

  /** Runs a job: syncs the replica for its counties, then solves them in position order until done or past the deadline. */
  run(job: JobMessage): DoneMessage {
    const { store, subs, pricer } = this.state;
    const lag = this.lag;
    syncPrices(pricer, job.prices);
    subs.exactBounds = job.exactBounds;
    subs.exactSearch = job.exactSearch;
    for (const c of job.counties) {
      if (c.list) restoreList(store, c.county, c.list, c.version);
      else if (store.version[c.county] !== c.version) throw new ReplicaDriftError(c.county, store.version[c.county]!, c.version);
      subs.setWarmStart(c.county, c.warm);
      lag.members[c.county] = c.members;
      lag.choice[c.county] = c.choice;
    }
    const out: CountyOut[] = [];
    let cut = false;
    for (const { county } of job.counties) {
      if (Date.now() >= job.deadline) {
        cut = true;
        break;
      }
      const before = store.version[county]!;
      let part: CountyPass | undefined;
      if (job.kind === 'refresh') lag.solveRestricted(county);
      else part = lag.passCounty(county);
      const version = store.version[county]!;
      out.push({
        county, members: lag.members[county], choice: lag.choice[county], value: lag.value[county]!, warm: subs.warmStartOf(county), version,
        ...(version !== before ? { list: snapshotList(store, county) } : {}), ...(part ? { part } : {}),
      });
    }
    return { type: 'done', id: job.id, counties: out, cut };
  }
}
