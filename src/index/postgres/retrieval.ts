// The retrieval questions answered in PostgreSQL, so a serving process holds
// no word index and no bigram lists. Every list is packed (schema.ts): a row
// per term and part with the passages' keys as an integer[], read whole and
// sent as PostgreSQL's binary array. Words: the terms' rows, intersected and
// ordered in the process. Substrings: the two rarest bigram lists intersected
// in SQL and each candidate's compact body checked with strpos, so only
// matches travel. Tags: their own lists (a document: its key range). Quote
// votes: candidates from the rarest bigrams, their votes counted in SQL.
//
// Answers equal the embedded index's. FlexSearch 0.8 places a passage holding
// every query term at the slot of its worst-placed term, after the other
// passages of that slot whose last-visited term comes earlier, then in
// insertion (passage) order; a term's slot comes from its place among the
// passage's terms (flexSearchSlot, FlexSearch's get_score with resolution 9),
// kept in each entry's low bits. FlexSearch's own PostgreSQL adapter orders by
// the sum of the slots, not as its in-memory index does (README,
// bench/pgAlternatives.ts). Keys become this process's passage numbers
// through its catalog; keys it does not know (documents written after it
// loaded, or dead keys of documents written again) are dropped.

import pg from 'pg';
import { bigramKeys } from '../../analysis/ngrams.js';
import { createError } from '../../errors.js';
import type { Retrieval, TagField } from '../retrieval.js';
import { LIST_FIELD, SLOT_BITS } from './schema.js';

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

/** The tag lists by field; a document is its key range instead. */
const TAG_FIELD: Record<Exclude<TagField, 'doc'>, number> = { topic: LIST_FIELD.topic, speaker: LIST_FIELD.speaker, kind: LIST_FIELD.kind };

/**
 * Calls visit(entry) for each element of integer[]s in PostgreSQL's binary
 * form (array_send): a header, then a length and a value per element. Parsing
 * the text form of 20,000 integers took node-postgres 18 ms; this reads them in
 * well under one.
 */
function eachEntry(sent: Buffer, visit: (entry: number) => void): void {
  const dims = sent.readInt32BE(0);
  let at = 12 + 8 * dims;
  while (at < sent.length) {
    visit(sent.readInt32BE(at + 4));
    at += 8;
  }
}

export class PgRetrieval implements Retrieval {
  /** Per passage, for one word query at a time: how many terms it holds, and its place (slot × 65536 + term). */
  private readonly count: Uint16Array;
  private readonly place: Int32Array;

  constructor(
    private readonly pool: pg.Pool,
    /** By passage key: this process's passage number, -1 for keys it did not load. */
    private readonly gidOfKey: Int32Array,
    /** What this process loaded: how many documents, and the highest doc_key (see current()). */
    private readonly loaded: { documents: number; topDocKey: number },
    size: number,
  ) {
    this.count = new Uint16Array(size);
    this.place = new Int32Array(size);
  }

  /** This process's number for a passage key, or -1 for a passage it did not load. */
  gidOf(key: number): number {
    return key < this.gidOfKey.length ? this.gidOfKey[key]! : -1;
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

  /** The passages of lists sent whole (column `keys`, array_send), ascending by gid. */
  private async listed(sql: string, params: unknown[]): Promise<Uint32Array> {
    const { rows } = await this.query<{ keys: Buffer }>(sql, params);
    const out: number[] = [];
    for (const r of rows) {
      eachEntry(r.keys, (e) => {
        const g = this.gidOf(e >> SLOT_BITS);
        if (g >= 0) out.push(g);
      });
    }
    return Uint32Array.from(out).sort();
  }

  /** The passages of keys sent as one bytea of big-endian integers (column `records`), ascending by gid. */
  private async records(sql: string, params: unknown[]): Promise<Uint32Array> {
    const { rows } = await this.query<{ records: Buffer | null }>(sql, params);
    const records = rows[0]?.records;
    const out: number[] = [];
    if (records) {
      for (let at = 0; at < records.length; at += 4) {
        const g = this.gidOf(records.readInt32BE(at));
        if (g >= 0) out.push(g);
      }
    }
    return Uint32Array.from(out).sort();
  }

  async wordMatchesAmong(terms: readonly string[], among: ArrayLike<number>): Promise<number[]> {
    const keep = new Set(Array.from(among));
    return (await this.wordMatches(terms)).filter((g) => keep.has(g));
  }

  async wordMatches(terms: readonly string[]): Promise<number[]> {
    const distinct = [...new Set(terms.filter((t) => t.length > 0))];
    if (distinct.length === 0) return [];
    const { rows } = await this.query<{ t: number; keys: Buffer }>(
      `SELECT array_position($1::text[], term) AS t, array_send(keys) AS keys FROM huayu_lists WHERE field = ${LIST_FIELD.word} AND term = ANY($1::text[])`,
      [distinct],
    );
    // No await from here on: the counters belong to this query.
    const seen: number[] = [];
    const slotMask = 2 ** SLOT_BITS - 1;
    for (const r of rows) {
      eachEntry(r.keys, (e) => {
        const g = this.gidOf(e >> SLOT_BITS);
        if (g < 0) return;
        const place = (e & slotMask) * 65536 + r.t;
        if (this.count[g] === 0) {
          seen.push(g);
          this.place[g] = place;
        } else if (place > this.place[g]!) this.place[g] = place;
        this.count[g]!++;
      });
    }
    const found: Array<[place: number, gid: number]> = [];
    for (const g of seen) {
      if (this.count[g] === distinct.length) found.push([this.place[g]!, g]);
      this.count[g] = 0;
    }
    return found.sort((a, b) => a[0] - b[0] || a[1] - b[1]).map((f) => f[1]);
  }

  substringMatches(compact: string): Promise<Uint32Array> {
    if (compact.length < 2) return Promise.resolve(new Uint32Array(0));
    const grams = bigramsOf(compact);
    // Two units are one bigram: its list is the answer, with no body to check.
    if (compact.length === 2) return this.listed('SELECT array_send(keys) AS keys FROM huayu_grams WHERE gram = $1', [grams[0]]);
    // A gram no passage holds sorts first (df 0) and meets no list: no candidates.
    return this.records(
      `WITH q AS (SELECT unnest($1::integer[]) AS gram),
         rare AS (SELECT q.gram FROM q LEFT JOIN huayu_grams g ON g.gram = q.gram GROUP BY q.gram ORDER BY coalesce(sum(g.df), 0), q.gram LIMIT 2),
         candidates AS (SELECT k >> ${SLOT_BITS} AS key FROM rare JOIN huayu_grams g ON g.gram = rare.gram, unnest(g.keys) AS k
                        GROUP BY k HAVING count(*) = (SELECT count(*) FROM rare))
       SELECT string_agg(int4send(p.key), ''::bytea) AS records FROM candidates c JOIN huayu_passages p ON p.key = c.key WHERE strpos(p.compact, $2) > 0`,
      [grams, compact],
    );
  }

  async tagged(field: TagField, value: string): Promise<Uint32Array> {
    if (field === 'doc') {
      return this.records(
        `SELECT string_agg(int4send(k), ''::bytea) AS records FROM huayu_documents d, generate_series(d.first_key, d.first_key + d.passage_count - 1) AS k WHERE d.id = $1`,
        [value],
      );
    }
    return this.listed('SELECT array_send(keys) AS keys FROM huayu_lists WHERE field = $1 AND term = $2', [TAG_FIELD[field], value]);
  }

  async votes(grams: Uint32Array, minVotes: number): Promise<Array<[number, number]>> {
    const keys = Array.from(grams, signedKey);
    if (keys.length === 0 || minVotes > keys.length) return [];
    // Pigeonhole: a passage holding minVotes of the grams holds one of any (grams - minVotes + 1) of them; take the rarest.
    const { rows } = await this.query<{ records: Buffer | null }>(
      `WITH q AS (SELECT unnest($1::integer[]) AS gram),
         rare AS (SELECT q.gram FROM q LEFT JOIN huayu_grams g ON g.gram = q.gram GROUP BY q.gram ORDER BY coalesce(sum(g.df), 0), q.gram LIMIT $2),
         candidates AS (SELECT DISTINCT k FROM rare JOIN huayu_grams g ON g.gram = rare.gram, unnest(g.keys) AS k),
         voted AS (SELECT k, count(*)::integer AS v FROM huayu_grams g, unnest(g.keys) AS k
                   WHERE g.gram = ANY($1::integer[]) AND k IN (SELECT k FROM candidates) GROUP BY k)
       SELECT string_agg(int4send(k >> ${SLOT_BITS}) || int4send(v), ''::bytea) AS records FROM voted WHERE v >= $3`,
      [keys, keys.length - minVotes + 1, minVotes],
    );
    const records = rows[0]?.records;
    const out: Array<[number, number]> = [];
    if (records) {
      for (let at = 0; at < records.length; at += 8) {
        const g = this.gidOf(records.readInt32BE(at));
        if (g >= 0) out.push([g, records.readInt32BE(at + 4)]);
      }
    }
    return out.sort((a, b) => a[0] - b[0]);
  }

  /**
   * Every write gives a document a new key, and a removal lowers the count:
   * the highest key and the count say whether the documents are still the
   * ones this process loaded.
   */
  async current(): Promise<boolean> {
    const { rows } = await this.query<{ top: number; count: number }>('SELECT coalesce(max(doc_key), 0) AS top, count(*)::integer AS count FROM huayu_documents', []);
    return rows[0]!.top === this.loaded.topDocKey && rows[0]!.count === this.loaded.documents;
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
