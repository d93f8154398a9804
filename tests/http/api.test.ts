import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import type { Engine } from '../../src/index/engine.js';
import { seedEngine } from '../helpers/corpora.js';

const silent = pino({ level: 'silent' });
let engine: Engine;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  engine = await seedEngine();
  app = createApp({ engine, logger: silent });
});

const get = (url: string) => request(app).get(url);
const expectError = async (url: string, status: number, code: string) => {
  const res = await get(url);
  expect(res.status).toBe(status);
  expect(res.body).toEqual({ error: { code, message: expect.any(String) } });
  return res;
};

describe('GET /healthz', () => {
  it('answers ok with document and passage counts, and when the index was last written', async () => {
    const res = await get('/healthz');
    expect(res.status).toBe(200);
    expect(res.body).toEqual({ ok: true, documents: 1, passages: 35, indexedAt: expect.stringMatching(/^\d{4}-\d\d-\d\dT/u) });
  });
});

describe('GET /api/search', () => {
  it('answers with the contract shape, in UTF-8 JSON', async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('夜间经济')}`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({ query: '夜间经济', total: 1, took_ms: expect.any(Number) });
    const hit = res.body.hits[0];
    expect(hit).toMatchObject({
      id: 'zhangye-2024-01-15:p24',
      doc: { id: 'zhangye-2024-01-15', title: expect.any(String), date: '2024-01-15' },
      speaker: { name: '梁顺海', title: '局长', org: '张掖市商务局', role: 'official' },
      kind: 'answer',
      text: expect.stringContaining('夜间经济'),
      highlight: expect.stringContaining('<mark>夜间经济</mark>'),
      start: expect.any(Number),
      end: expect.any(Number),
      topics: expect.arrayContaining(['千方百计促消费扩内需']),
      score: expect.any(Number),
      exchange: { question: 'zhangye-2024-01-15:p22', answers: expect.any(Array), answeredBy: { name: '梁顺海' }, addressee: { name: '梁顺海' } },
    });
    expect(res.body.facets).toEqual({ speakers: [{ name: '梁顺海', count: 1 }], topics: expect.any(Array) });
  });

  it("gives a question the reporter's label as name and the outlet as org", async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('引大引强引头部')}&kind=question`);
    expect(res.body.hits[0].speaker).toEqual({ name: '张掖市融媒体中心记者', title: '记者', org: '张掖市融媒体中心', role: 'reporter' });
  });

  it('filters by speaker, and an unknown speaker is a 200 with no hits', async () => {
    const ok = await get(`/api/search?q=${encodeURIComponent('营商环境')}&speaker=${encodeURIComponent('张成琦')}`);
    expect(new Set(ok.body.hits.map((h: { speaker: { name: string } }) => h.speaker.name))).toEqual(new Set(['张成琦']));
    const none = await get(`/api/search?q=${encodeURIComponent('营商环境')}&speaker=${encodeURIComponent('查无此人')}`);
    expect(none.status).toBe(200);
    expect(none.body).toMatchObject({ total: 0, hits: [] });
  });

  it('accepts limit and offset in range', async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('营商环境')}&limit=2&offset=1`);
    expect(res.status).toBe(200);
    expect(res.body.hits).toHaveLength(2);
  });

  it('accepts a year or a month as a date bound', async () => {
    const res = await get(`/api/search?q=${encodeURIComponent('营商环境')}&from=2024&to=2024-01`);
    expect(res.body.total).toBeGreaterThan(0);
  });

  it('ignores unknown parameters', async () => {
    expect((await get(`/api/search?q=${encodeURIComponent('营商环境')}&utm_source=x`)).status).toBe(200);
  });

  it('refuses a missing, empty or whitespace-only q', async () => {
    await expectError('/api/search', 400, 'QUERY_EMPTY');
    await expectError('/api/search?q=', 400, 'QUERY_EMPTY');
    await expectError('/api/search?q=%20%E3%80%80%20', 400, 'QUERY_EMPTY');
  });

  it('refuses q over 500 characters', async () => {
    await expectError(`/api/search?q=${encodeURIComponent('营'.repeat(501))}`, 400, 'QUERY_TOO_LONG');
    expect((await get(`/api/search?q=${encodeURIComponent('营'.repeat(500))}`)).status).toBe(200);
  });

  it('refuses a repeated parameter, naming it', async () => {
    const res = await expectError('/api/search?q=a&q=b', 400, 'PARAM_REPEATED');
    expect(res.body.error.message).toContain('"q"');
    await expectError(`/api/search?q=x&speaker=a&speaker=b`, 400, 'PARAM_REPEATED');
    await expectError(`/api/search?q=x&limit=1&limit=2`, 400, 'PARAM_REPEATED');
  });

  it('refuses a non-numeric or out-of-range limit or offset', async () => {
    for (const qs of ['limit=abc', 'limit=0', 'limit=101', 'limit=1.5', 'limit=-1', 'offset=-1', 'offset=x', 'offset=100001']) {
      const res = await expectError(`/api/search?q=x&${qs}`, 400, 'PARAM_INVALID');
      expect(res.body.error.message).toContain(qs.split('=')[0]);
    }
  });

  it('refuses an unknown kind and a malformed date', async () => {
    await expectError('/api/search?q=x&kind=speech', 400, 'PARAM_INVALID');
    await expectError('/api/search?q=x&from=15.1.2024', 400, 'PARAM_INVALID');
  });

  it('refuses a bracketed parameter that would parse to an object', async () => {
    await expectError('/api/search?q[a]=1', 400, 'QUERY_EMPTY');
  });
});

describe('GET /api/speakers', () => {
  it('lists speakers with titles, orgs, role and counts', async () => {
    const res = await get('/api/speakers');
    expect(res.status).toBe(200);
    const hao = res.body.speakers.find((s: { name: string }) => s.name === '郝文年');
    expect(hao).toEqual({ name: '郝文年', titles: ['局长'], orgs: ['张掖市招商局'], role: 'official', passages: 9, documents: ['zhangye-2024-01-15'] });
  });
});

describe('GET /api/documents', () => {
  it('lists documents', async () => {
    const res = await get('/api/documents');
    expect(res.body.documents).toEqual([
      expect.objectContaining({ id: 'zhangye-2024-01-15', date: '2024-01-15', format: 'city-briefing', passageCount: 35 }),
    ]);
  });

  it('gives one document with its full text and passages whose offsets cut the text', async () => {
    const res = await get('/api/documents/zhangye-2024-01-15');
    expect(res.status).toBe(200);
    const doc = res.body.document;
    const cps = [...doc.text];
    expect(doc.passages).toHaveLength(35);
    for (const p of doc.passages) expect(cps.slice(p.start, p.end).join('')).toBe(p.text);
    expect(doc.passages[23]).toMatchObject({ anchor: 'p24', id: 'zhangye-2024-01-15:p24' });
    expect(doc.editor).toBe('郑文');
  });

  it('answers 404 for an unknown document id', async () => {
    await expectError('/api/documents/nope', 404, 'DOCUMENT_NOT_FOUND');
  });

  it('answers 400 for a malformed percent-encoding in the path', async () => {
    await expectError('/api/documents/%E4%B8', 400, 'BAD_REQUEST');
  });
});

describe('GET /api/topics', () => {
  it('lists topics with counts, most frequent first', async () => {
    const res = await get('/api/topics');
    const topics: Array<{ name: string; count: number }> = res.body.topics;
    expect(topics.find((t) => t.name === '牵紧重大项目牛鼻子')).toEqual({ name: '牵紧重大项目牛鼻子', count: 1 });
    for (let i = 1; i < topics.length; i++) expect(topics[i - 1]!.count).toBeGreaterThanOrEqual(topics[i]!.count);
  });
});

describe('unknown routes and server errors', () => {
  it('answers 404 with the error body for an unknown route', async () => {
    await expectError('/api/nothing', 404, 'ROUTE_NOT_FOUND');
    await expectError('/favicon.ico', 404, 'ROUTE_NOT_FOUND');
  });

  it('answers a generic 500, logs the error and never sends its details', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    const fail = (): never => {
      throw new Error('secret detail at /srv/huayu');
    };
    // A store that fails whatever it is asked.
    const broken: Engine = { ...engine, retrieval: { wordMatches: fail, wordMatchesAmong: fail, substringMatches: fail, substringMatchesUpTo: fail, tagged: fail, votes: fail, termStats: fail, current: fail, close: fail } };
    const res = await request(createApp({ engine: broken, logger })).get('/api/search?q=x');
    expect(res.status).toBe(500);
    expect(res.body).toEqual({ error: { code: 'INTERNAL', message: expect.any(String) } });
    expect(JSON.stringify(res.body)).not.toContain('secret');
    expect(lines.join('')).toContain('secret detail');
  });
});
