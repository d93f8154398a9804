import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { normalize } from '../../src/analysis/normalize.js';
import { addWords } from '../../src/analysis/segment.js';
import { analyze, indexTokens } from '../../src/analysis/tokenize.js';
import { keywords } from '../../src/analysis/keywords.js';

const terms = (s: string) => indexTokens(s);

describe('analyze and indexTokens', () => {
  it('keeps names the documents introduce whole once taught: 刘力江, 郝文年, 张成琦', () => {
    addWords(['刘力江', '郝文年', '张成琦']);
    expect(terms('刘力江说')).toContain('刘力江');
    expect(terms('郝文年介绍')).toContain('郝文年');
    expect(terms('主任张成琦表示')).toContain('张成琦');
  });

  it('keeps numbers and percentages whole: 2023, 49.58%, 327.35亿元', () => {
    const t = terms('2023年，落实省外到位资金327.35亿元、同比增长49.58%');
    expect(t).toEqual(expect.arrayContaining(['2023', '49.58', '49.58%', '327.35', '327.35亿元', '亿元']));
    expect(t).not.toContain('49');
    expect(t).not.toContain('58');
  });

  it('gives search-granularity sub-words, so 招商 is a term of 招商局 and 招商引资', () => {
    expect(terms('招商局')).toEqual(expect.arrayContaining(['招商局', '招商']));
    expect(terms('招商引资')).toEqual(expect.arrayContaining(['招商引资', '招商', '引资']));
  });

  it('drops white space and punctuation tokens', () => {
    for (const t of terms('你好， 世界！ “引号”')) expect(t).toMatch(/^[\p{L}\p{N}%‰.]+$/u);
  });

  it('reads 2,000 as 2000', () => {
    expect(terms('2,000余个')).toEqual(expect.arrayContaining(['2000', '2000余个']));
  });

  it('gives offsets into the original text, also after a character outside the BMP', () => {
    const text = '𠮷野家的郝文年说';
    for (const t of analyze(text)) {
      if (t.kind === 'word') expect(text.slice(t.start, t.end)).toBe(t.term);
    }
  });

  it('analyzes Traditional text like Simplified text', () => {
    expect(analyze('營商環境')).toEqual(analyze('营商环境'));
    expect(terms('營商環境')).toEqual(terms('营商环境'));
  });

  it('gives a text and its normalized form the same index terms (the analysis segments normalized bodies)', () => {
    const unit = fc.constantFrom('營', '商', '環', '境', '优', '化', '招', '商', '引', '資', '發', '展', '，', '。', 'Ａ', 'b', '１', '2', '.', '5', '%', '𠮷', ' ', '\u3000');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 30 }), (text) => {
        expect(indexTokens(normalize(text))).toEqual(indexTokens(text));
      }),
      { numRuns: 300 },
    );
  });
});

describe('keywords', () => {
  it('ranks by jieba TF-IDF and skips stop words, numbers and single characters', () => {
    const k = keywords(indexTokens('大力发展夜间经济，夜间经济带动消费，消费的的的，2023年'), 2);
    expect(k).toContain('夜间');
    expect(k).not.toContain('的');
    expect(k.some((w) => /\d/u.test(w))).toBe(false);
  });

  it('drops a keyword that overlaps a better one (招商引资 and its part 招商)', () => {
    const k = keywords(indexTokens('招商引资，招商引资，招商引资'), 3);
    expect(k.filter((w) => w.includes('招商'))).toHaveLength(1);
  });
});
