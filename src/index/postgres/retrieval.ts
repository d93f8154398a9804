// The retrieval questions answered in PostgreSQL, so a serving process holds
// no word index and no bigram lists: words through an index-only scan of the
// postings (term, slot, passage), substrings through the GIN index on each
// passage's bigrams and a strpos check on its compact body, tags through plain
// columns, near-quote votes through the rarest bigrams (document frequencies
// kept by the writer).
//
// Answers equal the embedded index's. FlexSearch 0.8 places a passage holding
// every query term at the slot of its worst-placed term, after the other
// passages of that slot whose last-visited term comes earlier, then in
// insertion (passage) order; a term's slot comes from its place among the
// passage's terms (flexSearchSlot, FlexSearch's get_score with resolution 9).
// Measured at 10 MB: the postings answer two common words in ~3 ms, where
// finding each term's place in a passage's terms array took ~40 ms, and
// FlexSearch's own PostgreSQL adapter orders by the sum of the slots, not as
// its in-memory index does (README, bench/pgAlternatives.ts).
// Rows arrive as (doc_key, n); this process numbers passages from its own
// catalog and drops rows of documents it does not know (written after it
// loaded).

import pg from 'pg';
import { bigramKeys } from '../../analysis/ngrams.js';
import { createError } from '../../errors.js';
import type { Retrieval, TagField } from '../retrieval.js';

/**
 * The slot FlexSearch 0.8 gives the i-th of n terms of a passage: its
 * get_score(resolution 9, n, i), the same arithmetic, so slots agree to the
 * last bit (the stores' comparison test holds them to it).
 */
export function flexSearchSlot(n: number, i: number): number {
  const resolution = 9;
  return i && 1 < resolution ? (n <= resolution ? i : 0 | (((resolution - 1) / n) * i + 1)) : 0;
}

/** A bigram key (two UTF-16 units, up to 2^32 - 1) as a PostgreSQL integer. */
export function signedKey(key: number): number {
  return key | 0;
}

const TAG_CONDITION: Record<TagField, string> = {
  speaker: 'speaker = $1',
  topic: 'topics @> ARRAY[$1::text]',
  kind: 'kind = $1',
  doc: 'doc_id = $1',
};

/**
 * Rows come back as one bytea of fixed-width big-endian records (doc_key,
 * n, and for some questions one more integer): a word in half of a 10 MB
 * corpus is ~20,000 rows, which node-postgres parsed from integer[] text in
 * 18 ms and reads from a Buffer in 7.
 */
const RECORD = `int4send(doc_key) || int4send(n)`;

export class PgRetrieval implements Retrieval {
  private readonly loadedTop: number;
  /** By doc_key: the gid of the document's first passage, -1 for documents this process did not load. */
  private readonly firstOf: Int32Array;
  private readonly documents: number;
  /** Per passage, for one word query at a time: how many terms it holds, and its place (slot × 65536 + term). */
  private readonly count: Uint16Array;
  private readonly place: Int32Array;

  constructor(
    private readonly pool: pg.Pool,
    /** doc_key → gid of the document's first passage, for the documents this process loaded. */
    firstGid: Map<number, number>,
    size: number,
  ) {
    this.loadedTop = [...firstGid.keys()].reduce((a, b) => Math.max(a, b), 0);
    this.firstOf = new Int32Array(this.loadedTop + 1).fill(-1);
    for (const [key, first] of firstGid) this.firstOf[key] = first;
    this.documents = firstGid.size;
    this.count = new Uint16Array(size);
    this.place = new Int32Array(size);
  }

  /** This process's number for passage n of a document, or -1 for a document written after it loaded. */
  gidOf(docKey: number, n: number): number {
    const first = docKey <= this.loadedTop ? this.firstOf[docKey]! : -1;
    return first < 0 ? -1 : first + n - 1;
  }

  /** Each record's gid (and extra integer), skipping documents written after this process loaded. */
  private each(records: Buffer | null, width: 8 | 12, visit: (gid: number, extra: number) => void): void {
    if (!records) return;
    for (let at = 0; at < records.length; at += width) {
      const gid = this.gidOf(records.readInt32BE(at), records.readInt32BE(at + 4));
      if (gid >= 0) visit(gid, width === 12 ? records.readInt32BE(at + 8) : 0);
    }
  }

  private async records(sql: string, params: unknown[]): Promise<Buffer | null> {
    const { rows } = await this.query<{ records: Buffer | null }>(sql, params);
    return rows[0]!.records;
  }

  /** A query; a database that cannot be reached (or drops the connection) is STORE_UNAVAILABLE, with the cause kept for the log. */
  private async query<R extends pg.QueryResultRow>(sql: string, params: unknown[]): Promise<pg.QueryResult<R>> {
    try {
      return await this.pool.query<R>(sql, params);
    } catch (err) {
      if (isConnectionError(err)) throw Object.assign(createError('STORE_UNAVAILABLE'), { cause: err });
      throw err;
    }
  }

  private async ascending(sql: string, params: unknown[]): Promise<Uint32Array> {
    const out: number[] = [];
    this.each(await this.records(sql, params), 8, (g) => out.push(g));
    return Uint32Array.from(out).sort();
  }

  async wordMatchesAmong(terms: readonly string[], among: ArrayLike<number>): Promise<number[]> {
    const keep = new Set(Array.from(among));
    return (await this.wordMatches(terms)).filter((g) => keep.has(g));
  }

  async wordMatches(terms: readonly string[]): Promise<number[]> {
    const distinct = [...new Set(terms.filter((t) => t.length > 0))];
    if (distinct.length === 0) return [];
    const records = await this.records(
      `SELECT string_agg(${RECORD} || int4send(slot * 65536 + array_position($1::text[], term)), ''::bytea) AS records
       FROM huayu_postings WHERE term = ANY($1::text[])`,
      [distinct],
    );
    // No await from here on: the counters belong to this query.
    const seen: number[] = [];
    this.each(records, 12, (g, place) => {
      if (this.count[g] === 0) {
        seen.push(g);
        this.place[g] = place;
      } else if (place > this.place[g]!) this.place[g] = place;
      this.count[g]!++;
    });
    const found: Array<[place: number, gid: number]> = [];
    for (const g of seen) {
      if (this.count[g] === distinct.length) found.push([this.place[g]!, g]);
      this.count[g] = 0;
    }
    return found.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((f) => f[1]);
  }

  substringMatches(compact: string): Promise<Uint32Array> {
    if (compact.length < 2) return Promise.resolve(new Uint32Array(0));
    // Two units are one bigram: the index's answer is exact, and strpos would double the time (15.7 → 7.1 ms for 发展 at 10 MB).
    if (compact.length === 2) return this.ascending(`SELECT string_agg(${RECORD}, ''::bytea) AS records FROM huayu_passages WHERE bigrams @> $1::integer[]`, [bigramsOf(compact)]);
    return this.ascending(
      `SELECT string_agg(${RECORD}, ''::bytea) AS records FROM huayu_passages
       WHERE bigrams @> $1::integer[] AND strpos(compact, $2) > 0`,
      [bigramsOf(compact), compact],
    );
  }

  tagged(field: TagField, value: string): Promise<Uint32Array> {
    return this.ascending(`SELECT string_agg(${RECORD}, ''::bytea) AS records FROM huayu_passages WHERE ${TAG_CONDITION[field]}`, [value]);
  }

  async votes(grams: Uint32Array, minVotes: number): Promise<Array<[number, number]>> {
    const keys = Array.from(grams, signedKey);
    if (keys.length === 0 || minVotes > keys.length) return [];
    // Pigeonhole: a passage holding minVotes of the grams holds one of any (grams - minVotes + 1) of them; take the rarest.
    const { rows: freq } = await this.query<{ key: number; df: number }>('SELECT key, df FROM huayu_bigrams WHERE key = ANY($1::integer[])', [keys]);
    const df = new Map(freq.map((r) => [r.key, r.df]));
    const rare = [...keys].sort((a, b) => (df.get(a) ?? 0) - (df.get(b) ?? 0)).slice(0, keys.length - minVotes + 1);
    const records = await this.records(
      `SELECT string_agg(${RECORD} || int4send(v), ''::bytea) AS records FROM (
         SELECT doc_key, n, (SELECT count(*) FROM unnest(p.bigrams) b WHERE b = ANY($1::integer[]))::integer AS v
         FROM huayu_passages p WHERE p.bigrams && $2::integer[]
       ) x WHERE v >= $3`,
      [keys, rare, minVotes],
    );
    const out: Array<[number, number]> = [];
    this.each(records, 12, (g, v) => out.push([g, v]));
    return out.sort((a, b) => a[0] - b[0]);
  }

  /**
   * Every write gives a document a new key, and a removal lowers the count:
   * the highest key and the count say whether the documents are still the
   * ones this process loaded.
   */
  async current(): Promise<boolean> {
    const { rows } = await this.query<{ top: number; count: number }>('SELECT coalesce(max(doc_key), 0) AS top, count(*)::integer AS count FROM huayu_documents', []);
    return rows[0]!.top === this.loadedTop && rows[0]!.count === this.documents;
  }

  close(): Promise<void> {
    return this.pool.end();
  }
}

/** Errors of the connection rather than of the query: refused, reset, timed out, server shutting down (SQLSTATE class 08, 57P). */
function isConnectionError(err: unknown): boolean {
  const { code, message } = err as { code?: unknown; message?: unknown };
  if (typeof message === 'string' && /Connection terminated/u.test(message)) return true;
  return typeof code === 'string' && (/^(ECONN|ENOTFOUND|ETIMEDOUT|EPIPE|EHOSTUNREACH)/u.test(code) || code.startsWith('08') || code.startsWith('57P'));
}

/** The distinct bigram keys of a compact text, as PostgreSQL integers. */
export function bigramsOf(compact: string): number[] {
  return Array.from(bigramKeys(compact), signedKey);
}
