// Free-text search over passages: candidates from the store's retrieval (word
// lists, substrings through the bigrams, tags; in memory or in PostgreSQL),
// ranking with contiguous matches first, facets over every match, highlights
// on the original characters.
//
// Sets of passages are typed arrays indexed by passage number, so a query
// touches each candidate a constant number of times: a word in half the
// corpus is ~150,000 passages at 100 MB.

import { DEFAULTS } from '../config.js';
import { createError } from '../errors.js';
import { matchForm } from '../analysis/normalize.js';
import { inverseDocumentFrequency } from '../analysis/segment.js';
import type { Engine } from '../index/engine.js';
import type { TagField } from '../index/passageIndex.js';
import type { PassageKind } from '../parse/types.js';
import { facetsOf, type Facets } from './facets.js';
import { speakerSpellings } from './speakerNames.js';
import { PassageSets } from './passageSets.js';
import { findMarks, highlightHtml, snippetWindow } from './highlight.js';
import { presentPassage, toCodePoints, type PublicPassage, type PublicSpan } from './present.js';
import { isEmptyQuery, needles, parseQuery, type ParsedQuery, type QueryPart } from './query.js';

export interface SearchFilters {
  speaker?: string | undefined;
  topic?: string | undefined;
  kind?: PassageKind | undefined;
  doc?: string | undefined;
  /** Inclusive date bounds: YYYY, YYYY-MM or YYYY-MM-DD. */
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

export interface SearchResponse {
  query: string;
  total: number;
  took_ms: number;
  hits: SearchHit[];
  facets: Facets;
}

async function phraseMatches(engine: Engine, phrase: QueryPart): Promise<ArrayLike<number>> {
  if (phrase.compact.length >= 2) return engine.retrieval.substringMatches(phrase.compact);
  // A one-character phrase has no bigram: take word-index candidates and check them.
  const byWords = Array.from(await engine.retrieval.wordMatches(phrase.terms));
  return byWords.filter((g) => engine.compactBodies[g]!.includes(phrase.compact));
}

function dateBound(d: string | undefined, end: boolean): number {
  if (!d) return end ? Infinity : 0;
  const [y, m, day] = d.split('-');
  return Number(`${y}${m ?? (end ? '12' : '01')}${day ?? (end ? '31' : '01')}`);
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

const scratch = new WeakMap<Engine, PassageSets>();

function setsFor(engine: Engine): PassageSets {
  let sets = scratch.get(engine);
  if (!sets) {
    sets = new PassageSets(engine.passages.length);
    scratch.set(engine, sets);
  }
  return sets;
}

interface Ranked {
  /** Matches in rank order. */
  order: Uint32Array;
  /** Scores of the first RERANK_DEPTH; the rest are scored when shown. */
  head: number[];
  terms: Array<{ form: string; idf: number }>;
}

/**
 * The ranking. Tier first: the number of free parts of several terms found
 * as one contiguous string (a passage holding the phrase ranks above any
 * passage holding its words scattered). Within a tier, FlexSearch's order of
 * the word query (where in the passage the terms stand), then passage order;
 * the first RERANK_DEPTH of that order are re-ordered by BM25. Everything is
 * linear in the number of matches except the bounded re-rank.
 */
function rank(engine: Engine, q: ParsedQuery, sets: PassageSets, matched: Uint32Array, tiers: number, wordOrder: ArrayLike<number>): Ranked {
  // Matches in placing order: first as the word query ordered them, then the rest in passage order.
  const pending = sets.flags();
  for (let i = 0; i < matched.length; i++) pending.mark(matched[i]!);
  const placed = new Uint32Array(matched.length);
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
    ordered = new Uint32Array(n);
    for (let i = 0; i < n; i++) ordered[start[tiers - sets.tier(placed[i]!)]!++] = placed[i]!;
  }
  const allTerms = [...new Set([...q.parts, ...q.phrases].flatMap((p) => p.terms))];
  const terms = allTerms.map((t) => ({ form: matchForm(t), idf: inverseDocumentFrequency(t) })).filter((t) => t.form);
  const head = Array.from(ordered.subarray(0, RERANK_DEPTH), (gid, i) => ({ gid, i, tier: sets.tier(gid), score: bm25(engine, terms, gid) }));
  head.sort((a, b) => b.tier - a.tier || b.score - a.score || a.i - b.i);
  head.forEach((h, i) => (ordered[i] = h.gid));
  return { order: ordered, head: head.map((h) => h.tier + h.score), terms };
}

export async function search(engine: Engine, req: SearchRequest): Promise<SearchResponse> {
  const t0 = performance.now();
  const q = req.q.trim();
  if (!q) throw createError('QUERY_EMPTY');
  if ([...q].length > DEFAULTS.search.maxQueryLength) throw createError('QUERY_TOO_LONG', DEFAULTS.search.maxQueryLength);
  const parsed = await parseQuery(q, engine.segmenter);
  if (isEmptyQuery(parsed)) throw createError('QUERY_EMPTY');

  // Every list the query needs, asked of the store at once; then the sets, with no await between.
  const r = engine.retrieval;
  const allTerms = [...new Set([...parsed.parts, ...parsed.phrases].flatMap((p) => p.terms))];
  const single = parsed.parts.length === 1 && parsed.phrases.length === 0;
  const filters = (
    [
      ['speaker', req.speaker],
      ['topic', req.topic],
      ['kind', req.kind],
      ['doc', req.doc],
    ] as Array<[TagField, string | undefined]>
  )
    .filter((f): f is [TagField, string] => f[1] !== undefined && f[1] !== '')
    .map(([field, value]): [TagField, string[]] => [field, field === 'speaker' ? speakerSpellings(engine, value) : [value]]);
  const [partLists, phraseLists, tagLists, combined] = await Promise.all([
    Promise.all(parsed.parts.map((part) => Promise.all([r.wordMatches(part.terms), r.substringMatches(part.compact)]))),
    Promise.all(parsed.phrases.map((phrase) => phraseMatches(engine, phrase))),
    // One tag per question: FlexSearch ORs the pairs of a single tag option, and the sets intersect here.
    Promise.all(filters.map(([field, values]) => Promise.all(values.map((v) => r.tagged(field, v))))),
    // The order of the word query over every term; the first part's when that is the whole query.
    single ? null : r.wordMatches(allTerms),
  ]);

  // From here to the end nothing awaits: the scratch sets belong to this query alone.
  const sets = setsFor(engine);
  sets.begin();
  let tiers = 0;
  parsed.parts.forEach((part, i) => {
    // A part matches through its words (anywhere in the passage) or as one contiguous string.
    const [byWords, contiguous] = partLists[i]!;
    sets.next();
    sets.meet(byWords);
    sets.meet(contiguous);
    if (part.terms.length > 1) {
      tiers++;
      sets.raiseTier(contiguous);
    }
  });
  for (const list of phraseLists) {
    sets.next();
    sets.meet(list);
  }
  // A filter with several spellings (唐鳳 / 唐凤) is met by any of them.
  for (const lists of tagLists) {
    sets.next();
    for (const list of lists) sets.meet(list);
  }

  const from = dateBound(req.from, false);
  const to = dateBound(req.to, true);
  const dated = req.from !== undefined || req.to !== undefined;
  const matched = sets.matches((g) => {
    if (!dated) return true;
    const d = engine.dateCode[g]!;
    return d !== 0 && d >= from && d <= to;
  });

  const order = combined ?? partLists[0]![0];

  const offset = req.offset ?? 0;
  const limit = req.limit ?? DEFAULTS.search.limit;
  const ranked = rank(engine, parsed, sets, matched, tiers, order);
  const marksOf = needles(parsed);
  const hits: SearchHit[] = [];
  for (let i = offset; i < Math.min(offset + limit, ranked.order.length); i++) {
    const gid = ranked.order[i]!;
    const score = i < ranked.head.length ? ranked.head[i]! : sets.tier(gid) + bm25(engine, ranked.terms, gid);
    hits.push(hit(engine, gid, score, marksOf));
  }

  return {
    query: q,
    total: ranked.order.length,
    took_ms: Math.round((performance.now() - t0) * 100) / 100,
    hits,
    facets: facetsOf(engine, matched),
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
