// Figures stated near a subject: for the passages that mention the subject,
// the numbers with units in the same clause (减税降费超10.2亿元), so that what
// different officials said about one subject can be set side by side. A page
// of passages at a time, newest first: 中国 is mentioned in 123,000 passages at
// 100 MB, and their 34,000 figures were a 23 MB answer that fetched every text.

import { findFigures } from '../analysis/figures.js';
import { matchForm, normalize } from '../analysis/normalize.js';
import { createError } from '../errors.js';
import { passagesAt, spansOf, type Engine } from '../index/engine.js';
import type { Speaker } from '../parse/types.js';
import { DEFAULTS } from '../config.js';
import { newestFirst } from './browse.js';
import { findMarks } from './highlight.js';
import { docRef, toCodePoints } from './present.js';

export interface StatedFigure {
  figure: string;
  number: string;
  unit: string;
  qualifier: string;
  /** The clause the figure was stated in, as written. */
  context: string;
  passage: string;
  doc: { id: string; title: string; date: string | null };
  speaker: Speaker | null;
  mode: 'direct' | 'reported' | null;
  /** Code point offsets of the figure in the document. */
  start: number;
  end: number;
}

export interface FiguresResponse {
  subject: string;
  /** Passages that mention the subject: what offset and limit page through. */
  total: number;
  offset: number;
  limit: number;
  /** The figures stated in this page's passages, in their order. */
  figures: StatedFigure[];
  bySpeaker: Array<{ speaker: string; figures: StatedFigure[] }>;
}

const CLAUSE_END = /[，,；;。！？!?]/u;
const SENTENCE_END = /[。！？!?]/u;

function clauseAround(text: string, from: number, to: number, limitStart: number, limitEnd: number): { start: number; end: number } {
  let start = from;
  while (start > limitStart && !CLAUSE_END.test(text[start - 1]!)) start--;
  let end = to;
  while (end < limitEnd && !CLAUSE_END.test(text[end]!)) end++;
  return { start, end };
}

export interface FiguresPage {
  /** Passages, newest document first. */
  limit: number;
  offset: number;
}

export async function figuresNear(engine: Engine, subject: string, { limit, offset }: FiguresPage = DEFAULTS.figures): Promise<FiguresResponse> {
  const needle = matchForm(subject);
  if (needle.length < 2) throw createError('QUERY_EMPTY');
  const figures: StatedFigure[] = [];
  const matches = await engine.retrieval.substringMatches(needle);
  const shown = newestFirst(engine, matches).subarray(offset, offset + limit);
  const passages = await passagesAt(engine, shown);
  const texts = await engine.texts.fetchSpans(spansOf(passages));
  for (const p of passages) {
    const doc = engine.docs[p.doc]!;
    // The passage's own characters: offsets below are into them, `at` moves them back into the document.
    const at = p.span.start;
    const text = texts.slice(p.doc, at, p.span.end);
    const bodyStart = p.bodyStart - at;
    for (const mark of findMarks(text, { start: bodyStart, end: text.length }, [needle])) {
      let clause = clauseAround(text, mark.start, mark.end, bodyStart, text.length);
      let found = findFigures(text.slice(clause.start, clause.end), normalize(text.slice(clause.start, clause.end)));
      // "减税降费规模，达到…亿元": the figure may follow in the next clause of the same sentence.
      if (found.length === 0 && clause.end < text.length && !SENTENCE_END.test(text[clause.end]!)) {
        clause = clauseAround(text, clause.end + 1, clause.end + 1, clause.end + 1, text.length);
        found = findFigures(text.slice(clause.start, clause.end), normalize(text.slice(clause.start, clause.end)));
      }
      for (const f of found) {
        const span = toCodePoints(texts, p.doc, { start: at + clause.start + f.start, end: at + clause.start + f.end });
        figures.push({
          figure: f.text,
          number: f.number,
          unit: f.unit,
          qualifier: f.qualifier,
          context: text.slice(clause.start, clause.end),
          passage: `${doc.id}:p${p.n}`,
          doc: docRef(doc),
          speaker: p.speaker,
          mode: p.mode,
          start: span.start,
          end: span.end,
        });
      }
    }
  }
  const groups = new Map<string, StatedFigure[]>();
  for (const f of figures) {
    const key = f.speaker?.name ?? '';
    groups.set(key, [...(groups.get(key) ?? []), f]);
  }
  return {
    subject,
    total: matches.length,
    offset,
    limit,
    figures,
    bySpeaker: [...groups].map(([speaker, list]) => ({ speaker, figures: list })),
  };
}
