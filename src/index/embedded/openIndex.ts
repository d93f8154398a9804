// Load the index when it matches the corpus; update it when the corpus
// changed since (a new part); rebuild it when it is missing, from another
// analyzer or format, or unreadable.

import { isHuayuError, type HuayuError } from '../../errors.js';
import { readSource, scanCorpus, type CorpusEntry } from '../../ingest/readCorpus.js';
import { buildIndex } from './build.js';
import { type BuildProgress } from '../analyzeCorpus.js';
import type { Engine } from '../engine.js';
import type { DecodeLimits } from '../../ingest/decode.js';
import { loadIndexState, partOf, readUsableManifest, saveIndex, type IndexState, type LoadPhase, type QuerySegmenter } from './store.js';
import { withIndexLock } from './lock.js';
import { updateUnderLock, type UpdateResult } from './update.js';

export interface OpenOptions {
  onProgress?: BuildProgress | undefined;
  /** Worker threads for a build; 0 builds in this thread. */
  threads?: number | undefined;
  /** Where a loaded index segments queries: a worker thread (servers, CLI) or this thread. */
  querySegmenter?: QuerySegmenter | undefined;
  limits?: DecodeLimits | undefined;
  /** Filled in with the phases of a load from disk. */
  phases?: LoadPhase[] | undefined;
  /** The corpus folder's aliases.tsv groups, for the engine's speaker entries (see aliases.ts). */
  aliasGroups?: string[][] | undefined;
  /** A server on PostgreSQL: bytes of lists, texts and bodies it keeps (postgres/store.ts); the embedded index holds all of them. */
  cacheBytes?: number | undefined;
  /** A server on PostgreSQL: its most connections to the database at once (DEFAULTS.pgConnections). */
  connections?: number | undefined;
  /** A server on PostgreSQL: fill that cache with the commonest words once loaded (serving processes only). */
  warmCache?: boolean | undefined;
}

export interface OpenResult {
  engine: Engine;
  /** Why the index was rebuilt or updated, or null when it was loaded as it was. */
  rebuilt: HuayuError | null;
  /** The manifest and parts in memory: what a server following its corpus starts from. */
  state: IndexState;
  /** The documents an update wrote into a new part (absent when the index was loaded or rebuilt). */
  updated?: UpdateResult['documents'];
}

export async function openIndex(corpusDir: string, indexDir: string, options: OpenOptions = {}): Promise<OpenResult> {
  const corpus = scanCorpus(corpusDir);
  try {
    const { engine, state } = await load(indexDir, corpus, options);
    return { engine, state, rebuilt: null };
  } catch (err) {
    if (!isHuayuError(err)) throw err;
    // A corpus changed since the index was written is an update: a new part with what changed.
    const updated = err.code === 'INDEX_STALE' ? await update(indexDir, corpus, options) : null;
    if (updated) {
      try {
        return { ...(await load(indexDir, corpus, options)), rebuilt: err, updated: updated.documents };
      } catch (again) {
        // The corpus changed again meanwhile, or the update cannot be read: rebuilt, below.
        if (!isHuayuError(again)) throw again;
      }
    }
    return { ...(await rebuild(indexDir, corpus, options)), rebuilt: err };
  }
}

/**
 * "huayu index": writes what changed since the index as a new part, or
 * rebuilds it all into one part (`full`, or an index of another format or
 * analyzer). Updates merge their parts as they pile up (merge.ts).
 */
export async function indexEmbedded(
  corpusDir: string,
  indexDir: string,
  options: OpenOptions & { full?: boolean } = {},
): Promise<{ engine: Engine | null; updated: UpdateResult | null }> {
  const corpus = scanCorpus(corpusDir);
  const updated = options.full ? null : await update(indexDir, corpus, options);
  if (updated) return { engine: null, updated };
  return { engine: (await rebuild(indexDir, corpus, options)).engine, updated: null };
}

/** Always rebuilds into one part. */
export async function rebuildIndex(corpusDir: string, indexDir: string, options: OpenOptions = {}): Promise<Engine> {
  return (await rebuild(indexDir, scanCorpus(corpusDir), options)).engine;
}

function load(indexDir: string, corpus: CorpusEntry[], options: OpenOptions) {
  return loadIndexState(indexDir, corpus, options.querySegmenter, options.limits, options.phases, options.aliasGroups);
}

async function rebuild(indexDir: string, corpus: CorpusEntry[], options: OpenOptions): Promise<{ engine: Engine; state: IndexState }> {
  const engine = await buildIndex(corpus.map((e) => readSource(e, undefined, options.limits)), options);
  const manifest = await withIndexLock(indexDir, () => saveIndex(indexDir, engine));
  return { engine, state: { manifest, parts: new Map([[manifest.parts[0]!.generation, partOf(engine)]]) } };
}

/** The update that brings the index up to the corpus; null when the index cannot take one (missing, of another format or analyzer). */
async function update(indexDir: string, corpus: CorpusEntry[], options: OpenOptions): Promise<UpdateResult | null> {
  try {
    readUsableManifest(indexDir);
  } catch {
    return null;
  }
  return updateUnderLock(indexDir, corpus, { threads: options.threads, onProgress: options.onProgress, aliasGroups: options.aliasGroups, limits: options.limits });
}
