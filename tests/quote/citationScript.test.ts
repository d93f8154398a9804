// The plain-Chinese attribution is written in the transcript's own script: a
// Taiwan cabinet transcript's citation once read "…記者會上说：“…”", where
// Taiwan writes 說 and 「」; and a quote's own quotation marks nest inside.

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
  cpSync(path.join(FIXTURES, 'layouts', 'mofcom-004.txt'), path.join(dir, 'mofcom-004.txt'));
  cpSync(path.join(FIXTURES, 'layouts', 'qa-wenda-002.txt'), path.join(dir, 'qa-wenda-002.txt'));
  engine = await buildIndex(readCorpus(dir), { threads: 0 });
}, 60_000);

const cite = async (text: string) => (await checkQuote(engine, { text, baseUrl: 'http://localhost:3000', accessed: '2026-12-03' })).matches[0]!.citation.text;

describe('the attribution sentence of a citation', () => {
  it('says 說 and quotes in 「」 for a Traditional transcript, whatever script the quote was typed in', async () => {
    for (const typed of ['過去 Covid-19 的病人比較少', '过去 Covid-19 的病人比较少']) {
      const text = await cite(typed);
      expect(text).toMatch(/^莊人祥.*上說：「過去 Covid-19 的病人比較少」$/u);
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

  it('nests the quote’s own quotation marks inside the citation’s: ‘’ within “” in Simplified, 『』 within 「」 in Traditional', async () => {
    expect(await cite('美方称中国是军事和经济的“双重威胁”，完全是颠倒黑白的强盗说辞')).toMatch(/上说：“美方称中国是军事和经济的‘双重威胁’，完全是颠倒黑白的强盗说辞”$/u);
    expect(await cite('這個確診人數增加是因為我們採取「臺灣新模式」所必然會發生的')).toMatch(/上說：「這個確診人數增加是因為我們採取『臺灣新模式』所必然會發生的」$/u);
  });

  it('writes a quote that runs over two paragraphs as one line in the sentence, the match keeping the line break', async () => {
    const res = await checkQuote(engine, { text: '的阶级基础、群众基础、社会基础。二是突出我国工运时代主题', baseUrl: 'http://localhost:3000', accessed: '2026-12-03' });
    const m = res.matches[0]!;
    expect(m.passages).toHaveLength(2);
    expect(m.quote).toBe('的阶级基础、群众基础、社会基础。\n二是突出我国工运时代主题');
    expect(m.citation.text).toMatch(/上说：“的阶级基础、群众基础、社会基础。二是突出我国工运时代主题”$/u);
  });

  it('names a spokesperson the transcript leaves unnamed once, where a named one is followed by the title', async () => {
    const text = await cite('美方称中国是军事和经济的“双重威胁”');
    expect(text).toMatch(/^商务部新闻发言人在2026年/u);
    expect(text).not.toContain('（');
    expect(await cite('大力发展夜间经济')).toMatch(/^[^（]+（[^）]+）在2024年1月15日/u);
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
