/**
 * The column table of the input folder (DESIGN section 2): for each file,
 * its English columns, the Chinese headers accepted for them, the camelCase
 * field of `src/model/schemas.ts` each one fills, and how its cells parse.
 *
 * This table is the single place that knows a spreadsheet's vocabulary;
 * the reader, the writer and the README (through `headerTableMarkdown`) all
 * read it, so they cannot drift apart.
 */

/** The input files, in the order they are read and written. */
export const INPUT_FILES = [
  'counties.csv', 'needs.csv', 'experts.csv', 'skills.csv', 'pairings.csv', 'affinity.csv', 'pinned.csv',
] as const;
/** The name of an input file. */
export type InputFileName = (typeof INPUT_FILES)[number];

/** Files that must exist in an input folder; the others may be absent (no affinities, no pins). */
export const REQUIRED_FILES: readonly InputFileName[] = [
  'counties.csv', 'needs.csv', 'experts.csv', 'skills.csv', 'pairings.csv',
];

/** The list of an `Instance` each file fills. */
export type EntityKind = 'counties' | 'needs' | 'experts' | 'skills' | 'pairings' | 'affinities' | 'pins';

/** The `Instance` list filled by each file. */
export const KIND_OF_FILE: Readonly<Record<InputFileName, EntityKind>> = {
  'counties.csv': 'counties',
  'needs.csv': 'needs',
  'experts.csv': 'experts',
  'skills.csv': 'skills',
  'pairings.csv': 'pairings',
  'affinity.csv': 'affinities',
  'pinned.csv': 'pins',
};

/** The file that fills each `Instance` list. */
export const FILE_OF_KIND: Readonly<Record<EntityKind, InputFileName>> = {
  counties: 'counties.csv',
  needs: 'needs.csv',
  experts: 'experts.csv',
  skills: 'skills.csv',
  pairings: 'pairings.csv',
  affinities: 'affinity.csv',
  pins: 'pinned.csv',
};

/**
 * How a cell is read (see `src/io/cells.ts`):
 * `id` trimmed text; `text` verbatim text; `boolean`; `number`; `list` of
 * `;`-separated ids; `level`, `org-type`, `role` from the vocabulary
 * (English or Chinese); `stage` any text, Chinese aliases mapped to the
 * English name.
 */
export type CellKind = 'id' | 'text' | 'boolean' | 'number' | 'list' | 'level' | 'org-type' | 'stage' | 'role';

/** One column of an input file. */
export interface ColumnSpec {
  /** The English column name of the contract, e.g. `county_id`; also what issues name as `field`. */
  readonly column: string;
  /** The camelCase field of the entity schema it fills, e.g. `countyId`. */
  readonly field: string;
  /** A required column must be present in the header and non-empty in every row. */
  readonly required: boolean;
  /** How its cells are parsed. */
  readonly kind: CellKind;
  /** Chinese headers accepted for it (the English name and the camelCase field are always accepted too). */
  readonly aliases: readonly string[];
  /** One line for the README: what goes in the cell, with its default. */
  readonly note: string;
}

/** A column spec (shorthand for the column tables). */
export function col(column: string, field: string, required: boolean, kind: CellKind, aliases: readonly string[], note: string): ColumnSpec {
  return { column, field, required, kind, aliases, note };
}

// Aliases shared by several files, so that every file accepts the same Chinese word for the same id.
const COUNTY_ID = ['县编码', '县代码', '县区划代码', '行政区划代码', '县id'];
const EXPERT_ID = ['专家编号', '专家代码', '专家id'];
const INDUSTRY = ['产业', '主导产业', '产业名称'];
const STAGE = ['环节', '产业链环节'];

/** Every input file's columns, in the contract's order (which is also the order `writeInstanceDir` writes). */
export const COLUMNS: Readonly<Record<InputFileName, readonly ColumnSpec[]>> = {
  'counties.csv': [
    col('county_id', 'id', true, 'id', COUNTY_ID, 'unique county code'),
    col('name', 'name', false, 'text', ['县名', '县名称', '县区名称'], 'display name'),
    col('province', 'province', true, 'id', ['省份', '省', '所属省份'], 'province, e.g. 四川'),
    col('prefecture', 'prefecture', false, 'text', ['地市', '市州', '所属地市'], 'prefecture'),
    col('key_county', 'keyCounty', false, 'boolean', ['重点帮扶县', '是否重点帮扶县', '国家乡村振兴重点帮扶县'], 'national key assistance county (refused, H10); default false'),
    col('east_partner', 'eastPartner', false, 'list', ['东部协作省份', '结对省份', '协作省份'], 'its own eastern partner provinces, `;`-separated (H6)'),
    col('group_min', 'groupMin', false, 'number', ['最少人数', '最小人数', '人数下限'], 'smallest group for this county (H3); default the round\'s'),
    col('group_max', 'groupMax', false, 'number', ['最多人数', '最大人数', '人数上限'], 'largest group for this county (H3); default the round\'s'),
    col('batch', 'batch', false, 'text', ['批次'], 'batch label; with `--priority batch`, earlier batches are served first'),
    col('priority', 'priority', false, 'number', ['优先级', '优先顺序', '申报顺序'], 'priority under scarcity, a whole number; smaller is served first (`--priority column`, the default)'),
    col('convenor', 'convenor', false, 'text', ['召集人'], '召集人, passed through to the roster'),
    col('liaison', 'liaison', false, 'text', ['联络员'], '联络员, passed through to the roster'),
  ],
  'needs.csv': [
    col('county_id', 'countyId', true, 'id', COUNTY_ID, 'county of the need'),
    col('industry', 'industry', true, 'id', INDUSTRY, 'industry, e.g. 茶叶'),
    col('stage', 'stage', true, 'stage', STAGE, 'chain stage, English or Chinese (生产 → production)'),
    col('weight', 'weight', false, 'number', ['权重'], 'weight in S1; default 1'),
    col('required', 'required', false, 'boolean', ['必需', '是否必需', '必须'], 'must be covered (H7); default false'),
  ],
  'experts.csv': [
    col('expert_id', 'id', true, 'id', EXPERT_ID, 'unique expert code'),
    col('name', 'name', false, 'text', ['姓名', '专家姓名'], 'name'),
    col('province', 'province', true, 'id', ['省份', '省', '所在省份'], 'province the expert works in (H6)'),
    col('organization', 'organization', false, 'text', ['单位', '工作单位', '所在单位'], 'organization (S4)'),
    col('org_type', 'orgType', false, 'org-type', ['单位类型'], 'organization type, English or Chinese (高校科协 → university)'),
    col('level', 'level', true, 'level', ['级别', '专家级别'], 'national, provincial, municipal or county (国家级, 省级, 市级, 县级)'),
    col('home_county', 'homeCounty', false, 'id', ['所属县', '本地县', '推荐县'], 'county that recommends this local scientist (H5)'),
    col('capacity', 'capacity', false, 'number', ['可服务组数', '服务组数'], 'groups the expert may serve (H2); default 1'),
  ],
  'skills.csv': [
    col('expert_id', 'expertId', true, 'id', EXPERT_ID, 'expert'),
    col('industry', 'industry', true, 'id', INDUSTRY, 'industry, or `*` for any'),
    col('stage', 'stage', true, 'stage', STAGE, 'chain stage, or `*` for any'),
    col('proficiency', 'proficiency', false, 'number', ['熟练度', '熟练程度'], '1–3; default 2'),
  ],
  'pairings.csv': [
    col('east_province', 'eastProvince', true, 'id', ['东部省份', '东部协作省份'], 'eastern province'),
    col('west_province', 'westProvince', true, 'id', ['西部省份', '西部协作省份'], 'western province'),
    col('county_id', 'countyId', false, 'id', COUNTY_ID, 'a county-level pairing, overriding the province\'s'),
  ],
  'affinity.csv': [
    col('county_id', 'countyId', true, 'id', COUNTY_ID, 'county'),
    col('expert_id', 'expertId', true, 'id', EXPERT_ID, 'expert'),
    col('score', 'score', false, 'number', ['分数', '匹配度', '意愿分'], 'preference score (S3); default 0'),
    col('veto', 'veto', false, 'boolean', ['否决', '回避'], 'never assign this pair (H8); default false'),
    col('county_consents', 'countyConsents', false, 'boolean', ['县方同意', '县同意'], 'the county agrees to this expert; with `--consent required` both consents must be true'),
    col('expert_consents', 'expertConsents', false, 'boolean', ['专家同意', '本人同意'], 'the expert agrees to serve this county; with `--consent required` both consents must be true'),
  ],
  'pinned.csv': [
    col('county_id', 'countyId', true, 'id', COUNTY_ID, 'county'),
    col('expert_id', 'expertId', true, 'id', EXPERT_ID, 'expert'),
    col('role', 'role', false, 'role', ['角色'], 'leader, local, east or member (组长, 本地, 东部, 成员)'),
  ],
};

/**
 * The form a header is compared in: BOM removed, Unicode NFKC (so full-width
 * letters and brackets become ASCII), trimmed, lower case, spaces and hyphens
 * as `_`, and a trailing `*` dropped (templates often mark required columns so).
 */
export function normalizeHeader(header: string): string {
  return header
    .replace(/\uFEFF/g, '')
    .normalize('NFKC')
    .trim()
    .replace(/\*+$/, '')
    .trim()
    .toLowerCase()
    .replace(/[\s-]+/g, '_');
}

const lookups = new WeakMap<readonly ColumnSpec[], Map<string, ColumnSpec>>();

/**
 * The column a header cell names among `columns` (by English name, camelCase
 * field or Chinese alias, compared by `normalizeHeader`), or `undefined`.
 */
export function matchColumn(columns: readonly ColumnSpec[], header: string): ColumnSpec | undefined {
  let byName = lookups.get(columns);
  if (byName === undefined) {
    byName = new Map();
    for (const spec of columns) {
      for (const name of [spec.column, spec.field, ...spec.aliases]) byName.set(normalizeHeader(name), spec);
    }
    lookups.set(columns, byName);
  }
  return byName.get(normalizeHeader(header));
}

/** The column a header cell names in an input file, or `undefined` for an unknown header. */
export function matchHeader(file: InputFileName, header: string): ColumnSpec | undefined {
  return matchColumn(COLUMNS[file], header);
}

/** The English column name of an entity field in a file, e.g. (`experts.csv`, `homeCounty`) → `home_county`; the field itself when unknown. */
export function columnOfField(file: InputFileName, field: string): string {
  return COLUMNS[file].find((c) => c.field === field)?.column ?? field;
}

/**
 * The column table as a markdown table (file, column, required, Chinese
 * headers, meaning), for the README.
 *
 * @example
 * ```ts
 * console.log(headerTableMarkdown());
 * // | file | column | required | Chinese headers | meaning |
 * // |------|--------|----------|-----------------|---------|
 * // | counties.csv | county_id | yes | 县编码, 县代码, … | unique county code |
 * ```
 */
export function headerTableMarkdown(): string {
  const lines = ['| file | column | required | Chinese headers | meaning |', '|------|--------|----------|-----------------|---------|'];
  for (const file of INPUT_FILES) {
    for (const c of COLUMNS[file]) {
      lines.push(`| ${file} | ${c.column} | ${c.required ? 'yes' : ''} | ${c.aliases.join(', ')} | ${c.note.replace(/\|/g, '\\|')} |`);
    }
  }
  return lines.join('\n') + '\n';
}
