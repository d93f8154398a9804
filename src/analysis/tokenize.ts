// The one analyzer, for indexing and for queries: normalize → segment → classify.
// Tokens keep their offsets into the text they came from (normalization is
// length-preserving, so these are offsets into the original too).

import { normalize } from './normalize.js';
import { segmentChinese, subWords } from './segment.js';

export type TokenKind = 'word' | 'subword' | 'number' | 'figure' | 'latin';

export interface Token {
  term: string;
  kind: TokenKind;
  /** UTF-16 offsets into the analyzed text. */
  start: number;
  end: number;
}

/** Bump when tokens change: an index built by another analyzer version is rebuilt. */
export const ANALYZER_VERSION = 1;

// Units that make a number a figure: 327.35亿元, 2971项, 396万千瓦, 2000余个, 49.58%.
const UNITS = [
  '个百分点', '百分点', '平方公里', '平方米', '立方米', '千瓦时', '万千瓦', '千瓦', '美元', '欧元', '日元', '英镑', '卢布',
  '人民币', '公里', '千米', '公斤', '千克', '人次', '场次', '架次', '小时', '分钟', '万亩', '万吨', '亿元', '万元',
  '元', '吨', '亩', '个', '项', '户', '家', '人', '名', '场', '次', '件', '宗', '台', '列', '辆', '架', '艘', '所',
  '座', '条', '批', '届', '倍', '年', '月', '日', '天', '周', '岁', '票', '份', '期', '米', '克', '瓦', 'gwh', 'mw', 'kw',
].sort((a, b) => b.length - a.length);

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const ASTRAL_HAN = '\\u{20000}-\\u{3134f}';
// Checked right after a number; the unit's characters are still segmented as words.
const UNIT_AT = new RegExp(`[余多]?[万亿千百]*[余多]?(?:${UNITS.join('|')})`, 'uy');
const TOKEN = new RegExp(
  [
    // a number, with decimals or thousands separators, and a percent sign
    `(\\d+(?:[.,]\\d+)*)(%|‰)?`,
    `([a-z]+(?:'[a-z]+)?)`,
    `([${HAN}${ASTRAL_HAN}]+)`,
  ].join('|'),
  'gu',
);

/** `2,000` and `2000` are the same number; `49.58` keeps its decimal point. */
function numberTerm(raw: string): string {
  return /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/u.test(raw) ? raw.replace(/,/gu, '') : raw;
}

export interface AnalyzeOptions {
  /** Add dictionary sub-words of long words (招商引资 → 招商, 引资). On for indexing. */
  subwords?: boolean;
}

export function analyze(text: string, options: AnalyzeOptions = {}): Token[] {
  const norm = normalize(text);
  const tokens: Token[] = [];
  for (const m of norm.matchAll(TOKEN)) {
    const at = m.index;
    if (m[1] !== undefined) {
      const num = numberTerm(m[1]);
      tokens.push({ term: num, kind: 'number', start: at, end: at + m[1].length });
      let unit = m[2];
      if (!unit) {
        UNIT_AT.lastIndex = at + m[0].length;
        unit = UNIT_AT.exec(norm)?.[0];
      }
      if (unit) tokens.push({ term: num + unit, kind: 'figure', start: at, end: at + m[1].length + unit.length });
    } else if (m[3] !== undefined) {
      tokens.push({ term: m[3], kind: 'latin', start: at, end: at + m[3].length });
    } else if (m[4] !== undefined) {
      let pos = at;
      for (const word of segmentChinese(m[4])) {
        tokens.push({ term: word, kind: 'word', start: pos, end: pos + word.length });
        if (options.subwords) {
          for (const s of subWords(word)) {
            tokens.push({ term: s.word, kind: 'subword', start: pos + s.at, end: pos + s.at + s.word.length });
          }
        }
        pos += word.length;
      }
    }
  }
  return tokens;
}

/** Distinct terms of a text, for the index. */
export function indexTerms(text: string): string[] {
  return [...new Set(analyze(text, { subwords: true }).map((t) => t.term))];
}
