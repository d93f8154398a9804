// The passages' compact bodies for a server on PostgreSQL: none held at load,
// those a query reads (the first matches it ranks, a quote's turns) fetched by
// key in one query, and kept within a budget (least recently used go first).

import { LRUCache } from 'lru-cache';
import type pg from 'pg';
import { FetchedBodies, type Bodies, type BodySource } from '../bodies.js';
import { createError } from '../../errors.js';
import { servingQuery } from './query.js';

export class PgBodies implements BodySource {
  readonly holdsAll = false;
  private readonly cache: LRUCache<number, string> | null;

  constructor(
    /** The retrieval's pool: it is ended with the retrieval. */
    private readonly pool: pg.Pool,
    /** By passage number: its key. */
    private readonly keyOfGid: Int32Array,
    readonly averageLength: number,
    cacheBytes: number,
  ) {
    this.cache = cacheBytes > 0 ? new LRUCache({ maxSize: cacheBytes, sizeCalculation: (b) => 2 * b.length + 48 }) : null;
  }

  held(gid: number): string | undefined {
    return this.cache?.get(gid);
  }

  async fetch(gids: Iterable<number>): Promise<Bodies> {
    const held = new Map<number, string>();
    const missing: number[] = [];
    for (const g of new Set(gids)) {
      const b = this.cache?.get(g);
      if (b !== undefined) held.set(g, b);
      else missing.push(g);
    }
    if (missing.length) {
      const gidOf = new Map(missing.map((g) => [this.keyOfGid[g]!, g]));
      const { rows } = await servingQuery<{ key: number; compact: string }>(this.pool, 'SELECT key, compact FROM huayu_passages WHERE key = ANY($1::integer[])', [[...gidOf.keys()]]);
      // A passage of a document written again since the load: the server reloads soon (stores.ts).
      if (rows.length < missing.length) throw createError('STORE_CHANGED');
      for (const r of rows) {
        const g = gidOf.get(r.key)!;
        this.cache?.set(g, r.compact);
        held.set(g, r.compact);
      }
    }
    return new FetchedBodies(held);
  }

  /** Bytes of bodies this process keeps now. */
  get cachedBytes(): number {
    return this.cache?.calculatedSize ?? 0;
  }
}
