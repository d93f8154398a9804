// /api/speakers lists one entry per outlet and per person, with its other
// spellings; /api/speakers/:name and /api/search?speaker= take any of them
// and find the same passages.

import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { HAS_SHARED, realEngine, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';
import { aliasFiles, GANSU_LABELS } from '../index/aliasCorpus.js';

interface Listed {
  name: string;
  orgs: string[];
  passages: number;
  aliases?: string[];
  timeline?: unknown[];
}

const silent = pino({ level: 'silent' });
const enc = encodeURIComponent;

/** What the speaker page and a filtered search give for one spelling: the entry's name and its passages' ids. */
async function byAlias(app: ReturnType<typeof createApp>, alias: string, q: string) {
  const page = await request(app).get(`/api/speakers/${enc(alias)}?limit=100`);
  expect(page.status, alias).toBe(200);
  const found = await request(app).get(`/api/search?q=${enc(q)}&speaker=${enc(alias)}&limit=100`);
  expect(found.status, alias).toBe(200);
  return {
    name: page.body.speaker.name as string,
    total: page.body.total as number,
    passages: (page.body.passages as Array<{ id: string }>).map((p) => p.id),
    searched: (found.body.hits as Array<{ id: string }>).map((h) => h.id).sort(),
  };
}

describe('speakers by any spelling, over a small corpus (no ../shared needed)', () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    app = createApp({ engine: await buildIndex(aliasFiles(), { threads: 0 }), logger: silent });
  });

  it('lists the outlet once, with its aliases and the passages of every spelling, and a person with the timeline of titles', async () => {
    const res = await request(app).get('/api/speakers');
    const speakers = res.body.speakers as Listed[];
    const gansu = speakers.filter((s) => GANSU_LABELS.some((l) => [s.name, ...(s.aliases ?? [])].includes(l)));
    expect(gansu).toEqual([expect.objectContaining({ name: '《甘肃日报》记者', orgs: ['甘肃日报'], passages: 4, aliases: expect.arrayContaining(['甘肃日报记者', '甘肅日報記者']) })]);
    expect(speakers.find((s) => s.name === '王小明')?.timeline).toHaveLength(2);
  });

  it('opens the same speaker page and filters the same passages by any alias', async () => {
    const seen = await Promise.all([...GANSU_LABELS, '甘肃日报', '甘肅日報'].map((a) => byAlias(app, a, '消费')));
    expect(seen[0]).toMatchObject({ name: '《甘肃日报》记者', total: 4 });
    expect(seen[0]!.searched).toHaveLength(4);
    for (const s of seen) expect(s).toEqual(seen[0]);
  });
});

/** The six outlets of issue 13 as the real transcripts spell them. */
const REAL_OUTLETS: string[][] = [
  ['北京青年报', '《北京青年报》记者', '北京青年报记者'],
  ['共同社', '日本共同社', '共同社记者', '日本共同社记者'],
  ['CGTN', '总台CGTN', '中国国际电视台', 'CGTN记者', '总台CGTN记者', '中国国际电视台记者'],
  ['阿纳多卢通讯社', '土耳其阿纳多卢通讯社', '阿纳多卢通讯社记者', '土耳其阿纳多卢通讯社记者'],
  ['中国日报', '《中国日报》记者', '中国日报记者'],
  ['凤凰卫视', '《凤凰卫视》记者', '凤凰卫视记者'],
];

describe.skipIf(!HAS_SHARED)('speakers by any spelling over the seed and the 116 real transcripts', () => {
  let engine: Engine;
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    engine = await realEngine();
    app = createApp({ engine, logger: silent });
  });

  it.each(REAL_OUTLETS)('lists %s once in /api/speakers with its aliases', async (...spellings) => {
    const speakers = (await request(app).get('/api/speakers')).body.speakers as Listed[];
    const entries = speakers.filter((s) => spellings.some((w) => [s.name, ...s.orgs, ...(s.aliases ?? [])].includes(w)));
    expect(entries).toHaveLength(1);
    expect([entries[0]!.name, ...entries[0]!.orgs, ...(entries[0]!.aliases ?? [])]).toEqual(expect.arrayContaining(spellings.filter((w) => w.endsWith('记者'))));
  });

  it.each(REAL_OUTLETS)('finds the same passages for every spelling of %s, by the speaker page and by ?speaker=', async (...spellings) => {
    const seen = [];
    for (const s of spellings) seen.push(await byAlias(app, s, '中方'));
    // Every passage under one of the labels typed is on the page (the entry may hold more spellings).
    const labels = spellings.filter((w) => w.endsWith('记者'));
    const labelled = [...engine.passages].filter((p) => p.speaker && labels.includes(p.speaker.name)).length;
    expect(seen[0]!.total).toBeGreaterThanOrEqual(labelled);
    expect(seen[0]!.searched.length).toBeGreaterThan(0);
    for (const s of seen) expect(s, spellings.join(' ')).toEqual(seen[0]);
  });
});

if (!HAS_SHARED) console.warn(`speakersAliases: ${SHARED_SKIP_MESSAGE}`);
