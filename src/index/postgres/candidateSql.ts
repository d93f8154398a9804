// The SQL that finds a substring's candidates from its rarest bigrams (intarray in the database), and the
// word lists' branch for two-unit terms: the statements' text, apart from PgRetrieval (retrieval.ts), which
// sends them.

import { LIST_FIELD } from './schema.js';

/** The `limit` rarest of the bigrams in $1 (integer[]), rarest first, with how many passages hold each (0: none). */
export function rarestGrams(limit: string): string {
  return `SELECT q.gram, coalesce(sum(g.df), 0) AS df FROM unnest($1::integer[]) AS q(gram) LEFT JOIN huayu_grams g ON g.gram = q.gram
          GROUP BY q.gram ORDER BY 2, 1 LIMIT ${limit}`;
}

/**
 * A substring's candidates hold its rarest bigram, and each of the next rarest two only where it is at most this
 * many times as common as the candidates so far. Every candidate is checked on its body anyway (~5 µs), and a list
 * costs ~0.14 µs an entry to concatenate and intersect. At 100 MB, with no cache (medians of seven, against all
 * three always): "区域合作" 3.0 ms against 4.6 (合作, 59,000 passages, left out), "持中国政" 4.3 against 11 (中国,
 * 123,000), "属中国内" 8.4 against 16; "美国政府" 22 against 21, where 政府 halves 12,000 candidates and is taken.
 * A ratio of 2 for the third lost "美国政府" (25 ms); 4 lost "持中国政" (8.5).
 */
const CANDIDATE_GRAM_RATIO = 8;

/** The concatenated list of the `n`th rarest gram of `rare` (see PgRetrieval.substringMatches), or an empty one. */
function gramList(n: number): string {
  return `coalesce((SELECT huayu_cat(g.keys) FROM huayu_grams g WHERE g.gram = (SELECT gram FROM rare WHERE n = ${n})), '{}')`;
}

/**
 * `from`'s candidates, intersected with the `n`th rarest gram's list where that is worth it (CANDIDATE_GRAM_RATIO); lazily, as CASE is.
 * `from` must be a MATERIALIZED CTE: the CASE names its keys three times, and an inlined one had its expression
 * evaluated at each (the rarest gram's list concatenated and sorted up to nine times; 联合国 14.8 ms, 9.3 so).
 */
function narrowed(from: string, n: number): string {
  return `CASE WHEN (SELECT df FROM rare WHERE n = ${n}) <= ${CANDIDATE_GRAM_RATIO} * cardinality(${from}.keys) THEN ${from}.keys & ${gramList(n)} ELSE ${from}.keys END`;
}

/**
 * A substring's candidates (its bigrams' keys in $1) as the CTE `c` (keys: entries, ascending): those holding
 * its rarest bigram, narrowed by the next two where worth it (intarray's &; a gram no passage holds has an
 * empty list and leaves none).
 */
export const CANDIDATES = `WITH rare AS (SELECT gram, df, row_number() OVER (ORDER BY df, gram) AS n FROM (${rarestGrams('ALL')}) AS x),
  c1 AS MATERIALIZED (SELECT sort(${gramList(1)}) AS keys),
  c2 AS MATERIALIZED (SELECT ${narrowed('c1', 2)} AS keys FROM c1),
  c AS MATERIALIZED (SELECT ${narrowed('c2', 3)} AS keys FROM c2)`;

/**
 * The word lists' statement's branch for its two-unit terms ($2: their places in $1, $3: their bigrams): the
 * bigram's rows of the parts where the term has no row with its `more` (schema.ts).
 */
export const BIGRAM_ROWS = `UNION ALL
       SELECT q.i, NULL, NULL, array_send(g.keys) FROM unnest($2::integer[], $3::integer[]) AS q(i, gram) JOIN huayu_grams g ON g.gram = q.gram
       WHERE NOT EXISTS (SELECT 1 FROM huayu_lists l WHERE l.field = ${LIST_FIELD.word} AND l.term = ($1::text[])[q.i] AND l.part = g.part AND l.more IS NOT NULL)`;
