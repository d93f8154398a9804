// Three ways to ask PostgreSQL "which passages hold all these terms", on the
// database the benchmark just indexed, with the same term sets:
//   text[] + GIN  what huayu uses: the passage's terms in the analyzer's order
//                 (so FlexSearch's slot of each term is its array position)
//   tsvector + GIN the built-in full-text type over the same terms
//                 (array_to_tsvector: no parser, so no locale splits Chinese)
//   FlexSearch's own PostgreSQL adapter: its table layout and its query, copied
//                 from flexsearch 0.8's dist/db/postgres/index.cjs — a row per
//                 (term, passage) with the slot as `res`, GROUP BY id, ORDER BY SUM(res)
// Each is timed (p50/p99 over the sets), sized (table + index), and its order
// compared with the in-memory index's (huayu's SQL order is that by test).

import pg from 'pg';
import { latency, MB, timeEach, type Latency } from './stats.js';

export interface WordPath {
  name: string;
  latency: Latency;
  /** Extra space this path needs beyond the passages table (columns, tables, indexes). */
  extraMB: number;
  /** Share of term sets answered with exactly the in-memory index's passages in its order. */
  sameOrder: number;
}

type Ids = Array<string | number>;

export async function compareWordPaths(url: string, termSets: string[][]): Promise<WordPath[]> {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    await db.query(`
      ALTER TABLE huayu_passages ADD COLUMN IF NOT EXISTS bench_tv tsvector;
      UPDATE huayu_passages SET bench_tv = array_to_tsvector(terms);
      CREATE INDEX IF NOT EXISTS bench_tv_gin ON huayu_passages USING gin (bench_tv);
      CREATE TABLE IF NOT EXISTS bench_flex_map (key varchar(128) NOT NULL, res smallint NOT NULL, id bigint NOT NULL);
      TRUNCATE bench_flex_map;
      INSERT INTO bench_flex_map
        SELECT left(t, 128), huayu_slot(cardinality(terms), (i - 1)::integer), doc_key::bigint * 65536 + n
        FROM huayu_passages, unnest(terms) WITH ORDINALITY AS u(t, i);
      CREATE INDEX IF NOT EXISTS bench_flex_map_key ON bench_flex_map (key);
      CREATE INDEX IF NOT EXISTS bench_flex_map_id ON bench_flex_map (id);
      ANALYZE huayu_passages; ANALYZE bench_flex_map;`);
    const size = async (sql: string) => Number((await db.query<{ b: string }>(sql)).rows[0]!.b) / MB;
    const termsGinMB = await size(`SELECT pg_relation_size('huayu_passages_terms') AS b`);
    const tvMB = (await size(`SELECT pg_relation_size('bench_tv_gin') AS b`)) + (await size(`SELECT sum(pg_column_size(bench_tv)) AS b FROM huayu_passages`));
    const flexMB = await size(`SELECT pg_total_relation_size('bench_flex_map') AS b`);

    const key = (r: { doc_key: number; n: number }) => `${r.doc_key}:${r.n}`;
    // The reference order: huayu's query, equal to the in-memory FlexSearch order (tests/index/pgStore.test.ts).
    const ours = async (terms: string[]): Promise<Ids> =>
      (
        await db.query<{ doc_key: number; n: number; place: number }>(
          `SELECT p.doc_key, p.n, (SELECT huayu_slot(cardinality(p.terms), array_position(p.terms, q) - 1) * 65536 + j::integer
             FROM unnest($1::text[]) WITH ORDINALITY AS u(q, j) ORDER BY 1 DESC LIMIT 1) AS place
           FROM huayu_passages p WHERE p.terms @> $1::text[]`,
          [terms],
        )
      ).rows
        .sort((a, b) => a.place - b.place || a.doc_key - b.doc_key || a.n - b.n)
        .map(key);
    const tsquery = (terms: string[]) => terms.map((t) => `'${t.replace(/\\/gu, '\\\\').replace(/'/gu, "''")}'`).join(' & ');
    const viaTsvector = async (terms: string[]): Promise<Ids> =>
      (
        await db.query<{ doc_key: number; n: number; place: number }>(
          `SELECT p.doc_key, p.n, (SELECT huayu_slot(cardinality(p.terms), array_position(p.terms, q) - 1) * 65536 + j::integer
             FROM unnest($1::text[]) WITH ORDINALITY AS u(q, j) ORDER BY 1 DESC LIMIT 1) AS place
           FROM huayu_passages p WHERE p.bench_tv @@ $2::tsquery`,
          [terms, tsquery(terms)],
        )
      ).rows
        .sort((a, b) => a.place - b.place || a.doc_key - b.doc_key || a.n - b.n)
        .map(key);
    const viaFlexAdapter = async (terms: string[]): Promise<Ids> =>
      (
        await db.query<{ id: string }>(
          `SELECT r.id FROM (SELECT id, count(*) AS count, SUM(res) AS res FROM bench_flex_map WHERE key = ANY($1::text[]) GROUP BY id) AS r
           WHERE count = $2 ORDER BY res`,
          [terms, terms.length],
        )
      ).rows.map((r) => `${Math.floor(Number(r.id) / 65536)}:${Number(r.id) % 65536}`);

    const reference = new Map<string[], string>();
    for (const t of termSets) reference.set(t, (await ours(t)).join(','));
    const run = async (name: string, extraMB: number, f: (t: string[]) => Promise<Ids>): Promise<WordPath> => {
      let same = 0;
      const times = await timeEach(termSets, async (t) => {
        if ((await f(t)).join(',') === reference.get(t)) same++;
      });
      return { name, latency: latency(times), extraMB, sameOrder: same / termSets.length };
    };
    return [
      await run('text[] + GIN (huayu)', termsGinMB, ours),
      await run('tsvector + GIN', tvMB, viaTsvector),
      await run("FlexSearch's PostgreSQL adapter layout", flexMB, viaFlexAdapter),
    ];
  } finally {
    await db.query('ALTER TABLE huayu_passages DROP COLUMN IF EXISTS bench_tv; DROP TABLE IF EXISTS bench_flex_map').catch(() => undefined);
    await db.end();
  }
}
