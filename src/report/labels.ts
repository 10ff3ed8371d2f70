/**
 * Bilingual (Chinese + English) labels of the report: statuses, reason
 * codes, roles, levels, stages, organization types.
 */
import type { ReasonCode, Status } from '../model/schemas.js';
import { ORG_TYPE_ALIASES, STAGE_ALIASES, type Level, type OrgType, type Role } from '../model/vocabulary.js';

/** A label in both languages. */
export interface Bilingual {
  zh: string;
  en: string;
}

/** Each solver status: a title and a plain explanation. */
export const STATUS_LABELS: Readonly<Record<Status, Bilingual & { explainZh: string; explainEn: string }>> = {
  optimal: {
    zh: '已证明最优', en: 'Proven optimal',
    explainZh: '没有任何满足全部硬性规则的方案能匹配更多的县或得到更高的分数；差距为 0。',
    explainEn: 'No set of groups that keeps every hard rule matches more counties or scores higher: the gap is 0.',
  },
  feasible: {
    zh: '可行解', en: 'Feasible',
    explainZh: '每个组都满足全部硬性规则；已证明的上界给出了与最优方案之间最大可能的差距。',
    explainEn: 'Every group keeps every hard rule; the proven upper bound says how much better the best possible result could at most be (the gap).',
  },
  'time-limit': {
    zh: '达到时间限制', en: 'Time limit reached',
    explainZh: '求解在时限内停止，这是到此为止找到的最好的有效方案；差距说明它离最优最多还有多远。',
    explainEn: 'The solver stopped at the time limit; this is the best valid result found by then, and the gap says how far from the best it can at most be.',
  },
  infeasible: {
    zh: '无法匹配', en: 'Infeasible',
    explainZh: '没有一个县能组成满足全部硬性规则的顾问组；下方“未匹配的县”列出每个县的原因。',
    explainEn: 'No county can be given a group that keeps every hard rule; the unmatched counties below give each one\'s reason.',
  },
};

/** Each reason code of an unmatched county. */
export const REASON_LABELS: Readonly<Record<ReasonCode, Bilingual>> = {
  'no-leader-candidate': { zh: '无可任组长的国家级专家', en: 'No national-level leader available' },
  'no-local-scientist': { zh: '无本县推荐的科技工作者', en: 'No local scientist available' },
  'no-east-expert': { zh: '无结对东部省份的专家', en: 'No expert from the paired eastern province' },
  'required-need-uncovered': { zh: '必需需求无人能覆盖', en: 'A required need cannot be covered' },
  'too-few-candidates': { zh: '候选专家不足以成组', en: 'Too few candidates for a group' },
  'no-valid-group': { zh: '即使单独匹配也无法满足全部硬性规则', en: 'No valid group exists even for this county alone' },
  'pinned-infeasible': { zh: '已固定成员无法组成有效组', en: 'Pinned members cannot form a valid group' },
  competition: { zh: '所需专家已被其他县占用', en: 'Experts taken by other counties' },
  'not-solved': { zh: '求解未完成', en: 'Not solved (time limit or engine failure)' },
  'key-county': { zh: '国家乡村振兴重点帮扶县（不在本计划范围）', en: 'National key assistance county (out of scope)' },
  vacancy: { zh: '组内缺员，待补充', en: 'Group kept with a vacancy to fill' },
};

/** Each role label of a member. */
export const ROLE_LABELS: Readonly<Record<Role, Bilingual>> = {
  leader: { zh: '组长', en: 'leader' },
  local: { zh: '本地', en: 'local' },
  east: { zh: '东部', en: 'east' },
  member: { zh: '成员', en: 'member' },
};

/** Each expert level. */
export const LEVEL_LABELS: Readonly<Record<Level, Bilingual>> = {
  national: { zh: '国家级', en: 'national' },
  provincial: { zh: '省级', en: 'provincial' },
  municipal: { zh: '市级', en: 'municipal' },
  county: { zh: '县级', en: 'county' },
};

/** The first Chinese alias of each value of an alias table (`产业规划` rather than `规划`). */
function firstAliases(aliases: Readonly<Record<string, string>>): ReadonlyMap<string, string> {
  const out = new Map<string, string>();
  for (const [zh, value] of Object.entries(aliases)) if (!out.has(value)) out.set(value, zh);
  return out;
}

const STAGE_ZH = firstAliases(STAGE_ALIASES);
const ORG_TYPE_ZH = firstAliases(ORG_TYPE_ALIASES);

/** A chain stage: its Chinese word (empty for a stage outside the default vocabulary) and its id. */
export function stageLabel(stage: string): Bilingual {
  return { zh: STAGE_ZH.get(stage) ?? '', en: stage };
}

/** An organization type. */
export function orgTypeLabel(type: OrgType): Bilingual {
  return { zh: ORG_TYPE_ZH.get(type) ?? '', en: type };
}

/**
 * A need key `industry/stage` (as assignments.csv writes it) for people:
 * `茶叶·加工`, the stage's Chinese word when it has one, else its id.
 *
 * @example needKeyLabel('茶叶/processing') // '茶叶·加工'
 */
export function needKeyLabel(key: string): string {
  const at = key.lastIndexOf('/');
  if (at < 0) return key;
  const stage = stageLabel(key.slice(at + 1));
  return `${key.slice(0, at)}·${stage.zh || stage.en}`;
}
