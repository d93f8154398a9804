// The public shapes of documents, passages and exchanges. Offsets leave here
// as Unicode code points; inside they are UTF-16 code units.

import { passageId, type Engine, type EngineDocument, type IndexedPassage } from '../index/engine.js';
import type { Texts } from '../index/texts.js';
import type { Exchange, Span, Speaker } from '../parse/types.js';

export interface PublicSpan {
  start: number;
  end: number;
}

export interface PublicExchange {
  question: string;
  answers: string[];
  answeredBy: { name: string } | null;
  addressee: { name: string } | null;
  outlet: string;
}

export interface PublicPassage {
  id: string;
  anchor: string;
  doc: { id: string; title: string; date: string | null };
  speaker: Speaker | null;
  kind: IndexedPassage['kind'];
  mode: IndexedPassage['mode'];
  /** How the speaker was decided (label, continuation, answer-marker…); for speaker null, why there is none. */
  attribution: IndexedPassage['attribution'];
  text: string;
  /** Where the spoken words begin, after the speaker label. */
  bodyStart: number;
  start: number;
  end: number;
  topics: string[];
  exchange: PublicExchange | null;
}

export function toCodePoints(texts: Texts, docIndex: number, span: Span): PublicSpan {
  const cp = texts.codePoints(docIndex);
  return { start: cp.toCodePoint(span.start), end: cp.toCodePoint(span.end) };
}

export function docRef(doc: EngineDocument): { id: string; title: string; date: string | null } {
  return { id: doc.id, title: doc.title, date: doc.date };
}

export function presentExchange(doc: EngineDocument, exchanges: readonly Exchange[], exchange: number | null): PublicExchange | null {
  if (exchange === null) return null;
  const ex = exchanges[exchange];
  if (!ex) return null;
  const id = (n: number) => `${doc.id}:p${n}`;
  return {
    question: id(ex.question),
    answers: ex.answers.map(id),
    answeredBy: ex.answeredBy ? { name: ex.answeredBy } : null,
    addressee: ex.addressee ? { name: ex.addressee } : null,
    outlet: ex.outlet,
  };
}

/** `texts` holds the passage's span (engine.texts.fetchSpans); `p` was read after engine.catalog fetched its document. */
export function presentPassage(engine: Engine, texts: Texts, p: IndexedPassage): PublicPassage {
  const doc = engine.docs[p.doc]!;
  const span = toCodePoints(texts, p.doc, p.span);
  return {
    id: passageId(doc, p),
    anchor: `p${p.n}`,
    doc: docRef(doc),
    speaker: p.speaker,
    kind: p.kind,
    mode: p.mode,
    attribution: p.attribution,
    text: texts.slice(p.doc, p.span.start, p.span.end),
    bodyStart: texts.codePoints(p.doc).toCodePoint(p.bodyStart),
    start: span.start,
    end: span.end,
    topics: p.topics,
    exchange: presentExchange(doc, engine.catalog.exchanges(p.doc), p.exchange),
  };
}
