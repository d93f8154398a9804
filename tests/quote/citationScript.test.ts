// The plain-Chinese attribution is written in the transcript's own script: a
// Taiwan cabinet transcript's citation once read "…記者會上说".

import { cpSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { writtenTraditional } from '../../src/parse/script.js';
import { checkQuote } from '../../src/quote/quote.js';
import { FIXTURES, SEED } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

let engine: Engine;
beforeAll(async () => {
  const dir = tempDir('citation-script');
  cpSync(path.join(FIXTURES, 'layouts', 'tw-moda-005.txt'), path.join(dir, 'tw-moda-005.txt'));
  cpSync(SEED, path.join(dir, 'zhangye-2024-01-15.txt'));
  engine = await buildIndex(readCorpus(dir), { threads: 0 });
}, 60_000);

const cite = async (text: string) => (await checkQuote(engine, { text, baseUrl: 'http://localhost:3000', accessed: '2026-12-03' })).matches[0]!.citation.text;

describe('the attribution sentence of a citation', () => {
  it('says 說 in Traditional for a Traditional transcript, whatever script the quote was typed in', async () => {
    for (const typed of ['過去 Covid-19 的病人比較少', '过去 Covid-19 的病人比较少']) {
      const text = await cite(typed);
      expect(text).toMatch(/^莊人祥.*上說：“過去 Covid-19 的病人比較少”$/u);
      expect(text).not.toContain('说');
    }
  });

  it('says 说 in Simplified for a Simplified transcript, whatever script the quote was typed in', async () => {
    for (const typed of ['大力发展夜间经济', '大力發展夜間經濟']) {
      const text = await cite(typed);
      expect(text).toMatch(/上说：“大力发展夜间经济”$/u);
      expect(text).not.toContain('說');
    }
  });
});

describe('writtenTraditional', () => {
  it('takes a text for Traditional when two different characters of it fold to Simplified, not one however often', () => {
    expect(writtenTraditional('記者會')).toBe(true);
    expect(writtenTraditional('莊人祥在記者會上')).toBe(true);
    expect(writtenTraditional('乾县人民政府新闻发布会乾县人民政府新闻发布会')).toBe(false);
    expect(writtenTraditional('乾隆年间')).toBe(false);
    expect(writtenTraditional('外交部发言人毛宁主持例行记者会')).toBe(false);
  });
});
