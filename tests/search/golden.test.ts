// Results pinned on a fixed query set: performance work must not change them.
// The fixture was written by this test with UPDATE_GOLDEN=1 before the tuning
// of issue 5 started; regenerate it only for an intended change of results,
// and say so in the commit.

import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { checkQuote } from '../../src/quote/quote.js';
import { search } from '../../src/search/search.js';
import { CORPUS, FIXTURES, filesFrom } from '../helpers/corpora.js';
import { QUERIES, QUOTES } from '../helpers/querySet.js';

const GOLDEN = path.join(FIXTURES, 'golden/results.json');

async function snapshot(engine: Engine) {
  const searches = [];
  for (const r of QUERIES) {
    const res = await search(engine, r);
    searches.push({ request: r, total: res.total, hits: res.hits.map((h) => [h.id, h.score]), facets: res.facets });
  }
  return {
    search: searches,
    quote: await Promise.all(
      QUOTES.map(async (text) => {
        const res = await checkQuote(engine, { text, baseUrl: 'http://localhost:3000', accessed: '2026-11-25' });
        return { text, found: res.found, exact: res.exact, matches: res.matches.map((m) => [m.passages, m.start, m.end, m.similarity]) };
      }),
    ),
  };
}

describe('results on a fixed query set', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await buildIndex(filesFrom({ '': CORPUS, mfa: path.join(FIXTURES, 'mfa') }));
  });

  it('are the ones pinned before the performance work', async () => {
    const now = await snapshot(engine);
    if (process.env.UPDATE_GOLDEN === '1' || !existsSync(GOLDEN)) {
      writeFileSync(GOLDEN, JSON.stringify(now, null, 1) + '\n');
    }
    expect(now).toEqual(JSON.parse(readFileSync(GOLDEN, 'utf8')));
  });
});
