// Child process: the PostgreSQL store's search and quote latencies, from a process shaped like a server
// on it: no index of its own, nothing else in its heap. The bench's process holds the embedded engine
// it timed and what its loads left; with an index built in the same process, the 200 two-word queries'
// p99 went from 32 to 50 ms (opened, as the bench opens it, one run measured both ways: p50s 0–1.5 ms
// lower here, p99s as often higher as lower).
// Reads from its input the JSON of { url, warmUp, queries, quotes }. Prints { loadMs, search, totals, quote }:
// totals by class, in the order of the queries.

import { readFileSync } from 'node:fs';
import { workerSegmenter } from '../../src/analysis/segmenter.js';
import { loadFromPostgres } from '../../src/index/postgres/store.js';
import { search, type SearchRequest } from '../../src/search/search.js';
import { QUERY_CLASSES, type QueryClass, type QuoteClass } from '../queries.js';
import { timeQuotes, timeSearches } from '../timing.js';

const { url, warmUp, queries, quotes } = JSON.parse(readFileSync(0, 'utf8')) as {
  url: string;
  warmUp: Record<QueryClass, SearchRequest[]>;
  queries: Record<QueryClass, SearchRequest[]>;
  quotes: Record<QuoteClass, string[]>;
};
const t0 = performance.now();
// As a server loads it: with its cache warmed.
const engine = await loadFromPostgres(url, workerSegmenter([]), [], { warm: true });
const loadMs = performance.now() - t0;
// The same unmeasured warm-up as the embedded engine's: a server answers for hours.
for (const c of QUERY_CLASSES) for (const q of warmUp[c]) await search(engine, q);
const { search: timed, totals } = await timeSearches(engine, queries);
const quote = await timeQuotes(engine, quotes);
await engine.close();
const byClass = Object.fromEntries(QUERY_CLASSES.map((c) => [c, queries[c].map((q) => totals.get(q)!)]));
process.stdout.write(JSON.stringify({ loadMs, search: timed, totals: byClass, quote }) + '\n');
