/**
 * The group solver's answers, pinned bit for bit: a seeded set of
 * subproblems of the sizes the scalable solver poses (tens of items, leader
 * twins, pinned pairs, pseudo items with copies, types, a size term),
 * solved with the efforts it uses (exact, node limits, tolerances, warm
 * prices and hints), and a digest of every answer (status, value and bound
 * bits, copies taken, nodes, root prices).
 *
 * Why: speedups of the solver's hot paths (`select`, `optimistic`,
 * `assemble`) must not change any result, not even by a rounding, or whole
 * solves stop being reproducible against earlier versions. A change that
 * means to change answers updates `DIGEST` and says why.
 */
import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import {
  F_EAST, F_EAST_FLEX, F_FORCED, F_FORCED_ONE, F_LEADER, F_LOCAL, F_PIN_LEADER, F_PSEUDO, GroupSolver, ItemList, PRICES, WILD_TYPE, type GroupRules,
} from '../../src/solve/scalable/columns/group-solver.js';
import { Prng } from '../helpers/arbitraries.js';

/** Recorded at 283f09d (before the speedups of issue #11). */
const DIGEST = 'fc239d86db275938cdd4b440ad58f9133e074b7b209eb0a3d12c1c409249c273';

function subproblem(rng: Prng): { items: ItemList; rules: GroupRules } {
  const nExperts = rng.int(8, 40);
  const nBits = rng.int(3, 14);
  const items = new ItemList();
  let pinnedLeader = false;
  for (let e = 0; e < nExperts; e++) {
    let f = 0;
    if (rng.chance(0.1)) f |= F_LOCAL;
    if (rng.chance(0.15)) f |= F_EAST;
    // Ties are common in real lists: values on a coarse grid.
    const value = Math.round((rng.next() * 20 - 4) * 4) / 4;
    let mask = 0;
    for (let b = rng.int(0, 3); b > 0; b--) mask |= 1 << rng.int(0, nBits - 1);
    const org = rng.chance(0.8) ? rng.int(0, 11) : -1;
    const type = rng.chance(0.9) ? rng.int(0, 5) : -1;
    const lead = (f & F_LOCAL) === 0 && rng.chance(0.4);
    const twinValue = value + Math.round(rng.next() * 40) / 4;
    const twinFlags = F_LEADER;
    if (rng.chance(0.04)) {
      if (lead && !pinnedLeader && rng.chance(0.3)) {
        pinnedLeader = true;
        items.push(e, twinValue, mask, F_FORCED | F_PIN_LEADER | twinFlags, org, 1, type);
      } else if (lead) {
        const a = items.push(e, value, mask, f | F_FORCED_ONE, org, 1, type);
        items.link(a, items.push(e, twinValue, mask, twinFlags | F_FORCED_ONE, org, 1, type));
      } else items.push(e, value, mask, f | F_FORCED, org, 1, type);
      continue;
    }
    const a = items.push(e, value, mask, f, org, 1, type);
    if (lead) items.link(a, items.push(e, twinValue, mask, twinFlags, org, 1, type));
  }
  // Pseudo items, as a pricing scan adds them: copies, flexible East–West, leaders, wild types.
  for (let k = rng.chance(0.5) ? rng.int(1, 12) : 0; k > 0; k--) {
    const value = Math.round((rng.next() * 16 - 4) * 4) / 4;
    const mask = rng.chance(0.5) ? 1 << rng.int(0, nBits - 1) : 0;
    const wild = rng.chance(0.3) ? WILD_TYPE : -1;
    if (rng.chance(0.25)) items.push(-1, value + 5, mask, F_PSEUDO | F_LEADER | (rng.chance(0.5) ? F_EAST_FLEX : 0), -1, 1, wild);
    else items.push(-1, value, mask, F_PSEUDO | (rng.chance(0.3) ? F_EAST_FLEX : rng.chance(0.3) ? F_EAST : 0), -1, rng.int(1, 6), wild);
  }
  const needValue = new Float64Array(32);
  for (let j = 0; j < nBits; j++) needValue[j] = rng.pick([0, 15, 30, 100, 100 / 3]);
  const sizeMin = rng.int(3, 8);
  const sizeMax = sizeMin + rng.int(0, 4);
  let required = 0;
  for (let j = 0; j < nBits; j++) if (needValue[j]! > 0 && rng.chance(0.15)) required |= 1 << j;
  const rules: GroupRules = {
    sizeMin,
    sizeMax,
    localMin: rng.chance(0.7) ? 1 : 0,
    localMax: 2,
    paired: rng.chance(0.6),
    eastMin: 1,
    eastMax: 2,
    needValue,
    required,
    orgLimit: 3,
    orgPenalty: rng.pick([0, 3]),
    sizeTarget: rng.int(sizeMin, sizeMax),
    sizeWeight: rng.pick([0, 6]),
    typeValue: rng.pick([0, 1]),
    typeCap: rng.int(2, 6),
  };
  return { items, rules };
}

/** The efforts of `subproblem.ts` (bound, guide, search) and an exact one. */
const EFFORTS = [
  { relativeTolerance: 2e-3, nodeLimit: 500, rootSteps: 100 },
  { relativeTolerance: 5e-3, nodeLimit: 60, rootSteps: 12 },
  { relativeTolerance: 5e-3, nodeLimit: 300, rootSteps: 20 },
  { relativeTolerance: 0, nodeLimit: 20_000, rootSteps: 100 },
] as const;

describe('GroupSolver: answers pinned bit for bit', () => {
  it('gives the recorded answers on a seeded set of subproblems', () => {
    const rng = new Prng(20261203);
    const solver = new GroupSolver(12);
    const hash = createHash('sha256');
    let lastMu: Float64Array | undefined;
    for (let trial = 0; trial < 400; trial++) {
      const { items, rules } = subproblem(rng);
      const effort = EFFORTS[trial % EFFORTS.length]!;
      solver.relativeTolerance = effort.relativeTolerance;
      solver.nodeLimit = effort.nodeLimit;
      solver.rootSteps = effort.rootSteps;
      // Every third solve starts from the previous root prices, every fifth from a hint (the previous group's items).
      const warm: { mu?: Float64Array; hint?: Int32Array } = {};
      if (lastMu && trial % 3 === 0) warm.mu = lastMu;
      if (trial % 5 === 0) {
        const hint = new Int32Array(items.n);
        for (let i = 0; i < items.n; i += 2) hint[i] = rng.chance(0.5) ? 1 : 0;
        warm.hint = hint;
      }
      const a = solver.solve(items, rules, 0, warm);
      hash.update(`${a.status} ${a.value} ${a.bound} ${a.leader} ${a.nodes}|`);
      hash.update(Buffer.from(a.take.slice(0, items.n).buffer));
      const mu = solver.rootPrices();
      expect(mu.length).toBe(PRICES);
      lastMu = Float64Array.from(mu);
      hash.update(Buffer.from(lastMu.buffer));
    }
    expect(hash.digest('hex')).toBe(DIGEST);
  });
});
