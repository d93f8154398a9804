// The one analyzer, for indexing and for queries: normalize → segment → classify.
// Tokens keep their offsets into the text they came from (normalization is
// length-preserving, so these are offsets into the original too).

import { normalize } from './normalize.js';
import { segmentChinese, segmentForSearch } from './segment.js';
import { numberTerm, unitAt } from './figures.js';

export type TokenKind = 'word' | 'number' | 'figure' | 'latin';

export interface Token {
  term: string;
  kind: TokenKind;
  /** UTF-16 offsets into the analyzed text. */
  start: number;
  end: number;
}

/** Bump when tokens change: an index built by another analyzer version is rebuilt. */
export const ANALYZER_VERSION = 2;

const HAN = '\\u3400-\\u4dbf\\u4e00-\\u9fff\\uf900-\\ufaff';
const ASTRAL_HAN = '\\u{20000}-\\u{3134f}';
const TOKEN = new RegExp(
  [
    // a number, with decimals or thousands separators, and a percent sign
    `(\\d+(?:[.,]\\d+)*)(%|‰)?`,
    `([a-z]+(?:'[a-z]+)?)`,
    `([${HAN}${ASTRAL_HAN}]+)`,
  ].join('|'),
  'gu',
);

/** Tokens of a text with their offsets: what a query is made of. */
export function analyze(text: string): Token[] {
  const norm = normalize(text);
  const tokens: Token[] = [];
  for (const m of norm.matchAll(TOKEN)) {
    const at = m.index;
    if (m[1] !== undefined) {
      const num = numberTerm(m[1]);
      tokens.push({ term: num, kind: 'number', start: at, end: at + m[1].length });
      // The unit's characters are still segmented as words after this.
      const unit = m[2] ?? unitAt(norm, at + m[0].length);
      if (unit) tokens.push({ term: num + unit, kind: 'figure', start: at, end: at + m[1].length + unit.length });
    } else if (m[3] !== undefined) {
      tokens.push({ term: m[3], kind: 'latin', start: at, end: at + m[3].length });
    } else if (m[4] !== undefined) {
      let pos = at;
      for (const word of segmentChinese(m[4])) {
        tokens.push({ term: word, kind: 'word', start: pos, end: pos + word.length });
        pos += word.length;
      }
    }
  }
  return tokens;
}

/**
 * Terms of a text for the index, repeated as often as they occur: the same
 * tokens as analyze() plus search-granularity sub-words, so 招商 finds 招商局.
 */
export function indexTokens(text: string): string[] {
  const norm = normalize(text);
  const terms: string[] = [];
  for (const m of norm.matchAll(TOKEN)) {
    if (m[1] !== undefined) {
      const num = numberTerm(m[1]);
      terms.push(num);
      const unit = m[2] ?? unitAt(norm, m.index + m[0].length);
      if (unit) terms.push(num + unit);
    } else if (m[3] !== undefined) {
      terms.push(m[3]);
    } else if (m[4] !== undefined) {
      for (const w of segmentForSearch(m[4])) terms.push(w);
    }
  }
  return terms;
}
