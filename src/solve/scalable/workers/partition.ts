/**
 * How a job's counties are shared among the threads: round-robin by
 * position (county k of the job to share k mod n), a deterministic split.
 * Which thread solves a county never changes its answer (`sync.ts`); the
 * split only decides how evenly the threads finish. Measured on national
 * seed 1 with 2 threads (bench/workers.ts, 3 runs): the main thread, which
 * also sends the jobs and takes the answers, waited 0.46–0.85 s for the
 * other in dual sides of 9.3–9.7 s, so a split weighted by an estimate of
 * each county's work has little to gain.
 */

/** Splits `counties` (in position order) into `n` shares, each in position order. */
export function splitCounties(counties: readonly number[], n: number): number[][] {
  const shares: number[][] = Array.from({ length: Math.max(1, n) }, () => []);
  counties.forEach((c, k) => shares[k % shares.length]!.push(c));
  return shares;
}
