/**
 * Cell parsers: one spreadsheet cell's text to a typed value. An empty cell
 * (after trimming) is `undefined`, so the schema's default applies; a cell
 * that cannot be read gives a plain-language message, never a guess.
 */
import {
  DEFAULT_STAGES, LEVELS, LEVEL_ALIASES, ORG_TYPES, ORG_TYPE_ALIASES, ROLES, ROLE_ALIASES, STAGE_ALIASES,
  type Level, type OrgType, type Role,
} from '../model/vocabulary.js';
import type { CellKind } from './headers.js';

/**
 * A parsed cell: its value (`undefined` for an empty cell) and, optionally,
 * a note worth a warning; or the message saying why it is not readable.
 */
export type CellResult<T> =
  | { ok: true; value: T | undefined; note?: string }
  | { ok: false; message: string };

function ok<T>(value: T | undefined, note?: string): CellResult<T> {
  return note === undefined ? { ok: true, value } : { ok: true, value, note };
}

function fail<T>(message: string): CellResult<T> {
  return { ok: false, message };
}

/**
 * The form a keyword cell is compared in: NFKC (full-width digits, letters
 * and signs typed with a Chinese input method become ASCII), trimmed.
 */
export function normalizeCell(text: string): string {
  return text.normalize('NFKC').trim();
}

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', '是', '对', '√']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', '否', '不是', '×']);

/**
 * A boolean: true/false, yes/no, y/n, t/f, 1/0, 是/否 (any case); empty is `undefined`.
 *
 * @example parseBoolean('是') // { ok: true, value: true }
 */
export function parseBoolean(text: string): CellResult<boolean> {
  const t = normalizeCell(text).toLowerCase();
  if (t === '') return ok(undefined);
  if (TRUE_WORDS.has(t)) return ok(true);
  if (FALSE_WORDS.has(t)) return ok(false);
  return fail('is not a yes/no value: write true or false (also yes/no, 1/0, 是/否)');
}

// Plain decimal notation with an optional exponent; no thousands separators, no units, no Infinity.
const NUMBER = /^[+-]?(\d+(\.\d*)?|\.\d+)([eE][+-]?\d+)?$/;

/**
 * A finite number in decimal notation (`3`, `-1.5`, `2e3`, full-width `３`);
 * anything else (`abc`, `1,000`, `NaN`, `Infinity`, `3 人`) is refused.
 *
 * @example parseNumber(' 2.5 ') // { ok: true, value: 2.5 }
 */
export function parseNumber(text: string): CellResult<number> {
  const t = normalizeCell(text);
  if (t === '') return ok(undefined);
  if (!NUMBER.test(t)) return fail('is not a number');
  const n = Number(t);
  if (!Number.isFinite(n)) return fail('is not a finite number');
  // -0 would survive a write/read round trip as "0"; normalize it now so both sides agree.
  return ok(n === 0 ? 0 : n);
}

/** Separators accepted inside a list cell: `;`, the full-width `；`, and the Chinese enumeration comma `、`. */
export const LIST_SEPARATORS = /[;；、]/;

/**
 * A `;`-separated list (also `；` and `、`, which Chinese input methods type);
 * items are trimmed and empty items dropped, so `a; b;` is `['a', 'b']`.
 *
 * @example parseList('浙江；上海') // { ok: true, value: ['浙江', '上海'] }
 */
export function parseList(text: string): CellResult<string[]> {
  const items = text.split(LIST_SEPARATORS).map((s) => s.trim()).filter((s) => s !== '');
  return ok(items.length === 0 ? undefined : items);
}

function fromVocabulary<T extends string>(text: string, words: readonly T[], aliases: Readonly<Record<string, T>>, what: string): CellResult<T> {
  const t = normalizeCell(text);
  if (t === '') return ok(undefined);
  const lower = t.toLowerCase();
  const hit = (words as readonly string[]).includes(lower) ? (lower as T) : aliases[t] ?? aliases[lower];
  if (hit !== undefined) return ok(hit);
  const chinese = Object.entries(aliases).filter(([k]) => !(words as readonly string[]).includes(k)).map(([k]) => k);
  return fail(`is not a known ${what}: use one of ${words.join(', ')}${chinese.length > 0 ? ` (or ${chinese.join(', ')})` : ''}`);
}

/** An expert level from the vocabulary (`national`, 国家级, …); other text is refused. */
export function parseLevel(text: string): CellResult<Level> {
  return fromVocabulary(text, LEVELS, LEVEL_ALIASES, 'level');
}

/** An organization type from the vocabulary (`university`, 高校科协, …); other text is refused. */
export function parseOrgType(text: string): CellResult<OrgType> {
  return fromVocabulary(text, ORG_TYPES, ORG_TYPE_ALIASES, 'organization type');
}

/** A role (`leader`, 组长, …); other text is refused. */
export function parseRole(text: string): CellResult<Role> {
  return fromVocabulary(text, ROLES, ROLE_ALIASES, 'role');
}

/**
 * A chain stage. The vocabulary is extensible (DESIGN section 2), so any
 * text is accepted: a default stage in any case (`Processing`) or its
 * Chinese alias (加工) becomes the English name (`processing`); the wildcard
 * `*` stays; other text is kept as written, with a note so that a typo such
 * as `procesing` shows up as a warning rather than as a silent new stage.
 *
 * @example parseStage('储运') // { ok: true, value: 'storage-transport' }
 */
export function parseStage(text: string): CellResult<string> {
  const t = normalizeCell(text);
  if (t === '' ) return ok(undefined);
  if (t === '*') return ok(t);
  const lower = t.toLowerCase();
  if ((DEFAULT_STAGES as readonly string[]).includes(lower)) return ok(lower);
  const alias = STAGE_ALIASES[t];
  if (alias !== undefined) return ok(alias);
  return ok(t, `stage "${t}" is not one of the default stages (${DEFAULT_STAGES.join(', ')}); it is kept as a new stage`);
}

/** Trimmed text; empty is `undefined`. Used for ids and other keys, which must not differ by a stray space. */
export function parseId(text: string): CellResult<string> {
  const t = text.trim();
  return ok(t === '' ? undefined : t);
}

/**
 * Free text (names, organizations): kept exactly as written, so that a
 * write/read round trip is exact; a cell of only spaces is `undefined`.
 */
export function parseText(text: string): CellResult<string> {
  return ok(text.trim() === '' ? undefined : text);
}

/** Parses a cell by the kind its column declares in `src/io/headers.ts`. */
export function parseCell(kind: CellKind, text: string): CellResult<unknown> {
  switch (kind) {
    case 'id': return parseId(text);
    case 'text': return parseText(text);
    case 'boolean': return parseBoolean(text);
    case 'number': return parseNumber(text);
    case 'list': return parseList(text);
    case 'level': return parseLevel(text);
    case 'org-type': return parseOrgType(text);
    case 'stage': return parseStage(text);
    case 'role': return parseRole(text);
  }
}
