/**
 * The state a scalable solve shares between its phases: the compiled pool
 * and its indexes (skill classes, pricer, candidate store, subproblems), the
 * clock, and where each county stands. Built once (`createState`); each
 * county's first candidates come from `prepare.ts`.
 */
import { poolIndexOf } from '../../../explain/pool-index.js';
import type { Diagnosis } from '../../../explain/diagnose.js';
import type { County } from '../../../model/schemas.js';
import type { RoundContext } from '../../../rules/context.js';
import { CandidateStore } from '../columns/candidates.js';
import { Pricer } from '../columns/pricing.js';
import { Subproblems } from '../columns/subproblem.js';
import { buildClasses, type SkillClasses } from '../model/classes.js';
import { compilePool, type Pool } from '../model/pool.js';
import type { Clock } from './clock.js';

/**
 * Where a county stands: in the search ('open'), proven unmatchable
 * ('diagnosed', 'alone-infeasible'), or outside the search though a valid
 * result might match it ('unsupported': beyond what the subproblem
 * represents; 'unprepared': the time limit ran out before its turn).
 */
export type CountyState = 'open' | 'diagnosed' | 'alone-infeasible' | 'unsupported' | 'unprepared';

/** Everything a scalable solve shares between its phases. */
export interface ScalableState {
  readonly ctx: RoundContext;
  readonly pool: Pool;
  readonly classes: SkillClasses;
  readonly pricer: Pricer;
  readonly store: CandidateStore;
  readonly subs: Subproblems;
  readonly clock: Clock;
  /** Per county: open, or why not. */
  readonly countyState: CountyState[];
  /** Reasons of counties that are not open. */
  readonly reasons: Map<number, Diagnosis>;
}

/** The indexes of a scalable solve, built from the round alone: the same for the same round, wherever built. */
export type StateIndexes = Pick<ScalableState, 'pool' | 'classes' | 'pricer' | 'store' | 'subs'>;

/**
 * The compiled pool, skill classes, pricer, candidate store (every list
 * empty) and subproblems of a round: what `createState` builds.
 */
export function createIndexes(ctx: RoundContext): StateIndexes {
  return indexesOf(compilePool(ctx));
}

/**
 * The indexes over a compiled pool: what a replica of the state on another
 * thread builds from the pool the main thread compiled (`workers/replica.ts`).
 */
export function indexesOf(pool: Pool): StateIndexes {
  const classes = buildClasses(pool);
  const pricer = new Pricer(pool, classes, pool.ctx.options.seed);
  const store = new CandidateStore(pool);
  const subs = new Subproblems(pool, store);
  return { pool, classes, pricer, store, subs };
}

/**
 * Builds the state's indexes (the compiled pool, skill classes, pricer,
 * candidate store and subproblems); every county starts open, with no
 * candidates yet (see `prepareCounties`).
 */
export function createState(ctx: RoundContext, clock: Clock): ScalableState {
  const indexes = createIndexes(ctx);
  // The diagnosis reads the pool's index; built here rather than inside the first county's turn, so that
  // the time of the county loop (which `rush.ts` projects from its first counties) is even.
  poolIndexOf(ctx);
  return { ctx, ...indexes, clock, countyState: new Array<CountyState>(indexes.pool.nCounties).fill('open'), reasons: new Map() };
}

/** A county as people name it. */
export function label(county: County): string {
  return county.name ? `${county.name} (${county.id})` : county.id;
}
