/**
 * Validation of an instance, row by row (the zod schemas of
 * `src/model/schemas.ts`) and across files (unique ids, references, pins,
 * H10). It works on plain data, so CSV folders, JSON files and typed
 * instances from the API are judged by the same rules; only the
 * `SourceMap` differs, and it is what turns an index into a file and line.
 */
import type { z } from 'zod';
import type { InputIssue, InputWarning } from '../model/issues.js';
import type { Options } from '../model/options.js';
import {
  AffinitySchema, CountySchema, ExpertSchema, NeedSchema, PairingSchema, PinSchema, SkillSchema,
  type Affinity, type County, type Expert, type Instance, type InstanceInput, type Need, type Pairing, type Pin, type Skill,
} from '../model/schemas.js';
import { ANY } from '../model/vocabulary.js';
import { keyCountyMessage } from '../rules/h10-key-county.js';
import type { EntityKind } from './headers.js';
import { ENTITY_KINDS, SourceMap } from './source-map.js';

/** Options of `validateInstance`; the fields mean what they mean in the round's `Options`. */
export interface ValidateOptions extends Partial<Pick<Options, 'keyCounties' | 'leaderLevels' | 'defaultCapacity'>> {
  /**
   * The name issues give a typed instance's entities: `${source}#experts`.
   * Default `instance`. Ignored when `sources` is given.
   */
  source?: string;
  /** Where the entities came from (e.g. the map `readInstanceDir` built). Default `SourceMap.forObject(source)`. */
  sources?: SourceMap;
}

/** What validation found, and the instance that remains. */
export interface ValidationReport {
  /** Problems that refuse the instance; empty when it may be solved. */
  issues: InputIssue[];
  /** Things worth knowing that do not refuse it (e.g. key counties skipped by option). */
  warnings: InputWarning[];
  /**
   * The valid rows, with defaults filled in; key counties (and their needs,
   * pairings, affinities and pins) removed when `keyCounties` is `skip`.
   * Only meaningful when `issues` is empty.
   */
  instance: Instance;
  /** Locations of the returned instance's entities (indices follow the removals). */
  sources: SourceMap;
}

/** An instance whose lists are not yet checked: what a JSON file or the CSV reader hands to validation. */
export type RawInstance = Readonly<Record<EntityKind, readonly unknown[]>>;

/** How the CSV reader refines validation: the cell texts, and the fields it already reported. */
export interface RawContext {
  readonly sources: SourceMap;
  /** The cell text of a field, to quote it in issues. */
  readonly text?: (kind: EntityKind, index: number, field: string) => string | undefined;
  /** Fields of a row already reported as unreadable: their schema issues are not repeated, and the row is dropped. */
  readonly reported?: (kind: EntityKind, index: number) => ReadonlySet<string> | undefined;
  /**
   * Lists known to be incomplete (their file is missing or unreadable, and
   * that is already reported): references to them are not checked, since
   * every one would be reported as dangling.
   */
  readonly incomplete?: ReadonlySet<'counties' | 'experts'>;
}

/**
 * Validates a typed instance (or one a program assembled): the row shapes
 * (schemas), then every cross-file rule:
 *
 * - unique `county_id` and `expert_id`; unique (county, industry, stage)
 *   needs, (expert, industry, stage) skills, and (county, expert) affinities
 *   and pins → `duplicate-id`;
 * - every reference resolves (needs, experts' `home_county`, skills,
 *   pairings, affinities, pins) → `unknown-reference`;
 * - a county-level pairing's county lies in its `west_province`, a need
 *   names no wildcard `*`, `group_min ≤ group_max` → `bad-value`;
 * - pins agree with the rest: not vetoed, not a local scientist of another
 *   county, a pinned leader has a leader level and is not the county's own
 *   local scientist, at most one pinned leader per county → `inconsistent-pin`;
 * - H10: a key county is refused (`key-county`), or with
 *   `keyCounties: 'skip'` removed with a warning, along with its needs,
 *   pairings, affinities and pins.
 *
 * Every problem is reported, not only the first. Locations: see `SourceMap`.
 *
 * @example
 * ```ts
 * const { issues, instance } = validateInstance(myInstance, { keyCounties: 'skip' });
 * if (issues.length > 0) throw new InputError(issues as NonEmpty<InputIssue>);
 * ```
 */
export function validateInstance(instance: InstanceInput | Instance, opts: ValidateOptions = {}): ValidationReport {
  const raw = Object.fromEntries(ENTITY_KINDS.map((k) => {
    const list = (instance as Partial<Record<EntityKind, unknown>>)[k];
    return [k, Array.isArray(list) ? list : []];
  })) as unknown as RawInstance;
  const sources = opts.sources ?? SourceMap.forObject(opts.source ?? 'instance');
  return validateRaw(raw, { sources }, opts);
}

/** An entity that passed its schema, with its index in the raw list. */
interface Entry<T> {
  readonly value: T;
  readonly index: number;
}

const SCHEMAS = {
  counties: CountySchema, needs: NeedSchema, experts: ExpertSchema, skills: SkillSchema,
  pairings: PairingSchema, affinities: AffinitySchema, pins: PinSchema,
} as const satisfies Record<EntityKind, z.ZodType>;

/**
 * Validates raw lists (the shared core of `validateInstance`, the CSV reader
 * and the JSON reader).
 */
export function validateRaw(raw: RawInstance, ctx: RawContext, opts: ValidateOptions = {}): ValidationReport {
  const { sources } = ctx;
  const issues: InputIssue[] = [];
  const warnings: InputWarning[] = [];
  const leaderLevels: readonly string[] = opts.leaderLevels ?? ['national'];
  const defaultCapacity = opts.defaultCapacity ?? 1;

  const valueText = (kind: EntityKind, index: number, field: string): string | undefined => {
    const text = ctx.text?.(kind, index, field);
    if (text !== undefined) return text;
    const row = raw[kind][index];
    const v = isRecord(row) ? row[field] : undefined;
    if (v === undefined) return undefined;
    return typeof v === 'string' ? v : JSON.stringify(v);
  };
  const issue = (code: InputIssue['code'], kind: EntityKind, index: number, field: string, message: string): void => {
    const value = field === '' ? undefined : valueText(kind, index, field);
    issues.push({ code, ...sources.locate(kind, index, field), message, ...(value === undefined ? {} : { value }) });
  };

  // 1. Row shapes.
  function rows<K extends EntityKind>(kind: K): Entry<z.output<(typeof SCHEMAS)[K]>>[] {
    const out: Entry<z.output<(typeof SCHEMAS)[K]>>[] = [];
    raw[kind].forEach((row, index) => {
      if (!isRecord(row)) {
        issues.push({ code: 'bad-row', ...sources.locate(kind, index), message: `each entry of ${kind} must be an object` });
        return;
      }
      const reported = ctx.reported?.(kind, index);
      const parsed = SCHEMAS[kind].safeParse(row);
      if (parsed.success) {
        if (reported === undefined || reported.size === 0) out.push({ value: parsed.data as z.output<(typeof SCHEMAS)[K]>, index });
        return;
      }
      for (const zi of parsed.error.issues) {
        const key = String(zi.path[0] ?? '');
        if (reported?.has(key)) continue;
        const { code, message } = describeZodIssue(zi, sources.field(kind, key) || kind, row[key]);
        issue(code, kind, index, key, message);
      }
    });
    return out;
  }
  const counties = rows('counties') as Entry<County>[];
  const needs = rows('needs') as Entry<Need>[];
  const experts = rows('experts') as Entry<Expert>[];
  const skills = rows('skills') as Entry<Skill>[];
  const pairings = rows('pairings') as Entry<Pairing>[];
  const affinities = rows('affinities') as Entry<Affinity>[];
  const pins = rows('pins') as Entry<Pin>[];

  const where = (kind: EntityKind, index: number): string => `${sources.file(kind)}:${sources.line(kind, index)}`;

  // 2. Unique ids. Counted over every row, valid or not, so that a bad row
  // still owns its id: its references are not reported as dangling too.
  const countyIds = uniqueIds('counties', 'id', 'county');
  const expertIds = uniqueIds('experts', 'id', 'expert');
  function uniqueIds(kind: 'counties' | 'experts', key: string, what: string): Set<string> {
    const first = new Map<string, number>();
    raw[kind].forEach((row, index) => {
      const id = isRecord(row) && typeof row[key] === 'string' ? row[key].trim() : '';
      if (id === '') return;
      const earlier = first.get(id);
      if (earlier === undefined) first.set(id, index);
      else issue('duplicate-id', kind, index, key, `the ${what} id ${id} appears twice (also at ${where(kind, earlier)}); each ${what} needs its own id`);
    });
    return new Set(first.keys());
  }
  const countyById = new Map<string, County>();
  for (const { value } of counties) if (!countyById.has(value.id)) countyById.set(value.id, value);
  const expertById = new Map<string, Expert>();
  for (const { value } of experts) if (!expertById.has(value.id)) expertById.set(value.id, value);

  function uniquePairs<T>(kind: EntityKind, entries: readonly Entry<T>[], keyOf: (v: T) => string, what: (v: T) => string): void {
    const first = new Map<string, number>();
    for (const { value, index } of entries) {
      const key = keyOf(value);
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, index);
      else issue('duplicate-id', kind, index, '', `${what(value)} appears twice (also at ${where(kind, earlier)}); keep one row`);
    }
  }
  uniquePairs('needs', needs, (n) => `${n.countyId}\u0000${n.industry}\u0000${n.stage}`, (n) => `the need ${n.industry}/${n.stage} of county ${n.countyId}`);
  uniquePairs('skills', skills, (s) => `${s.expertId}\u0000${s.industry}\u0000${s.stage}`, (s) => `the skill ${s.industry}/${s.stage} of expert ${s.expertId}`);
  uniquePairs('affinities', affinities, (a) => `${a.countyId}\u0000${a.expertId}`, (a) => `the pair county ${a.countyId}, expert ${a.expertId}`);
  uniquePairs('pins', pins, (p) => `${p.countyId}\u0000${p.expertId}`, (p) => `the pin of expert ${p.expertId} to county ${p.countyId}`);

  // 3. References.
  const refCounty = (kind: EntityKind, index: number, id: string | undefined, key: string): boolean => {
    if (id === undefined || countyIds.has(id)) return true;
    if (ctx.incomplete?.has('counties')) return false;
    issue('unknown-reference', kind, index, key, `county ${id} is not in ${sources.file('counties')}`);
    return false;
  };
  const refExpert = (kind: EntityKind, index: number, id: string, key: string): boolean => {
    if (expertIds.has(id)) return true;
    if (ctx.incomplete?.has('experts')) return false;
    issue('unknown-reference', kind, index, key, `expert ${id} is not in ${sources.file('experts')}`);
    return false;
  };
  for (const { value: c, index } of counties) {
    if (c.groupMin !== undefined && c.groupMax !== undefined && c.groupMin > c.groupMax) {
      issue('bad-value', 'counties', index, 'groupMin', `${sources.field('counties', 'groupMin')} ${c.groupMin} is larger than ${sources.field('counties', 'groupMax')} ${c.groupMax}`);
    }
  }
  for (const { value: n, index } of needs) {
    refCounty('needs', index, n.countyId, 'countyId');
    for (const key of ['industry', 'stage'] as const) {
      if (n[key] === ANY) issue('bad-value', 'needs', index, key, `a need names one ${key}; the wildcard * is only for skills`);
    }
  }
  for (const { value: e, index } of experts) refCounty('experts', index, e.homeCounty, 'homeCounty');
  for (const { value: s, index } of skills) refExpert('skills', index, s.expertId, 'expertId');
  for (const { value: p, index } of pairings) {
    if (p.countyId === undefined || !refCounty('pairings', index, p.countyId, 'countyId')) continue;
    const county = countyById.get(p.countyId);
    if (county !== undefined && county.province !== p.westProvince) {
      issue('bad-value', 'pairings', index, 'westProvince', `county ${p.countyId} is in ${county.province}, not in the pairing's west province ${p.westProvince}`);
    }
  }
  const vetoed = new Set<string>();
  for (const { value: a, index } of affinities) {
    refCounty('affinities', index, a.countyId, 'countyId');
    refExpert('affinities', index, a.expertId, 'expertId');
    if (a.veto) vetoed.add(`${a.countyId}\u0000${a.expertId}`);
  }

  // 4. Pins against the rest.
  const leaderPin = new Map<string, number>();
  const pinLoad = new Map<string, number>();
  for (const { value: p, index } of pins) {
    const countyOk = refCounty('pins', index, p.countyId, 'countyId');
    const expertOk = refExpert('pins', index, p.expertId, 'expertId');
    if (vetoed.has(`${p.countyId}\u0000${p.expertId}`)) {
      issue('inconsistent-pin', 'pins', index, 'expertId', `expert ${p.expertId} is pinned to county ${p.countyId}, but the pair is vetoed in ${sources.file('affinities')} (H8); remove the pin or the veto`);
    }
    const e = expertById.get(p.expertId);
    if (!countyOk || !expertOk || e === undefined) continue;
    const load = (pinLoad.get(p.expertId) ?? 0) + 1;
    pinLoad.set(p.expertId, load);
    const capacity = e.capacity ?? defaultCapacity;
    if (load > capacity) {
      issue('inconsistent-pin', 'pins', index, 'expertId', `expert ${p.expertId} is pinned to ${load} counties but may serve ${capacity} group(s) (H2); remove a pin or raise the expert's capacity`);
    }
    if (e.homeCounty !== undefined && e.homeCounty !== p.countyId) {
      issue('inconsistent-pin', 'pins', index, 'expertId', `expert ${p.expertId} is a local scientist of county ${e.homeCounty} and serves only that county (H5), but is pinned to county ${p.countyId}`);
    }
    if (p.role === 'leader') {
      if (!leaderLevels.includes(e.level)) {
        issue('inconsistent-pin', 'pins', index, 'role', `expert ${p.expertId} is pinned as leader of county ${p.countyId} but is of level ${e.level}; a leader must be ${leaderLevels.join(' or ')} (H4)`);
      } else if (e.homeCounty === p.countyId) {
        issue('inconsistent-pin', 'pins', index, 'role', `expert ${p.expertId} is pinned as leader of county ${p.countyId}, but a county's own local scientist never leads its group (H4)`);
      }
      const earlier = leaderPin.get(p.countyId);
      if (earlier === undefined) leaderPin.set(p.countyId, index);
      else issue('inconsistent-pin', 'pins', index, 'role', `county ${p.countyId} has two pinned leaders (also at ${where('pins', earlier)}); a group has exactly one (H4)`);
    }
  }

  // 5. H10, last: a key county's other problems are reported too, so that one run shows them all.
  const skip = opts.keyCounties === 'skip';
  const skipped = new Set<string>();
  for (const { value: c, index } of counties) {
    if (!c.keyCounty) continue;
    if (skip) {
      skipped.add(c.id);
      warnings.push({ code: 'key-county', ...sources.locate('counties', index, 'keyCounty'), message: keyCountyMessage(c, true) });
    } else {
      issue('key-county', 'counties', index, 'keyCounty', keyCountyMessage(c, false));
    }
  }

  const keep = <T>(entries: readonly Entry<T>[], countyOf: (v: T) => string | undefined): Entry<T>[] =>
    entries.filter(({ value }) => { const id = countyOf(value); return id === undefined || !skipped.has(id); });
  const kept = {
    counties: keep(counties, (c) => c.id),
    needs: keep(needs, (n) => n.countyId),
    experts,
    skills,
    pairings: keep(pairings, (p) => p.countyId),
    affinities: keep(affinities, (a) => a.countyId),
    pins: keep(pins, (p) => p.countyId),
  };
  const instance: Instance = {
    counties: kept.counties.map((e) => e.value),
    needs: kept.needs.map((e) => e.value),
    experts: kept.experts.map((e) => e.value),
    skills: kept.skills.map((e) => e.value),
    pairings: kept.pairings.map((e) => e.value),
    affinities: kept.affinities.map((e) => e.value),
    pins: kept.pins.map((e) => e.value),
  };
  const indices = Object.fromEntries(ENTITY_KINDS.map((k) => [k, kept[k].map((e) => e.index)])) as Record<EntityKind, number[]>;
  return { issues, warnings, instance, sources: sources.reindex(indices) };
}

function isRecord(v: unknown): v is Record<string, unknown> {
  return typeof v === 'object' && v !== null && !Array.isArray(v);
}

const TYPE_WORDS: Readonly<Record<string, string>> = {
  string: 'text', number: 'a number', int: 'a whole number', boolean: 'true or false', array: 'a list', object: 'an object',
};

/**
 * A zod issue in plain words, with the issue code it maps to: an absent or
 * empty required value is `missing-value`, anything else `bad-value`.
 *
 * @param name the field as the person knows it (`proficiency`, `home_county`)
 * @param input the value the row holds for the field
 */
export function describeZodIssue(zi: z.core.$ZodIssue, name: string, input: unknown): { code: 'missing-value' | 'bad-value'; message: string } {
  const item = zi.path.length > 1 ? ' has an item that' : '';
  switch (zi.code) {
    case 'invalid_type':
      if (input === undefined || input === null) return { code: 'missing-value', message: `${name} is empty; it is required` };
      return { code: 'bad-value', message: `${name}${item} must be ${TYPE_WORDS[zi.expected] ?? zi.expected}` };
    case 'too_small':
      if (zi.origin === 'string') return { code: 'missing-value', message: zi.path.length > 1 ? `${name} has an empty item` : `${name} is empty; it is required` };
      return { code: 'bad-value', message: `${name}${item} must be ${zi.inclusive === false ? 'more than' : 'at least'} ${String(zi.minimum)}${zi.origin === 'array' ? ' items' : ''}` };
    case 'too_big':
      return { code: 'bad-value', message: `${name}${item} must be ${zi.inclusive === false ? 'less than' : 'at most'} ${String(zi.maximum)}${zi.origin === 'array' ? ' items' : ''}` };
    case 'invalid_value':
      if (input === undefined || input === null) return { code: 'missing-value', message: `${name} is empty; it is required` };
      return { code: 'bad-value', message: `${name}${item} must be one of ${zi.values.map(String).join(', ')}` };
    default:
      return { code: 'bad-value', message: `${name}: ${zi.message}` };
  }
}
