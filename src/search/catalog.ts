// Listings of documents, speakers and topics, and one document with all its passages.

import { passageCount, passagesOfDocument, type Engine, type SpeakerProfile } from '../index/engine.js';
import { codePointLength } from '../analysis/codepoints.js';
import type { Participant, RosterEntry, TranscriptFormat, TurnReport } from '../parse/types.js';
import { presentPassage, toCodePoints, type PublicPassage, type PublicSpan } from './present.js';

export interface DocumentSummary {
  id: string;
  title: string;
  event: string;
  date: string | null;
  format: TranscriptFormat;
  source: string;
  path: string;
  /** indexed: with or without warnings; refused files are listed apart (see listRefused). */
  status: 'indexed';
  encoding: string;
  passageCount: number;
  warnings: string[];
}

export interface DocumentView extends DocumentSummary {
  reporter: string | null;
  editor: string | null;
  participants: Participant[];
  /** Everyone the document names as speaking or presiding, with where each was found (code points). */
  roster: Array<Omit<RosterEntry, 'found'> & { found: Array<{ in: RosterEntry['found'][number]['in'] } & PublicSpan> }>;
  /** How the turns were found: passages per attribution, labelled lines per shape. */
  turns: TurnReport;
  text: string;
  /** Length of `text` in code points. */
  length: number;
  meta: Array<{ field: string; start: number; end: number }>;
  passages: PublicPassage[];
}

function summary(engine: Engine, i: number): DocumentSummary {
  const d = engine.docs[i]!;
  return {
    id: d.id,
    title: d.title,
    event: d.event,
    date: d.date,
    format: d.format,
    source: d.source,
    path: d.path,
    status: 'indexed',
    encoding: d.encoding,
    passageCount: passageCount(engine, i),
    warnings: d.warnings,
  };
}

export function listDocuments(engine: Engine): DocumentSummary[] {
  return engine.docs
    .map((_, i) => summary(engine, i))
    .sort((a, b) => (b.date ?? '').localeCompare(a.date ?? '') || a.id.localeCompare(b.id));
}

export async function documentView(engine: Engine, id: string): Promise<DocumentView | null> {
  const i = engine.docById.get(id);
  if (i === undefined) return null;
  const d = engine.docs[i]!;
  const [texts, { roster, turns, meta }] = await Promise.all([engine.texts.fetch([i]), engine.texts.details(i), engine.catalog.fetch([i])]);
  const text = texts.text(i);
  return {
    ...summary(engine, i),
    reporter: d.reporter,
    editor: d.editor,
    participants: d.participants,
    roster: roster.map((e) => ({ ...e, found: e.found.map((f) => ({ in: f.in, ...toCodePoints(texts, i, f) })) })),
    turns,
    text,
    length: codePointLength(text),
    meta: meta.map((m) => ({ field: m.field, ...toCodePoints(texts, i, m) })),
    passages: passagesOfDocument(engine, i).map((p) => presentPassage(engine, texts, p)),
  };
}

/** Files of the corpus that were not indexed, with the named reason. */
export function listRefused(engine: Engine): Array<{ path: string; status: 'refused'; code: string; message: string }> {
  return (engine.manifest.refused ?? []).map((r) => ({ path: r.path, status: 'refused', code: r.code, message: r.message }));
}

export function listSpeakers(engine: Engine): SpeakerProfile[] {
  return [...engine.speakers.values()].sort((a, b) => b.passages - a.passages || a.name.localeCompare(b.name));
}

export function listTopics(engine: Engine): Array<{ name: string; count: number }> {
  return [...engine.topics]
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([name, count]) => ({ name, count }));
}
