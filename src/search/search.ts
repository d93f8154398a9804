// Free-text search over passages: candidates from the word index and from the
// bigram path (verified as substrings), filters through FlexSearch tags,
// ranking with contiguous matches first, facets over every match, and
// highlights on the original characters.

import { DEFAULTS } from '../config.js';
import { createError } from '../errors.js';
import { bigrams } from '../analysis/ngrams.js';
import { matchForm } from '../analysis/normalize.js';
import { inverseDocumentFrequency } from '../analysis/segment.js';
import type { Engine } from '../index/engine.js';
import { matchAll, withTag, type TagField } from '../index/passageIndex.js';
import type { PassageKind } from '../parse/types.js';
import { findMarks, highlightHtml, snippetWindow } from './highlight.js';
import { presentPassage, toCodePoints, type PublicPassage, type PublicSpan } from './present.js';
import { isEmptyQuery, needles, parseQuery, type ParsedQuery, type QueryPart } from './query.js';

export interface SearchFilters {
  speaker?: string | undefined;
  topic?: string | undefined;
  kind?: PassageKind | undefined;
  doc?: string | undefined;
  /** Inclusive date bounds, YYYY-MM-DD. */
  from?: string | undefined;
  to?: string | undefined;
}

export interface SearchRequest extends SearchFilters {
  q: string;
  limit?: number | undefined;
  offset?: number | undefined;
}

export interface SearchHit extends PublicPassage {
  highlight: string;
  marks: PublicSpan[];
  snippet: PublicSpan;
  score: number;
}

export interface FacetValue {
  name: string;
  count: number;
}

export interface SearchResponse {
  query: string;
  total: number;
  took_ms: number;
  hits: SearchHit[];
  facets: { speakers: FacetValue[]; topics: FacetValue[] };
}

/** Passages whose compact body contains `compact`: bigram candidates, then a substring check. */
export function substringMatches(engine: Engine, compact: string, within?: ReadonlySet<number>): number[] {
  if (compact.length < 2) return [];
  const all = engine.passages.length;
  const candidates = matchAll(engine.index, 'grams', bigrams(compact), all);
  return candidates.filter((gid) => (!within || within.has(gid)) && engine.compactBodies[gid]!.includes(compact));
}

/** A free part matches through its words (anywhere in the passage) or as one contiguous string. */
function partMatches(engine: Engine, part: QueryPart): { all: Set<number>; contiguous: Set<number> } {
  const all = new Set<number>(matchAll(engine.index, 'words', part.terms, engine.passages.length));
  const contiguous = new Set(substringMatches(engine, part.compact));
  for (const gid of contiguous) all.add(gid);
  return { all, contiguous };
}

function phraseMatches(engine: Engine, phrase: QueryPart): Set<number> {
  if (phrase.compact.length >= 2) return new Set(substringMatches(engine, phrase.compact));
  // A one-character phrase has no bigram: take word-index candidates and check them.
  const all = engine.passages.length;
  return new Set(matchAll(engine.index, 'words', phrase.terms, all).filter((g) => engine.compactBodies[g]!.includes(phrase.compact)));
}

function intersect(sets: Array<Set<number>>): Set<number> {
  if (sets.length === 0) return new Set();
  sets.sort((a, b) => a.size - b.size);
  const [first, ...rest] = sets;
  const out = new Set<number>();
  for (const x of first!) if (rest.every((s) => s.has(x))) out.add(x);
  return out;
}

/** Passages allowed by the filters, or null when no tag filter is set. */
function tagFilter(engine: Engine, f: SearchFilters): Set<number> | null {
  const all = engine.passages.length;
  const sets: Array<Set<number>> = [];
  const fields: Array<[TagField, string | undefined]> = [
    ['speaker', f.speaker],
    ['topic', f.topic],
    ['kind', f.kind],
    ['doc', f.doc],
  ];
  for (const [field, value] of fields) {
    if (value === undefined || value === '') continue;
    // One tag per search: FlexSearch ORs the pairs of a single tag option.
    sets.push(new Set(withTag(engine.index, field, value, all)));
  }
  return sets.length ? intersect(sets) : null;
}

function inDateRange(date: string | null, from?: string, to?: string): boolean {
  if (!from && !to) return true;
  if (!date) return false;
  return (!from || date >= from) && (!to || date <= to);
}

const K1 = 1.2;
const B = 0.75;
/** How many of the best-placed matches BM25 re-orders; fixed, so pages stay consistent. */
export const RERANK_DEPTH = 500;

function countOccurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** BM25 over the query's terms, weighted by jieba's IDF, squashed into [0, 1). */
function bm25(engine: Engine, terms: ReadonlyArray<{ form: string; idf: number }>, gid: number): number {
  const body = engine.compactBodies[gid]!;
  const lengthNorm = 1 - B + (B * body.length) / engine.averageBodyLength;
  let score = 0;
  for (const t of terms) {
    const tf = countOccurrences(body, t.form);
    if (tf) score += (t.idf * tf * (K1 + 1)) / (tf + K1 * lengthNorm);
  }
  return score / (score + 10);
}

/**
 * The ranking. Tier first: the number of free parts of several terms found
 * as one contiguous string (a passage holding the phrase ranks above any
 * passage holding its words scattered). Within a tier, FlexSearch's order of
 * the word query (where in the passage the terms stand), then passage order;
 * the first RERANK_DEPTH of that order are re-ordered by BM25. Everything is
 * linear in the number of matches except the bounded re-rank.
 */
function rank(engine: Engine, q: ParsedQuery, matched: Set<number>, contiguous: Array<Set<number>>): Array<{ gid: number; score: number }> {
  const tierOf = (gid: number) => contiguous.reduce((n, set) => n + (set.has(gid) ? 1 : 0), 0);
  const tiers: number[][] = Array.from({ length: contiguous.length + 1 }, () => []);
  const placed = new Set<number>();
  const allTerms = [...new Set([...q.parts, ...q.phrases].flatMap((p) => p.terms))];
  for (const gid of matchAll(engine.index, 'words', allTerms, engine.passages.length)) {
    if (!matched.has(gid) || placed.has(gid)) continue;
    placed.add(gid);
    tiers[tierOf(gid)]!.push(gid);
  }
  for (const gid of [...matched].sort((a, b) => a - b)) {
    if (!placed.has(gid)) tiers[tierOf(gid)]!.push(gid);
  }
  const ordered = tiers.reverse().flat();
  const terms = allTerms.map((t) => ({ form: matchForm(t), idf: inverseDocumentFrequency(t) })).filter((t) => t.form);
  const head = ordered.slice(0, RERANK_DEPTH).map((gid, i) => ({ gid, i, tier: tierOf(gid), score: bm25(engine, terms, gid) }));
  head.sort((a, b) => b.tier - a.tier || b.score - a.score || a.i - b.i);
  return [
    ...head.map((h) => ({ gid: h.gid, score: h.tier + h.score })),
    ...ordered.slice(RERANK_DEPTH).map((gid) => ({ gid, score: tierOf(gid) + bm25(engine, terms, gid) })),
  ];
}

function facets(engine: Engine, gids: Iterable<number>): SearchResponse['facets'] {
  const speakers = new Map<string, number>();
  const topics = new Map<string, number>();
  for (const gid of gids) {
    const p = engine.passages[gid]!;
    if (p.speaker) speakers.set(p.speaker.name, (speakers.get(p.speaker.name) ?? 0) + 1);
    for (const t of p.topics) topics.set(t, (topics.get(t) ?? 0) + 1);
  }
  const top = (m: Map<string, number>) =>
    [...m]
      .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
      .slice(0, DEFAULTS.search.facetSize)
      .map(([name, count]) => ({ name, count }));
  return { speakers: top(speakers), topics: top(topics) };
}

export function search(engine: Engine, req: SearchRequest): SearchResponse {
  const t0 = performance.now();
  const q = req.q.trim();
  if (!q) throw createError('QUERY_EMPTY');
  if ([...q].length > DEFAULTS.search.maxQueryLength) throw createError('QUERY_TOO_LONG', DEFAULTS.search.maxQueryLength);
  const parsed = parseQuery(q);
  if (isEmptyQuery(parsed)) throw createError('QUERY_EMPTY');

  const contiguous: Array<Set<number>> = [];
  const sets: Array<Set<number>> = [];
  for (const part of parsed.parts) {
    const found = partMatches(engine, part);
    sets.push(found.all);
    if (part.terms.length > 1) contiguous.push(found.contiguous);
  }
  for (const phrase of parsed.phrases) sets.push(phraseMatches(engine, phrase));
  const allowed = tagFilter(engine, req);
  if (allowed) sets.push(allowed);
  const matched = new Set(
    [...intersect(sets)].filter((gid) => inDateRange(engine.docs[engine.passages[gid]!.doc]!.date, req.from, req.to)),
  );

  const offset = req.offset ?? 0;
  const limit = req.limit ?? DEFAULTS.search.limit;
  const ranked = rank(engine, parsed, matched, contiguous);
  const marksOf = needles(parsed);
  const hits = ranked.slice(offset, offset + limit).map(({ gid, score }) => hit(engine, gid, score, marksOf));

  return {
    query: q,
    total: ranked.length,
    took_ms: Math.round((performance.now() - t0) * 100) / 100,
    hits,
    facets: facets(engine, matched),
  };
}

function hit(engine: Engine, gid: number, score: number, marksOf: string[]): SearchHit {
  const p = engine.passages[gid]!;
  const doc = engine.docs[p.doc]!;
  const marks = findMarks(doc.text, { start: p.bodyStart, end: p.span.end }, marksOf);
  const window = snippetWindow(doc.text, p.span, marks, DEFAULTS.search.snippetChars);
  const html = highlightHtml(doc.text, window, marks);
  return {
    ...presentPassage(engine, p),
    highlight: (window.start > p.span.start ? '…' : '') + html + (window.end < p.span.end ? '…' : ''),
    marks: marks.map((m) => toCodePoints(engine, p.doc, m)),
    snippet: toCodePoints(engine, p.doc, window),
    score: Math.round(score * 10000) / 10000,
  };
}
