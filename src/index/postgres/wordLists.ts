// A word's whole list as a server keeps it, with each entry's tf (schema.ts):
// what ranking a word query reads instead of the bodies of the ~500 passages it
// ranks, which were the largest part of a word query's cost on PostgreSQL
// (~500 index lookups in the database, ~2 ms of the server's CPU to receive).

import type { TermStats } from '../retrieval.js';
import { SLOT_BITS, TF_UNKNOWN } from './schema.js';
import { decodeVarints } from '../varint.js';

export class WordList {
  /** Whether the entries are known to be ascending: tf() sorts them (in place, with their bytes) the first time it needs to. */
  private ascending = false;

  constructor(
    /** Passage × 2^SLOT_BITS + slot, in any order until tf() is asked. */
    readonly entries: Int32Array,
    /** Each entry's tf byte. */
    readonly tfs: Uint8Array,
    /** For a term of two units, the passages holding it as a string (its substring's answer), ascending; else null. */
    readonly contiguous: Uint32Array | null = null,
  ) {}

  /**
   * Sorts the entries by passage, with their bytes. The parts come in order of their first entries, so a
   * fresh database's lists are ascending already; a document written again takes new keys but keeps its
   * place in the catalog's order, and a merged part spans the parts it left between its own, which
   * interleave them (a one-time sort of the list as it is cached, ~5 ms for 中国's 123,000 at 100 MB).
   */
  private sortOnce(): void {
    const { entries, tfs } = this;
    this.ascending = true;
    let sorted = true;
    for (let i = 1; i < entries.length && sorted; i++) sorted = entries[i - 1]! < entries[i]!;
    if (sorted) return;
    // An entry (< 2^31) and its byte as one number, exact in a double: one typed sort keeps them together.
    const both = new Float64Array(entries.length);
    for (let i = 0; i < entries.length; i++) both[i] = entries[i]! * 256 + tfs[i]!;
    both.sort();
    for (let i = 0; i < both.length; i++) {
      entries[i] = Math.floor(both[i]! / 256);
      tfs[i] = both[i]! % 256;
    }
  }

  get byteLength(): number {
    return this.entries.byteLength + this.tfs.byteLength + (this.contiguous?.byteLength ?? 0);
  }

  /** The passage's tf, or undefined when the list lacks the passage or stored TF_UNKNOWN for it. */
  tf(gid: number): number | undefined {
    if (!this.ascending) this.sortOnce();
    const e = this.entries;
    const first = gid * 2 ** SLOT_BITS;
    let lo = 0;
    let hi = e.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (e[mid]! < first) lo = mid + 1;
      else hi = mid;
    }
    if (lo === e.length || e[lo]! >> SLOT_BITS !== gid) return undefined;
    const tf = this.tfs[lo]!;
    return tf === TF_UNKNOWN ? undefined : tf;
  }
}

/** BM25's reads from the query's word lists (held for the query, whatever the cache lets go) and every passage's length. */
export class ListStats implements TermStats {
  constructor(
    private readonly lists: ReadonlyMap<string, WordList>,
    private readonly lengths: Uint32Array,
  ) {}

  length(gid: number): number {
    return this.lengths[gid]!;
  }

  tf(term: string, gid: number): number | undefined {
    return this.lists.get(term)?.tf(gid);
  }
}

/**
 * By passage number, its compact body's length, from huayu_lengths' rows (each `count` varints, the
 * lengths of the keys low, low + 1, …); null when some passage has none, or a row is cut short (the
 * rows were edited by hand).
 */
export function passageLengths(rows: ReadonlyArray<{ low: number; count: number; varints: Uint8Array }>, gidOfKey: Int32Array, passages: number): Uint32Array | null {
  const lengths = new Uint32Array(passages);
  let found = 0;
  for (const { low, count, varints } of rows) {
    const row = new Uint32Array(count);
    if (decodeVarints(varints, 0, varints.length, count, row, 0) < 0) return null;
    for (let i = 0; i < count; i++) {
      const key = low + i;
      const g = key < gidOfKey.length ? gidOfKey[key]! : -1;
      if (g >= 0) {
        lengths[g] = row[i]!;
        found++;
      }
    }
  }
  return found === passages ? lengths : null;
}
