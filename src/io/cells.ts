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
  return (isNfkcStable(text) ? text : text.normalize('NFKC')).trim();
}

/**
 * True when NFKC leaves `text` as it is because it holds only printable
 * ASCII and CJK unified ideographs (U+4E00–U+9FFF), none of which NFKC
 * changes or composes: most cells are so, and this test is far cheaper than
 * normalizing (reading speed).
 */
export function isNfkcStable(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x20 || (c > 0x7e && (c < 0x4e00 || c > 0x9fff))) return false;
  }
  return true;
}

/**
 * Returned by `quickCell` (and the value functions behind the parsers) when
 * the cell needs its full parse: it is unreadable, or its value comes with
 * a note.
 */
export const FULL_PARSE: unique symbol = Symbol('full parse');
type Quick<T> = T | undefined | typeof FULL_PARSE;

const TRUE_WORDS = new Set(['true', 't', 'yes', 'y', '1', '是', '对', '√']);
const FALSE_WORDS = new Set(['false', 'f', 'no', 'n', '0', '否', '不是', '×']);

/**
 * A boolean: true/false, yes/no, y/n, t/f, 1/0, 是/否 (any case); empty is `undefined`.
 *
 * @example parseBoolean('是') // { ok: true, value: true }
 */
export function parseBoolean(text: string): CellResult<boolean> {
  const v = booleanValue(text);
  return v === FULL_PARSE ? fail('is not a yes/no value: write true or false (also yes/no, 1/0, 是/否)') : ok(v);
}

function booleanValue(text: string): Quick<boolean> {
  const t = normalizeCell(text).toLowerCase();
  if (t === '') return undefined;
  if (TRUE_WORDS.has(t)) return true;
  if (FALSE_WORDS.has(t)) return false;
  return FULL_PARSE;
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
  const v = numberValue(text);
  if (v !== FULL_PARSE) return ok(v);
  return fail(NUMBER.test(normalizeCell(text)) ? 'is not a finite number' : 'is not a number');
}

function numberValue(text: string): Quick<number> {
  const t = normalizeCell(text);
  if (t === '') return undefined;
  if (!NUMBER.test(t)) return FULL_PARSE;
  const n = Number(t);
  if (!Number.isFinite(n)) return FULL_PARSE;
  // -0 would survive a write/read round trip as "0"; normalize it now so both sides agree.
  return n === 0 ? 0 : n;
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
  return ok(listValue(text));
}

function listValue(text: string): string[] | undefined {
  if (text === '') return undefined;
  const items = text.split(LIST_SEPARATORS).map((s) => s.trim()).filter((s) => s !== '');
  return items.length === 0 ? undefined : items;
}

function fromVocabulary<T extends string>(text: string, words: readonly T[], aliases: Readonly<Record<string, T>>, what: string): CellResult<T> {
  const hit = vocabularyValue(text, words, aliases);
  if (hit !== FULL_PARSE) return ok(hit);
  const chinese = Object.entries(aliases).filter(([k]) => !(words as readonly string[]).includes(k)).map(([k]) => k);
  return fail(`is not a known ${what}: use one of ${words.join(', ')}${chinese.length > 0 ? ` (or ${chinese.join(', ')})` : ''}`);
}

function vocabularyValue<T extends string>(text: string, words: readonly T[], aliases: Readonly<Record<string, T>>): Quick<T> {
  const t = normalizeCell(text);
  if (t === '') return undefined;
  const lower = t.toLowerCase();
  return ((words as readonly string[]).includes(lower) ? (lower as T) : aliases[t] ?? aliases[lower]) ?? FULL_PARSE;
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
  const v = stageValue(text);
  if (v !== FULL_PARSE) return ok(v);
  const t = normalizeCell(text);
  return ok(t, `stage "${t}" is not one of the default stages (${DEFAULT_STAGES.join(', ')}); it is kept as a new stage`);
}

/** A known stage's value (`FULL_PARSE` for another text, which is kept with a note). */
function stageValue(text: string): Quick<string> {
  const t = normalizeCell(text);
  if (t === '') return undefined;
  if (t === '*') return t;
  const lower = t.toLowerCase();
  if ((DEFAULT_STAGES as readonly string[]).includes(lower)) return lower;
  return STAGE_ALIASES[t] ?? FULL_PARSE;
}

/** Trimmed text; empty is `undefined`. Used for ids and other keys, which must not differ by a stray space. */
export function parseId(text: string): CellResult<string> {
  return ok(idValue(text));
}

function idValue(text: string): string | undefined {
  const t = text.trim();
  return t === '' ? undefined : t;
}

/**
 * Free text (names, organizations): kept exactly as written, so that a
 * write/read round trip is exact; a cell of only spaces is `undefined`.
 */
export function parseText(text: string): CellResult<string> {
  return ok(textValue(text));
}

function textValue(text: string): string | undefined {
  // Most cells start with a printable ASCII or CJK character: not blank, without trimming a copy.
  if (text === '') return undefined;
  const c = text.charCodeAt(0);
  if ((c > 0x20 && c < 0x7f) || (c >= 0x4e00 && c <= 0x9fff)) return text;
  return text.trim() === '' ? undefined : text;
}

/**
 * A cell's value as `parseCell` reads it (`undefined` for an empty cell),
 * without the result object: the reader's path for the cells of every row.
 * `FULL_PARSE` when the cell is unreadable or its value comes with a note:
 * then `parseCell` says which, and how.
 *
 * @example quickCell('stage', '加工') // 'processing'
 */
export function quickCell(kind: CellKind, text: string): unknown {
  switch (kind) {
    case 'id': return idValue(text);
    case 'text': return textValue(text);
    case 'boolean': return booleanValue(text);
    case 'number': return numberValue(text);
    case 'list': return listValue(text);
    case 'level': return vocabularyValue(text, LEVELS, LEVEL_ALIASES);
    case 'org-type': return vocabularyValue(text, ORG_TYPES, ORG_TYPE_ALIASES);
    case 'stage': return stageValue(text);
    case 'role': return vocabularyValue(text, ROLES, ROLE_ALIASES);
  }
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
