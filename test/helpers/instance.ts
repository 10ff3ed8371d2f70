/**
 * A tiny instance builder for rule, checker and solver tests: every field has
 * a sensible default, so a test spells out only what makes its rule bind.
 *
 * Conventions: counties lie in province `W` (west); the eastern partner
 * province is `E`; other experts work in `P`. `makeInstance` parses through
 * `InstanceSchema`, so defaults (weights, `required: false`, …) are filled in.
 */
import type { RoundContext } from '../../src/rules/context.js';
import { buildContext } from '../../src/rules/context.js';
import { resolveOptions, type Options, type OptionsInput } from '../../src/model/options.js';
import type { Solution } from '../../src/model/result.js';
import {
  InstanceSchema,
  type AffinitySchema, type CountySchema, type ExpertSchema, type Instance, type NeedSchema, type PairingSchema, type PinSchema, type SkillSchema,
} from '../../src/model/schemas.js';
import type { Role } from '../../src/model/vocabulary.js';
import type { z } from 'zod';

export type CountyIn = z.input<typeof CountySchema>;
export type ExpertIn = z.input<typeof ExpertSchema>;
export type NeedIn = z.input<typeof NeedSchema>;
export type SkillIn = z.input<typeof SkillSchema>;
export type PairingIn = z.input<typeof PairingSchema>;
export type AffinityIn = z.input<typeof AffinitySchema>;
export type PinIn = z.input<typeof PinSchema>;

/** The western province every county lies in by default. */
export const WEST = 'W';
/** The eastern partner province used by `pairWest`. */
export const EAST = 'E';
/** The province of ordinary experts. */
export const OTHER = 'P';

/** A county in province `W`. */
export function county(id: string, over: Partial<CountyIn> = {}): CountyIn {
  return { id, name: `county ${id}`, province: WEST, ...over };
}

/** An expert of level `provincial` in province `P`. */
export function expert(id: string, over: Partial<ExpertIn> = {}): ExpertIn {
  return { id, province: OTHER, level: 'provincial', ...over };
}

/** A national-level expert (a leader candidate). */
export function national(id: string, over: Partial<ExpertIn> = {}): ExpertIn {
  return expert(id, { level: 'national', ...over });
}

/** A local scientist recommended by `countyId`. */
export function local(id: string, countyId: string, over: Partial<ExpertIn> = {}): ExpertIn {
  return expert(id, { province: WEST, level: 'county', homeCounty: countyId, ...over });
}

/** An expert from the eastern partner province `E`. */
export function eastern(id: string, over: Partial<ExpertIn> = {}): ExpertIn {
  return expert(id, { province: EAST, ...over });
}

/** The province-level pairing E → W. */
export function pairWest(east = EAST, west = WEST): PairingIn {
  return { eastProvince: east, westProvince: west };
}

/** An affinity score (no veto). */
export function aff(countyId: string, expertId: string, score: number): AffinityIn {
  return { countyId, expertId, score };
}

/** A veto of a pair. */
export function veto(countyId: string, expertId: string): AffinityIn {
  return { countyId, expertId, veto: true };
}

/** What `makeInstance` takes: any subset of the lists. */
export interface InstanceParts {
  counties?: CountyIn[];
  needs?: NeedIn[];
  experts?: ExpertIn[];
  skills?: SkillIn[];
  pairings?: PairingIn[];
  affinities?: AffinityIn[];
  pins?: PinIn[];
}

/** A parsed instance; missing lists are empty. */
export function makeInstance(parts: InstanceParts = {}): Instance {
  return InstanceSchema.parse({
    counties: parts.counties ?? [],
    needs: parts.needs ?? [],
    experts: parts.experts ?? [],
    skills: parts.skills ?? [],
    pairings: parts.pairings ?? [],
    affinities: parts.affinities ?? [],
    pins: parts.pins ?? [],
  });
}

/** Small groups keep hand-written instances short: 3–5 members by default. */
export const SMALL: OptionsInput = { groupMin: 3, groupMax: 5 };

/** Options with the small defaults, then the caller's. */
export function smallOptions(over: OptionsInput = {}): Options {
  return resolveOptions({ ...SMALL, ...over });
}

/** A prepared round. */
export function makeContext(instance: Instance, options: Options | OptionsInput = {}): RoundContext {
  return buildContext(instance, resolveOptions(options));
}

/**
 * A standard pool for one county: a national leader `${c}-N`, a local
 * scientist `${c}-L`, and `members` provincial experts `${c}-M1…`, plus an
 * eastern expert `${c}-E` when `east` is set.
 */
export function poolFor(countyId: string, opts: { members?: number; east?: boolean } = {}): ExpertIn[] {
  const out: ExpertIn[] = [national(`${countyId}-N`), local(`${countyId}-L`, countyId)];
  if (opts.east) out.push(eastern(`${countyId}-E`));
  for (let i = 1; i <= (opts.members ?? 3); i++) out.push(expert(`${countyId}-M${i}`));
  return out;
}

/** A solution from `county: [[expert, role], …]` groups and unmatched counties. */
export function solution(groups: Record<string, [string, Role][]>, unmatched: Record<string, string> = {}): Solution {
  return {
    assignments: Object.entries(groups).flatMap(([countyId, members]) => members.map(([expertId, role]) => ({ countyId, expertId, role }))),
    unmatched: Object.entries(unmatched).map(([countyId, reasonCode]) => ({ countyId, reasonCode: reasonCode as Solution['unmatched'][number]['reasonCode'] })),
  };
}
