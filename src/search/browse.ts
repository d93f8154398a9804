// A search with filters and no words (/?topic=营商环境, /?speaker=华春莹&kind=answer):
// every passage the filters let through, newest document first and in document
// order within one, with the same facets, paging and hit shape as a search.

import { DEFAULTS } from '../config.js';
import type { Engine } from '../index/engine.js';
import { facetsOf } from './facets.js';
import { dateFilter, filterLists, setsFor, type SearchFilters } from './filters.js';
import { respond, unscored } from './hits.js';
import { orderByKey } from './relax.js';
import type { SearchResponse } from './search.js';

export async function browse(engine: Engine, req: SearchFilters & { limit?: number | undefined; offset?: number | undefined }, t0: number): Promise<SearchResponse> {
  const page = await browseOrder(engine, req, (order, matched) => {
    const offset = req.offset ?? 0;
    const limit = req.limit ?? DEFAULTS.search.limit;
    const response = {
      query: '',
      total: order.length,
      understood: { speakers: [], outlets: [], words: [], phrases: [], dropped: [], synonyms: {} },
      matching: { passage: order.length, exchange: 0, partial: 0, matched: [], relaxed: [] },
      facets: facetsOf(engine, matched),
    };
    return { response, picks: unscored(order.subarray(offset, offset + limit), 'passage') };
  });
  return respond(engine, page, t0);
}

/**
 * Every passage the filters let through: in browsing order (an array of its own) and as matched
 * (ascending; a view of the scratch sets, hence handed to `use` before anything awaits).
 */
export async function browseOrder<T>(engine: Engine, req: SearchFilters, use: (order: Uint32Array, matched: Uint32Array) => T): Promise<T> {
  const lists = await filterLists(engine, req);
  const inDates = dateFilter(engine, req);
  let matched: Uint32Array;
  if (lists.length === 0) {
    // Dates alone: a walk over the passages' date codes.
    const out: number[] = [];
    for (let g = 0; g < engine.passages.length; g++) if (inDates!(g)) out.push(g);
    matched = Uint32Array.from(out);
  } else {
    const sets = setsFor(engine);
    sets.begin();
    for (const spellings of lists) {
      sets.next();
      for (const list of spellings) sets.meet(list);
    }
    matched = sets.matches(inDates ?? (() => true));
  }
  return use(newestFirst(engine, matched), matched);
}

/** Passages (ascending) newest document first, in document order within one: an array of its own. */
export function newestFirst(engine: Engine, ascending: ArrayLike<number>): Uint32Array {
  const { docAge } = engine.units;
  const newest = engine.docs.length;
  return orderByKey(ascending, (g) => newest - 1 - docAge[engine.docOf[g]!]!, newest, () => 0, true);
}
