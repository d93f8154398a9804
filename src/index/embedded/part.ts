// One part of the index on disk: a folder written once and never changed, as
// Lucene's segments are. The first part holds the corpus as it was built;
// each later part the transcripts added or changed since (update.ts). A part's
// passages and documents are numbered from 0 within it; compose.ts gives them
// their places in the engine.
//
//   <generation>/catalog.jsonl  the passages' value tables, then a document a line (without text, passages or details)
//   <generation>/details.bin    each document's details (roster, turns, metadata lines), compressed in blocks (details.ts)
//   <generation>/passages.bin   the passages as columns (../passageColumns.ts), uncompressed
//   <generation>/texts.bin      the documents' texts as UTF-16 (texts.ts)
//   <generation>/bigrams.bin    the bigram lists as gap varints, with a table of where each starts (packedLists.ts)
//   <generation>/lists.json     the word index's terms and the tags' values, in order
//   <generation>/lists.bin      their lists (FlexSearch's slots, tag ids), likewise (postings.ts)
//
// The catalog and the texts are gzip-compressed (level 1, inflated on libuv's
// threads: the texts are 73 MB of UTF-16 at 100 MB, 29 MB compressed, which
// keeps the index within 1.5x the corpus at ~0.3 s of opening); the list files
// and passages.bin are not (varints hardly compress, and a file read as it is
// needs no inflating): a large part's lists are decoded on a worker thread
// while this one reads the catalog (listsThread.ts). FlexSearch is not saved
// as its own export: opening that took 1.6 s and ~380 MB of heap at 100 MB;
// the lists queries read are written instead (postings.ts).

import { mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { matchForms } from '../../analysis/normalize.js';
import { createError } from '../../errors.js';
import { readDetails, writeDetails } from '../details.js';
import type { DetailsTable, IndexedDocument, IndexedPassage } from '../engine.js';
import { BigramIndex } from './bigramIndex.js';
import { writePassageColumns, type PassageValues } from '../passageColumns.js';
import { readColumnPassages } from '../columnPassage.js';
import { decodePartLists, listsFrom, serializeLists, type ListKeys, type Lists } from './postings.js';
import { decodeListsOnThread } from './listsThread.js';
import { readTexts, writeTexts } from './texts.js';

/** A part in memory: its documents with their texts, passages numbered from 0, and their lists. */
export interface Part {
  docs: IndexedDocument[];
  details: DetailsTable;
  passages: IndexedPassage[];
  /** Normalized passage bodies without punctuation or spaces, by the part's passage number. */
  compactBodies: string[];
  lists: Lists;
  bigrams: BigramIndex;
}

/** A part as the manifest lists it. */
export interface PartRecord {
  generation: string;
  /** Size of every file: a truncated or swapped file is caught before it is parsed. */
  sizes: Record<string, number>;
  /** The documents' corpus paths, in the part's order: where an update finds a transcript to remove. */
  documents: string[];
  /** Each document's passages, in the same order: what removing it takes away. */
  counts: number[];
  passages: number;
}

const GZIP_LEVEL = 1;
const gzipAsync = promisify(gzip);
const gunzipAsync = promisify(gunzip);

/** Above this many bytes of lists a later part is decoded on a worker thread too (a thread costs ~50 ms to start). */
const DECODE_ON_THREAD_BYTES = 4 << 20;

const GENERATION = 'gen-';

/** Whether a folder of the index is a part's (named or left over by a killed write). */
export function isGeneration(name: string): boolean {
  return name.startsWith(GENERATION);
}

/** A part's folder name: written once, never reused. */
export function newGeneration(): string {
  return `${GENERATION}${Date.now().toString(36)}-${process.pid}-${Math.random().toString(36).slice(2, 6)}`;
}

/** Writes the part's files into `dir`/<a new generation> and says what it wrote. */
export async function writePart(dir: string, part: Omit<Part, 'compactBodies'>): Promise<PartRecord> {
  const generation = newGeneration();
  const genDir = path.join(dir, generation);
  mkdirSync(genDir, { recursive: true });
  // Text and passages kept in their places among the keys, empty: a loaded document has its keys in the parser's order.
  const documents = part.docs.map((d) => ({ ...d, text: '', passages: [] }));
  const columns = writePassageColumns(part.passages);
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
  write('details.bin', writeDetails(part.details), false);
  write('passages.bin', columns.bytes, false);
  write('texts.bin', writeTexts(part.docs.map((d) => d.text)));
  write('bigrams.bin', part.bigrams.serialize(), false);
  const keys = part.lists.keys();
  write('lists.json', JSON.stringify(keys));
  write('lists.bin', serializeLists(part.lists, keys), false);
  await Promise.all(writes);
  return { generation, sizes, documents: part.docs.map((d) => d.path), counts: part.docs.map((d) => d.passages.length), passages: part.passages.length };
}

function parseCatalog(buf: Buffer, dir: string): { documents: IndexedDocument[]; values: PassageValues } {
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
  return { documents: documents as IndexedDocument[], values: values as PassageValues };
}

/** Where a read's time went, phase by phase. */
type PhaseDone = (phase: string) => void;

/**
 * Reads one part (`first`: the index's first); every file is checked against its recorded size first, and
 * anything damaged is INDEX_CORRUPT naming `dir`. Starts its inflating and
 * decoding before its first await, so a caller can check the corpus meanwhile.
 */
export async function readPart(dir: string, record: PartRecord, done: PhaseDone = () => {}, first = false): Promise<Part> {
  const genDir = path.join(dir, record.generation);
  for (const [rel, size] of Object.entries(record.sizes)) {
    let actual = -1;
    try {
      actual = statSync(path.join(genDir, rel)).size;
    } catch {
      // missing: reported below
    }
    if (actual !== size) throw createError('INDEX_CORRUPT', dir, `${rel} is ${actual < 0 ? 'missing' : `${actual} bytes, expected ${size}`}`);
  }
  // In 1 MB pieces: zlib's default 16 KB made the main thread copy 4,500 pieces of the texts (~0.2 s at 100 MB).
  const inflate = (rel: string) => readFile(path.join(genDir, rel)).then((b) => gunzipAsync(b, { chunkSize: 1 << 20 }));
  const inflatingCatalog = inflate('catalog.jsonl');
  const inflatingTexts = inflate('texts.bin');
  const listBytes = (record.sizes['lists.bin'] ?? 0) + (record.sizes['bigrams.bin'] ?? 0);
  // The first part (the corpus as built) always: its decoding overlaps this thread's catalog.
  const decoding =
    first || listBytes > DECODE_ON_THREAD_BYTES
      ? decodeListsOnThread({ genDir, dir })
      : Promise.resolve().then(() => decodePartLists(genDir, dir));
  // Failures are reported where they are awaited, below; not as unhandled rejections meanwhile.
  for (const p of [inflatingCatalog, inflatingTexts, decoding]) p.catch(() => undefined);

  const catalog = await inflatingCatalog.catch((err: Error) => {
    throw createError('INDEX_CORRUPT', dir, `catalog.jsonl: ${err.message}`);
  });
  const { documents: docs, values } = parseCatalog(catalog, dir);
  const passages = readColumnPassages(readFileSync(path.join(genDir, 'passages.bin')), values, (detail) => createError('INDEX_CORRUPT', dir, `passages.bin: ${detail}`));
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
  if (passages.length !== record.passages || docs.length !== record.documents.length) {
    throw createError('INDEX_CORRUPT', dir, `${record.generation} holds ${docs.length} documents and ${passages.length} passages, the manifest says ${record.documents.length} and ${record.passages}`);
  }
  const details = readDetails(readFileSync(path.join(genDir, 'details.bin')), (detail) => createError('INDEX_CORRUPT', dir, `details.bin: ${detail}`));
  if (details.length !== docs.length) throw createError('INDEX_CORRUPT', dir, `details.bin holds ${details.length} documents' details for ${docs.length} documents`);
  done('catalog: documents, passages, compact bodies');

  const decoded = await decoding;
  const bigrams = new BigramIndex(decoded.bigrams);
  done('bigram and word lists: the wait for their decoding thread');
  let keys: ListKeys;
  try {
    keys = JSON.parse((await gunzipAsync(readFileSync(path.join(genDir, 'lists.json')))).toString('utf8')) as ListKeys;
  } catch (err) {
    throw createError('INDEX_CORRUPT', dir, `lists.json: ${(err as Error).message}`);
  }
  const lists = listsFrom(decoded.lists, keys, dir);
  done('word and tag lists: terms and tag values mapped');
  return { docs, details, passages, compactBodies, lists, bigrams };
}
