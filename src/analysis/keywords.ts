// Keywords of a passage by TF-IDF with jieba's own IDF table and stop words
// (what nodejieba.extract computes), from the index terms we already have, so
// the text is not segmented a second time. Search-granularity terms repeat the
// parts of long words (招商引资, 招商, 引资): a keyword that contains or is
// contained in a better one is dropped.

import { inverseDocumentFrequency, isStopWord } from './segment.js';

const NUMERIC = /^[\d.,%‰]/u;

export function keywords(terms: readonly string[], top: number): string[] {
  const tf = new Map<string, number>();
  for (const t of terms) {
    if (t.length < 2 || NUMERIC.test(t) || /^[a-z]/u.test(t) || isStopWord(t)) continue;
    tf.set(t, (tf.get(t) ?? 0) + 1);
  }
  const ranked = [...tf]
    .map(([word, n]) => ({ word, weight: n * inverseDocumentFrequency(word) }))
    .sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1));
  const out: string[] = [];
  for (const { word } of ranked) {
    if (out.some((k) => k.includes(word) || word.includes(k))) continue;
    out.push(word);
    if (out.length === top) break;
  }
  return out;
}
