// What every reader of the PostgreSQL store loads first: each document's head
// (in the order of its path, which numbers the passages), the table of the
// passages' values, and each document's fields. A document's passages
// (columns) and exchanges come with its row when a response first reads them
// (PgCatalog): at 100 MB they were 18 MB and 6.5 MB, ~1 s of every server's
// start. "huayu index" reads every row at once to derive the engine's tables
// for the servers (readCatalog, derived.ts). A server reads the heads and
// fields as one stored text where it is still for its documents (snapshot.ts),
// and from these rows otherwise.

import { createHash } from 'node:crypto';
import type pg from 'pg';
import { createError } from '../../errors.js';
import type { Exchange } from '../../parse/types.js';
import { ColumnTable } from '../columnPassage.js';
import { heldCatalog, type Catalog, type EngineDocument, type WholeDocument } from '../engine.js';
import { parseColumns, type ParsedColumns, type PassageValues } from '../passageColumns.js';
import { asBase64, bytesOf, servingQuery } from './query.js';
import { readPassageValues } from './values.js';

/** Same order as scanCorpus: by path, segment by segment, as a folder tree is listed. */
export function comparePaths(a: string, b: string): number {
  // Code unit by code unit, a segment that ends first ('/') coming first: what comparing the split
  // segments gives, without splitting each path ~26 times while 8,675 are sorted (44 ms of a start).
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) {
    const x = a.charCodeAt(i);
    const y = b.charCodeAt(i);
    if (x !== y) return x === 47 ? -1 : y === 47 ? 1 : x - y;
  }
  return a.length - b.length;
}

/**
 * Each document's head (no texts or details: a response fetches those it shows, texts.ts), in path
 * order, and the values the passages number into. Inside the reader's transaction.
 */
export async function readHeads(client: pg.Client): Promise<{ heads: Head[]; values: PassageValues }> {
  const reading = client.query<Head>('SELECT id, doc_key, path, sha256, bytes, mtime_ms, passage_count, compact_units, first_key, astral FROM huayu_documents');
  // Every document's columns number into this one table, shared by their passages.
  const valuesRead = readPassageValues(client);
  // Awaited below; a failure of the statement before it must not leave this one's unhandled.
  valuesRead.catch(() => undefined);
  const heads = (await reading).rows.sort((a, b) => comparePaths(a.path, b.path));
  return { heads, values: await valuesRead };
}

export type Head = { id: string; doc_key: number; path: string; sha256: string; bytes: string; mtime_ms: number; passage_count: number; compact_units: number; first_key: number; astral: number[] };

/**
 * Which documents a catalog is: a digest of their doc_keys (a document written again gets a new doc_key,
 * and nothing stored under one ever changes, its path and passages included). The same digest in SQL
 * (KEYS_DIGEST) and here (keysDigest), so a stored row can be matched to the documents in either place.
 */
export const KEYS_DIGEST = `(SELECT md5(coalesce(string_agg(doc_key::text, ',' ORDER BY doc_key), '')) FROM huayu_documents)`;

export function keysDigest(heads: readonly Head[]): string {
  const keys = heads.map((h) => h.doc_key).sort((a, b) => a - b);
  return createHash('md5').update(keys.join(',')).digest('hex');
}

/** By document (in path order) its first passage number, one more at the end; by key this process's number and back. */
export function keyTables(heads: readonly Head[]): { firstOf: Uint32Array; gidOfKey: Int32Array; keyOfGid: Int32Array } {
  const topKey = heads.reduce((m, d) => Math.max(m, d.first_key + d.passage_count), 0);
  const firstOf = new Uint32Array(heads.length + 1);
  let gids = 0;
  heads.forEach((d, di) => {
    firstOf[di] = gids;
    gids += d.passage_count;
  });
  firstOf[heads.length] = gids;
  /** By passage key: this process's passage number (gid), -1 for keys of documents it did not load. */
  const gidOfKey = new Int32Array(topKey).fill(-1);
  const keyOfGid = new Int32Array(gids);
  heads.forEach((d, di) => {
    for (let i = 0; i < d.passage_count; i++) {
      gidOfKey[d.first_key + i] = firstOf[di]! + i;
      keyOfGid[firstOf[di]! + i] = d.first_key + i;
    }
  });
  return { firstOf, gidOfKey, keyOfGid };
}

/** By doc_key, the document's place among `heads`. */
function placesOf(heads: readonly Head[]): Map<number, number> {
  return new Map(heads.map((d, di) => [d.doc_key, di]));
}

/** Each document's fields (no exchanges, passages or text), in the order of `heads`. Inside the reader's transaction. */
export async function readDocuments(client: pg.Client, heads: readonly Head[]): Promise<EngineDocument[]> {
  return parsedFields(await readFields(client, heads));
}

function parsedFields(texts: readonly string[]): EngineDocument[] {
  return texts.map((meta) => JSON.parse(meta) as EngineDocument);
}

/** Each document's fields as stored (JSON) and parsed, in the order of `heads`. */
export interface StoredFields {
  texts: string[];
  docs: EngineDocument[];
}

/**
 * The documents' fields, read and parsed when first asked for and then kept: "huayu index" writes the
 * servers' derived tables (readCatalog) and the catalog text (snapshot.ts) from the same fields, each
 * of which read and parsed them on its own (6.9 MB at 100 MB, ~80–140 ms).
 */
export function storedFieldsOnce(client: pg.Client, heads: readonly Head[]): () => Promise<StoredFields> {
  let read: Promise<StoredFields> | undefined;
  return () => (read ??= readFields(client, heads).then((texts) => ({ texts, docs: parsedFields(texts) })));
}

/** Each document's fields as stored (JSON), in the order of `heads`: what readDocuments parses and the catalog text holds as they are. */
export async function readFields(client: pg.Client, heads: readonly Head[]): Promise<string[]> {
  const { rows } = await client.query<{ doc_key: number; meta: string }>('SELECT doc_key, meta FROM huayu_documents');
  const place = placesOf(heads);
  const fields: string[] = new Array(heads.length);
  for (const row of rows) {
    const di = place.get(row.doc_key);
    if (di !== undefined) fields[di] = row.meta;
  }
  if (rows.length !== heads.length || fields.some((f) => f === undefined)) throw new Error(`pg-store: ${rows.length} documents' fields for ${heads.length} documents`);
  return fields;
}

type Row = { doc_key: number; exchanges: string; columns: string };

/** A document's row as a response reads it: its passages' columns, checked, and its exchanges. */
function decodeRow(head: Head, row: Row, values: PassageValues): { columns: ParsedColumns; exchanges: Exchange[] } {
  const corrupt = (detail: string) => new Error(`pg-store: document ${head.id}: ${detail}`);
  const columns = parseColumns(bytesOf(row.columns), values, corrupt);
  if (columns.n !== head.passage_count) throw corrupt(`${columns.n} passages, its row says ${head.passage_count}`);
  return { columns, exchanges: JSON.parse(row.exchanges) as Exchange[] };
}

// The columns come as base64: as bytea's own text form (hex) their 18 MB at 100 MB were a 36 MB string.
const ROW_FIELDS = `doc_key, exchanges, ${asBase64('columns')} AS columns`;

/**
 * A serving process's passages and exchanges: each document's fetched with its row when a response first
 * reads it, and kept (at most what every server held before, ~45 MB at 100 MB; fetchAll fills it after a
 * start). Rows are read by doc_key, which a document written again never keeps: a row gone is STORE_CHANGED.
 */
export class PgCatalog implements Catalog {
  readonly passages: ColumnTable;
  private readonly exchangesOf: Array<Exchange[] | undefined>;
  /** Documents being fetched: a second response waits for the same statement. */
  private readonly pending = new Map<number, Promise<void>>();

  constructor(
    private readonly pool: pg.Pool,
    private readonly heads: readonly Head[],
    private readonly values: PassageValues,
    firstOf: Uint32Array,
  ) {
    this.passages = new ColumnTable(heads.length, firstOf);
    this.exchangesOf = new Array<Exchange[] | undefined>(heads.length);
  }

  fetch(docs: Iterable<number>): Promise<void> {
    const missing = new Set<number>();
    const waits = new Set<Promise<void>>();
    for (const d of docs) {
      if (this.exchangesOf[d] !== undefined) continue;
      const pending = this.pending.get(d);
      if (pending) waits.add(pending);
      else missing.add(d);
    }
    if (missing.size) {
      const fetching = this.fetchRows([...missing]);
      for (const d of missing) this.pending.set(d, fetching);
      void fetching.finally(() => missing.forEach((d) => this.pending.delete(d))).catch(() => undefined);
      waits.add(fetching);
    }
    return waits.size ? Promise.all(waits).then(() => undefined) : Promise.resolve();
  }

  exchanges(doc: number): readonly Exchange[] {
    const ex = this.exchangesOf[doc];
    if (!ex) throw new Error(`index: exchanges of document ${doc} read before it was fetched; a response asks Engine.catalog for the documents it reads`);
    return ex;
  }

  /** Every document not held yet, `batch` at a time: what a server fetches after it starts answering. */
  async fetchAll(batch: number): Promise<void> {
    for (let d = 0; d < this.heads.length; d += batch) {
      const docs: number[] = [];
      for (let k = d; k < Math.min(d + batch, this.heads.length); k++) docs.push(k);
      await this.fetch(docs);
    }
  }

  private async fetchRows(docs: number[]): Promise<void> {
    const { rows } = await servingQuery<Row>(this.pool, `SELECT ${ROW_FIELDS} FROM huayu_documents WHERE doc_key = ANY($1::integer[])`, [docs.map((d) => this.heads[d]!.doc_key)]);
    // The server reloads soon (stores.ts).
    if (rows.length < docs.length) throw createError('STORE_CHANGED');
    const place = placesOf(docs.map((d) => this.heads[d]!));
    for (const row of rows) {
      const d = docs[place.get(row.doc_key)!]!;
      const { columns, exchanges } = decodeRow(this.heads[d]!, row, this.values);
      this.passages.hold(d, columns);
      this.exchangesOf[d] = exchanges;
    }
  }
}

/**
 * Every document of `heads` whole, with the table of their passages, for "huayu index" to derive the
 * servers' tables from: read a range of `batch` documents at a time, the next range asked for while one
 * is decoded. Read in one statement, the rows of 100 MB were ~40 MB of strings alive at once.
 */
export async function readCatalog(
  client: pg.Client,
  heads: readonly Head[],
  values: PassageValues,
  batch: number,
  fields: () => Promise<StoredFields>,
): Promise<{ docs: WholeDocument[]; passages: ColumnTable; catalog: Catalog }> {
  const { docs: stored } = await fields();
  const { firstOf } = keyTables(heads);
  const docs: WholeDocument[] = new Array(heads.length);
  const passages = new ColumnTable(heads.length, firstOf);
  const place = placesOf(heads);
  const byKey = heads.map((d) => d.doc_key).sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  const size = Math.max(1, batch);
  for (let i = 0; i < byKey.length; i += size) ranges.push([byKey[i]!, byKey[Math.min(i + size, byKey.length) - 1]!]);
  const ask = ([low, high]: [number, number]) => {
    const asked = client.query<Row>(`SELECT ${ROW_FIELDS} FROM huayu_documents WHERE doc_key BETWEEN $1 AND $2`, [low, high]);
    // Awaited in turn; a range found corrupt before it must not leave the next one's failure unhandled.
    asked.catch(() => undefined);
    return asked;
  };
  let next = ranges.length ? ask(ranges[0]!) : null;
  let read = 0;
  for (let r = 0; r < ranges.length; r++) {
    const { rows } = await next!;
    if (r + 1 < ranges.length) next = ask(ranges[r + 1]!);
    for (const row of rows) {
      const di = place.get(row.doc_key)!;
      const { columns, exchanges } = decodeRow(heads[di]!, row, values);
      passages.hold(di, columns);
      docs[di] = { ...stored[di]!, exchanges };
      read++;
    }
  }
  if (read !== heads.length) throw new Error(`pg-store: ${read} documents' passages for ${heads.length} documents`);
  return { docs, passages, catalog: heldCatalog(docs) };
}
