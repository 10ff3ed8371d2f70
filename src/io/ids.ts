/**
 * Ids and other keys as validation reads them. A key is compared after
 * trimming and Unicode NFKC, so that what a Chinese input method types in
 * full width (`５１０２２１`, `ｃ１`) is the same key as its ASCII form: two
 * rows whose ids become equal are one id (a duplicate, reported with both
 * lines). A key holding a control character (NUL, tab, a line break: never
 * typed, always pasted) is refused, and one that starts with `=`, `+`, `-`
 * or `@` is warned about: a spreadsheet reads such a cell as a formula.
 */
import { COLUMNS, FILE_OF_KIND, type EntityKind } from './headers.js';

/** The key fields of each entity (columns of kind `id`, and the items of `list` columns), by camelCase field. */
export const KEY_FIELDS: Readonly<Record<EntityKind, readonly string[]>> = Object.fromEntries(
  (Object.keys(FILE_OF_KIND) as EntityKind[]).map((k) => [k, COLUMNS[FILE_OF_KIND[k]].filter((c) => c.kind === 'id' || c.kind === 'list').map((c) => c.field)]),
) as unknown as Record<EntityKind, readonly string[]>;

/**
 * Key fields that define a key rather than refer to one defined elsewhere:
 * formula-looking keys are warned about here, once, not at every reference.
 */
export const DEFINING_KEY_FIELDS: Readonly<Record<EntityKind, readonly string[]>> = {
  counties: ['id', 'province', 'eastPartner'],
  needs: ['industry'],
  experts: ['id', 'province'],
  skills: ['industry'],
  pairings: ['eastProvince', 'westProvince'],
  affinities: [],
  pins: [],
};

/** A key in the form it is compared in: NFKC, trimmed. */
export function normalizeKey(text: string): string {
  return text.normalize('NFKC').trim();
}

// Printable ASCII and CJK unified ideographs, not starting or ending with a space: NFKC leaves such a key as it is,
// and it holds no control character. Most keys are so; testing this is cheaper than normalizing (reading speed).
const PLAIN_KEY = /^(?:[\x21-\x7e\u4e00-\u9fff](?:[\x20-\x7e\u4e00-\u9fff]*[\x21-\x7e\u4e00-\u9fff])?)?$/;

// C0 and C1 control characters, DEL included.
const CONTROL = /[\u0000-\u001f\u007f-\u009f]/;

/** The first control character of a key, as `U+0000`, or `undefined`. */
export function controlCharacterOf(key: string): string | undefined {
  const m = CONTROL.exec(key);
  return m === null ? undefined : `U+${m[0].charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}`;
}

/** True for a key a spreadsheet would read as a formula (first character `=`, `+`, `-` or `@`). */
export function looksLikeFormula(key: string): boolean {
  // By code, not `charAt`: a one-character string of a Chinese first character is a new string each time.
  const c = key.charCodeAt(0);
  return c === 0x3d || c === 0x2b || c === 0x2d || c === 0x40;
}

/** A row with its keys normalized, and the key fields refused for a control character (with the character). */
export interface NormalizedRow {
  /** The row itself when no key changed, else a copy (the caller's objects are never changed). */
  readonly row: Record<string, unknown>;
  /** Key field → the control character it holds. */
  readonly control?: ReadonlyMap<string, string>;
}

/**
 * Normalizes the key fields of one raw row (strings, and the strings of
 * list fields) and finds those holding a control character.
 */
export function normalizeKeys(kind: EntityKind, row: Record<string, unknown>): NormalizedRow {
  return normalizedOrSame(kind, row) ?? { row };
}

/**
 * `normalizeKeys` without a result object for the common row, whose keys
 * NFKC and trimming leave as they are and hold no control character:
 * `undefined` for it (the row stands as it is), else what `normalizeKeys` gives.
 */
export function normalizedOrSame(kind: EntityKind, row: Record<string, unknown>): NormalizedRow | undefined {
  let copy: Record<string, unknown> | undefined;
  let control: Map<string, string> | undefined;
  const fields = KEY_FIELDS[kind];
  for (let f = 0; f < fields.length; f++) {
    const field = fields[f]!;
    const v = row[field];
    if (typeof v === 'string') {
      if (PLAIN_KEY.test(v)) continue;
      const bad = controlCharacterOf(v);
      if (bad !== undefined) (control ??= new Map()).set(field, bad);
      const n = normalizeKey(v);
      if (n !== v) (copy ??= { ...row })[field] = n;
    } else if (Array.isArray(v)) {
      let changed = false;
      const items = v.map((item: unknown) => {
        if (typeof item !== 'string' || PLAIN_KEY.test(item)) return item;
        const bad = controlCharacterOf(item);
        if (bad !== undefined && !control?.has(field)) (control ??= new Map()).set(field, bad);
        const n = normalizeKey(item);
        if (n !== item) changed = true;
        return n;
      });
      if (changed) (copy ??= { ...row })[field] = items;
    }
  }
  if (copy === undefined && control === undefined) return undefined;
  const out = copy ?? row;
  return control === undefined ? { row: out } : { row: out, control };
}
