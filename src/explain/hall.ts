/**
 * The largest set of counties that cannot all get the experts of one kind
 * they need: a maximum b-matching (county c needs d_c distinct experts of
 * the kind, expert e serves at most cap_e counties) and the Hall set it
 * leaves behind. Used to prove shortages between counties ("14 counties
 * need a holder of 茶叶/processing; the holders have 9 places").
 *
 * The bipartite graph is implicit: a county is adjacent to every *global*
 * expert of the kind except those it blocks (vetoes, pins), and to its own
 * locals. The augmenting search keeps the not-yet-visited global experts in
 * a linked list, so one search costs O(experts + blocked pairs), never
 * O(counties × experts) — the graph of a ten-times-national round has a
 * billion edges.
 *
 * Why the Hall set is a proof: after a maximum flow, let R be the counties
 * reachable from a county with unmet demand by alternating paths. Every
 * expert reachable from R is saturated, so in the s–t cut {s} ∪ R ∪ N(R)
 * the counties of R can receive at most what they receive now; the unmet
 * demand of R is the deficiency, whatever any solver does.
 */

/** One county's side of the problem. */
export interface HallCounty {
  /** Experts of the kind it needs (after pins). */
  demand: number;
  /** Its own local experts of the kind (positions ≥ `globalCount`). */
  locals: readonly number[];
  /** Global experts (positions < `globalCount`) it may not take: vetoed, or already pinned to it. */
  blocked: ReadonlySet<number>;
}

/** The problem: counties, and experts 0…n−1 of which the first `globalCount` are global. */
export interface HallProblem {
  counties: readonly HallCounty[];
  /** Places of each expert (capacity left). */
  capacity: readonly number[];
  globalCount: number;
}

/** The answer. */
export interface HallResult {
  /** Experts given to each county in a maximum b-matching. */
  served: Int32Array;
  /** Σ demand − Σ served: 0 when every county can have what it needs of this kind. */
  deficiency: number;
  /** Counties some maximum matching leaves short (the Hall set R), by position; empty when no deficiency. */
  short: number[];
  /** Experts reachable from R (all saturated), by position. */
  experts: number[];
}

/** Solves the b-matching and returns the Hall set. */
export function hallDeficiency(problem: HallProblem): HallResult {
  const m = problem.counties.length;
  const n = problem.capacity.length;
  const g = problem.globalCount;
  const residual = Int32Array.from(problem.capacity);
  const supplies: number[][] = Array.from({ length: m }, () => []);
  // Made for an expert when it first serves: most experts of a big kind never do (a national pool has ~13,000 globals).
  const servedBy: (number[] | undefined)[] = new Array<number[] | undefined>(n);
  const unmet = Int32Array.from(problem.counties, (c) => Math.max(0, c.demand));
  const assign = (c: number, e: number): void => {
    supplies[c]!.push(e);
    (servedBy[e] ??= []).push(c);
    residual[e]!--;
    unmet[c]!--;
  };

  // Greedy start: locals first (nobody else may use them), then globals from a moving pointer.
  let pointer = 0;
  for (let c = 0; c < m; c++) {
    const county = problem.counties[c]!;
    for (const e of county.locals) if (unmet[c]! > 0 && residual[e]! > 0) assign(c, e);
    for (let e = pointer; e < g && unmet[c]! > 0; e++) {
      if (residual[e]! <= 0) {
        if (e === pointer) pointer++;
        continue;
      }
      if (county.blocked.has(e)) continue;
      assign(c, e);
    }
  }

  // Augmenting paths from every county with unmet demand at once, until none is left.
  const parentOfExpert = new Int32Array(n);
  const parentOfCounty = new Int32Array(m);
  const next = new Int32Array(g + 1);
  for (;;) {
    const search = reach(problem, unmet, supplies, servedBy, residual, parentOfExpert, parentOfCounty, next);
    if (search.free < 0) {
      let deficiency = 0;
      for (let c = 0; c < m; c++) deficiency += unmet[c]!;
      const served = Int32Array.from(supplies, (s) => s.length);
      return deficiency > 0 ? { served, deficiency, short: search.counties, experts: search.experts } : { served, deficiency: 0, short: [], experts: [] };
    }
    // Walk back: the county that reached the free expert takes it; each county on the path hands its predecessor expert on.
    let e = search.free;
    for (;;) {
      const c = parentOfExpert[e]!;
      const via = parentOfCounty[c]!;
      supplies[c]!.push(e);
      (servedBy[e] ??= []).push(c);
      if (via < 0) {
        unmet[c]!--;
        residual[search.free]!--;
        break;
      }
      // c was reached through `via`, which served it: c gives `via` up.
      const s = supplies[c]!;
      s.splice(s.indexOf(via), 1);
      const b = servedBy[via]!;
      b.splice(b.indexOf(c), 1);
      e = via;
    }
  }
}

/** One breadth-first search; returns a free expert reached (−1 for none) and what was visited. */
function reach(
  problem: HallProblem, unmet: Int32Array, supplies: readonly number[][], servedBy: readonly (number[] | undefined)[], residual: Int32Array,
  parentOfExpert: Int32Array, parentOfCounty: Int32Array, next: Int32Array,
): { free: number; counties: number[]; experts: number[] } {
  const m = problem.counties.length;
  const g = problem.globalCount;
  // Linked list of unvisited global experts: next[i] is the one after i; g ends it; head is next[g].
  for (let i = 0; i < g; i++) next[i] = i + 1;
  next[g] = 0;
  const seenCounty = new Uint8Array(m);
  const seenLocal = new Set<number>();
  const counties: number[] = [];
  const experts: number[] = [];
  const queue: number[] = [];
  for (let c = 0; c < m; c++) {
    if (unmet[c]! > 0) {
      seenCounty[c] = 1;
      parentOfCounty[c] = -1;
      queue.push(c);
    }
  }
  const visitExpert = (c: number, e: number): boolean => {
    parentOfExpert[e] = c;
    experts.push(e);
    if (residual[e]! > 0) return true;
    for (const k of servedBy[e] ?? []) {
      if (seenCounty[k]) continue;
      seenCounty[k] = 1;
      parentOfCounty[k] = e;
      queue.push(k);
    }
    return false;
  };
  for (let q = 0; q < queue.length; q++) {
    const c = queue[q]!;
    counties.push(c);
    const county = problem.counties[c]!;
    const mine = supplies[c]!;
    for (const e of county.locals) {
      if (seenLocal.has(e) || mine.includes(e)) continue;
      seenLocal.add(e);
      if (visitExpert(c, e)) return { free: e, counties, experts };
    }
    let prev = g;
    for (let e = next[g]!; e !== g && e < g; e = next[prev]!) {
      if (county.blocked.has(e) || mine.includes(e)) {
        prev = e;
        continue;
      }
      next[prev] = next[e]!;
      if (visitExpert(c, e)) return { free: e, counties, experts };
    }
  }
  return { free: -1, counties, experts };
}
