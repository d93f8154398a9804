// The index in PostgreSQL: documents (with their text, so servers need no
// corpus folder), passages with their speaker, topics and offsets, the
// analyzer's terms as postings, and refused files, as tables. Any number of stateless processes load
// the same engine from it. Writing is incremental and one transaction per
// document: a changed file replaces exactly its rows, a removed one deletes
// them, and a run killed midway leaves every document whole (old or new).
// One writer at a time, by an advisory lock; readers never wait.
//
// Serving processes hold the documents and passages (texts, offsets,
// speakers) but no word index or bigram lists: those questions go to SQL
// (retrieval.ts): huayu_postings holds a row per term and passage with the
// term's FlexSearch slot; each passage row carries its compact body and its
// distinct bigrams; huayu_bigrams keeps each bigram's passage count for the
// quote check.

import { createHash } from 'node:crypto';
import pg from 'pg';
import type { PassageAnalysis } from '../../analysis/analyzePassage.js';
import { ANALYZER_VERSION, TERM_SEPARATOR } from '../../analysis/tokenize.js';
import { PARSER_VERSION } from '../../parse/parseTranscript.js';
import type { Segmenter } from '../../analysis/segmenter.js';
import { createError } from '../../errors.js';
import { corpusFingerprint, isRefused, type RefusedFile, type SourceFile } from '../../ingest/readCorpus.js';
import { parseTranscript } from '../../parse/parseTranscript.js';
import type { Passage } from '../../parse/types.js';
import { analyzeCorpus, userWordsOf, type BuildProgress } from '../analyzeCorpus.js';
import { detailsList, splitDetails } from '../details.js';
import { createEngine, type DocumentDetails, type Engine, type IndexedDocument, type IndexedPassage, type Manifest } from '../engine.js';
import { flexSearchSlot, PgRetrieval, signedKey } from './retrieval.js';
import type { IndexReport } from '../stores.js';

export const SCHEMA_VERSION = 2;
const LOCK_KEY = 0x68756179; // "huay"

const SCHEMA = `
CREATE TABLE IF NOT EXISTS huayu_meta (key text PRIMARY KEY, value jsonb NOT NULL);
CREATE TABLE IF NOT EXISTS huayu_documents (
  id text PRIMARY KEY,
  path text NOT NULL UNIQUE,
  sha256 text NOT NULL,
  bytes bigint NOT NULL,
  mtime_ms double precision NOT NULL,
  analysis_key text NOT NULL,
  passage_count integer NOT NULL,
  doc_key integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  text text NOT NULL,
  meta jsonb NOT NULL
);
CREATE TABLE IF NOT EXISTS huayu_passages (
  doc_id text NOT NULL REFERENCES huayu_documents (id) ON DELETE CASCADE,
  n integer NOT NULL,
  kind text NOT NULL,
  speaker text,
  topics text[] NOT NULL,
  passage jsonb NOT NULL,
  doc_key integer,
  compact text,
  bigrams integer[],
  PRIMARY KEY (doc_id, n)
);
-- Version 1 had none of these: added empty, and the documents are rewritten by the next "huayu index".
ALTER TABLE huayu_documents ADD COLUMN IF NOT EXISTS doc_key integer GENERATED ALWAYS AS IDENTITY UNIQUE;
ALTER TABLE huayu_passages ADD COLUMN IF NOT EXISTS doc_key integer,
  ADD COLUMN IF NOT EXISTS compact text,
  ADD COLUMN IF NOT EXISTS bigrams integer[];
CREATE INDEX IF NOT EXISTS huayu_passages_bigrams ON huayu_passages USING gin (bigrams);
CREATE INDEX IF NOT EXISTS huayu_passages_kind ON huayu_passages (kind);
ALTER TABLE huayu_passages DROP COLUMN IF EXISTS terms;
CREATE TABLE IF NOT EXISTS huayu_bigrams (key integer PRIMARY KEY, df integer NOT NULL);
-- The word lists: a row per term and passage with the term's FlexSearch slot, read by index-only scans.
-- No foreign key: checking one per row took a fifth of the time to write them; forgetDocument deletes them.
CREATE TABLE IF NOT EXISTS huayu_postings (
  term text NOT NULL,
  slot smallint NOT NULL,
  doc_key integer NOT NULL,
  n integer NOT NULL
);
CREATE INDEX IF NOT EXISTS huayu_postings_term ON huayu_postings (term) INCLUDE (slot, doc_key, n);
CREATE INDEX IF NOT EXISTS huayu_postings_doc ON huayu_postings (doc_key);
CREATE INDEX IF NOT EXISTS huayu_passages_speaker ON huayu_passages (speaker);
CREATE INDEX IF NOT EXISTS huayu_passages_topics ON huayu_passages USING gin (topics);
CREATE TABLE IF NOT EXISTS huayu_refused (path text PRIMARY KEY, code text NOT NULL, message text NOT NULL);
`;

/** The URL without its password, for messages and logs. */
export function redactUrl(url: string): string {
  try {
    const u = new URL(url);
    if (u.password) u.password = '***';
    return u.toString();
  } catch {
    return 'the configured URL';
  }
}

export function isPostgresUrl(s: string | undefined): s is string {
  return !!s && /^postgres(?:ql)?:\/\//u.test(s);
}

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw createError('STORE_UNREACHABLE', redactUrl(url), (err as Error).message);
  }
  return client;
}

async function migrate(client: pg.Client): Promise<void> {
  // Two first runs at once: the lock makes CREATE ... IF NOT EXISTS safe.
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY + 1]);
  try {
    const { rows: exists } = await client.query<{ ok: boolean }>(`SELECT to_regclass('huayu_meta') IS NOT NULL AS ok`);
    const { rows } = exists[0]?.ok ? await client.query<{ value: number }>(`SELECT value FROM huayu_meta WHERE key = 'schemaVersion'`) : { rows: [] };
    const found = rows[0]?.value;
    // A newer huayu's schema is left alone; an older one is brought forward.
    if (found !== undefined && found > SCHEMA_VERSION) throw createError('STORE_SCHEMA_MISMATCH', found, SCHEMA_VERSION);
    await client.query('BEGIN');
    await client.query(SCHEMA);
    if (found !== undefined && found < 2) await client.query(`UPDATE huayu_documents SET analysis_key = 'schema-1'`);
    await client.query(`INSERT INTO huayu_meta VALUES ('schemaVersion', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify(SCHEMA_VERSION)]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY + 1]);
  }
}

/**
 * A server on the primary brings an older schema forward, as "huayu index" would; on a read replica (a hot
 * standby, where no DDL or advisory lock is allowed) it only checks the version: the replica is a copy of a
 * primary that "huayu index" has already migrated.
 */
async function migrateOrCheck(client: pg.Client, url: string): Promise<void> {
  const { rows: recovery } = await client.query<{ standby: boolean }>('SELECT pg_is_in_recovery() AS standby');
  if (!recovery[0]!.standby) return migrate(client);
  const { rows: exists } = await client.query<{ ok: boolean }>(`SELECT to_regclass('huayu_meta') IS NOT NULL AS ok`);
  const { rows } = exists[0]?.ok ? await client.query<{ value: number }>(`SELECT value FROM huayu_meta WHERE key = 'schemaVersion'`) : { rows: [] };
  const found = rows[0]?.value;
  if (found === undefined) throw createError('STORE_EMPTY', redactUrl(url));
  if (found !== SCHEMA_VERSION) throw createError('STORE_SCHEMA_MISMATCH', found, SCHEMA_VERSION);
}

/**
 * What a document's analysis depends on beyond its own text: the analyzer and
 * the parser (whose output is stored with it),
 * and those of the corpus's user words that occur in it (a word that is not
 * in a text cannot change how it is cut). So a new name elsewhere in the
 * corpus re-analyzes only the documents that contain it.
 */
function analysisKeys(texts: readonly string[], userWords: readonly string[]): string[] {
  const byFirst = new Map<string, string[]>();
  for (const w of userWords) (byFirst.get(w[0]!) ?? byFirst.set(w[0]!, []).get(w[0]!)!).push(w);
  return texts.map((text) => {
    const present = new Set<string>();
    for (let i = 0; i < text.length; i++) {
      const candidates = byFirst.get(text[i]!);
      if (candidates) for (const w of candidates) if (text.startsWith(w, i)) present.add(w);
    }
    return `${ANALYZER_VERSION}.${PARSER_VERSION}:${createHash('sha256').update([...present].sort().join('\n')).digest('hex')}`;
  });
}

export interface PgIndexOptions {
  threads?: number | undefined;
  onProgress?: BuildProgress | undefined;
}

/**
 * Brings the database in line with the corpus files: writes new and changed
 * documents (all of them when the analyzer or the corpus's user words changed),
 * deletes removed ones, each in its own transaction.
 */
export async function indexIntoPostgres(url: string, files: Array<SourceFile | RefusedFile>, options: PgIndexOptions = {}): Promise<IndexReport> {
  const client = await connect(url);
  try {
    await migrate(client);
    const { rows: locked } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEY]);
    if (!locked[0]?.ok) throw createError('STORE_LOCKED');
    const good = files.filter((f): f is SourceFile => !isRefused(f));
    const docs = good.map((f) => parseTranscript(f.id, f.text));
    const userWords = userWordsOf(docs);
    const keys = new Map(analysisKeys(good.map((f) => f.text), userWords).map((k, i) => [good[i]!.id, k]));
    await client.query(`INSERT INTO huayu_meta VALUES ('userWords', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify(userWords)]);

    const { rows: stored } = await client.query<{ id: string; sha256: string; analysis_key: string }>('SELECT id, sha256, analysis_key FROM huayu_documents');
    const storedById = new Map(stored.map((r) => [r.id, r]));
    const changed = good.filter((f) => {
      const s = storedById.get(f.id);
      return !s || s.sha256 !== f.sha256 || s.analysis_key !== keys.get(f.id);
    });
    const keep = new Set(good.map((f) => f.id));
    const removed = stored.filter((r) => !keep.has(r.id));
    // Bigram counts only choose which lists the quote check walks first (any choice gives the same
    // answer): a large run counts them once at its end (0.9 s at 10 MB) instead of per document (8 s).
    const recount = changed.length + removed.length > Math.max(16, good.length / 8);
    for (const r of removed) {
      await client.query('BEGIN');
      await forgetDocument(client, r.id, !recount);
      await client.query('COMMIT');
    }

    // Analyzed only: the rows are what this store keeps, so no word index or bigram lists are built here.
    const analyses: PassageAnalysis[] = [];
    const analyzed = await analyzeCorpus(changed, { userWords, threads: options.threads, onProgress: options.onProgress }, (p, _doc, a) => (analyses[p.gid] = a));
    const fileById = new Map(changed.map((f) => [f.id, f]));
    try {
      let first = 0;
      for (const [i, doc] of analyzed.docs.entries()) {
        await writeDocument(client, doc, analyzed.details.get(i), fileById.get(doc.id)!, keys.get(doc.id)!, first, analyzed.passages, analyses, !recount);
        first += doc.passages.length;
      }
    } finally {
      await analyzed.segmenter.close();
    }
    await client.query('BEGIN');
    if (recount) {
      await client.query('TRUNCATE huayu_bigrams');
      await client.query('INSERT INTO huayu_bigrams SELECT k, count(*) FROM huayu_passages, unnest(bigrams) AS k GROUP BY k');
    }
    await client.query('DELETE FROM huayu_refused');
    for (const f of files.filter(isRefused)) await client.query('INSERT INTO huayu_refused VALUES ($1, $2, $3)', [f.path, f.error.code, f.error.message]);
    await client.query('COMMIT');
    // Index-only scans of the postings skip the table only for pages the visibility map marks
    // all-visible: without this, word lists right after a run took 15 ms instead of 2 (10 MB).
    if (changed.length + removed.length > 0) await client.query('VACUUM (ANALYZE) huayu_postings, huayu_passages, huayu_bigrams, huayu_documents');
    return {
      written: changed.length,
      removed: removed.length,
      unchanged: good.length - changed.length,
      refused: files.filter(isRefused).map((f) => ({ path: f.path, ...f.error })),
      documents: analyzed.docs.map((d) => ({ path: d.path, format: d.format, passages: d.passages.length, warnings: d.warnings })),
    };
  } finally {
    await client.end();
  }
}

async function writeDocument(
  client: pg.Client,
  doc: IndexedDocument,
  details: DocumentDetails,
  file: SourceFile,
  key: string,
  first: number,
  analyzedPassages: readonly IndexedPassage[],
  analyses: PassageAnalysis[],
  countBigrams: boolean,
): Promise<void> {
  const { text, passages, ...meta } = doc;
  await client.query('BEGIN');
  try {
    await forgetDocument(client, doc.id, countBigrams);
    const { rows: inserted } = await client.query<{ doc_key: number }>(
      `INSERT INTO huayu_documents (id, path, sha256, bytes, mtime_ms, analysis_key, passage_count, text, meta)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) RETURNING doc_key`,
      [doc.id, doc.path, doc.sha256, file.bytes, file.mtimeMs, key, passages.length, text, JSON.stringify({ ...meta, ...details })],
    );
    const rows = passages.map((p, i) => ({ p, gid: first + i }));
    const docKey = inserted[0]!.doc_key;
    await client.query(
      `INSERT INTO huayu_passages (doc_id, n, kind, speaker, topics, passage, doc_key, compact, bigrams)
       SELECT $1, n, kind, speaker, ARRAY(SELECT jsonb_array_elements_text(topics)), passage, $7, compact, bigrams::integer[]
       FROM unnest($2::int[], $3::text[], $4::text[], $5::jsonb[], $6::jsonb[], $8::text[], $9::text[])
         AS x(n, kind, speaker, topics, passage, compact, bigrams)`,
      [
        doc.id,
        rows.map((r) => r.p.n),
        rows.map((r) => r.p.kind),
        rows.map((r) => r.p.speaker?.name ?? null),
        rows.map((r) => JSON.stringify(analyzedPassages[r.gid]!.topics)),
        rows.map((r) => JSON.stringify(r.p)),
        docKey,
        rows.map((r) => analyses[r.gid]!.compact),
        rows.map((r) => `{${Array.from(analyses[r.gid]!.grams, signedKey).join(',')}}`),
      ],
    );
    // A term's slot is FlexSearch's for its place among the passage's terms, as the build gave them to it.
    const postings = { terms: [] as string[], slots: [] as number[], ns: [] as number[] };
    for (const r of rows) {
      const terms = analyses[r.gid]!.terms.split(TERM_SEPARATOR).filter((t) => t.length > 0);
      terms.forEach((t, i) => {
        postings.terms.push(t);
        postings.slots.push(flexSearchSlot(terms.length, i));
        postings.ns.push(r.p.n);
      });
    }
    await client.query(
      `INSERT INTO huayu_postings (term, slot, doc_key, n) SELECT t, s, $1, n FROM unnest($2::text[], $3::smallint[], $4::integer[]) AS x(t, s, n)`,
      [docKey, postings.terms, postings.slots, postings.ns],
    );
    if (countBigrams) {
      // How many of this document's passages hold each bigram, added to the corpus's counts.
      const df = new Map<number, number>();
      for (const r of rows) for (const k of analyses[r.gid]!.grams) df.set(k, (df.get(k) ?? 0) + 1);
      await client.query(
        `INSERT INTO huayu_bigrams (key, df) SELECT * FROM unnest($1::integer[], $2::integer[])
         ON CONFLICT (key) DO UPDATE SET df = huayu_bigrams.df + EXCLUDED.df`,
        [Array.from(df.keys(), signedKey), [...df.values()]],
      );
    }
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
}

/** Deletes a document, its passages and postings (and takes it out of the bigram counts), inside the caller's transaction. */
async function forgetDocument(client: pg.Client, docId: string, countBigrams: boolean): Promise<void> {
  await client.query('DELETE FROM huayu_postings WHERE doc_key = (SELECT doc_key FROM huayu_documents WHERE id = $1)', [docId]);
  if (countBigrams) {
    await client.query(
      `UPDATE huayu_bigrams d SET df = d.df - x.c
       FROM (SELECT k, count(*)::integer AS c FROM huayu_passages, unnest(bigrams) AS k WHERE doc_id = $1 GROUP BY k) x
       WHERE d.key = x.k`,
      [docId],
    );
  }
  await client.query('DELETE FROM huayu_documents WHERE id = $1', [docId]);
}

/** Same order as scanCorpus: by path, segment by segment, as a folder tree is listed. */
export function comparePaths(a: string, b: string): number {
  const x = a.split('/');
  const y = b.split('/');
  for (let i = 0; i < Math.min(x.length, y.length); i++) if (x[i] !== y[i]) return x[i]! < y[i]! ? -1 : 1;
  return x.length - y.length;
}

/** The engine of everything the database holds, for one serving process; its queries go to the database. */
export async function loadFromPostgres(url: string, segmenterFor: (userWords: string[]) => Segmenter, aliasGroups: string[][] = []): Promise<Engine> {
  const client = await connect(url);
  let segmenter: Segmenter | undefined;
  try {
    await migrateOrCheck(client, url);
    const { rows: meta } = await client.query<{ value: string[] }>(`SELECT value FROM huayu_meta WHERE key = 'userWords'`);
    const userWords = meta[0]?.value ?? [];
    // The query segmenter's dictionaries load on their own thread (~1 s) while this one reads the catalog.
    segmenter = segmenterFor(userWords);
    const docRows = (
      await client.query<{ id: string; doc_key: number; path: string; sha256: string; bytes: string; mtime_ms: number; passage_count: number; text: string; meta: Omit<IndexedDocument, 'text' | 'passages'> & DocumentDetails }>(
        'SELECT id, doc_key, path, sha256, bytes, mtime_ms, passage_count, text, meta FROM huayu_documents',
      )
    ).rows.sort((a, b) => comparePaths(a.path, b.path));
    if (!docRows.length) throw createError('STORE_EMPTY', redactUrl(url));
    const { rows: stale } = await client.query<{ count: number }>('SELECT count(DISTINCT doc_id)::integer AS count FROM huayu_passages WHERE compact IS NULL');
    if (stale[0]!.count > 0) throw createError('STORE_STALE', redactUrl(url), stale[0]!.count);
    const passageRows = (await client.query<{ doc_id: string; n: number; topics: string[]; compact: string; passage: Passage }>('SELECT doc_id, n, topics, compact, passage FROM huayu_passages')).rows;
    const refused = (await client.query<{ path: string; code: string; message: string }>('SELECT path, code, message FROM huayu_refused ORDER BY path')).rows;

    const byDoc = new Map<string, typeof passageRows>();
    for (const r of passageRows) (byDoc.get(r.doc_id) ?? byDoc.set(r.doc_id, []).get(r.doc_id)!).push(r);
    const docs: IndexedDocument[] = [];
    const details: DocumentDetails[] = [];
    const passages: IndexedPassage[] = [];
    const compactBodies: string[] = [];
    const firstGid = new Map<number, number>();
    for (const d of docRows) {
      const rows = (byDoc.get(d.id) ?? []).sort((a, b) => a.n - b.n);
      // Written in one transaction with its passages: a mismatch means the database was edited by hand.
      if (rows.length !== d.passage_count) throw new Error(`pg-store: document ${d.id} has ${rows.length} passages, expected ${d.passage_count}`);
      firstGid.set(d.doc_key, passages.length);
      const di = docs.length;
      const { details: stored, rest } = splitDetails(d.meta);
      docs.push({ ...rest, text: d.text, passages: rows.map((r) => r.passage) });
      details.push(stored);
      for (const r of rows) {
        passages.push({ ...r.passage, gid: passages.length, doc: di, topics: r.topics ?? [] });
        compactBodies.push(r.compact);
      }
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
    const retrieval = new PgRetrieval(pool, firstGid, passages.length);
    return createEngine({ manifest, docs, details: detailsList(details), passages, retrieval, compactBodies, segmenter, aliasGroups });
  } catch (err) {
    await segmenter?.close();
    throw err;
  } finally {
    await client.end();
  }
}
