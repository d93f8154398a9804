// Passages read from their document's columns when a field is asked for, for
// a server on PostgreSQL: the catalog of 261,000 passages at 100 MB was
// 261,000 objects with a span and a topic list each, ~70 MB of a server's
// heap and ~0.4 s of its start (building them, then collecting the garbage).
// Here a passage is two references; its fields are read from the typed
// columns and the document's tables of distinct values, as passageColumns.ts
// lays them out. A field is never written: the store's passages are fixed.

import type { Attribution, PassageKind, Span, Speaker, SpeechMode } from '../parse/types.js';
import type { IndexedPassage } from './engine.js';
import { cell, COL, NONE, parseColumns, passageAt, topicRange, type ParsedColumns, type PassageValues } from './passageColumns.js';

/** One document's columns, and its passages' numbers. */
interface Block {
  readonly c: ParsedColumns;
  /** The gid of the document's first passage. */
  readonly first: number;
  readonly doc: number;
}

class ColumnPassage implements IndexedPassage {
  constructor(
    private readonly b: Block,
    private readonly i: number,
  ) {}

  private cell(c: number): number {
    return cell(this.b.c, c, this.i);
  }
  private optional<K extends 'speaker' | 'mode' | 'heading'>(field: K, c: number): PassageValues[K][number] | null {
    const id = this.cell(c);
    return id === NONE ? null : this.b.c.values[field][id]!;
  }

  get gid(): number {
    return this.b.first + this.i;
  }
  get doc(): number {
    return this.b.doc;
  }
  get n(): number {
    return this.cell(COL.num);
  }
  get kind(): PassageKind {
    return this.b.c.values.kind[this.cell(COL.kind)]!;
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
    return this.b.c.values.attribution[this.cell(COL.attribution)]!;
  }
  get topics(): string[] {
    const { all, values } = this.b.c;
    const { from, to } = topicRange(this.b.c, this.i);
    const out: string[] = [];
    for (let k = from; k < to; k++) out.push(values.topic[all[k]!]!);
    return out;
  }
  /** The plain passage, as JSON and a test's equality see it. */
  toJSON(): IndexedPassage {
    return passageAt(this.b.c, this.i, this.gid, this.doc);
  }
}

/** A document's passages from its columns, numbered from `first`; checked as readPassageColumns checks them. */
export function readPassageBlock(buf: Uint8Array, values: PassageValues, corrupt: (detail: string) => Error, first: number, doc: number): IndexedPassage[] {
  const block: Block = { c: parseColumns(buf, values, corrupt), first, doc };
  const out: IndexedPassage[] = new Array(block.c.n);
  for (let i = 0; i < block.c.n; i++) out[i] = new ColumnPassage(block, i);
  return out;
}
