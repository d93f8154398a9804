// The order of a query's matches: tier (parts found as one contiguous string
// first), then FlexSearch's order of the word query, then passage order; the
// first RERANK_DEPTH re-ordered by BM25 weighted with jieba's IDF.

import { DEFAULTS } from '../config.js';
import { countOccurrences, matchForm } from '../analysis/normalize.js';
import { inverseDocumentFrequency } from '../analysis/segment.js';
import type { Bodies } from '../index/bodies.js';
import type { Engine } from '../index/engine.js';
import type { TermStats } from '../index/retrieval.js';
import { holds } from '../index/sortedLists.js';
import type { PassageSets } from './passageSets.js';

const K1 = 1.2;
const B = 0.75;
/** Added to the BM25 of an answer or statement (on BM25's [0, 1) scale) so that it ranks above a question of like score. */
const ANSWER_BONUS = 0.1;
/** How many of the best-placed matches BM25 re-orders (DEFAULTS.search.rerankDepth). */
export const RERANK_DEPTH = DEFAULTS.search.rerankDepth;

/** A query term as BM25 weighs it: the term (what a store's stats are kept by), its match form (what a body is searched for) and jieba's IDF. */
export interface ScoredTerm {
  term: string;
  form: string;
  idf: number;
}

/** The terms of a query as BM25 weighs them; a term of no match form (punctuation alone) counts nowhere. */
export function scoredTerms(terms: readonly string[]): ScoredTerm[] {
  return terms.map((term) => ({ term, form: matchForm(term), idf: inverseDocumentFrequency(term) })).filter((t) => t.form);
}

/**
 * BM25 over the query's terms, weighted by jieba's IDF, squashed into [0, 1). The length and each tf
 * come from `stats` where it has them (a store's word lists hold the counts the body would give), else
 * from the body.
 */
export function bm25(engine: Engine, bodies: Bodies, terms: readonly ScoredTerm[], gid: number, stats: TermStats | null = null): number {
  let body: string | undefined;
  const read = () => (body ??= bodies.body(gid));
  const lengthNorm = 1 - B + (B * (stats ? stats.length(gid) : read().length)) / engine.bodies.averageLength;
  let score = 0;
  for (const t of terms) {
    const tf = stats?.tf(t.term, gid) ?? countOccurrences(read(), t.form);
    if (tf) score += (t.idf * tf * (K1 + 1)) / (tf + K1 * lengthNorm);
  }
  return score / (score + 10);
}

/**
 * The stats, answering 0 for a term in a passage that its string list lacks (`held`: by term, the
 * ascending passages whose compact body holds the term's form, a one-word part's contiguous list):
 * such a body cannot hold the term, so a relaxed tier's passages without a word need no body read.
 */
export function withAbsences(stats: TermStats, held: ReadonlyMap<string, ArrayLike<number>>): TermStats {
  if (held.size === 0) return stats;
  return {
    length: (gid) => stats.length(gid),
    tf: (term, gid) => stats.tf(term, gid) ?? (held.has(term) && !holds(held.get(term), gid) ? 0 : undefined),
  };
}

/** Whether BM25 reads a passage's body for these terms: always without stats, else where they lack a term's tf. */
export function readsBody(stats: TermStats | null, terms: readonly ScoredTerm[]): (gid: number) => boolean {
  return stats ? (gid) => terms.some((t) => stats.tf(t.term, gid) === undefined) : () => true;
}

export interface Ranked {
  /** Matches in rank order. */
  order: Uint32Array;
  /** Scores of the first RERANK_DEPTH; the rest are scored when shown. */
  head: number[];
  terms: ScoredTerm[];
}

/**
 * The ranking. Tier first: the number of free parts of several terms found
 * as one contiguous string (a passage holding the phrase ranks above any
 * passage holding its words scattered). Within a tier, FlexSearch's order of
 * the word query (where in the passage the terms stand), then passage order;
 * the first RERANK_DEPTH of that order are re-ordered by BM25. Everything is
 * linear in the number of matches except the bounded re-rank.
 */
export function rank(engine: Engine, bodies: Bodies, terms: ScoredTerm[], sets: PassageSets, matched: Uint32Array, tiers: number, wordOrder: ArrayLike<number>, stats: TermStats | null): Ranked {
  // Matches in placing order: first as the word query ordered them, then the rest in passage order.
  const pending = sets.flags();
  for (let i = 0; i < matched.length; i++) pending.mark(matched[i]!);
  const placed = sets.orderBuffer(0, matched.length);
  let n = 0;
  for (let i = 0; i < wordOrder.length; i++) {
    const gid = wordOrder[i]!;
    if (!pending.has(gid)) continue;
    pending.unmark(gid);
    placed[n++] = gid;
  }
  for (let i = 0; i < matched.length; i++) if (pending.has(matched[i]!)) placed[n++] = matched[i]!;
  // Then a stable counting sort by tier, highest first.
  let ordered = placed;
  if (tiers > 0) {
    const start = new Uint32Array(tiers + 2);
    for (let i = 0; i < n; i++) start[tiers - sets.tier(placed[i]!) + 1]!++;
    for (let t = 1; t <= tiers + 1; t++) start[t]! += start[t - 1]!;
    ordered = sets.orderBuffer(1, n);
    for (let i = 0; i < n; i++) ordered[start[tiers - sets.tier(placed[i]!)]!++] = placed[i]!;
  }
  // An official's answer or statement is what a journalist cites: it ranks above a question holding the same words.
  const { isQuestion } = engine.units;
  const said = (gid: number) => (isQuestion[gid] ? 0 : ANSWER_BONUS);
  const head = Array.from(ordered.subarray(0, RERANK_DEPTH), (gid, i) => ({ gid, i, tier: sets.tier(gid), score: bm25(engine, bodies, terms, gid, stats) + said(gid) }));
  head.sort((a, b) => b.tier - a.tier || b.score - a.score || a.i - b.i);
  head.forEach((h, i) => (ordered[i] = h.gid));
  return { order: ordered, head: head.map((h) => h.tier + h.score), terms };
}
