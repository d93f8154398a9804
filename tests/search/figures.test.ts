// Figures near a subject are given a page of passages at a time, newest
// first: a common subject's figures once fetched every document's text.

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { figuresNear } from '../../src/search/figures.js';
import { CORPUS, FIXTURES, filesFrom } from '../helpers/corpora.js';
import { textSpy } from '../helpers/textSpy.js';

describe('figuresNear', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await buildIndex(filesFrom({ '': CORPUS, mfa: path.join(FIXTURES, 'mfa') }), { threads: 0 });
  }, 60_000);

  it('reads the texts of the page\'s passages alone, newest document first', async () => {
    // Whole documents or their spans: either way, the documents a page read.
    const { texts, asked } = textSpy(engine);
    const counting: Engine = { ...engine, texts };
    const all = await figuresNear(counting, '中国', { limit: 100_000, offset: 0 });
    expect(all.total).toBeGreaterThan(20);
    asked.length = 0;
    const page = await figuresNear(counting, '中国', { limit: 5, offset: 0 });
    expect(page.total).toBe(all.total);
    // Five passages' documents, however many mention the subject.
    expect(new Set(asked.flat()).size).toBeLessThanOrEqual(5);
    // The page's figures are the first of the whole answer, which runs newest document first.
    expect(all.figures.slice(0, page.figures.length)).toEqual(page.figures);
    const dates = all.figures.map((f) => f.doc.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
