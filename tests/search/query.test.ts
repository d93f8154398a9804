import { beforeAll, describe, expect, it } from 'vitest';
import { indexTokens } from '../../src/analysis/tokenize.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { heldAsString, parseQuery } from '../../src/search/query.js';
import { bodyOf, CORPUS, filesFrom, FIXTURES } from '../helpers/corpora.js';

let engine: Engine;

beforeAll(async () => {
  // Simplified and Traditional text (the Taiwan fixture), so folding is on both sides of the claim.
  engine = await buildIndex(filesFrom({ '': CORPUS, mfa: `${FIXTURES}/mfa`, layouts: `${FIXTURES}/layouts` }), { threads: 0 });
}, 120_000);

describe('heldAsString', () => {
  it('is true only where every passage found through the word also holds it as a contiguous string', async () => {
    const terms = new Set<string>();
    for (const p of engine.passages) for (const t of indexTokens(bodyOf(engine, p))) terms.add(t);
    let checked = 0;
    for (const term of terms) {
      const [part] = (await parseQuery(term, engine.segmenter)).parts;
      if (!part || !heldAsString(part)) continue;
      const strings = new Set(await engine.retrieval.substringMatches(part.compact));
      const missing = Array.from(await engine.retrieval.wordMatches(part.terms)).filter((g) => !strings.has(g));
      expect(missing, term).toEqual([]);
      checked++;
    }
    // The claim is checked on thousands of words, not a handful.
    expect(checked).toBeGreaterThan(3000);
  });

  it('is false for parts of several words, single characters and Latin or figures', async () => {
    const parts = (await parseQuery('营商环境 台 WTO 5亿元 外交部', engine.segmenter)).parts;
    expect(parts.map((p) => [p.raw, heldAsString(p)])).toEqual([
      ['营商环境', false],
      ['台', false],
      ['WTO', false],
      ['5亿元', false],
      ['外交部', true],
    ]);
  });
});
