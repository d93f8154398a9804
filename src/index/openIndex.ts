// Load the index when it matches the corpus; rebuild and save it when it is
// missing, stale, from another analyzer or format, or unreadable.

import { isHuayuError, type HuayuError } from '../errors.js';
import { readCorpus } from '../ingest/readCorpus.js';
import { buildIndex, type BuildProgress } from './build.js';
import type { Engine } from './engine.js';
import { loadIndex, saveIndex } from './store.js';

export interface OpenResult {
  engine: Engine;
  /** Why the index was rebuilt, or null when it was loaded as it was. */
  rebuilt: HuayuError | null;
}

export async function openIndex(corpusDir: string, indexDir: string, onProgress?: BuildProgress): Promise<OpenResult> {
  const files = readCorpus(corpusDir);
  try {
    return { engine: loadIndex(indexDir, files), rebuilt: null };
  } catch (err) {
    if (!isHuayuError(err)) throw err;
    const engine = buildIndex(files, onProgress);
    await saveIndex(indexDir, engine);
    return { engine, rebuilt: err };
  }
}

/** Always rebuilds: `huayu index`. */
export async function rebuildIndex(corpusDir: string, indexDir: string, onProgress?: BuildProgress): Promise<Engine> {
  const engine = buildIndex(readCorpus(corpusDir), onProgress);
  await saveIndex(indexDir, engine);
  return engine;
}
