// The passages' compact bodies for a server on PostgreSQL: none held at load,
// those a query reads (the first matches it ranks, a quote's turns) fetched by
// key in one query, and kept within a budget (least recently used go first).

import type pg from 'pg';
import { FetchedBodies, type Bodies, type BodySource } from '../bodies.js';
import { servingQuery } from './query.js';
import { RowCache } from './rowCache.js';

export class PgBodies implements BodySource {
  readonly holdsAll = false;
  private readonly rows: RowCache<string>;

  constructor(
    /** The retrieval's pool, which the retrieval ends. */
    private readonly pool: pg.Pool,
    /** By passage number: its key. */
    private readonly keyOfGid: Int32Array,
    readonly averageLength: number,
    cacheBytes: number,
  ) {
    this.rows = new RowCache(cacheBytes, (b) => 2 * b.length + 48, async (keys) => {
      const { rows } = await servingQuery<{ key: number; compact: string }>(pool, 'SELECT key, compact FROM huayu_passages WHERE key = ANY($1::integer[])', [keys]);
      return new Map(rows.map((r) => [r.key, r.compact]));
    }, keyOfGid);
  }

  held(gid: number): string | undefined {
    return this.rows.held(gid);
  }

  /** A body another statement read (a substring's check, retrieval.ts), kept so that ranking does not fetch it again. */
  keep(gid: number, body: string): void {
    this.rows.keep(gid, body);
  }

  async fetch(gids: Iterable<number>): Promise<Bodies> {
    return new FetchedBodies(await this.rows.fetch(gids));
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

  /** Checked in SQL, where a candidate's body need not travel. */
  async containing(candidates: ArrayLike<number>, needle: string): Promise<Uint32Array> {
    if (candidates.length === 0) return new Uint32Array(0);
    const { rows } = await servingQuery<{ key: number }>(this.pool, 'SELECT key FROM huayu_passages WHERE key = ANY($1::integer[]) AND strpos(compact, $2) > 0', [
      Array.from(candidates, (g) => this.keyOfGid[g]!),
      needle,
    ]);
    const keys = new Set(rows.map((r) => r.key));
    return Uint32Array.from(Array.from(candidates).filter((g) => keys.has(this.keyOfGid[g]!)));
  }

  /** Bytes of bodies this process keeps now. */
  get cachedBytes(): number {
    return this.rows.cachedBytes;
  }
}
