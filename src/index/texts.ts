// The documents' texts, which a response reads only for what it shows: a
// passage's words, marks and snippet, a citation, code-point offsets; and
// their details, which only a document's own view reads. The embedded index
// holds them all; a server on PostgreSQL holds none and fetches those of the
// page it builds (postgres/texts.ts). A response asks for its documents once,
// then reads them without waiting.

import { CodePointIndex } from '../analysis/codepoints.js';
import { createError } from '../errors.js';
import type { DetailsTable, DocumentDetails } from './engine.js';

/** The texts one response asked for. */
export interface Texts {
  text(doc: number): string;
  codePoints(doc: number): CodePointIndex;
}

export interface TextSource {
  /** The texts of `docs` (document numbers), at hand for the response being built; reading another document's is TEXT_NOT_FETCHED. */
  fetch(docs: Iterable<number>): Promise<Texts>;
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
  if (!index) codePointIndexes.set(doc, (index = new CodePointIndex(doc.text)));
  return index;
}

/** Every document's text and details in memory (a built or embedded index): fetching is a no-op. */
export class MemoryTexts implements TextSource, Texts {
  private readonly all: Promise<Texts>;

  constructor(
    readonly docs: ReadonlyArray<{ text: string }>,
    readonly table: DetailsTable,
  ) {
    this.all = Promise.resolve(this);
  }

  fetch(): Promise<Texts> {
    return this.all;
  }

  text(doc: number): string {
    return this.doc(doc).text;
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
export class FetchedTexts implements Texts {
  constructor(private readonly held: ReadonlyMap<number, FetchedDocument>) {}

  text(doc: number): string {
    return this.entry(doc).text;
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

/** The texts of an engine that holds them all (built, or the embedded index), read without fetching: for tools and tests that walk every passage. */
export function heldTexts(source: TextSource): MemoryTexts {
  if (!(source instanceof MemoryTexts)) throw new Error('index: this engine fetches its texts from its store; walk an embedded index instead');
  return source;
}
