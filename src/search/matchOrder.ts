// Every match of a request in the order the pages of /api/search give them,
// for exports: the same three paths as search() (filters alone, names alone,
// words), each taken whole instead of cut at a page. The passage numbers are
// copied out, as the query's scratch sets serve the next query while an
// export waits for its reader.

import type { Engine } from '../index/engine.js';
import { browseOrder } from './browse.js';
import { namesOrder } from './names.js';
import { routeOf, type SearchHit, type SearchRequest, type Tier } from './search.js';
import { rankWords } from './words.js';

export interface MatchOrder {
  /** Every match, counted as /api/search counts them. */
  total: number;
  /** The first `max` matches in page order. */
  gids: Uint32Array;
  /** How each of them matched: runs of one tier, ending (exclusive) at `end` in gids. */
  runs: Array<{ match: SearchHit['match']; end: number }>;
}

/** The request's first `max` matches in page order, whatever path answers it. */
export async function matchOrder(engine: Engine, req: SearchRequest, max: number): Promise<MatchOrder> {
  const route = await routeOf(engine, req);
  if (route.path === 'browse') return browseOrder(engine, req, (order) => taken([{ match: 'passage', count: order.length, list: () => order }], max));
  if (route.path === 'names') {
    const { said, mentions } = await namesOrder(engine, route.understood);
    return taken(
      [
        // Gathered up to the limit only: an office's said passages are read from the whole spoken order.
        { match: 'passage', count: said.count, list: () => said.page(0, Math.min(said.count, max)) },
        { match: 'partial', count: mentions.length, list: () => mentions },
      ],
      max,
    );
  }
  return rankWords(engine, req, route, (ranked) => taken(ranked.ladder, max));
}

/** The tiers one after the other, as a page takes them, copied up to `max`. */
function taken(ladder: readonly Tier[], max: number): MatchOrder {
  const total = ladder.reduce((n, t) => n + t.count, 0);
  const gids = new Uint32Array(Math.min(total, max));
  const runs: MatchOrder['runs'] = [];
  let at = 0;
  for (const tier of ladder) {
    const n = Math.min(tier.count, gids.length - at);
    if (n <= 0) continue;
    const list = tier.list();
    for (let i = 0; i < n; i++) gids[at + i] = list[i]!;
    at += n;
    runs.push({ match: tier.match, end: at });
  }
  return { total, gids, runs };
}
