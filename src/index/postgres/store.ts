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
import { createEngine, type Engine, type EngineDocument, type IndexedPassage, type Manifest } from '../engine.js';
import { readColumnPassages } from '../columnPassage.js';
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
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
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
    // No texts or details: a response fetches those it shows (texts.ts). The columns come as base64: as
    // bytea's own text form (hex) their 18 MB at 100 MB were a 36 MB string, and the load took 0.2 s longer.
    type DocRow = { id: string; doc_key: number; path: string; sha256: string; bytes: string; mtime_ms: number; passage_count: number; compact_units: number; first_key: number; meta: string; columns: string };
    const reading = client.query<DocRow>(`SELECT id, doc_key, path, sha256, bytes, mtime_ms, passage_count, compact_units, first_key, meta, ${asBase64('columns')} AS columns FROM huayu_documents`);
    options.whileReading?.();
    const docRows = (await reading).rows.sort((a, b) => comparePaths(a.path, b.path));
    // Every document's columns number into this one table, shared by their passages.
    const values = await readPassageValues(client);
    if (!docRows.length) throw createError('STORE_EMPTY', redactUrl(url));
    // No bodies either: a query fetches those it reads (bodies.ts). Their count says the rows are whole.
    const { rows: counted } = await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM huayu_passages');
    const refused = (await client.query<{ path: string; code: string; message: string }>('SELECT path, code, message FROM huayu_refused ORDER BY path')).rows;
    await client.query('COMMIT');

    const topKey = docRows.reduce((m, d) => Math.max(m, d.first_key + d.passage_count), 0);
    const expected = docRows.reduce((n, d) => n + d.passage_count, 0);
    // Written in one transaction with their documents: a difference means the database was edited by hand.
    if (counted[0]!.n !== expected) throw new Error(`pg-store: ${counted[0]!.n} passage rows for documents of ${expected} passages`);
    const docs: EngineDocument[] = [];
    const passages: IndexedPassage[] = [];
    /** By passage key: this process's passage number (gid), -1 for keys of documents it did not load. */
    const gidOfKey = new Int32Array(topKey).fill(-1);
    const keyOfGid = new Int32Array(expected);
    for (const d of docRows) {
      const di = docs.length;
      const corrupt = (detail: string) => new Error(`pg-store: document ${d.id}: ${detail}`);
      const own = readColumnPassages(bytesOf(d.columns), values, corrupt, passages.length, di);
      if (own.length !== d.passage_count) throw corrupt(`${own.length} passages, its row says ${d.passage_count}`);
      // The document's own list holds these same objects, as the embedded index's does.
      for (let i = 0; i < own.length; i++) {
        gidOfKey[d.first_key + i] = passages.length;
        keyOfGid[passages.length] = d.first_key + i;
        passages.push(own[i]!);
      }
      docs.push({ ...(JSON.parse(d.meta) as Omit<EngineDocument, 'passages'>), passages: own });
    }
    const files = docRows.map((d) => ({ path: d.path, sha256: d.sha256, bytes: Number(d.bytes), mtimeMs: d.mtime_ms, id: d.id }));
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
    // A quarter of the budget each for texts and bodies, the rest for lists: a page's twenty documents
    // are ~250 KB at 100 MB, the bodies a query ranks ~150 KB, a common word's list 500 KB.
    const cacheBytes = options.cacheBytes ?? DEFAULTS.pgCacheMb * 1024 * 1024;
    const quarter = Math.floor(cacheBytes / 4);
    const retrieval = new PgRetrieval(pool, gidOfKey, keyOfGid, { documents: docs.length, topDocKey: docRows.reduce((m, d) => Math.max(m, d.doc_key), 0) }, cacheBytes - 2 * quarter);
    const texts = new PgTexts(pool, Int32Array.from(docRows, (d) => d.doc_key), quarter);
    const bodies = new PgBodies(pool, keyOfGid, averageLength(docRows.reduce((n, d) => n + d.compact_units, 0), expected), quarter);
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
