/**
 * The fixed vocabularies of the data contract (DESIGN section 2), with the
 * Chinese words that spreadsheets use for them.
 */

/** Expert levels, from the highest. Only `national` may lead a group by default (H4). */
export const LEVELS = ['national', 'provincial', 'municipal', 'county'] as const;
/** An expert's level. */
export type Level = (typeof LEVELS)[number];

/** Chinese spellings accepted for each level. */
export const LEVEL_ALIASES: Readonly<Record<string, Level>> = {
  national: 'national', 国家级: 'national', 国家: 'national',
  provincial: 'provincial', 省级: 'provincial', 省: 'provincial',
  municipal: 'municipal', 市级: 'municipal', 地市级: 'municipal', 市: 'municipal',
  county: 'county', 县级: 'county', 县: 'county',
};

/** The default chain stages (生产、加工、保鲜、储运、品牌 and four more); callers may extend them. */
export const DEFAULT_STAGES = [
  'production', 'processing', 'preservation', 'storage-transport', 'branding',
  'planning', 'market', 'training', 'transfer',
] as const;

/** Chinese spellings accepted for the default stages. */
export const STAGE_ALIASES: Readonly<Record<string, string>> = {
  生产: 'production', 加工: 'processing', 保鲜: 'preservation', 储运: 'storage-transport',
  品牌: 'branding', 产业规划: 'planning', 规划: 'planning', 市场开拓: 'market', 市场: 'market',
  人才培养: 'training', 培训: 'training', 成果转化: 'transfer',
};

/** The chain stages S1 names (生产、加工、保鲜、储运、品牌). */
export const CHAIN_STAGES = ['production', 'processing', 'preservation', 'storage-transport', 'branding'] as const;

/** Organization types of the expert pool. */
export const ORG_TYPES = ['national-society', 'enterprise', 'university', 'association', 'agritech', 'institute'] as const;
/** An organization type. */
export type OrgType = (typeof ORG_TYPES)[number];

/** Chinese spellings accepted for organization types. */
export const ORG_TYPE_ALIASES: Readonly<Record<string, OrgType>> = {
  全国学会: 'national-society', 企业科协: 'enterprise', 高校科协: 'university',
  科协组织: 'association', 农技协: 'agritech', 科研单位: 'institute',
};

/** Roles written in results. The label follows what a member is (H4–H6), see `roleOf`. */
export const ROLES = ['leader', 'local', 'east', 'member'] as const;
/** A member's role label. */
export type Role = (typeof ROLES)[number];

/** Chinese spellings accepted for roles in pinned.csv. */
export const ROLE_ALIASES: Readonly<Record<string, Role>> = {
  组长: 'leader', 本地: 'local', 本县: 'local', 东部: 'east', 东西部协作: 'east', 成员: 'member', 组员: 'member',
};

/** The wildcard accepted for a skill's industry or stage. */
export const ANY = '*';
