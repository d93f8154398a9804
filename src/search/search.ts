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
import type { Engine } from '../index/engine.js';
import { facetsOf, type Facets } from './facets.js';
import type { PublicPassage, PublicSpan } from './present.js';
import { respond, type HitPick, type PickedPage } from './hits.js';
import { browse } from './browse.js';
import { searchNames } from './names.js';
import { hasFilter, type SearchFilters } from './filters.js';
import { isEmptyQuery, needles, parseQuery, type ParsedQuery } from './query.js';
import { concat, plainUnderstanding } from './tiers.js';
import { understand, type Understood } from './understand.js';
import { rankWords, type RankedWords } from './words.js';

export type { SearchFilters } from './filters.js';

export interface SearchRequest extends SearchFilters {
  q: string;
  limit?: number | undefined;
  offset?: number | undefined;
  /** Search every word as text: no names taken for speakers, no filler dropped. */
  plain?: boolean | undefined;
}

export interface SearchHit extends PublicPassage {
  highlight: string;
  marks: PublicSpan[];
  snippet: PublicSpan;
  score: number;
  /** How the hit matched: every word in the passage, every word in its exchange or turn, or some of the words. */
  match: 'passage' | 'exchange' | 'partial';
}

export interface SearchResponse {
  query: string;
  total: number;
  took_ms: number;
  /** What the query was read as: names, outlets, words, phrases, what was dropped, the short forms searched too. */
  understood: Understood & { synonyms: Record<string, string[]> };
  /** Matches per tier; for a page of partial matches, which words the best hit holds and which were relaxed. */
  matching: { passage: number; exchange: number; partial: number; matched: string[]; relaxed: string[] };
  hits: SearchHit[];
  facets: Facets;
}

/** The parts of an understood query as one query string for parseQuery: words, then phrases in quotes. */
function textQuery(u: Understood): string {
  return [...u.words, ...u.phrases.map((p) => `"${p.replace(/"/gu, '')}"`)].join(' ');
}

/** One tier of a query's matches in rank order; a page takes from the tiers in turn. */
export interface Tier {
  match: SearchHit['match'];
  count: number;
  /** The tier's passages in rank order; computed when first asked (a relaxed tier is ordered only when a page reaches it). */
  list: () => ArrayLike<number>;
}

/** How a request is answered: its filters alone, names alone (names.ts), or words. */
export type Route =
  | { path: 'browse' }
  | { path: 'names'; understood: Understood }
  | { path: 'words'; q: string; understood: Understood; parsed: ParsedQuery; named: boolean };

export async function routeOf(engine: Engine, req: SearchRequest): Promise<Route> {
  const q = req.q.trim();
  // No words but a filter (/?topic=营商环境): every passage the filters let through.
  if (!q && hasFilter(req)) return { path: 'browse' };
  if (!q) throw createError('QUERY_EMPTY');
  if ([...q].length > DEFAULTS.search.maxQueryLength) throw createError('QUERY_TOO_LONG', DEFAULTS.search.maxQueryLength);
  // Names become who-said constraints and question filler is dropped, unless the user asked for plain text.
  let understood = req.plain ? plainUnderstanding(q) : await understand(engine, q, engine.segmenter);
  let parsed = await parseQuery(textQuery(understood), engine.segmenter);
  const named = understood.speakers.length > 0 || understood.outlets.length > 0;
  if (isEmptyQuery(parsed) && !named) {
    // Nothing but filler (怎么说): search what was typed.
    understood = plainUnderstanding(q);
    parsed = await parseQuery(q, engine.segmenter);
  }
  if (isEmptyQuery(parsed) && !named) throw createError('QUERY_EMPTY');
  if (isEmptyQuery(parsed) && understood.outlets.length === 0 && !hasFilter(req)) return { path: 'names', understood };
  return { path: 'words', q, understood, parsed, named };
}

export async function search(engine: Engine, req: SearchRequest): Promise<SearchResponse> {
  const t0 = performance.now();
  const route = await routeOf(engine, req);
  if (route.path === 'browse') return browse(engine, req, t0);
  if (route.path === 'names') return searchNames(engine, route.understood, req, t0);
  // The page is picked while the query's scratch sets are its own; its texts are fetched after.
  const page = await rankWords(engine, req, route, (ranked) => wordsPage(engine, req, ranked));
  return respond(engine, page, t0);
}

/** The page the request asks for, with its scores, how it matched, and the facets of every match; its hits are made from `picks`. */
function wordsPage(engine: Engine, req: SearchRequest, rankedWords: RankedWords): PickedPage {
  const { q, understood, parsed, ladder, total, alternatives, ranked, sets, score, byTerms, matched, exact, relaxed, mentions, termLists, split } = rankedWords;
  const offset = req.offset ?? 0;
  const limit = req.limit ?? DEFAULTS.search.limit;
  const exchangeCount = relaxed?.exchange.length ?? 0;
  const page: Array<{ gid: number; rank: number; match: SearchHit['match'] }> = [];
  let before = 0;
  for (const tier of ladder) {
    if (page.length < limit && before + tier.count > offset && tier.count > 0) {
      const list = tier.list();
      for (let i = Math.max(0, offset - before); i < tier.count && page.length < limit; i++) page.push({ gid: list[i]!, rank: before + i, match: tier.match });
    }
    before += tier.count;
  }

  const marksOf = [...needles(parsed), ...alternatives.flat().map(matchForm)];
  const picks: HitPick[] = page.map(({ gid, rank, match }) => ({
    gid,
    score: rank < ranked.head.length && ranked.order[rank] === gid ? ranked.head[rank]! : (byTerms ? 0 : sets.tier(gid)) + score(gid),
    match,
  }));
  // The strict matches alone are counted as they are: a common word's 120,000 were copied for nothing.
  const best = matched.length || exchangeCount ? (exchangeCount ? concat([matched, relaxed?.exchange]) : matched) : concat([relaxed?.partial, mentions]);
  const words = parsed.parts.flatMap((p, i) => (termLists[i]!.length ? split[i]! : [p.raw]));
  const top = relaxed && exact.length + exchangeCount === 0 && relaxed.partial.length ? relaxed.mask(relaxed.orderPartial()[0]!) : -1;
  const response = {
    query: q,
    total,
    understood: { ...understood, synonyms: Object.fromEntries(parsed.parts.map((p, i) => [p.raw, alternatives[i]!]).filter(([, a]) => a!.length)) },
    matching: {
      passage: exact.length,
      exchange: exchangeCount,
      partial: total - exact.length - exchangeCount,
      matched: top < 0 ? words : words.filter((_, i) => top & (1 << i)),
      relaxed: top < 0 ? [] : words.filter((_, i) => !(top & (1 << i))),
    },
    facets: facetsOf(engine, best),
  };
  return { response, picks, marksOf };
}
