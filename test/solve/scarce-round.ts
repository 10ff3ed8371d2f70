/**
 * A small round where experts are scarce, as issue 9 reports it: the
 * `demo` preset (12 counties of 四川, 贵州 and 甘肃) with all but a few of
 * its national-level experts removed, so that the counties compete for too
 * few possible leaders (H4) and some must stay unmatched. Seeded and
 * reproducible; the experts removed take their skills, ratings and pins
 * with them, so the round stays valid.
 */
import { generateInstance } from '../../src/generate/index.js';
import type { Instance } from '../../src/model/schemas.js';

/** National-level experts kept by default: fewer than the 12 counties (some have capacity 2). */
export const SCARCE_NATIONAL = 8;

/** The `demo` round of `seed` with only its first `keep` national-level experts. */
export function scarceRound(seed: number, keep = SCARCE_NATIONAL): Instance {
  const demo = generateInstance('demo', seed);
  const national = demo.experts.filter((e) => e.level === 'national').map((e) => e.id);
  const dropped = new Set(national.slice(keep));
  return {
    ...demo,
    experts: demo.experts.filter((e) => !dropped.has(e.id)),
    skills: demo.skills.filter((s) => !dropped.has(s.expertId)),
    affinities: demo.affinities.filter((a) => !dropped.has(a.expertId)),
    pins: demo.pins.filter((p) => !dropped.has(p.expertId)),
  };
}
