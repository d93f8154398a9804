// The documents' texts, which a response reads only for what it shows: a
// passage's words, marks and snippet, a citation, code-point offsets; and
// their details, which only a document's own view reads. The embedded index
// holds them all; a server on PostgreSQL holds none and fetches what the page
// it builds shows (postgres/texts.ts): the spans of its passages, or whole
// documents for a document's own view and a quote's turns. A response asks
// for its texts once, then reads them without waiting.

import { CodePointIndex } from '../analysis/codepoints.js';
import { createError } from '../errors.js';
import type { Span } from '../parse/types.js';
import type { DetailsTable, DocumentDetails } from './engine.js';

/** A span of a document's text (UTF-16 offsets into it). */
export interface DocSpan extends Span {
  doc: number;
}

/** The texts one response asked for. */
export interface Texts {
  /** The characters [start, end) of document `doc`: within a span the response asked for, or TEXT_NOT_FETCHED. */
  slice(doc: number, start: number, end: number): string;
  codePoints(doc: number): CodePointIndex;
}

/** Whole documents, as one response asked for them. */
export interface WholeTexts extends Texts {
  text(doc: number): string;
}

export interface TextSource {
  /** The whole texts of `docs` (document numbers), at hand for the response being built. */
  fetch(docs: Iterable<number>): Promise<WholeTexts>;
  /**
   * The characters of `spans`, at hand for the response being built: what a page of passages shows (a
   * document holds ~30 passages at 100 MB, and a store sends only their spans).
   */
  fetchSpans(spans: Iterable<DocSpan>): Promise<Texts>;
  /**
   * Who the document names and where, how its turns were found, its metadata lines: what only its own
   * view reads, so a store fetches them apart from the texts every page of hits reads.
   */
  details(doc: number): Promise<DocumentDetails>;
}

/** Made once per text: an engine composed anew after an update reuses those of the documents it kept. */
const codePointIndexes = new WeakMap<object, CodePointIndex>();

export function codePointsOf(doc: { text: string }): CodePointIndex {
  let index = codePointIndexes.get(doc);
  if (!index) codePointIndexes.set(doc, (index = CodePointIndex.of(doc.text)));
  return index;
}

/** Every document's text and details in memory (a built or embedded index): fetching is a no-op. */
export class MemoryTexts implements TextSource, WholeTexts {
  private readonly all: Promise<WholeTexts>;

  constructor(
    readonly docs: ReadonlyArray<{ text: string }>,
    readonly table: DetailsTable,
  ) {
    this.all = Promise.resolve(this);
  }

  fetch(): Promise<WholeTexts> {
    return this.all;
  }

  fetchSpans(): Promise<Texts> {
    return this.all;
  }

  text(doc: number): string {
    return this.doc(doc).text;
  }

  slice(doc: number, start: number, end: number): string {
    return this.doc(doc).text.slice(start, end);
  }

  codePoints(doc: number): CodePointIndex {
    return codePointsOf(this.doc(doc));
  }

  async details(doc: number): Promise<DocumentDetails> {
    this.doc(doc);
    return this.table.get(doc);
  }

  private doc(doc: number): { text: string } {
    const d = this.docs[doc];
    if (!d) throw createError('TEXT_NOT_FETCHED', doc);
    return d;
  }
}

/** A document as fetched: its text. */
export interface FetchedDocument {
  text: string;
}

/** Texts fetched for one response: exactly the documents it asked for. */
export class FetchedTexts implements WholeTexts {
  constructor(private readonly held: ReadonlyMap<number, FetchedDocument>) {}

  text(doc: number): string {
    return this.entry(doc).text;
  }

  slice(doc: number, start: number, end: number): string {
    return this.entry(doc).text.slice(start, end);
  }

  codePoints(doc: number): CodePointIndex {
    return codePointsOf(this.entry(doc));
  }

  private entry(doc: number): FetchedDocument {
    const e = this.held.get(doc);
    // A response read a document it did not ask for: a bug in the response's code, named so the suites on PostgreSQL catch it.
    if (!e) throw createError('TEXT_NOT_FETCHED', doc);
    return e;
  }
}

/** A span's characters as fetched. */
export interface FetchedSpan extends DocSpan {
  text: string;
}

/** Spans fetched for one response, with each document's code-point index (from its astral offsets, not its text). */
export class FetchedSpans implements Texts {
  private readonly byDoc = new Map<number, FetchedSpan[]>();

  constructor(
    spans: Iterable<FetchedSpan>,
    private readonly codePointsOf: (doc: number) => CodePointIndex,
  ) {
    for (const s of spans) {
      const list = this.byDoc.get(s.doc);
      if (list) list.push(s);
      else this.byDoc.set(s.doc, [s]);
    }
  }

  slice(doc: number, start: number, end: number): string {
    const s = this.byDoc.get(doc)?.find((x) => x.start <= start && end <= x.end);
    // As FetchedTexts: a response read what it did not ask for.
    if (!s) throw createError('TEXT_NOT_FETCHED', doc);
    return s.text.slice(start - s.start, end - s.start);
  }

  codePoints(doc: number): CodePointIndex {
    if (!this.byDoc.has(doc)) throw createError('TEXT_NOT_FETCHED', doc);
    return this.codePointsOf(doc);
  }
}

/** The texts of an engine that holds them all (built, or the embedded index), read without fetching: for tools and tests that walk every passage. */
export function heldTexts(source: TextSource): MemoryTexts {
  if (!(source instanceof MemoryTexts)) throw new Error('index: this engine fetches its texts from its store; walk an embedded index instead');
  return source;
}
