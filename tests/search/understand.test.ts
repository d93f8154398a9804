// Search as journalists type it: names as who-said constraints, question
// filler dropped, the exchange as a unit, a matching strategy that relaxes
// instead of returning an empty page, and the domain's short forms.

import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { openEngine } from '../../src/index/stores.js';
import { matchForm } from '../../src/analysis/normalize.js';
import { synonymTable } from '../../src/search/queryConventions.js';
import { search } from '../../src/search/search.js';
import { CORPUS, FIXTURES, filesFrom, HAS_SHARED, realEngine, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';

let engine: Engine;
beforeAll(async () => {
  engine = await buildIndex(filesFrom({ '': CORPUS, mfa: path.join(FIXTURES, 'mfa') }), { threads: 0 });
});

describe('query understanding', () => {
  it('takes a speaker\'s name for a who-said constraint and drops the question\'s filler (郝文年谈招商)', async () => {
    const res = await search(engine, { q: '郝文年谈招商' });
    expect(res.understood).toMatchObject({ speakers: ['郝文年'], words: ['招商'], dropped: ['谈'] });
    expect(res.hits.length).toBeGreaterThan(0);
    for (const h of res.hits.filter((x) => x.match === 'passage')) expect(h.speaker?.name).toBe('郝文年');
  });

  it('reads a question phrased in full (毛宁如何回应…问题, …怎么说) down to its subject', async () => {
    expect((await search(engine, { q: '汪文斌如何回应台湾问题' })).understood).toMatchObject({ speakers: ['汪文斌'], words: ['台湾'] });
    expect((await search(engine, { q: '台湾 汪文斌怎么说' })).understood).toMatchObject({ speakers: ['汪文斌'], words: ['台湾'] });
  });

  it('reads a yes/no question, in either script, down to its subject (汪文斌有沒有說過台灣？)', async () => {
    for (const q of ['汪文斌有沒有說過台灣？', '汪文斌是否谈过台湾']) {
      expect((await search(engine, { q })).understood, q).toMatchObject({ speakers: ['汪文斌'], words: ['台湾'] });
    }
    // Without a name, the A-not-A verb alone marks the question.
    expect((await search(engine, { q: '有没有说过招商' })).understood.words).toEqual(['招商']);
  });

  it('keeps a title searched beside other words (招商 局长) as a word, and does not report it dropped', async () => {
    const res = await search(engine, { q: '路透社 招商 局长' });
    expect(res.understood).toMatchObject({ outlets: ['路透社'], words: ['招商', '局长'], dropped: [] });
  });

  it('reads a reporter\'s label (路透社记者) as the outlet, not as the word 记者', async () => {
    const res = await search(engine, { q: '路透社记者' });
    expect(res.understood).toMatchObject({ outlets: ['路透社'], words: [], dropped: ['记者'] });
    // What Reuters asked comes first, each followed by its answers, all in exchanges Reuters opened.
    expect(res.hits[0]).toMatchObject({ kind: 'question', speaker: { name: '路透社记者' } });
    expect(res.hits.length).toBeGreaterThan(5);
    expect(res.hits.every((h) => h.exchange?.outlet === '路透社')).toBe(true);
  });

  it('drops the asking from what an outlet asked (路透社问到台湾, 路透社有没有问过台湾)', async () => {
    for (const q of ['路透社问到台湾', '路透社有没有问过台湾']) {
      expect((await search(engine, { q })).understood, q).toMatchObject({ outlets: ['路透社'], words: ['台湾'] });
    }
  });

  it('keeps a subject\'s words together between the filler (对|营商环境|的看法)', async () => {
    expect((await search(engine, { q: '张成琦对营商环境的看法' })).understood.words).toEqual(['营商环境']);
  });

  it('lists what a person said first when the name is searched alone (郝文年 on the seed)', async () => {
    const res = await search(engine, { q: '郝文年' });
    const said = res.hits.filter((h) => h.speaker?.name === '郝文年');
    expect(said.length).toBe(9);
    expect(res.hits.slice(0, 9).every((h) => h.speaker?.name === '郝文年' && h.kind === 'answer')).toBe(true);
    // Then the passage that only mentions him (the lead).
    expect(res.hits[9]).toMatchObject({ kind: 'lead' });
  });

  it('reads an office typed without 新闻 (国防部发言人) as whoever held 国防部新闻发言人', async () => {
    const mod = await buildIndex(filesFrom({ layouts: path.join(FIXTURES, 'layouts') }), { threads: 0 });
    const full = await search(mod, { q: '国防部新闻发言人' });
    expect(full.understood.speakers.length).toBeGreaterThan(0);
    const short = await search(mod, { q: '国防部发言人' });
    expect(short.understood.speakers).toEqual(full.understood.speakers);
    expect(short.understood.words).toEqual([]);
    expect(short.hits.map((h) => h.id)).toEqual(full.hits.map((h) => h.id));
  });

  it('searches a name as plain text when asked (plain)', async () => {
    const res = await search(engine, { q: '郝文年', plain: true });
    expect(res.understood.speakers).toEqual([]);
    // Only the lead names him in its words (his answers carry the name in their label, not their words).
    expect(res.hits.map((h) => h.kind)).toEqual(['lead']);
    expect(res.hits[0]!.text).toContain('郝文年');
  });
});

describe('matching that relaxes', () => {
  it('matches words spread over one exchange\'s question and answers when no passage holds them all', async () => {
    // 引大引强引头部 stands in the question and the first answer paragraph, 五专 only in a later one.
    const res = await search(engine, { q: '五专 引大引强引头部' });
    expect(res.matching.passage).toBe(0);
    expect(res.matching.exchange).toBeGreaterThan(0);
    expect(res.hits[0]!.match).toBe('exchange');
    expect(res.hits[0]!.exchange?.answeredBy?.name).toBe('郝文年');
  });

  it('never returns an empty page while a word occurs, and says which words were relaxed', async () => {
    const res = await search(engine, { q: '营商环境 火星基地' });
    expect(res.total).toBeGreaterThan(0);
    expect(res.matching).toMatchObject({ passage: 0, exchange: 0 });
    // 火星基地 is held by nothing whole: it is relaxed word by word, and 火星 is what the best hit lacks.
    expect(res.matching.matched).toContain('营商环境');
    expect(res.matching.relaxed).toEqual(['火星']);
    expect(res.hits.every((h) => h.match === 'partial')).toBe(true);
  });

  it('still answers nothing when no word occurs', async () => {
    expect((await search(engine, { q: '火星 冥王星' })).total).toBe(0);
  });

  it('relaxes a part typed without spaces word by word when nothing holds it whole (夜市摊位烟花秀)', async () => {
    const res = await search(engine, { q: '夜市摊位烟花秀' });
    expect(res.total).toBeGreaterThan(0);
    expect(res.matching.relaxed.length).toBeGreaterThan(0);
    expect(res.hits[0]!.text).toContain('夜市');
  });

  it('keeps a quoted phrase strict: no relaxed matches around it', async () => {
    const res = await search(engine, { q: '"优化营商环境" 火星基地' });
    expect(res.total).toBe(0);
  });
});

describe('short forms', () => {
  /** One briefing: 台湾 in a question and its answer, only 对台军售 in another question. */
  async function shortFormIndex(): Promise<Engine> {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'huayu-syn-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'a.txt'), '2021年1月1日外交部发言人华春莹主持例行记者会\n路透社记者：美方宣布新一轮对台军售，中方有何回应？\n华春莹：中方坚决反对。\n法新社记者：台湾地区的选举呢？\n华春莹：台湾是中国的一部分。\n');
    return buildIndex(filesFrom({ '': dir }), { threads: 0 });
  }

  it('finds 对台… for 台湾, after the passages that say 台湾, and marks the text\'s own words', async () => {
    const local = await shortFormIndex();
    const res = await search(local, { q: '台湾' });
    expect(res.understood.synonyms['台湾']).toContain('对台');
    const texts = res.hits.map((h) => h.text);
    expect(texts[0]).toContain('台湾');
    const viaShortForm = res.hits.find((h) => h.text.includes('对台军售'))!;
    const cps = [...viaShortForm.text];
    expect(viaShortForm.marks.map((m) => cps.slice(m.start - viaShortForm.start, m.end - viaShortForm.start).join(''))).toContain('对台');
    expect((await search(local, { q: '台湾 军售' })).hits[0]!.text).toContain('对台军售');
    await local.close();
  });

  it('finds a short form holding the word as typed (美国政府 for 美国) by the word\'s own string, asking for none of its passages', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'huayu-syn-holding-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'a.txt'), '2021年1月1日外交部发言人华春莹主持例行记者会\n路透社记者：美国政府宣布新一轮军售，中方有何回应？\n华春莹：美方应当停止军售。\n法新社记者：选举呢？\n华春莹：我们不评论。\n');
    const local = await buildIndex(filesFrom({ '': dir }), { threads: 0 });
    const asked: string[] = [];
    const substringMatches = local.retrieval.substringMatches.bind(local.retrieval);
    local.retrieval.substringMatches = (compact) => (asked.push(compact), substringMatches(compact));
    const res = await search(local, { q: '美国 军售' });
    expect(res.understood.synonyms['美国']).toContain('美国政府');
    expect(asked).toContain('美方');
    expect(asked).not.toContain('美国政府');
    const hit = res.hits.find((h) => h.text.includes('美国政府'))!;
    const cps = [...hit.text];
    expect(hit.marks.map((m) => cps.slice(m.start - hit.start, m.end - hit.start).join(''))).toContain('美国政府');
    expect(res.hits.some((h) => h.text.includes('美方'))).toBe(true);
    await local.close();
  });

  it('searches a word\'s short forms whatever the script it is typed in', async () => {
    const local = await shortFormIndex();
    const simplified = await search(local, { q: '台湾 华春莹' });
    const traditional = await search(local, { q: '台灣 華春瑩' });
    expect(traditional.understood.synonyms['台灣']).toEqual(simplified.understood.synonyms['台湾']);
    expect(traditional.understood.synonyms['台灣']).toContain('对台');
    expect(traditional.hits.map((h) => h.id)).toEqual(simplified.hits.map((h) => h.id));
    expect(traditional.hits.some((h) => h.text.includes('对台军售'))).toBe(true);
    await local.close();
  });

  it('searches an organisation typed in Latin letters under the name the transcripts write (WHO → 世卫组织)', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'huayu-syn-org-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    writeFileSync(path.join(dir, 'a.txt'), '2021年5月20日外交部发言人汪文斌主持例行记者会\n路透社记者：台湾地区能否参加今年的世卫大会？\n汪文斌：台湾地区参与世卫组织活动，必须按照一个中国原则来处理。\n');
    const local = await buildIndex(filesFrom({ '': dir }), { threads: 0 });
    const res = await search(local, { q: 'who 台湾' });
    expect(res.understood.synonyms['who']).toEqual(['世卫', '世界卫生组织']);
    expect(res.matching.relaxed).toEqual([]);
    expect(res.hits[0]!.text).toContain('世卫组织');
    expect(res.hits[0]!.match).toBe('passage');
    await local.close();
  });

  it('finds a synonyms.tsv head written in Traditional script for the word typed in Simplified', () => {
    const table = synonymTable([['灣區', '粵港澳大灣區']]);
    expect(table.get(matchForm('湾区'))).toEqual(['灣區', '粵港澳大灣區']);
  });

  it('takes the short forms users add in the corpus folder\'s synonyms.tsv', async () => {
    const dir = mkdtempSync(path.join(os.tmpdir(), 'huayu-syn-corpus-'));
    onTestFinished(() => rmSync(dir, { recursive: true, force: true }));
    const corpus = path.join(dir, 'corpus');
    mkdirSync(corpus);
    writeFileSync(path.join(corpus, 'a.txt'), '2021年1月1日外交部发言人华春莹主持例行记者会\n路透社记者：关于大湾区建设有何评论？\n华春莹：粤港澳大湾区建设进展顺利。\n');
    writeFileSync(path.join(corpus, 'synonyms.tsv'), '# 用户自己的简称\n湾区\t粤港澳大湾区\n');
    const { engine: opened } = await openEngine({ corpusDir: corpus, indexDir: path.join(dir, 'index'), store: undefined });
    expect(opened.docs.map((d) => d.path)).toEqual(['a.txt']);
    const res = await search(opened, { q: '湾区' });
    expect(res.understood.synonyms['湾区']).toEqual(['粤港澳大湾区']);
    await opened.close();
  });
});

describe.skipIf(!HAS_SHARED)('over the 116 real Foreign Ministry transcripts', () => {
  it('answers 汪文斌 台湾 with 汪文斌\'s answers, though no passage holds both words', async () => {
    const real = await realEngine();
    const res = await search(real, { q: '汪文斌 台湾' });
    expect(res.total).toBeGreaterThan(0);
    expect(res.hits.slice(0, 5).every((h) => h.speaker?.name === '汪文斌' && (h.kind === 'answer' || h.kind === 'statement'))).toBe(true);
  });

  it('answers 美国 芯片 出口管制 with an exchange whose question and answer share the words between them', async () => {
    const real = await realEngine();
    const res = await search(real, { q: '美国 芯片 出口管制' });
    expect(res.hits[0]!.match).toBe('exchange');
  });
});

if (!HAS_SHARED) console.warn(`understand: ${SHARED_SKIP_MESSAGE}`);
