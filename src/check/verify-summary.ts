/**
 * The claims of summary.json, recomputed from the input and the result's
 * rows: score, counts, the input's fingerprint, and whether status, bound
 * and gap agree with each other and with the score.
 *
 * What a checker cannot verify without solving: that the bound really is at
 * least the best score possible, and that an `optimal` result really is
 * optimal. It refuses what is provably false: a bound below the score
 * achieved, a gap that is not the gap formula of score and bound, `optimal`
 * with a non-zero gap, and `optimal` when a county it leaves unmatched could
 * be given a valid group from the experts the result leaves free.
 */
import type { Options } from '../model/options.js';
import type { Summary } from '../model/schemas.js';
import type { GroupSizes } from '../objective/group-size.js';
import { relativeGap } from '../objective/gap.js';
import type { Finding } from './findings.js';

/** summary.json as stored (no `seconds`: that is in timing.json). */
export type StoredSummary = Omit<Summary, 'seconds'>;

/** Relative tolerance of a recomputed score against the one written (JSON keeps every digit; only the summation order may differ). */
export const SCORE_TOLERANCE = 1e-6;


/** What the result's rows and the input give, for the summary to be compared with. */
export interface RecomputedFacts {
  objective: number;
  matchedCounties: number;
  totalCounties: number;
  expertsUsed: number;
  expertsFree: number;
  /** The weakest group's score, null when no county is matched. */
  weakestGroupScore: number | null;
  /** The groups' smallest, mean and largest size, null when no county is matched. */
  groupSizes: GroupSizes | null;
  /** `hashInstance` of the validated input. */
  inputHash: string;
  /** Unmatched counties (not `not-solved`) that free experts could form a valid group for. */
  matchableFromFree: readonly string[];
}

function close(a: number, b: number, tolerance = SCORE_TOLERANCE): boolean {
  return Math.abs(a - b) <= tolerance * Math.max(1, Math.abs(a), Math.abs(b));
}

function claim(field: string, claimed: unknown, actual: unknown, code: Finding['code'], message: string): Finding {
  return { kind: 'false-claim', code, file: 'summary.json', field, claimed: String(claimed), actual: String(actual), message };
}

function sameSizes(a: GroupSizes | null, b: GroupSizes | null): boolean {
  if (a === null || b === null) return a === b;
  return a.min === b.min && a.max === b.max && close(a.mean, b.mean, 1e-9);
}

/** Every claim of the summary that the facts refute. `options` are those the result is checked against. */
export function verifySummary(summary: StoredSummary, facts: RecomputedFacts, options: Options): Finding[] {
  const out: Finding[] = [];
  const s = summary;
  if (s.inputHash !== facts.inputHash) {
    out.push(claim('inputHash', s.inputHash, facts.inputHash, 'input-hash', `the result was solved for another input: its inputHash ${s.inputHash.slice(0, 12)}… is not the hash of the input checked (${facts.inputHash.slice(0, 12)}…)`));
  }
  if (!close(s.objective, facts.objective)) {
    out.push(claim('objective', s.objective, facts.objective, 'objective', `the summary claims score ${s.objective}; the groups score ${facts.objective}`));
  }
  const counts = [
    ['matchedCounties', 'matched-counties', facts.matchedCounties, 'counties with a group'],
    ['totalCounties', 'total-counties', facts.totalCounties, 'counties in the input'],
    ['expertsUsed', 'experts-used', facts.expertsUsed, 'experts serving in a group'],
    ['expertsFree', 'experts-free', facts.expertsFree, 'experts serving in no group'],
  ] as const;
  for (const [field, code, actual, words] of counts) {
    if (s[field] !== actual) out.push(claim(field, s[field], actual, code, `the summary claims ${s[field]} ${words}; there are ${actual}`));
  }
  const bound = s.upperBound;
  if (!Number.isFinite(bound)) {
    // Every status carries a finite proof: the solvers write at worst the round's ceiling (`roundScoreCeiling`).
    out.push(claim('upperBound', 'null', 'a finite bound', 'upper-bound-missing', `a result with status ${s.status} must carry a finite proven bound; upperBound is empty`));
  } else if (bound < facts.objective && !close(bound, facts.objective)) {
    out.push(claim('upperBound', bound, facts.objective, 'upper-bound-below-objective', `the bound ${bound} is below the score the groups reach (${facts.objective}): it is not a bound`));
  }
  const gap = relativeGap(facts.objective, bound);
  if (!(Math.abs(s.gap - gap) <= 1e-6)) {
    out.push(claim('gap', s.gap, gap, 'gap', `the gap ${s.gap} is not (bound − score) / |bound| = ${gap} for bound ${Number.isFinite(bound) ? bound : 'null'} and score ${facts.objective}`));
  }
  if (s.status === 'optimal' && s.gap !== 0) {
    out.push(claim('status', s.status, `gap ${s.gap}`, 'status-gap', `an optimal result has gap 0; this one claims gap ${s.gap}`));
  }
  if (s.status === 'infeasible' && facts.matchedCounties > 0) {
    out.push(claim('status', s.status, `${facts.matchedCounties} groups`, 'status-infeasible', `status infeasible says no county can be matched, yet the result has ${facts.matchedCounties} groups`));
  }
  if (s.status === 'optimal' && facts.matchableFromFree.length > 0) {
    const ids = facts.matchableFromFree;
    out.push(claim('status', s.status, 'not optimal', 'status-not-optimal', `the result claims to be optimal, yet ${ids.length} county(ies) it leaves unmatched (${ids.slice(0, 5).join(', ')}${ids.length > 5 ? ', …' : ''}) could get a valid group from the experts it leaves free: matching one more county would score higher`));
  }
  if (s.matchableUpperBound < facts.matchedCounties) {
    out.push(claim('matchableUpperBound', s.matchableUpperBound, facts.matchedCounties, 'matchable-below-matched', `the bound on counties that can be matched (${s.matchableUpperBound}) is below the ${facts.matchedCounties} the result matches`));
  }
  if (s.weakestGroupScore !== undefined) {
    const w = facts.weakestGroupScore;
    if ((s.weakestGroupScore === null) !== (w === null) || (w !== null && s.weakestGroupScore !== null && !close(s.weakestGroupScore, w))) {
      out.push(claim('weakestGroupScore', s.weakestGroupScore, w, 'weakest-group-score', `the summary claims the weakest group scores ${s.weakestGroupScore}; the groups give ${w}`));
    }
  }
  if (s.groupSizes !== undefined && !sameSizes(s.groupSizes, facts.groupSizes)) {
    const words = (g: GroupSizes | null): string => (g === null ? 'none' : `${g.min}/${g.mean}/${g.max}`);
    out.push(claim('groupSizes', words(s.groupSizes), words(facts.groupSizes), 'group-sizes', `the summary claims group sizes (min/mean/max) ${words(s.groupSizes)}; the groups have ${words(facts.groupSizes)}`));
  }
  if (s.weakestGroupBound !== undefined && s.weakestGroupBound !== null) {
    const w = facts.weakestGroupScore;
    if (w === null) out.push(claim('weakestGroupBound', s.weakestGroupBound, 'null', 'weakest-group-bound', 'the summary gives a bound on the weakest group, yet no county is matched'));
    else if (s.weakestGroupBound < w && !close(s.weakestGroupBound, w)) out.push(claim('weakestGroupBound', s.weakestGroupBound, w, 'weakest-group-bound', `the bound on the weakest group (${s.weakestGroupBound}) is below its score (${w})`));
  }
  if (s.objectiveMode !== options.objective) {
    out.push(claim('objectiveMode', s.objectiveMode, options.objective, 'objective-mode', `the summary says objective ${s.objectiveMode}, but the result is checked with objective ${options.objective}`));
  }
  const optionSeed = s.options['seed'];
  if (optionSeed !== undefined && optionSeed !== s.seed) {
    out.push(claim('seed', s.seed, optionSeed, 'seed', `the summary's seed ${s.seed} is not the seed of its own options (${String(optionSeed)})`));
  }
  return out;
}
