/**
 * Organizations of the expert pool: national institutes and universities,
 * provincial academies, prefecture and county bodies, enterprises and rural
 * technical associations (农技协), each with an organization type from
 * `ORG_TYPES`. Experts cluster in a few large organizations per province, as
 * in a real pool, so the S4 limit ("at most 3 members from one
 * organization") sometimes binds.
 */
import type { OrgType } from '../model/vocabulary.js';
import { citiesOf, provinceByName } from './geography.js';
import { INDUSTRIES } from './industries.js';
import { looseCountyName } from './names.js';
import type { Rng } from './random.js';

/** One organization. */
export interface Organization {
  /** Display name, e.g. 中国农业科学院茶叶研究所. */
  readonly name: string;
  /** Organization type (ORG_TYPES). */
  readonly type: OrgType;
  /** Relative size: how many of the province's experts of its level work there. */
  readonly weight: number;
  /** Industries it is known for; an expert of one of them is drawn there more often. */
  readonly tags: readonly string[];
}

const org = (name: string, type: OrgType, weight: number, tags: readonly string[] = []): Organization => ({ name, type, weight, tags });

/** Organizations that employ national-level experts, by province (most of them in 北京). */
const NATIONAL_ORGS: Readonly<Record<string, readonly Organization[]>> = {
  北京: [
    org('中国农业科学院蜜蜂研究所', 'institute', 2, ['养蜂']),
    org('中国农业科学院农产品加工研究所', 'institute', 5, ['马铃薯', '小杂粮', '水果', '蔬菜', '牛羊']),
    org('中国农业科学院蔬菜花卉研究所', 'institute', 4, ['蔬菜', '辣椒']),
    org('中国农业科学院北京畜牧兽医研究所', 'institute', 4, ['牛羊', '生猪']),
    org('中国农业科学院作物科学研究所', 'institute', 4, ['马铃薯', '小杂粮', '青稞']),
    org('中国农业科学院农业资源与农业区划研究所', 'institute', 3, ['食用菌']),
    org('中国农业科学院农业经济与发展研究所', 'institute', 2, ['乡村旅游']),
    org('中国农业大学', 'university', 7),
    org('北京林业大学', 'university', 3, ['核桃', '花椒', '油茶']),
    org('中国中医科学院中药资源中心', 'institute', 2, ['中药材']),
    org('中国科学院地理科学与资源研究所', 'institute', 2, ['乡村旅游']),
    org('中国农学会', 'national-society', 2),
    org('中国园艺学会', 'national-society', 1, ['水果', '蔬菜']),
    org('中国畜牧兽医学会', 'national-society', 1, ['牛羊', '生猪']),
    org('中国养蜂学会', 'national-society', 1, ['养蜂']),
    org('中国食用菌协会', 'national-society', 1, ['食用菌']),
    org('中国中药协会', 'national-society', 1, ['中药材']),
    org('中粮集团有限公司', 'enterprise', 1),
  ],
  天津: [org('天津农学院', 'university', 2), org('天津市农业科学院', 'institute', 2, ['蔬菜'])],
  河北: [org('河北农业大学', 'university', 3, ['核桃', '小杂粮'])],
  山西: [org('山西农业大学', 'university', 3, ['小杂粮'])],
  内蒙古: [org('中国农业科学院草原研究所', 'institute', 3, ['牛羊']), org('内蒙古农业大学', 'university', 2, ['牛羊', '马铃薯'])],
  辽宁: [org('中国农业科学院果树研究所', 'institute', 3, ['水果']), org('沈阳农业大学', 'university', 2, ['水果', '食用菌'])],
  吉林: [org('中国农业科学院特产研究所', 'institute', 3, ['中药材', '养蜂']), org('吉林农业大学', 'university', 2, ['食用菌'])],
  黑龙江: [org('东北农业大学', 'university', 3, ['牛羊', '马铃薯', '生猪'])],
  上海: [org('上海交通大学', 'university', 2, ['食用菌', '水产养殖']), org('上海海洋大学', 'university', 1, ['水产养殖'])],
  江苏: [
    org('南京农业大学', 'university', 5, ['蔬菜', '生猪', '茶叶']),
    org('中国农业科学院蚕业研究所', 'institute', 2, ['蚕桑']),
    org('江南大学', 'university', 2),
  ],
  浙江: [
    org('浙江大学', 'university', 4, ['茶叶', '蔬菜']),
    org('中国农业科学院茶叶研究所', 'institute', 3, ['茶叶']),
    org('中国茶叶学会', 'national-society', 1, ['茶叶']),
  ],
  安徽: [org('安徽农业大学', 'university', 3, ['茶叶'])],
  福建: [org('福建农林大学', 'university', 3, ['茶叶', '食用菌', '养蜂'])],
  江西: [org('江西农业大学', 'university', 2, ['油茶', '水果'])],
  山东: [org('山东农业大学', 'university', 3, ['蔬菜', '水果']), org('青岛农业大学', 'university', 2, ['花椒'])],
  河南: [org('中国农业科学院郑州果树研究所', 'institute', 3, ['水果']), org('河南农业大学', 'university', 2, ['食用菌', '辣椒'])],
  湖北: [
    org('华中农业大学', 'university', 5, ['生猪', '水产养殖', '茶叶', '水果']),
    org('中国农业科学院油料作物研究所', 'institute', 2, ['油茶']),
  ],
  湖南: [org('湖南农业大学', 'university', 3, ['辣椒', '油茶', '生猪', '茶叶'])],
  广东: [org('华南农业大学', 'university', 4, ['水果', '生猪', '蚕桑'])],
  广西: [org('广西大学', 'university', 2, ['蚕桑', '水果'])],
  海南: [org('中国热带农业科学院', 'institute', 3, ['水果', '乡村旅游'])],
  重庆: [org('西南大学', 'university', 3, ['蚕桑', '水果']), org('中国农业科学院柑桔研究所', 'institute', 2, ['水果'])],
  四川: [org('四川农业大学', 'university', 3, ['生猪', '茶叶', '花椒'])],
  贵州: [org('贵州大学', 'university', 2, ['辣椒', '茶叶', '食用菌'])],
  云南: [org('云南农业大学', 'university', 2, ['茶叶', '中药材', '马铃薯']), org('中国科学院昆明植物研究所', 'institute', 1, ['中药材'])],
  西藏: [org('西藏农牧学院', 'university', 1, ['青稞', '牛羊'])],
  陕西: [org('西北农林科技大学', 'university', 6, ['水果', '核桃', '花椒', '牛羊'])],
  甘肃: [org('中国农业科学院兰州畜牧与兽药研究所', 'institute', 3, ['牛羊']), org('兰州大学', 'university', 2, ['牛羊', '中药材'])],
  青海: [org('青海大学', 'university', 1, ['青稞', '牛羊', '马铃薯'])],
  宁夏: [org('宁夏大学', 'university', 1, ['枸杞', '牛羊'])],
  新疆: [org('新疆农业大学', 'university', 1, ['棉花', '水果']), org('石河子大学', 'university', 1, ['棉花'])],
};

/** The main agricultural university of each province, for its provincial-level experts. */
const PROVINCIAL_UNIVERSITIES: Readonly<Record<string, string>> = {
  北京: '北京农学院', 天津: '天津农学院', 河北: '河北农业大学', 山西: '山西农业大学', 内蒙古: '内蒙古农业大学',
  辽宁: '沈阳农业大学', 吉林: '吉林农业大学', 黑龙江: '东北农业大学', 上海: '上海交通大学', 江苏: '扬州大学',
  浙江: '浙江农林大学', 安徽: '安徽农业大学', 福建: '福建农林大学', 江西: '江西农业大学', 山东: '山东农业大学',
  河南: '河南农业大学', 湖北: '华中农业大学', 湖南: '湖南农业大学', 广东: '华南农业大学', 广西: '广西大学',
  海南: '海南大学', 重庆: '西南大学', 四川: '四川农业大学', 贵州: '贵州大学', 云南: '云南农业大学',
  西藏: '西藏农牧学院', 陕西: '西北农林科技大学', 甘肃: '甘肃农业大学', 青海: '青海大学', 宁夏: '宁夏大学', 新疆: '新疆农业大学',
};

/** Enterprise name parts: a brand-like word and a legal form. */
const BRANDS = ['绿源', '丰源', '金穗', '华农', '康源', '润农', '天润', '兴农', '益农', '富民', '山水', '田园'];
const LEGAL_FORMS = ['有限公司', '集团有限公司', '股份有限公司'];

/**
 * Organizations by province and level, built on demand and cached. The
 * enterprises' names are random, each province from its own stream, so the
 * catalog is the same whatever order it is asked in.
 */
export class OrganizationCatalog {
  private readonly rng: Rng;
  private readonly cache = new Map<string, readonly Organization[]>();

  /** @param rng the stream enterprise and county names are drawn from (forked per province) */
  constructor(rng: Rng) {
    this.rng = rng;
  }

  /** Organizations employing national-level experts in `province` (its university when none is listed). */
  national(province: string): readonly Organization[] {
    return this.cached(`national/${province}`, () => {
      const listed = NATIONAL_ORGS[province];
      if (listed !== undefined && listed.length > 0) return listed;
      return [org(PROVINCIAL_UNIVERSITIES[province] ?? `${provinceByName(province).fullName}农业科学院`, 'university', 1)];
    });
  }

  /** Provincial-level organizations: the academy, the university, the provincial CAST bodies, a few enterprises. */
  provincial(province: string): readonly Organization[] {
    return this.cached(`provincial/${province}`, () => {
      const info = provinceByName(province);
      const rng = this.rng.fork(`enterprises/${province}`);
      const orgs: Organization[] = [
        org(`${info.fullName}农业科学院`, 'institute', 6),
        org(PROVINCIAL_UNIVERSITIES[province] ?? `${info.name}农业大学`, 'university', 5),
        org(`${info.fullName}畜牧兽医研究所`, 'institute', 1.5, ['牛羊', '生猪', '养蜂']),
        org(`${info.fullName}科学技术协会`, 'association', 1),
        org(`${info.fullName}农村专业技术协会`, 'agritech', 1.5),
        org(`${info.fullName}农业技术推广总站`, 'association', 2),
      ];
      for (let i = 0; i < 3; i++) {
        const industry = rng.pick(INDUSTRIES);
        orgs.push(org(`${info.name}${rng.pick(BRANDS)}${industry.tradeWord}${rng.pick(LEGAL_FORMS)}`, 'enterprise', 1, [industry.name]));
      }
      return dedupe(orgs);
    });
  }

  /** Municipal organizations of one city or prefecture. */
  municipal(province: string, city: string): readonly Organization[] {
    return this.cached(`municipal/${province}/${city}`, () => {
      const rng = this.rng.fork(`enterprises/${province}/${city}`);
      const industry = rng.pick(INDUSTRIES);
      return dedupe([
        org(`${city}农业科学研究院`, 'institute', 3),
        org(`${city}农业技术推广中心`, 'association', 3),
        org(`${city}科学技术协会`, 'association', 1),
        org(`${city}职业技术学院`, 'university', 1),
        org(`${city}农村专业技术协会`, 'agritech', 1),
        org(`${city}${rng.pick(BRANDS)}${industry.tradeWord}有限公司`, 'enterprise', 1, [industry.name]),
      ]);
    });
  }

  /** County-level organizations of a county (named `countyName`), where local scientists work. */
  county(countyName: string, industries: readonly string[] = []): readonly Organization[] {
    return this.cached(`county/${countyName}`, () => {
      const rng = this.rng.fork(`enterprises/${countyName}`);
      const main = INDUSTRIES.find((x) => x.name === industries[0]) ?? rng.pick(INDUSTRIES);
      const stem = countyName.slice(0, -1);
      return dedupe([
        org(`${countyName}农业技术推广中心`, 'association', 4),
        org(`${countyName}科学技术协会`, 'association', 1),
        org(`${countyName}${main.tradeWord}协会`, 'agritech', 2, [main.name]),
        org(`${stem}${rng.pick(BRANDS)}${main.tradeWord}有限公司`, 'enterprise', 1.5, [main.name]),
      ]);
    });
  }

  /** A county-level organization somewhere in `province` when no generated county is at hand. */
  looseCounty(province: string, rng: Rng): readonly Organization[] {
    const info = provinceByName(province);
    const style = info.nameStyle;
    // A handful of fixed county names per province, so such experts still share organizations.
    const names = this.cachedNames(province, () => {
      const local = this.rng.fork(`loose/${province}`);
      return Array.from({ length: 6 }, () => looseCountyName(local, style));
    });
    return this.county(rng.pick(names));
  }

  /** A random city of the province (a prefecture, or a listed city). */
  city(province: string, rng: Rng): string {
    return rng.pick(citiesOf(provinceByName(province)));
  }

  private readonly names = new Map<string, readonly string[]>();
  private cachedNames(key: string, make: () => readonly string[]): readonly string[] {
    let hit = this.names.get(key);
    if (hit === undefined) {
      hit = make();
      this.names.set(key, hit);
    }
    return hit;
  }

  private cached(key: string, make: () => readonly Organization[]): readonly Organization[] {
    let hit = this.cache.get(key);
    if (hit === undefined) {
      hit = make();
      this.cache.set(key, hit);
    }
    return hit;
  }
}

/** Drops a repeated name (two random enterprises may collide), keeping the first. */
function dedupe(orgs: readonly Organization[]): Organization[] {
  const seen = new Set<string>();
  return orgs.filter((o) => (seen.has(o.name) ? false : (seen.add(o.name), true)));
}

/**
 * One organization from `orgs`, by weight, six times likelier when it is
 * known for `industry` (a tea scientist works at the tea institute).
 */
export function chooseOrganization(rng: Rng, orgs: readonly Organization[], industry: string): Organization {
  const weights = orgs.map((o) => (o.tags.length === 0 ? o.weight : o.tags.includes(industry) ? o.weight * 6 : o.weight * 0.3));
  return rng.weighted(orgs, weights);
}
