// Topics come from whole words: jieba's search mode adds the dictionary's
// pieces of every longer word (澳大利亚 → 大利, 利亚, 澳大利), and a piece is
// not a subject.

import { describe, expect, it } from 'vitest';
import { keywords, wholeWordCounts } from '../../src/analysis/keywords.js';
import { indexTokens } from '../../src/analysis/tokenize.js';
import { HAS_SHARED, realEngine, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';
import { judgePiece } from '../helpers/topicPieces.js';
import { heldTexts } from '../../src/index/texts.js';

describe('keywords', () => {
  it('counts a word only where it stood as a whole word, not as a piece of a longer one', () => {
    const counts = wholeWordCounts(indexTokens('澳大利亚和巴基斯坦发表联合声明。澳大利亚总理访问巴基斯坦。'));
    expect(counts.get('澳大利亚')).toBe(2);
    expect(counts.get('巴基斯坦')).toBe(2);
    for (const piece of ['澳大利', '大利', '巴基斯', '基斯坦', '合声']) expect(counts.get(piece) ?? 0, piece).toBe(0);
  });

  it('keeps a short word that also stands alone beside the longer words holding it', () => {
    // 招商 stands alone once and inside 招商引资 twice.
    const counts = wholeWordCounts(indexTokens('招商引资，招商引资，还要招商。'));
    expect(counts.get('招商引资')).toBe(2);
    expect(counts.get('招商')).toBe(1);
  });

  it('never makes a piece of a longer word a keyword', () => {
    const words = keywords(indexTokens('澳大利亚、巴基斯坦和加拿大就乌克兰问题发表联合声明，澳大利亚、加拿大、乌克兰'), 6);
    expect(words).toEqual(expect.arrayContaining(['澳大利亚', '加拿大', '乌克兰']));
    for (const piece of ['澳大利', '加拿', '克兰', '基斯坦', '合声']) expect(words).not.toContain(piece);
  });
});

describe.skipIf(!HAS_SHARED)('topics over the 116 real Foreign Ministry transcripts and the seed', () => {
  it('has at most 2% pieces of longer words among the 200 most frequent topics (judged by their neighbours in the text)', async () => {
    const engine = await realEngine();
    const texts = engine.docs.map((_, i) => heldTexts(engine.texts).text(i));
    const top = [...engine.topics].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).slice(0, 200);
    const pieces = top.map(([t]) => judgePiece(t, texts)).filter((v) => v.piece);
    // 21 of 200 before topics were taken from whole words and grown per document; issue 13 allows 2%.
    expect(pieces.length, pieces.map((p) => `${p.topic} (${p.neighbour} ${Math.round(p.share * 100)}%)`).join(', ')).toBeLessThanOrEqual(4);
  });
});

if (!HAS_SHARED) console.warn(`keywords: ${SHARED_SKIP_MESSAGE}`);
