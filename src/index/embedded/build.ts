// The embedded index built in memory from the corpus: every passage analyzed
// once (analyzeCorpus), its words and tags into FlexSearch, its bigrams into
// the posting lists, then the engine over them.

import { ANALYZER_VERSION } from '../../analysis/tokenize.js';
import { corpusFingerprint } from '../../ingest/identity.js';
import { isRefused, type RefusedFile, type SourceFile } from '../../ingest/readCorpus.js';
import { analyzeCorpus, type BuildOptions } from '../analyzeCorpus.js';
import { createEngine, heldCatalog, type Engine, type Manifest } from '../engine.js';
import { MemoryBodies } from '../bodies.js';
import { MemoryTexts } from '../texts.js';
import { BigramIndexBuilder } from './bigramIndex.js';
import { createPassageIndex, type PassageIndex } from './passageIndex.js';
import type { Part } from './part.js';
import type { Segmenter } from '../../analysis/segmenter.js';
import { listsOf } from './postings.js';
import { MemoryRetrieval } from './retrieval.js';
import { FORMAT_VERSION } from './store.js';

/** A part built from files, with what the build taught the segmenter. */
export interface BuiltPart {
  part: Part;
  /** FlexSearch itself, whose lists the part reads. */
  index: PassageIndex;
  userWords: string[];
  segmenter: Segmenter;
}

export async function buildIndex(files: Array<SourceFile | RefusedFile>, options: BuildOptions = {}): Promise<Engine> {
  const { part, index, userWords, segmenter } = await buildPart(files, options);
  const { docs, details, passages, compactBodies } = part;
  const manifest: Manifest = {
    formatVersion: FORMAT_VERSION,
    analyzerVersion: ANALYZER_VERSION,
    corpusFingerprint: corpusFingerprint(files),
    builtAt: new Date().toISOString(),
    documents: docs.length,
    passages: passages.length,
    files: files.map((f) => ({ path: f.path, sha256: f.sha256, bytes: f.bytes, mtimeMs: f.mtimeMs, id: f.id })),
    refused: files.filter(isRefused).map((f) => ({ path: f.path, ...f.error })),
    userWords,
  };
  return createEngine({ manifest, docs, passages, catalog: heldCatalog(docs), retrieval: new MemoryRetrieval(part.lists, part.bigrams, compactBodies, index), bodies: new MemoryBodies(compactBodies), texts: new MemoryTexts(docs, details), segmenter, aliasGroups: options.aliasGroups });
}

export async function buildPart(files: Array<SourceFile | RefusedFile>, options: BuildOptions = {}): Promise<BuiltPart> {
  const t = { parseMs: 0, wordIndexMs: 0, bigramMs: 0, analyzeAndInsertMs: 0 };
  const index = createPassageIndex();
  const bigrams = new BigramIndexBuilder();
  const analyzed = await analyzeCorpus(files, options, (p, doc, a) => {
    const tb = performance.now();
    bigrams.add(p.gid, a.grams);
    const tw = performance.now();
    index.add({ id: p.gid, words: a.terms, speaker: p.speaker ? [p.speaker.name] : [], topic: p.topics, kind: p.kind });
    t.wordIndexMs += performance.now() - tw;
    t.bigramMs += tw - tb;
  });
  const { docs, details, passages, compactBodies, userWords, segmenter } = analyzed;
  t.parseMs = analyzed.parseMs;
  t.analyzeAndInsertMs = analyzed.analyzeMs;
  const tFinish = performance.now();
  const finished = bigrams.finish();
  t.bigramMs += performance.now() - tFinish;
  if (options.timings) Object.assign(options.timings, t);

  return { part: { docs, details, passages, compactBodies, lists: listsOf(index), bigrams: finished }, index, userWords, segmenter };
}
