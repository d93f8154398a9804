// Figures: a number with its unit, as officials state them — 327.35亿元,
// 2971项, 396万千瓦, 2000余个, 49.58%, 超10.2亿元. One definition serves the
// tokenizer (figures are index terms) and the figures-near-a-subject listing.

// Longest first, so 万千瓦 wins over 千瓦 and 个百分点 over 个.
const UNITS = [
  '个百分点', '百分点', '平方公里', '平方米', '立方米', '千瓦时', '万千瓦', '千瓦', '美元', '欧元', '日元', '英镑', '卢布',
  '人民币', '公里', '千米', '公斤', '千克', '人次', '场次', '架次', '小时', '分钟', '万亩', '万吨', '亿元', '万元',
  '元', '吨', '亩', '个', '项', '户', '家', '人', '名', '场', '次', '件', '宗', '台', '列', '辆', '架', '艘', '所',
  '座', '条', '批', '届', '倍', '年', '月', '日', '天', '周', '岁', '票', '份', '期', '米', '克', '瓦', 'gwh', 'mw', 'kw',
].sort((a, b) => b.length - a.length);

/** Matched right after a number (sticky): the unit with its multipliers and 余/多. */
export const UNIT_AT = new RegExp(`[余多]?[万亿千百]*[余多]?(?:${UNITS.join('|')})`, 'uy');

export const NUMBER = /(\d+(?:[.,]\d+)*)(%|‰)?/gu;

/** `2,000` and `2000` are the same number; `49.58` keeps its decimal point. */
export function numberTerm(raw: string): string {
  return /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/u.test(raw) ? raw.replace(/,/gu, '') : raw;
}

/** The unit following a number that ends at `end` in (normalized) `text`, or '' if none. */
export function unitAt(text: string, end: number): string {
  UNIT_AT.lastIndex = end;
  return UNIT_AT.exec(text)?.[0] ?? '';
}

export interface Figure {
  /** As written: 超10.2亿元. */
  text: string;
  /** 10.2 */
  number: string;
  /** 亿元, %, 余个 */
  unit: string;
  /** 超, 近, 约, 达… or ''. */
  qualifier: string;
  /** UTF-16 offsets into the analyzed text. */
  start: number;
  end: number;
}

const QUALIFIER = /(超过|超|近|约|逾|达到|达|共计|累计|仅|不到|不足|高达)$/u;

/** Figures in a text: numbers that carry a unit or percent sign. Offsets are into `text`. */
export function findFigures(text: string, normalized = text): Figure[] {
  const out: Figure[] = [];
  for (const m of normalized.matchAll(NUMBER)) {
    const numEnd = m.index + m[1]!.length;
    const unit = m[2] ?? unitAt(normalized, numEnd);
    if (!unit) continue;
    const qualifier = QUALIFIER.exec(normalized.slice(Math.max(0, m.index - 2), m.index))?.[1] ?? '';
    const start = m.index - qualifier.length;
    const end = numEnd + unit.length;
    out.push({ text: text.slice(start, end), number: numberTerm(m[1]!), unit, qualifier, start, end });
  }
  return out;
}
