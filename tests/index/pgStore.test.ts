// The PostgreSQL store against a real server (a throwaway cluster): the same
// answers as the embedded index, incremental writes, one writer at a time,
// two servers on one database, and a killed indexing run.

import { spawn } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync, unlinkSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import pg from 'pg';
import request from 'supertest';
import { afterAll, describe, expect, it, vi } from 'vitest';
import { inlineSegmenter, workerSegmenter } from '../../src/analysis/segmenter.js';
import { createApp } from '../../src/http/app.js';
import { liveEngine } from '../../src/index/stores.js';
import { openIndex } from '../../src/index/embedded/openIndex.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { comparePaths, loadFromPostgres, SCHEMA_VERSION } from '../../src/index/postgres/store.js';
import { indexIntoPostgres } from '../../src/index/postgres/write.js';
import { PgRetrieval } from '../../src/index/postgres/retrieval.js';
import { PlaceProver } from '../../src/index/postgres/gramPlaces.js';
import { servingPool } from '../../src/index/postgres/schema.js';
import { servingCopy } from '../../src/index/postgres/query.js';
import { int4Of, textOf } from '../../src/index/postgres/copyOut.js';
import { bigramKeys } from '../../src/analysis/ngrams.js';
import { bigramsOf } from '../../src/index/postgres/listEncoding.js';
import { indexTokens, isHanRun } from '../../src/analysis/tokenize.js';
import { isRefused, readSource, scanCorpus, type SourceFile } from '../../src/ingest/readCorpus.js';
import { userWordsOf } from '../../src/index/analyzeCorpus.js';
import { parseTranscript } from '../../src/parse/parseTranscript.js';
import { checkQuote } from '../../src/quote/quote.js';
import { search } from '../../src/search/search.js';
import { documentView, listSpeakers, listTopics } from '../../src/search/catalog.js';
import { speakerView } from '../../src/search/speakerView.js';
import { topicView } from '../../src/search/topicView.js';
import { PgTexts } from '../../src/index/postgres/texts.js';
import { PgBodies } from '../../src/index/postgres/bodies.js';
import { bodyOf, documentText, filesFrom, FIXTURES, HAS_SHARED, HUAYU_BIN, memory, ROOT, SEED, seedAndFixturesInto, seededDatabase, SHARED_REAL } from '../helpers/corpora.js';
import { createDatabase, type Cluster } from '../../bench/pgCluster.js';
import { sql, throwawayCluster } from '../helpers/throwawayCluster.js';
import { QUERIES, QUOTES } from '../helpers/querySet.js';
import { random } from '../../bench/random.js';
import { heldBodies } from '../../src/index/bodies.js';

const work = mkdtempSync(path.join(os.tmpdir(), 'huayu-pgstore-'));
const corpus = seedAndFixturesInto(path.join(work, 'corpus'));
writeFileSync(path.join(corpus, 'empty.txt'), '');

let cluster: Cluster | string;
throwawayCluster('pgStore', (c) => (cluster = c));
afterAll(() => rmSync(work, { recursive: true, force: true }));

const files = () => scanCorpus(corpus).map((e) => readSource(e));
const load = (url: string) => loadFromPostgres(url, inlineSegmenter([]));
/** A database of its own in the cluster, holding the seed corpus. */
const seeded = (c: Cluster, name: string) => seededDatabase(c.url, name, files());
/** Loaded with no cache: every answer from the database. */
const loadUncached = (url: string) => loadFromPostgres(url, inlineSegmenter([]), [], { cacheBytes: 0 });
/** The statements' texts a spy on pg.Pool's query saw. */
const statementsOf = (spy: { mock: { calls: unknown[][] } }): string[] => spy.mock.calls.map(([q]) => (typeof q === 'string' ? q : (q as { text: string }).text));
/** The engine with every document's row fetched: what a test that walks every passage reads. */
const whole = async (engine: Engine) => {
  await engine.catalog.fetch(engine.docs.keys());
  return engine;
};

async function answers(engine: Engine) {
  const out = [];
  for (const r of QUERIES) {
    const res = await search(engine, r);
    out.push({ total: res.total, hits: res.hits.map((h) => [h.id, h.score, h.highlight, h.start, h.end]), facets: res.facets });
  }
  for (const text of QUOTES) {
    const res = await checkQuote(engine, { text, baseUrl: 'http://localhost:3000', accessed: '2026-11-25' });
    out.push({ found: res.found, matches: res.matches.map((m) => [m.quote, m.start, m.end, m.similarity, m.citation.text, m.speaker?.name]) });
  }
  out.push(listSpeakers(engine));
  // The views that show texts, which a server on PostgreSQL fetches: every document, the busiest speakers and topics.
  for (const d of engine.docs) out.push(await documentView(engine, d.id));
  for (const s of listSpeakers(engine).slice(0, 4)) out.push(await speakerView(engine, s.name, { limit: 5, offset: 1 }));
  for (const t of listTopics(engine).slice(0, 3)) out.push(await topicView(engine, t.name, { limit: 5, offset: 0 }));
  return out;
}

/**
 * The two-unit words of the store at `url`, each as `engine` answers it as a substring (the passages
 * holding it as a string), and how many of them have a part holding their bigram where they have no row
 * (`noRow`), or a row without its more (`noMore`, a merged part): there the bigram's rows answer.
 */
async function twoUnitWords(url: string, engine: Engine) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const { rows } = await db.query<{ term: string; parts: number[]; more: number[] | null }>(
      'SELECT term, array_agg(part) AS parts, array_agg(part) FILTER (WHERE more IS NOT NULL) AS more FROM huayu_lists WHERE field = 0 GROUP BY term',
    );
    const words = rows.filter((r) => r.term.length === 2).map((r) => ({ ...r, gram: bigramsOf(r.term)[0]! }));
    const grams = await db.query<{ gram: number; parts: number[] }>('SELECT gram, array_agg(part) AS parts FROM huayu_grams WHERE gram = ANY($1::integer[]) GROUP BY gram', [words.map((w) => w.gram)]);
    const partsOf = new Map(grams.rows.map((g) => [g.gram, g.parts]));
    const lacking = (w: (typeof words)[number], has: readonly number[]) => (partsOf.get(w.gram) ?? []).some((p) => !has.includes(p));
    const answers = new Map<string, number[]>();
    for (const w of words) answers.set(w.term, Array.from(await engine.retrieval.substringMatches(w.term)));
    return { answers, noRow: words.filter((w) => lacking(w, w.parts)).length, noMore: words.filter((w) => !lacking(w, w.parts) && lacking(w, w.more ?? [])).length };
  } finally {
    await db.end();
  }
}

/** A server following the store at `url` (a check every 50 ms): its reloads, and how many passages hold a phrase, through its app. */
async function follower(url: string) {
  const reloads: Engine[] = [];
  // Segmenting on its own thread, as a server does: an engine that closed the thread under its successor would show.
  const first = await loadFromPostgres(url, workerSegmenter([]));
  const shared = vi.spyOn(first.segmenter, 'share');
  const live = await liveEngine({ corpusDir: corpus, indexDir: path.join(work, 'unused'), store: url }, { engine: first, state: null }, {
    intervalMs: 50,
    drainMs: 50,
    onReload: (e) => reloads.push(e),
    onError: (err) => {
      throw err;
    },
  });
  const app = createApp({ engine: live.current, logger: pino({ level: 'silent' }) });
  return {
    live,
    reloads,
    shared,
    total: async (phrase: string) => (await request(app).get(encodeURI(`/api/search?q="${phrase}"`))).body.total as number,
    /** Until the server has reloaded once, or `tries` checks of 50 ms went by. */
    reloaded: async (tries: number) => {
      for (let i = 0; i < tries && reloads.length === 0; i++) await new Promise((r) => setTimeout(r, 50));
    },
  };
}

/** What the lists of the database at `url` hold for the passages it stores, whatever their parts; and how many parts. */
async function liveEntries(url: string) {
  const db = new pg.Client({ connectionString: url });
  await db.connect();
  try {
    const live = 'EXISTS (SELECT 1 FROM huayu_passages p WHERE p.key = k >> 4)';
    const one = async (sql: string) => (await db.query<{ v: string }>(sql)).rows[0]!.v;
    return {
      // Passage keys differ between the two databases: each entry is named by its document, passage number and slot (and a word's by its tf).
      lists: await one(`SELECT md5(string_agg(x, ',' ORDER BY x)) AS v FROM (
        SELECT l.field || l.term || d.id || ((k >> 4) - d.first_key) || (k & 15) || '/' || CASE WHEN l.field = 0 THEN get_byte(l.tfs, i::integer - 1) END AS x
        FROM huayu_lists l, unnest(huayu_entries(l.keys)) WITH ORDINALITY AS u(k, i), huayu_documents d
        WHERE ${live} AND (k >> 4) >= d.first_key AND (k >> 4) < d.first_key + d.passage_count) y`),
      // And each bigram entry by where the bigram stands: its first place's byte, and its other places.
      grams: await one(`SELECT md5(string_agg(x, ',' ORDER BY x)) AS v FROM (
        SELECT g.gram || d.id || ((k >> 4) - d.first_key) || '/' || get_byte(g.firsts, i::integer - 1) AS x
        FROM huayu_grams g, unnest(g.keys) WITH ORDINALITY AS u(k, i), huayu_documents d
        WHERE ${live} AND (k >> 4) >= d.first_key AND (k >> 4) < d.first_key + d.passage_count
        UNION ALL
        SELECT g.gram || d.id || ((k >> 4) - d.first_key) || '+' || p
        FROM huayu_grams g, generate_series(0, coalesce(length(g.more), 0) / 8 - 1) AS r,
             LATERAL (SELECT ('x' || encode(substring(g.more FROM 8 * r + 1 FOR 4), 'hex'))::bit(32)::integer AS k,
                             ('x' || encode(substring(g.more FROM 8 * r + 5 FOR 4), 'hex'))::bit(32)::integer AS p) AS m, huayu_documents d
        WHERE ${live} AND (k >> 4) >= d.first_key AND (k >> 4) < d.first_key + d.passage_count) y`),
      others: Number(await one('SELECT coalesce(sum(length(more)) / 8, 0)::text AS v FROM huayu_grams')),
      parts: Number(await one('SELECT count(*)::text AS v FROM huayu_parts')),
    };
  } finally {
    await db.end();
  }
}

/** Two servers on the database at `url`, one keeping `budget` bytes of lists and one none, closed after `use`. */
async function withAndWithoutCache(url: string, budget: number, use: (cached: Engine, uncached: Engine) => Promise<void>): Promise<void> {
  const [cached, uncached] = await Promise.all([budget, 0].map((cacheBytes) => loadFromPostgres(url, inlineSegmenter([]), [], { cacheBytes })));
  try {
    await use(cached!, uncached!);
  } finally {
    await Promise.all([cached!.close(), uncached!.close()]);
  }
}

const seedCopy = path.join(corpus, 'zhangye-2024-01-15.txt');
/** A reporter's question about `phrase` appended to the corpus's copy of the seed (restoreSeed puts it back). */
const askInSeed = (phrase: string) => writeFileSync(seedCopy, readFileSync(seedCopy, 'utf8') + `\n记者:关于${phrase}，请介绍一下？`);
const restoreSeed = () => cpSync(SEED, seedCopy);

/**
 * `lines` appended to the seed's copy, indexed into database `name` and built in memory; `use` gets the
 * store's engine (opened by `open`) and the embedded one, and both are closed and the seed put back after.
 */
async function withSeedLines(c: Cluster, lines: string, name: string, open: (url: string) => Promise<Engine>, use: (engine: Engine, embedded: Engine) => Promise<void>): Promise<void> {
  writeFileSync(seedCopy, readFileSync(seedCopy, 'utf8') + lines);
  try {
    const engine = await open(await seeded(c, name));
    const embedded = await buildIndex(files(), { threads: 0 });
    try {
      await use(engine, embedded);
    } finally {
      await Promise.all([engine.close(), embedded.close()]);
    }
  } finally {
    restoreSeed();
  }
}

/** A question about `phrase` written into the primary at `url`: the following server reloads once and then finds it. */
async function servedAfterIndexing(server: Awaited<ReturnType<typeof follower>>, url: string, phrase: string, tries: number): Promise<void> {
  expect(await server.total(phrase)).toBe(0);
  askInSeed(phrase);
  await indexIntoPostgres(url, files(), { threads: 0 });
  await server.reloaded(tries);
  expect(server.reloads).toHaveLength(1);
  expect(await server.total(phrase)).toBe(1);
}

describe('the PostgreSQL store', () => {
  it('answers every query, quote and speaker list of the fixed set exactly as the embedded index', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const embedded = await buildIndex(files(), { threads: 0 });
    const report = await indexIntoPostgres(cluster.url, files(), { threads: 0 });
    expect(report).toMatchObject({ written: embedded.docs.length, removed: 0, unchanged: 0 });
    expect(report.refused.map((f) => f.code)).toEqual(['FILE_EMPTY']);
    const fromPg = await load(cluster.url);
    expect(fromPg.passages.length).toBe(embedded.passages.length);
    expect(await answers(fromPg)).toEqual(await answers(embedded));
  }, 120_000);

  it('starts holding no passage: a response fetches the rows of the documents it reads, the same whichever are asked together, and a passage read before is named', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seeded(cluster, 'huayu_catalog_rows');
    const [together, apart, cold] = [await loadUncached(url), await loadUncached(url), await loadUncached(url)];
    try {
      expect(together.docs.length).toBeGreaterThan(3);
      expect(() => cold.passages.at(0)).toThrow(/before its document \(0\) was fetched/u);
      expect(() => cold.catalog.exchanges(0)).toThrow(/before it was fetched/u);
      // A search fetches the rows of the page it shows: their passages are held after it, another document's are not.
      const res = await search(cold, { q: '营商环境' });
      const shown = new Set(res.hits.map((h) => cold.docById.get(h.doc.id)!));
      expect(shown.size).toBeGreaterThan(0);
      for (const d of shown) expect(cold.passages.at(cold.firstOf[d]!)!.doc).toBe(d);
      const unseen = cold.docs.findIndex((_, d) => !shown.has(d));
      expect(() => cold.passages.at(cold.firstOf[unseen]!)).toThrow(/before its document/u);
      // Every document in one statement, or each with its neighbour at once (every one asked twice, concurrently).
      await together.catalog.fetch(together.docs.keys());
      await Promise.all(apart.docs.map((_, d) => apart.catalog.fetch([d, (d + 1) % apart.docs.length])));
      expect(JSON.stringify([...apart.passages])).toBe(JSON.stringify([...together.passages]));
      expect(apart.docs.map((_, d) => apart.catalog.exchanges(d))).toEqual(together.docs.map((_, d) => together.catalog.exchanges(d)));
      expect(await answers(apart)).toEqual(await answers(together));
    } finally {
      await Promise.all([together, apart, cold].map((e) => e.close()));
    }
  }, 120_000);

  it('answers each retrieval question as the in-memory lists do: words in FlexSearch order (among a few passages too), substrings, tags, quote votes', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await createDatabase(cluster.url, 'huayu_retrieval');
    // In the order a corpus folder is listed, as the store numbers passages.
    const corpusFiles = (HAS_SHARED ? [...files(), ...filesFrom({ real: SHARED_REAL })] : files()).sort((a, b) => comparePaths(a.path, b.path));
    await indexIntoPostgres(url, corpusFiles, { threads: 0 });
    const fromPg = await whole(await load(url));
    const uncached = await loadUncached(url);
    // Substrings of more than two candidates found from their bigrams' places; a term's candidates beyond its
    // word list, more than two, checked in pieces on parallel connections.
    const inPieces = await loadFromPostgres(url, inlineSegmenter([]), [], { cacheBytes: 0, checkPiece: 2, placesPast: 2 });
    const pieceStatements = vi.spyOn(pg.Pool.prototype, 'query');
    const placed = vi.spyOn(PlaceProver.prototype, 'holding');
    const embedded = await buildIndex(corpusFiles, { threads: 0 });
    try {
      expect([...fromPg.passages].map((p) => p.span)).toEqual([...embedded.passages].map((p) => p.span));
      const sql = fromPg.retrieval;
      const mem = memory(embedded);
      const rand = random(2026);
      const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
      const vocabulary = [...embedded.passages].map((p) => indexTokens(bodyOf(embedded, p))).filter((v) => v.length > 0);
      let ordered = 0;
      let amongOrdered = 0;
      let voted = 0;
      let terms3 = 0;
      let beyondList = 0;
      let capped = 0;
      for (let i = 0; i < 400; i++) {
        const own = pick(vocabulary);
        const terms = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(own));
        if (rand() < 0.2) terms.push(pick(pick(vocabulary)));
        const [a, b] = await Promise.all([sql.wordMatches(terms), mem.wordMatches(terms)]);
        expect(Array.from(a), terms.join(' ')).toEqual(Array.from(b));
        // Asked again, answered from the lists the process kept.
        expect(Array.from(await sql.wordMatches(terms)), terms.join(' ')).toEqual(Array.from(b));
        if (b.length > 1) ordered++;
        const body = pick(heldBodies(embedded.bodies).all.filter((c) => c.length > 4));
        const from = Math.floor(rand() * (body.length - 2));
        const piece = body.slice(from, from + 2 + Math.floor(rand() * 12));
        const pieceMatches = Array.from(await mem.substringMatches(piece));
        expect(Array.from(await sql.substringMatches(piece)), piece).toEqual(pieceMatches);
        expect(Array.from(await sql.substringMatches(piece)), piece).toEqual(pieceMatches);
        expect(Array.from(await inPieces.retrieval.substringMatches(piece)), piece).toEqual(pieceMatches);
        // Three units, held by many passages: found from where their bigrams stand.
        const short = body.slice(from, from + 3);
        if (short.length === 3) expect(Array.from(await inPieces.retrieval.substringMatches(short)), short).toEqual(Array.from(await mem.substringMatches(short)));
        // Up to a cap, as the quote check asks for its pieces: the whole answer where it holds no more, else null;
        // counted in SQL up to cap + 1 with no cache, read from the answer kept with one.
        for (const cap of [pieceMatches.length, pieceMatches.length - 1]) {
          const want = pieceMatches.length <= cap ? pieceMatches : null;
          for (const r of [uncached.retrieval, sql, mem]) {
            const got = await r.substringMatchesUpTo(piece, cap);
            expect(got && Array.from(got), `${piece} up to ${cap}`).toEqual(want);
          }
          if (want === null) capped++;
        }
        // Answered up to a cap first, then whole: the answer the capped statement kept is the whole one.
        const next = body.slice(from + 1, from + 6);
        if (next.length > 2) {
          const upTo = await sql.substringMatchesUpTo(next, 10_000);
          const all = Array.from(await mem.substringMatches(next));
          expect(upTo && Array.from(upTo), next).toEqual(all);
          expect(Array.from(await sql.substringMatches(next)), next).toEqual(all);
        }
        // A term of three characters or more as a substring: its word list's passages, and the others whose bodies hold it
        // (inside a longer term, or across two). Asked with the word itself, as a word query asks both at once.
        const word = own.find((t) => t.length >= 3 && isHanRun(t));
        if (word) {
          const want = Array.from(await mem.substringMatches(word));
          const [, both] = await Promise.all([uncached.retrieval.wordMatches([word]), uncached.retrieval.substringMatches(word)]);
          expect(Array.from(both), word).toEqual(want);
          expect(Array.from(await sql.substringMatches(word)), word).toEqual(want);
          expect(Array.from(await inPieces.retrieval.substringMatches(word)), word).toEqual(want);
          terms3++;
          if (want.length > (await mem.wordMatches([word])).length) beyondList++;
        }
        // Ordered among a phrase's few passages, as a phrase query asks, twice as a query run again asks; then
        // among more passages than are sent (the whole answer, filtered). With no cache each list comes cut in
        // SQL; with one, the lists cached above are cut here. The terms reversed: the answer asked above is
        // cached under the terms' own order.
        const reversed = [...terms].reverse();
        const few = Uint32Array.from(new Set([...Array.from(b).filter((_, k) => k % 2 === 0).slice(0, 300), ...pieceMatches.slice(0, 150)]));
        const many = Uint32Array.from({ length: 2000 }, () => Math.floor(rand() * embedded.passages.length));
        for (const retrieval of [uncached.retrieval, sql]) {
          for (const among of [few, few, many]) {
            expect(Array.from(await retrieval.wordMatchesAmong(reversed, among)), reversed.join(' ')).toEqual(Array.from(await mem.wordMatchesAmong(reversed, among)));
          }
        }
        if (new Set(terms).size > 1 && b.length > 1) amongOrdered++;
        // One character of it among a word's passages (a one-character phrase), checked on the stored bodies.
        const among = await mem.wordMatches(terms);
        expect(Array.from(await fromPg.bodies.containing(among, piece[0]!)), piece[0]).toEqual(Array.from(await embedded.bodies.containing(among, piece[0]!)));
        const changed = piece.length > 4 ? piece.slice(0, 2) + '某' + piece.slice(3) : piece;
        const grams = bigramKeys(changed);
        const minVotes = Math.max(1, Math.ceil(grams.length * 0.5));
        const votes = await mem.votes(grams, minVotes);
        expect(await sql.votes(grams, minVotes), changed).toEqual(votes);
        if (votes.length > 0) voted++;
      }
      expect(voted).toBeGreaterThan(300);
      expect(capped).toBeGreaterThan(300);
      // Terms were asked as substrings, some of them held beyond their own word lists (392 and 28 with the real transcripts).
      expect(terms3).toBeGreaterThan(100);
      expect(beyondList).toBeGreaterThan(HAS_SHARED ? 10 : 0);
      // The pieces were checked apart (the statement of checkedInPieces), for many of the substrings: 48
      // statements over the seed and the fixtures alone (a user's clone, without ../shared), hundreds with
      // the real transcripts.
      const pieceChecks = pieceStatements.mock.calls.filter(([config]) => /key = ANY\(\$1::integer\[\]\) AND strpos/u.test((config as { text?: string }).text ?? ''));
      expect(pieceChecks.length).toBeGreaterThan(HAS_SHARED ? 100 : 30);
      // Substrings found from their bigrams' places where their lists cost less than the checks (200 with the real
      // transcripts, 28 of them among more than 50 candidates).
      expect(placed.mock.calls.length).toBeGreaterThan(HAS_SHARED ? 120 : 20);
      // The seed and the fixtures alone (a user's clone) hold no substring of more than 50 candidates.
      if (HAS_SHARED) expect(placed.mock.calls.filter(([candidates]) => candidates.length > 50).length).toBeGreaterThan(15);
      // Order is what this compares: most word queries must have had several passages to order.
      expect(ordered).toBeGreaterThan(100);
      expect(amongOrdered).toBeGreaterThan(50);
      const p = pick([...embedded.passages].filter((x) => x.speaker && x.topics.length));
      for (const [field, value] of [['speaker', p.speaker!.name], ['topic', p.topics[0]!], ['kind', 'question'], ['speaker', '无此人']] as const) {
        expect(Array.from(await sql.tagged(field, value)), `${field}=${value}`).toEqual(Array.from(await mem.tagged(field, value)));
      }
      // Turns of several paragraphs holding a string across a paragraph's end: the same turns from the stored bodies.
      const turns = [...embedded.passages].filter((x) => embedded.turnFirst[x.gid] === x.gid && embedded.turnLast[x.gid] !== x.gid).map((x) => [x.gid, embedded.turnLast[x.gid]!] as const);
      expect(turns.length).toBeGreaterThan(10);
      const bodies = heldBodies(embedded.bodies);
      for (let k = 0; k < 20; k++) {
        const [first] = pick(turns);
        const across = bodies.body(first).slice(-3) + bodies.body(first + 1).slice(0, 3);
        const want = await embedded.bodies.turnsHolding(turns, across);
        expect(want.has(first), across).toBe(true);
        expect([...(await fromPg.bodies.turnsHolding(turns, across))].sort(), across).toEqual([...want].sort());
      }
    } finally {
      pieceStatements.mockRestore();
      placed.mockRestore();
      await Promise.all([fromPg.close(), uncached.close(), inPieces.close(), embedded.close()]);
    }
  }, 300_000);

  it('keeps the lists it was sent within its cache budget, and answers the same with no cache', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    // Less than the fixed set's lists (some 17 KB here): the least recently used go.
    const budget = 8 * 1024;
    await withAndWithoutCache(cluster.url, budget, async (small, none) => {
      expect(await answers(small)).toEqual(await answers(none));
      // Lists have half the budget: a word query ranks on its lists' tfs.
      const kept = (small.retrieval as PgRetrieval).cachedBytes;
      expect(kept).toBeGreaterThan(budget / 4);
      expect(kept).toBeLessThanOrEqual(budget / 2);
      expect((none.retrieval as PgRetrieval).cachedBytes).toBe(0);
      // Texts and bodies (a phrase's matches, a quote's turns) a quarter each.
      for (const kept of [(small.texts as PgTexts).cachedBytes, (small.bodies as PgBodies).cachedBytes]) {
        expect(kept).toBeGreaterThan(0);
        expect(kept).toBeLessThanOrEqual(budget / 4);
      }
      expect((none.texts as PgTexts).cachedBytes + (none.bodies as PgBodies).cachedBytes).toBe(0);
    });
  }, 120_000);

  it('holds no text or body: a response fetches those it reads, and a document written again since the load is STORE_CHANGED', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seeded(cluster, 'huayu_texts');
    const engine = await whole(await load(url));
    try {
      const bodies = engine.bodies as PgBodies;
      expect(bodies.cachedBytes).toBe(0);
      expect(bodies.held(0)).toBeUndefined();
      // A word query is ranked on its lists' tfs and the passages' lengths: it fetches no body (it may keep
      // those its substring's check read in SQL, where 营商环境 is no word of this small corpus's index).
      const fetchedForWords = vi.spyOn(bodies, 'fetch');
      expect((await search(engine, { q: '营商环境' })).total).toBeGreaterThan(0);
      expect(fetchedForWords).not.toHaveBeenCalled();
      fetchedForWords.mockRestore();
      const ranked = await search(engine, { q: '"营商环境"' });
      // A phrase's matches are ranked on their bodies, kept (within the budget); a passage without the words was never read.
      expect(bodies.cachedBytes).toBeGreaterThan(0);
      const matched = new Set(Array.from(await engine.retrieval.substringMatches('营商环境')));
      expect(bodies.held([...engine.passages].find((p) => !matched.has(p.gid))!.gid)).toBeUndefined();
      const top = [...engine.passages].find((p) => `${engine.docs[p.doc]!.id}:p${p.n}` === ranked.hits[0]!.id)!;
      expect(bodies.held(top.gid)).toBe(heldBodies(await buildIndex(files(), { threads: 0 }).then((e) => e.bodies)).body(top.gid));
      const seed = engine.docs.findIndex((d) => d.path === 'zhangye-2024-01-15.txt');
      const other = engine.docs.findIndex((d) => d.path !== 'zhangye-2024-01-15.txt');
      const texts = await engine.texts.fetch([seed]);
      expect(texts.text(seed)).toBe(readFileSync(seedCopy, 'utf8'));
      expect(() => texts.text(other)).toThrow(expect.objectContaining({ code: 'TEXT_NOT_FETCHED' }));
      // A page of hits reads the texts alone: the details (roster, turns, metadata lines) only a document's own view asks for.
      const cold = await loadUncached(url);
      const asked = vi.spyOn(pg.Pool.prototype, 'query');
      try {
        const sqlOf = () => statementsOf(asked);
        expect((await search(cold, { q: '营商环境' })).hits.length).toBeGreaterThan(0);
        // The rows of the page's documents (their passages' columns and exchanges), then the spans of its
        // passages: not their documents' whole texts.
        expect(sqlOf().filter((s) => s.includes('FROM huayu_documents'))).toEqual([expect.stringContaining('exchanges'), expect.stringContaining('substr(d.text, t.s, t.n)')]);
        asked.mockClear();
        const view = await documentView(cold, engine.docs[seed]!.id);
        expect(view!.roster.length).toBeGreaterThan(0);
        expect(sqlOf().filter((s) => s.includes('details'))).toHaveLength(1);
      } finally {
        asked.mockRestore();
        await cold.close();
      }
      askInSeed('文本已改写');
      await indexIntoPostgres(url, files(), { threads: 0 });
      // Fetched before the write: the old text, unchanged.
      expect(texts.text(seed)).not.toContain('文本已改写');
      const again = await loadUncached(url);
      try {
        expect((await again.texts.fetch([seed])).text(seed)).toContain('文本已改写');
      } finally {
        await again.close();
      }
      // A server that loaded the old document and has not reloaded yet says so, rather than show another text.
      const stale = await loadUncached(url);
      askInSeed('再次改写');
      await indexIntoPostgres(url, files(), { threads: 0 });
      try {
        await expect(stale.texts.fetch([seed])).rejects.toMatchObject({ code: 'STORE_CHANGED', status: 503 });
        // Its view of the document fails the same way. Its searches still answer: the lists now hold the
        // document's new keys, which it does not know, so its pages leave the document out.
        await expect(documentView(stale, engine.docs[seed]!.id)).rejects.toMatchObject({ code: 'STORE_CHANGED' });
        const res = await search(stale, { q: '夜间经济' });
        expect(res.total).toBeGreaterThan(0);
        expect(res.hits.some((h) => h.doc.id === engine.docs[seed]!.id)).toBe(false);
        // Asked up to a cap, it counts what it would answer: the document's new passages holding the string
        // push the database's count past the cap, yet the passages it knows are within it.
        const known = await stale.retrieval.substringMatches('营商环境');
        const current = await loadUncached(url);
        try {
          expect(known.length).toBeLessThan((await current.retrieval.substringMatches('营商环境')).length);
        } finally {
          await current.close();
        }
        expect(Array.from((await stale.retrieval.substringMatchesUpTo('营商环境', known.length))!)).toEqual(Array.from(known));
        expect(await stale.retrieval.substringMatchesUpTo('营商环境', known.length - 1)).toBeNull();
      } finally {
        await stale.close();
      }
    } finally {
      restoreSeed();
      await engine.close();
    }
  }, 60_000);

  it('ranks a word query on the tfs its lists hold, as the embedded index ranks it on the bodies, reading the body only of a passage whose count is past a byte', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    // One answer says the words 256 times: more than a list's byte holds (TF_UNKNOWN), so its count is read on its body.
    await withSeedLines(cluster, `\n张业:${'优化营商环境。'.repeat(256)}`, 'huayu_tfs', load, async (engine, embedded) => {
      const bodies = engine.bodies as PgBodies;
      const fetched = vi.spyOn(bodies, 'fetch');
      const held = vi.spyOn(bodies, 'held');
      const res = await search(engine, { q: '营商环境' });
      const want = await search(embedded, { q: '营商环境' });
      expect(res.hits.map((h) => [h.id, h.score])).toEqual(want.hits.map((h) => [h.id, h.score]));
      // The 256 times rank it first; its body alone was asked for, of the passages ranked (kept from the
      // substring's check, where 营商环境 is no word of this small corpus's index, or else fetched).
      const top = [...embedded.passages].find((p) => `${embedded.docs[p.doc]!.id}:p${p.n}` === res.hits[0]!.id)!;
      expect(heldBodies(embedded.bodies).body(top.gid).split('营商环境')).toHaveLength(257);
      expect([...new Set([...held.mock.calls.map(([gid]) => gid), ...fetched.mock.calls.flatMap(([gids]) => [...gids])])]).toEqual([top.gid]);
      expect(res.total).toBeGreaterThan(1);
    });
  }, 60_000);

  it('ranks a phrase on the bodies its check read in SQL, asking the database for none of them again', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    // No word of the index: its few candidates are checked on their bodies in the substring's own statement.
    await withSeedLines(cluster, '\n张业:我们将以踏石留印的作风推进改革。\n记者:踏石留印的作风如何落实？', 'huayu_kept_bodies', load, async (engine, embedded) => {
      const asked = vi.spyOn(pg.Pool.prototype, 'query');
      try {
        const res = await search(engine, { q: '"踏石留印的作风"' });
        const want = await search(embedded, { q: '"踏石留印的作风"' });
        expect(res.hits.map((h) => [h.id, h.score])).toEqual(want.hits.map((h) => [h.id, h.score]));
        expect(res.total).toBe(2);
        const sqlOf = statementsOf(asked);
        expect(sqlOf.some((s) => s.includes('strpos(p.compact'))).toBe(true);
        expect(sqlOf.filter((s) => s.includes('SELECT key, compact FROM huayu_passages'))).toEqual([]);
        // What it kept is each match's body as stored.
        for (const gid of Array.from(await memory(embedded).substringMatches('踏石留印的作风'))) {
          expect((engine.bodies as PgBodies).held(gid)).toBe(heldBodies(embedded.bodies).body(gid));
        }
      } finally {
        asked.mockRestore();
      }
    });
  }, 60_000);

  it('ranks a phrase of more matches than it re-ranks on the counts its words\' lists hold, fetching none of their bodies', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    // 600 matches, past the 500 ranked on their counts: the words' whole lists give the phrase its word order, and their tfs.
    const lines = Array.from({ length: 600 }, (_, i) => `\n张业:第${i}次以踏石留印的作风抓改革${'，改革'.repeat(i % 3)}。`).join('');
    await withSeedLines(cluster, lines, 'huayu_phrase_tfs', load, async (engine, embedded) => {
      const fetched = vi.spyOn(engine.bodies as PgBodies, 'fetch');
      const res = await search(engine, { q: '"踏石留印的作风" 改革', limit: 20 });
      const want = await search(embedded, { q: '"踏石留印的作风" 改革', limit: 20 });
      expect(res.total).toBe(600);
      expect(res.hits.map((h) => [h.id, h.score])).toEqual(want.hits.map((h) => [h.id, h.score]));
      expect(fetched.mock.calls.flatMap(([gids]) => [...gids])).toEqual([]);
    });
  }, 60_000);

  it('checks on their bodies the candidates of a substring whose third bigram it leaves out as too common: a passage holding the two rare ones apart is no match', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    // 区域 and 域合 (in 领域合力), and no 区域合作: a candidate only where 合作 is not intersected.
    await withSeedLines(cluster, '\n张业:这一区域的各领域合力推进。\n记者:区域合作有何进展？', 'huayu_rare_grams', loadUncached, async (engine, embedded) => {
      const mem = memory(embedded);
      const both = new Set(Array.from(await mem.substringMatches('区域')));
      const rare = Array.from(await mem.substringMatches('域合')).filter((g) => both.has(g));
      // The case in question: 合作 is past CANDIDATE_GRAM_RATIO (8) times the candidates of the other two.
      expect((await mem.substringMatches('合作')).length).toBeGreaterThan(8 * rare.length);
      const decoy = [...embedded.passages].find((p) => bodyOf(embedded, p).includes('领域合力'))!;
      expect(rare).toContain(decoy.gid);
      const want = Array.from(await mem.substringMatches('区域合作'));
      expect(want.length).toBeGreaterThan(0);
      expect(want).not.toContain(decoy.gid);
      expect(Array.from(await engine.retrieval.substringMatches('区域合作'))).toEqual(want);
    });
  }, 60_000);

  it('fetches a page\'s passages as spans, cut where 𠮷 before them moves code points from UTF-16 units, and refuses a read outside them', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const dir = mkdtempSync(path.join(work, 'astral-'));
    writeFileSync(
      path.join(dir, 'astral.txt'),
      '2024年3月1日外交部发言人毛宁主持例行记者会\n𠮷野家记者：𠮷野家的问题是什么？𠮷\n毛宁：我们欢迎𠮷野家来华投资，𠮷营商环境很好。\n记者：营商环境还会改善吗？\n毛宁：会的。\n',
    );
    const astralFiles = () => scanCorpus(dir).map((e) => readSource(e));
    const url = await seededDatabase(cluster.url, 'huayu_astral', astralFiles());
    const [engine, embedded] = await Promise.all([loadUncached(url).then(whole), buildIndex(astralFiles(), { threads: 0 })]);
    try {
      const passages = [...engine.passages];
      expect(passages.length).toBeGreaterThanOrEqual(4);
      const spans = passages.map((p) => ({ doc: p.doc, start: p.span.start, end: p.span.end }));
      const texts = await engine.texts.fetchSpans(spans);
      const whole = await embedded.texts.fetch([0]);
      for (const p of passages) {
        expect(texts.slice(p.doc, p.span.start, p.span.end)).toBe(whole.slice(p.doc, p.span.start, p.span.end));
        expect(texts.slice(p.doc, p.bodyStart, p.span.end)).toBe(whole.slice(p.doc, p.bodyStart, p.span.end));
        expect(texts.codePoints(p.doc).toCodePoint(p.span.end)).toBe(whole.codePoints(p.doc).toCodePoint(p.span.end));
      }
      const second = await engine.texts.fetchSpans(spans.slice(1, 2));
      expect(() => second.slice(0, spans[0]!.start, spans[0]!.end)).toThrow(expect.objectContaining({ code: 'TEXT_NOT_FETCHED' }));
      expect(() => second.slice(0, spans[1]!.start, spans[1]!.end + 1)).toThrow(expect.objectContaining({ code: 'TEXT_NOT_FETCHED' }));
      // A search's hits: the same text, marks and code-point offsets as the embedded index's.
      const [fromPg, fromMemory] = await Promise.all([search(engine, { q: '营商环境' }), search(embedded, { q: '营商环境' })]);
      expect(fromPg.hits.length).toBeGreaterThan(0);
      expect(fromPg.hits).toEqual(fromMemory.hits);
    } finally {
      await engine.close();
    }
  }, 120_000);

  it('warms its cache with the commonest words, within half of what it keeps for lists, answering them as a server without a cache does', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const budget = 64 * 1024;
    // Against the same database with no cache: the embedded index built here would be segmented with
    // the user words this process was taught by the other corpora of this file.
    const url = cluster.url;
    await withAndWithoutCache(url, budget, async (engine, uncached) => {
      const retrieval = engine.retrieval as PgRetrieval;
      expect(await retrieval.warm()).toBeGreaterThan(0);
      expect(retrieval.cachedBytes).toBeGreaterThan(0);
      // Lists have half the budget; the warmer fills half of that.
      expect(retrieval.cachedBytes).toBeLessThanOrEqual(budget / 4);
      const db = new pg.Client({ connectionString: url });
      await db.connect();
      const { rows } = await db.query<{ term: string }>('SELECT term FROM huayu_lists WHERE field = 0 GROUP BY term ORDER BY sum(df) DESC, term LIMIT 3');
      await db.end();
      for (const { term } of rows) expect(Array.from(await retrieval.wordMatches([term])), term).toEqual(Array.from(await uncached.retrieval.wordMatches([term])));
      expect(await (uncached.retrieval as PgRetrieval).warm()).toBe(0);
    });
  }, 60_000);

  it('names a database without the intarray extension (STORE_EXTENSION)', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seeded(cluster, 'huayu_no_intarray');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    await db.query('DROP EXTENSION intarray');
    await db.end();
    await expect(load(url)).rejects.toMatchObject({ code: 'STORE_EXTENSION', message: expect.stringContaining('CREATE EXTENSION intarray') });
  }, 60_000);

  it('asks for "huayu index" on a version-2 database (STORE_STALE), which brings it forward and rewrites every document', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await createDatabase(cluster.url, 'huayu_v2');
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    // What version 2 had: a row per (term, passage), each passage's bigrams under GIN.
    await db.query(`CREATE TABLE huayu_meta (key text PRIMARY KEY, value jsonb NOT NULL);
      CREATE TABLE huayu_documents (id text PRIMARY KEY, path text NOT NULL UNIQUE, sha256 text NOT NULL, bytes bigint NOT NULL, mtime_ms double precision NOT NULL,
        analysis_key text NOT NULL, passage_count integer NOT NULL, doc_key integer GENERATED ALWAYS AS IDENTITY UNIQUE, text text NOT NULL, meta jsonb NOT NULL);
      CREATE TABLE huayu_passages (doc_id text NOT NULL REFERENCES huayu_documents (id) ON DELETE CASCADE, n integer NOT NULL, kind text NOT NULL, speaker text,
        topics text[] NOT NULL, passage jsonb NOT NULL, doc_key integer, compact text, bigrams integer[], PRIMARY KEY (doc_id, n));
      CREATE TABLE huayu_postings (term text NOT NULL, slot smallint NOT NULL, doc_key integer NOT NULL, n integer NOT NULL);
      CREATE TABLE huayu_bigrams (key integer PRIMARY KEY, df integer NOT NULL);
      CREATE TABLE huayu_refused (path text PRIMARY KEY, code text NOT NULL, message text NOT NULL);
      INSERT INTO huayu_documents (id, path, sha256, bytes, mtime_ms, analysis_key, passage_count, text, meta) VALUES ('old', 'old.txt', '', 0, 0, '', 0, '', '{}');
      INSERT INTO huayu_meta VALUES ('schemaVersion', '2')`);
    await expect(load(url)).rejects.toMatchObject({ code: 'STORE_STALE', message: expect.stringContaining('1 document(s)') });
    const r = await indexIntoPostgres(url, files(), { threads: 0 });
    expect(r).toMatchObject({ unchanged: 0, removed: 0 });
    const { rows } = await db.query(`SELECT value FROM huayu_meta WHERE key = 'schemaVersion'`);
    expect(rows[0].value).toBe(SCHEMA_VERSION);
    expect((await db.query(`SELECT to_regclass('huayu_postings') AS t`)).rows[0].t).toBeNull();
    const engine = await load(url);
    expect(await answers(engine)).toEqual(await answers(await buildIndex(files(), { threads: 0 })));
    // A newer huayu's schema is not touched.
    await db.query(`UPDATE huayu_meta SET value = '99' WHERE key = 'schemaVersion'`);
    await expect(load(url)).rejects.toMatchObject({ code: 'STORE_SCHEMA_MISMATCH' });
    await expect(indexIntoPostgres(url, files(), { threads: 0 })).rejects.toMatchObject({ code: 'STORE_SCHEMA_MISMATCH' });
    await db.end();
    await engine.close();
  }, 120_000);

  it('writes only what changed: the changed file, the removed one, and the files whose words the change affects', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seeded(cluster, 'huayu_incremental');
    const good = () => files().filter((f): f is SourceFile => !isRefused(f));
    const wordsOf = () => new Set(userWordsOf(good().map((f) => parseTranscript(f.id, f.text))));
    const before = wordsOf();
    const all = good().length;
    const removedFile = path.join(corpus, 'mfa/fyrbt-100.txt');
    const original = { seed: readSource(scanCorpus(corpus).find((e) => e.path === 'zhangye-2024-01-15.txt')!) };
    try {
      writeFileSync(seedCopy, (original.seed as { text: string }).text + '\n记者:请问还有什么补充？');
      unlinkSync(removedFile);
      const after = wordsOf();
      // Names the removed file introduced change how other files that mention them are cut: those are re-analyzed too.
      const changedWords = [...before].filter((w) => !after.has(w)).concat([...after].filter((w) => !before.has(w)));
      const affected = good().filter((f) => f.path !== 'zhangye-2024-01-15.txt' && changedWords.some((w) => f.text.includes(w)));
      const r = await indexIntoPostgres(url, files(), { threads: 0 });
      expect(r.documents.map((d) => d.path).sort()).toEqual(['zhangye-2024-01-15.txt', ...affected.map((f) => f.path)].sort());
      expect(r).toMatchObject({ removed: 1, unchanged: all - 2 - affected.length });
      expect(r.written).toBeLessThan(all - 1);
      // The written documents went into a part of their own; the lists' live entries equal a rebuild's.
      const fresh = await createDatabase(cluster.url, 'huayu_incremental_fresh');
      await indexIntoPostgres(fresh, files(), { threads: 0 });
      const [kept, rebuilt] = [await liveEntries(url), await liveEntries(fresh)];
      // (Dead entries' places stay in their parts until a merge: only the live ones compare.)
      expect({ ...kept, parts: 0, others: 0 }).toEqual({ ...rebuilt, parts: 0, others: 0 });
      expect(kept.parts).toBeGreaterThan(rebuilt.parts);
      const engine = await load(url);
      expect(engine.docs.map((d) => d.path)).not.toContain('mfa/fyrbt-100.txt');
      expect(await documentText(engine, engine.docs.findIndex((d) => d.path === 'zhangye-2024-01-15.txt'))).toContain('还有什么补充');
      expect(await answers(engine)).toEqual(await answers(await buildIndex(files(), { threads: 0 })));
    } finally {
      cpSync(path.join(FIXTURES, 'mfa/fyrbt-100.txt'), removedFile);
      restoreSeed();
    }
  }, 120_000);

  it("stores each speaker and topic once for all documents, and a later run only appends the values it was first to use", async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seeded(cluster, 'huayu_values');
    const db = new pg.Client(url);
    await db.connect();
    const rows = async () => (await db.query<{ field: string; id: number; value: string }>('SELECT field, id, value FROM huayu_values ORDER BY field, id')).rows;
    const valuesOf = (rs: Array<{ field: string; value: string }>, field: string) => rs.filter((r) => r.field === field).map((r) => r.value).sort();
    try {
      const before = await rows();
      const engine = await whole(await load(url));
      const speakers = new Set([...engine.passages].flatMap((p) => (p.speaker ? [JSON.stringify(p.speaker)] : [])));
      const topics = new Set([...engine.passages].flatMap((p) => p.topics.map((t) => JSON.stringify(t))));
      await engine.close();
      expect(speakers.size).toBeGreaterThan(10);
      expect(valuesOf(before, 'speaker')).toEqual([...speakers].sort());
      expect(valuesOf(before, 'topic')).toEqual([...topics].sort());

      askInSeed('绿洲农业示范区');
      await indexIntoPostgres(url, files(), { threads: 0 });
      const after = await rows();
      expect(after).toEqual(expect.arrayContaining(before));
      expect(new Set(after.map((r) => `${r.field}\u0000${r.value}`)).size).toBe(after.length);
      expect(after.length).toBeGreaterThanOrEqual(before.length);
    } finally {
      restoreSeed();
      await db.end();
    }
  }, 120_000);

  it('refuses a second writer while one holds the lock (STORE_LOCKED)', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const holder = new pg.Client({ connectionString: cluster.url });
    await holder.connect();
    await holder.query('SELECT pg_advisory_lock($1)', [0x68756179]);
    try {
      await expect(indexIntoPostgres(cluster.url, files(), { threads: 0 })).rejects.toMatchObject({ code: 'STORE_LOCKED' });
    } finally {
      await holder.end();
    }
  }, 60_000);

  it('names an unreachable server (STORE_UNREACHABLE) without its password', async () => {
    const err = await loadFromPostgres('postgres://huayu:hunter2@127.0.0.1:1/none', inlineSegmenter([])).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'STORE_UNREACHABLE' });
    expect((err as Error).message).not.toContain('hunter2');
  });

  it("gives its load's two connections to the pool its queries use, and leaves none open when a load fails", async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seeded(cluster, 'huayu_pool');
    const admin = cluster.url;
    const backends = async () => (await sql<{ n: number }>(admin, `SELECT count(*)::integer AS n FROM pg_stat_activity WHERE datname = 'huayu_pool'`))[0]!.n;
    const engine = await loadUncached(url);
    // Open and idle, for the first queries, rather than ended and started again by the first of them.
    expect(await backends()).toBe(2);
    expect((await search(engine, { q: '营商环境' })).total).toBeGreaterThan(0);
    await engine.close();
    await expect.poll(backends, { timeout: 5_000 }).toBe(0);
    // A load that fails after both are open: the catalog's text is no longer JSON.
    await sql(url, `UPDATE huayu_catalog SET part = '{' || part WHERE n = 0`);
    await expect(load(url)).rejects.toThrow(/huayu_catalog: its text is not JSON/u);
    await expect.poll(backends, { timeout: 5_000 }).toBe(0);
  }, 60_000);

  it('plans the statements of every serving connection once (generic plans): the loader\'s two and those opened later', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const { pool, connecting } = servingPool(cluster.url, 5);
    try {
      const mode = async (c: pg.PoolClient) => (await c.query<{ plan_cache_mode: string }>('SHOW plan_cache_mode')).rows[0]!.plan_cache_mode;
      const loaders = await Promise.all(connecting);
      // Three at once: one more than the loader opened.
      const more = await Promise.all([pool.connect(), pool.connect(), pool.connect()]);
      const modes = await Promise.all([...loaders, ...more].map(mode));
      for (const c of [...loaders, ...more]) c.release();
      expect(modes).toEqual(Array(5).fill('force_generic_plan'));
    } finally {
      await pool.end();
    }
  });

  it('opens at most its connections to the database (HUAYU_PG_CONNECTIONS): a query past them waits for one to be given back', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const { pool, connecting } = servingPool(cluster.url, 2);
    const [first, second] = await Promise.all(connecting);
    try {
      let answered = false;
      const third = pool.query('SELECT 1').then(() => (answered = true));
      await new Promise((r) => setTimeout(r, 300));
      expect([answered, pool.totalCount, pool.waitingCount]).toEqual([false, 2, 1]);
      first.release();
      await third;
      expect([answered, pool.totalCount]).toEqual([true, 2]);
    } finally {
      second.release();
      await pool.end();
    }
  });

  it('writes the values of a COPY statement into it as literals that read back as they were: quotes, backslashes, 𠮷, negative integers, arrays', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const pool = new pg.Pool({ connectionString: cluster.url });
    try {
      const awkward = "it's \\ 'quoted' \\' 𠮷";
      const rows = await servingCopy(pool, 'SELECT $1::text, $2::integer, array_to_string($3::text[], chr(1)), array_to_string($4::integer[], chr(44)), cardinality($5::integer[])', [
        awkward,
        -5,
        [awkward, '"{}"', ''],
        [1, -2, 2 ** 31 - 1],
        [],
      ]);
      expect(rows.map(([text, n, texts, ints, none]) => [textOf(text), int4Of(n), textOf(texts), textOf(ints), int4Of(none)])).toEqual([
        [awkward, -5, [awkward, '"{}"', ''].join('\u0001'), '1,-2,2147483647', 0],
      ]);
      await expect(servingCopy(pool, 'SELECT $1::integer', [1.5])).rejects.toThrow(/pg-store: a COPY statement's value 1.5 is not an integer/u);
      // A failed statement gives its connection up rather than back: the next one runs.
      await expect(servingCopy(pool, 'SELECT 1 / $1::integer', [0])).rejects.toThrow(/division by zero/u);
      expect((await servingCopy(pool, 'SELECT $1::integer', [7])).map(([n]) => int4Of(n))).toEqual([7]);
    } finally {
      await pool.end();
    }
  });

  it('serves the same answers from two servers on one database', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const [a, b] = await Promise.all([load(cluster.url), load(cluster.url)]);
    const logger = pino({ level: 'silent' });
    const apps = [createApp({ engine: a, logger, baseUrl: 'https://huayu.example' }), createApp({ engine: b, logger, baseUrl: 'https://huayu.example' })];
    for (const path of ['/api/search?q=营商环境', '/api/search?q=美国&speaker=华春莹', '/api/quote?text=开设张掖老街等各类夜市摊位3000余个', '/api/speakers']) {
      const [ra, rb] = await Promise.all(apps.map((app) => request(app).get(encodeURI(path))));
      expect(ra!.status).toBe(200);
      const strip = (body: Record<string, unknown>) => ({ ...body, took_ms: 0 });
      expect(strip(rb!.body)).toEqual(strip(ra!.body));
    }
  }, 60_000);

  it('keeps a server current: a document re-indexed elsewhere is served after the next check, with the query segmenter it had, and nothing reloads while the store is unchanged', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seeded(cluster, 'huayu_live');
    const server = await follower(url);
    try {
      await new Promise((r) => setTimeout(r, 300));
      expect(server.reloads).toHaveLength(0);
      await servedAfterIndexing(server, url, '鸡毛信补充说明', 100);
      // The new engine segments with the first one's dictionaries, and still does once the first is closed (50 ms on).
      expect(server.shared).toHaveBeenCalledTimes(1);
      await new Promise((r) => setTimeout(r, 200));
      expect(await server.total('鸡毛信补充说明')).toBe(1);
    } finally {
      restoreSeed();
      await server.live.stop();
    }
  }, 60_000);

  it('serves from a streaming replica: the primary\'s answers, a document indexed on the primary once replayed, no connection to the primary', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await seeded(cluster, 'huayu_replicated');
    const replica = await cluster.startReplica();
    if (typeof replica === 'string') {
      console.warn(`pgStore: replica test skipped: ${replica}`);
      return ctx.skip();
    }
    // Named, so each server's own sessions can be counted on both.
    const replicaUrl = `${replica.url.replace(/\/[^/]*$/u, '/huayu_replicated')}?application_name=huayu-replica-reader`;
    const sessions = async (at: string) => {
      const db = new pg.Client({ connectionString: at });
      await db.connect();
      try {
        const { rows } = await db.query(`SELECT pg_is_in_recovery() AS standby, count(*) FILTER (WHERE application_name = 'huayu-replica-reader')::integer AS readers FROM pg_stat_activity`);
        return rows[0] as { standby: boolean; readers: number };
      } finally {
        await db.end();
      }
    };
    const server = await follower(replicaUrl);
    const primary = await load(url);
    try {
      expect(await answers(server.live.current())).toEqual(await answers(primary));
      // The replica served those queries, the primary none of them.
      const onReplica = await sessions(replica.url);
      expect(onReplica.standby).toBe(true);
      expect(onReplica.readers).toBeGreaterThan(0);
      expect(await sessions(cluster.url)).toEqual({ standby: false, readers: 0 });
      await servedAfterIndexing(server, url, '副本补充说明', 200);
    } finally {
      restoreSeed();
      await server.live.stop();
      await primary.close();
      replica.stop();
    }
  }, 120_000);

  it('writes a run in full batches: a corpus under one batch is one part, a larger one a part for each batch it fills and one for the rest', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    // 1.2 MB of transcripts: the writer once halved its batches towards a run's end, down to 1 MB, and wrote
    // this as two parts under the 32 MB batch; a query reads a row per part for each of its terms.
    const dir = mkdtempSync(path.join(work, 'batches-'));
    const seed = readFileSync(SEED, 'utf8');
    const copies = Math.ceil((1.2 * 2 ** 20) / Buffer.byteLength(seed));
    for (let i = 0; i < copies; i++) writeFileSync(path.join(dir, `copy-${String(i).padStart(3, '0')}.txt`), `${seed}\n第${i}份副本。\n`);
    const files = scanCorpus(dir).map((e) => readSource(e));
    const bytes = files.reduce((n, f) => n + (isRefused(f) ? 0 : f.bytes), 0);
    expect(bytes).toBeGreaterThan(1.2 * 2 ** 20);
    expect(bytes).toBeLessThan(1.25 * 2 ** 20);
    const clusterUrl = cluster.url;
    const [oneBatch, halfMegabyte] = await Promise.all(['huayu_one_batch', 'huayu_half_megabyte_batches'].map((name) => createDatabase(clusterUrl, name)));
    await indexIntoPostgres(oneBatch!, files, { threads: 0 });
    await indexIntoPostgres(halfMegabyte!, files, { threads: 0, batchBytes: 2 ** 19 });
    expect(await sql(oneBatch!, 'SELECT part FROM huayu_parts')).toHaveLength(1);
    // Each batch written once it holds 512 KB: two of them, and the rest.
    expect(await sql(halfMegabyte!, 'SELECT part FROM huayu_parts')).toHaveLength(3);
  }, 120_000);

  it('merges many small parts into one in SQL, each word keeping its tfs and a two-unit word its passages as a string: the answers of one part', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    // More documents than MERGE_AT parts, a part each: the run ends by merging all but the largest.
    const dir = mkdtempSync(path.join(work, 'merge-'));
    cpSync(corpus, dir, { recursive: true });
    cpSync(path.join(FIXTURES, 'layouts'), path.join(dir, 'layouts'), { recursive: true, filter: (f) => !f.endsWith('.md') });
    cpSync(path.join(FIXTURES, 'mfa'), path.join(dir, 'again'), { recursive: true, filter: (f) => !f.endsWith('.md') });
    const many = scanCorpus(dir).map((e) => readSource(e));
    const clusterUrl = cluster.url;
    const [merged, whole] = await Promise.all(['huayu_merged', 'huayu_merged_whole'].map((name) => createDatabase(clusterUrl, name)));
    await indexIntoPostgres(merged!, many, { threads: 0, batchBytes: 1 });
    await indexIntoPostgres(whole!, many, { threads: 0 });
    const db = new pg.Client({ connectionString: merged });
    await db.connect();
    try {
      const parts = Number((await db.query<{ n: string }>('SELECT count(*) AS n FROM huayu_parts')).rows[0]!.n);
      expect(many.filter((f) => !isRefused(f)).length).toBeGreaterThan(16);
      expect(parts).toBeLessThanOrEqual(5);
    } finally {
      await db.end();
    }
    // Where the bigrams stand, regrouped by the merge as one run wrote them.
    const [kept, one] = [await liveEntries(merged!), await liveEntries(whole!)];
    expect({ ...kept, parts: 0, others: 0 }).toEqual({ ...one, parts: 0, others: 0 });
    expect(one.others).toBeGreaterThan(1000);
    const [a, b] = await Promise.all([load(merged!), load(whole!)]);
    try {
      expect(await answers(a)).toEqual(await answers(b));
      // Substrings of more than two candidates, found from where their bigrams stand in the merged part.
      const placed = await loadFromPostgres(merged!, inlineSegmenter([]), [], { cacheBytes: 0, placesPast: 2 });
      const built = await buildIndex(many, { threads: 0 });
      const mem = memory(built);
      try {
        const bodies = heldBodies(built.bodies);
        for (let g = 0; g < built.passages.length; g += 7) {
          const body = bodies.body(g);
          for (const at of [0, 4, 9]) {
            const s = body.slice(at, at + 3 + (g % 3));
            if (s.length >= 3) expect(Array.from(await placed.retrieval.substringMatches(s)), s).toEqual(Array.from(await mem.substringMatches(s)));
          }
        }
      } finally {
        await Promise.all([placed.close(), built.close()]);
      }
      // A two-unit word's substring: its rows and their more, or the bigram's rows of a part without them.
      const [split, one] = [await twoUnitWords(merged!, a), await twoUnitWords(whole!, b)];
      expect(split.answers).toEqual(one.answers);
      expect(one.answers.size).toBeGreaterThan(1000);
      expect(split.noRow).toBeGreaterThan(100);
      expect(split.noMore).toBeGreaterThan(100);
    } finally {
      await Promise.all([a.close(), b.close()]);
    }
  }, 120_000);

  it('leaves every document whole when an indexing run is killed midway, and the next run completes it', async (ctx) => {
    if (typeof cluster === 'string') return ctx.skip();
    const url = await createDatabase(cluster.url, 'huayu_killed');
    const rand = random(77);
    const cli = HUAYU_BIN;
    // A transaction per document (HUAYU_PG_BATCH_MB of a byte), so that kills land between documents.
    const run = () =>
      spawn(process.execPath, [cli, 'index', '--corpus', corpus, '--store', url], { env: { ...process.env, HUAYU_THREADS: '0', HUAYU_PG_BATCH_MB: '0.000001' }, stdio: 'ignore' });
    const exited = (child: ReturnType<typeof run>) => new Promise((r) => (child.exitCode !== null || child.signalCode !== null ? r(null) : child.once('exit', r)));
    await exited(run());
    const db = new pg.Client({ connectionString: url });
    await db.connect();
    const count = async (sql: string, params: unknown[] = []) => Number((await db.query<{ n: string }>(sql, params)).rows[0]!.n);
    const total = scanCorpus(corpus).filter((e) => !e.path.startsWith('empty')).length;
    let interrupted = 0;
    try {
      for (let k = 0; k < 4; k++) {
        // Each run has every document to rewrite: a paragraph is added to each file.
        const marker = `第${k + 1}轮补充提问`;
        for (const e of scanCorpus(corpus)) if (!e.path.startsWith('empty')) writeFileSync(e.file, (readSource(e) as SourceFile).text + `\n记者:${marker}？`);
        // Killed once a random number of its documents (at least one, not all) are committed.
        const killAt = 1 + Math.floor(rand() * (total - 1));
        const child = run();
        while (child.exitCode === null && child.signalCode === null) {
          if ((await count('SELECT count(*) AS n FROM huayu_documents WHERE strpos(text, $1) > 0', [marker])) >= killAt) break;
          await new Promise((r) => setTimeout(r, 2));
        }
        child.kill('SIGKILL');
        await exited(child);
        if ((await count('SELECT count(*) AS n FROM huayu_documents WHERE strpos(text, $1) > 0', [marker])) < total) interrupted++;
        // Every document whole: all its passages, no passage outside a document, and every passage in the lists.
        const within = 'p.key >= d.first_key AND p.key < d.first_key + d.passage_count';
        expect(await count(`SELECT count(*) AS n FROM huayu_documents d WHERE (SELECT count(*) FROM huayu_passages p WHERE ${within}) <> d.passage_count`)).toBe(0);
        expect(await count(`SELECT count(*) AS n FROM huayu_passages p WHERE NOT EXISTS (SELECT 1 FROM huayu_documents d WHERE ${within})`)).toBe(0);
        expect(await count(`SELECT count(*) AS n FROM huayu_passages p WHERE NOT EXISTS (SELECT 1 FROM huayu_lists l WHERE l.field = 3 AND p.key * 16 = ANY(huayu_entries(l.keys)))`)).toBe(0);
        await (await load(url)).close();
      }
    } finally {
      await db.end();
    }
    // The kills must have landed while indexing ran, or the test proved nothing.
    expect(interrupted).toBeGreaterThanOrEqual(3);
    // The next run, and the embedded index it is compared with, each in a fresh process as the
    // killed runs were: jieba's user dictionary is global to a process, and this one has been taught
    // the words of the other corpora of this file, which segment (and so choose topics) differently.
    await exited(run());
    const reference = mkdtempSync(path.join(os.tmpdir(), 'huayu-killed-embedded-'));
    try {
      await exited(spawn(process.execPath, [cli, 'index', '--corpus', corpus, '--index', reference], { env: { ...process.env, HUAYU_THREADS: '0', HUAYU_STORE: '' }, stdio: 'ignore' }));
      const { engine: embedded } = await openIndex(corpus, reference);
      expect(await answers(await load(url))).toEqual(await answers(embedded));
    } finally {
      rmSync(reference, { recursive: true, force: true });
      seedAndFixturesInto(corpus);
    }
  }, 180_000);
});
