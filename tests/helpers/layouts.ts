// Transcripts in layouts other than the seed's and the Foreign Ministry's:
// the six copied into tests/fixtures/layouts run everywhere; the rest of
// ../shared/corpus-layouts only where that folder exists.

import { existsSync } from 'node:fs';
import path from 'node:path';
import { FIXTURES, readText, ROOT } from './corpora.js';

export const SHARED_LAYOUTS = path.resolve(ROOT, '../shared/corpus-layouts');
export const HAS_LAYOUTS = existsSync(SHARED_LAYOUTS);
export const LAYOUTS_SKIP_MESSAGE = `skipped: ${SHARED_LAYOUTS} is absent (the layout samples are only on the developers' machines)`;

/** `mod/002.txt` → its copy in tests/fixtures/layouts when there is one, else the shared file (null when absent). */
export function layoutText(rel: string): string | null {
  const copy = path.join(FIXTURES, 'layouts', rel.replace('/', '-'));
  if (existsSync(copy)) return readText(copy);
  const shared = path.join(SHARED_LAYOUTS, rel);
  return existsSync(shared) ? readText(shared) : null;
}
