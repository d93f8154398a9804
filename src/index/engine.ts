// The loaded index: documents, passages in one global order, the retrieval
// (FlexSearch and the bigram lists in memory, or SQL on PostgreSQL), the
// passages, exchanges, texts and bodies (held, or fetched for what a response
// reads), and tables derived from them. Built by embedded/build.ts, loaded
// by embedded/store.ts or postgres/store.ts; read by search, quote, http, cli.

import { matchForm } from '../analysis/normalize.js';
import type { Segmenter } from '../analysis/segmenter.js';
import type { Encoding } from '../ingest/decode.js';
import type { Exchange, Passage, Role, TranscriptDocument } from '../parse/types.js';
import type { Retrieval } from './retrieval.js';
import type { BodySource } from './bodies.js';
import type { DocSpan, TextSource } from './texts.js';
import { speakerAliases, type SpeakerAliases } from './aliases.js';
import { saidOrder, unitTables, type SaidOrder, type Units } from './units.js';

/** What only a document's own view reads (who it names and where, how its turns were found, its metadata lines). */
export type DocumentDetails = Pick<TranscriptDocument, 'roster' | 'turns' | 'meta'>;

/**
 * The documents' details, by document number: kept apart from the documents, so that opening an index
 * does not parse them (at 100 MB they were 15 of the catalog's 30 MB of JSON, ~0.2 s of every start).
 */
export interface DetailsTable {
  readonly length: number;
  get(doc: number): DocumentDetails;
}

export interface IndexedDocument extends Omit<TranscriptDocument, keyof DocumentDetails> {
  /** Source file, relative to the corpus folder. */
  path: string;
  sha256: string;
  encoding: Encoding;
}

/**
 * A document as the engine serves it: its text is read through Engine.texts (fetched, where the store
 * keeps it), its passages through Engine.passages from Engine.firstOf (a store may hold no passage objects)
 * and its exchanges through Engine.catalog, once fetched there.
 */
export type EngineDocument = Omit<IndexedDocument, 'text' | 'passages' | 'exchanges'>;

/** A document with its exchanges: what an index holds in memory, and what its tables are derived from. */
export type WholeDocument = EngineDocument & Pick<IndexedDocument, 'exchanges'>;

/**
 * The documents' passages and exchanges, which a response reads for what it shows. A store that holds
 * them all answers at once; PostgreSQL's fetches a document's row when a response first needs it (its
 * passages' columns were 18 MB and its exchanges 6.5 MB of every server's start at 100 MB) and keeps it.
 */
export interface Catalog {
  /** Makes the passages (Engine.passages.at) and exchanges of `docs` readable without waiting. */
  fetch(docs: Iterable<number>): Promise<void>;
  /** A fetched document's exchanges. */
  exchanges(doc: number): readonly Exchange[];
}

/** The catalog of documents held whole: nothing to fetch. */
export function heldCatalog(docs: readonly WholeDocument[]): Catalog {
  return { fetch: () => Promise.resolve(), exchanges: (doc) => docs[doc]!.exchanges };
}

export interface IndexedPassage extends Passage {
  /** Global passage number: the id inside the indexes. */
  gid: number;
  /** Index into Engine.docs. */
  doc: number;
  topics: string[];
}

/**
 * The passages in gid order. An array serves; a store may instead build each passage when it is asked
 * for (columnPassage.ts), as PostgreSQL's does: 261,000 passage objects held at 100 MB were ~20 MB of
 * a server's heap. So a passage is read with at(), never by index, and is not compared by identity.
 */
export interface PassageTable {
  readonly length: number;
  at(gid: number): IndexedPassage | undefined;
  [Symbol.iterator](): Iterator<IndexedPassage>;
}

/** One entry: a person, or an outlet's reporters, under every spelling the transcripts use. */
export interface SpeakerProfile {
  name: string;
  titles: string[];
  /** An outlet's reporters: the outlet's canonical name alone. */
  orgs: string[];
  role: Role;
  /** Summed over every spelling. */
  passages: number;
  documents: string[];
  /** The other labels and outlet spellings the entry's passages are written under; absent when there are none. */
  aliases?: string[];
  /** A person's titles by date, present when they spoke under more than one. */
  timeline?: TitleSpan[];
}

export interface TitleSpan {
  title: string;
  org: string;
  /** Dates of the first and last documents with the title (YYYY-MM-DD), null when none is dated. */
  from: string | null;
  to: string | null;
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
  docs: EngineDocument[];
  /** The documents' texts and details, by document number, fetched for what a response shows. */
  texts: TextSource;
  /** Readable for a document once Engine.catalog has fetched it. */
  passages: PassageTable;
  catalog: Catalog;
  retrieval: Retrieval;
  /** Normalized passage bodies without punctuation or spaces, by gid, fetched for what a query reads. */
  bodies: BodySource;
  segmenter: Segmenter;
  /** Short forms users added in the corpus folder's synonyms.tsv, when the index was opened from it. */
  synonymGroups?: string[][];
  /** Names users joined in the corpus folder's aliases.tsv (the canonical first), besides the rules of aliasRules.ts. */
  aliasGroups?: string[][];
}

export interface Engine extends EngineParts {
  docById: Map<string, number>;
  /**
   * Turns: a passage and the unlabelled paragraphs that continue it (same
   * speaker, same mode). By gid, the turn's first and last gid; a quote may
   * run from one paragraph of a turn into the next.
   */
  turnFirst: Int32Array;
  turnLast: Int32Array;
  /** By gid: the passage's document (its `doc`), for loops over many passages that need no other field. */
  docOf: Uint32Array;
  /** By document: its first passage's gid; one more at the end. A document's passages are consecutive. */
  firstOf: Uint32Array;
  /** By gid: the document's date as YYYYMMDD, 0 when it has none. */
  dateCode: Uint32Array;
  /** One profile per entry (an outlet's spellings, a person's scripts and aliases.tsv names), by entry name. */
  speakers: Map<string, SpeakerProfile>;
  /** Which labels are one entry, and every spelling that asks for it. */
  aliases: SpeakerAliases;
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
  /** Entry names (Engine.speakers): every spelling counts toward its entry. */
  speakerNames: string[];
  /** Entry name → index into speakerNames; only the entry's name, so a list of its labels gives it once. */
  speakerIds: Map<string, number>;
  /** By gid: index into speakerNames (the passage's entry), -1 for none. */
  speakerOf: Int32Array;
  topicNames: string[];
  /** Topics of passage g: topicIds[topicStart[g] .. topicStart[g + 1]). */
  topicStart: Uint32Array;
  topicIds: Uint32Array;
}

/** Where these passages stand in their documents: what a response asks engine.texts.fetchSpans for. */
export function spansOf(passages: Iterable<Pick<IndexedPassage, 'doc' | 'span'>>): DocSpan[] {
  return Array.from(passages, (p) => ({ doc: p.doc, start: p.span.start, end: p.span.end }));
}

/** How many passages document `doc` has. */
export function passageCount(engine: Pick<Engine, 'firstOf'>, doc: number): number {
  return engine.firstOf[doc + 1]! - engine.firstOf[doc]!;
}

/** Document `doc`'s passage numbers, ascending: a document's passages are numbered in a row from its first. */
export function gidsOfDocument(engine: Pick<Engine, 'firstOf'>, doc: number): Uint32Array {
  const first = engine.firstOf[doc]!;
  return Uint32Array.from({ length: passageCount(engine, doc) }, (_, i) => first + i);
}

/** Document `doc`'s passages, in order; the document fetched (Engine.catalog). */
export function passagesOfDocument(engine: Pick<Engine, 'passages' | 'firstOf'>, doc: number): IndexedPassage[] {
  return Array.from(gidsOfDocument(engine, doc), (g) => engine.passages.at(g)!);
}

/** The passages `gids`, in their order, fetched from the store where it keeps them. */
export async function passagesAt(engine: Pick<Engine, 'passages' | 'docOf' | 'catalog'>, gids: ArrayLike<number>): Promise<IndexedPassage[]> {
  const docs = new Set<number>();
  for (let i = 0; i < gids.length; i++) docs.add(engine.docOf[gids[i]!]!);
  await engine.catalog.fetch(docs);
  return Array.from(gids, (g) => engine.passages.at(g)!);
}

export function passageId(doc: EngineDocument, p: Passage): string {
  return `${doc.id}:p${p.n}`;
}

/**
 * What createEngine derives from the documents, their passages and the alias groups: a pass over every
 * passage for each table (~0.8 s of a PostgreSQL server's start at 100 MB), so a store may keep them as
 * written when the index was (derivedTables.ts) and hand them to createEngine as they are.
 */
export type DerivedTables = Pick<Engine, 'docOf' | 'turnFirst' | 'turnLast' | 'aliases' | 'speakers' | 'facetTables' | 'units' | 'saidOrder'>;

/** Every document of `parts` must be fetched (Catalog.fetch). */
export function deriveTables(parts: Pick<EngineParts, 'docs' | 'passages' | 'catalog' | 'aliasGroups'>): DerivedTables {
  const { docs, passages, catalog } = parts;
  const docOf = new Uint32Array(passages.length);
  let g = 0;
  for (const p of passages) docOf[g++] = p.doc;
  const turnTables = turns(passages);
  return { docOf, ...turnTables, ...speakerTables(docs, passages, (d) => catalog.exchanges(d), docOf, turnTables.turnFirst, parts.aliasGroups) };
}

/** `derived`: the tables deriveTables gives for these parts, when the store kept them. */
export function createEngine(parts: EngineParts, derived: DerivedTables = deriveTables(parts)): Engine {
  const { docs } = parts;
  const docDate = docs.map((d) => (d.date ? Number(d.date.replace(/-/gu, '')) : 0));
  const { docOf } = derived;
  const dateCode = new Uint32Array(docOf.length);
  for (let g = 0; g < docOf.length; g++) dateCode[g] = docDate[docOf[g]!]!;
  // Counted when the topics are first listed (a pass over every passage's topics, ~30 ms of a start at 100 MB).
  let topics: Map<string, number> | undefined;
  return {
    ...parts,
    docById: new Map(docs.map((d, i) => [d.id, i])),
    ...derived,
    firstOf: firstOfDocs(docOf, docs.length),
    dateCode,
    get topics() {
      return (topics ??= topicCounts(derived.facetTables));
    },
    close: async () => {
      // The texts' and bodies' queries share the retrieval's pool, which it ends.
      await Promise.all([parts.segmenter.close(), parts.retrieval.close()]);
    },
  };
}

/** By document, its first passage's gid (passages come in document order, a document's together). */
function firstOfDocs(docOf: Uint32Array, docs: number): Uint32Array {
  const firstOf = new Uint32Array(docs + 1);
  for (const d of docOf) firstOf[d + 1]!++;
  for (let d = 0; d < docs; d++) firstOf[d + 1]! += firstOf[d]!;
  return firstOf;
}

type SpeakerTables = Pick<Engine, 'aliases' | 'speakers' | 'facetTables' | 'units' | 'saidOrder'>;

/** Everything that depends on which labels are one entry, derived from the labels as written. */
function speakerTables(docs: EngineDocument[], passages: PassageTable, exchangesOf: (doc: number) => readonly Exchange[], docOf: Uint32Array, turnFirst: Int32Array, groups: string[][] = []): SpeakerTables {
  const aliases = speakerAliases(docs.length, exchangesOf, passages, groups);
  const facets = facetTables(passages, aliases);
  const units = unitTables(docs, exchangesOf, passages, turnFirst, aliases.outletOf);
  return {
    aliases,
    speakers: speakerProfiles(docs, passages, aliases),
    facetTables: facets,
    units,
    // After the facet tables: a speaker's passages are those of every spelling of the entry.
    saidOrder: saidOrder(docOf, facets, units),
  };
}

function facetTables(passages: PassageTable, aliases: SpeakerAliases): FacetTables {
  const speakerIds = new Map<string, number>();
  const topicIdsByName = new Map<string, number>();
  const speakerOf = new Int32Array(passages.length);
  const topicStart = new Uint32Array(passages.length + 1);
  const ids: number[] = [];
  // Labels repeat on every passage: each label's entry number is looked up once.
  const idOfLabel = new Map<string, number>();
  let g = 0;
  for (const p of passages) {
    const label = p.speaker?.name;
    if (label === undefined) speakerOf[g] = -1;
    else {
      let id = idOfLabel.get(label);
      if (id === undefined) {
        const name = aliases.entryOf.get(label)!;
        if (!speakerIds.has(name)) speakerIds.set(name, speakerIds.size);
        idOfLabel.set(label, (id = speakerIds.get(name)!));
      }
      speakerOf[g] = id;
    }
    topicStart[g] = ids.length;
    for (const t of p.topics) {
      let id = topicIdsByName.get(t);
      if (id === undefined) topicIdsByName.set(t, (id = topicIdsByName.size));
      ids.push(id);
    }
    g++;
  }
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

function turns(passages: PassageTable): { turnFirst: Int32Array; turnLast: Int32Array } {
  const turnFirst = new Int32Array(passages.length);
  const turnLast = new Int32Array(passages.length);
  let first = 0;
  let g = 0;
  let prev: IndexedPassage | undefined;
  for (const p of passages) {
    if (prev && !continuesTurn(prev, p)) first = g;
    turnFirst[g++] = first;
    prev = p;
  }
  let last = passages.length - 1;
  for (let g = passages.length - 1; g >= 0; g--) {
    if (g < passages.length - 1 && turnFirst[g + 1] !== turnFirst[g]) last = g;
    turnLast[g] = last;
  }
  return { turnFirst, turnLast };
}

/** A label as written with one title and office: what a profile gathers, found per passage without building a key. */
interface Variant {
  prof: SpeakerProfile;
  /** A person's title over the dates of its documents; null for an outlet's reporters. */
  span: TitleSpan | null;
  lastDoc: number;
}

function speakerProfiles(docs: EngineDocument[], passages: PassageTable, aliases: SpeakerAliases): Map<string, SpeakerProfile> {
  const out = new Map<string, SpeakerProfile>();
  const written = new Map<string, Set<string>>();
  const held = new Map<string, Map<string, TitleSpan>>();
  const variants = new Map<string, Map<string, Map<string, Variant>>>();
  // A title or office in either script (廳長, 厅长) is one.
  const has = (list: string[], t: string) => list.some((x) => matchForm(x) === matchForm(t));
  const variant = (s: NonNullable<IndexedPassage['speaker']>): Variant => {
    const name = aliases.entryOf.get(s.name)!;
    const outlet = aliases.outletOfEntry.get(name);
    let prof = out.get(name);
    if (!prof) {
      prof = { name, titles: [], orgs: outlet === undefined ? [] : [outlet], role: s.role, passages: 0, documents: [] };
      out.set(name, prof);
      written.set(name, new Set());
      held.set(name, new Map());
    }
    if (s.title && !has(prof.titles, s.title)) prof.titles.push(s.title);
    if (s.org && outlet === undefined && !has(prof.orgs, s.org)) prof.orgs.push(s.org);
    written.get(name)!.add(s.name);
    if (outlet !== undefined) written.get(name)!.add(s.org);
    let span: TitleSpan | null = null;
    if (outlet === undefined && (s.title || s.org)) {
      const spans = held.get(name)!;
      const key = `${matchForm(s.title)}\u0000${matchForm(s.org)}`;
      span = spans.get(key) ?? spans.set(key, { title: s.title, org: s.org, from: null, to: null }).get(key)!;
    }
    const v = { prof, span, lastDoc: -1 };
    const byTitle = variants.get(s.name) ?? variants.set(s.name, new Map()).get(s.name)!;
    const byOrg = byTitle.get(s.title) ?? byTitle.set(s.title, new Map()).get(s.title)!;
    byOrg.set(s.org, v);
    return v;
  };
  const lastDocOf = new Map<SpeakerProfile, number>();
  for (const p of passages) {
    const s = p.speaker;
    if (!s) continue;
    const v = variants.get(s.name)?.get(s.title)?.get(s.org) ?? variant(s);
    v.prof.passages++;
    if (v.lastDoc === p.doc) continue;
    v.lastDoc = p.doc;
    const doc = docs[p.doc]!;
    // A document's passages are consecutive: a profile meets each document once (its variants may alternate within it).
    if (lastDocOf.get(v.prof) !== p.doc) {
      lastDocOf.set(v.prof, p.doc);
      v.prof.documents.push(doc.id);
    }
    const span = v.span;
    if (span && doc.date) {
      if (span.from === null || doc.date < span.from) span.from = doc.date;
      if (span.to === null || doc.date > span.to) span.to = doc.date;
    }
  }
  for (const [name, prof] of out) {
    const others = [...written.get(name)!].filter((w) => w !== name && !prof.orgs.includes(w));
    if (others.length) prof.aliases = others;
    const spans = [...held.get(name)!.values()];
    if (spans.length > 1) prof.timeline = spans.sort((a, b) => (a.from ?? '9').localeCompare(b.from ?? '9') || (a.to ?? '9').localeCompare(b.to ?? '9'));
  }
  return out;
}

/** Passages per topic, counted by topic number. */
function topicCounts(facets: FacetTables): Map<string, number> {
  const counts = new Uint32Array(facets.topicNames.length);
  for (const id of facets.topicIds) counts[id]!++;
  return new Map(facets.topicNames.map((t, i) => [t, counts[i]!]));
}
