import { availableParallelism } from 'node:os';
import path from 'node:path';

/** Every default in one place; the environment and CLI flags override them. */
export const DEFAULTS = {
  corpusDir: 'corpus',
  indexDir: 'index',
  port: 3000,
  host: '0.0.0.0',
  maxFileMb: 8,
  /** Per client and minute; generous for people, a brake on a runaway script. */
  rateLimitPerMinute: 6000,
  /** API requests a server works on at once, the others waiting in arrival order (http/admission.ts); 0: no limit. */
  maxActiveRequests: 4,
  /** How often a server checks its store for changes it was not told of, and reloads. */
  reloadSeconds: 10,
  /** Server processes; each holds its own copy of the index (see README, "Every core"). */
  workers: 1,
  search: {
    limit: 10,
    maxLimit: 100,
    maxQueryLength: 500,
    facetSize: 20,
    snippetChars: 160,
    /**
     * How many of the best-placed matches BM25 re-orders; fixed, so pages stay consistent. It is also how
     * many bodies a query on PostgreSQL fetches ahead, and how many passages a phrase's word order is
     * asked among in SQL.
     */
    rerankDepth: 500,
    /** Rows of a CSV or JSONL export unless the request asks for more (max=…, --max). */
    maxExport: 10_000,
    /** The most rows an export may ask for: a million rows of CSV are some 750 MB. */
    maxExportCap: 1_000_000,
  },
  quote: {
    limit: 10,
  },
  /** The passages mentioning a subject whose figures one answer gives (newest first), and the most a request may ask for. */
  figures: {
    limit: 100,
    offset: 0,
    maxLimit: 500,
  },
  /** What a server on PostgreSQL keeps of what it fetched: half lists, a quarter each texts and bodies (HUAYU_PG_CACHE_MB). */
  pgCacheMb: 64,
  /**
   * Connections a server on PostgreSQL keeps to the database at most (HUAYU_PG_CONNECTIONS; at least 2,
   * the loader's two). Fewer backends at once cost the database less CPU for the same statements; at
   * 100 MB on two cores shared with the database, alternated: one server under load 10 connections 4.96–4.99 ms of
   * the database's CPU a request, 141–142 req/s; 2 connections 2.62–2.79 ms, 167–179 req/s. Two
   * servers 124–132 req/s against 137–180. In process, one query at a time: phrase p50 10.3–10.9 ms
   * against 7.9–8.5, two words' p99 46–82 against 30–39. Raise it for a database with cores to spare.
   */
  pgConnections: 2,
  /** Documents whose rows a server on PostgreSQL fetches in one statement when it fetches them all (~6 MB of rows at 100 MB). */
  pgCatalogBatch: 1000,
  /**
   * Candidates of a substring that one statement checks on their bodies; past it they are checked in
   * pieces on parallel connections (each candidate costs the database ~2 µs of index and heap reads:
   * the 23,000 of "对此有何评论" at 100 MB took 45 ms in one statement).
   */
  pgCheckPiece: 4000,
  /**
   * Candidates of a substring past which it is found from its bigrams' places (postgres/gramPlaces.ts) rather
   * than checked on their bodies. In process at 100 MB, phrase p50/p99 8.1–8.7 / 32–42 ms at 1,500 against
   * 9.2–9.5 / 49–54 at 4,000 (two rounds each, alternated); 800 was no better than 1,500.
   */
  pgPlacesPast: 1500,
  /**
   * Milliseconds after its start before a server on PostgreSQL warms its lists and fetches its documents'
   * rows: begun at once, the warmer's statements and decoding held up the first answer by ~80 ms at 100 MB.
   */
  pgWarmDelayMs: 1000,
  /**
   * How far a server on PostgreSQL lets V8's old generation grow past what the last full collection
   * kept (HUAYU_HEAP_GROWTH_PERCENT; 0: V8's own, which let a 150 MB live heap grow to 400 MB under load).
   */
  pgHeapGrowthPercent: 50,
} as const;

function megabytes(v: string | undefined): number | undefined {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isFinite(n) && n > 0 ? Math.round(n * 1024 * 1024) : undefined;
}

function wholeNumber(v: string | undefined): number | undefined {
  const n = Number(v);
  return v !== undefined && v !== '' && Number.isInteger(n) && n >= 0 ? n : undefined;
}

export interface Config {
  corpusDir: string;
  indexDir: string;
  port: number;
  host: string;
  /** Origin citations link to (HUAYU_BASE_URL); unset: the origin each request came to. */
  baseUrl: string | undefined;
  /** Largest transcript file indexed, in bytes (HUAYU_MAX_FILE_MB). */
  maxFileBytes: number;
  /** Requests a minute from one client (HUAYU_RATE_LIMIT); 0 turns the limit off. */
  rateLimitPerMinute: number;
  /** API requests worked on at once (HUAYU_MAX_ACTIVE); 0 turns the limit off. */
  maxActiveRequests: number;
  /** Origins allowed to call the API from other sites (HUAYU_CORS_ORIGINS, comma-separated); none by default. */
  corsOrigins: string[];
  /** Worker threads that segment during a build (HUAYU_THREADS); unset: chosen by corpus size, 0: the main thread. */
  threads: number | undefined;
  /** Where the index lives (HUAYU_STORE): a postgres:// URL, or unset for the embedded index in indexDir. */
  store: string | undefined;
  /** Seconds between a server's checks of its store for changes (HUAYU_RELOAD_SECONDS); 0: never follow. */
  reloadSeconds: number;
  /** Server processes sharing the port (HUAYU_WORKERS: a number, or "auto" for one a core). */
  workers: number;
  /** Text per transaction when indexing into PostgreSQL (HUAYU_PG_BATCH_MB); unset: 32 MB, every batch but the last that full. */
  pgBatchBytes: number | undefined;
  /** Bytes of lists, texts and bodies a server on PostgreSQL keeps, least recently used out first (HUAYU_PG_CACHE_MB; 0: none). */
  pgCacheBytes: number;
  /** See DEFAULTS.pgConnections. */
  pgConnections: number;
  /** See DEFAULTS.pgHeapGrowthPercent. */
  pgHeapGrowthPercent: number;
}

/** Reads HUAYU_CORPUS, HUAYU_INDEX and PORT; paths resolve against the working directory. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const port = Number(overrides.port ?? env.PORT ?? DEFAULTS.port);
  return {
    corpusDir: path.resolve(overrides.corpusDir ?? env.HUAYU_CORPUS ?? DEFAULTS.corpusDir),
    indexDir: path.resolve(overrides.indexDir ?? env.HUAYU_INDEX ?? DEFAULTS.indexDir),
    port: Number.isInteger(port) && port >= 0 && port < 65536 ? port : DEFAULTS.port,
    host: overrides.host ?? env.HOST ?? DEFAULTS.host,
    baseUrl: (overrides.baseUrl ?? env.HUAYU_BASE_URL)?.replace(/\/+$/u, '') || undefined,
    maxFileBytes: overrides.maxFileBytes ?? megabytes(env.HUAYU_MAX_FILE_MB) ?? DEFAULTS.maxFileMb * 1024 * 1024,
    rateLimitPerMinute: overrides.rateLimitPerMinute ?? wholeNumber(env.HUAYU_RATE_LIMIT) ?? DEFAULTS.rateLimitPerMinute,
    maxActiveRequests: overrides.maxActiveRequests ?? wholeNumber(env.HUAYU_MAX_ACTIVE) ?? DEFAULTS.maxActiveRequests,
    corsOrigins: overrides.corsOrigins ?? (env.HUAYU_CORS_ORIGINS ?? '').split(',').map((s) => s.trim()).filter(Boolean),
    threads: overrides.threads ?? wholeNumber(env.HUAYU_THREADS),
    store: overrides.store ?? (env.HUAYU_STORE || undefined),
    reloadSeconds: overrides.reloadSeconds ?? wholeNumber(env.HUAYU_RELOAD_SECONDS) ?? DEFAULTS.reloadSeconds,
    pgBatchBytes: overrides.pgBatchBytes ?? megabytes(env.HUAYU_PG_BATCH_MB),
    pgCacheBytes: overrides.pgCacheBytes ?? (env.HUAYU_PG_CACHE_MB === '0' ? 0 : (megabytes(env.HUAYU_PG_CACHE_MB) ?? DEFAULTS.pgCacheMb * 1024 * 1024)),
    pgConnections: overrides.pgConnections ?? Math.max(2, wholeNumber(env.HUAYU_PG_CONNECTIONS) ?? DEFAULTS.pgConnections),
    pgHeapGrowthPercent: overrides.pgHeapGrowthPercent ?? wholeNumber(env.HUAYU_HEAP_GROWTH_PERCENT) ?? DEFAULTS.pgHeapGrowthPercent,
    workers: overrides.workers ?? (env.HUAYU_WORKERS?.trim() === 'auto' ? availableParallelism() : Math.max(1, wholeNumber(env.HUAYU_WORKERS) ?? DEFAULTS.workers)),
  };
}
