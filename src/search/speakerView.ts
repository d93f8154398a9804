// Who said what: one speaker's profile, their passages in document order, and
// the questions they answered with the outlets that asked them; a page of each.

import { createError } from '../errors.js';
import { speakerEntry } from './speakerNames.js';
import { passagesAt, spansOf, type Engine, type IndexedPassage, type TitleSpan } from '../index/engine.js';
import type { Passage } from '../parse/types.js';
import { docRef, presentPassage, type PublicPassage } from './present.js';

export interface AnsweredQuestion {
  question: string;
  doc: { id: string; title: string; date: string | null };
  askedBy: { name: string; org: string } | null;
  text: string;
  answers: string[];
}

export interface SpeakerView {
  speaker: {
    name: string;
    titles: string[];
    orgs: string[];
    role: string;
    passageCount: number;
    documents: Array<{ id: string; title: string; date: string | null }>;
    /** Other spellings of the entry, when there are any. */
    aliases?: string[];
    /** A person's titles by date, when there were several. */
    timeline?: TitleSpan[];
  };
  total: number;
  passages: PublicPassage[];
  /** The questions answered, in document order: the same page (offset, limit) of them as of the passages. */
  answered: AnsweredQuestion[];
  answeredTotal: number;
  outlets: Array<{ name: string; count: number }>;
}

/** By document number: its place in document order (date, undated first, then id), made once per engine. */
const documentRanks = new WeakMap<Engine, Uint32Array>();

function documentRank(engine: Engine): Uint32Array {
  let rank = documentRanks.get(engine);
  if (!rank) {
    const order = engine.docs.map((_, i) => i);
    order.sort((a, b) => {
      const da = engine.docs[a]!;
      const db = engine.docs[b]!;
      return (da.date ?? '').localeCompare(db.date ?? '') || da.id.localeCompare(db.id);
    });
    rank = new Uint32Array(order.length);
    order.forEach((d, at) => (rank![d] = at));
    documentRanks.set(engine, rank);
  }
  return rank;
}

/**
 * The entry's passages in document order. They are read from saidOrder, which lists each entry's, and
 * sorted by number: filtering all passages and comparing dates and ids as strings took 54 ms of the
 * event loop for a spokesperson's 45,000 at 100 MB on PostgreSQL (19-23 ms embedded).
 */
function passagesInDocumentOrder(engine: Engine, id: number): Promise<IndexedPassage[]> {
  const { gids, start } = engine.saidOrder;
  const rank = documentRank(engine);
  // Within a document, gids follow the passages' numbers.
  const ordered = Array.from(gids.subarray(start[id]!, start[id + 1]!)).sort((a, b) => rank[engine.docOf[a]!]! - rank[engine.docOf[b]!]! || a - b);
  return passagesAt(engine, ordered);
}

/** Any spelling of the entry opens it: 共同社, 日本共同社记者 and 共同社记者 are one page. */
export async function speakerView(engine: Engine, asked: string, page: { limit: number; offset: number }): Promise<SpeakerView> {
  const name = speakerEntry(engine, asked);
  const profile = name === undefined ? undefined : engine.speakers.get(name);
  if (name === undefined || !profile) throw createError('SPEAKER_NOT_FOUND', asked);
  const { speakerIds } = engine.facetTables;
  const mine = await passagesInDocumentOrder(engine, speakerIds.get(name)!);
  const labels = new Set(engine.aliases.labels.get(name) ?? [name]);

  const shown = mine.slice(page.offset, page.offset + page.limit);
  const questions: Array<{ doc: number; q: Passage; answers: number[] }> = [];
  const outlets = new Map<string, number>();
  // An exchange by its document and number: a spokesperson's 45,000 passages built as many string keys.
  const seen = new Set<number>();
  for (const p of mine) {
    if (p.kind !== 'answer' || p.exchange === null) continue;
    const ex = engine.catalog.exchanges(p.doc)[p.exchange]!;
    const key = p.doc * 2 ** 21 + p.exchange;
    if (seen.has(key) || ex.answeredBy === null || !labels.has(ex.answeredBy)) continue;
    seen.add(key);
    const q = engine.passages.at(engine.firstOf[p.doc]! + ex.question - 1)!;
    questions.push({ doc: p.doc, q, answers: ex.answers });
    // An outlet counted once, whichever spelling its reporter's label used.
    const org = q.speaker?.org;
    const outlet = (org && (engine.aliases.outletOf.get(org) ?? org)) || q.speaker?.name || '';
    if (outlet) outlets.set(outlet, (outlets.get(outlet) ?? 0) + 1);
  }

  // A spokesperson answered 19,580 questions at 100 MB: all of them were a 7 MB answer, and their texts.
  const shownQuestions = questions.slice(page.offset, page.offset + page.limit);
  const texts = await engine.texts.fetchSpans(spansOf([...shown, ...shownQuestions.map((x) => ({ doc: x.doc, span: x.q.span }))]));
  const answered: AnsweredQuestion[] = shownQuestions.map(({ doc: d, q, answers }) => {
    const doc = engine.docs[d]!;
    return {
      question: `${doc.id}:p${q.n}`,
      doc: docRef(doc),
      askedBy: q.speaker ? { name: q.speaker.name, org: q.speaker.org } : null,
      text: texts.slice(d, q.bodyStart, q.span.end),
      answers: answers.map((n) => `${doc.id}:p${n}`),
    };
  });
  return {
    speaker: {
      name: profile.name,
      titles: profile.titles,
      orgs: profile.orgs,
      role: profile.role,
      passageCount: profile.passages,
      documents: profile.documents.map((d) => docRef(engine.docs[engine.docById.get(d)!]!)),
      ...(profile.aliases ? { aliases: profile.aliases } : {}),
      ...(profile.timeline ? { timeline: profile.timeline } : {}),
    },
    total: mine.length,
    passages: shown.map((p) => presentPassage(engine, texts, p)),
    answered,
    answeredTotal: questions.length,
    outlets: [...outlets].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n, count]) => ({ name: n, count })),
  };
}
