/**
 * Plausible Chinese names: counties built from syllables in the style of
 * their region (Han two-character names, transliterated Tibetan and Uyghur
 * names, Mongolian banners 旗), and people's names from common surnames.
 * None of them is meant to be a real place or person.
 */
import type { Rng } from './random.js';

/** Naming style of a region (see `ProvinceInfo.nameStyle`). */
export type NameStyle = 'han' | 'tibetan' | 'uyghur' | 'mongol';

const HAN_FIRST = [...new Set('安宁平永长兴德福泰和昌清新东西南北龙凤云山石白青黄金玉华阳川江河湖溪桃柳松桂兰梅竹宣庆丰宝汉秦洛岚临武文灵通绥靖镇宜嘉广沅湘黔蜀陇岷渭泾汾沂泗淮颍潢商罗麻英通崇仁鹤凌乐巫奉彭酉秀綦涪沙会盐镇屏雷施建恩来咸利鄂竹房郧丹紫旬岚宕徽礼舟漳渭')];
const HAN_SECOND = [...new Set('安平宁阳城山江川水源泉溪州乐昌化德林丰远定兴和康泽峰岭台坪谷原津口河西东南中陵县滨关岗阳门沟坝庄溪塘桥堡寨铺源垣邑都江浦亭陂陉')];
const TIBETAN = [...new Set('拉萨日喀则昌都林芝那曲阿里墨竹工卡达孜尼木堆龙德庆当雄定结仲巴嘎岗吉隆聂谢通门白朗仁布亚康马类乌齐丁青察雅八宿左贡芒洛边坝米波密隅错浪子扎囊桑琼措美加查比如荣多申索班戈玛普兰札噶尔土革改勤')];
const UYGHUR = [...new Set('阿克苏喀什疏附勒英吉沙泽普莎车叶城麦盖提岳湖伽师巴楚塔和田墨玉皮山洛浦策于民丰乌恰图木舒柯坪温宿拜新库瓦尼特斯察布查尔霍乃哈河福海托里裕额敏伊吾')];
const MONGOL = [...new Set('科尔沁右翼前后中扎赉特突泉阿鲁巴林左克什腾翁牛喀喇敖汉库伦奈曼察哈四子王化德商都兴和卓资凉太仆寺镶黄正蓝多苏尼武川清水格宁达茂杭锦准')];

const SURNAMES = [...new Set('王李张刘陈杨黄赵吴周徐孙马朱胡郭何高林罗郑梁谢宋唐许韩冯邓曹彭曾肖田董袁潘于蒋蔡余杜叶程苏魏吕丁任沈姚卢姜崔钟谭陆汪范金石廖贾夏韦付方白邹孟熊秦邱江尹薛闫段雷侯龙史陶黎贺顾毛郝龚邵万钱严覃武戴莫孔向汤')];
/** Common surnames come first in `SURNAMES`: weights fall off so 王/李/张 are frequent and 汤 rare. */
const SURNAME_WEIGHTS = SURNAMES.map((_, i) => 1 / (1 + i * 0.08));
const GIVEN = [...'伟芳娜敏静丽强磊军洋勇艳杰娟涛明超秀霞平刚桂英华玉兰萍建国红梅飞鹏辉志文斌宇浩凯雪琳晨阳海波宁峰欣然佳丹俊林立新光荣春燕云龙昊婷雨晓亮博'];
const TIBETAN_GIVEN = ['扎西', '次仁', '卓玛', '格桑', '索朗', '达瓦', '拉巴', '尼玛', '旦增', '央金', '平措', '洛桑', '多吉', '白玛', '德吉', '巴桑', '普布', '边巴'];
const UYGHUR_GIVEN = ['艾买提', '吐尔逊', '阿不都', '买买提', '热合曼', '阿依古丽', '古丽努尔', '努尔', '艾力', '帕提古丽', '玉苏甫', '依明', '阿迪力', '热依拉'];

function syllables(rng: Rng, pool: readonly string[], min: number, max: number): string {
  const n = rng.int(min, max);
  let out = '';
  for (let i = 0; i < n; i++) out += rng.pick(pool);
  return out;
}

/** A raw county name in the given style (suffix included), not yet checked for uniqueness. */
function countyNameOnce(rng: Rng, style: NameStyle, long: boolean): string {
  switch (style) {
    case 'tibetan':
      return `${syllables(rng, TIBETAN, long ? 3 : 2, long ? 4 : 3)}县`;
    case 'uyghur':
      return `${syllables(rng, UYGHUR, long ? 3 : 2, 4)}县`;
    case 'mongol':
      // Most counties of Inner Mongolia's pastoral leagues are banners (旗).
      return rng.chance(0.6) ? `${syllables(rng, MONGOL, long ? 3 : 2, 4)}旗` : `${hanStem(rng, long)}县`;
    case 'han':
      // A few poverty-alleviated counties are county-level cities (县级市).
      return `${hanStem(rng, long)}${rng.chance(0.05) ? '市' : '县'}`;
  }
}

function hanStem(rng: Rng, long: boolean): string {
  return long ? `${rng.pick(HAN_FIRST)}${rng.pick(HAN_FIRST)}${rng.pick(HAN_SECOND)}` : `${rng.pick(HAN_FIRST)}${rng.pick(HAN_SECOND)}`;
}

/**
 * A county name not yet in `taken` (which it then joins). Two-character
 * names first, as most real ones are; after a few collisions it moves to
 * three characters so that ten national replicas (6,720 names) still finish
 * quickly.
 */
export function uniqueCountyName(rng: Rng, style: NameStyle, taken: Set<string>): string {
  for (let attempt = 0; ; attempt++) {
    const name = countyNameOnce(rng, style, attempt >= 8);
    // Doubled characters (安安县) read like a typo; refuse them.
    if (name[0] === name[1]) continue;
    if (!taken.has(name)) {
      taken.add(name);
      return name;
    }
    if (attempt > 200) throw new Error('could not find a fresh county name (name space exhausted)');
  }
}

/** A plausible county name for organization names of provinces without generated counties; may repeat. */
export function looseCountyName(rng: Rng, style: NameStyle): string {
  return countyNameOnce(rng, style, false);
}

/** A person's name; in Tibet and Xinjiang often in the local style (达瓦次仁, 艾买提·吐尔逊). */
export function personName(rng: Rng, style: NameStyle): string {
  if (style === 'tibetan' && rng.chance(0.6)) return `${rng.pick(TIBETAN_GIVEN)}${rng.pick(TIBETAN_GIVEN)}`;
  if (style === 'uyghur' && rng.chance(0.5)) return `${rng.pick(UYGHUR_GIVEN)}·${rng.pick(UYGHUR_GIVEN)}`;
  const surname = rng.weighted(SURNAMES, SURNAME_WEIGHTS);
  return rng.chance(0.6) ? `${surname}${rng.pick(GIVEN)}${rng.pick(GIVEN)}` : `${surname}${rng.pick(GIVEN)}`;
}
