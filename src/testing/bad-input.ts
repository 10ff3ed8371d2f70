/**
 * fast-check arbitraries of refused input folders: a valid round written as
 * CSV texts, then one defect put in, with the issue `readInstanceDir` must
 * report for it (code, file, line and field). The defect is chosen so that
 * it causes that one issue and no other.
 */
import fc from 'fast-check';
import { csvText } from '../io/csv-format.js';
import { COLUMNS, INPUT_FILES, REQUIRED_FILES, KIND_OF_FILE, type InputFileName } from '../io/headers.js';
import type { IssueCode } from '../model/issues.js';
import type { Instance } from '../model/schemas.js';
import { instanceArbitrary } from './instance-arbitrary.js';
import type { InstanceKnobs } from './knobs.js';

/**
 * The kinds of bad input `badInputArbitrary` draws.
 *
 * @example
 * ```ts
 * badInputArbitrary({ kinds: BAD_INPUT_KINDS.filter((k) => k !== 'missing-file') });
 * ```
 */
export const BAD_INPUT_KINDS = [
  'missing-file', 'missing-column', 'bad-number', 'bad-boolean', 'bad-level', 'duplicate-id',
  'dangling-reference', 'key-county', 'inconsistent-pin', 'empty-required-cell', 'misspelled-column', 'control-character-id',
] as const;
/**
 * A kind of bad input.
 *
 * @example
 * ```ts
 * const kind: BadInputKind = 'dangling-reference';
 * ```
 */
export type BadInputKind = (typeof BAD_INPUT_KINDS)[number];

/**
 * The issue code each kind of bad input must give.
 *
 * @example
 * ```ts
 * ISSUE_CODE_OF_KIND['bad-level']; // 'bad-value'
 * ```
 */
export const ISSUE_CODE_OF_KIND: Readonly<Record<BadInputKind, IssueCode>> = {
  'missing-file': 'missing-file',
  'missing-column': 'missing-column',
  'bad-number': 'bad-value',
  'bad-boolean': 'bad-value',
  'bad-level': 'bad-value',
  'duplicate-id': 'duplicate-id',
  'dangling-reference': 'unknown-reference',
  'key-county': 'key-county',
  'inconsistent-pin': 'inconsistent-pin',
  'empty-required-cell': 'missing-value',
  'misspelled-column': 'misspelled-column',
  'control-character-id': 'bad-value',
};

/**
 * Where and what: the issue a bad input must give (as `InputIssue` names them).
 *
 * @example
 * ```ts
 * const e: ExpectedIssue = { code: 'missing-value', file: 'experts.csv', line: 5, field: 'province' };
 * ```
 */
export interface ExpectedIssue {
  readonly code: IssueCode;
  /** The contract file name, e.g. `experts.csv`. */
  readonly file: InputFileName;
  /** 1-based physical line (the header is line 1); 0 for a whole-file issue. */
  readonly line: number;
  /** The English column, or `''` for a whole row or file. */
  readonly field: string;
}

/**
 * A refused input folder and the issue it must give.
 *
 * @example
 * ```ts
 * const [bad] = fc.sample(badInputArbitrary(), 1);
 * console.log(bad.description, bad.expected);
 * ```
 */
export interface BadInput {
  readonly kind: BadInputKind;
  /** What was done to the valid folder, in words (for failure messages). */
  readonly description: string;
  /** The folder's files by name: CSV texts (UTF-8, `\n` line ends). A missing file is absent. */
  readonly files: Readonly<Record<string, string>>;
  /** The one issue `readInstanceDir` must report. */
  readonly expected: ExpectedIssue;
  /** The valid instance the folder was made from. */
  readonly instance: Instance;
}

/**
 * One CSV file as a table of cell texts (a header row, then data rows).
 *
 * @example
 * ```ts
 * const t: CsvTable = { header: ['county_id', 'province'], rows: [['c1', '四川']] };
 * ```
 */
export interface CsvTable {
  header: string[];
  rows: string[][];
}

/** A cell's text for a typed value, as `instanceToCsv` writes it. */
function cellText(value: unknown): string {
  if (value === undefined || value === null) return '';
  if (Array.isArray(value)) return value.map(String).join(';');
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return String(value);
}

/**
 * The seven files of an instance as tables of cell texts (English headers,
 * contract column order), the same cells `instanceToCsv` writes.
 *
 * @example
 * ```ts
 * const tables = csvTablesOf(instance);
 * tables['experts.csv'].rows[0]; // ['e1', '专家1', '北京', …]
 * ```
 */
export function csvTablesOf(instance: Instance): Record<InputFileName, CsvTable> {
  const out = {} as Record<InputFileName, CsvTable>;
  for (const file of INPUT_FILES) {
    const columns = COLUMNS[file];
    const list = instance[KIND_OF_FILE[file]] as readonly object[];
    out[file] = {
      header: columns.map((c) => c.column),
      rows: list.map((e) => columns.map((c) => cellText((e as Record<string, unknown>)[c.field]))),
    };
  }
  return out;
}

function lineBreaks(text: string): number {
  return (text.match(/\r\n|\r|\n/g) ?? []).length;
}

/**
 * The physical line row `index` (0-based) of a table starts on in the CSV
 * text `csvText` writes for it: the header is line 1, and a quoted cell with
 * line breaks makes its row span several lines.
 *
 * @example
 * ```ts
 * lineOfRow({ header: ['a'], rows: [['x\ny'], ['z']] }, 1); // 4
 * ```
 */
export function lineOfRow(table: CsvTable, index: number): number {
  let line = 2 + table.header.reduce((n, c) => n + lineBreaks(c), 0);
  for (let j = 0; j < index; j++) line += 1 + (table.rows[j] ?? []).reduce((n, c) => n + lineBreaks(c), 0);
  return line;
}

/**
 * The CSV texts of tables, by file name (absent tables give absent files),
 * quoted as the library writes CSV.
 *
 * @example
 * ```ts
 * const tables = csvTablesOf(instance);
 * tables['experts.csv'].rows[0]![5] = 'professor';
 * await writeCsvFolder(dir, csvFilesOf(tables));
 * ```
 */
export function csvFilesOf(tables: Readonly<Partial<Record<InputFileName, CsvTable>>>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const file of INPUT_FILES) {
    const t = tables[file];
    if (t !== undefined) out[file] = csvText(t.header, t.rows);
  }
  return out;
}

/** Draws that pick the defect's target and its text. */
interface Dice {
  a: number;
  b: number;
  c: number;
}

interface Defect {
  description: string;
  expected: ExpectedIssue;
  /** Removes the file from the folder. */
  drop?: InputFileName;
}

const BAD_NUMBERS = ['abc', '1,5', 'NaN', 'Infinity', '3 人', '1e999', '0x10', '--1', '½', '1.2.3'] as const;
const BAD_BOOLEANS = ['maybe', '2', 'oui', 'truee', 'ja', '真', 'yes!'] as const;
const BAD_LEVELS = ['professor', '高级', 'Nationale', 'nat', '5', 'national-level', '国家级专家'] as const;
const KEY_WORDS = ['true', '是', 'yes', '1', 'TRUE'] as const;
const NON_LEADER_LEVELS = ['provincial', 'municipal', 'county'] as const;
const UNKNOWN_COUNTY = 'zz-no-such-county';
const UNKNOWN_EXPERT = 'zz-no-such-expert';
const NEW_EXPERT = 'zz-new-expert';

function pickOf<T>(list: readonly T[], n: number): T {
  return list[n % list.length]!;
}

/** A row of `file` from cells by column name (others empty). */
function rowOf(file: InputFileName, cells: Readonly<Record<string, string>>): string[] {
  return COLUMNS[file].map((c) => cells[c.column] ?? '');
}

function columnIndex(file: InputFileName, column: string): number {
  return COLUMNS[file].findIndex((c) => c.column === column);
}

/** Every (file, row) cell of the given columns, for files with rows. */
function cellsOf(tables: Record<InputFileName, CsvTable>, targets: readonly (readonly [InputFileName, string])[]): [InputFileName, string, number][] {
  const out: [InputFileName, string, number][] = [];
  for (const [file, column] of targets) tables[file].rows.forEach((_, i) => out.push([file, column, i]));
  return out;
}

function setCell(tables: Record<InputFileName, CsvTable>, file: InputFileName, row: number, column: string, text: string): ExpectedIssue['line'] {
  tables[file].rows[row]![columnIndex(file, column)] = text;
  return lineOfRow(tables[file], row);
}

/** Appends a row and returns its line. */
function append(tables: Record<InputFileName, CsvTable>, file: InputFileName, cells: Readonly<Record<string, string>>): number {
  const t = tables[file];
  t.rows.push(rowOf(file, cells));
  return lineOfRow(t, t.rows.length - 1);
}

/** Replaces one cell of a chosen row, giving a `code` issue at that cell. */
function badCell(
  tables: Record<InputFileName, CsvTable>, dice: Dice, code: IssueCode,
  targets: readonly (readonly [InputFileName, string])[], texts: readonly string[], what: string,
): Defect {
  const cells = cellsOf(tables, targets);
  const [file, column, row] = pickOf(cells, dice.a);
  const text = pickOf(texts, dice.b);
  const line = setCell(tables, file, row, column, text);
  return { description: `${what}: ${file} row ${row + 1} ${column} = ${JSON.stringify(text)}`, expected: { code, file, line, field: column } };
}

function missingFile(_t: Record<InputFileName, CsvTable>, dice: Dice): Defect {
  const file = pickOf(REQUIRED_FILES, dice.a);
  return { description: `removed ${file}`, expected: { code: 'missing-file', file, line: 0, field: '' }, drop: file };
}

function missingColumn(tables: Record<InputFileName, CsvTable>, dice: Dice): Defect {
  const targets = INPUT_FILES.flatMap((f) => COLUMNS[f].filter((c) => c.required).map((c) => [f, c.column] as const));
  const [file, column] = pickOf(targets, dice.a);
  const t = tables[file];
  const i = t.header.indexOf(column);
  t.header.splice(i, 1);
  for (const r of t.rows) r.splice(i, 1);
  return { description: `removed the column ${column} of ${file}`, expected: { code: 'missing-column', file, line: 1, field: column } };
}

/** For each file `duplicateId` copies a row of: a column outside the row's key, and how to change its cell so the copy contradicts the original. */
const CONFLICTING_CELLS: readonly (readonly [InputFileName, string, (cell: string) => string])[] = [
  ['counties.csv', 'name', (c) => `${c}（二）`],
  ['experts.csv', 'name', (c) => `${c}（二）`],
  ['needs.csv', 'weight', (c) => String(Number(c === '' ? 1 : c) + 1)],
  ['skills.csv', 'proficiency', (c) => (c === '1' ? '2' : '1')],
  ['affinity.csv', 'score', (c) => String(Number(c === '' ? 0 : c) + 1)],
];

/** A row copied to the end of its file with one cell changed: the same key with different values (an exact copy is only a warning). */
function duplicateId(tables: Record<InputFileName, CsvTable>, dice: Dice): Defect {
  const targets = CONFLICTING_CELLS.filter(([f]) => tables[f].rows.length > 0);
  const [file, column, change] = pickOf(targets, dice.a);
  const t = tables[file];
  const copy = [...pickOf(t.rows, dice.b)];
  const at = columnIndex(file, column);
  copy[at] = change(copy[at] ?? '');
  t.rows.push(copy);
  const field = file === 'counties.csv' ? 'county_id' : file === 'experts.csv' ? 'expert_id' : '';
  return { description: `copied a row of ${file} to its end with ${column} changed`, expected: { code: 'duplicate-id', file, line: lineOfRow(t, t.rows.length - 1), field } };
}

function danglingReference(tables: Record<InputFileName, CsvTable>, dice: Dice, instance: Instance): Defect {
  const county = pickOf(instance.counties, dice.b).id;
  const expert = instance.experts.length > 0 ? pickOf(instance.experts, dice.b).id : undefined;
  const variants: (() => Defect)[] = [
    () => ({ description: 'a need of an unknown county', expected: { code: 'unknown-reference', file: 'needs.csv', field: 'county_id', line: append(tables, 'needs.csv', { county_id: UNKNOWN_COUNTY, industry: '茶叶', stage: 'production' }) } }),
    () => ({ description: 'a skill of an unknown expert', expected: { code: 'unknown-reference', file: 'skills.csv', field: 'expert_id', line: append(tables, 'skills.csv', { expert_id: UNKNOWN_EXPERT, industry: '茶叶', stage: 'production' }) } }),
    () => ({ description: 'a local scientist of an unknown county', expected: { code: 'unknown-reference', file: 'experts.csv', field: 'home_county', line: append(tables, 'experts.csv', { expert_id: NEW_EXPERT, province: '四川', level: 'county', home_county: UNKNOWN_COUNTY }) } }),
    () => ({ description: 'an affinity of an unknown expert', expected: { code: 'unknown-reference', file: 'affinity.csv', field: 'expert_id', line: append(tables, 'affinity.csv', { county_id: county, expert_id: UNKNOWN_EXPERT, score: '1' }) } }),
    () => ({ description: 'a pin of an unknown expert', expected: { code: 'unknown-reference', file: 'pinned.csv', field: 'expert_id', line: append(tables, 'pinned.csv', { county_id: county, expert_id: UNKNOWN_EXPERT }) } }),
    () => ({ description: 'a county-level pairing of an unknown county', expected: { code: 'unknown-reference', file: 'pairings.csv', field: 'county_id', line: append(tables, 'pairings.csv', { east_province: '山东', west_province: '甘肃', county_id: UNKNOWN_COUNTY }) } }),
  ];
  if (expert !== undefined) {
    variants.push(() => ({ description: 'an affinity of an unknown county', expected: { code: 'unknown-reference', file: 'affinity.csv', field: 'county_id', line: append(tables, 'affinity.csv', { county_id: UNKNOWN_COUNTY, expert_id: expert, score: '1' }) } }));
  }
  return pickOf(variants, dice.a)();
}

function keyCounty(tables: Record<InputFileName, CsvTable>, dice: Dice): Defect {
  return badCell(tables, dice, 'key-county', [['counties.csv', 'key_county']], KEY_WORDS, 'a key county (H10)');
}

function inconsistentPin(tables: Record<InputFileName, CsvTable>, dice: Dice, instance: Instance): Defect {
  const counties = instance.counties;
  const a = pickOf(counties, dice.b);
  const b = counties.length > 1 ? counties[(counties.indexOf(a) + 1) % counties.length]! : undefined;
  const expert = (cells: Readonly<Record<string, string>>): void => { append(tables, 'experts.csv', { expert_id: NEW_EXPERT, ...cells }); };
  const pin = (countyId: string, role: string): number => append(tables, 'pinned.csv', { county_id: countyId, expert_id: NEW_EXPERT, role });
  const expected = (line: number, field: string): ExpectedIssue => ({ code: 'inconsistent-pin', file: 'pinned.csv', line, field });
  const variants: (() => Defect)[] = [
    () => {
      expert({ province: '北京', level: 'national' });
      append(tables, 'affinity.csv', { county_id: a.id, expert_id: NEW_EXPERT, score: '0', veto: 'true' });
      return { description: 'a vetoed pair pinned (H8)', expected: expected(pin(a.id, ''), 'expert_id') };
    },
  ];
  // A leader pinned to a county that already has one would also be a second leader: two issues, not one.
  const unled = counties.filter((c) => !instance.pins.some((p) => p.countyId === c.id && p.role === 'leader'));
  if (unled.length > 0) {
    const u = pickOf(unled, dice.b);
    variants.push(
      () => {
        expert({ province: '北京', level: pickOf(NON_LEADER_LEVELS, dice.c) });
        return { description: `a ${pickOf(NON_LEADER_LEVELS, dice.c)} expert pinned as leader (H4)`, expected: expected(pin(u.id, 'leader'), 'role') };
      },
      () => {
        expert({ province: u.province, level: 'national', home_county: u.id });
        return { description: 'a county\'s own local scientist pinned as its leader (H4)', expected: expected(pin(u.id, 'leader'), 'role') };
      },
    );
  }
  if (b !== undefined) {
    variants.push(
      () => {
        expert({ province: a.province, level: 'county', home_county: a.id });
        return { description: 'a local scientist pinned to another county (H5)', expected: expected(pin(b.id, 'member'), 'expert_id') };
      },
      () => {
        expert({ province: '北京', level: 'national', capacity: '1' });
        pin(a.id, '');
        return { description: 'an expert of capacity 1 pinned to two counties (H2)', expected: expected(pin(b.id, ''), 'expert_id') };
      },
    );
  }
  const led = instance.pins.find((p) => p.role === 'leader');
  if (led !== undefined) {
    variants.push(() => {
      expert({ province: '北京', level: 'national' });
      return { description: 'a second pinned leader (H4)', expected: expected(pin(led.countyId, 'leader'), 'role') };
    });
  }
  return pickOf(variants, dice.a)();
}

/** An optional column's header with its last character doubled (`vetoo`, `capacityy`): one slip from the column. */
function misspelledColumn(tables: Record<InputFileName, CsvTable>, dice: Dice): Defect {
  const targets = INPUT_FILES.flatMap((f) => COLUMNS[f].filter((c) => !c.required).map((c) => [f, c.column] as const));
  const [file, column] = pickOf(targets, dice.a);
  const t = tables[file];
  const header = `${column}${column.slice(-1)}`;
  t.header[t.header.indexOf(column)] = header;
  return { description: `misspelled the header ${column} of ${file} as ${header}`, expected: { code: 'misspelled-column', file, line: 1, field: header } };
}

const CONTROL_CHARACTERS = ['\u0000', '\t', '\n', '\u001b', '\u007f'] as const;
/** Id cells whose row, once refused, leaves no reference dangling. */
const REFERRING_ID_CELLS: readonly (readonly [InputFileName, string])[] = [
  ['skills.csv', 'expert_id'], ['skills.csv', 'industry'], ['needs.csv', 'industry'], ['affinity.csv', 'expert_id'], ['pinned.csv', 'county_id'],
];

/** A control character pasted into the middle of an id cell. */
function controlCharacterId(tables: Record<InputFileName, CsvTable>, dice: Dice): Defect {
  const cells = cellsOf(tables, REFERRING_ID_CELLS);
  const [file, column, row] = pickOf(cells, dice.a);
  const old = tables[file].rows[row]![columnIndex(file, column)] ?? '';
  const cut = Math.max(1, Math.floor(old.length / 2));
  const text = `${old.slice(0, cut)}${pickOf(CONTROL_CHARACTERS, dice.b)}${old.slice(cut)}`;
  const line = setCell(tables, file, row, column, text);
  return { description: `a control character in an id: ${file} row ${row + 1} ${column} = ${JSON.stringify(text)}`, expected: { code: 'bad-value', file, line, field: column } };
}

const REQUIRED_CELLS: readonly (readonly [InputFileName, string])[] = [
  ['counties.csv', 'province'], ['experts.csv', 'province'], ['experts.csv', 'level'],
  ['needs.csv', 'county_id'], ['needs.csv', 'industry'], ['needs.csv', 'stage'],
  ['skills.csv', 'expert_id'], ['skills.csv', 'industry'], ['skills.csv', 'stage'],
  ['pairings.csv', 'east_province'], ['pairings.csv', 'west_province'],
  ['affinity.csv', 'county_id'], ['affinity.csv', 'expert_id'], ['pinned.csv', 'county_id'], ['pinned.csv', 'expert_id'],
];

const DEFECTS: Readonly<Record<BadInputKind, (tables: Record<InputFileName, CsvTable>, dice: Dice, instance: Instance) => Defect>> = {
  'missing-file': missingFile,
  'missing-column': missingColumn,
  'bad-number': (t, d) => badCell(t, d, 'bad-value', [
    ['counties.csv', 'group_min'], ['counties.csv', 'group_max'], ['needs.csv', 'weight'], ['experts.csv', 'capacity'],
    ['skills.csv', 'proficiency'], ['affinity.csv', 'score'],
  ], BAD_NUMBERS, 'a bad number'),
  'bad-boolean': (t, d) => badCell(t, d, 'bad-value', [['counties.csv', 'key_county'], ['needs.csv', 'required'], ['affinity.csv', 'veto']], BAD_BOOLEANS, 'a bad yes/no'),
  'bad-level': (t, d) => badCell(t, d, 'bad-value', [['experts.csv', 'level']], BAD_LEVELS, 'a bad level'),
  'duplicate-id': duplicateId,
  'dangling-reference': danglingReference,
  'key-county': keyCounty,
  'inconsistent-pin': inconsistentPin,
  'empty-required-cell': (t, d) => badCell(t, d, 'missing-value', REQUIRED_CELLS, [''], 'an empty required cell'),
  'misspelled-column': misspelledColumn,
  'control-character-id': controlCharacterId,
};

/**
 * Settings of `badInputArbitrary`.
 *
 * @example
 * ```ts
 * const settings: BadInputSettings = { kinds: ['inconsistent-pin'], knobs: { counties: [2, 3] } };
 * ```
 */
export interface BadInputSettings {
  /** The kinds to draw from. Default: all of `BAD_INPUT_KINDS`. */
  readonly kinds?: readonly BadInputKind[] | undefined;
  /**
   * Knobs of the valid round the defect is put in (see `InstanceKnobs`).
   * Default: 1–3 counties, 1–4 experts each, at least one need per county;
   * `text: 'awkward'` puts line breaks in cells, so that the expected line
   * is not simply the row number + 1.
   */
  readonly knobs?: InstanceKnobs | undefined;
}

/**
 * An arbitrary of refused input folders, each with the one issue
 * `readInstanceDir` must report for it:
 *
 * | kind | defect | issue |
 * |------|--------|-------|
 * | missing-file | a required file removed | `missing-file`, line 0 |
 * | missing-column | a required column removed from a file | `missing-column`, line 1 |
 * | bad-number | `abc`, `1,5`, `NaN`, … in a number cell | `bad-value` at the cell |
 * | bad-boolean | `maybe`, `oui`, … in a yes/no cell | `bad-value` at the cell |
 * | bad-level | `professor`, `高级`, … as a level | `bad-value` at the cell |
 * | duplicate-id | a row copied to the end of its file with a non-key cell changed | `duplicate-id` at the copy (field `county_id`/`expert_id`, or `''` for a need, skill or affinity) |
 * | dangling-reference | a row naming an unknown county or expert | `unknown-reference` at the cell |
 * | key-county | `key_county` set on a county (H10) | `key-county` at the cell |
 * | inconsistent-pin | a pin that breaks H2, H4, H5 or H8 | `inconsistent-pin` at the pin |
 * | empty-required-cell | a required cell emptied | `missing-value` at the cell |
 * | misspelled-column | an optional column's header with its last letter doubled (`vetoo`) | `misspelled-column`, line 1, field = the header |
 * | control-character-id | a NUL, tab, line break, ESC or DEL inside an id cell | `bad-value` at the cell |
 *
 * @example
 * ```ts
 * fc.assert(fc.asyncProperty(badInputArbitrary(), async (bad) => {
 *   const dir = await mkdtemp(join(tmpdir(), 'bad-'));
 *   await writeCsvFolder(dir, bad.files);
 *   const r = await readInstanceDir(dir);
 *   return !r.ok && r.issues.some((i) => i.code === bad.expected.code && i.line === bad.expected.line);
 * }));
 * ```
 */
export function badInputArbitrary(settings: BadInputSettings = {}): fc.Arbitrary<BadInput> {
  const kinds = settings.kinds ?? BAD_INPUT_KINDS;
  if (kinds.length === 0) throw new RangeError('BadInputSettings: kinds must name at least one kind');
  const knobs: InstanceKnobs = { counties: [1, 3], expertsPerCounty: [1, 4], needsPerCounty: [1, 2], ...settings.knobs };
  const [needMin] = knobs.needsPerCounty ?? [1, 2];
  const [expertMin] = knobs.expertsPerCounty ?? [1, 4];
  if (needMin < 1 || expertMin < 1) throw new RangeError('BadInputSettings: knobs must give every county a need and an expert');
  return fc
    .record({
      instance: instanceArbitrary(knobs),
      kind: fc.constantFrom(...kinds),
      dice: fc.record({ a: fc.nat(9999), b: fc.nat(9999), c: fc.nat(9999) }),
    })
    .map(({ instance, kind, dice }) => {
      const tables = csvTablesOf(instance);
      const defect = DEFECTS[kind](tables, dice, instance);
      const { [defect.drop ?? '']: _dropped, ...kept } = tables as Record<string, CsvTable>;
      return { kind, description: defect.description, files: csvFilesOf(kept), expected: defect.expected, instance };
    });
}
