// The index in PostgreSQL, for serving: any number of stateless processes load
// the same engine from it (schema.ts has the tables, write.ts writes them).
// A serving process holds the documents and passages (offsets, speakers) but
// no texts, bodies, word index or bigram lists: a response fetches the texts
// it shows (texts.ts) and the bodies it ranks by (bodies.ts), and retrieval
// questions go to SQL (retrieval.ts), which reads each term's packed lists.

import pg from 'pg';
import type { Segmenter } from '../../analysis/segmenter.js';
import { ANALYZER_VERSION } from '../../analysis/tokenize.js';
import { DEFAULTS } from '../../config.js';
import { createError } from '../../errors.js';
import { corpusFingerprint } from '../../ingest/readCorpus.js';
import { createEngine, type Engine, type EngineDocument, type Manifest } from '../engine.js';
import { ColumnTable } from '../columnPassage.js';
import { parseColumns, type ParsedColumns, type PassageValues } from '../passageColumns.js';
import { asBase64, bytesOf } from './query.js';
import { PgRetrieval } from './retrieval.js';
import { PgTexts } from './texts.js';
import { PgBodies } from './bodies.js';
import { readPassageValues } from './values.js';
import { averageLength } from '../bodies.js';
import { checkSchema, connect, redactUrl, SCHEMA_VERSION } from './schema.js';

export { isPostgresUrl, redactUrl, SCHEMA_VERSION } from './schema.js';
export { indexIntoPostgres, type PgIndexOptions } from './write.js';

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

/** The engine of everything the database holds, for one serving process; its queries go to the database. */
export async function loadFromPostgres(
  url: string,
  segmenterFor: (userWords: string[]) => Segmenter,
  aliasGroups: string[][] = [],
  options: {
    cacheBytes?: number | undefined;
    warm?: boolean | undefined;
    /** Work for this thread while the database reads out the documents (a server builds its IDF table then). */
    whileReading?: (() => void) | undefined;
    /** Documents whose passages are read in one statement (DEFAULTS.pgCatalogBatch). */
    catalogBatch?: number | undefined;
  } = {},
): Promise<Engine> {
  const client = await connect(url);
  let segmenter: Segmenter | undefined;
  try {
    await checkSchema(client, url);
    // One snapshot for the documents, their passages and the rest: read statement by statement, a batch
    // committed in between could drop the passages of a document already read ("lacks passage").
    // Read-only repeatable read is allowed on a hot standby too.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    const { rows: meta } = await client.query<{ value: string[] }>(`SELECT value FROM huayu_meta WHERE key = 'userWords'`);
    const userWords = meta[0]?.value ?? [];
    // The query segmenter's dictionaries load on their own thread (~1 s) while this one reads the catalog.
    segmenter = segmenterFor(userWords);
    // First each document's head (no texts or details: a response fetches those it shows, texts.ts): the
    // order of the documents and their passages' numbers follow from it, before any passage is read.
    const reading = client.query<Head>('SELECT id, doc_key, path, sha256, bytes, mtime_ms, passage_count, compact_units, first_key, astral FROM huayu_documents');
    // Every document's columns number into this one table, shared by their passages.
    const valuesRead = readPassageValues(client);
    // Awaited below; a failure of the statement before it must not leave this one's unhandled.
    valuesRead.catch(() => undefined);
    const heads = (await reading).rows.sort((a, b) => comparePaths(a.path, b.path));
    const values = await valuesRead;
    if (!heads.length) throw createError('STORE_EMPTY', redactUrl(url));

    const { docs, passages, gidOfKey, keyOfGid } = await readCatalog(client, heads, values, options.catalogBatch ?? DEFAULTS.pgCatalogBatch, options.whileReading);
    const expected = passages.length;
    // No bodies either: a query fetches those it reads (bodies.ts). Their count says the rows are whole.
    const { rows: counted } = await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM huayu_passages');
    const refused = (await client.query<{ path: string; code: string; message: string }>('SELECT path, code, message FROM huayu_refused ORDER BY path')).rows;
    await client.query('COMMIT');

    // Written in one transaction with their documents: a difference means the database was edited by hand.
    if (counted[0]!.n !== expected) throw new Error(`pg-store: ${counted[0]!.n} passage rows for documents of ${expected} passages`);
    const files = heads.map((d) => ({ path: d.path, sha256: d.sha256, bytes: Number(d.bytes), mtimeMs: d.mtime_ms, id: d.id }));
    const manifest: Manifest = {
      // The database's own format: the embedded index's version numbers its files, not these tables.
      formatVersion: SCHEMA_VERSION,
      analyzerVersion: ANALYZER_VERSION,
      corpusFingerprint: corpusFingerprint([...files, ...refused.map((r) => ({ path: r.path, sha256: '' }))]),
      builtAt: new Date().toISOString(),
      documents: docs.length,
      passages: passages.length,
      files,
      refused,
      userWords,
    };
    // allowExitOnIdle: a CLI query ends when it is answered, not when idle connections time out.
    const pool = new pg.Pool({ connectionString: url, allowExitOnIdle: true });
    // An idle connection dropped by the server is replaced on the next query; without a listener it would crash the process.
    pool.on('error', () => {});
    // A quarter of the budget each for texts and bodies, the rest for lists: a page's twenty passages
    // are ~8 KB at 100 MB (their documents ~250 KB), the bodies a query ranks ~150 KB, a common word's list 500 KB.
    const cacheBytes = options.cacheBytes ?? DEFAULTS.pgCacheMb * 1024 * 1024;
    const quarter = Math.floor(cacheBytes / 4);
    const retrieval = new PgRetrieval(pool, gidOfKey, keyOfGid, { documents: docs.length, topDocKey: heads.reduce((m, d) => Math.max(m, d.doc_key), 0) }, cacheBytes - 2 * quarter);
    // Most documents have no astral character: they share one empty list.
    const texts = new PgTexts(pool, Int32Array.from(heads, (d) => d.doc_key), heads.map((d) => (d.astral.length ? d.astral : NO_ASTRAL)), quarter);
    const bodies = new PgBodies(pool, keyOfGid, averageLength(heads.reduce((n, d) => n + d.compact_units, 0), expected), quarter);
    // A server's, in the background: the first answers need not wait for it. A one-shot CLI query asks
    // for none, or it would fetch lists for seconds after its answer before it could exit.
    if (options.warm) void retrieval.warm();
    return createEngine({ manifest, docs, texts, bodies, passages, retrieval, segmenter, aliasGroups });
  } catch (err) {
    await segmenter?.close();
    throw err;
  } finally {
    await client.end();
  }
}

type Head = { id: string; doc_key: number; path: string; sha256: string; bytes: string; mtime_ms: number; passage_count: number; compact_units: number; first_key: number; astral: number[] };

const NO_ASTRAL: readonly number[] = Object.freeze([]);

/**
 * The documents of `heads` (in path order) and the table of their passages, numbered in that order (no
 * passage object is held: the table builds one when asked, columnPassage.ts): read a range of
 * `batch` documents at a time, the next range asked for while one is decoded. Read in one statement, the
 * rows of 100 MB were ~40 MB of strings alive at once, which the collector copied and the heap kept room
 * for after the load (~35 MB more resident). `whileReading` runs while the first range is read.
 */
async function readCatalog(client: pg.Client, heads: readonly Head[], values: PassageValues, batch: number, whileReading: (() => void) | undefined) {
  const topKey = heads.reduce((m, d) => Math.max(m, d.first_key + d.passage_count), 0);
  const expected = heads.reduce((n, d) => n + d.passage_count, 0);
  const docs: EngineDocument[] = new Array(heads.length);
  const columns: ParsedColumns[] = new Array(heads.length);
  const firstOf = new Uint32Array(heads.length + 1);
  /** By passage key: this process's passage number (gid), -1 for keys of documents it did not load. */
  const gidOfKey = new Int32Array(topKey).fill(-1);
  const keyOfGid = new Int32Array(expected);
  /** By doc_key: the document's number here (its place by path), and its first passage's. */
  const placeOf = new Map<number, { di: number; first: number }>();
  let gids = 0;
  heads.forEach((d, di) => {
    placeOf.set(d.doc_key, { di, first: gids });
    firstOf[di] = gids;
    gids += d.passage_count;
  });
  firstOf[heads.length] = gids;
  const byKey = heads.map((d) => d.doc_key).sort((a, b) => a - b);
  const ranges: Array<[number, number]> = [];
  const size = Math.max(1, batch);
  for (let i = 0; i < byKey.length; i += size) ranges.push([byKey[i]!, byKey[Math.min(i + size, byKey.length) - 1]!]);
  const ask = ([low, high]: [number, number]) => {
    // The columns come as base64: as bytea's own text form (hex) their 18 MB at 100 MB were a 36 MB string.
    const asked = client.query<{ doc_key: number; meta: string; columns: string }>(
      `SELECT doc_key, meta, ${asBase64('columns')} AS columns FROM huayu_documents WHERE doc_key BETWEEN $1 AND $2`,
      [low, high],
    );
    // Awaited in turn; a range found corrupt before it must not leave the next one's failure unhandled.
    asked.catch(() => undefined);
    return asked;
  };
  let next = ask(ranges[0]!);
  let read = 0;
  whileReading?.();
  for (let r = 0; r < ranges.length; r++) {
    const { rows } = await next;
    if (r + 1 < ranges.length) next = ask(ranges[r + 1]!);
    for (const row of rows) {
      const { di, first } = placeOf.get(row.doc_key)!;
      const d = heads[di]!;
      const corrupt = (detail: string) => new Error(`pg-store: document ${d.id}: ${detail}`);
      const own = parseColumns(bytesOf(row.columns), values, corrupt);
      if (own.n !== d.passage_count) throw corrupt(`${own.n} passages, its row says ${d.passage_count}`);
      for (let i = 0; i < own.n; i++) {
        gidOfKey[d.first_key + i] = first + i;
        keyOfGid[first + i] = d.first_key + i;
      }
      columns[di] = own;
      docs[di] = JSON.parse(row.meta) as EngineDocument;
      read++;
    }
  }
  if (read !== heads.length) throw new Error(`pg-store: ${read} documents' passages for ${heads.length} documents`);
  return { docs, passages: new ColumnTable(columns, firstOf), gidOfKey, keyOfGid };
}
