/** Which experts withdraw: a seeded draw among those who serve, group leaders included. */
import { Rng } from '../../src/generate/random.js';
import type { Assignment } from '../../src/model/schemas.js';

/** The experts drawn, and how many of them lead a group. */
export interface Withdrawal {
  /** Expert ids, sorted. */
  ids: string[];
  leaders: number;
}

/**
 * Draws k experts who serve in `assignments`: ⌈leaderShare·k⌉ (at least one)
 * among group leaders, the rest among the other serving experts, each with
 * its own stream of `Rng(seed, …)`, so the same seed and k give the same
 * experts. Fewer than k when fewer serve.
 */
export function pickWithdrawal(assignments: readonly Pick<Assignment, 'expertId' | 'role'>[], k: number, seed: number, leaderShare: number): Withdrawal {
  const leaders = [...new Set(assignments.filter((a) => a.role === 'leader').map((a) => a.expertId))].sort();
  const leaderSet = new Set(leaders);
  const others = [...new Set(assignments.map((a) => a.expertId))].filter((e) => !leaderSet.has(e)).sort();
  const wantLeaders = Math.min(leaders.length, k, Math.max(1, Math.ceil(leaderShare * k)));
  const rng = new Rng(seed, `bench/repair/k=${k}`);
  const fromLeaders = rng.fork('leaders').sample(leaders, wantLeaders);
  const fromOthers = rng.fork('members').sample(others, k - fromLeaders.length);
  return { ids: [...fromLeaders, ...fromOthers].sort(), leaders: fromLeaders.length };
}
