/**
 * The rush path, for a time limit too short for the normal schedule.
 *
 * The schedule's first valid assignment comes after the county preparation
 * loop, a pricing pass, a repair and a local search: measured at 4.2–5.3
 * times the preparation loop after the loop starts (national: loop 0.55 s,
 * first assignment 2.8 s after the solve started; national-x10: loop 6.5 s,
 * first assignment 40 s after). When the loop's pace, projected from its
 * first counties, says that moment lies beyond the deadline, the run rushes:
 * each county gets a greedy group as soon as it is prepared (so a valid
 * result exists from the first county on), and after the loop the local
 * search improves that assignment until the deadline. The Lagrangian is
 * skipped, so the bound is the coarse per-county one.
 *
 * This is the one place where the clock picks a path. It does so only for a
 * run it has judged too short for the schedule, and marks that run cut
 * (status `time-limit`): a run that finishes its schedule never rushes, so
 * its result never depends on the clock.
 */
import { Assignment } from './assignment.js';
import { openCounties } from './bound.js';
import { placeBest, refreshFree, reoptimize } from './local-search.js';
import { matchLeftovers } from './polish.js';
import type { ScalableState } from './setup.js';

/** The schedule's first valid assignment, in preparation loops after the loop starts (measured 4.2–5.3; see the module comment). */
export const FIRST_RESULT_LOOPS = 5;

/** Counties between two projections of the loop's pace. */
const PROJECT_EVERY = 32;

/**
 * Counties scanned for free experts together: entering the pricer's free
 * mode walks every skill class (1.2 ms measured on national-x10), so it is paid
 * once per batch rather than per county.
 */
const SCAN_BATCH = 64;

/** Rounds of local search after the loop, at most (each ends early when nothing improves). */
const SEARCH_ROUNDS = 8;

/** Decides whether to rush, and builds the greedy assignment when it does. */
export class Rush {
  private assignment: Assignment | undefined;
  private readonly loopStart = Date.now();
  /** Counties whose candidates had no free group: they wait for a scan of the free experts. */
  private waiting: number[] = [];

  /** Members of a result that matches every county with its smallest group: what finishing the schedule's result takes time for. */
  private readonly fullMembers: number;

  constructor(private readonly state: ScalableState) {
    let members = 0;
    for (let c = 0; c < state.pool.nCounties; c++) members += state.pool.sizeMin[c]!;
    this.fullMembers = members;
  }

  /** True once the run rushes. */
  get active(): boolean {
    return this.assignment !== undefined;
  }

  /**
   * Told of each county the loop prepared (`done` counties so far): projects
   * the loop's pace every few counties and starts rushing when the schedule
   * cannot deliver before the deadline; once rushing, gives the county a group.
   */
  observe(county: number, done: number): void {
    if (this.assignment) this.admit(this.assignment, county);
    else if (done % PROJECT_EVERY === 0 && this.tooLate(done)) this.start(county);
  }

  /**
   * After the preparation loop: rushes if the whole loop's time says so (or
   * the deadline already cut the loop), then improves the greedy assignment
   * until the deadline. Returns it, or undefined when the run does not rush.
   */
  conclude(): Assignment | undefined {
    const { state } = this;
    const n = state.pool.nCounties;
    if (!this.assignment && (state.clock.cut || this.tooLate(n))) this.start(n - 1);
    const a = this.assignment;
    if (!a) return undefined;
    this.serveWaiting(a);
    state.countyState.forEach((s, c) => {
      if (s === 'unprepared') a.releasePins(c);
    });
    search(state, a);
    return a;
  }

  /** True when the loop's pace puts the schedule's first assignment past the deadline. */
  private tooLate(done: number): boolean {
    const elapsed = Date.now() - this.loopStart;
    const projectedLoop = (elapsed * this.state.pool.nCounties) / Math.max(1, done);
    return this.loopStart + FIRST_RESULT_LOOPS * projectedLoop > this.state.clock.deadlineFor(this.fullMembers);
  }

  /** Starts rushing: the run is marked cut, and the counties prepared up to `last` get their groups. */
  private start(last: number): void {
    const { state } = this;
    state.clock.cutShort();
    // Pins of counties not prepared yet keep their seats: those counties may still come.
    const a = new Assignment(state);
    this.assignment = a;
    state.clock.watchMembers(() => a.members);
    for (let c = 0; c <= last; c++) {
      if (state.clock.expired()) return;
      if (state.countyState[c] === 'open') this.admit(a, c);
    }
  }

  /** A county just prepared: a group from its candidates when it is open (else it waits for free experts); a county out of the search releases its pins' seats. */
  private admit(a: Assignment, county: number): void {
    if (this.state.countyState[county] !== 'open') {
      a.releasePins(county);
      return;
    }
    if (placeBest(this.state, a, county)) return;
    this.waiting.push(county);
    if (this.waiting.length >= SCAN_BATCH) this.serveWaiting(a);
  }

  /** The waiting counties are offered the free experts of the pool (one free-mode scan session for all), then take their best groups. */
  private serveWaiting(a: Assignment): void {
    const batch = this.waiting;
    this.waiting = [];
    refreshFree(this.state, a, batch, true);
    for (const c of batch) {
      if (this.state.clock.expired()) return;
      placeBest(this.state, a, c);
    }
  }
}

/** Local search on the greedy assignment until the deadline or until a round improves nothing: unmatched counties first, then scores. */
function search(state: ScalableState, a: Assignment): void {
  const { clock } = state;
  const open = openCounties(state);
  for (let round = 0; round < SEARCH_ROUNDS && !clock.expired(); round++) {
    const matched = a.matched;
    const objective = a.objective;
    matchLeftovers(state, a, open);
    refreshFree(state, a, open);
    reoptimize(state, a, open);
    if (a.matched === matched && a.objective <= objective + 1e-9 * Math.max(1, Math.abs(objective))) break;
  }
}
