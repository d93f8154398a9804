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
export const ANALYZER_VERSION = 5;

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

const HAN_RUN = new RegExp(`^[${HAN}${ASTRAL_HAN}]+$`, 'u');

/** Whether a (normalized) string is one run of Chinese: an index term of it is a run of the text it came from. */
export function isHanRun(s: string): boolean {
  return HAN_RUN.test(s);
}

/** Separates terms in the one string per passage that the index receives. */
export const TERM_SEPARATOR = '\u0001';

type Piece =
  | { kind: 'number'; term: string; start: number; end: number; figure: string | null; figureEnd: number }
  | { kind: 'latin'; term: string; start: number; end: number }
  | { kind: 'han'; text: string; start: number };

/** The normalized text cut into numbers, Latin words and runs of Chinese, before segmentation. */
function pieces(text: string): Piece[] {
  const norm = normalize(text);
  const out: Piece[] = [];
  for (const m of norm.matchAll(TOKEN)) {
    const at = m.index;
    if (m[1] !== undefined) {
      const num = numberTerm(m[1]);
      // The unit's characters are still segmented as words after this.
      const unit = m[2] ?? unitAt(norm, at + m[0].length);
      out.push({ kind: 'number', term: num, start: at, end: at + m[1].length, figure: unit ? num + unit : null, figureEnd: at + m[1].length + unit.length });
    } else if (m[3] !== undefined) {
      out.push({ kind: 'latin', term: m[3], start: at, end: at + m[3].length });
    } else if (m[4] !== undefined) {
      out.push({ kind: 'han', text: m[4], start: at });
    }
  }
  return out;
}

/** The runs of Chinese in a text, for a segmenter that works elsewhere (a worker thread). */
export function chineseRuns(text: string): string[] {
  return pieces(text).flatMap((p) => (p.kind === 'han' ? [p.text] : []));
}

/** Tokens with offsets, given the words of each Chinese run in order (as chineseRuns listed them). */
export function tokensFromCuts(text: string, cuts: readonly string[][]): Token[] {
  const tokens: Token[] = [];
  let run = 0;
  for (const p of pieces(text)) {
    if (p.kind === 'number') {
      tokens.push({ term: p.term, kind: 'number', start: p.start, end: p.end });
      if (p.figure) tokens.push({ term: p.figure, kind: 'figure', start: p.start, end: p.figureEnd });
    } else if (p.kind === 'latin') {
      tokens.push({ term: p.term, kind: 'latin', start: p.start, end: p.end });
    } else {
      let pos = p.start;
      for (const word of cuts[run++] ?? []) {
        tokens.push({ term: word, kind: 'word', start: pos, end: pos + word.length });
        pos += word.length;
      }
    }
  }
  return tokens;
}

/** Tokens of a text with their offsets: what a query is made of. */
export function analyze(text: string): Token[] {
  return tokensFromCuts(text, chineseRuns(text).map(segmentChinese));
}

/**
 * Terms of a text for the index, repeated as often as they occur: the same
 * tokens as analyze() plus search-granularity sub-words, so 招商 finds 招商局.
 */
export function indexTokens(text: string): string[] {
  const terms: string[] = [];
  for (const p of pieces(text)) {
    if (p.kind === 'number') {
      terms.push(p.term);
      if (p.figure) terms.push(p.figure);
    } else if (p.kind === 'latin') terms.push(p.term);
    else for (const w of segmentForSearch(p.text)) terms.push(w);
  }
  return terms;
}
