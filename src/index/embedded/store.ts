// The index on disk: parts (part.ts), each a folder written once, and
// manifest.json naming them. Every write makes its new part's folder first
// and then replaces manifest.json atomically (write to a temporary file,
// rename), so a reader sees either the old index or the new one, never half
// of one.
//
//   index/manifest.json     formatVersion, analyzerVersion, corpusFingerprint, the files, the parts, the removed documents
//   index/<generation>/     one part (part.ts)
//
// A build writes one part. An update (update.ts) adds a part with the
// transcripts added or changed since, and lists the documents they replace
// or that were deleted as removed; the later parts are merged into one as
// they pile up (merge.ts), and a rebuild analyzes everything into one part.
//
// The texts are kept in the index as they were read, so a citation's offsets
// always refer to the text the passages were cut from. A transcript whose
// size and modification time are as recorded is not read or hashed again (as
// git does with its index); any other change to the corpus makes the index
// stale.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { inlineSegmenter, workerSegmenter, type Segmenter } from '../../analysis/segmenter.js';
import { ANALYZER_VERSION } from '../../analysis/tokenize.js';
import { createError } from '../../errors.js';
import type { DecodeLimits } from '../../ingest/decode.js';
import { corpusFingerprint } from '../../ingest/identity.js';
import { isAsRecorded, readSource, type CorpusEntry, type SourceFile } from '../../ingest/readCorpus.js';
import { BigramIndex } from './bigramIndex.js';
import { MemoryRetrieval } from './retrieval.js';
import { createEngine, heldCatalog, type Engine, type IndexedDocument, type Manifest } from '../engine.js';
import { heldBodies, MemoryBodies } from '../bodies.js';
import { heldTexts, MemoryTexts } from '../texts.js';
import { composeParts } from './compose.js';
import { isGeneration, readPart, writePart, type Part, type PartRecord } from './part.js';

// 4: documents carry the turn parser's roster, turn report and per-passage attribution.
// 5: a first-line markdown heading is the title, not a passage (parser 3): an index built before holds it as one.
// 6: word and tag lists of our own (lists.json, lists.bin) instead of FlexSearch's export.
// 7: bigrams.bin and lists.bin uncompressed, with a table of where each list starts, decoded when first read;
//    the passages as columns in passages.bin, the catalog a document a line (catalog.jsonl), the texts in texts.bin.
// 8: parts: the manifest lists one folder per build or update, and the documents updates removed.
// 9: each document's roster, turn report and metadata lines in details.bin, out of catalog.jsonl.
export const FORMAT_VERSION = 9;

export interface StoredManifest extends Manifest {
  parts: PartRecord[];
  /** Documents of earlier parts that an update replaced or deleted: [part, document number within it]. */
  removed: Array<[part: number, doc: number]>;
}

/** The manifest's removed documents, per part. */
export function removedByPart(m: Pick<StoredManifest, 'parts' | 'removed'>): Array<Set<number>> {
  const out = m.parts.map(() => new Set<number>());
  for (const [k, d] of m.removed) out[k]?.add(d);
  return out;
}

export type QuerySegmenter = 'worker' | 'inline';

function readJson<T>(file: string, dir: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw createError('INDEX_CORRUPT', dir, `${path.basename(file)}: ${(err as Error).message}`);
  }
}

/** An engine built or loaded in one part, as that part. */
export function partOf(engine: Engine): Part {
  const retrieval = engine.retrieval;
  // Only a built index (or one of one part) has the lists of all its passages; PostgreSQL keeps them in the database.
  if (!(retrieval instanceof MemoryRetrieval) || !(retrieval.bigrams instanceof BigramIndex)) {
    throw new Error('index-store: only an engine with its lists in memory, in one part, can be saved');
  }
  const texts = heldTexts(engine.texts);
  // The texts' documents are the engine's own, with their texts.
  return { docs: texts.docs as IndexedDocument[], details: texts.table, passages: Array.from(engine.passages), compactBodies: heldBodies(engine.bodies).all, lists: retrieval.lists, bigrams: retrieval.bigrams };
}

/** Writes the engine as an index of one part; returns the manifest written. */
export async function saveIndex(dir: string, engine: Engine): Promise<StoredManifest> {
  const part = partOf(engine);
  mkdirSync(dir, { recursive: true });
  const record = await writePart(dir, part);
  const manifest = { ...plainManifest(engine.manifest), parts: [record], removed: [] };
  writeManifest(dir, manifest);
  return manifest;
}

/** Replaces manifest.json at once, then deletes the parts it no longer names (and leftovers of writes that were killed). */
export function writeManifest(dir: string, manifest: StoredManifest): void {
  const tmp = path.join(dir, `manifest.json.tmp-${process.pid}`);
  writeFileSync(tmp, JSON.stringify(manifest, null, 1));
  renameSync(tmp, path.join(dir, 'manifest.json'));
  const named = new Set(manifest.parts.map((p) => p.generation));
  for (const entry of readdirSync(dir)) {
    if ((isGeneration(entry) && !named.has(entry)) || entry.startsWith('manifest.json.tmp-')) {
      rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

/** The manifest without what only the store reads. */
function plainManifest(m: Manifest): Manifest {
  const { parts: _p, removed: _r, ...plain } = m as Partial<StoredManifest> & Manifest;
  return plain;
}

export function readManifest(dir: string): StoredManifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw createError('INDEX_NOT_FOUND', dir);
  return readJson<StoredManifest>(file, dir);
}

/** The manifest, if this huayu can read its parts and segments queries as they were: a named error otherwise. */
export function readUsableManifest(dir: string): StoredManifest {
  const manifest = readManifest(dir);
  if (manifest.formatVersion !== FORMAT_VERSION) throw createError('INDEX_FORMAT_MISMATCH', manifest.formatVersion, FORMAT_VERSION);
  if (manifest.analyzerVersion !== ANALYZER_VERSION) throw createError('INDEX_ANALYZER_MISMATCH', manifest.analyzerVersion, ANALYZER_VERSION);
  return manifest;
}

/** Where a load's time and memory went, phase by phase (the benchmark prints it). */
export interface LoadPhase {
  phase: string;
  ms: number;
  /** JS heap and ArrayBuffers (the bigram lists) after the phase. */
  heapMB: number;
  buffersMB: number;
}

function phaseRecorder(out: LoadPhase[] | undefined): (phase: string) => void {
  let t = performance.now();
  return (phase) => {
    if (!out) return;
    const now = performance.now();
    const m = process.memoryUsage();
    out.push({ phase, ms: now - t, heapMB: m.heapUsed / 1048576, buffersMB: m.arrayBuffers / 1048576 });
    t = now;
  };
}

/**
 * Loads the index if it was built by this format and analyzer from exactly
 * these corpus files; throws a named error otherwise.
 */
export async function loadIndex(...args: Parameters<typeof loadIndexState>): Promise<Engine> {
  return (await loadIndexState(...args)).engine;
}

/** What a running server keeps to follow its corpus: the manifest it loaded and its parts, by generation. */
export interface IndexState {
  manifest: StoredManifest;
  parts: Map<string, Part>;
}

/** loadIndex, and the parts it read. */
export async function loadIndexState(
  dir: string,
  corpus: CorpusEntry[],
  querySegmenter: QuerySegmenter = 'inline',
  limits?: DecodeLimits,
  phases?: LoadPhase[],
  aliasGroups?: string[][],
): Promise<{ engine: Engine; state: IndexState }> {
  const manifest = readUsableManifest(dir);

  // The query segmenter's dictionaries load on their own thread while this one reads the index.
  const segmenter: Segmenter = querySegmenter === 'worker' ? workerSegmenter(manifest.userWords) : inlineSegmenter(manifest.userWords);
  try {
    return await loadParts(dir, manifest, corpus, segmenter, limits, phaseRecorder(phases), aliasGroups);
  } catch (err) {
    await segmenter.close();
    throw err;
  }
}

async function loadParts(
  dir: string,
  manifest: StoredManifest,
  corpus: CorpusEntry[],
  segmenter: Segmenter,
  limits: DecodeLimits | undefined,
  done: (phase: string) => void,
  aliasGroups: string[][] | undefined,
): Promise<{ engine: Engine; state: IndexState }> {
  // The first part's files are inflated and decoded on other threads while this one checks the transcripts.
  const reading = readParts(dir, manifest, new Map(), done);
  reading.catch(() => undefined);
  // A transcript whose size and modification time are as recorded is not read: its text is in texts.bin.
  // Any other (new, changed, or now on the other side of today's size limit) is read and hashed, and then the corpus differs.
  const recorded = new Map(manifest.files.map((f) => [f.path, f]));
  const refused = new Map(manifest.refused.map((r) => [r.path, r.code]));
  const files = corpus.map((e): Pick<SourceFile, 'path' | 'sha256'> => {
    const r = recorded.get(e.path);
    return r && isAsRecorded(e, r, refused.get(e.path), limits) ? r : readSource(e, undefined, limits);
  });
  if (manifest.corpusFingerprint !== corpusFingerprint(files)) throw createError('INDEX_STALE', dir);
  done('transcripts checked');
  const parts = await reading;
  const engine = engineOf(dir, manifest, parts, segmenter, aliasGroups);
  done('engine: parts composed, speakers, facets, code points');
  return { engine, state: { manifest, parts: new Map(manifest.parts.map((r, k) => [r.generation, parts[k]!])) } };
}

/** The manifest's parts, in its order; those in `known` (by generation) are taken as they are, the others read. */
export async function readParts(dir: string, manifest: StoredManifest, known: ReadonlyMap<string, Part>, done?: (phase: string) => void): Promise<Part[]> {
  if (manifest.parts.length === 0) throw createError('INDEX_CORRUPT', dir, 'the manifest names no part');
  const out: Part[] = [];
  for (const [k, record] of manifest.parts.entries()) out.push(known.get(record.generation) ?? (await readPart(dir, record, done, k === 0)));
  return out;
}

/** The engine over the parts the manifest names, without the documents it lists as removed. */
export function engineOf(dir: string, manifest: StoredManifest, parts: Part[], segmenter: Segmenter, aliasGroups: string[][] | undefined): Engine {
  const composed = composeParts(parts, removedByPart(manifest));
  if (composed.passages.length !== manifest.passages) throw createError('INDEX_CORRUPT', dir, 'passage count differs from the manifest');
  const { details, compactBodies, ...rest } = composed;
  return createEngine({ manifest: plainManifest(manifest), ...rest, catalog: heldCatalog(composed.docs), texts: new MemoryTexts(composed.docs, details), bodies: new MemoryBodies(compactBodies), segmenter, aliasGroups });
}
