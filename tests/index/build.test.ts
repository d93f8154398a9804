import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { BigramIndex } from '../../src/index/embedded/bigramIndex.js';
import { exportIndex } from '../../src/index/embedded/passageIndex.js';
import { search } from '../../src/search/search.js';
import { CORPUS, FIXTURES, filesFrom, memory } from '../helpers/corpora.js';
import { QUERIES } from '../helpers/querySet.js';

describe('buildIndex', () => {
  it('builds the same index on worker threads as in this thread, and answers queries the same', async () => {
    const files = filesFrom({ '': CORPUS, mfa: path.join(FIXTURES, 'mfa') });
    const inline = await buildIndex(files, { threads: 0 });
    const threaded = await buildIndex(files, { threads: 2 });
    try {
      expect((memory(threaded).bigrams as BigramIndex).serialize().equals((memory(inline).bigrams as BigramIndex).serialize())).toBe(true);
      expect(await exportIndex(memory(threaded).index!)).toEqual(await exportIndex(memory(inline).index!));
      expect([...threaded.passages].map((p) => p.topics)).toEqual([...inline.passages].map((p) => p.topics));
      for (const r of QUERIES) {
        const [a, b] = await Promise.all([search(threaded, r), search(inline, r)]);
        expect(a.hits.map((h) => h.id)).toEqual(b.hits.map((h) => h.id));
      }
    } finally {
      await threaded.segmenter.close();
    }
  });

  it('reports progress up to the number of passages', async () => {
    const seen: Array<[number, number]> = [];
    const e = await buildIndex(filesFrom({ '': CORPUS }), { onProgress: (done, total) => seen.push([done, total]) });
    expect(seen.at(-1)).toEqual([e.passages.length, e.passages.length]);
  });
});
