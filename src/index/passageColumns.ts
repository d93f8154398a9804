// The passages as columns (the embedded index's passages.bin, a PostgreSQL
// document's row): one typed array per field, and every
// string or object field (kind, speaker, mode, heading, attribution, topics)
// as a number into a table of its distinct values. At 100 MB the passages were
// 90 of the catalog's 110 MB of JSON, and parsing them cost most of a second
// and left the garbage a first query then paid for; the columns are read as
// they are, and columnPassage.ts reads a passage's fields from them when asked.
//
//   u32 magic, u32 layout, u32 passages, u32 topic references
//   u32[passages] × (doc, n, kind, speaker, mode, span start, span end, body start, heading, exchange + 1, attribution)
//   u32[passages + 1] topic start · u32[topic references] topic

import type { Passage } from '../parse/types.js';
import type { IndexedPassage } from './engine.js';

const MAGIC = 0x53505948; // "HYPS"
const LAYOUT = 1;
const HEADER = 4;
/** Column numbers in a passage file: the order writePassageColumns lays them out in and readers find them. */
export const COL = { doc: 0, num: 1, kind: 2, speaker: 3, mode: 4, start: 5, end: 6, body: 7, heading: 8, exchange: 9, attribution: 10 } as const;
const COLUMNS = Object.keys(COL).length;
export const NONE = 0xffffffff;

/** The distinct values of each interned field, in the order the columns number them. */
export interface PassageValues {
  kind: Array<Passage['kind']>;
  speaker: Array<NonNullable<Passage['speaker']>>;
  mode: Array<NonNullable<Passage['mode']>>;
  heading: string[];
  attribution: Array<Passage['attribution']>;
  topic: string[];
}

type Interned = keyof PassageValues;

/** A table of no values yet, every field in it. */
export function noPassageValues(): PassageValues {
  return { kind: [], speaker: [], mode: [], heading: [], attribution: [], topic: [] };
}

/**
 * Numbers the distinct values of each field. One per passage file of the embedded index; on PostgreSQL,
 * one for the whole database (huayu_values), so a document's columns number into a table shared by all.
 */
export class Interner {
  readonly values: PassageValues = noPassageValues();
  private readonly ids = new Map<string, number>();

  /** A table that goes on from `values` (their ids kept). */
  static from(values: PassageValues): Interner {
    const intern = new Interner();
    for (const field of Object.keys(values) as Interned[]) {
      values[field].forEach((v, i) => {
        if (intern.id(field, v) !== i) throw new Error(`passage values: ${field} ${i} repeats an earlier value`);
      });
    }
    return intern;
  }

  id<K extends Interned>(field: K, value: PassageValues[K][number] | null): number {
    if (value === null) return NONE;
    const key = `${field}\u0000${typeof value === 'string' ? value : JSON.stringify(value)}`;
    let id = this.ids.get(key);
    if (id === undefined) {
      id = this.values[field].length;
      (this.values[field] as unknown[]).push(value);
      this.ids.set(key, id);
    }
    return id;
  }
}

/** The passages' columns, numbering their values in `intern` (a table of their own unless given one). */
export function writePassageColumns(passages: readonly IndexedPassage[], intern = new Interner()): { bytes: Buffer; values: PassageValues } {
  const n = passages.length;
  const topicRefs = passages.reduce((k, p) => k + p.topics.length, 0);
  const out = new Uint32Array(HEADER + COLUMNS * n + n + 1 + topicRefs);
  out.set([MAGIC, LAYOUT, n, topicRefs]);
  // Where cell() reads it.
  const put = (c: number, g: number, v: number) => (out[HEADER + c * n + g] = v);
  const topicStart = out.subarray(HEADER + COLUMNS * n, HEADER + COLUMNS * n + n + 1);
  const topics = out.subarray(HEADER + COLUMNS * n + n + 1);
  let t = 0;
  passages.forEach((p, g) => {
    put(COL.doc, g, p.doc);
    put(COL.num, g, p.n);
    put(COL.kind, g, intern.id('kind', p.kind));
    put(COL.speaker, g, intern.id('speaker', p.speaker));
    put(COL.mode, g, intern.id('mode', p.mode));
    put(COL.start, g, p.span.start);
    put(COL.end, g, p.span.end);
    put(COL.body, g, p.bodyStart);
    put(COL.heading, g, intern.id('heading', p.heading));
    put(COL.exchange, g, p.exchange === null ? 0 : p.exchange + 1);
    put(COL.attribution, g, intern.id('attribution', p.attribution));
    topicStart[g] = t;
    for (const topic of p.topics) topics[t++] = intern.id('topic', topic);
  });
  topicStart[n] = t;
  return { bytes: Buffer.from(out.buffer, out.byteOffset, out.byteLength), values: intern.values };
}

/**
 * The numbers of a passage file, checked: every number in range, every interned id in its table. One
 * array and offsets, not a view per column: 8,675 documents' thirteen views were 113,000 objects, 10 MB.
 */
export interface ParsedColumns {
  readonly all: Uint32Array;
  readonly n: number;
  /** Where topic starts begin in `all`; topics follow them. */
  readonly topicBase: number;
  readonly values: PassageValues;
}

/** Column `c` of passage `g`. */
export function cell(p: ParsedColumns, c: number, g: number): number {
  return p.all[HEADER + c * p.n + g]!;
}

/** Passage `g`'s topics: as numbers into values.topic, from `from` up to `to` in `all`. */
export function topicRange(p: ParsedColumns, g: number): { from: number; to: number } {
  const base = p.topicBase + p.n + 1;
  return { from: base + p.all[p.topicBase + g]!, to: base + p.all[p.topicBase + g + 1]! };
}

export function parseColumns(buf: Uint8Array, values: PassageValues, corrupt: (detail: string) => Error): ParsedColumns {
  if (buf.length < HEADER * 4 || buf.length % 4 !== 0) throw corrupt('not a whole number of columns');
  const all = buf.byteOffset % 4 === 0 ? new Uint32Array(buf.buffer, buf.byteOffset, buf.length / 4) : new Uint32Array(buf.slice().buffer);
  const [magic, layout, n, topicRefs] = all as unknown as number[];
  if (magic !== MAGIC || layout !== LAYOUT) throw corrupt('not a passage file of this layout');
  if (all.length !== HEADER + COLUMNS * n! + n! + 1 + topicRefs!) throw corrupt(`${all.length} numbers, the header says ${HEADER + COLUMNS * n! + n! + 1 + topicRefs!}`);
  const parsed: ParsedColumns = { all, n: n!, topicBase: HEADER + COLUMNS * n!, values };
  const inTable = (field: Interned, from: number, to: number, optional: boolean) => {
    const size = values[field].length;
    for (let k = from; k < to; k++) {
      const id = all[k]!;
      if (id >= size && !(optional && id === NONE)) throw corrupt(`${field} ${id} is not in the catalog's table`);
    }
  };
  const column = (field: Interned, c: number, optional: boolean) => inTable(field, HEADER + c * n!, HEADER + (c + 1) * n!, optional);
  column('kind', COL.kind, false);
  column('speaker', COL.speaker, true);
  column('mode', COL.mode, true);
  column('heading', COL.heading, true);
  column('attribution', COL.attribution, false);
  inTable('topic', parsed.topicBase + n! + 1, all.length, false);
  for (let g = 0; g < n!; g++) {
    const a = all[parsed.topicBase + g]!;
    const b = all[parsed.topicBase + g + 1]!;
    if (a > b || b > topicRefs!) throw corrupt(`passage ${g}'s topics are out of range`);
  }
  return parsed;
}
