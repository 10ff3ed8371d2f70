/**
 * Stated preferences between counties and experts (affinity.csv, S3, H8)
 * and pinned pairs (pinned.csv, H9). Counties state preferences about
 * experts who know their industries, as a county would; about 1% of the rows
 * are vetoes (conflicts of interest). Pins are off unless the spec asks,
 * and so are consent answers (`consent.ts`).
 */
import type { Affinity, Expert, Pin, Skill } from '../model/schemas.js';
import { ANY } from '../model/vocabulary.js';
import type { CountyPlan } from './counties.js';
import type { ResolvedSpec } from './presets.js';
import { withConsent } from './consent.js';
import { WeightedTable, type Rng } from './random.js';

/** The generated preferences, sorted by county then expert. */
export interface Preferences {
  readonly affinities: Affinity[];
  readonly pins: Pin[];
}

/** Scores −2…5, leaning positive: a county mostly names experts it wants. */
const SCORES = [-2, -1, 0, 1, 2, 3, 4, 5];
const SCORE_WEIGHTS = [0.05, 0.08, 0.07, 0.2, 0.25, 0.18, 0.1, 0.07];

const byPair = (a: { countyId: string; expertId: string }, b: { countyId: string; expertId: string }): number =>
  a.countyId < b.countyId ? -1 : a.countyId > b.countyId ? 1 : a.expertId < b.expertId ? -1 : a.expertId > b.expertId ? 1 : 0;

/** Non-local experts (indices into `experts`) by each industry they hold a specific skill in. */
function expertsByIndustry(experts: readonly Expert[], skills: readonly Skill[]): Map<string, number[]> {
  const index = new Map<string, number>();
  experts.forEach((e, i) => index.set(e.id, i));
  const out = new Map<string, number[]>();
  let lastKey = '';
  for (const s of skills) {
    if (s.industry === ANY) continue;
    const i = index.get(s.expertId);
    if (i === undefined || experts[i]?.homeCounty !== undefined) continue;
    // Skills are sorted by expert then industry: skip the same expert's repeats of one industry.
    const key = `${s.expertId}\u0000${s.industry}`;
    if (key === lastKey) continue;
    lastKey = key;
    const list = out.get(s.industry) ?? [];
    list.push(i);
    out.set(s.industry, list);
  }
  return out;
}

/**
 * Pins for `spec.pins` counties: a national expert of the county's main
 * industry as leader and one of its local scientists, as an earlier batch
 * would have left them. No expert is pinned twice.
 */
function generatePins(plans: readonly CountyPlan[], experts: readonly Expert[], byIndustry: Map<string, number[]>, spec: ResolvedSpec, rng: Rng): Pin[] {
  if (spec.pins === 0) return [];
  const used = new Set<number>();
  const localsOf = new Map<string, number[]>();
  const nationals: number[] = [];
  experts.forEach((e, i) => {
    if (e.homeCounty !== undefined) {
      const list = localsOf.get(e.homeCounty) ?? [];
      list.push(i);
      localsOf.set(e.homeCounty, list);
    } else if (e.level === 'national') {
      nationals.push(i);
    }
  });
  const pins: Pin[] = [];
  for (const plan of rng.sample(plans, spec.pins)) {
    const countyId = plan.county.id;
    const main = plan.industries[0] ?? '';
    const fitting = (byIndustry.get(main) ?? []).filter((i) => experts[i]?.level === 'national' && !used.has(i));
    const free = fitting.length > 0 ? fitting : nationals.filter((i) => !used.has(i));
    if (free.length === 0) break;
    const leader = rng.pick(free);
    used.add(leader);
    pins.push({ countyId, expertId: (experts[leader] as Expert).id, role: 'leader' });
    const locals = localsOf.get(countyId) ?? [];
    if (locals.length > 0) pins.push({ countyId, expertId: (experts[rng.pick(locals)] as Expert).id, role: 'local' });
  }
  return pins.sort(byPair);
}

/**
 * About `affinitiesPerCounty` rows per county over experts who know one of
 * its industries (the main one half the time); a `vetoRate` share are
 * vetoes, never on a pinned pair.
 */
export function generatePreferences(
  plans: readonly CountyPlan[], experts: readonly Expert[], skills: readonly Skill[], spec: ResolvedSpec, rng: Rng,
): Preferences {
  const byIndustry = expertsByIndustry(experts, skills);
  const pins = generatePins(plans, experts, byIndustry, spec, rng.fork('pins'));
  const pinned = new Set(pins.map((p) => `${p.countyId}\u0000${p.expertId}`));
  const draw = rng.fork('affinities');
  const scores = new WeightedTable(SCORES, SCORE_WEIGHTS);
  const mean = spec.affinitiesPerCounty;
  const low = Math.max(0, Math.floor(mean) - 2);
  const high = Math.max(low, 2 * mean - low);
  const affinities: Affinity[] = [];
  for (const plan of plans) {
    // An integer count in [low, high] with mean `mean`.
    const n = Math.min(Math.floor(low + draw.next() * (high - low + 1)), Math.ceil(high));
    const chosen = new Set<number>();
    for (let k = 0; k < n; k++) {
      const industry = draw.chance(0.5) ? plan.industries[0] : draw.pick(plan.industries);
      const list = byIndustry.get(industry ?? '');
      if (list === undefined || list.length === 0) continue;
      const e = draw.pick(list);
      if (chosen.has(e)) continue;
      chosen.add(e);
      const expertId = (experts[e] as Expert).id;
      const countyId = plan.county.id;
      const veto = draw.chance(spec.vetoRate) && !pinned.has(`${countyId}\u0000${expertId}`);
      const score = scores.draw(draw);
      affinities.push({ countyId, expertId, score: veto ? 0 : score, veto });
    }
  }
  // Consent draws from its own stream, after everything else: without the knob nothing above changes.
  return { affinities: withConsent(affinities.sort(byPair), pins, plans, experts, skills, spec, rng.fork('consent')), pins };
}
