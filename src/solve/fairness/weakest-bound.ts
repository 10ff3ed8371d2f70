/**
 * The weakest group's proven ceiling for the fairness pass. It starts from
 * the generic ceilings (`quickCeilings`) and tightens a county's ceiling to
 * its exact best score alone (or its `countyScoreRange` when the exact
 * one-county model is too large): first the counties that decide the bound,
 * then, as the pass goes, the county whose group is the weakest, whose own
 * best score often turns out to be the weakest group's score already.
 */
import type { LinearEngine } from '../../model/linear.js';
import type { County } from '../../model/schemas.js';
import type { RoundContext } from '../../rules/context.js';
import { eligibleExperts } from '../../rules/eligibility.js';
import { countyScoreRange } from '../../objective/bounds.js';
import { boundFromCeilings, criticalCeiling, quickCeilings, type ScoreCeiling } from '../../objective/weakest-group.js';
import { bestScoreAlone } from './best-alone.js';

/** Ceilings of every county's group score, tightened on demand. */
export class WeakestBound {
  private readonly ceilings: ScoreCeiling[];
  private readonly byCounty: Map<string, ScoreCeiling>;

  /** @param matched counties the result matches: the bound holds for any valid result matching as many */
  constructor(private readonly ctx: RoundContext, private readonly matched: number, private readonly engine: LinearEngine) {
    this.ceilings = quickCeilings(ctx, ctx.counties);
    this.byCounty = new Map(this.ceilings.map((c) => [c.county.id, c]));
  }

  /**
   * Tightens the counties that decide the bound until they are all tight:
   * `count` at most (a count, so that the bound is the same on every run),
   * and not past `deadline` (a `Date.now()` value; a run cut there is one
   * the time limit cut anyway).
   */
  async tightenCritical(count: number, deadline: number): Promise<void> {
    let left = count;
    for (let c = criticalCeiling(this.ceilings, this.matched); c && left > 0 && Date.now() < deadline; c = criticalCeiling(this.ceilings, this.matched), left--) {
      await this.tightenCeiling(c);
    }
  }

  /** Tightens one county's ceiling (once). */
  async tighten(county: County): Promise<void> {
    const c = this.byCounty.get(county.id);
    if (c && !c.tight) await this.tightenCeiling(c);
  }

  /** The proven bound; +∞ when `matched` is out of range. */
  value(): number {
    return boundFromCeilings(this.ceilings, this.matched) ?? Number.POSITIVE_INFINITY;
  }

  private async tightenCeiling(c: ScoreCeiling): Promise<void> {
    const candidates = eligibleExperts(this.ctx, c.county);
    c.value = Math.min(c.value, countyScoreRange(this.ctx, c.county, candidates).max);
    const alone = await bestScoreAlone(this.ctx, c.county, candidates, this.engine);
    // undefined: too large for the exact model, or unproven; the range ceiling stands.
    if (alone !== undefined) c.value = Math.min(c.value, alone);
    c.tight = true;
  }
}
