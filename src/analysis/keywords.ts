// Keywords of a passage by TF-IDF with jieba's own IDF table and stop words
// (what nodejieba.extract computes), taken from tokens we already have, so the
// text is not segmented a second time.

import { inverseDocumentFrequency, isStopWord } from './segment.js';
import type { Token } from './tokenize.js';

export function keywords(tokens: Token[], top: number): string[] {
  const tf = new Map<string, number>();
  for (const t of tokens) {
    if (t.kind !== 'word' || t.term.length < 2 || isStopWord(t.term)) continue;
    tf.set(t.term, (tf.get(t.term) ?? 0) + 1);
  }
  return [...tf]
    .map(([word, n]) => ({ word, weight: n * inverseDocumentFrequency(word) }))
    .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1))
    .slice(0, top)
    .map((k) => k.word);
}
