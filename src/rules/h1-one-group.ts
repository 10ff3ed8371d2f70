/**
 * H1 一县一组: every county gets exactly one group or is reported unmatched
 * with a reason; never two. In the model this is structural (one z[c] per
 * county, one x[e,c] per pair), so the rule only checks.
 */
import type { Rule, Violation } from './types.js';

/** H1. */
export const h1OneGroup: Rule = {
  id: 'H1',
  title: 'Each county has exactly one group or is reported unmatched, never both, never two.',
  policy: '一县一组',
  check(ctx, solution) {
    const out: Violation[] = [];
    const seen = new Set<string>();
    for (const row of solution.rows) {
      const key = `${row.countyId}\u0000${row.expertId}`;
      if (seen.has(key)) {
        out.push({ rule: 'H1', code: 'duplicate-member', countyId: row.countyId, expertId: row.expertId, message: `expert ${row.expertId} is listed twice in county ${row.countyId}'s group` });
      }
      seen.add(key);
    }
    for (const county of ctx.counties) {
      const inGroup = solution.groups.has(county.id);
      const inUnmatched = solution.unmatched.has(county.id);
      if (inGroup && inUnmatched) out.push({ rule: 'H1', code: 'matched-and-unmatched', countyId: county.id, message: `county ${county.id} has a group and is also listed as unmatched` });
      if (!inGroup && !inUnmatched) out.push({ rule: 'H1', code: 'county-missing', countyId: county.id, message: `county ${county.id} is neither in a group nor listed as unmatched` });
    }
    return out;
  },
};
