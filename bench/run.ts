// npm run bench -- --size 10: one run, every figure of the performance issue,
// side by side with the baselines. Prints a table and writes JSON to bench/results/.

import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { Command } from 'commander';
import { openEngine } from '../src/index/stores.js';
import { loadFromPostgres } from '../src/index/postgres/store.js';
import { workerSegmenter } from '../src/analysis/segmenter.js';
import type { BuildTimings } from '../src/index/analyzeCorpus.js';
import type { LoadPhase } from '../src/index/embedded/store.js';
import { search, type SearchRequest } from '../src/search/search.js';
import { parseQuery } from '../src/search/query.js';
import { compareWordPaths } from './pgAlternatives.js';
import { miniSearchBaseline, scanBaseline } from './baselines.js';
import { lucenePeer, runLucene } from './lucene.js';
import { generateCorpus, loadTemplates } from './generateCorpus.js';
import { makeQueries, makeQuotes, QUERY_CLASSES, type QueryClass } from './queries.js';
import { timeQuotes, timeSearches } from './timing.js';
import { printReport, type BenchResult } from './report.js';
import { postgresBinDir, startCluster } from './pgCluster.js';
import { inChild } from './child.js';
import { addLatency, CLI, httpLoad, interleave, measuredLoad, memoryOf, processTreeRss, startServer, type HttpLoad } from './server.js';
import { latency, MB, timeEach } from './stats.js';

/** Queries per class run before timing. */
const WARM_UP = 20;
/**
 * Seconds every HTTP server answers the warm-up's queries (other queries than those measured) before it is
 * measured, at most twice the load's own. A server answers for hours: five seconds right after its start
 * measured V8 compiling as much as answering (one PostgreSQL server's background thread spent ~2 s of the
 * 5 in TurboFan, `rankWordsWith` alone recompiled ten times at 70–140 ms each, before it was split into
 * search/words.ts). Before, the embedded server had no warm-up and the PostgreSQL servers two seconds of
 * the measured paths themselves, whose answers their caches then held.
 */
const HTTP_WARM_SECONDS = 10;
/** Starts of one PostgreSQL server after the first, for the first answer's spread (report.ts). */
const MORE_STARTS = 5;
const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const log = (s: string): void => void process.stderr.write(`bench: ${s}\n`);

const opts = new Command()
  .option('--size <MB>', 'corpus size in MB', '10')
  .option('--queries <n>', 'queries per class', '1000')
  .option('--seconds <s>', 'HTTP load duration', '10')
  .option('--shared <dir>', 'the real transcripts to recombine', path.resolve(ROOT, '../shared/corpus-real'))
  .option('--keep', 'keep the generated corpus and index')
  .option('--no-minisearch', 'skip the MiniSearch baseline')
  .option('--no-postgres', 'skip the PostgreSQL store rows')
  .option('--no-lucene', 'skip the Lucene peer rows (../shared/peers/lucene)')
  .option('--postgres-up-to <MB>', 'largest corpus the PostgreSQL rows run for (indexing 100 MB into it takes ~4 min)', '10')
  .option('--out <file>', 'results file, relative to bench/results/ or absolute (default bench-<size>mb.json)')
  .parse()
  .opts<{ size: string; queries: string; seconds: string; shared: string; keep?: boolean; minisearch: boolean; postgres: boolean; lucene: boolean; postgresUpTo: string; out?: string }>();

const sizeMB = Number(opts.size);
const perClass = Number(opts.queries);
const work = mkdtempSync(path.join(os.tmpdir(), `huayu-bench-${sizeMB}mb-`));
const corpusDir = path.join(work, 'corpus');
const indexDir = path.join(work, 'index');

function duBytes(dir: string): number {
  let n = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    n += e.isDirectory() ? duBytes(p) : statSync(p).size;
  }
  return n;
}

try {
  const templates = loadTemplates([path.join(ROOT, 'corpus'), opts.shared, path.join(ROOT, 'tests/fixtures/mfa')]);
  const gen = generateCorpus(templates, sizeMB * MB, corpusDir);
  log(`generated ${gen.files} files, ${(gen.bytes / MB).toFixed(1)} MB from ${gen.templates} templates in ${corpusDir}`);

  const floor = await inChild<{ bytes: number; loadMs: number; dictMB: number; ms: number; mbPerS: number }>('segment.js', { corpusDir });
  log(`nodejieba alone: ${floor.mbPerS.toFixed(2)} MB/s`);

  const build = await inChild<{ readMs: number; buildMs: number; saveMs: number; totalMs: number; bytes: number; documents: number; passages: number; maxRssMB: number; timings: BuildTimings }>(
    'build.js',
    { corpusDir, indexDir },
  );
  log(`built in ${(build.totalMs / 1000).toFixed(1)} s: ${build.documents} documents, ${build.passages} passages`);
  const indexBytes = duBytes(indexDir);

  // In-process: the same engine a server holds, queries segmented on a worker thread.
  const tOpen = performance.now();
  const loadPhases: LoadPhase[] = [];
  const { engine, rebuilt } = await openEngine({ corpusDir, indexDir }, { querySegmenter: 'worker', phases: loadPhases });
  if (rebuilt) throw new Error(`bench: the index was rebuilt on load (${rebuilt.code})`);
  const loadMs = performance.now() - tOpen;
  const queries = makeQueries(engine, perClass);
  // One unmeasured pass of other queries of every class first (another seed): a server answers
  // for hours, and its first queries compile code and allocate scratch arrays once.
  const warmUp = makeQueries(engine, WARM_UP, 99);
  for (const c of QUERY_CLASSES) for (const q of warmUp[c]) await search(engine, q);
  const quotes = makeQuotes(engine, perClass);
  log('queries ready');

  const { search: ours, totals } = await timeSearches(engine, queries);
  log('search timed');
  const quote = await timeQuotes(engine, quotes);
  log('quotes timed');

  const scan = scanBaseline(engine);
  const scanned: BenchResult['scan'] = {};
  // The scan is slow at 100 MB: a tenth of the queries is enough for its p50/p99.
  const scanCount = Math.max(100, Math.ceil(perClass / 10));
  for (const c of QUERY_CLASSES) scanned[c] = latency(await timeEach(queries[c].slice(0, scanCount), (q) => scan.answer(q)));
  log('scan timed');

  let mini: BenchResult['minisearch'] = null;
  if (opts.minisearch) {
    const ms = miniSearchBaseline(engine);
    const classes: BenchResult['minisearch'] = { buildMBps: build.bytes / MB / (ms.buildMs / 1000), heapMB: ms.heapMB, search: {} };
    // At 100 MB MiniSearch takes ~40 ms a query: a quarter of the set keeps the run under twenty minutes.
    const miniCount = sizeMB > 20 ? Math.ceil(perClass / 4) : perClass;
    for (const c of QUERY_CLASSES) classes.search[c] = latency(await timeEach(queries[c].slice(0, miniCount), (q) => ms.answer(q)));
    mini = classes;
    log('MiniSearch timed');
  }
  // The word lists of the word queries' terms as the embedded index gives them: the reference for the PostgreSQL paths.
  const wordLists = { terms: [] as string[][], lists: [] as number[][] };
  for (const q of [...queries.word.slice(0, 200), ...queries.twoWords.slice(0, 200)]) {
    const terms = [...new Set((await parseQuery(q.q, engine.segmenter)).parts.flatMap((p) => p.terms))];
    if (!terms.length) continue;
    wordLists.terms.push(terms);
    wordLists.lists.push(Array.from(await engine.retrieval.wordMatches(terms)));
  }
  await engine.close();

  // The peer after our in-process timings and before our server: never two engines loaded at once.
  let lucene: BenchResult['lucene'] = null;
  if (opts.lucene) {
    const peer = lucenePeer(opts.shared);
    if (typeof peer !== 'string') log(peer.skipped);
    else {
      lucene = runLucene(peer, corpusDir, work, queries);
      log(`Lucene ${lucene.version}: built at ${lucene.build.MBps.toFixed(2)} MB/s, cold start ${lucene.coldStartMs.toFixed(0)} ms`);
    }
  }

  const server = await startServer(corpusDir, indexDir);
  log(`cold start ${server.coldStartMs.toFixed(0)} ms`);
  const memBefore = memoryOf(server.proc.pid!);
  const searchPath = (q: SearchRequest) => `/api/search?${new URLSearchParams(Object.entries(q).map(([k, v]) => [k, String(v)]))}`;
  const quotePath = (t: string) => `/api/quote?${new URLSearchParams({ text: t })}`;
  const paths = interleave([...QUERY_CLASSES.map((c) => queries[c].slice(0, 200).map(searchPath)), quotes.verbatim.slice(0, 100).map(quotePath)]);
  // Other requests than those measured: the warm-up's queries, and changed quotes (the load asks verbatim ones).
  const warmPaths = interleave([...QUERY_CLASSES.map((c) => warmUp[c].map(searchPath)), quotes.perturbed.slice(0, WARM_UP).map(quotePath)]);
  const warmSeconds = Math.min(HTTP_WARM_SECONDS, 2 * Number(opts.seconds));
  await httpLoad(server.url, warmPaths, 50, warmSeconds);
  const http = await measuredLoad([server.proc.pid!], null, [server.url], paths, 50, Number(opts.seconds));
  const memAfter = memoryOf(server.proc.pid!);
  // The ceiling of this stack on this machine: the same server answering /healthz, no search at all.
  const healthz = await httpLoad(server.url, ['/healthz'], 50, Math.min(5, Number(opts.seconds)));
  // Last, as it changes the corpus: transcripts added to the running server's folder, one at a time.
  const added = await addLatency(server.url, corpusDir, 3);
  log(`added transcripts answered after ${added.map((ms) => ms.toFixed(0)).join(', ')} ms`);
  await server.stop();

  // The same load on one process a core (HUAYU_WORKERS=auto), each with its own copy of the index.
  const many = await startServer(corpusDir, indexDir, { HUAYU_WORKERS: 'auto' });
  await httpLoad(many.url, warmPaths, 50, warmSeconds);
  const httpAll = await measuredLoad([many.proc.pid!], null, [many.url], paths, 50, Number(opts.seconds));
  const workersRss = processTreeRss(many.proc.pid!);
  log(`${os.availableParallelism()} processes: ${httpAll.perSecond.toFixed(0)} req/s, ${workersRss.toFixed(0)} MB resident in all`);
  await many.stop();

  let postgres: BenchResult['postgres'] = null;
  if (opts.postgres && sizeMB <= Number(opts.postgresUpTo)) {
    const cluster = await startCluster();
    if (typeof cluster === 'string') log(`PostgreSQL rows skipped: ${cluster}`);
    else {
      try {
        const t0 = performance.now();
        const indexed = spawnSync(process.execPath, [CLI, 'index', '--corpus', corpusDir, '--store', cluster.url], { encoding: 'utf8' });
        if (indexed.status !== 0) throw new Error(`bench: huayu index --store failed: ${indexed.stderr}`);
        const indexMs = performance.now() - t0;
        log(`indexed into PostgreSQL in ${(indexMs / 1000).toFixed(1)} s`);
        const sized = spawnSync(path.join(postgresBinDir() ?? '', 'psql'), [cluster.url, '-Atc', 'SELECT pg_database_size(current_database())'], { encoding: 'utf8' });
        const dbMB = Number(sized.stdout.trim()) / MB;
        // The same queries answered by SQL, in a process of their own as a server's: latency and agreement
        // with the embedded index.
        const pg = await inChild<{ loadMs: number; search: BenchResult['search']; totals: Record<QueryClass, number[]>; quote: BenchResult['quote'] }>('pgQueries.js', {
          url: cluster.url,
          warmUp,
          queries,
          quotes,
        });
        const agreement = QUERY_CLASSES.flatMap((c) => queries[c].filter((q, i) => pg.totals[c][i] === totals.get(q))).length / totals.size;
        log('PostgreSQL queries timed');
        // One stateless server on the database, then two as behind a load balancer, the load split between them.
        // As the issue has them: no corpus folder, everything from the database.
        const noCorpus = path.join(work, 'no-corpus');
        const alone = await startServer(noCorpus, path.join(work, 'unused-index'), { HUAYU_STORE: cluster.url });
        let one: HttpLoad;
        let oneMB: number;
        try {
          await httpLoad(alone.url, warmPaths, 50, warmSeconds);
          one = await measuredLoad([alone.proc.pid!], cluster.pid, [alone.url], paths, 50, Number(opts.seconds));
          oneMB = memoryOf(alone.proc.pid!).rssMB;
        } finally {
          await alone.stop();
        }
        // The first answer varies with the machine's minute by more than the target's margin: more starts say
        // how far, beside the first (which the target is judged on). One at a time, each stopped before the next.
        const moreStartsMs: number[] = [];
        for (let i = 0; i < MORE_STARTS; i++) {
          const again = await startServer(noCorpus, path.join(work, 'unused-index'), { HUAYU_STORE: cluster.url });
          moreStartsMs.push(again.coldStartMs);
          await again.stop();
        }
        const servers = await Promise.all([0, 1].map(() => startServer(noCorpus, path.join(work, 'unused-index'), { HUAYU_STORE: cluster.url })));
        try {
          await Promise.all(servers.map((s) => httpLoad(s.url, warmPaths, 25, warmSeconds)));
          const http = await measuredLoad(
            servers.map((s) => s.proc.pid!),
            cluster.pid,
            servers.map((s) => s.url),
            paths,
            50,
            Number(opts.seconds),
          );
          postgres = {
            indexMBps: build.bytes / MB / (indexMs / 1000),
            dbMB,
            loadMs: pg.loadMs,
            search: pg.search,
            quote: pg.quote,
            agreement,
            wordPaths: [],
            coldStartMs: Math.max(...servers.map((s) => s.coldStartMs)),
            peakMB: servers.map((s) => memoryOf(s.proc.pid!).peakMB),
            rssMB: servers.map((s) => memoryOf(s.proc.pid!).rssMB),
            one: { load: one, rssMB: oneMB, coldStartMs: alone.coldStartMs, moreStartsMs },
            http,
          };
        } finally {
          await Promise.all(servers.map((s) => s.stop()));
        }
        // Last: building the other layouts rewrites every passage row, and the autovacuum that follows
        // ran during the servers' load when this came first (one server: 73 req/s, then 155 without it).
        const pgEngine = await loadFromPostgres(cluster.url, workerSegmenter([]));
        try {
          postgres.wordPaths = await compareWordPaths(cluster.url, pgEngine, wordLists.terms, wordLists.lists);
        } finally {
          await pgEngine.close();
        }
        log('word-list alternatives timed');
      } finally {
        cluster.stop();
      }
    }
  }

  const result: BenchResult = {
    date: new Date().toISOString(),
    machine: { cores: os.cpus().length, cpu: os.cpus()[0]?.model ?? '?', node: process.version, memGB: Math.round(os.totalmem() / 2 ** 30) },
    corpus: { MB: gen.bytes / MB, files: gen.files, documents: build.documents, passages: build.passages },
    floor: { MBps: floor.mbPerS, dictLoadMs: floor.loadMs, dictMB: floor.dictMB },
    build: { ...build, MBps: build.bytes / MB / (build.totalMs / 1000), indexMB: indexBytes / MB },
    loadMs,
    loadPhases,
    search: ours,
    quote,
    scan: scanned,
    minisearch: mini,
    lucene,
    coldStartMs: server.coldStartMs,
    serving: { rssMB: memAfter.rssMB, peakMB: memAfter.peakMB, idleRssMB: memBefore.rssMB },
    http,
    healthz,
    addMs: added,
    httpAll: { workers: os.availableParallelism(), load: httpAll, rssMB: workersRss },
    postgres,
  };
  printReport(result);
  // resolve, not join: an absolute --out is taken as given, where join wrote under bench/results and failed after the whole run.
  const out = path.resolve(ROOT, 'bench/results', opts.out ?? `bench-${sizeMB}mb.json`);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, JSON.stringify(result, null, 2) + '\n');
  log(`wrote ${path.relative(ROOT, out)}`);
} finally {
  if (!opts.keep) rmSync(work, { recursive: true, force: true });
  else log(`kept ${work}`);
}
