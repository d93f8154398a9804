// Files → text. Every transcript under the corpus folder (recursively), with a
// content hash so an index can tell whether it was built from these bytes.

import { createHash } from 'node:crypto';
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { createError, isHuayuError, type ErrorCode } from '../errors.js';
import { decodeTranscript, DEFAULT_LIMITS, type DecodeLimits, type Encoding } from './decode.js';
import { documentIdForPath } from './identity.js';

/** A transcript file as the folder lists it, before it is read. */
export interface CorpusEntry {
  /** Path relative to the corpus folder, with forward slashes. */
  path: string;
  /** Stable document id derived from the path: `mfa-fyrbt-2020-2024/001.txt` → `mfa-fyrbt-2020-2024.001`. */
  id: string;
  file: string;
  bytes: number;
  mtimeMs: number;
}

export interface SourceFile extends Omit<CorpusEntry, 'file'> {
  text: string;
  sha256: string;
  encoding: Encoding;
  /** What decoding had to say (GB18030, HTML converted). */
  warnings: string[];
}

/** A file that is not indexed, and why: binary, empty, too large, undecodable. */
export interface RefusedFile extends Omit<CorpusEntry, 'file'> {
  sha256: string;
  error: { code: ErrorCode; message: string };
}

export function isRefused(f: SourceFile | RefusedFile): f is RefusedFile {
  return 'error' in f;
}

function listTranscripts(dir: string, prefix = ''): string[] {
  const out: string[] = [];
  for (const entry of readdirSync(dir, { withFileTypes: true }).sort((a, b) => (a.name < b.name ? -1 : 1))) {
    if (entry.name.startsWith('.')) continue;
    const rel = prefix ? `${prefix}/${entry.name}` : entry.name;
    if (entry.isDirectory()) out.push(...listTranscripts(path.join(dir, entry.name), rel));
    else if (entry.isFile() && /\.(?:txt|html?)$/iu.test(entry.name)) out.push(rel);
  }
  return out;
}

/** The transcripts of a folder with their sizes and times, without reading them. */
export function scanCorpus(dir: string): CorpusEntry[] {
  if (!existsSync(dir) || !statSync(dir).isDirectory()) throw createError('CORPUS_NOT_FOUND', dir);
  const entries = listTranscripts(dir).map((rel) => {
    const file = path.join(dir, rel);
    const st = statSync(file);
    return { path: rel, id: documentIdForPath(rel), file, bytes: st.size, mtimeMs: st.mtimeMs };
  });
  if (entries.length === 0) throw createError('CORPUS_EMPTY', dir);
  return entries;
}

/**
 * Whether a file is taken to be as an index recorded it without reading it: the same size and
 * modification time (as git does), and on the same side of today's size limit as when it was
 * recorded (`refused`: the code it was refused with, if it was). A file refused for its size is read
 * again only once a raised limit admits it; while it stays too large it stays as recorded.
 */
export function isAsRecorded(entry: CorpusEntry, recorded: { bytes: number; mtimeMs: number }, refused: string | undefined, limits: DecodeLimits = DEFAULT_LIMITS): boolean {
  const tooLarge = entry.bytes > limits.maxBytes;
  return recorded.bytes === entry.bytes && recorded.mtimeMs === entry.mtimeMs && tooLarge === (refused === 'FILE_TOO_LARGE');
}

/**
 * Reads and decodes a transcript, or says why it is refused; never throws for
 * a bad file, so one bad file cannot stop the others. `knownSha256` (from an
 * index whose record of the file matches its size and time) spares hashing it.
 */
export function readSource(entry: CorpusEntry, knownSha256?: string, limits: DecodeLimits = DEFAULT_LIMITS): SourceFile | RefusedFile {
  const buf = readFileSync(entry.file);
  const { file: _file, ...rest } = entry;
  const sha256 = knownSha256 ?? createHash('sha256').update(buf).digest('hex');
  try {
    const decoded = decodeTranscript(buf, entry.path, limits);
    return { ...rest, bytes: buf.length, sha256, ...decoded };
  } catch (err) {
    if (!isHuayuError(err)) throw err;
    return { ...rest, bytes: buf.length, sha256, error: { code: err.code, message: err.message } };
  }
}

export function readCorpus(dir: string, limits: DecodeLimits = DEFAULT_LIMITS): Array<SourceFile | RefusedFile> {
  return scanCorpus(dir).map((e) => readSource(e, undefined, limits));
}
