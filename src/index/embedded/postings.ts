// The word and tag lists as queries read them. A build has them in FlexSearch
// (views of its own arrays, no copy); on disk they are delta-varint lists; an
// opened index holds them in one typed array with offsets, and FlexSearch is
// not imported at all: its export took 1.6 s and ~380 MB of heap to open at
// 100 MB, for lists that queries read slot by slot anyway (see matchAll).

import type { TagField } from '../retrieval.js';
import type { PassageIndex } from './passageIndex.js';
import { VarintWriter, varintReader } from './varint.js';

/** A term's ids in FlexSearch's slots (where in the passage the term stands), ascending within a slot. */
export interface WordLists {
  resolution: number;
  slots(term: string): ReadonlyArray<ArrayLike<number> | undefined> | undefined;
}

export interface Lists {
  words: WordLists;
  /** Ids carrying one tag value, ascending; empty for an unknown value. */
  tagged(field: TagField, value: string): ArrayLike<number>;
  /** Every term and tag value: what saving the lists walks. */
  keys(): ListKeys;
}

export const TAG_FIELDS: readonly TagField[] = ['speaker', 'topic', 'kind', 'doc'];
const NONE = new Uint32Array(0);

/** FlexSearch 0.8's own structures (its typings do not declare them): per field, term → slots; per tag field, value → ids. */
interface FlexInternals {
  index: Map<string, { map: Map<string, number[][]>; resolution: number }>;
  tag: Map<string, Map<string, number[]>>;
}

export function listsOf(index: PassageIndex): Lists {
  const internals = index as unknown as FlexInternals;
  const words = internals.index.get('words')!;
  return {
    words: { resolution: words.resolution, slots: (term) => words.map.get(term) },
    tagged: (field, value) => internals.tag.get(field)?.get(value) ?? NONE,
    keys: () => keysOf(index),
  };
}

/** Every term and tag value of the lists, in the order the binary part writes them. */
export interface ListKeys {
  terms: string[];
  tags: Record<TagField, string[]>;
}

export function keysOf(index: PassageIndex): ListKeys {
  const internals = index as unknown as FlexInternals;
  const tags = {} as Record<TagField, string[]>;
  for (const f of TAG_FIELDS) tags[f] = [...(internals.tag.get(f)?.keys() ?? [])];
  return { terms: [...internals.index.get('words')!.map.keys()], tags };
}

/** The lists of `keys` (a term's slots in order, then every tag value's ids) as delta-varints. */
export function serializeLists(lists: Lists, keys: ListKeys): Buffer {
  const out = new VarintWriter();
  const r = lists.words.resolution;
  out.write(r);
  for (const term of keys.terms) {
    const slots = lists.words.slots(term);
    for (let y = 0; y < r; y++) out.list(slots?.[y] ?? NONE);
  }
  for (const f of TAG_FIELDS) for (const value of keys.tags[f]) out.list(lists.tagged(f, value));
  return out.done();
}

export function deserializeLists(buf: Uint8Array, keys: ListKeys): Lists {
  const { read, end } = varintReader(buf, 'word lists');
  // Every list into one typed array; `start[k]` is where list k begins (lists in the order written).
  let ids = new Uint32Array(Math.max(16, buf.length));
  const resolution = read();
  const count = keys.terms.length * resolution + TAG_FIELDS.reduce((n, f) => n + keys.tags[f].length, 0);
  const start = new Uint32Array(count + 1);
  let total = 0;
  for (let k = 0; k < count; k++) {
    start[k] = total;
    const n = read();
    if (total + n > ids.length) {
      const bigger = new Uint32Array(Math.max(ids.length * 2, total + n));
      bigger.set(ids);
      ids = bigger;
    }
    let id = 0;
    for (let j = 0; j < n; j++) {
      id += read();
      ids[total + j] = id;
    }
    total += n;
  }
  start[count] = total;
  end();
  const all = ids.slice(0, total);
  const list = (k: number) => all.subarray(start[k]!, start[k + 1]!);
  const termAt = new Map(keys.terms.map((t, i) => [t, i]));
  const tagAt = new Map<TagField, Map<string, number>>();
  let k = keys.terms.length * resolution;
  for (const f of TAG_FIELDS) {
    const m = new Map<string, number>();
    for (const value of keys.tags[f]) m.set(value, k++);
    tagAt.set(f, m);
  }
  return {
    words: {
      resolution,
      slots: (term) => {
        const i = termAt.get(term);
        if (i === undefined) return undefined;
        return Array.from({ length: resolution }, (_, y) => {
          const l = list(i * resolution + y);
          return l.length ? l : undefined;
        });
      },
    },
    tagged: (field, value) => {
      const k2 = tagAt.get(field)?.get(value);
      return k2 === undefined ? NONE : list(k2);
    },
    keys: () => keys,
  };
}
