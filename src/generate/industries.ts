/**
 * Leading industries (主导产业) of poverty-alleviated counties, with where
 * they grow and which chain stages their needs fall on. The weights are
 * plausible, not statistics: tea in 贵州/云南/四川, cattle and sheep on the
 * grasslands of 内蒙古/甘肃/青海/宁夏/西藏/新疆, apples and kiwi in 陕西, and
 * so on, so that a generated county reads like a real application.
 */
import { DEFAULT_STAGES } from '../model/vocabulary.js';

/** A default chain stage (canonical English name from vocabulary.ts). */
export type Stage = (typeof DEFAULT_STAGES)[number];

/** Relative weights of the nine default stages for one kind of industry. */
export type StageProfile = Readonly<Record<Stage, number>>;

/** One leading industry. */
export interface IndustryInfo {
  /** The industry's name as it appears in needs and skills (Chinese, e.g. 茶叶). */
  readonly name: string;
  /** English gloss, for descriptions. */
  readonly english: string;
  /** Word used in enterprise and association names (e.g. 茶业 for 茶叶). */
  readonly tradeWord: string;
  /** Weight of the industry in every county-holding province, before regional weights. */
  readonly base: number;
  /** Extra weight by province (short name); an entry of 0 forbids the industry there (e.g. 生猪 in 新疆). */
  readonly regions: Readonly<Record<string, number>>;
  /** Which stages its needs and skills fall on. */
  readonly stages: StageProfile;
  /** The stages a required need of this industry takes, in order of preference. */
  readonly coreStages: readonly [Stage, Stage];
  /**
   * A specialised field with few experts nationally (养蜂, 青稞, 蚕桑, 花椒):
   * the `scarcity` knob thins its experts, national ones most, which is what
   * makes a few counties hard.
   */
  readonly rare: boolean;
}

const stageProfile = (
  production: number, processing: number, preservation: number, storageTransport: number, branding: number,
  planning: number, market: number, training: number, transfer: number,
): StageProfile => ({
  production, processing, preservation, 'storage-transport': storageTransport, branding, planning, market, training, transfer,
});

/** Field crops and tree crops: production first, then processing. */
const CROP = stageProfile(5, 3, 1.2, 1.5, 2, 0.5, 1, 0.7, 0.6);
/** Fresh produce spoils: preservation and cold-chain transport matter. */
const FRESH = stageProfile(5, 2, 3, 3, 2, 0.5, 1.2, 0.7, 0.5);
/** Livestock: breeding and slaughter/processing, some cold chain. */
const LIVESTOCK = stageProfile(5, 3, 1.2, 1.5, 2, 0.5, 1, 1, 0.8);
/** Rural tourism: planning, brand and market, not processing. */
const TOURISM = stageProfile(0.6, 0.3, 0, 0, 3, 4, 3, 2, 0.3);
/** Niche specialities (honey, silk): production and processing dominate. */
const SPECIALTY = stageProfile(5, 3.5, 0.8, 0.8, 2, 0.4, 1, 0.8, 0.6);

const PP: readonly [Stage, Stage] = ['production', 'processing'];

/** The industries of the generator, in a fixed order (the order of every weighted draw over them). */
export const INDUSTRIES: readonly IndustryInfo[] = [
  {
    name: '茶叶', english: 'tea', tradeWord: '茶业', base: 0, stages: CROP, coreStages: PP, rare: false,
    regions: { 贵州: 6, 云南: 6, 四川: 4, 湖南: 3, 湖北: 4, 安徽: 3, 江西: 3, 广西: 3, 陕西: 2, 重庆: 2, 河南: 1, 西藏: 0.3 },
  },
  {
    name: '牛羊', english: 'cattle and sheep', tradeWord: '牧业', base: 0.5, stages: LIVESTOCK, coreStages: PP, rare: false,
    regions: { 内蒙古: 7, 甘肃: 5, 青海: 7, 宁夏: 6, 西藏: 7, 新疆: 6, 河北: 2, 山西: 2, 吉林: 3, 黑龙江: 3, 四川: 1.5, 云南: 1, 贵州: 1, 广西: 1 },
  },
  {
    name: '水果', english: 'fruit', tradeWord: '果业', base: 2, stages: FRESH, coreStages: PP, rare: false,
    regions: { 陕西: 5, 广西: 4, 新疆: 4, 甘肃: 3, 云南: 3, 河北: 2, 山西: 3, 四川: 3, 江西: 3, 湖南: 2, 湖北: 3, 重庆: 3, 海南: 4, 贵州: 2, 西藏: 0.3 },
  },
  {
    name: '蔬菜', english: 'vegetables', tradeWord: '蔬菜', base: 2.5, stages: FRESH, coreStages: PP, rare: false,
    regions: { 河北: 3, 河南: 3, 甘肃: 3, 宁夏: 3, 贵州: 2, 云南: 3, 湖北: 2, 海南: 3, 西藏: 1 },
  },
  {
    name: '食用菌', english: 'edible fungi', tradeWord: '菌业', base: 0.8, stages: FRESH, coreStages: PP, rare: false,
    regions: { 河南: 3, 河北: 2, 吉林: 2, 黑龙江: 3, 贵州: 3, 陕西: 2, 湖北: 2, 四川: 1.5, 甘肃: 1, 云南: 2 },
  },
  {
    name: '马铃薯', english: 'potato', tradeWord: '薯业', base: 0.3, stages: CROP, coreStages: PP, rare: false,
    regions: { 甘肃: 4, 宁夏: 3, 内蒙古: 3, 贵州: 2, 云南: 2, 河北: 1.5, 山西: 1.5, 青海: 2, 陕西: 1.5, 四川: 1 },
  },
  {
    name: '中药材', english: 'medicinal herbs', tradeWord: '药业', base: 1, stages: CROP, coreStages: PP, rare: false,
    regions: { 甘肃: 4, 云南: 3, 贵州: 3, 四川: 3, 吉林: 3, 安徽: 2, 湖北: 2, 陕西: 2, 青海: 2, 重庆: 2, 河北: 1.5, 山西: 2, 西藏: 1 },
  },
  {
    name: '辣椒', english: 'chili', tradeWord: '辣椒', base: 0.2, stages: CROP, coreStages: PP, rare: false,
    regions: { 贵州: 5, 湖南: 3, 四川: 2, 重庆: 3, 河南: 2, 云南: 2, 陕西: 1, 新疆: 1 },
  },
  {
    name: '乡村旅游', english: 'rural tourism', tradeWord: '文旅', base: 1.5, stages: TOURISM, coreStages: ['planning', 'market'], rare: false,
    regions: { 西藏: 2, 云南: 2.5, 贵州: 2, 广西: 2, 海南: 3, 湖南: 1.5, 四川: 1.5, 江西: 1.5, 重庆: 1.5 },
  },
  {
    name: '核桃', english: 'walnut', tradeWord: '核桃', base: 0, stages: CROP, coreStages: PP, rare: false,
    regions: { 云南: 3, 陕西: 2, 四川: 1.5, 新疆: 2, 山西: 2, 甘肃: 2, 河北: 1, 贵州: 0.8, 西藏: 0.5 },
  },
  {
    name: '花椒', english: 'Sichuan pepper', tradeWord: '花椒', base: 0, stages: SPECIALTY, coreStages: PP, rare: true,
    regions: { 陕西: 2, 四川: 2, 甘肃: 2, 重庆: 1.5, 云南: 1, 山西: 0.5, 贵州: 0.5, 青海: 0.5 },
  },
  {
    name: '养蜂', english: 'beekeeping', tradeWord: '蜂业', base: 0.3, stages: SPECIALTY, coreStages: PP, rare: true,
    regions: { 四川: 0.4, 甘肃: 0.4, 吉林: 0.5, 陕西: 0.3, 云南: 0.3, 湖北: 0.3, 新疆: 0.3 },
  },
  {
    name: '生猪', english: 'pigs', tradeWord: '养殖', base: 1, stages: LIVESTOCK, coreStages: PP, rare: false,
    regions: {
      四川: 3, 湖南: 2.5, 河南: 2.5, 重庆: 2, 广西: 2, 江西: 2, 贵州: 1.5, 云南: 1.5, 湖北: 1.5, 安徽: 1.5, 河北: 1, 黑龙江: 1.5, 吉林: 1,
      新疆: 0, 宁夏: 0, 青海: 0, 西藏: 0,
    },
  },
  {
    name: '小杂粮', english: 'minor grains', tradeWord: '杂粮', base: 0.2, stages: CROP, coreStages: PP, rare: false,
    regions: { 山西: 3, 河北: 2, 内蒙古: 2, 陕西: 2, 宁夏: 1.5, 甘肃: 1.5, 吉林: 1 },
  },
  {
    name: '青稞', english: 'highland barley', tradeWord: '青稞', base: 0, stages: CROP, coreStages: PP, rare: true,
    regions: { 西藏: 3, 青海: 1.5, 甘肃: 0.3, 四川: 0.3 },
  },
  {
    name: '油茶', english: 'oil tea camellia', tradeWord: '油茶', base: 0, stages: CROP, coreStages: PP, rare: false,
    regions: { 江西: 3, 湖南: 3, 广西: 2, 贵州: 1, 安徽: 0.5, 湖北: 0.5, 河南: 0.3, 海南: 0.5 },
  },
  {
    name: '蚕桑', english: 'sericulture', tradeWord: '丝绸', base: 0, stages: SPECIALTY, coreStages: PP, rare: true,
    regions: { 广西: 1.5, 四川: 0.8, 重庆: 0.8, 陕西: 0.5, 云南: 0.5, 安徽: 0.3 },
  },
  {
    name: '水产养殖', english: 'aquaculture', tradeWord: '渔业', base: 0.3, stages: FRESH, coreStages: PP, rare: false,
    regions: { 湖北: 2, 安徽: 2, 江西: 1.5, 湖南: 1.5, 广西: 1, 海南: 1.5, 黑龙江: 0.8, 西藏: 0, 青海: 0.2 },
  },
  {
    name: '棉花', english: 'cotton', tradeWord: '棉业', base: 0, stages: CROP, coreStages: PP, rare: false,
    regions: { 新疆: 3, 河北: 0.3 },
  },
  {
    name: '枸杞', english: 'goji', tradeWord: '枸杞', base: 0, stages: CROP, coreStages: PP, rare: false,
    regions: { 宁夏: 4, 青海: 2, 甘肃: 1, 新疆: 0.5, 内蒙古: 0.5 },
  },
];

const BY_NAME: ReadonlyMap<string, IndustryInfo> = new Map(INDUSTRIES.map((x) => [x.name, x]));

/** The industry with this name; throws on an unknown one (a generator bug). */
export function industryByName(name: string): IndustryInfo {
  const info = BY_NAME.get(name);
  if (info === undefined) throw new RangeError(`unknown industry '${name}'`);
  return info;
}

/**
 * How likely each industry is to be a leading industry of a county of
 * `province`, in the order of `INDUSTRIES`: the base weight plus the
 * regional one, or 0 where the table forbids it.
 */
export function industryWeights(province: string): number[] {
  return INDUSTRIES.map((info) => {
    const regional = info.regions[province];
    if (regional === 0) return 0;
    return info.base + (regional ?? 0);
  });
}

/** The stage weights of an industry in the order of `DEFAULT_STAGES`. */
export function stageWeights(industry: IndustryInfo): number[] {
  return DEFAULT_STAGES.map((stage) => industry.stages[stage]);
}
