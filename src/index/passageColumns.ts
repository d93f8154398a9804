// The passages as columns (the embedded index's passages.bin, a PostgreSQL
// document's row): one typed array per field, and every
// string or object field (kind, speaker, mode, heading, attribution, topics)
// as a number into a table of its distinct values. At 100 MB the passages were
// 90 of the catalog's 110 MB of JSON, and parsing them cost most of a second
// and left the garbage a first query then paid for; the columns are read as
// they are and the objects built from them share every speaker and value.
//
//   u32 magic, u32 layout, u32 passages, u32 topic references
//   u32[passages] × (doc, n, kind, speaker, mode, span start, span end, body start, heading, exchange + 1, attribution)
//   u32[passages + 1] topic start · u32[topic references] topic

import type { Passage } from '../parse/types.js';
import type { IndexedPassage } from './engine.js';

const MAGIC = 0x53505948; // "HYPS"
const LAYOUT = 1;
const HEADER = 4;
const COLUMNS = 11;
const NONE = 0xffffffff;

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

class Interner {
  readonly values: PassageValues = { kind: [], speaker: [], mode: [], heading: [], attribution: [], topic: [] };
  private readonly ids = new Map<string, number>();

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

export function writePassageColumns(passages: readonly IndexedPassage[]): { bytes: Buffer; values: PassageValues } {
  const n = passages.length;
  const topicRefs = passages.reduce((k, p) => k + p.topics.length, 0);
  const out = new Uint32Array(HEADER + COLUMNS * n + n + 1 + topicRefs);
  out.set([MAGIC, LAYOUT, n, topicRefs]);
  const intern = new Interner();
  const column = (c: number) => out.subarray(HEADER + c * n, HEADER + (c + 1) * n);
  const [doc, num, kind, speaker, mode, start, end, body, heading, exchange, attribution] = Array.from({ length: COLUMNS }, (_, c) => column(c));
  const topicStart = out.subarray(HEADER + COLUMNS * n, HEADER + COLUMNS * n + n + 1);
  const topics = out.subarray(HEADER + COLUMNS * n + n + 1);
  let t = 0;
  passages.forEach((p, g) => {
    doc![g] = p.doc;
    num![g] = p.n;
    kind![g] = intern.id('kind', p.kind);
    speaker![g] = intern.id('speaker', p.speaker);
    mode![g] = intern.id('mode', p.mode);
    start![g] = p.span.start;
    end![g] = p.span.end;
    body![g] = p.bodyStart;
    heading![g] = intern.id('heading', p.heading);
    exchange![g] = p.exchange === null ? 0 : p.exchange + 1;
    attribution![g] = intern.id('attribution', p.attribution);
    topicStart[g] = t;
    for (const topic of p.topics) topics[t++] = intern.id('topic', topic);
  });
  topicStart[n] = t;
  return { bytes: Buffer.from(out.buffer, out.byteOffset, out.byteLength), values: intern.values };
}

/** The passages of the columns, in gid order; `corrupt` names what is wrong, and where. */
export function readPassageColumns(buf: Uint8Array, values: PassageValues, corrupt: (detail: string) => Error): IndexedPassage[] {
  if (buf.length < HEADER * 4 || buf.length % 4 !== 0) throw corrupt('not a whole number of columns');
  const all = buf.byteOffset % 4 === 0 ? new Uint32Array(buf.buffer, buf.byteOffset, buf.length / 4) : new Uint32Array(buf.slice().buffer);
  const [magic, layout, n, topicRefs] = all as unknown as number[];
  if (magic !== MAGIC || layout !== LAYOUT) throw corrupt('not a passage file of this layout');
  if (all.length !== HEADER + COLUMNS * n! + n! + 1 + topicRefs!) throw corrupt(`${all.length} numbers, the header says ${HEADER + COLUMNS * n! + n! + 1 + topicRefs!}`);
  const column = (c: number) => all.subarray(HEADER + c * n!, HEADER + (c + 1) * n!);
  const [doc, num, kind, speaker, mode, start, end, body, heading, exchange, attribution] = Array.from({ length: COLUMNS }, (_, c) => column(c));
  const topicStart = all.subarray(HEADER + COLUMNS * n!, HEADER + COLUMNS * n! + n! + 1);
  const topics = all.subarray(HEADER + COLUMNS * n! + n! + 1);
  const value = <K extends Interned>(field: K, id: number): PassageValues[K][number] => {
    const v = values[field][id];
    if (v === undefined) throw corrupt(`${field} ${id} is not in the catalog's table`);
    return v;
  };
  const optional = <K extends Interned>(field: K, id: number): PassageValues[K][number] | null => (id === NONE ? null : value(field, id));
  const out: IndexedPassage[] = new Array(n!);
  for (let g = 0; g < n!; g++) {
    const names: string[] = [];
    if (topicStart[g]! > topicStart[g + 1]! || topicStart[g + 1]! > topics.length) throw corrupt(`passage ${g}'s topics are out of range`);
    for (let k = topicStart[g]!; k < topicStart[g + 1]!; k++) names.push(value('topic', topics[k]!));
    // Keys in the parser's order, then the index's: a document's passages serialize as they did from JSON.
    out[g] = {
      n: num![g]!,
      kind: value('kind', kind![g]!),
      speaker: optional('speaker', speaker![g]!),
      mode: optional('mode', mode![g]!),
      span: { start: start![g]!, end: end![g]! },
      bodyStart: body![g]!,
      heading: optional('heading', heading![g]!),
      exchange: exchange![g] === 0 ? null : exchange![g]! - 1,
      attribution: value('attribution', attribution![g]!),
      gid: g,
      doc: doc![g]!,
      topics: names,
    };
  }
  return out;
}
