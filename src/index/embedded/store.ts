// The index on disk. A build writes a complete generation folder first and
// then replaces manifest.json atomically (write to a temporary file, rename),
// so a reader sees either the old index or the new one, never half of one.
//
//   index/manifest.json               formatVersion, analyzerVersion, corpusFingerprint, generation
//   index/<generation>/catalog.json   documents and passages without their text
//   index/<generation>/bigrams.bin    the bigram index, delta-varint encoded
//   index/<generation>/lists.json     the word index's terms and the tags' values, in order
//   index/<generation>/lists.bin      their lists (FlexSearch's slots, tag ids), delta-varint encoded
//
// Every file of a generation is gzip-compressed (level 1: ~100 MB/s to write,
// several hundred to read). FlexSearch is not saved as its own export: opening
// that took 1.6 s and ~380 MB of heap at 100 MB; the lists queries read are
// written instead, and an opened index answers from them (postings.ts).
//
// Texts are not copied into the index: they are read from the corpus, whose
// fingerprint the manifest pins. A file whose size and modification time are
// as recorded is not hashed again (as git does with its index).

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip } from 'node:zlib';
import { matchForms } from '../../analysis/normalize.js';
import { inlineSegmenter, workerSegmenter, type Segmenter } from '../../analysis/segmenter.js';
import { ANALYZER_VERSION } from '../../analysis/tokenize.js';
import { createError, isHuayuError } from '../../errors.js';
import type { DecodeLimits } from '../../ingest/decode.js';
import { corpusFingerprint, isRefused, readSource, type CorpusEntry, type SourceFile } from '../../ingest/readCorpus.js';
import { BigramIndex } from './bigramIndex.js';
import { MemoryRetrieval } from './retrieval.js';
import { createEngine, type Engine, type IndexedDocument, type IndexedPassage, type Manifest } from '../engine.js';
import { deserializeLists, serializeLists, type ListKeys } from './postings.js';

// 4: documents carry the turn parser's roster, turn report and per-passage attribution.
// 5: a first-line markdown heading is the title, not a passage (parser 3): an index built before holds it as one.
// 6: word and tag lists of our own (lists.json, lists.bin) instead of FlexSearch's export.
export const FORMAT_VERSION = 6;

interface StoredManifest extends Manifest {
  generation: string;
  /** Size of every file of the generation: a truncated or swapped file is caught before it is parsed. */
  sizes: Record<string, number>;
}

type StoredDocument = Omit<IndexedDocument, 'text'> & { topics: string[][] };

export type QuerySegmenter = 'worker' | 'inline';

const GZIP_LEVEL = 1;
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

function readStored(file: string): Buffer {
  return gunzipSync(readFileSync(file));
}

function readJson<T>(file: string, dir: string, compressed = true): T {
  try {
    return JSON.parse((compressed ? readStored(file) : readFileSync(file)).toString('utf8')) as T;
  } catch (err) {
    throw createError('INDEX_CORRUPT', dir, `${path.basename(file)}: ${(err as Error).message}`);
  }
}

export async function saveIndex(dir: string, engine: Engine): Promise<void> {
  const retrieval = engine.retrieval;
  // Only a built index has lists in memory to write; a PostgreSQL engine keeps them in the database.
  if (!(retrieval instanceof MemoryRetrieval)) throw new Error('index-store: only an engine with its lists in memory can be saved');
  mkdirSync(dir, { recursive: true });
  const generation = `gen-${Date.now().toString(36)}-${process.pid}`;
  const genDir = path.join(dir, generation);
  mkdirSync(genDir, { recursive: true });

  const byDoc: string[][][] = engine.docs.map((d) => d.passages.map(() => []));
  for (const p of engine.passages) byDoc[p.doc]![p.n - 1] = p.topics;
  const documents: StoredDocument[] = engine.docs.map(({ text: _text, ...rest }, i) => ({ ...rest, topics: byDoc[i]! }));
  const sizes: Record<string, number> = {};
  // Compressed on libuv's threads, all files at once, while this thread serializes the next.
  const writes: Array<Promise<void>> = [];
  const write = (rel: string, data: string | Uint8Array) => {
    writes.push(
      gzipAsync(typeof data === 'string' ? Buffer.from(data) : data, { level: GZIP_LEVEL }).then((buf) => {
        writeFileSync(path.join(genDir, rel), buf);
        sizes[rel] = buf.length;
      }),
    );
  };
  write('catalog.json', JSON.stringify({ documents }));
  write('bigrams.bin', retrieval.bigrams.serialize());
  const keys = retrieval.lists.keys();
  write('lists.json', JSON.stringify(keys));
  write('lists.bin', serializeLists(retrieval.lists, keys));
  await Promise.all(writes);

  const manifest: StoredManifest = { ...engine.manifest, generation, sizes };
  const tmp = path.join(dir, `manifest.json.tmp-${process.pid}`);
  writeFileSync(tmp, JSON.stringify(manifest, null, 1));
  renameSync(tmp, path.join(dir, 'manifest.json'));

  // Only now is the old generation unreachable; so are leftovers of builds that were killed.
  for (const entry of readdirSync(dir)) {
    if ((entry.startsWith('gen-') && entry !== generation) || entry.startsWith('manifest.json.tmp-')) {
      rmSync(path.join(dir, entry), { recursive: true, force: true });
    }
  }
}

export function readManifest(dir: string): StoredManifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw createError('INDEX_NOT_FOUND', dir);
  return readJson<StoredManifest>(file, dir, false);
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
export async function loadIndex(
  dir: string,
  corpus: CorpusEntry[],
  querySegmenter: QuerySegmenter = 'inline',
  limits?: DecodeLimits,
  phases?: LoadPhase[],
  aliasGroups?: string[][],
): Promise<Engine> {
  const manifest = readManifest(dir);
  if (manifest.formatVersion !== FORMAT_VERSION) throw createError('INDEX_FORMAT_MISMATCH', manifest.formatVersion, FORMAT_VERSION);
  if (manifest.analyzerVersion !== ANALYZER_VERSION) throw createError('INDEX_ANALYZER_MISMATCH', manifest.analyzerVersion, ANALYZER_VERSION);

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
): Promise<Engine> {
  const recorded = new Map(manifest.files.map((f) => [f.path, f]));
  const files = corpus.map((e) => {
    const r = recorded.get(e.path);
    return readSource(e, r && r.bytes === e.bytes && r.mtimeMs === e.mtimeMs ? r.sha256 : undefined, limits);
  });
  if (manifest.corpusFingerprint !== corpusFingerprint(files)) throw createError('INDEX_STALE', dir);
  const textByPath = new Map(files.filter((f): f is SourceFile => !isRefused(f)).map((f) => [f.path, f.text]));
  done('transcripts read and checked');

  const genDir = path.join(dir, manifest.generation);
  // The lists are decompressed on libuv's threads while this one parses the catalog.
  const inflating = (rel: string): Promise<Buffer> => gunzipAsync(readFileSync(path.join(genDir, rel)));
  const later = new Map<string, Promise<Buffer>>();
  const unpacked = (rel: string): Promise<Buffer> => later.get(rel) ?? inflating(rel);
  for (const [rel, size] of Object.entries(manifest.sizes ?? {})) {
    let actual = -1;
    try {
      actual = statSync(path.join(genDir, rel)).size;
    } catch {
      // missing: reported below
    }
    if (actual !== size) throw createError('INDEX_CORRUPT', dir, `${rel} is ${actual < 0 ? 'missing' : `${actual} bytes, expected ${size}`}`);
  }
  for (const rel of ['bigrams.bin', 'lists.bin']) {
    const p = inflating(rel);
    // Failures are reported where the part is read, below; not as an unhandled rejection meanwhile.
    p.catch(() => undefined);
    later.set(rel, p);
  }
  const { documents } = readJson<{ documents: StoredDocument[] }>(path.join(genDir, 'catalog.json'), dir);
  const docs: IndexedDocument[] = [];
  const passages: IndexedPassage[] = [];
  const compactBodies: string[] = [];
  // The parsed objects become the engine's as they are: copying 260,000 passages (spread) cost
  // a fifth of this phase in allocation and collection at 100 MB.
  documents.forEach((stored, di) => {
    const text = textByPath.get(stored.path);
    if (text === undefined) throw createError('INDEX_STALE', dir);
    const topics = stored.topics;
    const doc = stored as unknown as IndexedDocument & { topics?: string[][] };
    delete doc.topics;
    doc.text = text;
    docs.push(doc);
    doc.passages.forEach((p, i) => {
      const passage = p as IndexedPassage;
      passage.gid = passages.length;
      passage.doc = di;
      passage.topics = topics[i] ?? [];
      passages.push(passage);
    });
    for (const body of matchForms(text, doc.passages.map((p) => ({ start: p.bodyStart, end: p.span.end })))) compactBodies.push(body);
  });
  if (passages.length !== manifest.passages) throw createError('INDEX_CORRUPT', dir, 'passage count differs from the manifest');
  done('catalog: documents, passages, compact bodies');

  let bigrams: BigramIndex;
  let lists;
  try {
    bigrams = BigramIndex.deserialize(await unpacked('bigrams.bin'));
    done('bigram lists');
    const keys = readJson<ListKeys>(path.join(genDir, 'lists.json'), dir);
    lists = deserializeLists(await unpacked('lists.bin'), keys);
  } catch (err) {
    throw isHuayuError(err) ? err : createError('INDEX_CORRUPT', dir, (err as Error).message);
  }
  done('word and tag lists');
  const { generation: _g, sizes: _s, ...plain } = manifest;
  const engine = createEngine({ manifest: plain, docs, passages, retrieval: new MemoryRetrieval(lists, bigrams, compactBodies), compactBodies, segmenter, aliasGroups });
  done('engine: speakers, facets, code points');
  return engine;
}
