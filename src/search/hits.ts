// One search hit: the passage as the API shows it, with its marks and snippet
// on the original characters (offsets in code points).

import { DEFAULTS } from '../config.js';
import { passagesAt, spansOf, type Engine, type IndexedPassage } from '../index/engine.js';
import type { Texts } from '../index/texts.js';
import type { Span } from '../parse/types.js';
import { findMarks, highlightHtml, snippetWindow } from './highlight.js';
import { presentPassage, toCodePoints } from './present.js';
import type { SearchHit, SearchResponse } from './search.js';

/** `texts` holds the passage's span (engine.texts.fetchSpans). */
export function hit(engine: Engine, texts: Texts, p: IndexedPassage, score: number, marksOf: string[], match: SearchHit['match']): SearchHit {
  // Marks and the snippet are found in the passage's own characters, offsets then moved back into the document.
  const at = p.span.start;
  const text = texts.slice(p.doc, at, p.span.end);
  const marks = findMarks(text, { start: p.bodyStart - at, end: p.span.end - at }, marksOf);
  const window = snippetWindow(text, { start: 0, end: text.length }, marks, DEFAULTS.search.snippetChars);
  const html = highlightHtml(text, window, marks);
  const inDocument = (s: Span): Span => ({ start: s.start + at, end: s.end + at });
  // Fields added to the passage object, not spread into a new literal: V8 keeps the young objects of
  // {...passage, more} alive through a scavenge (~4 MB a scavenge at 100 MB, 3-7 ms pauses, measured).
  return Object.assign(presentPassage(engine, texts, p), {
    highlight: (window.start > 0 ? '…' : '') + html + (window.end < text.length ? '…' : ''),
    marks: marks.map((m) => toCodePoints(texts, p.doc, inDocument(m))),
    snippet: toCodePoints(texts, p.doc, inDocument(window)),
    score: Math.round(score * 10000) / 10000,
    match,
  });
}

/** A hit to show: its passage, score and how it matched. */
export interface HitPick {
  gid: number;
  score: number;
  match: SearchHit['match'];
}

/** Passages shown in their order, unscored (browsing, names). */
export function unscored(gids: ArrayLike<number>, match: SearchHit['match']): HitPick[] {
  return Array.from(gids, (gid) => ({ gid, score: 0, match }));
}

/** A page as its path picked it: the response without its hits, the hits to make, what their marks look for. */
export interface PickedPage {
  response: Omit<SearchResponse, 'hits' | 'took_ms'>;
  picks: HitPick[];
  marksOf?: string[];
}

/** The response of a picked page: its hits made with the texts of their passages, fetched once; timed from `t0`. */
export async function respond(engine: Engine, page: PickedPage, t0: number): Promise<SearchResponse> {
  // Each passage read once (on PostgreSQL a view of its document's columns), for its span and its hit.
  const passages = await passagesAt(engine, page.picks.map((p) => p.gid));
  const texts = await engine.texts.fetchSpans(spansOf(passages));
  const hits = page.picks.map((p, i) => hit(engine, texts, passages[i]!, p.score, page.marksOf ?? [], p.match));
  const { query, total, understood, matching, facets } = page.response;
  return { query, total, took_ms: Math.round((performance.now() - t0) * 100) / 100, understood, matching, hits, facets };
}
