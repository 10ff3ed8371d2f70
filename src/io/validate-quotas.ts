/**
 * Validation rules that need the round's group size and quotas (H3, H5,
 * H6): a county's own `group_min`/`group_max` must leave room for a group,
 * and pins must not fill a quota beyond its maximum by themselves. Either
 * would otherwise pass validation and surface later as an unmatched county
 * with advice that blames the pool.
 */
import { defaultOptions, type Options } from '../model/options.js';
import type { County, Expert, Pairing, Pin } from '../model/schemas.js';

/** The round options these rules read; each defaults to the policy default (so an `OptionsInput` may be passed as it is). */
export type QuotaOptions = { [K in QuotaKey]?: Options[K] | undefined };
type QuotaKey = 'groupMin' | 'groupMax' | 'localMin' | 'localMax' | 'eastMin' | 'eastMax' | 'leaderCountsEast';
/** `QuotaOptions` with every field set. */
export type RoundBounds = Pick<Options, QuotaKey>;

/** The quota options with the policy defaults filled in. */
export function roundBounds(opts: QuotaOptions): RoundBounds {
  return {
    groupMin: opts.groupMin ?? defaultOptions.groupMin,
    groupMax: opts.groupMax ?? defaultOptions.groupMax,
    localMin: opts.localMin ?? defaultOptions.localMin,
    localMax: opts.localMax ?? defaultOptions.localMax,
    eastMin: opts.eastMin ?? defaultOptions.eastMin,
    eastMax: opts.eastMax ?? defaultOptions.eastMax,
    leaderCountsEast: opts.leaderCountsEast ?? defaultOptions.leaderCountsEast,
  };
}

/**
 * A county's eastern partner provinces, by the precedence of H6
 * (`src/rules/h6-east-west.ts`): its own `east_partner`, else its
 * county-level pairings, else its province's pairings.
 */
export function partnerLookup(pairings: readonly Pairing[]): (county: County) => readonly string[] {
  const byCounty = new Map<string, string[]>();
  const byProvince = new Map<string, string[]>();
  for (const p of pairings) {
    const map = p.countyId !== undefined ? byCounty : byProvince;
    const key = p.countyId ?? p.westProvince;
    const list = map.get(key);
    if (list === undefined) map.set(key, [p.eastProvince]);
    else if (!list.includes(p.eastProvince)) list.push(p.eastProvince);
  }
  return (county) => (county.eastPartner.length > 0 ? county.eastPartner : byCounty.get(county.id) ?? byProvince.get(county.province) ?? []);
}

/** A problem of one county cell: the camelCase field and the message. */
export interface CellProblem {
  readonly field: 'groupMin' | 'groupMax';
  readonly message: string;
}

/**
 * The problems of a county's own group size (at most one): `group_min`
 * above `group_max` (its own, or the round's when its own is empty), or
 * `group_max` below the round's `groupMin` or below the smallest group the
 * rules allow (a leader, `localMin` local scientists, and `eastMin`
 * East–West members when the county has partners).
 *
 * @param column the name issues give a field (`group_min` for CSV)
 */
export function groupSizeProblems(c: County, round: RoundBounds, partnered: boolean, column: (field: string) => string): CellProblem[] {
  const min = column('groupMin');
  const max = column('groupMax');
  if (c.groupMin !== undefined && c.groupMax !== undefined) {
    if (c.groupMin > c.groupMax) return [{ field: 'groupMin', message: `${min} ${c.groupMin} is larger than ${max} ${c.groupMax}` }];
  } else if (c.groupMin !== undefined && c.groupMin > round.groupMax) {
    return [{ field: 'groupMin', message: `${min} ${c.groupMin} is larger than the round's largest group ${round.groupMax} (${max} is empty, so the round's applies); give this county a ${max} too, or lower ${min}` }];
  } else if (c.groupMax !== undefined && c.groupMax < round.groupMin) {
    return [{ field: 'groupMax', message: `${max} ${c.groupMax} is smaller than the round's smallest group ${round.groupMin} (${min} is empty, so the round's applies); give this county a ${min} too, or raise ${max}` }];
  }
  // An eastern leader fills an East–West place only with leaderCountsEast (H6): then one place fewer is needed.
  const smallest = 1 + round.localMin + (partnered ? (round.leaderCountsEast ? Math.max(0, round.eastMin - 1) : round.eastMin) : 0);
  if (c.groupMax !== undefined && c.groupMax < smallest) {
    const east = partnered ? ` and ${round.eastMin} East–West member(s) (H6)` : '';
    return [{ field: 'groupMax', message: `${max} ${c.groupMax} is smaller than the smallest group the rules allow for this county: a leader (H4), ${round.localMin} local scientist(s) (H5)${east} make ${smallest}` }];
  }
  return [];
}

/** A pin beyond a quota: its index in the pins list, and the message. */
export interface PinProblem {
  readonly index: number;
  readonly message: string;
}

/**
 * Pins that by themselves exceed a county's quotas: more pins than its
 * `group_max` (H3), more pinned local scientists than `localMax` (H5), more
 * pinned members from its partner provinces than `eastMax` (H6). Each
 * exceeded quota is reported once, at the first pin beyond it.
 *
 * @param pins the pins to count (with their index), whose county and expert exist
 * @param lineOf the line of a pin, to list the pins in the message
 */
export function pinQuotaProblems(
  pins: readonly { readonly value: Pin; readonly index: number }[], round: RoundBounds,
  countyById: ReadonlyMap<string, County>, expertById: ReadonlyMap<string, Expert>,
  partnersOf: (county: County) => readonly string[], lineOf: (index: number) => number,
): PinProblem[] {
  const byCounty = new Map<string, { value: Pin; index: number }[]>();
  for (const p of pins) {
    const list = byCounty.get(p.value.countyId);
    if (list === undefined) byCounty.set(p.value.countyId, [p]);
    else list.push(p);
  }
  const out: PinProblem[] = [];
  for (const [countyId, list] of byCounty) {
    const county = countyById.get(countyId);
    if (county === undefined) continue;
    const partners = partnersOf(county);
    const groupMax = county.groupMax ?? round.groupMax;
    const experts = list.map((p) => expertById.get(p.value.expertId));
    const over = (chosen: readonly { index: number }[], limit: number, what: string, rule: string): void => {
      if (chosen.length <= limit) return;
      const lines = chosen.map((p) => lineOf(p.index)).join(', ');
      out.push({ index: chosen[limit]!.index, message: `county ${countyId} has ${chosen.length} ${what} (lines ${lines}) but a group has at most ${limit} (${rule}); remove a pin` });
    };
    over(list, groupMax, 'pinned members', 'H3 group size');
    over(list.filter((_, i) => experts[i]?.homeCounty === countyId), round.localMax, 'pinned local scientists', 'H5 localMax');
    if (partners.length > 0) {
      const fromPartner = list.filter((_, i) => partners.includes(experts[i]?.province ?? ''));
      if (round.leaderCountsEast) over(fromPartner, round.eastMax, `pinned members from ${partners.join('/')}`, 'H6 eastMax');
      else {
        // The leader fills no East–West place (H6): a pinned leader is not counted, and without one an unlabelled pin may still lead.
        const counted = fromPartner.filter((p) => p.value.role !== 'leader');
        const mayLead = !list.some((p) => p.value.role === 'leader') && counted.some((p) => p.value.role === undefined);
        if (mayLead) over(counted, round.eastMax + 1, `pinned members from ${partners.join('/')}`, `H6: eastMax ${round.eastMax}, and one more only as its leader`);
        else over(counted, round.eastMax, `pinned members from ${partners.join('/')} besides its leader`, 'H6 eastMax');
      }
    }
  }
  return out.sort((a, b) => a.index - b.index);
}
