// The storage boundary: where the index lives, chosen by configuration. The
// embedded store (index/ beside the corpus, the default) and PostgreSQL
// (HUAYU_STORE=postgres://…) both end in the same Engine, so search, quote,
// HTTP and CLI never know which one they talk to. Each store's modules are
// imported when it is used: a PostgreSQL server loaded the embedded index's
// and the writer's too (~0.3 s of its start, before it could ask for anything).

import { inverseDocumentFrequency } from '../analysis/segment.js';
import { workerSegmenter, inlineSegmenter, type Segmenter } from '../analysis/segmenter.js';
import type { HuayuError } from '../errors.js';
import { readSynonymGroups } from '../ingest/synonymsFile.js';
import { readAliasGroups } from '../ingest/aliasesFile.js';
import { passageCount, type Engine } from './engine.js';
import type { openIndex, OpenOptions } from './embedded/openIndex.js';
import type { IndexState } from './embedded/store.js';
import { isPostgresUrl, redactUrl, servingPool } from './postgres/schema.js';

export interface StoreLocation {
  corpusDir: string;
  indexDir: string;
  /** A postgres:// URL, or undefined for the embedded index in indexDir. */
  store?: string | undefined;
}

export interface IndexReport {
  written: number;
  removed: number;
  unchanged: number;
  refused: Array<{ path: string; code: string; message: string }>;
  /** The documents written, with their parse warnings (embedded: all of them). */
  documents: Array<{ path: string; format: string; passages: number; warnings: string[] }>;
}

export function describeStore(loc: StoreLocation): string {
  return isPostgresUrl(loc.store) ? redactUrl(loc.store) : loc.indexDir;
}

/**
 * The engine to serve or query, ready to answer: loaded from the store (embedded: built first when missing or stale).
 * `lent`: the query segmenter of the engine this one replaces, shared rather than loaded again (a server
 * reloading PostgreSQL; the embedded store follows its folder without reopening).
 */
export async function openEngine(
  loc: StoreLocation,
  options: OpenOptions = {},
  lent?: Segmenter,
): Promise<{ engine: Engine; rebuilt: HuayuError | null; updated: boolean; warnings: HuayuError[]; state: IndexState | null }> {
  // The names users join into one speaker entry, read before the engine is made so its speaker
  // tables are derived once; a bad line is named on stderr and skipped.
  const aliases = readAliasGroups(loc.corpusDir);
  // Ranking reads jieba's IDF table (opened as the build wrote it, ~25 ms): opened by this thread while
  // the index's files are read and inflated on others, or the database answers, so no request pays for it.
  const readIdf = () => void inverseDocumentFrequency('的');
  let opening: Promise<Awaited<ReturnType<typeof openIndex>> | { engine: Engine; rebuilt: null; state: null }>;
  if (isPostgresUrl(loc.store)) {
    // Started before the store's modules are imported: its dictionaries (~0.6 s) load on their own thread
    // while this one imports, connects and reads; started after the corpus's words were read, it was the
    // last thing a start waited for. The store teaches it those words, a shared one too (new documents
    // bring new names). Words are never taken out of nodejieba, so a name whose documents were removed
    // stays a word for the queries of this process; one started afresh would not have it.
    const segmenter = lent ? lent.share() : (options.querySegmenter === 'worker' ? workerSegmenter : inlineSegmenter)([]);
    // Its pool's first two connections too: the database starts their backends while this thread imports (~0.1 s each at a start).
    const serving = servingPool(loc.store, options.connections);
    const { loadFromPostgres } = await import('./postgres/store.js').catch(async (err: unknown) => {
      for (const c of serving.connecting) void c.then((client) => client.release()).catch(() => undefined);
      await Promise.all([segmenter.close(), serving.pool.end()]);
      throw err;
    });
    opening = loadFromPostgres(loc.store, segmenter, aliases.groups, {
      cacheBytes: options.cacheBytes,
      warm: options.warmCache,
      whileReading: readIdf,
      serving,
    }).then((engine) => ({ engine, rebuilt: null, state: null }));
  } else {
    const { openIndex } = await import('./embedded/openIndex.js');
    opening = openIndex(loc.corpusDir, loc.indexDir, { ...options, aliasGroups: aliases.groups });
    // Awaited below, after this thread's own work: a failure meanwhile must not go unhandled.
    opening.catch(() => undefined);
    readIdf();
  }
  const opened = await opening;
  try {
    await opened.engine.segmenter.cut(['营商环境']);
  } catch (err) {
    await opened.engine.close();
    throw err;
  }
  // The short forms users keep beside the transcripts, read anew with the index.
  opened.engine.synonymGroups = readSynonymGroups(loc.corpusDir);
  for (const w of aliases.warnings) process.emitWarning(w.message, { type: 'HuayuWarning', code: w.code });
  return { engine: opened.engine, rebuilt: opened.rebuilt, updated: 'updated' in opened && opened.updated !== undefined, state: opened.state, warnings: aliases.warnings };
}

/** Indexes the corpus into the store, writing only what changed (embedded: a new part; `full` rebuilds it into one). */
export async function indexCorpus(loc: StoreLocation, options: OpenOptions & { full?: boolean; batchBytes?: number | undefined } = {}): Promise<IndexReport> {
  if (isPostgresUrl(loc.store)) {
    const [{ readSource, scanCorpus }, { indexIntoPostgres }] = await Promise.all([import('../ingest/readCorpus.js'), import('./postgres/write.js')]);
    const files = scanCorpus(loc.corpusDir).map((e) => readSource(e, undefined, options.limits));
    return indexIntoPostgres(loc.store, files, { threads: options.threads, onProgress: options.onProgress, batchBytes: options.batchBytes, aliasGroups: readAliasGroups(loc.corpusDir).groups });
  }
  const { indexEmbedded } = await import('./embedded/openIndex.js');
  const { engine, updated } = await indexEmbedded(loc.corpusDir, loc.indexDir, options);
  if (updated) {
    return { written: updated.documents.length, removed: updated.removed, unchanged: updated.unchanged, refused: updated.manifest.refused, documents: updated.documents };
  }
  if (!engine) throw new Error('index-store: neither updated nor rebuilt');
  await engine.close();
  return {
    written: engine.docs.length,
    removed: 0,
    unchanged: 0,
    refused: engine.manifest.refused,
    documents: engine.docs.map((d, i) => ({ path: d.path, format: d.format, passages: passageCount(engine, i), warnings: d.warnings })),
  };
}

export interface LiveEngine {
  /** The engine to answer the next request with. */
  current(): Engine;
  /** Stops watching and closes the engine. */
  stop(): Promise<void>;
}

/**
 * An engine that follows its store. Embedded: the corpus folder is watched,
 * and a transcript added, changed or removed is written as an update and
 * answered from within about a second (embedded/follow.ts). On PostgreSQL the
 * documents change under a running server ("huayu index" from elsewhere):
 * every `intervalMs` it asks whether the store still holds what it loaded,
 * and if not loads it again and answers from the new engine. The old one is
 * closed `drainMs` later, once the requests that hold it are done. A failed
 * check or reload keeps the engine it has and is reported to `onError`.
 */
export async function liveEngine(
  loc: StoreLocation,
  opened: { engine: Engine; state: IndexState | null },
  options: OpenOptions & { intervalMs: number; drainMs?: number; onReload?: (e: Engine, took?: { ms: number; documents: number }) => void; onError?: (err: unknown) => void },
): Promise<LiveEngine> {
  const first = opened.engine;
  if (options.intervalMs <= 0) return { current: () => first, stop: () => first.close() };
  if (!isPostgresUrl(loc.store)) {
    if (!opened.state) return { current: () => first, stop: () => first.close() };
    const aliasGroups = options.aliasGroups ?? readAliasGroups(loc.corpusDir).groups;
    const { followCorpus } = await import('./embedded/follow.js');
    return followCorpus(loc, first, opened.state, { intervalMs: options.intervalMs, limits: options.limits, aliasGroups, onReload: options.onReload, onError: options.onError });
  }
  let engine = first;
  let busy = false;
  let stopped = false;
  const retired = new Map<NodeJS.Timeout, Engine>();
  const closing: Array<Promise<void>> = [];
  const retire = (old: Engine) => {
    const t = setTimeout(() => {
      retired.delete(t);
      closing.push(old.close());
    }, options.drainMs ?? 30_000);
    retired.set(t, old);
  };
  const timer = setInterval(() => {
    if (busy) return;
    busy = true;
    void engine.retrieval
      .current()
      .then(async (fresh) => {
        if (fresh) return;
        // Its query segmenter is this one's: a reload loaded nodejieba's dictionaries again (~1 s of CPU,
        // and ~270 MB more until the old engine closed, 30 s later).
        const next = (await openEngine(loc, options, engine.segmenter)).engine;
        if (stopped) return void closing.push(next.close());
        retire(engine);
        engine = next;
        options.onReload?.(next);
      })
      .catch((err: unknown) => options.onError?.(err))
      .finally(() => (busy = false));
  }, options.intervalMs);
  timer.unref();
  return {
    current: () => engine,
    stop: async () => {
      stopped = true;
      clearInterval(timer);
      for (const [t, old] of retired) {
        clearTimeout(t);
        closing.push(old.close());
      }
      retired.clear();
      await Promise.all([...closing, engine.close()]);
    },
  };
}
