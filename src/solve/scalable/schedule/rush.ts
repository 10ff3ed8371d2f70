/**
 * The rush path, for a time limit too short for the normal schedule.
 *
 * The schedule's first valid assignment is the repair at the first prices,
 * after the county preparation loop and a pricing pass; its second is the
 * first that the prices improved. Measured on an idle machine, they come
 * 5.4 and 11.5 preparation loops after the loop starts on national (loop
 * 0.26 s), 6.1 and 12.3 on national-x10 (loop 4.8 s). A run that cannot
 * reach the second does better to rush (measured, load 2–4): on national at
 * 5 s the schedule's cut result matched 667 of 672 counties, the rush's all
 * 672 (at 8 s the schedule's was better: gap 2.2% against 4.6%); on
 * national-x10 at 60 s the schedule's matched 6,504 of 6,720 with a gap of
 * 9.6%, the rush's 6,720 with 5.5%.
 *
 * When the loop ends with that second assignment beyond the deadline, the
 * run rushes: each county gets a greedy group, and the local search improves
 * that assignment until the deadline. When the loop's pace says that even
 * the loop will not end before the deadline, the rush starts at once, and
 * each county gets its group as soon as it is prepared, so that a valid
 * result exists whenever the deadline comes. The pace of the first counties
 * overstates the loop's time (measured: 12× at 32 counties of national-x10,
 * 2.3× at a sixteenth of them; 2.4× at 64 counties of national), so it is
 * read from a sixteenth of the counties on, and only against the loop's own
 * end, never against the schedule's 13 loops.
 *
 * The Lagrangian steps are skipped; one pricing pass at zero prices gives
 * the bound (each county's best group alone, over the whole pool): on the
 * worker threads, begun while the counties are prepared and ended beside
 * the local search, when there are any, else after the search when time is
 * left; without it the bound is the coarse per-county one.
 *
 * This is the one place where the clock picks a path. It does so only for a
 * run it has judged too short for the schedule, and marks that run cut
 * (status `time-limit`): a run that finishes its schedule never rushes, so
 * its result never depends on the clock.
 */
import { Assignment, compareAssignments, type Standing } from '../primal/assignment.js';
import { openCounties } from '../state/county-states.js';
import { placeBest, refreshFree, reoptimize } from '../primal/local-search.js';
import { matchLeftovers } from '../primal/polish.js';
import type { ScalableState } from '../state/state.js';

/** The schedule's second valid assignment, in preparation loops after the loop starts (measured 11.5 and 12.3; see the module comment). */
export const SECOND_RESULT_LOOPS = 13;

/**
 * On one thread, the pricing pass at zero prices after the search is
 * started with this many preparation loops of time left. It takes more
 * (national-x10 seed 1, one thread: 26.3 s after a 12.1 s loop), but a pass
 * the deadline cuts is dropped, costing only time that nothing else needed,
 * while one not started leaves the coarse bound. With threads the pass
 * begins during the loop and ends beside the search instead
 * (`Team.beginPass`): national-x10 seeds 1–3 at the 60 s limit end at
 * gaps of 4.9–5.7% against 11.0–11.8% with the coarse bound.
 */
export const BOUND_PASS_LOOPS = 1;

/** Counties between two projections of the loop's pace. */
const PROJECT_EVERY = 32;

/** The loop's pace is projected from this share of the counties on (see the module comment). */
const PROJECT_FROM_SHARE = 1 / 16;

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
  /** Milliseconds the preparation loop took (set when it ends). */
  private loopMs = 0;
  /** Counties whose candidates had no free group: they wait for a scan of the free experts. */
  private waiting: number[] = [];

  /** Members of a result that matches every county with its smallest group: what finishing the schedule's result needs time for. */
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
   * the loop's pace every few counties and starts rushing when the loop
   * itself cannot end before the deadline; once rushing, gives the county a
   * group.
   */
  observe(county: number, done: number): void {
    if (this.assignment) this.admit(this.assignment, county);
    else if (done % PROJECT_EVERY === 0 && done >= PROJECT_FROM_SHARE * this.state.pool.nCounties && this.loopTooLong(done)) this.start(county);
  }

  /**
   * After the preparation loop: rushes if the loop's time says so (or the
   * deadline already cut the loop), completing the greedy assignment.
   * Returns it (for `improve`), or undefined when the run does not rush.
   */
  conclude(): Assignment | undefined {
    const { state } = this;
    const n = state.pool.nCounties;
    this.loopMs = Date.now() - this.loopStart;
    if (!this.assignment && (state.clock.cut || this.scheduleTooLong())) this.start(n - 1);
    const a = this.assignment;
    if (!a) return undefined;
    this.serveWaiting(a);
    state.countyState.forEach((s, c) => {
      if (s === 'unprepared') a.releasePins(c);
    });
    // No bound yet: the progress shows the score and the counties matched.
    state.clock.report(a.objective, Infinity, a.matched, 'rush');
    return a;
  }

  /** Local search on the greedy assignment until the deadline or until a round improves nothing: unmatched counties first, then scores. */
  improve(a: Assignment): void {
    search(this.state, a);
  }

  /** True when the time left after the search affords a pricing pass (see `BOUND_PASS_LOOPS`). */
  timeForBoundPass(): boolean {
    return this.state.clock.remainingMs() > BOUND_PASS_LOOPS * this.loopMs;
  }

  /** True when the loop, at its pace over the first `done` counties, ends past the deadline. */
  private loopTooLong(done: number): boolean {
    const projectedLoop = ((Date.now() - this.loopStart) * this.state.pool.nCounties) / Math.max(1, done);
    return this.loopStart + projectedLoop > this.state.clock.deadline;
  }

  /** True, once the loop has ended, when the schedule's second assignment comes past the deadline. */
  private scheduleTooLong(): boolean {
    return this.loopStart + SECOND_RESULT_LOOPS * this.loopMs > this.state.clock.deadlineFor(this.fullMembers);
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
    const before: Standing = { pinnedMatched: a.pinnedMatched, matched: a.matched, objective: a.objective, tierMatched: a.tierMatched };
    matchLeftovers(state, a, open);
    refreshFree(state, a, open);
    reoptimize(state, a, open);
    clock.report(a.objective, Infinity, a.matched, `rush search ${round + 1}`);
    // A round that only traded a later tier's county for an earlier one's is progress too (priority before score).
    if (compareAssignments(a, before) <= 0) break;
  }
}
