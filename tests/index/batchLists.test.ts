// A batch's lists gathered document by document as the analyses arrive
// (src/index/postgres/batchLists.ts), read back as the writer reads them.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PassageAnalysis } from '../../src/analysis/analyzePassage.js';
import { bigramKeys, bigramPlaces } from '../../src/analysis/ngrams.js';
import { countOccurrences, matchForm } from '../../src/analysis/normalize.js';
import { TERM_SEPARATOR } from '../../src/analysis/tokenize.js';
import type { IndexedPassage } from '../../src/index/engine.js';
import { BatchLists } from '../../src/index/postgres/batchLists.js';
import { LIST_FIELD, SLOT_BITS } from '../../src/index/postgres/schema.js';

/** A passage's analysis as the threads give it: terms joined, its compact body's bigrams and their places. */
function analysis(terms: string[], compact: string, topics: string[] = []): PassageAnalysis {
  const grams = bigramKeys(compact);
  return { terms: terms.join(TERM_SEPARATOR), topics, compact, grams, places: bigramPlaces(compact, grams) };
}

/** The fields BatchLists reads of a parsed passage. */
function passage(n: number, kind: IndexedPassage['kind'], speaker?: string): IndexedPassage {
  return { n, kind, speaker: speaker ? { name: speaker } : undefined } as IndexedPassage;
}

/** Each word's passages (keys) and tfs, by the word. */
function wordLists(lists: BatchLists): Map<string, { keys: number[]; tfs: number[] }> {
  const out = new Map<string, { keys: number[]; tfs: number[] }>();
  for (const [id, entries, tfs] of lists.words.lists()) out.set(lists.termIds.terms[id]!, { keys: [...entries].map((e) => e >> SLOT_BITS), tfs: [...tfs] });
  return out;
}

describe('a batch of the PostgreSQL lists, gathered as documents arrive', () => {
  it('numbers each document’s passages on from the key the batch before leaves, in the order the documents arrive', () => {
    const lists = new BatchLists(1000, 1 << 20);
    expect(lists.add([passage(1, 'answer'), passage(2, 'answer')], [analysis(['发展'], '发展'), analysis(['合作'], '合作')])).toBe(1000);
    expect(lists.add([], [])).toBe(1002);
    expect(lists.add([passage(1, 'question')], [analysis(['发展'], '推动发展')])).toBe(1002);
    expect(lists.nextKey).toBe(1003);
    expect([...lists.compactLengths]).toEqual([2, 2, 4]);
    expect(wordLists(lists).get('发展')!.keys).toEqual([1000, 1002]);
  });

  it('gives a word the times its match form stands in each compact body, a sub-word and a character outside the BMP included', () => {
    const lists = new BatchLists(1, 1 << 20);
    lists.add([passage(1, 'answer')], [analysis(['中国', '中国人', '𠮷野'], '中国人民和中国人𠮷野𠮷野𠮷野')]);
    const words = wordLists(lists);
    expect(words.get('中国')!.tfs).toEqual([2]);
    expect(words.get('中国人')!.tfs).toEqual([2]);
    expect(words.get('𠮷野')!.tfs).toEqual([3]);
  });

  it('counts a word’s match form in the body as a search of it would, from its bigram’s places or not, past the first 255 units too', () => {
    // Few units, so that bigrams repeat and overlap (哈哈哈), after a filler of others that puts their first places
    // past the 255 units a first place is kept for; every form of one and two of them is a word.
    const units = ['中', '哈', '𠮷', 'a'];
    const words = [...units, ...units.flatMap((x) => units.map((y) => x + y))];
    const filler = fc.nat(400).map((n) => '国人'.repeat(n).slice(0, n));
    const longer = fc.array(fc.constantFrom(...units), { minLength: 3, maxLength: 4 }).map((u) => u.join(''));
    fc.assert(
      fc.property(filler, fc.array(fc.constantFrom(...units), { maxLength: 300, size: 'medium' }), fc.uniqueArray(longer, { maxLength: 10 }), (head, tail, more) => {
        const compact = head + tail.join('');
        const terms = [...new Set([...words, ...more])];
        const lists = new BatchLists(1, 1 << 10);
        lists.add([passage(1, 'answer')], [analysis(terms, compact)]);
        const tfs = wordLists(lists);
        for (const t of terms) expect([t, tfs.get(t)!.tfs]).toEqual([t, [Math.min(countOccurrences(compact, matchForm(t)), 255)]]);
      }),
    );
  });

  it('lists a passage under its topics, its speaker and its kind', () => {
    const lists = new BatchLists(7, 1 << 20);
    lists.add([passage(1, 'question'), passage(2, 'answer', '汪文斌')], [analysis([], '问', ['台湾']), analysis([], '答', ['台湾', '经济'])]);
    const tags = [...lists.tagLists()].map(([field, value, entries]) => [field, value, entries.map((e) => e >> SLOT_BITS)]);
    expect(tags).toEqual([
      [LIST_FIELD.topic, '台湾', [7, 8]],
      [LIST_FIELD.topic, '经济', [8]],
      [LIST_FIELD.speaker, '汪文斌', [8]],
      [LIST_FIELD.kind, 'question', [7]],
      [LIST_FIELD.kind, 'answer', [8]],
    ]);
  });

  it('keeps every entry when a batch holds far more than its text suggested', () => {
    const lists = new BatchLists(1, 0);
    const words = Array.from({ length: 3000 }, (_, i) => `词${i}`);
    for (let d = 0; d < 20; d++) lists.add([passage(1, 'answer')], [analysis(words, words.join(''))]);
    expect(lists.words.size).toBe(60_000);
    expect(wordLists(lists).get('词2999')!.keys).toEqual(Array.from({ length: 20 }, (_, d) => 1 + d));
    // Every bigram of every passage, each with its first place.
    expect(lists.grams.size).toBe(20 * bigramKeys(words.join('')).length);
  });
});
