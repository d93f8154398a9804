// The rules that make one entry of an outlet written several ways, as data:
// aliases.ts applies them, the corpus folder's aliases.tsv adds groups. An
// outlet's name only; people are joined by script (唐鳳/唐凤) and by the
// groups users write, never by these prefixes.

export interface AliasRules {
  /** Marks around a title (《北京青年报》): not part of the name. */
  marks: RegExp;
  /** Prefixes dropped from any outlet: a channel of the China Media Group is the channel (总台CGTN is CGTN). */
  alwaysDrop: readonly string[];
  /**
   * Prefixes dropped only when what is left is an outlet written elsewhere in the corpus or in a
   * group: 日本共同社 is 共同社 there, but 日本电视台 is not some "电视台".
   */
  dropWhenKnown: readonly string[];
  /** Names of one outlet no prefix rule joins, the canonical name first. */
  groups: ReadonlyArray<readonly string[]>;
}

const COUNTRIES = [
  '日本', '韩国', '朝鲜', '美国', '英国', '法国', '德国', '俄罗斯', '土耳其', '印度', '印度尼西亚', '印尼',
  '巴基斯坦', '孟加拉国', '西班牙', '葡萄牙', '意大利', '荷兰', '比利时', '瑞士', '瑞典', '挪威', '芬兰', '丹麦',
  '波兰', '乌克兰', '希腊', '加拿大', '澳大利亚', '新西兰', '新加坡', '马来西亚', '泰国', '越南', '菲律宾',
  '伊朗', '伊拉克', '以色列', '埃及', '沙特', '阿联酋', '卡塔尔', '巴西', '阿根廷', '墨西哥', '古巴',
  '哈萨克斯坦', '乌兹别克斯坦', '蒙古', '南非', '尼日利亚', '肯尼亚',
];
/** Places that head an outlet's name the way a country does (香港中评社 is 中评社). */
const PLACES = ['香港', '澳门', '台湾'];

export const ALIAS_RULES: AliasRules = {
  marks: /[《》〈〉「」『』“”"]/gu,
  alwaysDrop: ['中央广播电视总台', '总台'],
  dropWhenKnown: [...COUNTRIES, ...PLACES, '央视'],
  groups: [
    ['中国国际电视台', 'CGTN', '中国环球电视网'],
    ['阿纳多卢通讯社', '安纳多卢通讯社', '阿纳多卢社'],
    ['日本广播协会', 'NHK', 'NHK电视台'],
    ['日本电视台', '日本电视网'],
    ['天空新闻台', '天空新闻频道'],
    ['湖北广播电视台', '湖北广电'],
  ],
};
