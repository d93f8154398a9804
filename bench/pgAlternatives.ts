// Ways to ask PostgreSQL "which passages hold all these terms, in what
// order", on the database the benchmark just indexed, with the same term sets:
//   packed lists (huayu) a row per term and part, the passages' keys with the
//                      term's FlexSearch slot as an integer[]; intersection
//                      and order in the process (PgRetrieval.wordMatches,
//                      equal to the embedded index by test)
//   postings (v2)      a row per (term, passage) with the slot, a covering
//                      B-tree read by index-only scans, ordered in the
//                      process as huayu does (schema version 2's layout)
//   text[] + GIN       each passage's terms as an array under GIN, the place
//                      of each query term found with array_position
//   tsvector + GIN     the built-in full-text type over the same terms
//                      (array_to_tsvector: no parser, so no locale splits
//                      Chinese); filter only, no order
//   FlexSearch adapter the query of flexsearch 0.8's PostgreSQL adapter
//                      (dist/db/postgres/index.cjs) over the same rows, which
//                      are its table's layout (key, res, id): GROUP BY id,
//                      ORDER BY SUM(res)
// Each is timed (p50/p99), sized, and compared with the embedded index's
// lists for the same terms: the same passages, and the same order. The other
// layouts are rebuilt from huayu's lists for the run; the arrays for the two
// GIN variants are ordered by (slot, term), so their order is not the
// analyzer's: only their sets are compared.

import pg from 'pg';
import type { Engine } from '../src/index/engine.js';
import { PgRetrieval } from '../src/index/postgres/retrieval.js';
import { LIST_FIELD, SLOT_BITS } from '../src/index/postgres/schema.js';
import { latency, MB, timeEach, type Latency } from './stats.js';

export interface WordPath {
  name: string;
  latency: Latency;
  /** Space of the structure the path reads (table or column, and its index). */
  MB: number;
  /** Share of term sets answered with the same passages as the embedded index. */
  samePassages: number;
  /** The same, in the same order; null where the path has no order of its own. */
  sameOrder: number | null;
}

type Row = { key: number };

/** `reference[i]`: the embedded index's list for `termSets[i]`, in its order. */
export async function compareWordPaths(url: string, engine: Engine, termSets: string[][], reference: number[][]): Promise<WordPath[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    // FlexSearch's get_score(9, n, i) in SQL, for the array variant's places.
    await db.query(`
      CREATE OR REPLACE FUNCTION bench_slot(n integer, i integer) RETURNS integer LANGUAGE sql IMMUTABLE AS
        $$ SELECT CASE WHEN i <= 0 THEN 0 WHEN n <= 9 THEN i ELSE floor((8::float8 / n) * i + 1)::integer END $$;
      DROP TABLE IF EXISTS bench_postings;
      CREATE TABLE bench_postings AS SELECT term, (k & ${2 ** SLOT_BITS - 1})::smallint AS slot, k >> ${SLOT_BITS} AS key
        FROM huayu_lists, unnest(huayu_entries(keys)) AS k WHERE field = ${LIST_FIELD.word};
      CREATE INDEX bench_postings_term ON bench_postings (term) INCLUDE (slot, key);
      ALTER TABLE huayu_passages ADD COLUMN IF NOT EXISTS bench_terms text[], ADD COLUMN IF NOT EXISTS bench_tv tsvector;
      UPDATE huayu_passages p SET bench_terms = t.terms, bench_tv = array_to_tsvector(t.terms)
        FROM (SELECT key, array_agg(term ORDER BY slot, term) AS terms FROM bench_postings GROUP BY key) t
        WHERE t.key = p.key;
      CREATE INDEX IF NOT EXISTS bench_terms_gin ON huayu_passages USING gin (bench_terms);
      CREATE INDEX IF NOT EXISTS bench_tv_gin ON huayu_passages USING gin (bench_tv);`);
    await db.query('VACUUM ANALYZE huayu_passages, bench_postings');
    const size = async (sql: string) => Number((await db.query<{ b: string }>(sql)).rows[0]!.b) / MB;
    const listsMB = await size(`SELECT sum(pg_column_size(l.*)) AS b FROM huayu_lists l WHERE field = ${LIST_FIELD.word}`);
    const postingsMB = await size(`SELECT pg_total_relation_size('bench_postings') AS b`);
    const termsMB = (await size(`SELECT pg_relation_size('bench_terms_gin') AS b`)) + (await size(`SELECT sum(pg_column_size(bench_terms)) AS b FROM huayu_passages`));
    const tvMB = (await size(`SELECT pg_relation_size('bench_tv_gin') AS b`)) + (await size(`SELECT sum(pg_column_size(bench_tv)) AS b FROM huayu_passages`));

    // Passage numbers as the serving engine gives them.
    const retrieval = engine.retrieval;
    if (!(retrieval instanceof PgRetrieval)) throw new Error('bench: compareWordPaths needs an engine loaded from PostgreSQL');
    const gids = (rows: Row[]) => rows.map((r) => retrieval.gidOf(r.key));

    // Version 2's read: the rows of every term, then huayu's order (worst slot, last term, passage).
    const viaPostings = async (terms: string[]) => {
      const distinct = [...new Set(terms)];
      const { rows } = await db.query<{ t: number; slot: number; key: number }>(
        'SELECT array_position($1::text[], term) AS t, slot, key FROM bench_postings WHERE term = ANY($1::text[])',
        [distinct],
      );
      const held = new Map<number, { count: number; place: number }>();
      for (const r of rows) {
        const g = retrieval.gidOf(r.key);
        if (g < 0) continue;
        const place = r.slot * 65536 + r.t;
        const h = held.get(g);
        if (h) {
          h.count++;
          h.place = Math.max(h.place, place);
        } else held.set(g, { count: 1, place });
      }
      return [...held].filter(([, h]) => h.count === distinct.length).sort((a, b) => a[1].place - b[1].place || a[0] - b[0]).map(([g]) => g);
    };

    const viaArray = async (terms: string[]) =>
      gids(
        (
          await db.query<Row & { place: number }>(
            `SELECT p.key, (SELECT bench_slot(cardinality(p.bench_terms), array_position(p.bench_terms, q) - 1) * 65536 + j::integer
               FROM unnest($1::text[]) WITH ORDINALITY AS u(q, j) ORDER BY 1 DESC LIMIT 1) AS place
             FROM huayu_passages p WHERE p.bench_terms @> $1::text[] ORDER BY place`,
            [terms],
          )
        ).rows,
      );
    const tsquery = (terms: string[]) => terms.map((t) => `'${t.replace(/\\/gu, '\\\\').replace(/'/gu, "''")}'`).join(' & ');
    const viaTsvector = async (terms: string[]) =>
      gids((await db.query<Row>(`SELECT key FROM huayu_passages WHERE bench_tv @@ $1::tsquery`, [tsquery(terms)])).rows);
    const viaFlexAdapter = async (terms: string[]) =>
      gids(
        (
          await db.query<Row>(
            `SELECT r.key FROM (SELECT key, count(*) AS count, SUM(slot) AS res FROM bench_postings WHERE term = ANY($1::text[]) GROUP BY key) AS r
             WHERE count = $2 ORDER BY res`,
            [terms, terms.length],
          )
        ).rows,
      );

    const wanted = new Map(termSets.map((t, i) => [t, reference[i]!]));
    const asSet = (xs: number[]) => [...xs].sort((a, b) => a - b).join(',');
    const run = async (name: string, mb: number, ordered: boolean, f: (t: string[]) => Promise<number[]>): Promise<WordPath> => {
      let sameSet = 0;
      let sameOrder = 0;
      const times = await timeEach(termSets, async (t) => {
        const got = await f(t);
        const want = wanted.get(t)!;
        if (asSet(got) === asSet(want)) sameSet++;
        if (got.join(',') === want.join(',')) sameOrder++;
      });
      return { name, latency: latency(times), MB: mb, samePassages: sameSet / termSets.length, sameOrder: ordered ? sameOrder / termSets.length : null };
    };
    return [
      await run('packed lists per term (huayu)', listsMB, true, async (t) => Array.from(await engine.retrieval.wordMatches(t))),
      await run('row per posting, index-only scan (v2)', postingsMB, true, viaPostings),
      await run('text[] + GIN, array_position', termsMB, false, viaArray),
      await run('tsvector + GIN, filter only', tvMB, false, viaTsvector),
      await run("FlexSearch's PostgreSQL adapter query", postingsMB, true, viaFlexAdapter),
    ];
  } finally {
    await db
      .query('ALTER TABLE huayu_passages DROP COLUMN IF EXISTS bench_terms, DROP COLUMN IF EXISTS bench_tv; DROP FUNCTION IF EXISTS bench_slot; DROP TABLE IF EXISTS bench_postings')
      .catch(() => undefined);
    await db.end();
  }
}
