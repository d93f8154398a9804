// The index on disk. A build writes a complete generation folder first and
// then replaces manifest.json atomically (write to a temporary file, rename),
// so a reader sees either the old index or the new one, never half of one.
//
//   index/manifest.json          formatVersion, analyzerVersion, corpusFingerprint, generation
//   index/<generation>/catalog.json   documents and passages without their text
//   index/<generation>/flex/<key>     FlexSearch export
//
// Texts are not copied into the index: they are read from the corpus, whose
// fingerprint the manifest pins.

import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { ANALYZER_VERSION } from '../analysis/tokenize.js';
import { createError, isHuayuError } from '../errors.js';
import { corpusFingerprint, type SourceFile } from '../ingest/readCorpus.js';
import type { TranscriptDocument } from '../parse/types.js';
import { addWords } from '../analysis/segment.js';
import { createEngine, type Engine, type IndexedDocument, type IndexedPassage, type Manifest } from './engine.js';
import { exportIndex, importIndex } from './passageIndex.js';

export const FORMAT_VERSION = 1;

interface StoredManifest extends Manifest {
  generation: string;
}

type StoredDocument = Omit<IndexedDocument, 'text'> & { topics: string[][] };

function readJson<T>(file: string, dir: string): T {
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as T;
  } catch (err) {
    throw createError('INDEX_CORRUPT', dir, `${path.basename(file)}: ${(err as Error).message}`);
  }
}

export async function saveIndex(dir: string, engine: Engine): Promise<void> {
  mkdirSync(dir, { recursive: true });
  const generation = `gen-${Date.now().toString(36)}-${process.pid}`;
  const genDir = path.join(dir, generation);
  mkdirSync(path.join(genDir, 'flex'), { recursive: true });

  const byDoc: string[][][] = engine.docs.map((d) => d.passages.map(() => []));
  for (const p of engine.passages) byDoc[p.doc]![p.n - 1] = p.topics;
  const documents: StoredDocument[] = engine.docs.map(({ text: _text, ...rest }, i) => ({ ...rest, topics: byDoc[i]! }));
  writeFileSync(path.join(genDir, 'catalog.json'), JSON.stringify({ documents }));
  for (const [key, data] of await exportIndex(engine.index)) {
    writeFileSync(path.join(genDir, 'flex', encodeURIComponent(key)), data);
  }

  const manifest: StoredManifest = { ...engine.manifest, generation };
  const tmp = path.join(dir, `manifest.json.tmp-${process.pid}`);
  writeFileSync(tmp, JSON.stringify(manifest, null, 1));
  renameSync(tmp, path.join(dir, 'manifest.json'));

  // Only now is the old generation unreachable.
  for (const entry of readdirSync(dir)) {
    if (entry.startsWith('gen-') && entry !== generation) rmSync(path.join(dir, entry), { recursive: true, force: true });
  }
}

export function readManifest(dir: string): StoredManifest {
  const file = path.join(dir, 'manifest.json');
  if (!existsSync(file)) throw createError('INDEX_NOT_FOUND', dir);
  return readJson<StoredManifest>(file, dir);
}

/**
 * Loads the index if it was built by this format and analyzer from exactly
 * these corpus files; throws a named error otherwise.
 */
export function loadIndex(dir: string, files: SourceFile[]): Engine {
  const manifest = readManifest(dir);
  if (manifest.formatVersion !== FORMAT_VERSION) throw createError('INDEX_FORMAT_MISMATCH', manifest.formatVersion, FORMAT_VERSION);
  if (manifest.analyzerVersion !== ANALYZER_VERSION) throw createError('INDEX_ANALYZER_MISMATCH', manifest.analyzerVersion, ANALYZER_VERSION);
  if (manifest.corpusFingerprint !== corpusFingerprint(files)) throw createError('INDEX_STALE', dir);

  const genDir = path.join(dir, manifest.generation);
  const { documents } = readJson<{ documents: StoredDocument[] }>(path.join(genDir, 'catalog.json'), dir);
  const textByPath = new Map(files.map((f) => [f.path, f.text]));
  const docs: IndexedDocument[] = [];
  const passages: IndexedPassage[] = [];
  documents.forEach(({ topics, ...d }, di) => {
    const text = textByPath.get(d.path);
    if (text === undefined) throw createError('INDEX_STALE', dir);
    const doc: IndexedDocument = { ...(d as Omit<TranscriptDocument, 'text'> & { path: string; sha256: string }), text };
    docs.push(doc);
    doc.passages.forEach((p, i) => passages.push({ ...p, gid: passages.length, doc: di, topics: topics[i] ?? [] }));
  });
  if (passages.length !== manifest.passages) throw createError('INDEX_CORRUPT', dir, 'passage count differs from the manifest');

  const flexDir = path.join(genDir, 'flex');
  const parts = new Map<string, string>();
  try {
    for (const name of readdirSync(flexDir)) parts.set(decodeURIComponent(name), readFileSync(path.join(flexDir, name), 'utf8'));
  } catch (err) {
    throw createError('INDEX_CORRUPT', dir, (err as Error).message);
  }
  let index;
  try {
    index = importIndex(parts);
  } catch (err) {
    throw isHuayuError(err) ? err : createError('INDEX_CORRUPT', dir, `FlexSearch import: ${(err as Error).message}`);
  }
  addWords(manifest.userWords);
  const { generation: _g, ...plain } = manifest;
  return createEngine(plain, docs, passages, index);
}
