// Topics chosen per document: keywords grown into the subjects the document
// writes whole, the document's own setting left out, an answer sharing its
// exchange's topic.

import { beforeAll, describe, expect, it } from 'vitest';
import { encodeNeighbours, type KeywordCandidate } from '../../src/analysis/keywords.js';
import type { Engine } from '../../src/index/engine.js';
import { documentTopics, type TopicContext } from '../../src/analysis/topics.js';
import { seedEngine } from '../helpers/corpora.js';

let seed: Engine;
beforeAll(async () => {
  seed = await seedEngine();
});

const allTopics = (e: Engine) => new Set([...e.passages].flatMap((p) => p.topics));

describe('topics of the seed', () => {
  it('leaves out the document\'s own place, where its officials\' organisations begin (张掖, 张掖市)', () => {
    const topics = allTopics(seed);
    expect(topics.has('张掖')).toBe(false);
    expect(topics.has('张掖市')).toBe(false);
  });

  it('grows a keyword the document always writes beside the same word (营商 → 营商环境)', () => {
    const topics = allTopics(seed);
    expect(topics.has('营商环境')).toBe(true);
    expect(topics.has('营商')).toBe(false);
  });

  it('gives an answer the topics of the question it answers', () => {
    let answers = 0;
    for (const p of seed.passages) {
      if (p.kind !== 'answer' || p.exchange === null) continue;
      const question = seed.passages.at(p.gid - p.n + seed.catalog.exchanges(p.doc)[p.exchange]!.question)!;
      const asked = question.topics.filter((t) => t !== question.heading);
      expect(p.topics, `p${p.n}`).toEqual(expect.arrayContaining(asked));
      if (asked.length) answers++;
    }
    expect(answers).toBeGreaterThan(5);
  });
});

/** A one-statement document with no officials or askers. */
const ONE: TopicContext = { passages: [{ kind: 'statement', heading: null, question: -1 }], officialOrgs: [], outlets: [] };

/** The topics of a one-passage document whose only candidate is `word`, with these words after it. */
function single(word: string, after: Array<[string, string]>): string[] {
  const c: KeywordCandidate = { word, n: after.length, after: encodeNeighbours(after), before: encodeNeighbours(after.map(() => ['', ''])) };
  return documentTopics(ONE, [[c]])[0]!;
}

describe('documentTopics', () => {
  it('grows a word that always stands before the same words, by one or two of them', () => {
    expect(single('营商', [['环境', '建设'], ['环境', '优化']])).toEqual(['营商环境']);
    expect(single('核污染', [['水排', '海'], ['水排', '海']])).toEqual(['核污染水排海']);
  });

  it('does not grow a dictionary word seen once, but grows across a cut the segmenter guessed', () => {
    expect(single('夜间', [['经济', '']])).toEqual(['夜间']);
    // 水排 is in no dictionary: jieba guessed that cut.
    expect(single('核污染', [['水排', '海']])).toEqual(['核污染水排海']);
  });

  it('never gives a title as a topic (外长, 国务委员): it says who, not what about', () => {
    expect(single('外长', [['王毅', ''], ['王毅', '']])).toEqual([]);
    expect(single('国务委员', [['兼', '外长'], ['兼', '外长']])).toEqual([]);
  });

  it('never grows by a function word, a briefing\'s boilerplate or a title before a name', () => {
    expect(single('成效', [['了', '哪些'], ['了', '哪些']])).toEqual(['成效']);
    expect(single('台湾', [['问题', ''], ['问题', '']])).toEqual(['台湾']);
    const before = (word: string, b: Array<[string, string]>) =>
      documentTopics(ONE, [[{ word, n: b.length, after: encodeNeighbours(b.map(() => ['', ''])), before: encodeNeighbours(b) }]])[0]!;
    expect(before('佩恩', [['外长', '澳大利亚'], ['外长', '澳大利亚']])).toEqual(['佩恩']);
    expect(before('林肯', [['布', '国务卿'], ['布', '国务卿']])).toEqual(['布林肯']);
  });
});
