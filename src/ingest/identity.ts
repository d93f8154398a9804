// How a transcript and a corpus are named: a document's id from its path, and
// one fingerprint for a whole corpus. Apart from readCorpus.ts, whose decoders
// a process that only serves or queries an index never needs: with html-to-text
// and its parser, the command line's entry was 1.09 MB rather than 0.50, and
// `huayu --help` took 0.21–0.22 s rather than 0.17–0.19.

import { createHash } from 'node:crypto';

export function documentIdForPath(relPath: string): string {
  return relPath
    .replace(/\.(?:txt|html?)$/iu, '')
    .split('/')
    .map((s) => s.replace(/[^\p{L}\p{N}_-]+/gu, '-'))
    .join('.');
}

/** One hash over every file's path and content hash: equal exactly when the corpus is. */
export function corpusFingerprint(files: ReadonlyArray<{ path: string; sha256: string }>): string {
  const h = createHash('sha256');
  for (const f of files) h.update(`${f.path}\0${f.sha256}\n`);
  return h.digest('hex');
}
