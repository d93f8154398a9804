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
    // A word the segmenter glued around a boilerplate word (访有何 from 此访有何) is not a subject either.
    const never = t.length < 2 || NUMERIC.test(t) || /^[a-z]/u.test(t) || BOILERPLATE.has(t) || isStopWord(t) || (t.length > 2 && [...BOILERPLATE].some((b) => t.includes(b)));
    idf = never ? -1 : inverseDocumentFrequency(t);
    idfOfCandidate.set(t, idf);
  }
  return idf;
}

function occurrences(word: string, piece: string): number {
  let n = 0;
  for (let i = word.indexOf(piece); i >= 0; i = word.indexOf(piece, i + 1)) n++;
  return n;
}

/**
 * The terms' counts, and how often a term stood as a word of its own. jieba's search mode emits,
 * before each word W longer than two characters, the dictionary words of two characters at each
 * place inside W, and for W longer than three those of three: a piece's own count is its count
 * less what the longer whole words brought. Asked lazily, of the few terms a passage ranks.
 */
function wholeCounter(terms: readonly string[]): { tf: Map<string, number>; whole: (t: string) => number } {
  const tf = new Map<string, number>();
  for (const t of terms) tf.set(t, (tf.get(t) ?? 0) + 1);
  const long: string[] = [];
  for (const t of tf.keys()) if (t.length > 2) long.push(t);
  const memo = new Map<string, number>();
  const whole = (t: string): number => {
    if (t.length > 3) return tf.get(t) ?? 0;
    let n = memo.get(t);
    if (n !== undefined) return n;
    n = tf.get(t) ?? 0;
    for (const w of long) {
      if (w.length <= t.length || (t.length === 3 && w.length < 4) || !w.includes(t)) continue;
      const k = whole(w);
      if (k > 0) n -= k * occurrences(w, t);
    }
    n = Math.max(0, n);
    memo.set(t, n);
    return n;
  };
  return { tf, whole };
}

/** How often each term stood as a word of its own (every term; keywords() asks only of those it ranks). */
export function wholeWordCounts(terms: readonly string[]): Map<string, number> {
  const { tf, whole } = wholeCounter(terms);
  return new Map([...tf.keys()].map((t) => [t, whole(t)]));
}

type Counter = ReturnType<typeof wholeCounter>;

const better = (a: { word: string; weight: number }, b: { word: string; weight: number }) => a.weight > b.weight || (a.weight === b.weight && a.word < b.word);

function topKeywords({ tf, whole }: Counter, top: number): string[] {
  // The best few by their own count, kept in order as they come: a word whose raw count already
  // weighs no more than the last of them is passed over without counting its pieces.
  const room = top + 3;
  const best: Array<{ word: string; weight: number }> = [];
  for (const [word, n] of tf) {
    const idf = candidateIdf(word);
    if (idf < 0) continue;
    const last = best.length === room ? best[room - 1]! : null;
    if (last && n * idf < last.weight) continue;
    const w = whole(word);
    if (w === 0) continue;
    const item = { word, weight: w * idf };
    if (last && !better(item, last)) continue;
    let i = best.length === room ? room - 1 : best.length;
    while (i > 0 && better(item, best[i - 1]!)) {
      best[i] = best[i - 1]!;
      i--;
    }
    best[i] = item;
  }
  const out: string[] = [];
  for (const { word } of best) {
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

export function keywords(terms: readonly string[], top: number): string[] {
  return topKeywords(wholeCounter(terms), top);
}

/**
 * A keyword with the words beside each of its occurrences in the passage: what a document-level
 * pass grows it by. The neighbours travel from the analysis threads as strings (one line per
 * occurrence, the nearest word then the next, space-separated): a structured clone of nested
 * arrays for every passage cost the main thread more than the topics were worth.
 */
export interface KeywordCandidate {
  word: string;
  /** Occurrences in the passage text. */
  n: number;
  /** Per occurrence: "next following" (either may be empty), lines joined by '\n'. */
  after: string;
  /** Per occurrence: "previous preceding", lines joined by '\n'. */
  before: string;
}

/** The occurrences of an after/before string as [nearest, next] pairs. */
export function neighbourPairs(encoded: string): Array<[string, string]> {
  if (encoded === '') return [];
  return encoded.split('\n').map((line) => {
    const sp = line.indexOf(' ');
    return [line.slice(0, sp), line.slice(sp + 1)];
  });
}

/** The inverse of neighbourPairs. */
export function encodeNeighbours(pairs: ReadonlyArray<readonly [string, string]>): string {
  return pairs.map(([a, b]) => `${a} ${b}`).join('\n');
}

/** A word that may join a keyword into a longer subject: not a function word, not the boilerplate of a briefing. */
export function joinsSubject(word: string): boolean {
  return !isStopWord(word) && !BOILERPLATE.has(word);
}

const LONGEST_NEIGHBOUR = 4;

/** A Han character of the Basic Multilingual Plane (a neighbour outside it is a boundary). */
function isHan(c: number): boolean {
  return (c >= 0x3400 && c <= 0x9fff) || (c >= 0xf900 && c <= 0xfaff);
}

/**
 * The longest of the passage's terms that starts (or, backwards, ends) at `at` in `text`, else the
 * one Han character there ('' at punctuation, a space, a digit or the end).
 */
function wordAt(text: string, at: number, vocabulary: ReadonlyMap<string, number>, backwards: boolean): string {
  // How many Han characters stand on that side, up to the longest word looked for.
  let run = 0;
  while (run < LONGEST_NEIGHBOUR) {
    const i = backwards ? at - 1 - run : at + run;
    if (i < 0 || i >= text.length || !isHan(text.charCodeAt(i))) break;
    run++;
  }
  if (run === 0) return '';
  for (let len = run; len >= 2; len--) {
    const w = backwards ? text.slice(at - len, at) : text.slice(at, at + len);
    if (vocabulary.has(w)) return w;
  }
  return backwards ? text[at - 1]! : text[at]!;
}

/** The passage's keywords (see keywords()) with their neighbours in `text`, the normalized body the terms came from. */
export function keywordCandidates(terms: readonly string[], text: string, top: number): KeywordCandidate[] {
  const counter = wholeCounter(terms);
  const vocabulary = counter.tf;
  return topKeywords(counter, top).map((word) => {
    const after: string[] = [];
    const before: string[] = [];
    for (let i = text.indexOf(word); i >= 0; i = text.indexOf(word, i + word.length)) {
      const a1 = wordAt(text, i + word.length, vocabulary, false);
      const b1 = wordAt(text, i, vocabulary, true);
      after.push(`${a1} ${a1 ? wordAt(text, i + word.length + a1.length, vocabulary, false) : ''}`);
      before.push(`${b1} ${b1 ? wordAt(text, i - b1.length, vocabulary, true) : ''}`);
    }
    return { word, n: after.length, after: after.join('\n'), before: before.join('\n') };
  });
}
