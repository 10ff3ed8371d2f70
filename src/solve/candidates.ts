/**
 * Candidate experts of each county: every eligible expert (H2, H5, H8).
 * Candidate pruning for speed happens in the scalable solver, never here.
 */
import type { County, Expert } from '../model/schemas.js';
import type { RoundContext } from '../rules/context.js';
import { isEligible } from '../rules/eligibility.js';

/** Eligible experts per county id, in pool order. */
export function allCandidates(ctx: RoundContext, counties: readonly County[]): Map<string, Expert[]> {
  const out = new Map<string, Expert[]>();
  for (const c of counties) out.set(c.id, ctx.experts.filter((e) => isEligible(ctx, e, c)));
  return out;
}
