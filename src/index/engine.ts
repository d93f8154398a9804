// The loaded index: documents with their text, passages in one global order,
// the retrieval (FlexSearch and the bigram lists in memory, or SQL on
// PostgreSQL), and tables derived from them. Built by build.ts, loaded by
// store.ts or pgStore.ts; read by search, quote, http, cli.

import { CodePointIndex } from '../analysis/codepoints.js';
import type { Segmenter } from '../analysis/segmenter.js';
import type { Encoding } from '../ingest/decode.js';
import type { Passage, Role, TranscriptDocument } from '../parse/types.js';
import type { Retrieval } from './retrieval.js';
import { saidOrder, unitTables, type SaidOrder, type Units } from './units.js';

export interface IndexedDocument extends TranscriptDocument {
  /** Source file, relative to the corpus folder. */
  path: string;
  sha256: string;
  encoding: Encoding;
}

export interface IndexedPassage extends Passage {
  /** Global passage number: the id inside the indexes. */
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

export interface ManifestFile {
  path: string;
  sha256: string;
  bytes: number;
  /** Modification time when indexed: an unchanged size and time spare re-hashing the file. */
  mtimeMs: number;
  id: string;
}

export interface Manifest {
  formatVersion: number;
  analyzerVersion: number;
  corpusFingerprint: string;
  builtAt: string;
  documents: number;
  passages: number;
  files: ManifestFile[];
  /** Files not indexed, and why (binary, empty, too large, undecodable). */
  refused: Array<{ path: string; code: string; message: string }>;
  /** Words taught to the segmenter (names, organisations), so queries segment like the index did. */
  userWords: string[];
}

export interface EngineParts {
  manifest: Manifest;
  docs: IndexedDocument[];
  passages: IndexedPassage[];
  retrieval: Retrieval;
  /** Normalized passage bodies without punctuation or spaces, by gid. */
  compactBodies: string[];
  segmenter: Segmenter;
  /** Short forms users added in the corpus folder's synonyms.tsv, when the index was opened from it. */
  synonymGroups?: string[][];
}

export interface Engine extends EngineParts {
  docById: Map<string, number>;
  averageBodyLength: number;
  /**
   * Turns: a passage and the unlabelled paragraphs that continue it (same
   * speaker, same mode). By gid, the turn's first and last gid; a quote may
   * run from one paragraph of a turn into the next.
   */
  turnFirst: Int32Array;
  turnLast: Int32Array;
  /** By gid: the document's date as YYYYMMDD, 0 when it has none. */
  dateCode: Uint32Array;
  codePoints: CodePointIndex[];
  speakers: Map<string, SpeakerProfile>;
  topics: Map<string, number>;
  facetTables: FacetTables;
  /** Exchanges and turns, what each outlet asked, documents newest first. */
  units: Units;
  /** Each speaker's passages, answers and statements first, newest first. */
  saidOrder: SaidOrder;
  /** Stops the query segmenter's thread and the store's connections. */
  close(): Promise<void>;
}

/** Speakers and topics by number, per passage, for counting facets without string keys. */
export interface FacetTables {
  speakerNames: string[];
  /** Name → index into speakerNames. */
  speakerIds: Map<string, number>;
  /** By gid: index into speakerNames, -1 for none. */
  speakerOf: Int32Array;
  topicNames: string[];
  /** Topics of passage g: topicIds[topicStart[g] .. topicStart[g + 1]). */
  topicStart: Uint32Array;
  topicIds: Uint32Array;
}

export function passageId(doc: IndexedDocument, p: Passage): string {
  return `${doc.id}:p${p.n}`;
}

export function createEngine(parts: EngineParts): Engine {
  const { docs, passages, compactBodies } = parts;
  const averageBodyLength = compactBodies.reduce((n, b) => n + b.length, 0) / Math.max(1, compactBodies.length) || 1;
  const docDate = docs.map((d) => (d.date ? Number(d.date.replace(/-/gu, '')) : 0));
  const turnTables = turns(passages);
  const facets = facetTables(passages);
  const units = unitTables(docs, passages, turnTables.turnFirst);
  return {
    ...parts,
    docById: new Map(docs.map((d, i) => [d.id, i])),
    averageBodyLength,
    ...turnTables,
    dateCode: Uint32Array.from(passages, (p) => docDate[p.doc]!),
    codePoints: docs.map((d) => new CodePointIndex(d.text)),
    speakers: speakerProfiles(docs, passages),
    topics: topicCounts(passages),
    facetTables: facets,
    units,
    saidOrder: saidOrder(passages, facets.speakerOf, facets.speakerNames.length, units),
    close: async () => {
      await Promise.all([parts.segmenter.close(), parts.retrieval.close()]);
    },
  };
}

function facetTables(passages: IndexedPassage[]): FacetTables {
  const speakerIds = new Map<string, number>();
  const topicIdsByName = new Map<string, number>();
  const speakerOf = new Int32Array(passages.length);
  const topicStart = new Uint32Array(passages.length + 1);
  const ids: number[] = [];
  passages.forEach((p, g) => {
    const name = p.speaker?.name;
    if (name === undefined) speakerOf[g] = -1;
    else {
      if (!speakerIds.has(name)) speakerIds.set(name, speakerIds.size);
      speakerOf[g] = speakerIds.get(name)!;
    }
    topicStart[g] = ids.length;
    for (const t of p.topics) {
      if (!topicIdsByName.has(t)) topicIdsByName.set(t, topicIdsByName.size);
      ids.push(topicIdsByName.get(t)!);
    }
  });
  topicStart[passages.length] = ids.length;
  return {
    speakerNames: [...speakerIds.keys()],
    speakerIds,
    speakerOf,
    topicNames: [...topicIdsByName.keys()],
    topicStart,
    topicIds: Uint32Array.from(ids),
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
