// A server that follows its corpus folder: a transcript added, changed or
// deleted is written as an update (update.ts) with the server's own
// segmenter, whose dictionaries are loaded already, and the engine is composed
// anew from the parts in memory plus the new one; requests are answered by
// the old engine until the new one is ready. An update written by another
// process ("huayu index") is seen through the manifest and its new part read.
// synonyms.tsv and aliases.tsv beside the transcripts are read anew too.

import { watch, type FSWatcher } from 'node:fs';
import { isHuayuError } from '../../errors.js';
import { type DecodeLimits } from '../../ingest/decode.js';
import { scanCorpus } from '../../ingest/readCorpus.js';
import { readAliasGroups } from '../../ingest/aliasesFile.js';
import { readSynonymGroups } from '../../ingest/synonymsFile.js';
import type { Engine } from '../engine.js';
import { engineOf, readParts, readUsableManifest, type IndexState, type StoredManifest } from './store.js';
import { planUpdate, updateUnderLock } from './update.js';

export interface FollowOptions {
  /** Milliseconds between checks when no change was signalled (a missed event, a network folder). */
  intervalMs: number;
  /** React to the folders' change events at once (fs.watch); off, only the interval checks. */
  watch?: boolean;
  limits?: DecodeLimits | undefined;
  aliasGroups?: string[][] | undefined;
  onReload?: (engine: Engine, took: { ms: number; documents: number }) => void;
  onError?: (err: unknown) => void;
}

export interface Follower {
  current(): Engine;
  /** Brings the engine up to the corpus and the index now; true when it changed. */
  refresh(): Promise<boolean>;
  stop(): Promise<void>;
}

/** Events arriving within this many milliseconds are one change (an editor's save is several). */
const SETTLE_MS = 100;
/** Looks again after this long when another writer holds the lock, doubling up to BUSY_RETRY_MAX_MS (a rebuild holds it for a minute at 100 MB). */
const BUSY_RETRY_MS = 250;
const BUSY_RETRY_MAX_MS = 8000;

export function followCorpus(dirs: { corpusDir: string; indexDir: string }, first: Engine, firstState: IndexState, options: FollowOptions): Follower {
  let engine = first;
  let state = firstState;
  let aliasGroups = options.aliasGroups ?? [];
  let running: Promise<boolean> | null = null;
  let again = false;
  let stopped = false;

  const once = async (): Promise<boolean> => {
    const t0 = performance.now();
    const corpus = scanCorpus(dirs.corpusDir);
    let manifest = readUsableManifest(dirs.indexDir);
    const known = new Map(state.parts);
    let documents = 0;
    if (planUpdate(manifest, corpus, options.limits).differs) {
      const written = await updateUnderLock(dirs.indexDir, corpus, { analyzer: engine.segmenter, known: state.parts, limits: options.limits });
      manifest = written.manifest;
      documents = written.documents.length;
      if (written.part) known.set(written.part.generation, written.part.part);
    }
    // The short forms and joined names users keep beside the transcripts: read anew, the speaker tables derived again if the names changed.
    const synonyms = readSynonymGroups(dirs.corpusDir);
    const aliases = readAliasGroups(dirs.corpusDir).groups;
    const aliasesChanged = JSON.stringify(aliases) !== JSON.stringify(aliasGroups);
    if (sameIndex(manifest, state.manifest) && !aliasesChanged) {
      state = { manifest, parts: state.parts };
      const synonymsChanged = JSON.stringify(synonyms) !== JSON.stringify(engine.synonymGroups ?? []);
      if (synonymsChanged) engine.synonymGroups = synonyms;
      return synonymsChanged;
    }
    const parts = await readParts(dirs.indexDir, manifest, known);
    if (stopped) return false;
    const next = engineOf(dirs.indexDir, manifest, parts, engine.segmenter, aliases);
    next.synonymGroups = synonyms;
    aliasGroups = aliases;
    // The old engine is not closed: it shares the segmenter, and requests still holding it finish with it.
    engine = next;
    state = { manifest, parts: new Map(manifest.parts.map((r, k) => [r.generation, parts[k]!])) };
    options.onReload?.(next, { ms: performance.now() - t0, documents });
    return true;
  };

  const refresh = (): Promise<boolean> => {
    if (running) {
      again = true;
      return running;
    }
    running = once().finally(() => {
      running = null;
      if (again && !stopped) {
        again = false;
        signalled();
      }
    });
    return running;
  };

  // Another process holds the index's lock (a second server of the same corpus, "huayu index"): its
  // manifest will say what it wrote; this one looks again shortly rather than reporting an error.
  let busyWait = BUSY_RETRY_MS;
  const signalled = () =>
    void refresh()
      .then(() => (busyWait = BUSY_RETRY_MS))
      .catch((err: unknown) => {
        if (!(isHuayuError(err) && err.code === 'INDEX_BUSY')) return options.onError?.(err);
        if (!stopped) setTimeout(signalled, busyWait).unref();
        busyWait = Math.min(busyWait * 2, BUSY_RETRY_MAX_MS);
      });
  let settle: NodeJS.Timeout | null = null;
  const onEvent = () => {
    if (settle) clearTimeout(settle);
    settle = setTimeout(signalled, SETTLE_MS);
  };
  const watchers: FSWatcher[] = [];
  if (options.watch !== false) {
    for (const [dir, recursive] of [[dirs.corpusDir, true], [dirs.indexDir, false]] as const) {
      try {
        const w = watch(dir, { recursive, persistent: false }, onEvent);
        w.on('error', (err) => options.onError?.(err));
        watchers.push(w);
      } catch (err) {
        // No events here (a platform or folder without them): the interval still checks.
        options.onError?.(err);
      }
    }
  }
  const timer = options.intervalMs > 0 ? setInterval(signalled, options.intervalMs) : null;
  timer?.unref();

  return {
    current: () => engine,
    refresh,
    stop: async () => {
      stopped = true;
      if (timer) clearInterval(timer);
      if (settle) clearTimeout(settle);
      for (const w of watchers) w.close();
      await running?.catch(() => undefined);
      await engine.close();
    },
  };
}

/** The same parts and removed documents: nothing to compose anew. */
function sameIndex(a: StoredManifest, b: StoredManifest): boolean {
  return (
    a.parts.length === b.parts.length &&
    a.parts.every((p, k) => p.generation === b.parts[k]!.generation) &&
    a.removed.length === b.removed.length &&
    a.removed.every(([k, d], i) => k === b.removed[i]![0] && d === b.removed[i]![1])
  );
}
