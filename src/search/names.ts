// A query of speakers' names alone and no filter (汪文斌; 外交部发言人, an office:
// everyone who held it): what they said, answers and statements first and newest
// first, then the passages that mention them. Counted, paged and faceted from the
// engine's per-speaker tables, so the ~140,000 passages of an office at 100 MB
// are never gathered; the same answer as the general path gives (search.ts).

import { matchForm } from '../analysis/normalize.js';
import { DEFAULTS } from '../config.js';
import type { Engine } from '../index/engine.js';
import { facetsOf, saidFacets } from './facets.js';
import { respond, unscored } from './hits.js';
import type { SearchResponse } from './search.js';
import { speakerSpellings } from './speakerNames.js';
import { mentionsOf, saidView, speakerNumbers, type SaidView } from './tiers.js';
import type { Understood } from './understand.js';

export async function searchNames(
  engine: Engine,
  understood: Understood,
  req: { q: string; limit?: number | undefined; offset?: number | undefined },
  t0: number,
): Promise<SearchResponse> {
  const { whoIds, said, mentions } = await namesOrder(engine, understood);
  const offset = req.offset ?? 0;
  const limit = req.limit ?? DEFAULTS.search.limit;
  const first = said.page(offset, limit);
  const rest = mentions.subarray(Math.max(0, offset - said.count), Math.max(0, offset - said.count) + limit - first.length);
  const response = {
    query: req.q.trim(),
    total: said.count + mentions.length,
    understood: { ...understood, synonyms: {} },
    matching: { passage: said.count, exchange: 0, partial: mentions.length, matched: [], relaxed: [] },
    facets: said.count ? saidFacets(engine, whoIds) : facetsOf(engine, mentions),
  };
  return respond(engine, { response, picks: [...unscored(first, 'passage'), ...unscored(rest, 'partial')] }, t0);
}

/** What the named speakers said (a view of the engine's tables), then the passages that mention them (the query's own array). */
export async function namesOrder(engine: Engine, understood: Understood): Promise<{ whoIds: number[]; said: SaidView; mentions: Uint32Array }> {
  const whoIds = speakerNumbers(engine, understood.speakers.flatMap((n) => speakerSpellings(engine, n)));
  const lists = await Promise.all(understood.speakers.map((n) => engine.retrieval.substringMatches(matchForm(n))));
  const { speakerOf } = engine.facetTables;
  const said = saidView(engine, [...new Set(whoIds)]);
  // A passage one of them said is listed among what they said, not again among the mentions.
  const mentions = mentionsOf(lists, (g) => whoIds.includes(speakerOf[g]!));
  return { whoIds, said, mentions };
}
