// The corpus folder's synonyms.tsv: the short forms users add to the
// built-in ones (search/queryConventions.ts). Not a transcript: only .txt and
// .html files are read as those.

import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

export const SYNONYMS_FILE = 'synonyms.tsv';

/** One group a line, the word first, then the text's forms, separated by spaces, tabs or commas; `#` starts a comment. */
export function readSynonymGroups(corpusDir: string): string[][] {
  const file = path.join(corpusDir, SYNONYMS_FILE);
  if (!existsSync(file)) return [];
  return readFileSync(file, 'utf8')
    .split(/\r?\n/u)
    .map((l) => l.replace(/#.*$/u, '').trim())
    .filter(Boolean)
    .map((l) => l.split(/[\s,，、]+/u).filter(Boolean))
    .filter((g) => g.length > 1);
}
