/**
 * The messages between the main thread and a worker thread of the dual
 * side (`team.ts` ↔ `worker.ts`). A worker holds a replica of the state
 * (`replica.ts`), built from the compiled round it is sent first; each job brings
 * what changed since (prices, flags, lists whose version moved, warm starts
 * and each county's latest answer) and the counties to solve, and the reply
 * brings back, per county solved, what the main thread needs to take the
 * answer as its own.
 */
import type { Options } from '../../../model/options.js';
import type { County, Pin } from '../../../model/schemas.js';
import type { RoundContext } from '../../../rules/context.js';
import type { Pool } from '../model/pool.js';
import type { CountyPass } from '../bound/lagrangian.js';
import type { GroupChoice } from '../columns/subproblem.js';
import type { ListSnapshot } from './sync.js';

/** The compiled pool as sent to a worker: every field but the round's context. */
export type PoolData = Omit<Pool, 'ctx'>;

/**
 * The parts of the round's context a replica reads (`replica.ts`:
 * `REPLICA_CONTEXT`), each whole: the options, the affinity range, the
 * counties and their pins (candidate lists know their pinned experts), and
 * every expert's id in position order (the expert index is rebuilt from it).
 */
export interface ContextData {
  readonly options: Options;
  readonly affinityRange: RoundContext['affinityRange'];
  readonly counties: readonly County[];
  readonly pinsByCounty: ReadonlyMap<string, readonly Pin[]>;
  readonly expertIds: readonly string[];
}

/** What a worker builds its replica from: the pool the main thread compiled, and the context it reads. */
export interface WorkerInit {
  readonly pool: PoolData;
  readonly context: ContextData;
}

/**
 * The first message to a worker: its round, once the main thread has
 * compiled it (the thread starts earlier, and loads its code meanwhile).
 */
export interface InitMessage {
  readonly type: 'init';
  readonly round: WorkerInit;
}

/** What a job does per county: a refresh's restricted solve, or a pricing pass's part. */
export type JobKind = 'refresh' | 'pass';

/** A county of a job, with what the replica needs to be equal to the main thread for it. */
export interface CountyIn {
  readonly county: number;
  /** The version of the county's list on the main thread. */
  readonly version: number;
  /** The list, when the replica's version differs. */
  readonly list?: ListSnapshot;
  /** The county's warm start on the main thread (undefined: none yet). */
  readonly warm: Float64Array | undefined;
  /** The county's latest answer on the main thread (its members, its complete group): the search's hint, and what trimming keeps. */
  readonly members: number[] | undefined;
  readonly choice: GroupChoice | undefined;
}

/** A job for a worker. */
export interface JobMessage {
  readonly type: 'job';
  readonly id: number;
  readonly kind: JobKind;
  /** `Date.now()` past which no further county is begun (the solve's deadline). */
  readonly deadline: number;
  /** Every expert's price. */
  readonly prices: Float64Array;
  /** `Subproblems.exactBounds` and `exactSearch` on the main thread. */
  readonly exactBounds: boolean;
  readonly exactSearch: boolean;
  /** The counties, in position order. */
  readonly counties: readonly CountyIn[];
}

/** A county a worker solved, with what the main thread takes over. */
export interface CountyOut {
  readonly county: number;
  /** The county's answer, as `Lagrangian.adopt` records it (not taken when `part` says infeasible). */
  readonly members: number[] | undefined;
  readonly choice: GroupChoice | undefined;
  readonly value: number;
  /** The warm start its solves left. */
  readonly warm: Float64Array | undefined;
  /** The version of its list after the job, and the list when the job changed it. */
  readonly version: number;
  readonly list?: ListSnapshot;
  /** A pricing pass's part (a refresh has none). */
  readonly part?: CountyPass;
}

/** What the main thread sends a worker: its round, then jobs. */
export type ToWorker = InitMessage | JobMessage;

/** A worker's answer to a job: the counties it solved, in position order, and whether the deadline stopped it first. */
export interface DoneMessage {
  readonly type: 'done';
  readonly id: number;
  readonly counties: readonly CountyOut[];
  readonly cut: boolean;
}

/** What a worker sends: ready (its replica is built), a job done, or a failure (then it takes no more jobs). */
export type FromWorker = { readonly type: 'ready' } | DoneMessage | { readonly type: 'failed'; readonly message: string };
