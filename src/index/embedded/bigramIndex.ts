// The bigram path for phrases and quotes: for every pair of adjacent units of
// the compact normalized text, the sorted list of passages holding it.
//
// FlexSearch held these at first, as a second field. Measured on 7.9 MB it
// took 12 M characters of JSON export and most of a 250 MB heap, and a
// 30-bigram quote paid one FlexSearch query per AND. Here the lists are three
// typed arrays (keys, offsets, postings) that intersect by galloping from the
// shortest list; saved as gap varints and opened as they are (packedLists.ts).

import { bigramKeys } from '../../analysis/ngrams.js';
import { intersectSorted } from '../sortedLists.js';
import { packLists, unpackLists, type DecodedLists } from './packedLists.js';

/**
 * Posting lists built in two passes: as passages arrive, each key becomes a
 * dense id through an open-addressing table of typed arrays and is counted;
 * at the end every passage number is placed at its key's cursor, from the
 * ids kept (each key is hashed once). A Map of
 * growing arrays did the same in 11.7 s of a 100 MB build's main thread,
 * most of it garbage collection.
 */
export class BigramIndexBuilder {
  /** Per passage added, its keys' ids. */
  private readonly parts: Uint32Array[] = [];
  private readonly gids: number[] = [];
  private last = -1;
  private table = new KeyTable(1 << 16);
  private counts = new Uint32Array(1 << 15);

  /** Passages must come in ascending gid order, so every list is sorted as built. */
  add(gid: number, keys: Uint32Array): void {
    if (gid <= this.last) throw new Error(`bigram index: passage ${gid} added after ${this.last}`);
    this.last = gid;
    const ids = new Uint32Array(keys.length);
    for (let i = 0; i < keys.length; i++) {
      const id = this.table.idOf(keys[i]!);
      if (id >= this.counts.length) {
        const bigger = new Uint32Array(this.counts.length * 2);
        bigger.set(this.counts);
        this.counts = bigger;
      }
      this.counts[id]!++;
      ids[i] = id;
    }
    this.parts.push(ids);
    this.gids.push(gid);
  }

  finish(): BigramIndex {
    const n = this.table.size;
    // Keys ascending: sort (key, id) pairs packed in 64 bits, natively.
    const packed = new BigUint64Array(n);
    for (let id = 0; id < n; id++) packed[id] = (BigInt(this.table.keyOf(id)) << 32n) | BigInt(id);
    packed.sort();
    const keys = new Uint32Array(n);
    const rank = new Uint32Array(n);
    for (let r = 0; r < n; r++) {
      keys[r] = Number(packed[r]! >> 32n);
      rank[Number(packed[r]! & 0xffffffffn)] = r;
    }
    const offsets = new Uint32Array(n + 1);
    for (let id = 0; id < n; id++) offsets[rank[id]! + 1] = this.counts[id]!;
    for (let r = 0; r < n; r++) offsets[r + 1]! += offsets[r]!;
    const cursor = offsets.slice(0, n);
    const postings = new Uint32Array(offsets[n]!);
    this.parts.forEach((part, p) => {
      const gid = this.gids[p]!;
      for (let i = 0; i < part.length; i++) postings[cursor[rank[part[i]!]!]!++] = gid;
    });
    this.parts.length = 0;
    this.gids.length = 0;
    return new BigramIndex({ keys, offsets, postings });
  }
}

/** Open addressing from a 32-bit key to a dense id, in typed arrays (no per-key objects). */
class KeyTable {
  private slots: Int32Array;
  private keys: Uint32Array;
  /** log2 of the slot count: the slot is the top bits of a multiplicative hash (the low bits depend only on the key's low bits). */
  private bits: number;
  size = 0;

  constructor(capacity: number) {
    this.bits = Math.ceil(Math.log2(capacity));
    this.slots = new Int32Array(1 << this.bits).fill(-1);
    this.keys = new Uint32Array(1 << (this.bits - 1));
  }

  keyOf(id: number): number {
    return this.keys[id]!;
  }

  idOf(key: number): number {
    const mask = this.slots.length - 1;
    let at = Math.imul(key, 0x9e3779b1) >>> (32 - this.bits);
    for (;;) {
      const id = this.slots[at]!;
      if (id < 0) break;
      if (this.keys[id] === key) return id;
      at = (at + 1) & mask;
    }
    const id = this.size++;
    if (id >= this.keys.length) {
      const bigger = new Uint32Array(this.keys.length * 2);
      bigger.set(this.keys);
      this.keys = bigger;
    }
    this.keys[id] = key;
    this.slots[at] = id;
    if (this.size * 2 > this.slots.length) this.rehash();
    return id;
  }

  private rehash(): void {
    this.bits++;
    const slots = new Int32Array(1 << this.bits).fill(-1);
    const mask = slots.length - 1;
    for (let id = 0; id < this.size; id++) {
      let at = Math.imul(this.keys[id]!, 0x9e3779b1) >>> (32 - this.bits);
      while (slots[at]! >= 0) at = (at + 1) & mask;
      slots[at] = id;
    }
    this.slots = slots;
  }
}

const EMPTY = new Uint32Array(0);

/** What queries read of the bigram lists. */
export interface BigramLists {
  /** Passages holding the bigram, ascending. */
  list(key: number): Uint32Array;
  /** Passages holding every bigram of the compact text, ascending. */
  candidates(compact: string): Uint32Array;
}

export class BigramIndex implements BigramLists {
  constructor(private readonly lists: DecodedLists) {}

  /** How many postings it holds, in all its lists. */
  get size(): number {
    return this.lists.postings.length;
  }

  /** Every bigram key held, ascending. */
  keys(): Uint32Array {
    return this.lists.keys;
  }

  /** Passages holding the bigram, ascending (a view, not a copy). */
  list(key: number): Uint32Array {
    const { keys, offsets, postings } = this.lists;
    let lo = 0;
    let hi = keys.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >>> 1;
      const k = keys[mid]!;
      if (k < key) lo = mid + 1;
      else if (k > key) hi = mid - 1;
      else return postings.subarray(offsets[mid]!, offsets[mid + 1]!);
    }
    return EMPTY;
  }

  /** Passages holding every bigram of the compact text: candidates for containing it. */
  candidates(compact: string): Uint32Array {
    const keys = bigramKeys(compact);
    if (keys.length === 0) return EMPTY;
    const lists = Array.from(keys, (k) => this.list(k)).sort((a, b) => a.length - b.length);
    let acc = lists[0]!;
    for (let i = 1; i < lists.length && acc.length > 0; i++) acc = intersectSorted(acc, lists[i]!);
    return acc;
  }

  serialize(): Buffer {
    return packLists(this.lists);
  }

  /** A list file found damaged is INDEX_CORRUPT, naming the index folder and the file. */
  static deserialize(buf: Uint8Array, dir = 'memory'): BigramIndex {
    return new BigramIndex(unpackLists(buf, { dir, file: 'bigrams.bin' }));
  }
}
