// Chinese word segmentation and the dictionary knowledge that goes with it.
// nodejieba is the only module that touches the segmenter; everything else
// asks for words, sub-words, IDF weights and stop words through this file.

import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';

/**
 * Words of a run of Chinese text, in order; they concatenate back to the input.
 * HMM is on: without it unknown names fall apart into characters (刘|力|江).
 */
export function segmentChinese(text: string): string[] {
  return nodejieba.cut(text, true);
}

// Present at run time, missing from nodejieba's typings.
const DICTS = nodejieba as unknown as { DEFAULT_DICT: string; DEFAULT_IDF_DICT: string; DEFAULT_STOP_WORD_DICT: string };

const added = new Set<string>();

/**
 * Teaches the segmenter words the documents themselves introduce (speaker
 * names, organisations), so 刘力江 and 郝文年 stay whole. Uses insertWord,
 * not load({userDict}): a userDict path that does not exist aborts the process.
 */
export function addWords(words: Iterable<string>): void {
  for (const w of words) {
    if (w.length < 2 || added.has(w)) continue;
    added.add(w);
    nodejieba.insertWord(w);
  }
}

export function addedWords(): string[] {
  return [...added];
}

let shortWords: Set<string> | null = null;

/** Two- and three-character words of jieba's dictionary: the sub-words of search granularity. */
function dictionaryShortWords(): Set<string> {
  if (!shortWords) {
    shortWords = new Set();
    for (const line of readFileSync(DICTS.DEFAULT_DICT, 'utf8').split('\n')) {
      const sp = line.indexOf(' ');
      const w = sp < 0 ? line : line.slice(0, sp);
      if (w.length === 2 || w.length === 3) shortWords.add(w);
    }
  }
  return shortWords;
}

/**
 * The dictionary words inside a longer word, as jieba's cutForSearch finds
 * them (its 2- and 3-grams that are words), but with their offsets, which
 * cutForSearch does not give: 招商引资 → 招商@0, 引资@2.
 */
export function subWords(word: string): Array<{ word: string; at: number }> {
  const out: Array<{ word: string; at: number }> = [];
  if (word.length < 3) return out;
  const dict = dictionaryShortWords();
  for (const n of word.length > 3 ? [2, 3] : [2]) {
    for (let i = 0; i + n <= word.length; i++) {
      const w = word.slice(i, i + n);
      if (dict.has(w)) out.push({ word: w, at: i });
    }
  }
  return out;
}

let idfTable: { idf: Map<string, number>; average: number } | null = null;

function idfs(): { idf: Map<string, number>; average: number } {
  if (!idfTable) {
    const idf = new Map<string, number>();
    let sum = 0;
    for (const line of readFileSync(DICTS.DEFAULT_IDF_DICT, 'utf8').split('\n')) {
      const sp = line.lastIndexOf(' ');
      if (sp <= 0) continue;
      const v = Number(line.slice(sp + 1));
      idf.set(line.slice(0, sp), v);
      sum += v;
    }
    idfTable = { idf, average: idf.size ? sum / idf.size : 10 };
  }
  return idfTable;
}

/** jieba's inverse document frequency for a word; unknown words get the average, as jieba's extractor does. */
export function inverseDocumentFrequency(word: string): number {
  const t = idfs();
  return t.idf.get(word) ?? t.average;
}

let stops: Set<string> | null = null;

export function isStopWord(word: string): boolean {
  stops ??= new Set(readFileSync(DICTS.DEFAULT_STOP_WORD_DICT, 'utf8').split('\n').map((s) => s.trim()));
  return stops.has(word);
}
