/**
 * Shortages between counties, proven from the rules: for one kind of
 * expert every group of a county needs (a leader, East–West scientists of
 * its partner provinces, a holder of a required need, members at all), the
 * counties needing that kind may ask for more than the experts of the kind
 * who may serve them can give. `findShortages` finds each such Hall set
 * (see `hall.ts`); it holds for every valid result, so it is the reason a
 * solver's `competition` county could not be matched — not a guess.
 *
 * Pins count as given: a pinned expert's place is used, and a county's
 * pinned members of the kind reduce what it still needs.
 *
 * With consent required nobody is eligible everywhere: each county is
 * adjacent only to the experts who consented (`consentedFor`), given to the
 * b-matching as explicit edges, one position per expert shared by every
 * county it consented to, so a shortage of consenting experts is proven
 * the same way.
 */
import { needKey } from '../model/coverage.js';
import type { County, Expert } from '../model/schemas.js';
import { needsOf, pinsOf, type RoundContext } from '../rules/context.js';
import { capacityOf } from '../rules/h2-capacity.js';
import { groupSizeBounds } from '../rules/h3-group-size.js';
import { partnersOf } from '../rules/h6-east-west.js';
import { countyLabel } from './diagnose.js';
import { hallDeficiency, type HallCounty } from './hall.js';
import {
  anyKind, consentedFor, eligibleLocals, kindGlobalCapacities, kindGlobalPlace, kindGlobals, leaderKind, needKind, poolIndexOf, provinceKind, type ExpertKind, type PoolIndex,
} from './pool-index.js';
import { CONSENT_REMEDY } from '../rules/consent.js';

/** What kind of expert is short. */
export type ShortageKind = 'leader' | 'east' | 'need' | 'size';

/** A proven shortage: these counties cannot all get the experts of this kind they need. */
export interface Shortage {
  kind: ShortageKind;
  /** Key of the expert kind, e.g. `leader`, `east:浙江`, `need:茶叶/processing`, `any`. */
  key: string;
  /** The kind in words, e.g. `holders of 茶叶/processing`. */
  label: string;
  /** The competing counties (the Hall set), in round order. */
  counties: string[];
  /** Experts of the kind each of them still needs, at most (1 for a leader or a need, `eastMin`, or `groupMin`). */
  perCounty: number;
  /** Experts of the kind they need between them. */
  demand: number;
  /** The most of that demand any valid result can meet. */
  fillable: number;
  /** Experts of the kind who may serve them and are all taken by them in every best matching. */
  experts: number;
  /** Places (capacity left after pins) of those experts. */
  places: number;
  /** At least this many of the counties are unmatched in every valid result. */
  minUnmatched: number;
  /** True when the round requires consent: "who may serve them" means who consented (H8). */
  consent: boolean;
}

interface KindDemand {
  kind: ExpertKind;
  shortage: ShortageKind;
  counties: County[];
  demand: number[];
  perCounty: number;
}

/** Pins of the open counties use places; returns expert id → places used. */
function pinLoads(ctx: RoundContext, open: readonly County[]): Map<string, number> {
  const load = new Map<string, number>();
  for (const c of open) for (const p of pinsOf(ctx, c.id)) load.set(p.expertId, (load.get(p.expertId) ?? 0) + 1);
  return load;
}

/** Pinned members of the county who are of the kind (a member pinned to another role does not lead). */
function pinnedOfKind(ctx: RoundContext, county: County, kind: ExpertKind): number {
  let n = 0;
  for (const p of pinsOf(ctx, county.id)) {
    const e = ctx.expertById.get(p.expertId);
    if (!e || !kind.has(e, county)) continue;
    if (kind.key === 'leader' && p.role !== undefined && p.role !== 'leader') continue;
    n++;
  }
  return n;
}

function demandsOf(index: PoolIndex, open: readonly County[]): KindDemand[] {
  const ctx = index.ctx;
  const out: KindDemand[] = [];
  const add = (kind: ExpertKind, shortage: ShortageKind, counties: County[], need: (c: County) => number): void => {
    const demand = counties.map((c) => Math.max(0, need(c) - pinnedOfKind(ctx, c, kind)));
    out.push({ kind, shortage, counties, demand, perCounty: Math.max(0, ...counties.map(need)) });
  };
  add(leaderKind(index), 'leader', [...open], () => 1);
  if (ctx.options.eastMin > 0) {
    const partnerSets = new Map<string, string[]>();
    for (const c of open) {
      const p = partnersOf(ctx, c);
      if (p.length > 0) partnerSets.set([...p].sort().join('/'), [...p]);
    }
    for (const provinces of partnerSets.values()) {
      // Counties whose partners all lie within these provinces can only be served from them: a valid Hall set.
      const within = new Set(provinces);
      const counties = open.filter((c) => {
        const p = partnersOf(ctx, c);
        return p.length > 0 && p.every((x) => within.has(x));
      });
      add(provinceKind(index, provinces), 'east', counties, () => ctx.options.eastMin);
    }
  }
  const byNeed = new Map<string, { kind: ExpertKind; counties: County[] }>();
  for (let i = 0; i < open.length; i++) {
    const c = open[i]!;
    const needs = needsOf(ctx, c.id);
    for (let j = 0; j < needs.length; j++) {
      const n = needs[j]!;
      if (!n.required) continue;
      const key = needKey(n);
      let entry = byNeed.get(key);
      if (!entry) byNeed.set(key, (entry = { kind: needKind(index, n), counties: [] }));
      if (!entry.counties.includes(c)) entry.counties.push(c);
    }
  }
  for (const { kind, counties } of byNeed.values()) add(kind, 'need', counties, () => 1);
  add(anyKind(index), 'size', [...open], (c) => groupSizeBounds(ctx, c).min);
  return out;
}

/** The pinned experts, and the globals blocked, of a county without pins or vetoes (most): one shared empty set each. */
const NO_PINS: ReadonlySet<string> = new Set();
const NONE_BLOCKED: ReadonlySet<number> = new Set();

/**
 * True when the kind's global experts alone can give every county all it asks for, so that no Hall set
 * exists: when as many of them have a place left as the counties ask for in all, plus the most that one
 * county blocks (vetoes, pins). Then `hallDeficiency`'s greedy start serves them all: when it comes to a
 * county, each place given before used up at most one expert, so at least (free − given − blocked) ≥ its
 * demand are there for it. Saves building the b-matching for most kinds (a national round has ~110).
 */
function servesAll(index: PoolIndex, d: KindDemand, capacity: readonly number[]): boolean {
  let free = 0;
  for (let e = 0; e < capacity.length; e++) if (capacity[e]! > 0) free++;
  let demand = 0;
  let mostBlocked = 0;
  for (let i = 0; i < d.counties.length; i++) {
    demand += Math.max(0, d.demand[i]!);
    // At most its vetoes and pins: a bound on the globals it blocks.
    const c = d.counties[i]!;
    const blocked = (index.vetoedByCounty.get(c.id)?.size ?? 0) + pinsOf(index.ctx, c.id).length;
    if (blocked > mostBlocked) mostBlocked = blocked;
  }
  return free >= demand + mostBlocked;
}

function solveKind(index: PoolIndex, d: KindDemand, pinLoad: ReadonlyMap<string, number>): Shortage | undefined {
  const ctx = index.ctx;
  const globals = kindGlobals(index, d.kind);
  const placesLeft = (e: Expert): number => Math.max(0, capacityOf(ctx, e) - (pinLoad.get(e.id) ?? 0));
  // Places of each expert (capacity left after pins): the globals first, then each county's locals as they come.
  const capacities = kindGlobalCapacities(index, d.kind);
  const capacity: number[] = pinLoad.size === 0
    ? capacities.map((c) => Math.max(0, c))
    : globals.map((e, i) => Math.max(0, capacities[i]! - (pinLoad.get(e.id) ?? 0)));
  if (servesAll(index, d, capacity)) return undefined;
  // Where a vetoed or pinned expert stands among the globals, by pool position (no map of every global per kind).
  const placeOf = kindGlobalPlace(index, d.kind);
  const place = (id: string): number => {
    const e = ctx.expertById.get(id);
    return e === undefined ? -1 : placeOf(e);
  };
  // Under consent required: one shared position per consenting expert (globals are then empty).
  const shared = new Map<Expert, number>();
  const counties: HallCounty[] = d.counties.map((c, i) => {
    const vetoed = index.vetoedByCounty.get(c.id);
    const pins = pinsOf(ctx, c.id);
    let blocked = NONE_BLOCKED;
    if (vetoed !== undefined || pins.length > 0) {
      const own = new Set<number>();
      for (const id of vetoed ?? []) {
        const p = place(id);
        if (p >= 0) own.add(p);
      }
      for (const pin of pins) {
        const p = place(pin.expertId);
        if (p >= 0) own.add(p);
      }
      blocked = own;
    }
    const pinned = pins.length === 0 ? NO_PINS : new Set(pins.map((p) => p.expertId));
    const locals: number[] = [];
    for (const e of eligibleLocals(index, c)) {
      if (!d.kind.has(e, c) || pinned.has(e.id)) continue;
      locals.push(capacity.length);
      capacity.push(placesLeft(e));
    }
    for (const e of consentedFor(index, c) ?? []) {
      if (!d.kind.has(e, c) || pinned.has(e.id)) continue;
      let p = shared.get(e);
      if (p === undefined) {
        shared.set(e, (p = capacity.length));
        capacity.push(placesLeft(e));
      }
      locals.push(p);
    }
    return { demand: d.demand[i]!, locals, blocked };
  });
  const result = hallDeficiency({ counties, capacity, globalCount: globals.length });
  if (result.deficiency <= 0) return undefined;
  const short = [...result.short].sort((a, b) => a - b);
  let demand = 0;
  let fillable = 0;
  let perCounty = 0;
  for (const i of short) {
    demand += d.demand[i]!;
    fillable += Math.min(d.demand[i]!, result.served[i]!);
    perCounty = Math.max(perCounty, d.demand[i]!);
  }
  return {
    kind: d.shortage,
    key: d.kind.key,
    label: d.kind.label,
    counties: short.map((i) => d.counties[i]!.id),
    perCounty: d.perCounty,
    demand,
    fillable,
    experts: result.experts.length,
    places: result.experts.reduce((s, e) => s + capacity[e]!, 0),
    minUnmatched: Math.ceil((demand - fillable) / Math.max(1, perCounty)),
    consent: index.consented !== undefined,
  };
}

/**
 * Every proven shortage among the open counties (those with no
 * single-county reason to be unmatched), tightest first: lowest share of
 * the demand that can be met, then fewest counties.
 */
export function findShortages(ctx: RoundContext, open: readonly County[], index: PoolIndex = poolIndexOf(ctx)): Shortage[] {
  const pinLoad = pinLoads(ctx, open);
  const out: Shortage[] = [];
  for (const d of demandsOf(index, open)) {
    if (d.counties.length === 0) continue;
    const s = solveKind(index, d, pinLoad);
    if (s) out.push(s);
  }
  return out.sort(tighter);
}

/** Orders shortages tightest first. */
export function tighter(a: Shortage, b: Shortage): number {
  return a.fillable / a.demand - b.fillable / b.demand || a.counties.length - b.counties.length || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

/** `A, B, C and 11 more`, by county label. */
export function listCounties(ctx: RoundContext, ids: readonly string[], shown = 4): string {
  const names = ids.slice(0, shown).map((id) => {
    const c = ctx.countyById.get(id);
    return c ? countyLabel(c) : id;
  });
  return ids.length > shown ? `${names.join(', ')} and ${ids.length - shown} more` : names.join(', ');
}

function count(n: number, one: string, many = `${one}s`): string {
  return `${n} ${n === 1 ? one : many}`;
}

/** The shortage in a sentence, with the numbers to act on. */
export function describeShortage(ctx: RoundContext, s: Shortage): string {
  const who = `${count(s.counties.length, 'county', 'counties')} (${listCounties(ctx, s.counties)})`;
  const unmatched = `at least ${s.minUnmatched} of them cannot be matched${s.consent ? ' (consent required: only experts who consented to a county may serve it, H8)' : ''}`;
  const have = `${s.experts === 1 ? 'has' : 'have'} ${count(s.places, 'place')} between them`;
  switch (s.kind) {
    case 'leader':
      return `${who} each need a leader from the ${s.label}, and the ${count(s.experts, 'such expert')} who may serve them ${have} (H4, H2): ${unmatched}`;
    case 'need':
      return `${who} each require a member holding ${s.key.slice('need:'.length)} (H7), and the ${count(s.experts, 'holder')} who may serve them ${have}: ${unmatched}`;
    case 'east': {
      const need = s.perCounty === 1 ? 'each need one of the' : `need ${s.demand} (${s.perCounty} each) of the`;
      return `${who} ${need} ${s.label} (H6), and at most ${s.fillable} can be given: the ${count(s.experts, 'scientist')} who may serve them ${have}: ${unmatched}`;
    }
    case 'size':
      return `${who} need ${s.demand} members between them to reach their smallest group size (H3; pinned members counted), and the experts who may serve them can fill at most ${s.fillable} of those places: ${unmatched}`;
  }
}

/** What a person can do about a shortage. */
export function shortageRemedy(s: Shortage): string {
  const base = remedyWithoutConsent(s);
  return s.consent ? `${CONSENT_REMEDY} for more experts of the kind, or ${base}` : base;
}

function remedyWithoutConsent(s: Shortage): string {
  switch (s.kind) {
    case 'leader':
      return `add a ${s.label.replace(/ experts$/, '')} expert, raise one's capacity, or lift a veto`;
    case 'need':
      return `recruit a holder of ${s.key.slice('need:'.length)}, raise a holder's capacity, or unmark the need in one of these counties`;
    case 'east':
      return `add ${s.label}, or raise the capacity of one`;
    case 'size':
      return 'add experts who may serve these counties, or lower group_min';
  }
}
