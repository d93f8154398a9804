// Chinese word segmentation and the dictionary knowledge that goes with it.
// nodejieba is the only module that touches the segmenter; everything else
// asks for words, sub-words, IDF weights and stop words through this file.

import { existsSync, mkdirSync, readFileSync, renameSync, statSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import nodejieba from 'nodejieba';
import { createError } from '../errors.js';
import { packageRoot } from '../packageRoot.js';
import { IdfTable, type IdfSource } from './idfTable.js';

let loaded = false;

/**
 * Loads the dictionaries once, without jieba's own keyword-extractor tables:
 * we read its IDF file ourselves (below), and its load of 258,000 IDF lines
 * adds ~0.7 s to every process start. load() needs real files (a missing path
 * aborts the process), so two one-line stand-ins are written to the temp folder.
 */
export function ensureLoaded(): void {
  if (loaded) return;
  loaded = true;
  try {
    const dir = path.join(os.tmpdir(), 'huayu-jieba');
    const idf = path.join(dir, 'idf.utf8');
    const stop = path.join(dir, 'stop_words.utf8');
    if (!existsSync(idf) || !existsSync(stop)) {
      mkdirSync(dir, { recursive: true });
      writeFileSync(idf, '的 1.0\n');
      writeFileSync(stop, '的\n');
    }
    nodejieba.load({ idfDict: idf, stopWordDict: stop });
  } catch {
    nodejieba.load();
  }
}

/**
 * Words of a run of Chinese text, in order; they concatenate back to the input.
 * HMM is on: without it unknown names fall apart into characters (刘|力|江).
 */
export function segmentChinese(text: string): string[] {
  ensureLoaded();
  return nodejieba.cut(text, true);
}

/**
 * Search granularity: the words of segmentChinese plus the dictionary words
 * inside each longer one (招商引资 → 招商, 引资, 招商引资), as jieba's search
 * mode gives them. Strings only: the index needs terms, not offsets.
 */
export function segmentForSearch(text: string): string[] {
  ensureLoaded();
  return nodejieba.cutForSearch(text, true);
}

// Present at run time, missing from nodejieba's typings.
const DICTS = nodejieba as unknown as { DEFAULT_IDF_DICT: string; DEFAULT_STOP_WORD_DICT: string };

const added = new Set<string>();

/**
 * Teaches the segmenter words the documents themselves introduce (speaker
 * names, organisations), so 刘力江 and 郝文年 stay whole. Uses insertWord,
 * not load({userDict}): a userDict path that does not exist aborts the process.
 */
export function addWords(words: Iterable<string>): void {
  for (const w of words) {
    if (w.length < 2 || added.has(w)) continue;
    ensureLoaded();
    added.add(w);
    nodejieba.insertWord(w);
  }
}

export function addedWords(): string[] {
  return [...added];
}

let idfTable: IdfTable | null = null;

/** Where the build writes the IDF table (writeIdfTable), for every process to open as it is. */
export const IDF_TABLE_FILE = path.join(packageRoot(import.meta.url), 'dist/jieba-idf.bin');

function idfSource(): IdfSource {
  const s = statSync(DICTS.DEFAULT_IDF_DICT);
  return { bytes: s.size, mtimeMs: s.mtimeMs };
}

/** The table the build wrote for the idf.utf8 installed now, or null (not built, or built for another). */
function writtenIdfTable(file: string): IdfTable | null {
  let bytes: Buffer;
  try {
    bytes = readFileSync(file);
  } catch {
    return null;
  }
  try {
    return IdfTable.fromBytes(bytes, idfSource());
  } catch (err) {
    const warning = createError('IDF_TABLE_DAMAGED', file, (err as Error).message);
    process.emitWarning(warning.message, { type: 'HuayuWarning', code: warning.code });
    return null;
  }
}

function idfs(): IdfTable {
  idfTable ??= writtenIdfTable(IDF_TABLE_FILE) ?? IdfTable.parse(readFileSync(DICTS.DEFAULT_IDF_DICT, 'utf8'));
  return idfTable;
}

/**
 * Writes the IDF table of the idf.utf8 installed now to `file` (the build does, to IDF_TABLE_FILE), unless
 * it holds it already; returns whether it wrote. Renamed into place, so a process never opens half a file.
 */
export function writeIdfTable(file = IDF_TABLE_FILE): boolean {
  if (writtenIdfTable(file)) return false;
  const source = idfSource();
  const bytes = IdfTable.parse(readFileSync(DICTS.DEFAULT_IDF_DICT, 'utf8')).toBytes(source);
  mkdirSync(path.dirname(file), { recursive: true });
  const partial = `${file}.${process.pid}.tmp`;
  writeFileSync(partial, bytes);
  renameSync(partial, file);
  return true;
}

/** jieba's inverse document frequency for a word; unknown words get the average, as jieba's extractor does. */
export function inverseDocumentFrequency(word: string): number {
  const t = idfs();
  return t.get(word) ?? t.average;
}

/**
 * In jieba's own dictionary (as its IDF table lists it): not a word the HMM guessed. Words taught
 * by the documents do not count, since which were taught depends on what this process indexed
 * before, and a document's topics must not.
 */
export function isKnownWord(word: string): boolean {
  return word.length < 2 || idfs().has(word);
}

let stops: Set<string> | null = null;

export function isStopWord(word: string): boolean {
  stops ??= new Set(readFileSync(DICTS.DEFAULT_STOP_WORD_DICT, 'utf8').split('\n').map((s) => s.trim()));
  return stops.has(word);
}
