/**
 * Validation of an instance, row by row (the zod schemas of
 * `src/model/schemas.ts`) and across files (unique ids, references, pins,
 * H10). It works on plain data, so CSV folders, JSON files and typed
 * instances from the API are judged by the same rules; only the
 * `SourceMap` differs, and it is what turns an index into a file and line.
 */
import type { z } from 'zod';
import type { InputIssue, InputWarning } from '../model/issues.js';
import { defaultOptions, type Options } from '../model/options.js';
import {
  AffinitySchema, CountySchema, ExpertSchema, NeedSchema, PairingSchema, PinSchema, SkillSchema,
  type Affinity, type County, type Expert, type Instance, type InstanceInput, type Need, type Pairing, type Pin, type Skill,
} from '../model/schemas.js';
import { ANY, LEVELS, ORG_TYPES, ROLES } from '../model/vocabulary.js';
import { keyCountyMessage } from '../rules/h10-key-county.js';
import { differingFields, sameValues } from './duplicates.js';
import type { EntityKind } from './headers.js';
import { DEFINING_KEY_FIELDS, looksLikeFormula, normalizedOrSame } from './ids.js';
import { ENTITY_KINDS, SourceMap } from './source-map.js';
import { groupSizeProblems, partnerLookup, pinQuotaProblems, roundBounds, type QuotaOptions } from './validate-quotas.js';

/**
 * Options of `validateInstance`; the fields mean what they mean in the
 * round's `Options`, and default to the policy defaults. The group size and
 * the quotas (`groupMin` … `eastMax`) judge per-county sizes and pins, so
 * `solve` and the commands that read a folder pass the round's own.
 */
export interface ValidateOptions extends QuotaOptions {
  /** H10: refuse key counties, or skip them (and their local scientists) with a warning. Default `refuse`. */
  keyCounties?: Options['keyCounties'] | undefined;
  /** H4: levels a pinned leader may have. Default `['national']`. */
  leaderLevels?: Options['leaderLevels'] | undefined;
  /** H2: capacity of an expert whose row leaves it empty, for pins. Default 1. */
  defaultCapacity?: Options['defaultCapacity'] | undefined;
  /**
   * H8 双向选择: with `required`, affinity.csv must state both consent columns, and a pinned pair's row must
   * not say no (see `consentProblems`). Default `optional`: a pinned pair whose row says no is only a warning.
   */
  consent?: Options['consent'] | undefined;
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
   * The valid rows, with defaults filled in and keys normalised; a row
   * repeated with the same values kept once; key counties (and their needs,
   * pairings, affinities and pins, and their local scientists) removed when
   * `keyCounties` is `skip`.
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
 * - ids and keys trimmed and NFKC-normalised (`５１０２２１` is `510221`); a
 *   control character in one → `bad-value`; one that starts with `= + - @`
 *   → a warning (a spreadsheet reads it as a formula); see `ids.ts`;
 * - unique `county_id` and `expert_id`; unique (county, industry, stage)
 *   needs, (expert, industry, stage) skills, (east, west, county) pairings,
 *   and (county, expert) affinities and pins: a row repeated with the same
 *   values is counted once with a `duplicate-row` warning naming both lines,
 *   one with other values → `duplicate-id`;
 * - every reference resolves (needs, experts' `home_county`, skills,
 *   pairings, affinities, pins) → `unknown-reference`;
 * - a county-level pairing's county lies in its `west_province`, a need
 *   names no wildcard `*`, a county's `group_min`/`group_max` leave room for
 *   a group with the round's bounds and quotas (`validate-quotas.ts`) →
 *   `bad-value`; a local scientist working outside the county's province →
 *   a warning;
 * - pins agree with the rest: not vetoed, not a local scientist of another
 *   county, a pinned leader has a leader level and is not the county's own
 *   local scientist, at most one pinned leader per county, and a county's
 *   pins together within `group_max`, `localMax` and `eastMax` →
 *   `inconsistent-pin`;
 * - consent (H8 双向选择): with `consent: 'required'`, a consent column
 *   that no affinity row states → `missing-column`; a pinned pair whose
 *   row says no to it → `inconsistent-pin` (a warning when consent is
 *   optional);
 * - H10: a key county is refused (`key-county`), or with
 *   `keyCounties: 'skip'` removed with a warning, along with its needs,
 *   pairings, affinities and pins, and its local scientists (a second
 *   warning names them) with their skills, affinities and pins.
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
 *
 * Its loops over rows are indexed, not `for…of`: a command runs them once,
 * mostly before V8 optimizes them, and an unoptimized `for…of` allocates a
 * result object per step (a national round has 53,000 rows).
 */
export function validateRaw(raw: RawInstance, ctx: RawContext, opts: ValidateOptions = {}): ValidationReport {
  const { sources } = ctx;
  const issues: InputIssue[] = [];
  const warnings: InputWarning[] = [];
  const round = roundBounds(opts);
  const leaderLevels: readonly string[] = opts.leaderLevels ?? defaultOptions.leaderLevels;
  const defaultCapacity = opts.defaultCapacity ?? defaultOptions.defaultCapacity;

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
  const warn = (code: InputWarning['code'], kind: EntityKind, index: number, field: string, message: string): void => {
    warnings.push({ code, ...sources.locate(kind, index, field), message });
  };
  const where = (kind: EntityKind, index: number): string => `${sources.file(kind)}:${sources.line(kind, index)}`;

  // 0. Keys, before anything compares them: trimmed and NFKC (full-width ５１０２２１ is 510221), control characters refused.
  const refusedKeys = new Map<EntityKind, Map<number, Set<string>>>();
  const formulaSeen = new Set<string>();
  const formula = (kind: EntityKind, index: number, field: string, key: string): void => {
    const seen = `${kind}\u0000${field}\u0000${key}`;
    if (formulaSeen.has(seen)) return;
    formulaSeen.add(seen);
    warn('bad-value', kind, index, field, `${sources.field(kind, field)} "${key}" starts with "${key.charAt(0)}", which a spreadsheet reads as a formula; check that the cell holds the id as meant and not what a formula made of it`);
  };
  const norm = Object.fromEntries(ENTITY_KINDS.map((kind) => [kind, raw[kind].map((row, index) => {
    if (!isRecord(row)) return row;
    const normalized = normalizedOrSame(kind, row);
    const out = normalized === undefined ? row : normalized.row;
    const control = normalized?.control;
    if (control !== undefined) {
      let refused = refusedKeys.get(kind);
      if (refused === undefined) refusedKeys.set(kind, (refused = new Map()));
      refused.set(index, new Set(control.keys()));
      for (const [field, ch] of control) {
        issue('bad-value', kind, index, field, `${sources.field(kind, field)} holds a control character (${ch}, e.g. a NUL, tab or line break pasted with the text); an id must be plain text: retype the cell`);
      }
    }
    const defining = DEFINING_KEY_FIELDS[kind];
    for (let f = 0; f < defining.length; f++) {
      const field = defining[f]!;
      const v = out[field];
      if (typeof v === 'string') {
        if (looksLikeFormula(v)) formula(kind, index, field, v);
      } else if (Array.isArray(v)) {
        for (const key of v) if (typeof key === 'string' && looksLikeFormula(key)) formula(kind, index, field, key);
      }
    }
    return out;
  })])) as unknown as RawInstance;

  // 1. Row shapes.
  function rows<K extends EntityKind>(kind: K): Entry<z.output<(typeof SCHEMAS)[K]>>[] {
    const out: Entry<z.output<(typeof SCHEMAS)[K]>>[] = [];
    const refused = refusedKeys.get(kind);
    const quick = QUICK_SHAPES[kind];
    norm[kind].forEach((row, index) => {
      if (!isRecord(row)) {
        issues.push({ code: 'bad-row', ...sources.locate(kind, index), message: `each entry of ${kind} must be an object` });
        return;
      }
      const reported = union(ctx.reported?.(kind, index), refused?.get(index));
      // Most rows have the common shape, checked by hand; zod judges the others, and says what is wrong.
      const value = quick(row);
      if (value !== undefined) {
        if (reported === undefined || reported.size === 0) out.push({ value: value as z.output<(typeof SCHEMAS)[K]>, index });
        return;
      }
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

  // 2. Repeated rows: an exact copy is counted once with a warning; rows that share a key but differ are an error.
  // Ids are counted over every row, valid or not, so that a bad row still owns its id: its references are not reported as dangling too.
  const dropped = new Map<EntityKind, Set<number>>(ENTITY_KINDS.map((k) => [k, new Set<number>()]));
  const repeated = (kind: EntityKind, earlier: number, index: number, field: string, what: string): void => {
    dropped.get(kind)!.add(index);
    warn('duplicate-row', kind, index, field, `${what} appears twice with the same cells (${where(kind, earlier)} and ${where(kind, index)}); it is counted once`);
  };
  function uniqueIds<T extends { id: string }>(kind: 'counties' | 'experts', entries: readonly Entry<T>[], what: string): ReadonlySet<string> | ReadonlyMap<string, number> {
    const first = new Map<string, number>();
    const valid: (T | undefined)[] = [];
    for (let i = 0; i < entries.length; i++) valid[entries[i]!.index] = entries[i]!.value;
    norm[kind].forEach((row, index) => {
      const id = isRecord(row) && typeof row['id'] === 'string' ? row['id'] : '';
      if (id === '') return;
      const earlier = first.get(id);
      if (earlier === undefined) {
        first.set(id, index);
        return;
      }
      const a = valid[earlier];
      const b = valid[index];
      const before = norm[kind][earlier];
      if ((a !== undefined && b !== undefined && sameValues(a, b)) || (isRecord(before) && sameValues(before, row as Record<string, unknown>))) {
        repeated(kind, earlier, index, 'id', `the ${what} ${id}`);
      } else {
        issue('duplicate-id', kind, index, 'id', `the ${what} id ${id} appears twice with different cells (also at ${where(kind, earlier)}); each ${what} needs its own id: keep one row`);
      }
    });
    // The map itself answers `has`: no second set of 15,000 ids.
    return first;
  }
  function uniqueRows<T extends object>(kind: EntityKind, entries: readonly Entry<T>[], key: RowKey<T>, what: (v: T) => string): Entry<T>[] {
    const first = firstOfKey(key);
    const out: Entry<T>[] = [];
    for (let i = 0; i < entries.length; i++) {
      const entry = entries[i]!;
      const earlier = first(entry);
      if (earlier === undefined) {
        out.push(entry);
      } else if (sameValues(earlier.value as Record<string, unknown>, entry.value as Record<string, unknown>)) {
        repeated(kind, earlier.index, entry.index, '', what(entry.value));
      } else {
        const differ = differingFields(earlier.value as Record<string, unknown>, entry.value as Record<string, unknown>).map((k) => sources.field(kind, k));
        issue('duplicate-id', kind, entry.index, '', `${what(entry.value)} appears twice with different cells (also at ${where(kind, earlier.index)}; they differ in ${differ.join(', ')}); keep one row`);
      }
    }
    return out;
  }
  const allCounties = rows('counties') as Entry<County>[];
  const needsRead = rows('needs') as Entry<Need>[];
  const allExperts = rows('experts') as Entry<Expert>[];
  const skillsRead = rows('skills') as Entry<Skill>[];
  const pairingsRead = rows('pairings') as Entry<Pairing>[];
  const affinitiesRead = rows('affinities') as Entry<Affinity>[];
  const pinsRead = rows('pins') as Entry<Pin>[];

  const countyIds = uniqueIds('counties', allCounties, 'county');
  const expertIds = uniqueIds('experts', allExperts, 'expert');
  const droppedCounties = dropped.get('counties')!;
  const droppedExperts = dropped.get('experts')!;
  const counties = droppedCounties.size === 0 ? allCounties : allCounties.filter((e) => !droppedCounties.has(e.index));
  const experts = droppedExperts.size === 0 ? allExperts : allExperts.filter((e) => !droppedExperts.has(e.index));
  const countyById = new Map<string, County>();
  for (let i = 0; i < counties.length; i++) {
    const { value } = counties[i]!;
    if (!countyById.has(value.id)) countyById.set(value.id, value);
  }
  const expertById = new Map<string, Expert>();
  for (let i = 0; i < experts.length; i++) {
    const { value } = experts[i]!;
    if (!expertById.has(value.id)) expertById.set(value.id, value);
  }

  const needs = uniqueRows('needs', needsRead, NEED_KEY, (n) => `the need ${n.industry}/${n.stage} of county ${n.countyId}`);
  const skills = uniqueRows('skills', skillsRead, SKILL_KEY, (s) => `the skill ${s.industry}/${s.stage} of expert ${s.expertId}`);
  const pairings = uniqueRows('pairings', pairingsRead, PAIRING_KEY, (p) => `the pairing ${p.eastProvince}–${p.westProvince}${p.countyId === undefined ? '' : ` of county ${p.countyId}`}`);
  const affinities = uniqueRows('affinities', affinitiesRead, PAIR_KEY, (a) => `the pair county ${a.countyId}, expert ${a.expertId}`);
  const pins = uniqueRows('pins', pinsRead, PAIR_KEY, (p) => `the pin of expert ${p.expertId} to county ${p.countyId}`);

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
  for (let i = 0; i < needs.length; i++) {
    const { value: n, index } = needs[i]!;
    refCounty('needs', index, n.countyId, 'countyId');
    if (n.industry === ANY) issue('bad-value', 'needs', index, 'industry', 'a need names one industry; the wildcard * is only for skills');
    if (n.stage === ANY) issue('bad-value', 'needs', index, 'stage', 'a need names one stage; the wildcard * is only for skills');
  }
  for (let i = 0; i < experts.length; i++) {
    const { value: e, index } = experts[i]!;
    if (!refCounty('experts', index, e.homeCounty, 'homeCounty') || e.homeCounty === undefined) continue;
    const home = countyById.get(e.homeCounty);
    if (home !== undefined && home.province !== e.province) {
      warn('bad-value', 'experts', index, 'province', `expert ${e.id} is a local scientist of county ${home.id} (in ${home.province}) but works in ${e.province}; a local scientist is one of the county's own (H5): check ${sources.field('experts', 'province')} and ${sources.field('experts', 'homeCounty')}`);
    }
  }
  for (let i = 0; i < skills.length; i++) refExpert('skills', skills[i]!.index, skills[i]!.value.expertId, 'expertId');
  for (const { value: p, index } of pairings) {
    if (p.countyId === undefined || !refCounty('pairings', index, p.countyId, 'countyId')) continue;
    const county = countyById.get(p.countyId);
    if (county !== undefined && county.province !== p.westProvince) {
      issue('bad-value', 'pairings', index, 'westProvince', `county ${p.countyId} is in ${county.province}, not in the pairing's west province ${p.westProvince}`);
    }
  }
  const partnersOf = partnerLookup(pairings.map((e) => e.value));
  const fieldOfCounty = (key: string): string => sources.field('counties', key);
  for (let i = 0; i < counties.length; i++) {
    const { value: c, index } = counties[i]!;
    for (const problem of groupSizeProblems(c, round, partnersOf(c).length > 0, fieldOfCounty)) {
      issue('bad-value', 'counties', index, problem.field, problem.message);
    }
  }
  const vetoed = new Set<string>();
  for (let i = 0; i < affinities.length; i++) {
    const { value: a, index } = affinities[i]!;
    refCounty('affinities', index, a.countyId, 'countyId');
    refExpert('affinities', index, a.expertId, 'expertId');
    if (a.veto) vetoed.add(`${a.countyId}\u0000${a.expertId}`);
  }
  const consentRequired = (opts.consent ?? defaultOptions.consent) === 'required';
  for (const p of consentProblems(affinities, pins, consentRequired, sources)) {
    if (p.index === undefined) issues.push({ code: 'missing-column', file: sources.file('affinities'), line: 0, field: sources.field('affinities', p.field), message: p.message });
    else if (consentRequired) issue('inconsistent-pin', 'affinities', p.index, p.field, p.message);
    else warn('inconsistent-pin', 'affinities', p.index, p.field, p.message);
  }

  // 4. Pins against the rest.
  const leaderPin = new Map<string, number>();
  const pinLoad = new Map<string, number>();
  const troubled = new Set<number>();
  const pinIssue = (index: number, field: string, message: string): void => {
    troubled.add(index);
    issue('inconsistent-pin', 'pins', index, field, message);
  };
  for (const { value: p, index } of pins) {
    const countyOk = refCounty('pins', index, p.countyId, 'countyId');
    const expertOk = refExpert('pins', index, p.expertId, 'expertId');
    if (!countyOk || !expertOk) troubled.add(index);
    if (vetoed.has(`${p.countyId}\u0000${p.expertId}`)) {
      pinIssue(index, 'expertId', `expert ${p.expertId} is pinned to county ${p.countyId}, but the pair is vetoed in ${sources.file('affinities')} (H8); remove the pin or the veto`);
    }
    const e = expertById.get(p.expertId);
    if (!countyOk || !expertOk || e === undefined) continue;
    const load = (pinLoad.get(p.expertId) ?? 0) + 1;
    pinLoad.set(p.expertId, load);
    const capacity = e.capacity ?? defaultCapacity;
    if (load > capacity) {
      pinIssue(index, 'expertId', `expert ${p.expertId} is pinned to ${load} counties but may serve ${capacity} group(s) (H2); remove a pin or raise the expert's capacity`);
    }
    if (e.homeCounty !== undefined && e.homeCounty !== p.countyId) {
      pinIssue(index, 'expertId', `expert ${p.expertId} is a local scientist of county ${e.homeCounty} and serves only that county (H5), but is pinned to county ${p.countyId}`);
    }
    if (p.role === 'leader') {
      if (!leaderLevels.includes(e.level)) {
        pinIssue(index, 'role', `expert ${p.expertId} is pinned as leader of county ${p.countyId} but is of level ${e.level}; a leader must be ${leaderLevels.join(' or ')} (H4)`);
      } else if (e.homeCounty === p.countyId) {
        pinIssue(index, 'role', `expert ${p.expertId} is pinned as leader of county ${p.countyId}, but a county's own local scientist never leads its group (H4)`);
      }
      const earlier = leaderPin.get(p.countyId);
      if (earlier === undefined) leaderPin.set(p.countyId, index);
      else pinIssue(index, 'role', `county ${p.countyId} has two pinned leaders (also at ${where('pins', earlier)}); a group has exactly one (H4)`);
    }
  }
  // Pins that are fine one by one may still be too many together; a pin already refused above is not counted again.
  const quotaPins = pins.filter((e) => !troubled.has(e.index) && countyById.has(e.value.countyId));
  for (const over of pinQuotaProblems(quotaPins, round, countyById, expertById, partnersOf, (i) => sources.line('pins', i))) {
    issue('inconsistent-pin', 'pins', over.index, 'expertId', over.message);
  }

  // 5. H10, last: a key county's other problems are reported too, so that one run shows them all.
  const skip = opts.keyCounties === 'skip';
  const skipped = new Set<string>();
  for (const { value: c, index } of counties) {
    if (!c.keyCounty) continue;
    if (skip) {
      skipped.add(c.id);
      warn('key-county', 'counties', index, 'keyCounty', keyCountyMessage(c, true));
    } else {
      issue('key-county', 'counties', index, 'keyCounty', keyCountyMessage(c, false));
    }
  }
  // A skipped county's local scientists serve only it (H5): they leave with it, with their skills, affinities and pins.
  const leaving = new Map<string, Entry<Expert>[]>();
  for (let i = 0; i < experts.length && skipped.size > 0; i++) {
    const entry = experts[i]!;
    const home = entry.value.homeCounty;
    if (home === undefined || !skipped.has(home)) continue;
    const list = leaving.get(home);
    if (list === undefined) leaving.set(home, [entry]);
    else list.push(entry);
  }
  for (const { value: c, index } of counties) {
    const locals = leaving.get(c.id);
    if (locals === undefined || !skipped.has(c.id)) continue;
    warn('key-county', 'counties', index, 'keyCounty', `county ${c.id} is skipped, and so are its local scientists, who serve only it (H5): ${locals.map((l) => `${l.value.id} (${where('experts', l.index)})`).join(', ')}`);
    leaving.delete(c.id); // one warning per county
  }
  const goneExperts = skipped.size === 0 ? new Set<string>() : new Set(experts.filter((e) => e.value.homeCounty !== undefined && skipped.has(e.value.homeCounty)).map((e) => e.value.id));

  // Nothing skipped (the common case): every entry stays.
  const keep = <T>(entries: readonly Entry<T>[], countyOf: (v: T) => string | undefined, expertOf: (v: T) => string | undefined = () => undefined): readonly Entry<T>[] =>
    skipped.size === 0 ? entries : entries.filter(({ value }) => {
      const county = countyOf(value);
      const expert = expertOf(value);
      return (county === undefined || !skipped.has(county)) && (expert === undefined || !goneExperts.has(expert));
    });
  const kept = {
    counties: keep(counties, (c) => c.id),
    needs: keep(needs, (n) => n.countyId),
    experts: keep(experts, () => undefined, (e) => e.id),
    skills: keep(skills, () => undefined, (s) => s.expertId),
    pairings: keep(pairings, (p) => p.countyId),
    affinities: keep(affinities, (a) => a.countyId, (a) => a.expertId),
    pins: keep(pins, (p) => p.countyId, (p) => p.expertId),
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
  if (issues.length === 0) rememberValid(instance, opts, warnings);
  return { issues, warnings, instance, sources: sources.reindex(indices) };
}

/**
 * The key of a repeated-row check: its first part (an id), the rest compared field by field, and the
 * rest as one text for a large group. Keys are equal when all their parts are: the parts before the
 * last are ids, which never hold the `\u0000` the text joins them with (a key with a control character
 * is refused before), so the text tells the same keys apart.
 */
interface RowKey<T> {
  readonly head: (v: T) => string;
  readonly sameRest: (a: T, b: T) => boolean;
  readonly restText: (v: T) => string;
}

const NEED_KEY: RowKey<Need> = {
  head: (n) => n.countyId, sameRest: (a, b) => a.industry === b.industry && a.stage === b.stage, restText: (n) => `${n.industry}\u0000${n.stage}`,
};
const SKILL_KEY: RowKey<Skill> = {
  head: (s) => s.expertId, sameRest: (a, b) => a.industry === b.industry && a.stage === b.stage, restText: (s) => `${s.industry}\u0000${s.stage}`,
};
const PAIRING_KEY: RowKey<Pairing> = {
  head: (p) => p.eastProvince, sameRest: (a, b) => a.westProvince === b.westProvince && a.countyId === b.countyId, restText: (p) => `${p.westProvince}\u0000${p.countyId ?? ''}`,
};
const PAIR_KEY: RowKey<{ countyId: string; expertId: string }> = {
  head: (a) => a.countyId, sameRest: (a, b) => a.expertId === b.expertId, restText: (a) => a.expertId,
};

/** Groups of more first entries than this under one head are looked up by their rest's text. */
const LINEAR_GROUP = 8;

/**
 * Finds the first entry of each key: `first(entry)` returns the earlier entry with the same key, or
 * records `entry` as its key's first and returns `undefined`. Entries are grouped by the key's head (an
 * id, so the lookup is one short string's hash, which later lookups of that id reuse), instead of one
 * joined text per row (~35,000 on a national round).
 */
function firstOfKey<T>(key: RowKey<T>): (entry: Entry<T>) => Entry<T> | undefined {
  const groups = new Map<string, Entry<T> | Entry<T>[] | Map<string, Entry<T>>>();
  return (entry) => {
    const v = entry.value;
    const head = key.head(v);
    const group = groups.get(head);
    if (group === undefined) {
      groups.set(head, entry);
      return undefined;
    }
    if (group instanceof Map) {
      const text = key.restText(v);
      const earlier = group.get(text);
      if (earlier === undefined) group.set(text, entry);
      return earlier;
    }
    if (!Array.isArray(group)) {
      if (key.sameRest(group.value, v)) return group;
      groups.set(head, [group, entry]);
      return undefined;
    }
    for (const earlier of group) if (key.sameRest(earlier.value, v)) return earlier;
    if (group.length < LINEAR_GROUP) {
      group.push(entry);
    } else {
      const byText = new Map<string, Entry<T>>();
      for (const earlier of group) byText.set(key.restText(earlier.value), earlier);
      byText.set(key.restText(v), entry);
      groups.set(head, byText);
    }
    return undefined;
  };
}

/** A consent problem: at an affinity row's field, or (no `index`) a column no row states. */
interface ConsentProblem {
  readonly index?: number;
  readonly field: 'countyConsents' | 'expertConsents';
  readonly message: string;
}

/**
 * Consent against the rest (H8 双向选择). With consent required, a column
 * that no row of affinity.csv states would let the rule match nothing but
 * pins: a slip, refused. A pinned pair stands for consent given, so a row
 * of a pinned pair that says no contradicts the pin (refused when consent
 * is required, a warning otherwise, where no rule reads the columns).
 */
function consentProblems(affinities: readonly Entry<Affinity>[], pins: readonly Entry<Pin>[], required: boolean, sources: SourceMap): ConsentProblem[] {
  const out: ConsentProblem[] = [];
  const column = (field: 'countyConsents' | 'expertConsents'): string => sources.field('affinities', field);
  if (required) {
    for (const field of ['countyConsents', 'expertConsents'] as const) {
      if (affinities.some((a) => a.value[field] !== undefined)) continue;
      const none = affinities.length === 0 ? `${sources.file('affinities')} has no rows` : `no row of ${sources.file('affinities')} states ${column(field)} (the column is missing or empty)`;
      out.push({ field, message: `consent is required (only pairs with yes on both sides may be assigned, 双向选择), but ${none}: add the columns ${column('countyConsents')} (县方同意) and ${column('expertConsents')} (专家同意), or solve without consent required` });
    }
  }
  if (pins.length === 0) return out;
  const rowOf = new Map<string, Entry<Affinity>>();
  for (const a of affinities) rowOf.set(`${a.value.countyId}\u0000${a.value.expertId}`, a);
  for (const { value: p, index } of pins) {
    const row = rowOf.get(`${p.countyId}\u0000${p.expertId}`);
    if (row === undefined) continue;
    for (const field of ['countyConsents', 'expertConsents'] as const) {
      if (row.value[field] !== false) continue;
      const side = field === 'countyConsents' ? `county ${p.countyId} does not consent to expert ${p.expertId}` : `expert ${p.expertId} does not consent to serve county ${p.countyId}`;
      out.push({ index: row.index, field, message: `${column(field)} says ${side}, but the pair is pinned (${sources.file('pins')}:${sources.line('pins', index)}), and a pin stands for consent given (H8 双向选择, H9): remove the pin, or correct the answer` });
    }
  }
  return out;
}

/**
 * Row shapes checked by hand: for a plain object whose fields have the
 * types and ranges the entity's zod schema accepts, the object that schema
 * returns (its fields in the schema's order, defaults filled in, ids
 * trimmed, lists copied); for any other row `undefined`, and the schema
 * judges it (`rows` in `validateRaw`), so that every message is zod's.
 * Each check accepts a subset of what its schema accepts and returns the
 * same value (test/io/quick-shapes.test.ts holds them to it); zod's cost per
 * row was the largest part of validating a national round.
 */
export const QUICK_SHAPES: Readonly<Record<EntityKind, (row: Record<string, unknown>) => object | undefined>> = {
  counties: quickCounty,
  needs: quickNeed,
  experts: quickExpert,
  skills: quickSkill,
  pairings: quickPairing,
  affinities: quickAffinity,
  pins: quickPin,
};

const LEVEL_SET: ReadonlySet<unknown> = new Set(LEVELS);
const ORG_TYPE_SET: ReadonlySet<unknown> = new Set(ORG_TYPES);
const ROLE_SET: ReadonlySet<unknown> = new Set(ROLES);

/** A field the row holds with the value `undefined`: zod keeps such a key in its output, so the schema judges the row. */
function heldUndefined(row: Record<string, unknown>, key: string): boolean {
  return key in row;
}

/** `z.string().trim().min(1)`: the trimmed id, or `undefined` when the schema would refuse it. */
function quickId(v: unknown): string | undefined {
  if (typeof v !== 'string') return undefined;
  const t = v.trim();
  return t === '' ? undefined : t;
}

/** True for a whole number in [min, max] (a range well inside zod's safe integers). */
function isIntIn(v: unknown, min: number, max: number): v is number {
  return typeof v === 'number' && Number.isInteger(v) && v >= min && v <= max;
}

function isFiniteNumber(v: unknown): v is number {
  return typeof v === 'number' && Number.isFinite(v);
}

const INT_MAX = 2 ** 31;

function isPlain(row: Record<string, unknown>): boolean {
  const proto = Object.getPrototypeOf(row) as unknown;
  return proto === Object.prototype || proto === null;
}

function quickCounty(r: Record<string, unknown>): County | undefined {
  if (!isPlain(r)) return undefined;
  const id = quickId(r['id']);
  const province = quickId(r['province']);
  if (id === undefined || province === undefined) return undefined;
  const { name, prefecture, keyCounty, eastPartner, groupMin, groupMax, batch, priority, convenor, liaison } = r;
  if (name === undefined ? heldUndefined(r, 'name') : typeof name !== 'string') return undefined;
  if (prefecture === undefined ? heldUndefined(r, 'prefecture') : typeof prefecture !== 'string') return undefined;
  if (keyCounty === undefined ? heldUndefined(r, 'keyCounty') : typeof keyCounty !== 'boolean') return undefined;
  let partners: string[];
  if (eastPartner === undefined) {
    if (heldUndefined(r, 'eastPartner')) return undefined;
    partners = [];
  } else {
    if (!Array.isArray(eastPartner)) return undefined;
    partners = [];
    for (let i = 0; i < eastPartner.length; i++) {
      const p = quickId(eastPartner[i]);
      if (p === undefined) return undefined;
      partners.push(p);
    }
  }
  if (groupMin === undefined ? heldUndefined(r, 'groupMin') : !isIntIn(groupMin, 1, INT_MAX)) return undefined;
  if (groupMax === undefined ? heldUndefined(r, 'groupMax') : !isIntIn(groupMax, 1, INT_MAX)) return undefined;
  if (batch === undefined ? heldUndefined(r, 'batch') : typeof batch !== 'string') return undefined;
  if (priority === undefined ? heldUndefined(r, 'priority') : !isIntIn(priority, 0, INT_MAX)) return undefined;
  if (convenor === undefined ? heldUndefined(r, 'convenor') : typeof convenor !== 'string') return undefined;
  if (liaison === undefined ? heldUndefined(r, 'liaison') : typeof liaison !== 'string') return undefined;
  const out: County = { id, name: (name as string | undefined) ?? '', province, prefecture: (prefecture as string | undefined) ?? '', keyCounty: (keyCounty as boolean | undefined) ?? false, eastPartner: partners };
  if (groupMin !== undefined) out.groupMin = groupMin as number;
  if (groupMax !== undefined) out.groupMax = groupMax as number;
  if (batch !== undefined) out.batch = batch as string;
  if (priority !== undefined) out.priority = priority as number;
  if (convenor !== undefined) out.convenor = convenor as string;
  if (liaison !== undefined) out.liaison = liaison as string;
  return out;
}

function quickNeed(r: Record<string, unknown>): Need | undefined {
  if (!isPlain(r)) return undefined;
  const countyId = quickId(r['countyId']);
  const industry = quickId(r['industry']);
  const stage = quickId(r['stage']);
  if (countyId === undefined || industry === undefined || stage === undefined) return undefined;
  const { weight, required } = r;
  if (weight === undefined ? heldUndefined(r, 'weight') : !(isFiniteNumber(weight) && weight >= 0)) return undefined;
  if (required === undefined ? heldUndefined(r, 'required') : typeof required !== 'boolean') return undefined;
  return { countyId, industry, stage, weight: (weight as number | undefined) ?? 1, required: (required as boolean | undefined) ?? false };
}

function quickExpert(r: Record<string, unknown>): Expert | undefined {
  if (!isPlain(r)) return undefined;
  const id = quickId(r['id']);
  const province = quickId(r['province']);
  if (id === undefined || province === undefined) return undefined;
  const { name, organization, orgType, level, homeCounty, capacity } = r;
  if (!LEVEL_SET.has(level)) return undefined;
  if (name === undefined ? heldUndefined(r, 'name') : typeof name !== 'string') return undefined;
  if (organization === undefined ? heldUndefined(r, 'organization') : typeof organization !== 'string') return undefined;
  if (orgType === undefined ? heldUndefined(r, 'orgType') : !ORG_TYPE_SET.has(orgType)) return undefined;
  if (homeCounty === undefined ? heldUndefined(r, 'homeCounty') : !(typeof homeCounty === 'string' && homeCounty.length >= 1)) return undefined;
  if (capacity === undefined ? heldUndefined(r, 'capacity') : !isIntIn(capacity, 0, INT_MAX)) return undefined;
  const n = (name as string | undefined) ?? '';
  const org = (organization as string | undefined) ?? '';
  const lv = level as Expert['level'];
  // In the schema's order: orgType comes before level.
  const out: Expert = orgType === undefined
    ? { id, name: n, province, organization: org, level: lv }
    : { id, name: n, province, organization: org, orgType: orgType as Expert['orgType'], level: lv };
  if (homeCounty !== undefined) out.homeCounty = homeCounty as string;
  if (capacity !== undefined) out.capacity = capacity as number;
  return out;
}

function quickSkill(r: Record<string, unknown>): Skill | undefined {
  if (!isPlain(r)) return undefined;
  const expertId = quickId(r['expertId']);
  const industry = quickId(r['industry']);
  const stage = quickId(r['stage']);
  if (expertId === undefined || industry === undefined || stage === undefined) return undefined;
  const { proficiency } = r;
  if (proficiency === undefined ? heldUndefined(r, 'proficiency') : !isIntIn(proficiency, 1, 3)) return undefined;
  return { expertId, industry, stage, proficiency: (proficiency as number | undefined) ?? 2 };
}

function quickPairing(r: Record<string, unknown>): Pairing | undefined {
  if (!isPlain(r)) return undefined;
  const eastProvince = quickId(r['eastProvince']);
  const westProvince = quickId(r['westProvince']);
  if (eastProvince === undefined || westProvince === undefined) return undefined;
  const raw = r['countyId'];
  if (raw === undefined) return heldUndefined(r, 'countyId') ? undefined : { eastProvince, westProvince };
  const countyId = quickId(raw);
  return countyId === undefined ? undefined : { eastProvince, westProvince, countyId };
}

function quickAffinity(r: Record<string, unknown>): Affinity | undefined {
  if (!isPlain(r)) return undefined;
  const countyId = quickId(r['countyId']);
  const expertId = quickId(r['expertId']);
  if (countyId === undefined || expertId === undefined) return undefined;
  const { score, veto, countyConsents, expertConsents } = r;
  if (score === undefined ? heldUndefined(r, 'score') : !isFiniteNumber(score)) return undefined;
  if (veto === undefined ? heldUndefined(r, 'veto') : typeof veto !== 'boolean') return undefined;
  if (countyConsents === undefined ? heldUndefined(r, 'countyConsents') : typeof countyConsents !== 'boolean') return undefined;
  if (expertConsents === undefined ? heldUndefined(r, 'expertConsents') : typeof expertConsents !== 'boolean') return undefined;
  const out: Affinity = { countyId, expertId, score: (score as number | undefined) ?? 0, veto: (veto as boolean | undefined) ?? false };
  if (countyConsents !== undefined) out.countyConsents = countyConsents as boolean;
  if (expertConsents !== undefined) out.expertConsents = expertConsents as boolean;
  return out;
}

function quickPin(r: Record<string, unknown>): Pin | undefined {
  if (!isPlain(r)) return undefined;
  const countyId = quickId(r['countyId']);
  const expertId = quickId(r['expertId']);
  if (countyId === undefined || expertId === undefined) return undefined;
  const role = r['role'];
  if (role === undefined) return heldUndefined(r, 'role') ? undefined : { countyId, expertId };
  return ROLE_SET.has(role) ? { countyId, expertId, role: role as Pin['role'] } : undefined;
}

/** Instances this module judged valid, with the options that judged them and the warnings given. */
const JUDGED = new WeakMap<Instance, { by: string; warnings: readonly InputWarning[] }>();

/** The options that decide validation, with the policy defaults filled in, as one comparable text. */
function judgedBy(opts: ValidateOptions): string {
  return JSON.stringify({
    ...roundBounds(opts),
    keyCounties: opts.keyCounties ?? defaultOptions.keyCounties,
    leaderLevels: opts.leaderLevels ?? defaultOptions.leaderLevels,
    defaultCapacity: opts.defaultCapacity ?? defaultOptions.defaultCapacity,
    consent: opts.consent ?? defaultOptions.consent,
  });
}

/**
 * Records a valid instance, frozen (its lists and rows) so that what was
 * judged cannot change afterwards: `solve` then need not validate it again
 * (1.7 s on national-x10, after the same validation while reading).
 */
function rememberValid(instance: Instance, opts: ValidateOptions, warnings: readonly InputWarning[]): void {
  for (const list of Object.values(instance) as object[][]) {
    for (let i = 0; i < list.length; i++) Object.freeze(list[i]);
    Object.freeze(list);
  }
  Object.freeze(instance);
  JUDGED.set(instance, { by: judgedBy(opts), warnings: [...warnings] });
}

/**
 * The warnings of an earlier validation of this very instance object under
 * the same validation options, or `undefined` when it was not validated so
 * (then validate it).
 */
export function earlierValidation(instance: unknown, opts: ValidateOptions): readonly InputWarning[] | undefined {
  if (typeof instance !== 'object' || instance === null) return undefined;
  const seen = JUDGED.get(instance as Instance);
  return seen !== undefined && seen.by === judgedBy(opts) ? seen.warnings : undefined;
}

function union(a: ReadonlySet<string> | undefined, b: ReadonlySet<string> | undefined): ReadonlySet<string> | undefined {
  if (a === undefined || a.size === 0) return b;
  if (b === undefined || b.size === 0) return a;
  return new Set([...a, ...b]);
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
