import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { search } from '../../src/search/search.js';
import { documentText, seedEngine } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

let engine: Engine;
beforeAll(async () => {
  engine = await seedEngine();
});

const speakersOf = async (q: string, extra = {}) => (await search(engine, { q, limit: 100, ...extra })).hits.map((h) => h.speaker?.name);

describe('search on the seed', () => {
  it("finds 梁顺海's passage for 夜间经济 and marks the term", async () => {
    const res = await search(engine, { q: '夜间经济' });
    expect(res.total).toBe(1);
    expect(res.hits[0]!.speaker?.name).toBe('梁顺海');
    expect(res.hits[0]!.highlight).toContain('<mark>夜间经济</mark>');
  });

  it('finds 浙商最佳投资城市 in passages by both 刘力江 and 郝文年', async () => {
    expect(new Set(await speakersOf('浙商最佳投资城市'))).toEqual(new Set(['刘力江', '郝文年']));
  });

  it('returns only 张成琦 for 营商环境 with speaker=张成琦', async () => {
    const names = await speakersOf('营商环境', { speaker: '张成琦' });
    expect(names.length).toBeGreaterThan(0);
    expect(new Set(names)).toEqual(new Set(['张成琦']));
  });

  it('finds the same passages for 營商環境 as for 营商环境', async () => {
    const ids = async (q: string) => (await search(engine, { q, limit: 100 })).hits.map((h) => h.id);
    expect(await ids('營商環境')).toEqual(await ids('营商环境'));
    expect((await ids('營商環境')).length).toBeGreaterThan(5);
  });

  it('marks the original Traditional characters when the source is Traditional', async () => {
    // The seed is Simplified; the marks sit on whatever characters the source has.
    const res = await search(engine, { q: '營商環境' });
    expect(res.hits[0]!.highlight).toContain('<mark>营商环境</mark>');
  });

  it('returns only passages containing a "quoted phrase"', async () => {
    const res = await search(engine, { q: '"优化营商环境"', limit: 100 });
    expect(res.total).toBeGreaterThan(0);
    for (const h of res.hits) expect(h.text).toContain('优化营商环境');
    const all = await search(engine, { q: '优化 营商环境', limit: 100 });
    expect(all.total).toBeGreaterThan(res.total);
  });

  it('ranks passages holding the whole phrase above passages with its words scattered', async () => {
    const res = await search(engine, { q: '经济发展', limit: 100 });
    const contiguous = res.hits.map((h) => h.text.includes('经济发展'));
    const firstScattered = contiguous.indexOf(false);
    expect(firstScattered).toBeGreaterThan(0);
    expect(contiguous.slice(firstScattered).every((c) => !c)).toBe(true);
  });

  it('finds sub-words: 招商 matches 招商局 and 招商引资', async () => {
    const texts = (await search(engine, { q: '招商', limit: 100 })).hits.map((h) => h.text);
    expect(texts.some((t) => t.includes('招商引资'))).toBe(true);
    expect(texts.some((t) => t.includes('招商局'))).toBe(true);
  });

  it('finds every speaker who cited the figure 49.58%', async () => {
    expect(new Set(await speakersOf('49.58%'))).toEqual(new Set(['刘力江', '郝文年']));
  });

  it('is a 200 with no hits for an unknown speaker', async () => {
    const res = await search(engine, { q: '营商环境', speaker: '无此人' });
    expect(res.total).toBe(0);
    expect(res.hits).toEqual([]);
  });

  it('combines filters with AND: speaker and kind', async () => {
    const res = await search(engine, { q: '营商环境', speaker: '张成琦', kind: 'question', limit: 100 });
    expect(res.total).toBe(0);
    const answers = await search(engine, { q: '营商环境', speaker: '张成琦', kind: 'answer', limit: 100 });
    expect(answers.total).toBeGreaterThan(0);
  });

  it('filters by topic, document and date', async () => {
    expect(await speakersOf('项目', { topic: '牵紧重大项目牛鼻子' })).toEqual(['刘力江']);
    expect((await search(engine, { q: '营商环境', doc: 'zhangye-2024-01-15' })).total).toBeGreaterThan(0);
    expect((await search(engine, { q: '营商环境', doc: 'nope' })).total).toBe(0);
    expect((await search(engine, { q: '营商环境', from: '2024-01-15', to: '2024-01-15' })).total).toBeGreaterThan(0);
    expect((await search(engine, { q: '营商环境', from: '2024-01-16' })).total).toBe(0);
  });

  it('counts speakers and topics over all matches, not just the page', async () => {
    const res = await search(engine, { q: '营商环境', limit: 1 });
    const counted = res.facets.speakers.reduce((n, s) => n + s.count, 0);
    expect(res.hits).toHaveLength(1);
    expect(counted).toBe(res.total - (await search(engine, { q: '营商环境', limit: 100 })).hits.filter((h) => !h.speaker).length);
    expect(res.facets.topics.length).toBeGreaterThan(0);
  });

  it('pages with limit and offset', async () => {
    const all = (await search(engine, { q: '营商环境', limit: 100 })).hits.map((h) => h.id);
    const page2 = (await search(engine, { q: '营商环境', limit: 3, offset: 3 })).hits.map((h) => h.id);
    expect(page2).toEqual(all.slice(3, 6));
  });

  it('cuts a long passage to a snippet at sentence ends', async () => {
    const h = (await search(engine, { q: '夜间经济' })).hits[0]!;
    expect(h.highlight.startsWith('…')).toBe(true);
    const visible = h.highlight.replace(/<\/?mark>/gu, '').replace(/^…|…$/gu, '');
    expect(visible.startsWith('大力发展夜间经济')).toBe(true);
    expect(h.text.slice(h.snippet.start - h.start, h.snippet.end - h.start)).toBe(visible);
  });

  it('gives passage and mark offsets that cut the document back to the passage and the term', async () => {
    const h = (await search(engine, { q: '夜间经济' })).hits[0]!;
    const doc = [...(await documentText(engine, 0))];
    expect(doc.slice(h.start, h.end).join('')).toBe(h.text);
    expect(h.marks.map((m) => doc.slice(m.start, m.end).join(''))).toEqual(['夜间经济']);
  });

  it('carries the exchange of an answer: the question, its answers, who answered and whom it addressed', async () => {
    const h = (await search(engine, { q: '夜间经济' })).hits[0]!;
    expect(h.exchange).toEqual({
      question: 'zhangye-2024-01-15:p22',
      answers: ['zhangye-2024-01-15:p23', 'zhangye-2024-01-15:p24', 'zhangye-2024-01-15:p25', 'zhangye-2024-01-15:p26', 'zhangye-2024-01-15:p27', 'zhangye-2024-01-15:p28'],
      answeredBy: { name: '梁顺海' },
      addressee: { name: '梁顺海' },
      outlet: '中国甘肃网',
    });
  });

  it('refuses an empty or whitespace-only query with QUERY_EMPTY', async () => {
    await expect(search(engine, { q: '   ' })).rejects.toMatchObject({ code: 'QUERY_EMPTY' });
    await expect(search(engine, { q: '，。' })).rejects.toMatchObject({ code: 'QUERY_EMPTY' });
  });
});

describe('search offsets with a character outside the BMP', () => {
  it('counts 𠮷 as one code point in passage and mark offsets', async () => {
    const dir = tempDir('astral');
    const text = '2024年3月1日外交部发言人毛宁主持例行记者会\n𠮷野家记者：𠮷野家的问题是什么？\n毛宁：我们欢迎𠮷野家来华投资，营商环境很好。\n';
    writeFileSync(path.join(dir, 'astral.txt'), text);
    const astral = await buildIndex(readCorpus(dir));
    const h = (await search(astral, { q: '营商环境' })).hits[0]!;
    const cps = [...text];
    expect(cps.slice(h.start, h.end).join('')).toBe('毛宁：我们欢迎𠮷野家来华投资，营商环境很好。');
    expect(h.marks.map((m) => cps.slice(m.start, m.end).join(''))).toEqual(['营商环境']);
    // In UTF-16 the mark would sit one unit further on.
    expect(text.slice(h.marks[0]!.start, h.marks[0]!.end)).not.toBe('营商环境');
  });
});

describe('highlights escape HTML', () => {
  it('shows a <script> in a transcript as text', async () => {
    const dir = tempDir('html');
    writeFileSync(path.join(dir, 'x.txt'), '2024年3月1日外交部发言人毛宁主持例行记者会\n法新社记者：<script>alert(1)</script> 营商环境 & "引号"？\n毛宁：好。\n');
    const e = await buildIndex(readCorpus(dir));
    const h = (await search(e, { q: '营商环境' })).hits[0]!;
    expect(h.highlight).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    expect(h.highlight).toContain('&amp; &quot;引号&quot;');
    expect(h.highlight).not.toContain('<script>');
  });
});
