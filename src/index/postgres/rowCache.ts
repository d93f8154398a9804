// Rows a server fetches by number (a document's text, a passage's body) and
// keeps within a budget, least recently used out first. Numbers are this
// process's; the store keys them by keys it never reuses, so a row missing
// from the store is a document written again since this server loaded.

import { LRUCache } from 'lru-cache';
import { createError } from '../../errors.js';

export class RowCache<V extends {}> {
  private readonly cache: LRUCache<number, V> | null;

  constructor(
    cacheBytes: number,
    sizeOf: (value: V) => number,
    /** The rows of store keys, by key. */
    private readonly load: (keys: number[]) => Promise<Map<number, V>>,
    /** By this process's number: the store's key. */
    private readonly keyOf: Int32Array,
  ) {
    this.cache = cacheBytes > 0 ? new LRUCache({ maxSize: cacheBytes, sizeCalculation: sizeOf }) : null;
  }

  held(n: number): V | undefined {
    return this.cache?.get(n);
  }

  /** The rows of `numbers`: those kept, and the others in one query; STORE_CHANGED when the store lacks one. */
  async fetch(numbers: Iterable<number>): Promise<Map<number, V>> {
    const out = new Map<number, V>();
    const missing: number[] = [];
    for (const n of new Set(numbers)) {
      const v = this.cache?.get(n);
      if (v !== undefined) out.set(n, v);
      else missing.push(n);
    }
    if (missing.length === 0) return out;
    const rows = await this.load(missing.map((n) => this.keyOf[n]!));
    // The server reloads soon (stores.ts).
    if (rows.size < missing.length) throw createError('STORE_CHANGED');
    for (const n of missing) {
      const v = rows.get(this.keyOf[n]!)!;
      this.cache?.set(n, v);
      out.set(n, v);
    }
    return out;
  }

  /** A row read by another statement, kept as if fetched (a row of a key this process did not load is not). */
  keep(n: number, value: V): void {
    this.cache?.set(n, value);
  }

  /** Bytes kept now. */
  get cachedBytes(): number {
    return this.cache?.calculatedSize ?? 0;
  }
}
