// Passages read from their columns when a field is asked for. A catalog of
// 261,000 passages at 100 MB was 261,000 objects with a span and a topic list
// each, ~60 MB of a server's heap and part of every start (building them,
// then collecting the garbage). Here a passage is four references; its fields
// are read from the typed columns and the tables of distinct values, as
// passageColumns.ts lays them out. A field is never written: a loaded
// passage is fixed, and one renumbered (compose.ts) is a new object. On
// PostgreSQL not even these are held: ColumnTable builds one when asked.

import type { Attribution, PassageKind, Span, Speaker, SpeechMode } from '../parse/types.js';
import type { IndexedPassage, PassageTable } from './engine.js';
import { cell, COL, NONE, parseColumns, topicRange, type ParsedColumns, type PassageValues } from './passageColumns.js';

class ColumnPassage implements IndexedPassage {
  constructor(
    private readonly c: ParsedColumns,
    private readonly i: number,
    readonly gid: number,
    readonly doc: number,
  ) {}

  /** This passage numbered `gid` in document `doc`, its columns shared. */
  renumbered(gid: number, doc: number): ColumnPassage {
    return new ColumnPassage(this.c, this.i, gid, doc);
  }

  private cell(c: number): number {
    return cell(this.c, c, this.i);
  }
  private optional<K extends 'speaker' | 'mode' | 'heading'>(field: K, c: number): PassageValues[K][number] | null {
    const id = this.cell(c);
    return id === NONE ? null : this.c.values[field][id]!;
  }

  get n(): number {
    return this.cell(COL.num);
  }
  get kind(): PassageKind {
    return this.c.values.kind[this.cell(COL.kind)]!;
  }
  get speaker(): Speaker | null {
    return this.optional('speaker', COL.speaker);
  }
  get mode(): SpeechMode | null {
    return this.optional('mode', COL.mode);
  }
  get span(): Span {
    return { start: this.cell(COL.start), end: this.cell(COL.end) };
  }
  get bodyStart(): number {
    return this.cell(COL.body);
  }
  get heading(): string | null {
    return this.optional('heading', COL.heading);
  }
  get exchange(): number | null {
    const x = this.cell(COL.exchange);
    return x === 0 ? null : x - 1;
  }
  get attribution(): Attribution {
    return this.c.values.attribution[this.cell(COL.attribution)]!;
  }
  get topics(): string[] {
    const { all, values } = this.c;
    const { from, to } = topicRange(this.c, this.i);
    const out: string[] = [];
    for (let k = from; k < to; k++) out.push(values.topic[all[k]!]!);
    return out;
  }
  /** The plain passage, as JSON and a test's equality see it: keys in the parser's order, then the index's, as it serialized from JSON. */
  toJSON(): IndexedPassage {
    return {
      n: this.n,
      kind: this.kind,
      speaker: this.speaker,
      mode: this.mode,
      span: this.span,
      bodyStart: this.bodyStart,
      heading: this.heading,
      exchange: this.exchange,
      attribution: this.attribution,
      gid: this.gid,
      doc: this.doc,
      topics: this.topics,
    };
  }
}

/** The passages of an embedded index's columns, numbered from 0, checked (parseColumns) before any is read. */
export function readColumnPassages(buf: Uint8Array, values: PassageValues, corrupt: (detail: string) => Error): IndexedPassage[] {
  const c = parseColumns(buf, values, corrupt);
  const out: IndexedPassage[] = new Array(c.n);
  for (let i = 0; i < c.n; i++) out[i] = new ColumnPassage(c, i, i, cell(c, COL.doc, i));
  return out;
}

/**
 * Passages built when one is asked for, from the columns of their documents: what a PostgreSQL server
 * holds instead of a passage object each (~20 MB at 100 MB). A passage asked for twice is two equal objects.
 * A document's columns may come later (hold): a server fetches them when a response first reads them.
 */
export class ColumnTable implements PassageTable {
  private readonly columns: Array<ParsedColumns | undefined>;

  /**
   * `columns`: by document, its passages' columns (parseColumns), or as many documents whose columns are
   * held later; `firstOf`: by document, its first gid, one more at the end. A passage's document is found in
   * `firstOf`: the engine keeps its own docOf, and a second one here would be 1 MB more at 100 MB.
   */
  constructor(columns: readonly ParsedColumns[] | number, private readonly firstOf: Uint32Array) {
    this.columns = typeof columns === 'number' ? new Array<ParsedColumns | undefined>(columns) : [...columns];
  }

  /** Document `doc`'s columns, checked by the caller (parseColumns, its passage count). */
  hold(doc: number, columns: ParsedColumns): void {
    this.columns[doc] = columns;
  }

  get length(): number {
    return this.firstOf[this.columns.length]!;
  }

  at(gid: number): IndexedPassage | undefined {
    if (!(gid >= 0 && gid < this.length)) return undefined;
    // The last document starting at or before gid: a document of no passages starts where the next does.
    let lo = 0;
    let hi = this.columns.length - 1;
    while (lo < hi) {
      const mid = (lo + hi + 1) >>> 1;
      if (this.firstOf[mid]! <= gid) lo = mid;
      else hi = mid - 1;
    }
    return this.passage(lo, gid);
  }

  *[Symbol.iterator](): Iterator<IndexedPassage> {
    for (let d = 0; d < this.columns.length; d++) for (let g = this.firstOf[d]!; g < this.firstOf[d + 1]!; g++) yield this.passage(d, g);
  }

  private passage(d: number, gid: number): ColumnPassage {
    const c = this.columns[d];
    if (!c) throw new Error(`index: passage ${gid} read before its document (${d}) was fetched; a response asks Engine.catalog for the documents it reads`);
    return new ColumnPassage(c, gid - this.firstOf[d]!, gid, d);
  }
}

/** `p` numbered `gid` in document `doc`: a new object, as the engine being replaced may still be answering with `p`. */
export function renumbered(p: IndexedPassage, gid: number, doc: number): IndexedPassage {
  return p instanceof ColumnPassage ? p.renumbered(gid, doc) : { ...p, gid, doc };
}
