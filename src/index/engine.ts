// The loaded index: documents with their text, passages in one global order,
// the FlexSearch index and the tables derived from them. Built by build.ts or
// loaded by store.ts; read by search, quote, http and cli.

import { CodePointIndex } from '../analysis/codepoints.js';
import { matchForm } from '../analysis/normalize.js';
import type { Passage, Role, TranscriptDocument } from '../parse/types.js';
import type { PassageIndex } from './passageIndex.js';

export interface IndexedDocument extends TranscriptDocument {
  /** Source file, relative to the corpus folder. */
  path: string;
  sha256: string;
}

export interface IndexedPassage extends Passage {
  /** Global passage number: the id inside FlexSearch. */
  gid: number;
  /** Index into Engine.docs. */
  doc: number;
  topics: string[];
}

export interface SpeakerProfile {
  name: string;
  titles: string[];
  orgs: string[];
  role: Role;
  passages: number;
  documents: string[];
}

export interface Manifest {
  formatVersion: number;
  analyzerVersion: number;
  corpusFingerprint: string;
  builtAt: string;
  documents: number;
  passages: number;
  files: Array<{ path: string; sha256: string; bytes: number; id: string }>;
  /** Words taught to the segmenter (names, organisations), so queries segment like the index did. */
  userWords: string[];
}

export interface Engine {
  manifest: Manifest;
  docs: IndexedDocument[];
  docById: Map<string, number>;
  passages: IndexedPassage[];
  /** Normalized passage bodies without punctuation or spaces, by gid: what phrases are checked against. */
  compactBodies: string[];
  averageBodyLength: number;
  /**
   * Turns: a passage and the unlabelled paragraphs that continue it (same
   * speaker, same mode). turnFirst/turnLast give, by gid, the turn's first and
   * last gid; a quote may run from one paragraph of a turn into the next.
   */
  turnFirst: Int32Array;
  turnLast: Int32Array;
  codePoints: CodePointIndex[];
  index: PassageIndex;
  speakers: Map<string, SpeakerProfile>;
  topics: Map<string, number>;
}

export function passageId(doc: IndexedDocument, p: Passage): string {
  return `${doc.id}:p${p.n}`;
}

export function createEngine(manifest: Manifest, docs: IndexedDocument[], passages: IndexedPassage[], index: PassageIndex): Engine {
  const docById = new Map(docs.map((d, i) => [d.id, i]));
  const compactBodies = passages.map((p) => matchForm(docs[p.doc]!.text.slice(p.bodyStart, p.span.end)));
  const codePoints = docs.map((d) => new CodePointIndex(d.text));
  const averageBodyLength = compactBodies.reduce((n, b) => n + b.length, 0) / Math.max(1, compactBodies.length) || 1;
  const { turnFirst, turnLast } = turns(passages);
  return {
    manifest,
    docs,
    docById,
    passages,
    compactBodies,
    averageBodyLength,
    turnFirst,
    turnLast,
    codePoints,
    index,
    speakers: speakerProfiles(docs, passages),
    topics: topicCounts(passages),
  };
}

function continuesTurn(prev: IndexedPassage, p: IndexedPassage): boolean {
  return (
    prev.doc === p.doc &&
    p.bodyStart === p.span.start &&
    p.kind !== 'heading' &&
    p.kind !== 'note' &&
    prev.mode === p.mode &&
    prev.speaker?.name === p.speaker?.name
  );
}

function turns(passages: IndexedPassage[]): { turnFirst: Int32Array; turnLast: Int32Array } {
  const turnFirst = new Int32Array(passages.length);
  const turnLast = new Int32Array(passages.length);
  let first = 0;
  for (let g = 0; g < passages.length; g++) {
    if (g > 0 && !continuesTurn(passages[g - 1]!, passages[g]!)) first = g;
    turnFirst[g] = first;
  }
  let last = passages.length - 1;
  for (let g = passages.length - 1; g >= 0; g--) {
    if (g < passages.length - 1 && turnFirst[g + 1] !== turnFirst[g]) last = g;
    turnLast[g] = last;
  }
  return { turnFirst, turnLast };
}

function speakerProfiles(docs: IndexedDocument[], passages: IndexedPassage[]): Map<string, SpeakerProfile> {
  const out = new Map<string, SpeakerProfile>();
  for (const p of passages) {
    const s = p.speaker;
    if (!s) continue;
    let prof = out.get(s.name);
    if (!prof) {
      prof = { name: s.name, titles: [], orgs: [], role: s.role, passages: 0, documents: [] };
      out.set(s.name, prof);
    }
    prof.passages++;
    if (s.title && !prof.titles.includes(s.title)) prof.titles.push(s.title);
    if (s.org && !prof.orgs.includes(s.org)) prof.orgs.push(s.org);
    const docId = docs[p.doc]!.id;
    if (prof.documents[prof.documents.length - 1] !== docId && !prof.documents.includes(docId)) prof.documents.push(docId);
  }
  return out;
}

function topicCounts(passages: IndexedPassage[]): Map<string, number> {
  const out = new Map<string, number>();
  for (const p of passages) for (const t of p.topics) out.set(t, (out.get(t) ?? 0) + 1);
  return out;
}
