// "huayu index --store postgres://…": brings the database in line with the
// corpus files. Documents are written in batches, one transaction each: a
// batch's documents, passages and its part of the lists (schema.ts), so a run
// killed at any point leaves every document whole, old or new, and the lists
// never name a passage that was not committed with them. Batches are written
// while the next ones are still being segmented on worker threads.

import { createHash } from 'node:crypto';
import type pg from 'pg';
import type { PassageAnalysis } from '../../analysis/analyzePassage.js';
import { astralOffsets } from '../../analysis/codepoints.js';
import { ANALYZER_VERSION } from '../../analysis/tokenize.js';
import { createError } from '../../errors.js';
import { isRefused, type RefusedFile, type SourceFile } from '../../ingest/readCorpus.js';
import { parseTranscript, PARSER_VERSION } from '../../parse/parseTranscript.js';
import { analyzeCorpus, startThreads, userWordsOf, type BuildProgress } from '../analyzeCorpus.js';
import type { DocumentDetails, IndexedDocument, IndexedPassage } from '../engine.js';
import type { IndexReport } from '../stores.js';
import { signedKey } from './listEncoding.js';
import { copyRows } from './copyRows.js';
import { moreOf } from './listBuilder.js';
import { BatchLists } from './batchLists.js';
import { VarintWriter } from '../varint.js';
import { connect, LIST_FIELD, LOCK_KEY, migrate, SLOT_BITS } from './schema.js';
import { writePassageColumns } from '../passageColumns.js';
import { DEFAULTS } from '../../config.js';
import { StoredValues } from './values.js';
import { readHeads, storedFieldsOnce } from './catalog.js';
import { deriveForCatalog, replaceDerived } from './derived.js';
import { replaceSnapshot, snapshotForCatalog } from './snapshot.js';

export interface PgIndexOptions {
  threads?: number | undefined;
  onProgress?: BuildProgress | undefined;
  /** Text per transaction (MAX_BATCH unless set); the last ones are smaller. */
  batchBytes?: number | undefined;
  /** The corpus folder's aliases.tsv groups: the servers' tables are derived with them (derived.ts). */
  aliasGroups?: string[][] | undefined;
}

/**
 * A batch's text, at most: its lists (BatchLists) and documents wait in memory until it is written, and every batch is a
 * part whose lists repeat the terms of the others (a 10 MB corpus in eight parts: bigram lists of
 * 53 MB, in one: 20 MB). Every batch but the last is this full: a query reads a row per part for each
 * of its terms, and a tail of batches each half of what was left made 100 MB nine parts, six of them
 * under 10 MB. In four (32, 32, 32, 5 MB), two servers answered 6% more requests a second, the
 * database spent 4.0 ms of CPU a request against 4.2–4.5, and it was 527 MB against 561. The tail
 * was there to make the batch written after the last document small; on two cores the writes take
 * the cores the analysis would use anyway: 96 MB, whose last batch is a full 32 MB, indexed in 54.6
 * and 57.7 s against 70.9 and 54.8 with the tail (alternated, each into a new database).
 */
const MAX_BATCH = 32 << 20;

/** More parts than this after a run, and the smaller ones are merged into one. */
const MERGE_AT = 16;
/** The largest parts a merge leaves alone: rewriting a full build's parts for one new transcript would cost a full build. */
const KEEP_LARGEST = 4;

/**
 * What a document's analysis depends on beyond its own text: the analyzer and
 * the parser (whose output is stored with it),
 * and those of the corpus's user words that occur in it (a word that is not
 * in a text cannot change how it is cut). So a new name elsewhere in the
 * corpus re-analyzes only the documents that contain it. Worked out when asked
 * for: a first run asks as it writes, while analysis goes on, not before it
 * starts (1.4–1.8 s at 100 MB).
 */
function analysisKeyOf(userWords: readonly string[]): (text: string) => string {
  // Most characters start no user word, and a table says so without a lookup (36 million characters at
  // 100 MB); the others are looked up by their first two code units. The segmenter is taught no word
  // shorter than two (addWords), so none is looked for.
  const starts = new Uint8Array(65536);
  const byPair = new Map<number, string[]>();
  for (const w of userWords) {
    if (w.length < 2) continue;
    starts[w.charCodeAt(0)] = 1;
    const pair = w.charCodeAt(0) * 65536 + w.charCodeAt(1);
    (byPair.get(pair) ?? byPair.set(pair, []).get(pair)!).push(w);
  }
  return (text) => {
    const present = new Set<string>();
    for (let i = 0; i < text.length; i++) {
      const c = text.charCodeAt(i);
      if (starts[c] === 0) continue;
      const candidates = byPair.get(c * 65536 + text.charCodeAt(i + 1));
      if (candidates) for (const w of candidates) if (text.startsWith(w, i)) present.add(w);
    }
    return `${ANALYZER_VERSION}.${PARSER_VERSION}:${createHash('sha256').update([...present].sort().join('\n')).digest('hex')}`;
  };
}

interface StoredDocument {
  id: string;
  sha256: string;
  analysis_key: string;
  first_key: number;
  passage_count: number;
}

/** A document ready to write; its list entries are in its batch's BatchLists already. */
interface Pending {
  doc: IndexedDocument;
  details: DocumentDetails;
  file: SourceFile;
  analysisKey: string;
  /** Its passages' compact bodies, in order. */
  compacts: string[];
  passages: IndexedPassage[];
  firstKey: number;
}

/** The counters a run advances in the transactions it commits: passage keys and part numbers are never reused. */
interface Counters {
  nextKey: number;
  nextPart: number;
}

export async function indexIntoPostgres(url: string, files: Array<SourceFile | RefusedFile>, options: PgIndexOptions = {}): Promise<IndexReport> {
  const client = await connect(url);
  try {
    await migrate(client, url);
    // LZ4 compresses texts and long lists several times faster than PostgreSQL's own pglz, to about the
    // same size (7.05 against 7.14 MB for a 10 MB corpus's texts); a server built without it keeps pglz.
    await client.query(`SET default_toast_compression = 'lz4'`).catch(() => undefined);
    const { rows: locked } = await client.query<{ ok: boolean }>('SELECT pg_try_advisory_lock($1) AS ok', [LOCK_KEY]);
    if (!locked[0]?.ok) throw createError('STORE_LOCKED');
    const good = files.filter((f): f is SourceFile => !isRefused(f));
    const { rows: count } = await client.query<{ n: number }>('SELECT count(*)::integer AS n FROM huayu_documents');
    // A first run (or one that rewrites most documents) starts its threads before parsing, so their
    // dictionaries load while this thread parses and hashes (~2 s at 100 MB) rather than after.
    const started = count[0]!.n < good.length / 2 ? startThreads(good.reduce((n, f) => n + f.bytes, 0), options.threads) : undefined;
    const parsed = new Map(good.map((f) => [f.id, parseTranscript(f.id, f.text)]));
    const userWords = userWordsOf([...parsed.values()]);
    const keyOf = analysisKeyOf(userWords);
    const keys = new Map<string, string>();
    const analysisKey = (f: SourceFile) => keys.get(f.id) ?? keys.set(f.id, keyOf(f.text)).get(f.id)!;
    await client.query(`INSERT INTO huayu_meta VALUES ('userWords', $1) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`, [JSON.stringify(userWords)]);

    const { rows: stored } = await client.query<StoredDocument>('SELECT id, sha256, analysis_key, first_key, passage_count FROM huayu_documents');
    const storedById = new Map(stored.map((r) => [r.id, r]));
    const changed = good.filter((f) => {
      const s = storedById.get(f.id);
      return !s || s.sha256 !== f.sha256 || s.analysis_key !== analysisKey(f);
    });
    const keep = new Set(good.map((f) => f.id));
    const removed = stored.filter((r) => !keep.has(r.id));
    const counters = await readCounters(client);
    const values = await StoredValues.read(client);
    if (removed.length) await transaction(client, () => forget(client, removed));

    const batchBytes = options.batchBytes ?? MAX_BATCH;
    const fileById = new Map(changed.map((f) => [f.id, f]));
    // The passages of the documents not yet handed on, by document: a window that moves through the corpus.
    const arrived = new Map<number, { analyses: PassageAnalysis[]; passages: IndexedPassage[] }>();
    let batch: Pending[] = [];
    let bytes = 0;
    // Keys are numbered as documents arrive, from where the batch before will leave them once committed.
    let unbatched = changed.reduce((n, f) => n + f.bytes, 0);
    const listsFor = (firstKey: number) => new BatchLists(firstKey, Math.min(batchBytes, unbatched));
    let lists = listsFor(counters.nextKey);
    // Written one batch after another while analysis goes on; the first failure is kept and thrown at the end.
    let writing: Promise<void> = Promise.resolve();
    let failed: unknown = null;
    const flush = () => {
      if (!batch.length) return;
      const docs = batch;
      const written = lists;
      unbatched -= bytes;
      batch = [];
      bytes = 0;
      lists = listsFor(written.nextKey);
      writing = writing.then(() => (failed ? undefined : writeBatch(client, docs, written, storedById, counters, values).catch((err: unknown) => void (failed = err))));
    };
    const analyzed = await analyzeCorpus(
      changed,
      {
        userWords,
        parsed,
        started,
        threads: options.threads,
        onProgress: options.onProgress,
        places: true,
        onDocument: (doc, details, i) => {
          const file = fileById.get(doc.id)!;
          const { analyses, passages } = arrived.get(i) ?? { analyses: [], passages: [] };
          arrived.delete(i);
          const firstKey = lists.add(passages, analyses);
          batch.push({ doc, details, file, analysisKey: analysisKey(file), compacts: analyses.map((a) => a.compact), passages, firstKey });
          bytes += file.bytes;
          if (bytes >= batchBytes) flush();
        },
      },
      (p, _doc, a) => {
        let got = arrived.get(p.doc);
        if (!got) arrived.set(p.doc, (got = { analyses: [], passages: [] }));
        got.analyses.push(a);
        got.passages.push(p);
      },
    );
    await analyzed.segmenter.close();
    flush();
    await writing;
    if (failed) throw failed;

    await transaction(client, async () => {
      await client.query('DELETE FROM huayu_refused');
      for (const f of files.filter(isRefused)) await client.query('INSERT INTO huayu_refused VALUES ($1, $2, $3)', [f.path, f.error.code, f.error.message]);
    });
    // The servers' stored tables and catalog text, for the documents as they now stand (each null when already stored).
    const catalog = await readHeads(client);
    const fields = storedFieldsOnce(client, catalog.heads);
    const derived = await deriveForCatalog(client, catalog.heads, catalog.values, options.aliasGroups ?? [], DEFAULTS.pgCatalogBatch, fields);
    const snapshot = await snapshotForCatalog(client, catalog.heads, catalog.values, fields);
    if (derived || snapshot) {
      await transaction(client, async () => {
        if (derived) await replaceDerived(client, derived);
        if (snapshot) await replaceSnapshot(client, snapshot);
      });
    }
    if (changed.length + removed.length > 0) {
      await dropDeadParts(client);
      await mergeParts(client, counters);
      // Without statistics a server's prepared statements got generic plans that scanned every bigram
      // row (20 ms a substring at 10 MB, before autovacuum came by). Vacuumed too, while the writer
      // waits: autovacuum otherwise came by ~35 s after a 100 MB run and read every new page for ~5 s,
      // in the first minute of the servers' answers.
      await client.query('VACUUM (ANALYZE) huayu_documents, huayu_passages, huayu_parts, huayu_lists, huayu_grams, huayu_derived, huayu_catalog');
    }
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

async function readCounters(client: pg.Client): Promise<Counters> {
  const { rows } = await client.query<{ key: string; value: number }>(`SELECT key, value FROM huayu_meta WHERE key IN ('nextKey', 'nextPart')`);
  const value = (k: string) => rows.find((r) => r.key === k)?.value ?? 1;
  return { nextKey: value('nextKey'), nextPart: value('nextPart') };
}

async function saveCounters(client: pg.Client, c: Counters): Promise<void> {
  await client.query(
    `INSERT INTO huayu_meta VALUES ('nextKey', $1), ('nextPart', $2) ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value`,
    [JSON.stringify(c.nextKey), JSON.stringify(c.nextPart)],
  );
}

/**
 * `work` in one transaction, with the counters it advanced saved in it too: committed together or not
 * at all, so a killed run reuses no key or part number that a committed part holds.
 */
async function transaction(client: pg.Client, work: () => Promise<void>, counters?: { now: Counters; next: Counters }): Promise<void> {
  await client.query('BEGIN');
  try {
    await work();
    if (counters) await saveCounters(client, counters.next);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  }
  if (counters) Object.assign(counters.now, counters.next);
}

/** Deletes documents and their passages inside the caller's transaction; their list entries become dead keys. */
async function forget(client: pg.Client, docs: readonly StoredDocument[]): Promise<void> {
  if (!docs.length) return;
  await client.query(
    `DELETE FROM huayu_passages p USING unnest($1::integer[], $2::integer[]) AS x(first, count) WHERE p.key >= x.first AND p.key < x.first + x.count`,
    [docs.map((d) => d.first_key), docs.map((d) => d.passage_count)],
  );
  await client.query('DELETE FROM huayu_documents WHERE id = ANY($1::text[])', [docs.map((d) => d.id)]);
}

const NO_BYTES = Buffer.alloc(0);

function varints(values: Uint32Array): Buffer {
  const w = new VarintWriter(values.length * 2);
  for (const v of values) w.write(v);
  return w.done();
}

/** One transaction: the batch's documents replace their older versions, with a new part of the lists holding their passages. */
async function writeBatch(client: pg.Client, batch: Pending[], lists: BatchLists, storedById: Map<string, StoredDocument>, counters: Counters, values: StoredValues): Promise<void> {
  // Its keys follow the batch committed before it (lists' firstKey is that batch's nextKey).
  const next = { ...counters, nextKey: lists.nextKey };
  const part = next.nextPart++;
  const { terms } = lists.termIds;
  const wordOfGram = lists.wordsOfGrams();
  const gramOfWord = new Map<number, Int32Array>();
  const lengths = lists.compactLengths;

  await transaction(
    client,
    async () => {
      await forget(client, batch.map((b) => storedById.get(b.doc.id)).filter((d): d is StoredDocument => d !== undefined));
      await copyRows(
        client,
        'huayu_documents',
        [['id', 'text'], ['path', 'text'], ['sha256', 'text'], ['bytes', 'int8'], ['mtime_ms', 'float8'], ['analysis_key', 'text'], ['passage_count', 'int4'], ['compact_units', 'int4'], ['first_key', 'int4'], ['text', 'text'], ['astral', 'int4[]'], ['details', 'text'], ['meta', 'text'], ['exchanges', 'text'], ['columns', 'bytea']],
        batch.map((b) => {
          const { text, passages, exchanges, ...meta } = b.doc;
          const units = b.compacts.reduce((n, c) => n + c.length, 0);
          return [b.doc.id, b.doc.path, b.doc.sha256, b.file.bytes, b.file.mtimeMs, b.analysisKey, passages.length, units, b.firstKey, text, astralOffsets(text), JSON.stringify(b.details), JSON.stringify(meta), JSON.stringify(exchanges), writePassageColumns(b.passages, values.intern).bytes];
        }),
      );
      await values.append(client);
      await copyRows(
        client,
        'huayu_passages',
        [['key', 'int4'], ['compact', 'text']],
        batch.flatMap((b) => b.passages.map((p, k) => [b.firstKey + p.n - 1, b.compacts[k]!])),
      );
      // The bigrams first: a two-unit word's row carries what its bigram's list adds to its own.
      const more = lists.others.lists();
      let nextPairs = more.next();
      await copyRows(client, 'huayu_grams', [['gram', 'int4'], ['part', 'int4'], ['df', 'int4'], ['keys', 'int4[]'], ['firsts', 'bytea'], ['more', 'words']], (function* () {
        for (const [g, ks, firsts] of lists.grams.lists()) {
          const id = wordOfGram.get(g);
          if (id !== undefined) gramOfWord.set(id, ks);
          // Both come ascending by gram: a gram's other places, if it has any, are the next list of pairs.
          let pairs: Int32Array | null = null;
          if (!nextPairs.done && nextPairs.value[0] === g) {
            pairs = nextPairs.value[1];
            nextPairs = more.next();
          }
          yield [signedKey(g), part, ks.length, ks, Buffer.from(firsts.buffer, firsts.byteOffset, firsts.length), pairs];
        }
      })());
      const listRows = function* () {
        for (const [id, ks, tfs] of lists.words.lists()) {
          const gram = gramOfWord.get(id);
          yield [LIST_FIELD.word, terms[id]!, part, ks.length, ks, Buffer.from(tfs.buffer, tfs.byteOffset, tfs.length), gram ? moreOf(gram, ks, SLOT_BITS) : null];
        }
        for (const [field, value, ks] of lists.tagLists()) yield [field, value, part, ks.length, ks, NO_BYTES, null];
      };
      await copyRows(client, 'huayu_lists', [['field', 'int2'], ['term', 'text'], ['part', 'int4'], ['df', 'int4'], ['keys', 'words'], ['tfs', 'bytea'], ['more', 'words']], listRows());
      // A batch of documents with no passage has no keys (and the next batch starts at the same one).
      if (lengths.length) await copyRows(client, 'huayu_lengths', [['low', 'int4'], ['count', 'int4'], ['lengths', 'bytea']], [[lists.firstKey, lengths.length, varints(lengths)]]);
      await client.query('INSERT INTO huayu_parts VALUES ($1, $2, $3, $4)', [part, lists.firstKey, next.nextKey - 1, lists.entries]);
    },
    { now: counters, next },
  );
  values.committed();
}

/** Parts none of whose passages are still stored (every document in them written again or removed) go, rows and all. */
async function dropDeadParts(client: pg.Client): Promise<void> {
  await transaction(client, async () => {
    const { rows } = await client.query<{ part: number }>(
      `DELETE FROM huayu_parts t WHERE NOT EXISTS (SELECT 1 FROM huayu_passages p WHERE p.key BETWEEN t.low AND t.high) RETURNING part`,
    );
    const dead = rows.map((r) => r.part);
    if (dead.length) {
      await client.query('DELETE FROM huayu_lists WHERE part = ANY($1::integer[])', [dead]);
      await client.query('DELETE FROM huayu_grams WHERE part = ANY($1::integer[])', [dead]);
    }
    await client.query(
      'DELETE FROM huayu_lengths t WHERE NOT EXISTS (SELECT 1 FROM huayu_passages p WHERE p.key BETWEEN t.low AND t.low + t.count - 1)',
    );
  });
}

/**
 * Many small parts (a run each) are merged into one, without their dead keys, so a query reads a
 * few rows per term; the largest parts are left as they are (Lucene's tiered merging, at its simplest).
 */
async function mergeParts(client: pg.Client, counters: Counters): Promise<void> {
  const { rows } = await client.query<{ part: number }>('SELECT part FROM huayu_parts ORDER BY entries DESC, part');
  if (rows.length <= MERGE_AT) return;
  const merged = rows.slice(KEEP_LARGEST).map((r) => r.part);
  const next = { ...counters };
  const part = next.nextPart++;
  const live = `EXISTS (SELECT 1 FROM huayu_passages p WHERE p.key = k >> ${SLOT_BITS})`;
  await transaction(
    client,
    async () => {
      await client.query(
        // A merged row's more stays null (a reader takes the merged part's bigram rows instead): a source part
        // without the word has passages of its bigram that no source row's more holds.
        // A word's tf bytes follow its entries (get_byte counts from 0, ordinality from 1); a tag's stay empty
        // (the test inside the aggregate: its argument is computed for every row, and a tag has no byte to get).
        `INSERT INTO huayu_lists (field, term, part, df, keys, tfs)
         SELECT field, term, $1, count(*), string_agg(int4send(k), ''::bytea ORDER BY k),
                coalesce(string_agg(CASE WHEN l.field = ${LIST_FIELD.word} THEN set_byte('\\x00'::bytea, 0, get_byte(l.tfs, i::integer - 1)) END, ''::bytea ORDER BY k), ''::bytea)
         FROM huayu_lists l, unnest(huayu_entries(l.keys)) WITH ORDINALITY AS u(k, i)
         WHERE l.part = ANY($2::integer[]) AND ${live} GROUP BY field, term`,
        [part, merged],
      );
      await client.query(
        // A bigram's first places follow its entries, as a word's tfs do; its other places, (entry, unit) pairs of words, are
        // regrouped by entry (huayu_entries reads the words, as it reads a word's keys above; each odd one is an entry).
        `INSERT INTO huayu_grams (gram, part, df, keys, firsts, more)
         SELECT gram, $1, e.df, e.keys, e.firsts, m.more
         FROM (SELECT gram, count(*) AS df, array_agg(k ORDER BY k) AS keys,
                      string_agg(set_byte('\\x00'::bytea, 0, get_byte(g.firsts, i::integer - 1)), ''::bytea ORDER BY k) AS firsts
               FROM huayu_grams g, unnest(g.keys) WITH ORDINALITY AS u(k, i)
               WHERE g.part = ANY($2::integer[]) AND ${live} GROUP BY gram) AS e
         LEFT JOIN (SELECT gram, string_agg(substring(g.more FROM 4 * i::integer - 3 FOR 8), ''::bytea ORDER BY k, i) AS more
                    FROM huayu_grams g, unnest(huayu_entries(g.more)) WITH ORDINALITY AS u(k, i)
                    WHERE i % 2 = 1 AND g.part = ANY($2::integer[]) AND ${live} GROUP BY gram) AS m USING (gram)`,
        [part, merged],
      );
      await client.query(
        `INSERT INTO huayu_parts SELECT $1, min(low), max(high), (SELECT coalesce(sum(df), 0) FROM huayu_lists WHERE part = $1 AND field = 0) + (SELECT coalesce(sum(df), 0) FROM huayu_grams WHERE part = $1)
         FROM huayu_parts WHERE part = ANY($2::integer[])`,
        [part, merged],
      );
      for (const table of ['huayu_lists', 'huayu_grams', 'huayu_parts']) await client.query(`DELETE FROM ${table} WHERE part = ANY($1::integer[])`, [merged]);
    },
    { now: counters, next },
  );
}
