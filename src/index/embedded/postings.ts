// The word and tag lists as queries read them. A build has them in FlexSearch
// (views of its own arrays, no copy); on disk they are delta-varint lists that
// an opened index reads as they are, and FlexSearch is not imported at all: its export took 1.6 s and ~380 MB of heap to open at
// 100 MB, for lists that queries read slot by slot anyway (see matchAll).

import { readFileSync } from 'node:fs';
import path from 'node:path';
import { createError } from '../../errors.js';
import type { TagField } from '../retrieval.js';
import { unpackLists, type DecodedLists } from './packedLists.js';
import type { PassageIndex } from './passageIndex.js';
import { decodeGaps, VarintWriter } from '../varint.js';

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

export const TAG_FIELDS: readonly TagField[] = ['speaker', 'topic', 'kind'];
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

// On disk (lists.bin, uncompressed) every term's record is its slots, each a count and the gaps
// between its ids, and every tag value's record one such list; a table says where each record
// starts. Decoded in one pass into one array (on a worker thread when the store opens).
//
//   u32 magic, u32 layout, u32 resolution, u32 terms, u32 tag values · u32[records + 1] start · bytes

const MAGIC = 0x4c575948; // "HYWL"
const LAYOUT = 1;
const HEADER = 5;

/** The lists of `keys` (a term's slots in order, then every tag value's ids, field by field as `keys` names them). */
export function serializeLists(lists: Lists, keys: ListKeys): Buffer {
  const out = new VarintWriter();
  const r = lists.words.resolution;
  const fields = Object.entries(keys.tags) as Array<[TagField, string[]]>;
  const tagValues = fields.reduce((n, [, values]) => n + values.length, 0);
  const starts = new Uint32Array(keys.terms.length + tagValues + 1);
  let k = 0;
  for (const term of keys.terms) {
    starts[k++] = out.length;
    const slots = lists.words.slots(term);
    for (let y = 0; y < r; y++) out.list(slots?.[y] ?? NONE);
  }
  for (const [f, values] of fields) {
    for (const value of values) {
      starts[k++] = out.length;
      out.list(lists.tagged(f, value));
    }
  }
  starts[k] = out.length;
  const head = new Uint32Array([MAGIC, LAYOUT, r, keys.terms.length, tagValues]);
  return Buffer.concat([bytesOf(head), bytesOf(starts), out.done()]);
}

/** Every list of lists.bin in one array: list k is ids[start[k] .. start[k + 1]); the arrays are new, to be moved between threads. */
export interface DecodedWordLists {
  resolution: number;
  terms: number;
  tagValues: number;
  start: Uint32Array;
  ids: Uint32Array;
}

export function decodeLists(buf: Uint8Array, dir = 'memory'): DecodedWordLists {
  const corrupt = (detail: string) => createError('INDEX_CORRUPT', dir, `lists.bin: ${detail}`);
  const words = (from: number, count: number): Uint32Array => {
    if ((from + count) * 4 > buf.length) throw corrupt('the file is shorter than its header says');
    const at = buf.byteOffset + from * 4;
    return at % 4 === 0 ? new Uint32Array(buf.buffer, at, count) : new Uint32Array(buf.slice(from * 4, (from + count) * 4).buffer);
  };
  const [magic, layout, resolution, terms, tagValues] = words(0, HEADER) as unknown as number[];
  if (magic !== MAGIC || layout !== LAYOUT) throw corrupt('not a list file of this layout');
  const records = terms! + tagValues!;
  const starts = words(HEADER, records + 1);
  const bytes = buf.subarray((HEADER + records + 1) * 4);
  if (starts[records] !== bytes.length) throw corrupt(`${bytes.length} bytes of lists, the header says ${starts[records]}`);
  const count = terms! * resolution! + tagValues!;
  const start = new Uint32Array(count + 1);
  let ids = new Uint32Array(Math.max(16, bytes.length));
  let total = 0;
  let k = 0;
  let at = 0;
  const one = new Uint32Array(1);
  for (let rec = 0; rec < records; rec++) {
    if (starts[rec] !== at) throw corrupt(`record ${rec} does not start where the one before ended`);
    const end = starts[rec + 1]!;
    for (let y = 0; y < (rec < terms! ? resolution! : 1); y++) {
      start[k++] = total;
      // The list's length, a varint itself.
      const lengthAt = at;
      at = decodeGaps(bytes, at, end, 1, one, 0);
      if (at < 0) throw corrupt(`record ${rec} is cut or malformed (at byte ${lengthAt})`);
      const n = one[0]!;
      if (total + n > ids.length) {
        const bigger = new Uint32Array(Math.max(ids.length * 2, total + n));
        bigger.set(ids);
        ids = bigger;
      }
      at = decodeGaps(bytes, at, end, n, ids, total);
      if (at < 0) throw corrupt(`record ${rec} is cut or malformed`);
      total += n;
    }
    if (at !== end) throw corrupt(`record ${rec} has bytes left over`);
  }
  start[count] = total;
  return { resolution: resolution!, terms: terms!, tagValues: tagValues!, start, ids: ids.slice(0, total) };
}

/** The lists as queries read them, from decoded lists and the keys of lists.json. */
export function listsFrom(decoded: DecodedWordLists, keys: ListKeys, dir = 'memory'): Lists {
  const { resolution, start, ids } = decoded;
  // The tag fields lists.json names, in its order: a part written before documents were filtered from the
  // engine (Engine.firstOf) holds a 'doc' field as well, whose lists are passed over.
  const stored = Object.entries(keys.tags);
  if (decoded.terms !== keys.terms.length || decoded.tagValues !== stored.reduce((n, [, values]) => n + values.length, 0)) {
    throw createError('INDEX_CORRUPT', dir, 'lists.bin: its lists do not match lists.json');
  }
  const list = (k: number) => ids.subarray(start[k]!, start[k + 1]!);
  const termAt = new Map(keys.terms.map((t, i) => [t, i]));
  const tagAt = new Map<string, Map<string, number>>();
  let k = keys.terms.length * resolution;
  for (const [f, values] of stored) {
    const m = new Map<string, number>();
    for (const value of values) m.set(value, k++);
    tagAt.set(f, m);
  }
  const current: ListKeys = { terms: keys.terms, tags: Object.fromEntries(TAG_FIELDS.map((f) => [f, keys.tags[f] ?? []])) as Record<TagField, string[]> };
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
      const at = tagAt.get(field)?.get(value);
      return at === undefined ? NONE : list(at);
    },
    keys: () => current,
  };
}

function bytesOf(a: Uint32Array): Uint8Array {
  return new Uint8Array(a.buffer, a.byteOffset, a.byteLength);
}

/** A part's bigram and word lists read from its folder and decoded, on whichever thread calls it (listsWorker.ts, part.ts). */
export function decodePartLists(genDir: string, dir: string): { bigrams: DecodedLists; lists: DecodedWordLists } {
  return {
    bigrams: unpackLists(readFileSync(path.join(genDir, 'bigrams.bin')), { dir, file: 'bigrams.bin' }),
    lists: decodeLists(readFileSync(path.join(genDir, 'lists.bin')), dir),
  };
}
