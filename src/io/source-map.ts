/**
 * Where each entity of an instance came from, so that a problem found on a
 * typed `Instance` (by validation, or later by the solver) can still name a
 * file, a line and a field a person can open.
 */
import type { IssueLocation } from '../model/issues.js';
import { COLUMNS, FILE_OF_KIND, KIND_OF_FILE, columnOfField, type EntityKind, type InputFileName } from './headers.js';

/** The entity lists of an instance, in a fixed order. */
export const ENTITY_KINDS: readonly EntityKind[] = ['counties', 'needs', 'experts', 'skills', 'pairings', 'affinities', 'pins'];

/**
 * Files, lines and field names of an instance's entities.
 *
 * - From a CSV folder (`SourceMap.forCsv`): file `experts.csv`, the physical
 *   line the row starts on (header = line 1), fields named by their English
 *   column (`home_county`).
 * - From a typed or JSON instance (`SourceMap.forObject`): file
 *   `instance.json#experts`, line = 1-based array index + 1 (the line the
 *   entity would have in the CSV file `writeInstanceDir` writes, whose
 *   header is line 1), fields named by their camelCase key (`homeCounty`),
 *   as written in the JSON.
 *
 * @example
 * ```ts
 * const r = await readInstanceDir('in');
 * if (r.ok) console.log(r.sources.line('experts', 0)); // e.g. 2
 * ```
 */
export class SourceMap {
  private constructor(
    private readonly files: Readonly<Record<EntityKind, string>>,
    private readonly lines: Readonly<Partial<Record<EntityKind, readonly number[]>>>,
    private readonly style: 'csv' | 'object',
  ) {}

  /** A map for a CSV folder, given the start line of every row of every file (rows in instance order). */
  static forCsv(lines: Readonly<Partial<Record<EntityKind, readonly number[]>>>): SourceMap {
    return new SourceMap(FILE_OF_KIND, lines, 'csv');
  }

  /** A map for a typed or JSON instance named `source` (e.g. `instance.json`): file `source#kind`, line = index + 2. */
  static forObject(source: string): SourceMap {
    const files = Object.fromEntries(ENTITY_KINDS.map((k) => [k, `${source}#${k}`])) as Record<EntityKind, string>;
    return new SourceMap(files, {}, 'object');
  }

  /** The file an entity list comes from. */
  file(kind: EntityKind | InputFileName): string {
    return this.files[toKind(kind)];
  }

  /** The 1-based line of the entity at `index` (0-based) in its list; for entities beyond the known rows, `index + 2`. */
  line(kind: EntityKind | InputFileName, index: number): number {
    return this.lines[toKind(kind)]?.[index] ?? index + 2;
  }

  /** The name issues give a field: the English column for CSV (`home_county`), the camelCase key otherwise. */
  field(kind: EntityKind | InputFileName, key: string): string {
    const k = toKind(kind);
    return this.style === 'csv' ? columnOfField(FILE_OF_KIND[k], key) : key;
  }

  /** The location of an entity's field (`key` omitted or `''`: the whole row). */
  locate(kind: EntityKind | InputFileName, index: number, key = ''): IssueLocation {
    return { file: this.file(kind), line: this.line(kind, index), field: key === '' ? '' : this.field(kind, key) };
  }

  /** The same map after removing entities: `keep[kind]` lists, for each kept entity in order, its old index. */
  reindex(keep: Readonly<Partial<Record<EntityKind, readonly number[]>>>): SourceMap {
    const lines: Partial<Record<EntityKind, readonly number[]>> = {};
    for (const k of ENTITY_KINDS) {
      const kept = keep[k];
      const known = this.lines[k];
      // Every row kept, the common case: the lines are those known (never changed, so shared).
      if (known !== undefined && (kept === undefined || isIdentity(kept, known.length)) && allNumbers(known)) lines[k] = known;
      else if (kept === undefined) lines[k] = Array.from({ length: known?.length ?? 0 }, (_, i) => this.line(k, i));
      else lines[k] = kept.map((i) => this.line(k, i));
    }
    return new SourceMap(this.files, lines, this.style);
  }
}

/** True when `kept` is 0, 1, …, length − 1. */
function isIdentity(kept: readonly number[], length: number): boolean {
  if (kept.length !== length) return false;
  for (let i = 0; i < length; i++) if (kept[i] !== i) return false;
  return true;
}

/** True when every entry is a line number (no hole that `line` would fill in). */
function allNumbers(lines: readonly number[]): boolean {
  for (let i = 0; i < lines.length; i++) if (typeof lines[i] !== 'number') return false;
  return true;
}

function toKind(kind: EntityKind | InputFileName): EntityKind {
  return kind in COLUMNS ? KIND_OF_FILE[kind as InputFileName] : (kind as EntityKind);
}
