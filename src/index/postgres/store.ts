// The index in PostgreSQL, for serving: any number of stateless processes load
// the same engine from it (schema.ts has the tables, write.ts writes them;
// a server never loads the writer).
// A serving process starts with each document's fields and the engine's
// derived tables (derived.ts), but no passages, exchanges, texts, bodies, word
// index or bigram lists: a response fetches the documents' rows it reads
// (catalog.ts; a server then fetches the rest in the background and keeps
// them), the texts it shows (texts.ts) and the bodies it ranks by (bodies.ts),
// and retrieval questions go to SQL (retrieval.ts), which reads each term's
// packed lists.

import type pg from 'pg';
import type { Segmenter } from '../../analysis/segmenter.js';
import { ANALYZER_VERSION } from '../../analysis/tokenize.js';
import { DEFAULTS } from '../../config.js';
import { createError } from '../../errors.js';
import { corpusFingerprint } from '../../ingest/identity.js';
import { createEngine, deriveTables, type Engine, type Manifest } from '../engine.js';
import { PgRetrieval } from './retrieval.js';
import { bytesIn, copyOut, int4Of } from './copyOut.js';
import { passageLengths } from './wordLists.js';
import { PgTexts } from './texts.js';
import { PgBodies } from './bodies.js';
import { averageLength } from '../bodies.js';
import { checkSchema, redactUrl, SCHEMA_VERSION, servingPool, type ServingPool } from './schema.js';
import { keyTables, PgCatalog } from './catalog.js';
import { readCatalogHead } from './snapshot.js';
import { derivedFingerprint, readDerived, storedTables } from './derived.js';

export { isPostgresUrl, redactUrl, SCHEMA_VERSION } from './schema.js';
export { comparePaths } from './catalog.js';

/** The engine of everything the database holds, for one serving process; its queries go to the database. */
export async function loadFromPostgres(
  url: string,
  /** The query segmenter, started by the caller so that its dictionaries load while this reads; taught the corpus's words here, closed if the load fails. */
  segmenter: Segmenter,
  aliasGroups: string[][] = [],
  options: {
    cacheBytes?: number | undefined;
    warm?: boolean | undefined;
    /** Work for this thread while the database reads out the documents (a server opens its IDF table then). */
    whileReading?: (() => void) | undefined;
    /** Documents whose rows are fetched in one statement when every one is (DEFAULTS.pgCatalogBatch). */
    catalogBatch?: number | undefined;
    /** The pool and the loader's two connections, opened by the caller before it imported this module; ended here if the load fails. */
    serving?: ServingPool | undefined;
    /** Candidates of a substring one statement checks (DEFAULTS.pgCheckPiece). */
    checkPiece?: number | undefined;
    /** Candidates of a substring past which it is found from its bigrams' places (DEFAULTS.pgPlacesPast). */
    placesPast?: number | undefined;
  } = {},
): Promise<Engine> {
  let client: pg.PoolClient | undefined;
  const {
    pool,
    connecting: [main, side],
  } = options.serving ?? servingPool(url);
  // The derived tables' row on the second connection, read while the first reads the heads; given back once read.
  const derivedRead = side.then(async (c) => {
    try {
      const read = await readDerived(c);
      c.release();
      return read;
    } catch (err) {
      c.release(true);
      throw err;
    }
  });
  derivedRead.catch(() => undefined);
  try {
    client = await main;
    await checkSchema(client, url);
    // One snapshot for the documents, their passages and the rest: read statement by statement, a batch
    // committed in between could drop the passages of a document already read ("lacks passage").
    // Read-only repeatable read is allowed on a hot standby too.
    await client.query('BEGIN ISOLATION LEVEL REPEATABLE READ READ ONLY');
    // No parallel workers for these reads: the count of passages below took 42–49 ms with two (launched
    // for it, on cores the starting server is using) and 12 ms without, at 100 MB.
    await client.query('SET LOCAL max_parallel_workers_per_gather = 0');
    const { rows: meta } = await client.query<{ value: string[] }>(`SELECT value FROM huayu_meta WHERE key = 'userWords'`);
    const userWords = meta[0]?.value ?? [];
    // Taught once its dictionaries are loaded (~0.3 s on its own thread, from before this connected); awaited last.
    const taught = segmenter.teach(userWords);
    taught.catch(() => undefined);
    // First each document's head: the order of the documents and their passages' numbers follow from it, before any passage is read.
    const { heads, values, docs } = await readCatalogHead(client, () => options.whileReading?.());
    if (!heads.length) throw createError('STORE_EMPTY', redactUrl(url));
    const fingerprint = derivedFingerprint(heads, aliasGroups);
    const { firstOf, gidOfKey, keyOfGid } = keyTables(heads);
    const expected = firstOf[heads.length]!;
    // No bodies either: a query fetches those it reads (bodies.ts). Their count says the rows are whole.
    const { rows: counted } = await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM huayu_passages');
    // Every passage's length (BM25's), so that ranking a word query reads no body (wordLists.ts).
    const lengthRows = (await copyOut(client, 'SELECT low, count, lengths FROM huayu_lengths')).map(([low, count, varints]) => ({ low: int4Of(low), count: int4Of(count), varints: bytesIn(varints) }));
    const { rows: refused } = await client.query<{ path: string; code: string; message: string }>('SELECT path, code, message FROM huayu_refused ORDER BY path');
    await client.query('COMMIT');
    // Derived from every passage (0.8 s at 100 MB): used as stored when stored for this catalog and these groups.
    const stored = await derivedRead;
    const storedDerived = stored?.fingerprint === fingerprint ? stored : null;

    // Written in one transaction with their documents: a difference means the database was edited by hand.
    if (counted[0]!.n !== expected) throw new Error(`pg-store: ${counted[0]!.n} passage rows for documents of ${expected} passages`);
    const lengths = passageLengths(lengthRows, gidOfKey, expected);
    if (!lengths) throw new Error(`pg-store: huayu_lengths lacks some of the ${expected} passages' lengths (written with their documents, so edited by hand); "huayu index" into a new database writes them whole`);
    const files = heads.map((d) => ({ path: d.path, sha256: d.sha256, bytes: Number(d.bytes), mtimeMs: d.mtime_ms, id: d.id }));
    const manifest: Manifest = {
      // The database's own format: the embedded index's version numbers its files, not these tables.
      formatVersion: SCHEMA_VERSION,
      analyzerVersion: ANALYZER_VERSION,
      corpusFingerprint: corpusFingerprint([...files, ...refused.map((r) => ({ path: r.path, sha256: '' }))]),
      builtAt: new Date().toISOString(),
      documents: docs.length,
      passages: expected,
      files,
      refused,
      userWords,
    };
    // Half of the budget for lists, a quarter each for texts and bodies: a page's twenty passages are ~8 KB
    // at 100 MB (their documents ~250 KB), a common word's list ~600 KB with its tfs. Since a word query
    // ranks on its lists' tfs, bodies are read for phrases and quotes; with half for lists rather than
    // for bodies, two words' p50 fell from 9.0 to 7.7–8.1 ms and p99 from 54 to 38–42 (in process,
    // alternated), two servers' req/s 154–168 → 167–173, memory 327–343 MB each against 323–332.
    const cacheBytes = options.cacheBytes ?? DEFAULTS.pgCacheMb * 1024 * 1024;
    const quarter = Math.floor(cacheBytes / 4);
    const bodies = new PgBodies(pool, keyOfGid, averageLength(heads.reduce((n, d) => n + d.compact_units, 0), expected), quarter);
    const retrieval = new PgRetrieval(pool, gidOfKey, keyOfGid, lengths, { documents: docs.length, topDocKey: heads.reduce((m, d) => Math.max(m, d.doc_key), 0) }, cacheBytes - 2 * quarter, options.checkPiece, options.placesPast, (g, body) => bodies.keep(g, body));
    // Most documents have no astral character: they share one empty list.
    const texts = new PgTexts(pool, Int32Array.from(heads, (d) => d.doc_key), heads.map((d) => (d.astral.length ? d.astral : NO_ASTRAL)), quarter);
    const catalog = new PgCatalog(pool, heads, values, firstOf);
    const passages = catalog.passages;
    const parts = { manifest, docs, texts, bodies, passages, catalog, retrieval, segmenter, aliasGroups };
    // Tables for another catalog or other groups: derived here, from every document's row.
    if (!storedDerived) await catalog.fetchAll(options.catalogBatch ?? DEFAULTS.pgCatalogBatch);
    const engine = createEngine(parts, storedDerived ? storedTables(storedDerived, { passages: expected, documents: docs.length }) : deriveTables(parts));
    await taught;
    // A server's, in the background: the commonest words' lists, then the documents' rows. The first answers
    // fetch the rows they show and need not wait; the later ones find them held. A one-shot CLI query asks
    // for neither, or it would fetch for seconds after its answer before it could exit.
    // Not at once: the first answers would wait behind them (DEFAULTS.pgWarmDelayMs).
    if (options.warm) {
      const warm = () => void retrieval.warm().then(() => catalog.fetchAll(options.catalogBatch ?? DEFAULTS.pgCatalogBatch)).catch(() => undefined);
      setTimeout(warm, DEFAULTS.pgWarmDelayMs).unref();
    }
    return engine;
  } catch (err) {
    // Not given back: it may be inside the snapshot still. The pool ends once the other is given back too.
    client?.release(true);
    client = undefined;
    await Promise.all([segmenter.close(), pool.end()]);
    throw err;
  } finally {
    client?.release();
  }
}


const NO_ASTRAL: readonly number[] = Object.freeze([]);
