// Keywords of a passage by TF-IDF with jieba's own IDF table and stop words
// (what nodejieba.extract computes), from the index terms we already have, so
// the text is not segmented a second time. Search-granularity terms add the
// dictionary's two- and three-character pieces of every longer word (澳大利亚
// brings 大利, 利亚, 澳大利): a term counts only where it stood as a whole word,
// so 澳大利 and 基斯坦 are never topics; of overlapping keywords only the
// longest is kept, in the place of the best-weighted.

import { inverseDocumentFrequency, isKnownWord, isStopWord } from './segment.js';

const NUMERIC = /^[\d.,%‰]/u;

// The boilerplate of a press conference: in almost every question or answer,
// so never what one is about (你对此有何评论？中方注意到有关报道…).
const BOILERPLATE = new Set(
  '有何 方有何 评论 回应 请问 是否 如何 什么 看法 介绍 发言人 记者 报道 据报道 表示 认为 对此 我们 你们 中方 美方 方面 情况 问题 有关 相关 注意到 近日 日前 进一步 能否 一下 目前 已经 今天 昨天 日前 提到 消息 关注'.split(' '),
);

// A term's IDF, or -1 when it can never be a keyword; a build asks for the same
// few thousand terms millions of times, so the answer is remembered.
const idfOfCandidate = new Map<string, number>();

function candidateIdf(t: string): number {
  let idf = idfOfCandidate.get(t);
  if (idf === undefined) {
    // A word the segmenter glued around a boilerplate word (访有何 from 此访有何) is not a subject either.
    const never = t.length < 2 || NUMERIC.test(t) || /^[a-z]/u.test(t) || BOILERPLATE.has(t) || isStopWord(t) || (t.length > 2 && [...BOILERPLATE].some((b) => t.includes(b)));
    idf = never ? -1 : inverseDocumentFrequency(t);
    idfOfCandidate.set(t, idf);
  }
  return idf;
}

/**
 * How often each term stood as a word of its own. jieba's search mode emits, before each word W
 * longer than two characters, the dictionary words of two and of three characters at each place
 * inside W; so from the longest terms down, each whole word takes back the pieces it brought.
 */
export function wholeWordCounts(terms: readonly string[]): Map<string, number> {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const whole = new Map<string, number>();
  for (const t of [...tf.keys()].sort((a, b) => b.length - a.length)) {
    const n = Math.max(0, tf.get(t)!);
    whole.set(t, n);
    if (n === 0 || t.length <= 2) continue;
    for (let len = 2; len <= 3 && len < t.length; len++) {
      for (let i = 0; i + len <= t.length; i++) {
        const piece = t.slice(i, i + len);
        const k = tf.get(piece);
        if (k !== undefined) tf.set(piece, k - n);
      }
    }
  }
  return whole;
}

export function keywords(terms: readonly string[], top: number): string[] {
  const tf = new Map<string, number>();
  for (const [t, n] of wholeWordCounts(terms)) if (n > 0 && candidateIdf(t) >= 0) tf.set(t, n);
  const ranked: Array<{ word: string; weight: number }> = [];
  for (const [word, n] of tf) ranked.push({ word, weight: n * idfOfCandidate.get(word)! });
  ranked.sort((a, b) => b.weight - a.weight || (a.word < b.word ? -1 : 1));
  const out: string[] = [];
  for (const { word } of ranked) {
    const overlap = out.findIndex((k) => k.includes(word) || word.includes(k));
    // Of a word and its part (高质量, 高质), the whole word is the better topic.
    if (overlap >= 0) {
      if (word.length > out[overlap]!.length) out[overlap] = word;
      continue;
    }
    if (out.length === top) break;
    out.push(word);
  }
  return out;
}

/** A keyword with the words beside each of its occurrences in the passage: what a document-level pass grows it by. */
export interface KeywordCandidate {
  word: string;
  /** Per occurrence in the passage text: the next word and the one after it ('' at a boundary). */
  after: Array<[string, string]>;
  /** Per occurrence: the word before and the one before that. */
  before: Array<[string, string]>;
  /** The word and those neighbours that no dictionary holds: where the segmenter guessed (核污染|水排|海). */
  guessed: string[];
}

/** A word that may join a keyword into a longer subject: not a function word, not the boilerplate of a briefing. */
export function joinsSubject(word: string): boolean {
  return !isStopWord(word) && !BOILERPLATE.has(word);
}

const HAN_CHAR = /^\p{Script=Han}$/u;
const HAN_RUN = /^\p{Script=Han}+$/u;
const LONGEST_NEIGHBOUR = 6;

/**
 * The longest word of jieba's own dictionary that starts (or, backwards, ends) at `at` in `text`,
 * else the one Han character there ('' at punctuation, a space, a digit or the end). The static
 * dictionary, not the passage's terms: the words a process was taught depend on what it indexed
 * before, and a document's topics must not.
 */
function wordAt(text: string, at: number, backwards: boolean): string {
  for (let len = LONGEST_NEIGHBOUR; len >= 2; len--) {
    const from = backwards ? at - len : at;
    if (from < 0 || from + len > text.length) continue;
    const w = text.slice(from, from + len);
    if (HAN_RUN.test(w) && isKnownWord(w)) return w;
  }
  const c = backwards ? text.slice(Math.max(0, at - 1), at) : text.slice(at, at + 1);
  return HAN_CHAR.test(c) ? c : '';
}

/** The passage's keywords (see keywords()) with their neighbours in `text`, the normalized body the terms came from. */
export function keywordCandidates(terms: readonly string[], text: string, top: number): KeywordCandidate[] {
  return keywords(terms, top).map((word) => {
    const after: Array<[string, string]> = [];
    const before: Array<[string, string]> = [];
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
      const a1 = wordAt(text, i + word.length, false);
      after.push([a1, a1 ? wordAt(text, i + word.length + a1.length, false) : '']);
      const b1 = wordAt(text, i, true);
      before.push([b1, b1 ? wordAt(text, i - b1.length, true) : '']);
    }
    const guessed = new Set<string>();
    for (const w of [word, ...after.flat(), ...before.flat()]) if (w && !isKnownWord(w)) guessed.add(w);
    return { word, after, before, guessed: [...guessed] };
  });
}
