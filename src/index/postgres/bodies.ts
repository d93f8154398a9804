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

  /** Joined and searched in SQL: a changed quote's pieces found some 700 passages in such turns at 100 MB, which took 7 ms to fetch. */
  async turnsHolding(turns: ReadonlyArray<readonly [number, number]>, needle: string): Promise<Set<number>> {
    if (turns.length === 0) return new Set();
    const firstOf = new Map(turns.map(([first]) => [this.keyOfGid[first]!, first]));
    const { rows } = await servingQuery<{ first: number }>(
      this.pool,
      // A range scan of the key index per turn: as a join, the planner read every passage (50–60 ms for 250 turns), this 4 ms.
      `SELECT t.first FROM unnest($1::integer[], $2::integer[]) AS t(first, last)
       WHERE strpos((SELECT string_agg(p.compact, '' ORDER BY p.key) FROM huayu_passages p WHERE p.key BETWEEN t.first AND t.last), $3) > 0`,
      [turns.map(([first]) => this.keyOfGid[first]!), turns.map(([, last]) => this.keyOfGid[last]!), needle],
    );
    return new Set(rows.map((r) => firstOf.get(r.first)!));
  }

  /** Bytes of bodies this process keeps now. */
  get cachedBytes(): number {
    return this.cache?.calculatedSize ?? 0;
  }
}
