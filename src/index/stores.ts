// The storage boundary: where the index lives, chosen by configuration. The
// embedded store (index/ beside the corpus, the default) and PostgreSQL
// (HUAYU_STORE=postgres://…) both end in the same Engine, so search, quote,
// HTTP and CLI never know which one they talk to.

import { workerSegmenter, inlineSegmenter } from '../analysis/segmenter.js';
import type { HuayuError } from '../errors.js';
import { readSource, scanCorpus } from '../ingest/readCorpus.js';
import type { Engine } from './engine.js';
import { openIndex, rebuildIndex, type OpenOptions } from './openIndex.js';
import { indexIntoPostgres, isPostgresUrl, loadFromPostgres, redactUrl } from './pgStore.js';

export interface StoreLocation {
  corpusDir: string;
  indexDir: string;
  /** A postgres:// URL, or undefined for the embedded index in indexDir. */
  store?: string | undefined;
}

export interface IndexReport {
  /** Where the index went, safe to print. */
  target: string;
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

/** The engine to serve or query: loaded from the store (embedded: built first when missing or stale). */
export async function openEngine(loc: StoreLocation, options: OpenOptions = {}): Promise<{ engine: Engine; rebuilt: HuayuError | null }> {
  if (isPostgresUrl(loc.store)) {
    const engine = await loadFromPostgres(loc.store, options.querySegmenter === 'worker' ? workerSegmenter : inlineSegmenter);
    return { engine, rebuilt: null };
  }
  return openIndex(loc.corpusDir, loc.indexDir, options);
}

/** Indexes the corpus into the store: embedded rebuilds everything, PostgreSQL writes only what changed. */
export async function indexCorpus(loc: StoreLocation, options: OpenOptions = {}): Promise<IndexReport> {
  if (isPostgresUrl(loc.store)) {
    const files = scanCorpus(loc.corpusDir).map((e) => readSource(e, undefined, options.limits));
    const r = await indexIntoPostgres(loc.store, files, { threads: options.threads, onProgress: options.onProgress });
    return {
      target: redactUrl(loc.store),
      written: r.written,
      removed: r.removed,
      unchanged: r.unchanged,
      refused: r.refusedFiles,
      documents: r.documents,
    };
  }
  const engine = await rebuildIndex(loc.corpusDir, loc.indexDir, options);
  await engine.close();
  return {
    target: loc.indexDir,
    written: engine.docs.length,
    removed: 0,
    unchanged: 0,
    refused: engine.manifest.refused,
    documents: engine.docs.map((d) => ({ path: d.path, format: d.format, passages: d.passages.length, warnings: d.warnings })),
  };
}
