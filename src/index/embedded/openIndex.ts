// Load the index when it matches the corpus; rebuild and save it when it is
// missing, stale, from another analyzer or format, or unreadable.

import { isHuayuError, type HuayuError } from '../../errors.js';
import { readSource, scanCorpus } from '../../ingest/readCorpus.js';
import { buildIndex } from './build.js';
import { type BuildProgress } from '../analyzeCorpus.js';
import type { Engine } from '../engine.js';
import type { DecodeLimits } from '../../ingest/decode.js';
import { loadIndex, saveIndex, type LoadPhase, type QuerySegmenter } from './store.js';

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
}

export interface OpenResult {
  engine: Engine;
  /** Why the index was rebuilt, or null when it was loaded as it was. */
  rebuilt: HuayuError | null;
}

export async function openIndex(corpusDir: string, indexDir: string, options: OpenOptions = {}): Promise<OpenResult> {
  const corpus = scanCorpus(corpusDir);
  try {
    const engine = await loadIndex(indexDir, corpus, options.querySegmenter, options.limits, options.phases, options.aliasGroups);
    return { engine, rebuilt: null };
  } catch (err) {
    if (!isHuayuError(err)) throw err;
    const engine = await buildIndex(corpus.map((e) => readSource(e, undefined, options.limits)), options);
    await saveIndex(indexDir, engine);
    return { engine, rebuilt: err };
  }
}

/** Always rebuilds: `huayu index`. */
export async function rebuildIndex(corpusDir: string, indexDir: string, options: OpenOptions = {}): Promise<Engine> {
  const engine = await buildIndex(scanCorpus(corpusDir).map((e) => readSource(e, undefined, options.limits)), options);
  await saveIndex(indexDir, engine);
  return engine;
}
