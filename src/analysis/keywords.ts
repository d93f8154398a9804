// Keywords of a passage by TF-IDF with jieba's own IDF table and stop words
// (what nodejieba.extract computes), from the index terms we already have, so
// the text is not segmented a second time. Search-granularity terms add the
// dictionary's two- and three-character pieces of every longer word (澳大利亚
// brings 大利, 利亚, 澳大利): a term counts only where it stood as a whole word,
// so 澳大利 and 基斯坦 are never topics; of overlapping keywords only the
// longest is kept, in the place of the best-weighted.

import { inverseDocumentFrequency, isStopWord } from './segment.js';

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
    const never = t.length < 2 || NUMERIC.test(t) || /^[a-z]/u.test(t) || BOILERPLATE.has(t) || isStopWord(t);
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
