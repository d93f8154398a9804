// A search's every match as rows of data, for a spreadsheet or a notebook:
// the passage as /api/search shows it (offsets in code points), flattened to
// what a table needs, with a permalink. Rows are built a page at a time from
// the ordered passage numbers, so an export never holds its rows or texts.

import { passagesAt, spansOf, type Engine, type IndexedPassage } from '../index/engine.js';
import type { Texts } from '../index/texts.js';
import type { Speaker } from '../parse/types.js';
import { passageUrl } from '../quote/citation.js';
import { matchOrder } from '../search/matchOrder.js';
import { presentPassage } from '../search/present.js';
import type { SearchHit, SearchRequest } from '../search/search.js';

export interface ResultRow {
  /** Place in the result set, from 1, as the pages of /api/search give it. */
  rank: number;
  /** The passage id, as /api/search's hits: <doc id>:p<n>. */
  id: string;
  document: { id: string; title: string };
  date: string | null;
  speaker: Speaker | null;
  kind: SearchHit['kind'];
  mode: SearchHit['mode'];
  attribution: SearchHit['attribution'];
  match: SearchHit['match'];
  text: string;
  /** Offsets in the document's text, in Unicode code points. */
  start: number;
  end: number;
  bodyStart: number;
  exchange: { question: string; answeredBy: string | null; outlet: string } | null;
  topics: string[];
  /** The passage in the page's transcript view: <base>/documents/<doc id>#p<n>. */
  permalink: string;
}

export interface ResultSet {
  /** Every match, as /api/search counts them. */
  total: number;
  /** The rows this export holds: the first `max` of them. */
  rows: number;
  truncated: boolean;
  /** The rows in order, `size` at a time; each page is built (and its texts fetched) when it is asked for. */
  pages(size: number): AsyncGenerator<ResultRow[]>;
}

export interface ResultSetOptions {
  /** At most this many rows. */
  max: number;
  /** Origin the permalinks point to, without a trailing slash. */
  baseUrl: string;
}

export async function openResultSet(engine: Engine, req: SearchRequest, { max, baseUrl }: ResultSetOptions): Promise<ResultSet> {
  const { total, gids, runs } = await matchOrder(engine, req, max);
  return {
    total,
    rows: gids.length,
    truncated: gids.length < total,
    async *pages(size) {
      let run = 0;
      for (let from = 0; from < gids.length; from += size) {
        const to = Math.min(from + size, gids.length);
        const passages = await passagesAt(engine, gids.subarray(from, to));
        const texts = await engine.texts.fetchSpans(spansOf(passages));
        const page: ResultRow[] = [];
        for (let i = from; i < to; i++) {
          while (i >= runs[run]!.end) run++;
          page.push(resultRow(engine, texts, passages[i - from]!, i + 1, runs[run]!.match, baseUrl));
        }
        yield page;
      }
    },
  };
}

export function resultRow(engine: Engine, texts: Texts, passage: IndexedPassage, rank: number, match: SearchHit['match'], baseUrl: string): ResultRow {
  const p = presentPassage(engine, texts, passage);
  const ex = p.exchange;
  return {
    rank,
    id: p.id,
    document: { id: p.doc.id, title: p.doc.title },
    date: p.doc.date,
    speaker: p.speaker,
    kind: p.kind,
    mode: p.mode,
    attribution: p.attribution,
    match,
    text: p.text,
    start: p.start,
    end: p.end,
    bodyStart: p.bodyStart,
    exchange: ex ? { question: ex.question, answeredBy: ex.answeredBy?.name ?? null, outlet: ex.outlet } : null,
    topics: p.topics,
    permalink: passageUrl(baseUrl, p.doc.id, p.anchor),
  };
}
