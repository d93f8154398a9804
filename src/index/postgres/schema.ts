// The tables of the PostgreSQL store, and the checks that a database holds
// them at the version this huayu reads.
//
// Lists are packed, as Lucene's segments are: one row per term (or tag, or
// bigram) and part, holding the ascending keys of the passages that carry it:
// a bigram's as an integer[] (intarray intersects them), a word's or tag's as
// big-endian words in a bytea. A part is what one transaction of an indexing run wrote
// (a batch of documents), so a run never rewrites another part's rows; a
// document written again gets new keys, and the old ones stay in their part
// as dead keys until a merge rewrites it (write.ts). Version 2 kept a row per
// (term, passage) and each passage's bigrams under GIN: 21.7× the corpus at
// 100 MB, most of it row overhead.

import pg from 'pg';
import { DEFAULTS } from '../../config.js';
import { createError } from '../../errors.js';

export const SCHEMA_VERSION = 15;
/** The one writer's advisory lock ("huay"); LOCK_KEY + 1 serializes migrations. */
export const LOCK_KEY = 0x68756179;

/** Which list a row of huayu_lists is: the analyzer's words, or one of the tags a passage carries. */
export const LIST_FIELD = { word: 0, topic: 1, speaker: 2, kind: 3 } as const;

/**
 * A list entry is a passage key shifted left by this, with the word's FlexSearch slot (0–8) in the
 * low bits (0 for tags and bigrams): the order of a word query needs the slot, and one integer per
 * entry keeps the lists half the size of a second array.
 */
export const SLOT_BITS = 4;
/** Passage keys stay below this, so an entry fits a PostgreSQL integer. */
export const MAX_KEY = 2 ** (31 - SLOT_BITS);
/** A tf byte that says "this many or more": the count is read from the body. */
export const TF_UNKNOWN = 255;

const SCHEMA = `
CREATE TABLE huayu_meta (key text PRIMARY KEY, value jsonb NOT NULL);
CREATE TABLE huayu_documents (
  id text PRIMARY KEY,
  path text NOT NULL UNIQUE,
  sha256 text NOT NULL,
  bytes bigint NOT NULL,
  mtime_ms double precision NOT NULL,
  analysis_key text NOT NULL,
  passage_count integer NOT NULL,
  -- Its passages' compact bodies' length in UTF-16 units, summed: BM25's mean body length, without the bodies.
  compact_units integer NOT NULL,
  doc_key integer GENERATED ALWAYS AS IDENTITY UNIQUE,
  -- Its passages have the keys first_key .. first_key + passage_count - 1.
  first_key integer NOT NULL,
  -- What a server fetches for the page it shows (texts.ts): the text, and as JSON the details only
  -- the document's own view reads (roster, turns, metadata lines).
  text text NOT NULL,
  -- The UTF-16 offsets of the text's characters outside the BMP (𠮷), empty for most: what turns a
  -- passage's offsets into the code points substr counts, so a page fetches its passages' spans only.
  astral integer[] NOT NULL,
  details text NOT NULL,
  -- What every server loads, which SQL never looks into: the document's other fields (JSON).
  meta text NOT NULL,
  -- What a server fetches when a response first reads the document (catalog.ts), and keeps: its
  -- exchanges (JSON), and its passages (offsets, speakers, attribution, topics) as the embedded index's
  -- columns (passageColumns.ts), numbering their values in huayu_values. Parsed as JSON, the passages
  -- took a server 1.8 s to load at 100 MB, and left a copy of every speaker and label per passage;
  -- loaded at every start as columns, with the exchanges, they were still ~1 s of it.
  exchanges text NOT NULL,
  columns bytea NOT NULL
);
-- The distinct values of the passages' numbered fields (kind, speaker, mode, heading, attribution, topic)
-- as JSON, for every document at once: 11,000 at 100 MB, where a table per document repeated them as
-- 17 MB of JSON that every server parsed and kept (the same names 8,675 times). Only ever appended to.
CREATE TABLE huayu_values (field text NOT NULL, id integer NOT NULL, value text NOT NULL, PRIMARY KEY (field, id));
-- Each passage's compact body: what a substring's candidates are checked against, in SQL, and what a
-- server fetches for the matches it ranks and the turns a quote may stand in (bodies.ts).
CREATE TABLE huayu_passages (key integer PRIMARY KEY, compact text NOT NULL);
CREATE TABLE huayu_parts (part integer PRIMARY KEY, low integer NOT NULL, high integer NOT NULL, entries bigint NOT NULL);
-- A word list's tfs: one byte per entry, how many times the word's match form stands in the passage's
-- compact body (TF_UNKNOWN: that many or more), what BM25 counted in the body, so ranking a word query
-- needs no body. Empty for tags.
-- more: for a word of two units, the rest of its bigram's list in the part (the passages that hold the two
-- units inside another word or across two), so its list and these are the passages holding it as a string,
-- sent with the list a query fetches anyway: the bigram's own list (123,000 entries for 中国 at 100 MB) was
-- a second fetch for every such word. 5% of those words' entries. Null where not known: for tags, other
-- words, and a merged part (a reader takes the bigram's rows of such a part instead).
-- keys and more: big-endian words, sent as they are stored. As integer[] (schema 14), array_send took ~55 ns an element
-- and sent twice the bytes: 发展's 82,000 entries took 8.7 ms a statement at 100 MB, as bytes 2.2; the word lists were
-- ~a third of the database's time under load. huayu_entries reads them as an integer[], for SQL.
CREATE TABLE huayu_lists (field smallint NOT NULL, term text NOT NULL, part integer NOT NULL, df integer NOT NULL, keys bytea NOT NULL, tfs bytea NOT NULL, more bytea, PRIMARY KEY (field, term, part));
-- Each passage's compact body's length in UTF-16 units (BM25's length), for the count keys low,
-- low + 1, … of one indexing transaction, as varints: every server reads them all at its start
-- (~400 KB at 100 MB, in ~5 ms; as an integer[] they took ~35).
CREATE TABLE huayu_lengths (low integer PRIMARY KEY, count integer NOT NULL, lengths bytea NOT NULL);
-- Where a bigram stands in each passage of its list, so a common phrase's matches are found from its bigrams'
-- lists rather than checked one by one on their bodies (gramPlaces.ts): "对此有何评" had its 23,000
-- candidates' bodies checked, 50–110 ms. firsts: one byte per entry, the unit of the passage's compact body
-- where the bigram first stands (FIRST_UNKNOWN: there or later); more: every other place, as (entry, unit)
-- pairs of big-endian words ascending by entry, null where there is none (most bigrams stand once in a
-- passage: 4.3 million other places for 28.9 million entries at 100 MB). Bytes, not integer[]: array_send
-- costs ~80 ns an element, and 中国's 99,000 other places as two arrays took 25–34 ms to send.
CREATE TABLE huayu_grams (gram integer NOT NULL, part integer NOT NULL, df integer NOT NULL, keys integer[] NOT NULL, firsts bytea NOT NULL, more bytea,
  PRIMARY KEY (gram, part));
CREATE TABLE huayu_refused (path text PRIMARY KEY, code text NOT NULL, message text NOT NULL);
-- The engine's tables derived from every passage (speakers, facets, turns, units: derivedTables.ts), for
-- the catalog whose fingerprint it names (derived.ts): rows which servers open as they are rather than
-- each deriving them again (~0.8 s of a start at 100 MB).
-- The arrays are read as bytes, through COPY (copyOut.ts): stored as base64 text (before schema 12) they
-- took a server's main thread 110–140 ms of CPU to receive and decode at 100 MB, as bytea 30–60. In parts
-- of 768 KB (derived.ts), the header in the first.
CREATE TABLE huayu_derived (n integer PRIMARY KEY, fingerprint text NOT NULL, header text, part bytea NOT NULL);
-- What every server reads first, each document's head and fields and the passages' values, as one JSON
-- text in parts of 1 M characters, for the documents whose doc_keys' digest it names (snapshot.ts):
-- read row by row they took ~370 ms of a server's start at 100 MB, as this text ~100 ms.
CREATE TABLE huayu_catalog (n integer PRIMARY KEY, digest text NOT NULL, part text NOT NULL);
-- The planner needs each table's size and its terms' spread, not statistics of the lists themselves:
-- sampling those detoasts thousands of large arrays (3 s at 100 MB).
ALTER TABLE huayu_lists ALTER COLUMN keys SET STATISTICS 0;
ALTER TABLE huayu_grams ALTER COLUMN keys SET STATISTICS 0;
ALTER TABLE huayu_grams ALTER COLUMN firsts SET STATISTICS 0;
ALTER TABLE huayu_grams ALTER COLUMN more SET STATISTICS 0;
ALTER TABLE huayu_lists ALTER COLUMN tfs SET STATISTICS 0;
ALTER TABLE huayu_lists ALTER COLUMN more SET STATISTICS 0;
-- A term's parts joined into one list, for intarray's intersections (&) and differences (-).
CREATE OR REPLACE AGGREGATE huayu_cat(integer[]) (SFUNC = array_cat, STYPE = integer[]);
-- A list's big-endian words (huayu_lists.keys, more) as an integer[]: for the merge, and for a person looking into the lists.
CREATE OR REPLACE FUNCTION huayu_entries(bytea) RETURNS integer[] LANGUAGE sql IMMUTABLE STRICT PARALLEL SAFE AS
  $f$ SELECT coalesce(array_agg((get_byte($1, i) << 24) | (get_byte($1, i + 1) << 16) | (get_byte($1, i + 2) << 8) | get_byte($1, i + 3) ORDER BY i), '{}')
      FROM generate_series(0, length($1) - 4, 4) AS i $f$;
`;

/**
 * intarray (PostgreSQL's contrib, "trusted": a database owner may create it) intersects and subtracts
 * sorted integer[]s in C: a substring's candidates from its rarest bigrams in ~2 ms at 100 MB, where
 * the same in SQL rows (unnest, GROUP BY) took 50–130 ms.
 */
async function createIntarray(client: pg.Client, url: string): Promise<void> {
  try {
    await client.query('CREATE EXTENSION IF NOT EXISTS intarray');
  } catch (err) {
    throw createError('STORE_EXTENSION', redactUrl(url), 'intarray', (err as Error).message);
  }
}

/** Every table any version of huayu made, dropped when an older database is brought forward. */
const OLD_TABLES = ['huayu_lengths', 'huayu_catalog', 'huayu_derived', 'huayu_values', 'huayu_postings', 'huayu_bigrams', 'huayu_passages', 'huayu_documents', 'huayu_parts', 'huayu_lists', 'huayu_grams', 'huayu_refused', 'huayu_meta'];

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

/**
 * A serving process's connections: its loader takes two from the pool (the first for the catalog, in
 * one snapshot, the second for the derived tables) and gives them back warm, so its first queries find
 * two open rather than each starting a backend (~13 ms apiece at 100 MB, before a first answer).
 */
export interface ServingPool {
  pool: pg.Pool;
  connecting: [Promise<pg.PoolClient>, Promise<pg.PoolClient>];
}

/** The pool a serving process queries, with its loader's two connections being opened. */
export function servingPool(url: string, connections: number = DEFAULTS.pgConnections): ServingPool {
  const pool = new pg.Pool({
    connectionString: url,
    // A CLI query ends when it is answered, not when idle connections time out.
    allowExitOnIdle: true,
    max: Math.max(2, connections),
    // Generic plans, made once a connection: the statements' plans do not depend on their values (their
    // arrays' lengths are unknown to the planner either way), and the default re-planned the substring
    // statement at every execution, its generic plan being costed higher: 0.90 ms of its 3.5 in the
    // database, 0.09 with it (the bench's queries in process; execution the same, 3.53 against 3.59 ms).
    // Set before the connection is given out; on a server that lacks the setting, the default.
    onConnect: (client) => client.query('SET plan_cache_mode = force_generic_plan').then(
      () => undefined,
      () => undefined,
    ),
  });
  // An idle connection dropped by the server is replaced on the next query; without a listener it would crash the process.
  pool.on('error', () => {});
  const opened = () => pool.connect().catch((err: unknown) => Promise.reject(unreachable(url, err)));
  const connecting: ServingPool['connecting'] = [opened(), opened()];
  for (const c of connecting) c.catch(() => undefined);
  return { pool, connecting };
}

export async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client({ connectionString: url });
  try {
    await client.connect();
  } catch (err) {
    throw unreachable(url, err);
  }
  return client;
}

function unreachable(url: string, err: unknown): Error {
  return createError('STORE_UNREACHABLE', redactUrl(url), (err as Error).message);
}

/** The schema version the database records, undefined when it has none of huayu's tables. */
async function foundVersion(client: pg.Client): Promise<number | undefined> {
  const { rows: exists } = await client.query<{ ok: boolean }>(`SELECT to_regclass('huayu_meta') IS NOT NULL AS ok`);
  if (!exists[0]?.ok) return undefined;
  const { rows } = await client.query<{ value: number }>(`SELECT value FROM huayu_meta WHERE key = 'schemaVersion'`);
  return rows[0]?.value;
}

/**
 * Makes the tables, for "huayu index". An older version's tables are dropped and made anew in one
 * transaction: their documents are rewritten by the run that migrates (every list changed shape).
 */
export async function migrate(client: pg.Client, url: string): Promise<void> {
  // Two first runs at once: the lock makes the check and the creation one step.
  await client.query('SELECT pg_advisory_lock($1)', [LOCK_KEY + 1]);
  try {
    const found = await foundVersion(client);
    if (found === SCHEMA_VERSION) return;
    if (found !== undefined && found > SCHEMA_VERSION) throw createError('STORE_SCHEMA_MISMATCH', found, SCHEMA_VERSION);
    await createIntarray(client, url);
    await client.query('BEGIN');
    await client.query(`DROP TABLE IF EXISTS ${OLD_TABLES.join(', ')}`);
    await client.query(SCHEMA);
    await client.query(`INSERT INTO huayu_meta VALUES ('schemaVersion', $1)`, [JSON.stringify(SCHEMA_VERSION)]);
    await client.query('COMMIT');
  } catch (err) {
    await client.query('ROLLBACK');
    throw err;
  } finally {
    await client.query('SELECT pg_advisory_unlock($1)', [LOCK_KEY + 1]);
  }
}

/**
 * What a server checks before it reads: only reads, so the same check serves a primary and a read
 * replica (a hot standby allows no DDL or advisory lock). An older database is left for "huayu index"
 * to bring forward; a newer one is refused.
 */
export async function checkSchema(client: pg.Client, url: string): Promise<void> {
  const found = await foundVersion(client);
  if (found === undefined) throw createError('STORE_EMPTY', redactUrl(url));
  const { rows: ext } = await client.query<{ ok: boolean }>(`SELECT EXISTS (SELECT 1 FROM pg_extension WHERE extname = 'intarray') AS ok`);
  if (found === SCHEMA_VERSION && !ext[0]!.ok) throw createError('STORE_EXTENSION', redactUrl(url), 'intarray', 'it was dropped after "huayu index" created it');
  if (found > SCHEMA_VERSION) throw createError('STORE_SCHEMA_MISMATCH', found, SCHEMA_VERSION);
  if (found < SCHEMA_VERSION) {
    // Every older version had this table.
    const { rows } = await client.query<{ count: number }>('SELECT count(*)::integer AS count FROM huayu_documents');
    throw createError('STORE_STALE', redactUrl(url), rows[0]!.count);
  }
}
