import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { createPassageIndex, matchAll, matchAllByFlexSearch, matchAmong } from '../../src/index/embedded/passageIndex.js';
import { listsOf } from '../../src/index/embedded/postings.js';
import { indexTokens } from '../../src/analysis/tokenize.js';
import { bodyOf, CORPUS, filesFrom, FIXTURES, memory } from '../helpers/corpora.js';
import { random } from '../../bench/random.js';

let engine: Engine;
let vocabulary: string[][];

beforeAll(async () => {
  engine = await buildIndex(filesFrom({ '': CORPUS, mfa: `${FIXTURES}/mfa` }), { threads: 0 });
  vocabulary = [...engine.passages].map((p) => indexTokens(bodyOf(engine, p)));
}, 120_000);

describe('matchAll', () => {
  it('lists the same passages in the same order as FlexSearch itself, for terms of one passage, of two, and absent ones', () => {
    const rand = random(4242);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const size = engine.passages.length;
    let nonEmpty = 0;
    for (let i = 0; i < 3000; i++) {
      const own = pick(vocabulary.filter((v) => v.length > 0));
      const other = pick(vocabulary.filter((v) => v.length > 0));
      const k = 1 + Math.floor(rand() * 4);
      const terms = Array.from({ length: k }, (_, j) => (j === 3 && rand() < 0.3 ? pick(other) : pick(own)));
      if (rand() < 0.05) terms.push('不在索引里的词');
      if (rand() < 0.1) terms.push(terms[0]!); // a repeated term
      const limit = rand() < 0.8 ? size : 1 + Math.floor(rand() * 20);
      const ours = matchAll(memory(engine).lists.words, terms, limit);
      expect(Array.from(ours), terms.join(' ')).toEqual(matchAllByFlexSearch(memory(engine).index!, terms, limit));
      if (ours.length) nonEmpty++;
    }
    // The comparison means something only if most queries match passages.
    expect(nonEmpty).toBeGreaterThan(2000);
  });

  it('matchAmong keeps exactly matchAll\'s passages of a given set, in matchAll\'s order, whichever way it computes them', () => {
    const rand = random(777);
    const pick = <T>(xs: T[]): T => xs[Math.floor(rand() * xs.length)]!;
    const words = memory(engine).lists.words;
    const size = engine.passages.length;
    let probed = 0;
    let nonEmpty = 0;
    for (let i = 0; i < 2000; i++) {
      const own = pick(vocabulary.filter((v) => v.length > 0));
      const terms = Array.from({ length: 1 + Math.floor(rand() * 4) }, () => pick(own));
      if (rand() < 0.2) terms.push(pick(pick(vocabulary.filter((v) => v.length > 0))));
      const all = matchAll(words, terms, size);
      // A set of a few passages (as a phrase narrows a query to) or of many; some matching, some not, in any order.
      const n = rand() < 0.7 ? 1 + Math.floor(rand() * 20) : Math.floor(rand() * size);
      const among = Array.from({ length: n }, () => (all.length && rand() < 0.5 ? pick(Array.from(all)) : Math.floor(rand() * size)));
      const inAmong = new Set(among);
      const expected = Array.from(all).filter((id) => inAmong.has(id));
      expect(Array.from(matchAmong(words, terms, Uint32Array.from(among))), terms.join(' ')).toEqual(expected);
      if (n <= 20) probed++;
      if (expected.length) nonEmpty++;
    }
    expect(probed).toBeGreaterThan(1000);
    expect(nonEmpty).toBeGreaterThan(800);
  });

  it('finds passages added after an earlier query', () => {
    const index = createPassageIndex();
    index.add({ id: 0, words: '营商\u0001环境', speaker: [], topic: [], kind: 'answer', doc: 'a' });
    expect(Array.from(matchAll(listsOf(index).words, ['营商', '环境'], 10))).toEqual([0]);
    index.add({ id: 5000, words: '营商\u0001环境', speaker: [], topic: [], kind: 'answer', doc: 'b' });
    expect(Array.from(matchAll(listsOf(index).words, ['营商', '环境'], 10))).toEqual([0, 5000]);
  });

  it('returns nothing for no terms or a term no passage holds', () => {
    expect(Array.from(matchAll(memory(engine).lists.words, [], 10))).toEqual([]);
    expect(Array.from(matchAll(memory(engine).lists.words, ['营商', '不在索引里的词'], 10))).toEqual([]);
  });
});
