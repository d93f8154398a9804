// search() and the quote check timed over the benchmark's query classes, for
// any engine (embedded or PostgreSQL): latency per class, and the match count
// of every query so two engines' answers can be compared.

import type { Engine } from '../src/index/engine.js';
import { checkQuote } from '../src/quote/quote.js';
import { search, type SearchRequest } from '../src/search/search.js';
import { QUERY_CLASSES, QUOTE_CLASSES, type QueryClass, type QuoteClass } from './queries.js';
import type { BenchResult } from './report.js';
import { latency, timeEach } from './stats.js';

export async function timeSearches(
  engine: Engine,
  queries: Record<QueryClass, SearchRequest[]>,
): Promise<{ search: BenchResult['search']; totals: Map<SearchRequest, number> }> {
  const out: BenchResult['search'] = {};
  const totals = new Map<SearchRequest, number>();
  for (const c of QUERY_CLASSES) {
    let hits = 0;
    let matches = 0;
    const times = await timeEach(queries[c], async (q) => {
      const { total } = await search(engine, q);
      if (total > 0) hits++;
      matches += total;
      totals.set(q, total);
    });
    out[c] = { ...latency(times), answered: hits / queries[c].length, meanMatches: matches / queries[c].length };
  }
  return { search: out, totals };
}

export async function timeQuotes(engine: Engine, quotes: Record<QuoteClass, string[]>): Promise<BenchResult['quote']> {
  const out: BenchResult['quote'] = {};
  for (const c of QUOTE_CLASSES) {
    let found = 0;
    let near = 0;
    const times = await timeEach(quotes[c], async (text) => {
      const r = await checkQuote(engine, { text, baseUrl: 'http://localhost:3000', accessed: '2026-01-01' });
      if (r.found) found++;
      else if (r.matches.length) near++;
    });
    out[c] = { ...latency(times), found: found / quotes[c].length, near: near / quotes[c].length };
  }
  return out;
}
