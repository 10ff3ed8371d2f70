/**
 * The pricing pass's bound holds county by county: for any prices λ, the
 * county's subproblem over its candidates plus the pseudo items of a scan
 * (`pseudoItems`) is worth at least the best group over the whole pool at
 * the same prices (every eligible expert a candidate, no pseudo item). A
 * pseudo item that brought more than its experts can (a coverage or leader
 * item bringing any organization type, say) would still pass this; one
 * that brought less (an organization type no pruned expert of its mask has
 * … counted as the witness's) fails it on some drawn round.
 *
 * Runs: `PROPS_RUNS` (default below); seed: `PROPS_SEED`.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { generateInstance } from '../../src/generate/index.js';
import type { OptionsInput } from '../../src/model/options.js';
import { eligible } from '../../src/solve/scalable/model/pool.js';
import { Clock } from '../../src/solve/scalable/state/clock.js';
import { prepareCounties } from '../../src/solve/scalable/state/prepare.js';
import { createState, type ScalableState } from '../../src/solve/scalable/state/state.js';
import { propertyParameters } from '../../src/testing.js';
import { makeContext } from '../helpers/instance.js';

/** The county's relaxation value at the state's prices: over its list plus pseudo items, or over its list alone. */
function countyValue(state: ScalableState, c: number, withPseudo: boolean): number | undefined {
  const { pool, pricer, store, subs } = state;
  const summary = withPseudo ? pricer.scan(c, store, pool.sizeMax[c]! + 4) : undefined;
  subs.load(c, pricer.price, undefined, false);
  if (summary) subs.addPseudo(c, summary, pricer.price);
  const answer = subs.solve(c, 'bound');
  if (answer.status === 'infeasible') return undefined;
  return (withPseudo ? answer.bound : answer.value) + subs.extraPoints[c]!;
}

const cases = fc.record({
  preset: fc.constantFrom('tiny' as const, 'demo' as const),
  seed: fc.integer({ min: 1, max: 10_000 }),
  orgTypes: fc.constantFrom(0, 1, 4),
  leader: fc.constantFrom(0, 10),
  leaderCountsEast: fc.boolean(),
  leaderSkill: fc.constantFrom('preferred' as const, 'required' as const),
  wildcardFactor: fc.constantFrom(0, 0.5, 1),
  priceSeed: fc.integer({ min: 0, max: 1_000_000 }),
  priceScale: fc.constantFrom(0, 0.5, 2, 6),
});

describe('the pricing bound', () => {
  it('is at least the best group over the whole pool, county by county, at any prices', () => {
    fc.assert(
      fc.property(cases, (g) => {
        const options: OptionsInput = {
          leaderCountsEast: g.leaderCountsEast,
          leaderSkill: g.leaderSkill,
          wildcardFactor: g.wildcardFactor,
          weights: { orgTypes: g.orgTypes, leader: g.leader },
        };
        const ctx = makeContext(generateInstance(g.preset, g.seed), options);
        const pruned = createState(ctx, new Clock(Date.now(), 600));
        const whole = createState(ctx, new Clock(Date.now(), 600));
        prepareCounties(pruned);
        prepareCounties(whole);
        // The same prices on both sides: a third of the experts priced, from a seeded generator.
        let x = g.priceSeed;
        const changed: number[] = [];
        for (let e = 0; e < pruned.pool.nExperts; e++) {
          x = (x * 1103515245 + 12345) % 2147483648;
          if (x % 3 !== 0) continue;
          const p = ((x >> 8) % 1000) / 1000 * g.priceScale;
          pruned.pricer.price[e] = p;
          whole.pricer.price[e] = p;
          changed.push(e);
        }
        pruned.pricer.resort(changed);
        whole.pricer.resort(changed);
        for (let c = 0; c < whole.pool.nCounties; c++) {
          if (pruned.countyState[c] !== 'open') continue;
          for (let e = 0; e < whole.pool.nExperts; e++) if (eligible(whole.pool, e, c)) whole.store.add(c, e);
          const best = countyValue(whole, c, false);
          if (best === undefined) continue;
          const bound = countyValue(pruned, c, true);
          expect(bound, `county ${c}: the bound over its ${pruned.store.lists[c]!.experts.length} candidates and pseudo items`).toBeDefined();
          expect(bound!).toBeGreaterThanOrEqual(best - 1e-6);
        }
      }),
      propertyParameters(24),
    );
  }, 300_000);
});
