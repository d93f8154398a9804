// One search hit: the passage as the API shows it, with its marks and snippet
// on the original characters (offsets in code points).

import { DEFAULTS } from '../config.js';
import type { Engine } from '../index/engine.js';
import { findMarks, highlightHtml, snippetWindow } from './highlight.js';
import { presentPassage, toCodePoints } from './present.js';
import type { SearchHit } from './search.js';

export function hit(engine: Engine, gid: number, score: number, marksOf: string[]): Omit<SearchHit, 'match'> {
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
