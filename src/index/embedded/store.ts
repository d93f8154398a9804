// The index on disk. A build writes a complete generation folder first and
// then replaces manifest.json atomically (write to a temporary file, rename),
// so a reader sees either the old index or the new one, never half of one.
//
//   index/manifest.json               formatVersion, analyzerVersion, corpusFingerprint, generation
//   index/<generation>/catalog.jsonl  the passages' value tables, then a document a line (without text and passages)
//   index/<generation>/passages.bin   the passages as columns (passageColumns.ts), uncompressed
//   index/<generation>/texts.bin      the documents' texts as UTF-16 (texts.ts)
//   index/<generation>/bigrams.bin    the bigram lists as gap varints, with a table of where each starts (packedLists.ts)
//   index/<generation>/lists.json     the word index's terms and the tags' values, in order
//   index/<generation>/lists.bin      their lists (FlexSearch's slots, tag ids), likewise (postings.ts)
//
// The catalog and the texts are gzip-compressed (level 1, inflated on libuv's
// threads: the texts are 73 MB of UTF-16 at 100 MB, 29 MB compressed, which
// keeps the index within 1.5x the corpus at ~0.3 s of opening); the list files
// and passages.bin are not (varints hardly compress, and a file read as it is
// needs no inflating): an opening decodes the lists on a worker thread while it
// reads the catalog (listsThread.ts). FlexSearch is not saved as its own
// export: opening that took 1.6 s and ~380 MB of heap at 100 MB; the lists
// queries read are written instead (postings.ts).
//
// The texts are kept in the index as they were read (texts.bin), so a
// citation's offsets always refer to the text the passages were cut from. A
// transcript whose size and modification time are as recorded is not read or
// hashed again (as git does with its index); any other change to the corpus
// makes the index stale.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gunzipSync, gzip } from 'node:zlib';
import { matchForms } from '../../analysis/normalize.js';
import { inlineSegmenter, workerSegmenter, type Segmenter } from '../../analysis/segmenter.js';
import { ANALYZER_VERSION } from '../../analysis/tokenize.js';
import { createError } from '../../errors.js';
import { DEFAULT_LIMITS, type DecodeLimits } from '../../ingest/decode.js';
import { corpusFingerprint, readSource, type CorpusEntry, type SourceFile } from '../../ingest/readCorpus.js';
import { BigramIndex } from './bigramIndex.js';
import { MemoryRetrieval } from './retrieval.js';
import { createEngine, type Engine, type IndexedDocument, type Manifest } from '../engine.js';
import { readPassageColumns, writePassageColumns, type PassageValues } from './passageColumns.js';
import { listsFrom, serializeLists, type ListKeys } from './postings.js';
import { decodeListsOnThread } from './listsThread.js';
import { readTexts, writeTexts } from './texts.js';

// 4: documents carry the turn parser's roster, turn report and per-passage attribution.
// 5: a first-line markdown heading is the title, not a passage (parser 3): an index built before holds it as one.
// 6: word and tag lists of our own (lists.json, lists.bin) instead of FlexSearch's export.
// 7: bigrams.bin and lists.bin uncompressed, with a table of where each list starts, decoded when first read;
//    the passages as columns in passages.bin, the catalog a document a line (catalog.jsonl), the texts in texts.bin.
export const FORMAT_VERSION = 7;

interface StoredManifest extends Manifest {
  generation: string;
  /** Size of every file of the generation: a truncated or swapped file is caught before it is parsed. */
  sizes: Record<string, number>;
}

/** A document as the catalog keeps it: its text is the corpus file's, its passages are in passages.bin (both empty here). */
type StoredDocument = IndexedDocument;

function parseCatalog(buf: Buffer, dir: string): { documents: StoredDocument[]; values: PassageValues } {
  const lines: unknown[] = [];
  for (let at = 0; at < buf.length; ) {
    const end = buf.indexOf(0x0a, at);
    const to = end < 0 ? buf.length : end;
    try {
      lines.push(JSON.parse(buf.toString('utf8', at, to)));
    } catch (err) {
      throw createError('INDEX_CORRUPT', dir, `catalog.jsonl line ${lines.length + 1}: ${(err as Error).message}`);
    }
    at = to + 1;
  }
  const [values, ...documents] = lines;
  return { documents: documents as StoredDocument[], values: values as PassageValues };
}

export type QuerySegmenter = 'worker' | 'inline';

const GZIP_LEVEL = 1;
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

function readStored(file: string): Buffer {
  return gunzipSync(readFileSync(file));
}

function readJson<T>(file: string, dir: string, compressed = true): T {
  let buf: Buffer;
  try {
    buf = compressed ? readStored(file) : readFileSync(file);
  } catch (err) {
    throw createError('INDEX_CORRUPT', dir, `${path.basename(file)}: ${(err as Error).message}`);
  }
  return parseJson(buf, path.basename(file), dir);
}

function parseJson<T>(buf: Buffer, name: string, dir: string): T {
  try {
    return JSON.parse(buf.toString('utf8')) as T;
  } catch (err) {
    throw createError('INDEX_CORRUPT', dir, `${name}: ${(err as Error).message}`);
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

  // Text and passages kept in their places among the keys, empty: a loaded document has its keys in the parser's order.
  const documents: StoredDocument[] = engine.docs.map((d) => ({ ...d, text: '', passages: [] }));
  const columns = writePassageColumns(engine.passages);
  const sizes: Record<string, number> = {};
  // Compressed on libuv's threads, all files at once, while this thread serializes the next.
  const writes: Array<Promise<void>> = [];
  const write = (rel: string, data: string | Uint8Array, compress = true) => {
    const bytes = typeof data === 'string' ? Buffer.from(data) : data;
    writes.push(
      (compress ? gzipAsync(bytes, { level: GZIP_LEVEL }) : Promise.resolve(bytes)).then((buf) => {
        writeFileSync(path.join(genDir, rel), buf);
        sizes[rel] = buf.length;
      }),
    );
  };
  // A line a document: read back line by line, no string of the whole catalog is made (at 100 MB it was
  // 50 MB of garbage the first queries after a start paid a major collection for).
  write('catalog.jsonl', [JSON.stringify(columns.values), ...documents.map((d) => JSON.stringify(d))].join('\n'));
  write('passages.bin', columns.bytes, false);
  write('texts.bin', writeTexts(engine.docs.map((d) => d.text)));
  write('bigrams.bin', retrieval.bigrams.serialize(), false);
  const keys = retrieval.lists.keys();
  write('lists.json', JSON.stringify(keys));
  write('lists.bin', serializeLists(retrieval.lists, keys), false);
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
  const genDir = path.join(dir, manifest.generation);
  // The catalog is decompressed on libuv's threads while this one reads the transcripts.
  // In 1 MB pieces: zlib's default 16 KB made the main thread copy 4,500 pieces of the texts (~0.2 s at 100 MB).
  const inflate = (rel: string) => readFile(path.join(genDir, rel)).then((b) => gunzipAsync(b, { chunkSize: 1 << 20 }));
  const inflatingCatalog = inflate('catalog.jsonl');
  const inflatingTexts = inflate('texts.bin');
  // The bigram and word lists are decoded on a worker thread meanwhile.
  const decoding = decodeListsOnThread({ genDir, dir });
  // Failures are reported where they are awaited, below; not as unhandled rejections meanwhile.
  inflatingCatalog.catch(() => undefined);
  inflatingTexts.catch(() => undefined);
  decoding.catch(() => undefined);
  // A transcript whose size and modification time are as recorded is not read: its text is in texts.bin.
  // Any other (new, changed, or over today's size limit) is read and hashed, and then the corpus differs.
  const recorded = new Map(manifest.files.map((f) => [f.path, f]));
  const maxBytes = (limits ?? DEFAULT_LIMITS).maxBytes;
  const files = corpus.map((e): Pick<SourceFile, 'path' | 'sha256'> => {
    const r = recorded.get(e.path);
    return r && r.bytes === e.bytes && r.mtimeMs === e.mtimeMs && e.bytes <= maxBytes ? r : readSource(e, undefined, limits);
  });
  if (manifest.corpusFingerprint !== corpusFingerprint(files)) throw createError('INDEX_STALE', dir);
  done('transcripts checked');

  for (const [rel, size] of Object.entries(manifest.sizes ?? {})) {
    let actual = -1;
    try {
      actual = statSync(path.join(genDir, rel)).size;
    } catch {
      // missing: reported below
    }
    if (actual !== size) throw createError('INDEX_CORRUPT', dir, `${rel} is ${actual < 0 ? 'missing' : `${actual} bytes, expected ${size}`}`);
  }
  const catalog = await inflatingCatalog.catch((err: Error) => {
    throw createError('INDEX_CORRUPT', dir, `catalog.jsonl: ${err.message}`);
  });
  const { documents, values } = parseCatalog(catalog, dir);
  const passages = readPassageColumns(readFileSync(path.join(genDir, 'passages.bin')), values, dir);
  const docs = documents as IndexedDocument[];
  for (const p of passages) {
    const doc = docs[p.doc];
    if (!doc || doc.passages.length !== p.n - 1) throw createError('INDEX_CORRUPT', dir, `passages.bin: passage ${p.gid} is out of its document's order`);
    doc.passages.push(p);
  }
  const texts = readTexts(
    await inflatingTexts.catch((err: Error) => {
      throw createError('INDEX_CORRUPT', dir, `texts.bin: ${err.message}`);
    }),
    dir,
  );
  if (texts.length !== docs.length) throw createError('INDEX_CORRUPT', dir, `texts.bin holds ${texts.length} texts for ${docs.length} documents`);
  const compactBodies: string[] = [];
  for (const [i, doc] of docs.entries()) {
    const text = texts[i]!;
    doc.text = text;
    for (const body of matchForms(text, doc.passages.map((p) => ({ start: p.bodyStart, end: p.span.end })))) compactBodies.push(body);
  }
  if (passages.length !== manifest.passages) throw createError('INDEX_CORRUPT', dir, 'passage count differs from the manifest');
  done('catalog: documents, passages, compact bodies');

  const decoded = await decoding;
  const bigrams = new BigramIndex(decoded.bigrams);
  done('bigram and word lists: the wait for their decoding thread');
  const lists = listsFrom(decoded.lists, readJson<ListKeys>(path.join(genDir, 'lists.json'), dir), dir);
  done('word and tag lists: terms and tag values mapped');
  const { generation: _g, sizes: _s, ...plain } = manifest;
  const engine = createEngine({ manifest: plain, docs, passages, retrieval: new MemoryRetrieval(lists, bigrams, compactBodies), compactBodies, segmenter, aliasGroups });
  done('engine: speakers, facets, code points');
  return engine;
}
