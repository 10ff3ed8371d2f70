/**
 * The provinces of a national round: the 22 provinces with poverty-alleviated
 * counties (DESIGN section 4), the 8 eastern partner provinces of East–West
 * pairing (东西部协作), and 辽宁, the one mainland province that is neither,
 * whose experts still sit in the national pool.
 *
 * Province names are the short Chinese names (四川, 内蒙古) used in the
 * `province` field of counties, experts and pairings alike, so that a
 * pairing row and an expert row compare equal without any normalisation.
 */

/** Where a province stands in the round. */
export type Region = 'west' | 'central' | 'east' | 'other';

/** One province of the table. */
export interface ProvinceInfo {
  /** Short Chinese name, the `province` field everywhere (e.g. 四川). */
  readonly name: string;
  /** Full name used in organization names (e.g. 四川省, 广西壮族自治区). */
  readonly fullName: string;
  /** English name, for descriptions and tests. */
  readonly english: string;
  /** The two leading digits of its administrative codes (GB/T 2260), e.g. `51` for 四川. */
  readonly code: string;
  /** `west`/`central` provinces have counties; `east` provinces are pairing partners; `other` neither. */
  readonly region: Region;
  /**
   * Prefectures (地市) with the number of eligible counties in each; the
   * counts add up to the province's eligible total of DESIGN section 4.
   */
  readonly prefectures: readonly (readonly [name: string, eligible: number])[];
  /** Cities that host municipal organizations when the prefectures are not cities (e.g. 海南's 省直辖). */
  readonly cities?: readonly string[];
  /** Province-level eastern partners (empty for central provinces, 西藏, 新疆 and 甘肃, whose pairings are county-level). */
  readonly eastPartners: readonly string[];
  /** Relative share of the national-level experts working in the province (北京 hosts most national institutes). */
  readonly nationalHub: number;
  /** County naming style (see names.ts). */
  readonly nameStyle: 'han' | 'tibetan' | 'uyghur' | 'mongol';
}

/** 甘肃 is paired county by county (DESIGN section 4): counties of these prefectures with 山东, the rest with 天津. */
export const GANSU_SHANDONG_PREFECTURES: readonly string[] = ['陇南市', '定西市', '临夏州'];

/** Prefectures whose counties are named in the Tibetan style even though the province is not 西藏. */
export const TIBETAN_PREFECTURES: readonly string[] = ['甘孜州', '阿坝州', '甘南州', '海北州', '黄南州', '海南州', '果洛州', '玉树州'];

const p = (
  name: string, fullName: string, english: string, code: string, region: Region,
  prefectures: readonly (readonly [string, number])[], eastPartners: readonly string[], nationalHub: number,
  nameStyle: ProvinceInfo['nameStyle'] = 'han', cities?: readonly string[],
): ProvinceInfo => (cities === undefined
  ? { name, fullName, english, code, region, prefectures, eastPartners, nationalHub, nameStyle }
  : { name, fullName, english, code, region, prefectures, eastPartners, nationalHub, nameStyle, cities });

/**
 * Every province of the generator, in code order. Eligible county counts
 * follow DESIGN section 4 (832 poverty-alleviated counties minus the 160 key
 * assistance counties: 672); their split over prefectures is plausible, not
 * official.
 */
export const PROVINCES: readonly ProvinceInfo[] = [
  p('北京', '北京市', 'Beijing', '11', 'east', [], [], 30, 'han', ['海淀区', '朝阳区', '昌平区', '顺义区', '通州区']),
  p('天津', '天津市', 'Tianjin', '12', 'east', [], [], 1, 'han', ['西青区', '武清区', '宝坻区', '静海区']),
  p('河北', '河北省', 'Hebei', '13', 'central', [
    ['张家口市', 10], ['承德市', 7], ['保定市', 9], ['石家庄市', 3], ['邢台市', 6], ['邯郸市', 4], ['衡水市', 3], ['沧州市', 3],
  ], [], 1),
  p('山西', '山西省', 'Shanxi', '14', 'central', [
    ['忻州市', 10], ['吕梁市', 7], ['临汾市', 6], ['大同市', 5], ['朔州市', 2], ['长治市', 2], ['晋中市', 2], ['运城市', 2],
  ], [], 1),
  p('内蒙古', '内蒙古自治区', 'Inner Mongolia', '15', 'west', [
    ['赤峰市', 6], ['兴安盟', 4], ['通辽市', 3], ['乌兰察布市', 5], ['锡林郭勒盟', 2], ['呼和浩特市', 1],
  ], ['北京'], 2, 'mongol'),
  p('辽宁', '辽宁省', 'Liaoning', '21', 'other', [], [], 2, 'han', ['沈阳市', '大连市', '锦州市', '朝阳市']),
  p('吉林', '吉林省', 'Jilin', '22', 'central', [['白城市', 3], ['延边州', 3], ['松原市', 2]], [], 2),
  p('黑龙江', '黑龙江省', 'Heilongjiang', '23', 'central', [
    ['齐齐哈尔市', 6], ['绥化市', 5], ['佳木斯市', 3], ['黑河市', 2], ['哈尔滨市', 2], ['双鸭山市', 2],
  ], [], 2),
  p('上海', '上海市', 'Shanghai', '31', 'east', [], [], 3, 'han', ['浦东新区', '闵行区', '松江区', '崇明区']),
  p('江苏', '江苏省', 'Jiangsu', '32', 'east', [], [], 6, 'han', ['南京市', '苏州市', '无锡市', '扬州市', '徐州市']),
  p('浙江', '浙江省', 'Zhejiang', '33', 'east', [], [], 5, 'han', ['杭州市', '宁波市', '温州市', '湖州市', '金华市']),
  p('安徽', '安徽省', 'Anhui', '34', 'central', [['阜阳市', 5], ['六安市', 5], ['安庆市', 5], ['宿州市', 3], ['亳州市', 2]], [], 1),
  p('福建', '福建省', 'Fujian', '35', 'east', [], [], 2, 'han', ['福州市', '厦门市', '泉州市', '漳州市']),
  p('江西', '江西省', 'Jiangxi', '36', 'central', [['赣州市', 11], ['吉安市', 6], ['上饶市', 4], ['抚州市', 2], ['萍乡市', 1]], [], 1),
  p('山东', '山东省', 'Shandong', '37', 'east', [], [], 4, 'han', ['济南市', '青岛市', '烟台市', '潍坊市', '临沂市']),
  p('河南', '河南省', 'Henan', '41', 'central', [
    ['周口市', 5], ['驻马店市', 7], ['信阳市', 8], ['南阳市', 5], ['商丘市', 4], ['洛阳市', 5], ['三门峡市', 1], ['濮阳市', 2], ['开封市', 1],
  ], [], 3),
  p('湖北', '湖北省', 'Hubei', '42', 'central', [
    ['恩施州', 8], ['十堰市', 7], ['黄冈市', 7], ['宜昌市', 3], ['孝感市', 2], ['襄阳市', 1],
  ], [], 5),
  p('湖南', '湖南省', 'Hunan', '43', 'central', [
    ['湘西州', 8], ['怀化市', 10], ['邵阳市', 7], ['永州市', 4], ['张家界市', 3], ['郴州市', 3], ['娄底市', 3], ['益阳市', 2],
  ], [], 3),
  p('广东', '广东省', 'Guangdong', '44', 'east', [], [], 4, 'han', ['广州市', '深圳市', '佛山市', '东莞市', '湛江市']),
  p('广西', '广西壮族自治区', 'Guangxi', '45', 'west', [
    ['河池市', 2], ['百色市', 3], ['崇左市', 2], ['来宾市', 2], ['柳州市', 1], ['桂林市', 2], ['贺州市', 1],
  ], ['广东'], 1),
  p('海南', '海南省', 'Hainan', '46', 'central', [['省直辖', 5]], [], 1, 'han', ['海口市', '三亚市', '儋州市']),
  p('重庆', '重庆市', 'Chongqing', '50', 'west', [['重庆市', 10]], ['山东'], 2),
  p('四川', '四川省', 'Sichuan', '51', 'west', [
    ['巴中市', 5], ['广元市', 5], ['南充市', 7], ['达州市', 6], ['广安市', 3], ['乐山市', 3], ['宜宾市', 2], ['泸州市', 2],
    ['甘孜州', 4], ['阿坝州', 3], ['凉山州', 1],
  ], ['浙江'], 4),
  p('贵州', '贵州省', 'Guizhou', '52', 'west', [
    ['毕节市', 5], ['铜仁市', 7], ['遵义市', 8], ['黔东南州', 8], ['黔南州', 8], ['黔西南州', 4], ['六盘水市', 2], ['安顺市', 4],
  ], ['广东'], 1),
  p('云南', '云南省', 'Yunnan', '53', 'west', [
    ['昭通市', 4], ['曲靖市', 6], ['文山州', 5], ['红河州', 7], ['普洱市', 7], ['临沧市', 6], ['大理州', 8], ['楚雄州', 7],
    ['丽江市', 3], ['保山市', 4], ['德宏州', 2], ['怒江州', 2],
  ], ['上海'], 2),
  p('西藏', '西藏自治区', 'Tibet', '54', 'west', [
    ['拉萨市', 8], ['日喀则市', 18], ['昌都市', 11], ['林芝市', 7], ['山南市', 12], ['那曲市', 11], ['阿里地区', 7],
  ], [], 0.3, 'tibetan'),
  p('陕西', '陕西省', 'Shaanxi', '61', 'west', [
    ['延安市', 7], ['榆林市', 7], ['汉中市', 8], ['安康市', 7], ['商洛市', 4], ['宝鸡市', 4], ['渭南市', 4], ['咸阳市', 3], ['铜川市', 1],
  ], ['江苏'], 6),
  p('甘肃', '甘肃省', 'Gansu', '62', 'west', [
    ['兰州市', 2], ['白银市', 2], ['天水市', 4], ['武威市', 2], ['张掖市', 1], ['平凉市', 4], ['庆阳市', 5], ['定西市', 3],
    ['陇南市', 4], ['临夏州', 3], ['甘南州', 4], ['酒泉市', 1],
  ], [], 3),
  p('青海', '青海省', 'Qinghai', '63', 'west', [
    ['西宁市', 2], ['海东市', 4], ['海北州', 3], ['黄南州', 3], ['海南州', 4], ['果洛州', 4], ['玉树州', 4], ['海西州', 3],
  ], ['江苏'], 0.5),
  p('宁夏', '宁夏回族自治区', 'Ningxia', '64', 'west', [['固原市', 1], ['吴忠市', 1], ['中卫市', 1]], ['福建'], 0.5),
  p('新疆', '新疆维吾尔自治区', 'Xinjiang', '65', 'west', [
    ['喀什地区', 8], ['和田地区', 6], ['阿克苏地区', 4], ['克孜勒苏州', 4], ['伊犁州', 4], ['塔城地区', 2], ['阿勒泰地区', 2], ['哈密市', 2],
  ], [], 1, 'uyghur'),
];

const BY_NAME: ReadonlyMap<string, ProvinceInfo> = new Map(PROVINCES.map((info) => [info.name, info]));

/** The provinces with poverty-alleviated counties (west and central), in code order. */
export const COUNTY_PROVINCES: readonly ProvinceInfo[] = PROVINCES.filter((x) => x.region === 'west' || x.region === 'central');

/** The eastern partner provinces (北京, 天津, 上海, 江苏, 浙江, 福建, 山东, 广东). */
export const EAST_PROVINCES: readonly string[] = PROVINCES.filter((x) => x.region === 'east').map((x) => x.name);

/** Total eligible counties of a list of provinces (672 for all of them). */
export function eligibleCount(province: ProvinceInfo): number {
  let n = 0;
  for (const [, count] of province.prefectures) n += count;
  return n;
}

/** The province with this short Chinese name; throws on an unknown name, listing the known ones. */
export function provinceByName(name: string): ProvinceInfo {
  const info = BY_NAME.get(name);
  if (info === undefined) {
    throw new RangeError(`unknown province '${name}'; known: ${PROVINCES.map((x) => x.name).join(', ')}`);
  }
  return info;
}

/**
 * The eastern partners of a county of `province` in `prefecture` (H6):
 * 甘肃's county-level pairings by prefecture, else the province's pairings;
 * none for central provinces, 西藏 and 新疆 (counterpart aid, no quota).
 */
export function eastPartnersOf(province: string, prefecture: string): readonly string[] {
  if (province === '甘肃') return GANSU_SHANDONG_PREFECTURES.includes(prefecture) ? ['山东'] : ['天津'];
  return provinceByName(province).eastPartners;
}

/** The cities whose names municipal organizations carry (the prefectures unless the table names cities). */
export function citiesOf(province: ProvinceInfo): readonly string[] {
  return province.cities ?? province.prefectures.map(([name]) => name);
}
