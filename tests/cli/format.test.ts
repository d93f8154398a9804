// A search result as the CLI prints it (src/cli/format.ts).

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { search } from '../../src/search/search.js';
import { formatHit, formatQuote } from '../../src/cli/format.js';
import { checkQuote } from '../../src/quote/quote.js';
import { FIXTURES, filesFrom, SEED } from '../helpers/corpora.js';

let engine: Engine;
beforeAll(async () => {
  engine = await buildIndex(filesFrom({ layouts: path.join(FIXTURES, 'layouts'), mfa: path.join(FIXTURES, 'mfa'), '': path.dirname(SEED) }), { threads: 0 });
}, 60_000);

describe('formatHit', () => {
  it('names a spokesperson the transcript leaves unnamed once, and a named speaker with the title', async () => {
    const [unnamed] = (await search(engine, { q: '双重威胁', doc: 'layouts.mofcom-004' })).hits;
    expect(formatHit(unnamed!, 1, false).split('\n')[0]).toMatch(/^\[1\] 商务部新闻发言人 · answer · /u);
    const [named] = (await search(engine, { q: '夜间经济', speaker: '梁顺海' })).hits;
    expect(formatHit(named!, 1, false).split('\n')[0]).toMatch(/^\[1\] 梁顺海（张掖市商务局局长） · /u);
  });

  it('gives the date once: before a title that does not state it, not before one that does', async () => {
    const [mfa] = (await search(engine, { q: '台湾', speaker: '林剑' })).hits;
    const line = formatHit(mfa!, 1, false).split('\n')[0]!;
    expect(line).toMatch(/ · \d{4}年\d{1,2}月\d{1,2}日外交部发言人林剑主持例行记者会 · /u);
    expect(line).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
    const [seed] = (await search(engine, { q: '夜间经济', speaker: '梁顺海' })).hits;
    expect(formatHit(seed!, 1, false).split('\n')[0]).toContain(' · 2024-01-15 甘肃省政府新闻办');
  });
});

describe('formatQuote', () => {
  it('gives a source\'s date once, as a search result does: not before a title that states it', async () => {
    const [mfa] = (await search(engine, { q: '台湾', speaker: '林剑' })).hits;
    const said = [...mfa!.text].slice(mfa!.bodyStart - mfa!.start, mfa!.bodyStart - mfa!.start + 24).join('');
    const res = await checkQuote(engine, { text: said, baseUrl: 'http://localhost:3000', accessed: '2026-12-03' });
    expect(res.found).toBe(true);
    const source = formatQuote(res, false).split('\n')[1]!;
    expect(source).toMatch(/^\[1\] 林剑 · \d{4}年\d{1,2}月\d{1,2}日外交部发言人林剑主持例行记者会 · similarity /u);
    expect(source).not.toMatch(/\d{4}-\d{2}-\d{2}/u);
  });

  it('puts the date before a title that does not state it', async () => {
    const [seed] = (await search(engine, { q: '夜间经济', speaker: '梁顺海' })).hits;
    const said = [...seed!.text].slice(seed!.bodyStart - seed!.start, seed!.bodyStart - seed!.start + 24).join('');
    const source = formatQuote(await checkQuote(engine, { text: said, baseUrl: 'http://localhost:3000', accessed: '2026-12-03' }), false).split('\n')[1]!;
    expect(source).toMatch(/^\[1\] 梁顺海 · 2024-01-15 甘肃省政府新闻办/u);
  });
});
