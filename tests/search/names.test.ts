// A query of names alone: what the named speakers said (an office: everyone who
// held it), then what mentions them; counted, paged and faceted from the
// engine's per-speaker tables.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { search } from '../../src/search/search.js';
import { filesFrom } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

let engine: Engine;
beforeAll(async () => {
  const dir = tempDir('names');
  writeFileSync(
    path.join(dir, 'a.txt'),
    '2021年1月4日外交部发言人华春莹主持例行记者会\n华春莹：今天我先发布一条消息，气候变化大会将于下周举行。\n路透社记者：关于气候变化，中方有何评论？\n华春莹：中方积极应对气候变化。\n我们愿同各方加强合作。\n法新社记者：华春莹女士，你能否介绍汪文斌的行程？\n华春莹：我没有可以提供的信息。\n',
  );
  writeFileSync(
    path.join(dir, 'b.txt'),
    '2021年2月1日外交部发言人汪文斌主持例行记者会\n彭博社记者：关于芯片出口管制，中方有何回应？\n汪文斌：美方泛化国家安全概念，中方坚决反对。\n新华社记者：华春莹上周谈到气候变化，有什么进展？\n汪文斌：气候变化谈判正在进行。\n',
  );
  writeFileSync(
    path.join(dir, 'c.txt'),
    '外交部发言人就气候变化大会答记者问\n2021-03-01 10:00\n\n　　问：气候变化大会取得了哪些成果？\n　　答：大会达成了多项共识。\n　　中方将继续发挥建设性作用。\n',
  );
  engine = await buildIndex(filesFrom({ '': dir }), { threads: 0 });
});

describe('a query of names alone', () => {
  it('reads an office as everyone who held it: their answers and statements, then the passages that name them', async () => {
    const res = await search(engine, { q: '外交部发言人', limit: 100 });
    expect(res.understood.speakers).toEqual(expect.arrayContaining(['华春莹', '汪文斌', '外交部发言人']));
    const said = res.hits.filter((h) => h.match === 'passage');
    const spoken = [...engine.passages].filter((p) => ['华春莹', '汪文斌', '外交部发言人'].includes(p.speaker?.name ?? ''));
    expect(said.map((h) => h.id).sort()).toEqual(spoken.map((p) => `${engine.docs[p.doc]!.id}:p${p.n}`).sort());
    // What they said ranks before what only names them; questions that name them are mentions.
    expect(res.hits.slice(0, said.length).every((h) => h.match === 'passage')).toBe(true);
    const mentions = res.hits.slice(said.length);
    expect(mentions.length).toBeGreaterThan(0);
    for (const h of mentions) expect(h).toMatchObject({ match: 'partial' });
    expect(mentions.map((h) => h.kind)).toContain('question');
    expect(res.total).toBe(res.hits.length);
    expect(res.matching).toMatchObject({ passage: said.length, partial: mentions.length });
  });

  it('pages through one ranking: every page is the slice of the whole list, across the step from said to mentioned', async () => {
    const whole = (await search(engine, { q: '外交部发言人', limit: 100 })).hits.map((h) => h.id);
    for (const [offset, limit] of [[0, 3], [2, 5], [whole.length - 4, 3], [whole.length - 2, 10], [whole.length, 5]] as const) {
      const page = await search(engine, { q: '外交部发言人', offset, limit });
      expect(page.hits.map((h) => h.id), `${offset}+${limit}`).toEqual(whole.slice(offset, offset + limit));
      expect(page.total).toBe(whole.length);
    }
  });

  it('counts the facets of what an office said as counting its passages one by one would', async () => {
    const res = await search(engine, { q: '外交部发言人', limit: 100 });
    const speakers = new Map<string, number>();
    const topics = new Map<string, number>();
    for (const p of [...engine.passages].filter((x) => ['华春莹', '汪文斌', '外交部发言人'].includes(x.speaker?.name ?? ''))) {
      speakers.set(p.speaker!.name, (speakers.get(p.speaker!.name) ?? 0) + 1);
      for (const t of p.topics) topics.set(t, (topics.get(t) ?? 0) + 1);
    }
    expect(Object.fromEntries(res.facets.speakers.map((f) => [f.name, f.count]))).toEqual(Object.fromEntries(speakers));
    expect(topics.size).toBeGreaterThan(0);
    for (const f of res.facets.topics) expect(f.count, f.name).toBe(topics.get(f.name));
    const largest = Math.max(...topics.values());
    expect(res.facets.topics[0]!.count).toBe(largest);
  });

  it('lists what one person said, then the passages that mention the name', async () => {
    const res = await search(engine, { q: '华春莹', limit: 100 });
    const said = res.hits.filter((h) => h.match === 'passage');
    // Her statement, two answers and the paragraph continuing the first.
    expect(said.length).toBe(4);
    expect(said.every((h) => h.speaker?.name === '华春莹')).toBe(true);
    // The questions that name her (a.txt's first line is the title, not a passage); her answer to the first is not repeated.
    expect(res.hits.filter((h) => h.match === 'partial').map((h) => [h.doc.id, h.kind])).toEqual([
      ['a', 'question'],
      ['b', 'question'],
    ]);
  });
});
