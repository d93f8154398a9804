// GET /api/topics (paged or whole) and GET /api/topics/:name over the seed.
// Topic names come from the listing, not from this file: which topics the
// extractor finds may change.

import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import type { Engine } from '../../src/index/engine.js';
import { seedEngine } from '../helpers/corpora.js';

let engine: Engine;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  engine = await seedEngine();
  app = createApp({ engine, logger: pino({ level: 'silent' }) });
});

const get = (url: string) => request(app).get(url);
const enc = encodeURIComponent;

describe('GET /api/topics', () => {
  it('still lists every topic without limit or offset, and says how many there are', async () => {
    const res = await get('/api/topics');
    expect(res.status).toBe(200);
    expect(res.body.topics).toHaveLength(engine.topics.size);
    expect(res.body.total).toBe(engine.topics.size);
  });

  it('pages the list with limit and offset', async () => {
    const all = (await get('/api/topics')).body.topics;
    const res = await get('/api/topics?limit=5&offset=3');
    expect(res.body.topics).toEqual(all.slice(3, 8));
    expect(res.body.total).toBe(all.length);
    expect((await get('/api/topics?offset=3')).body.topics).toEqual(all.slice(3));
  });

  it('refuses a limit out of range', async () => {
    const res = await get('/api/topics?limit=0');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('PARAM_INVALID');
  });
});

describe('GET /api/topics/:name', () => {
  it('answers with the topic, its speakers, its timeline and a page of passages', async () => {
    const [top] = (await get('/api/topics?limit=1')).body.topics as Array<{ name: string; count: number }>;
    const res = await get(`/api/topics/${enc(top!.name)}?limit=2`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/json; charset=utf-8');
    expect(res.body).toMatchObject({
      name: top!.name,
      count: top!.count,
      documents: 1,
      speakerCount: expect.any(Number),
      unattributed: expect.any(Number),
      offset: 0,
      limit: 2,
      timeline: { granularity: 'document', series: expect.any(Array) },
    });
    expect(res.body.speakers[0]).toEqual({ name: expect.any(String), count: expect.any(Number), share: expect.any(Number) });
    expect(res.body.timeline.periods).toEqual([
      expect.objectContaining({ key: 'zhangye-2024-01-15', date: '2024-01-15', title: expect.any(String), count: top!.count, others: expect.any(Number) }),
    ]);
    expect(res.body.passages).toHaveLength(Math.min(2, top!.count));
    expect(res.body.passages[0]).toMatchObject({ id: expect.stringMatching(/^zhangye-2024-01-15:p\d+$/u), topics: expect.arrayContaining([top!.name]) });
  });

  it('answers 404 TOPIC_NOT_FOUND for an unknown topic', async () => {
    const res = await get(`/api/topics/${enc('这个主题不存在')}`);
    expect(res.status).toBe(404);
    expect(res.body).toEqual({ error: { code: 'TOPIC_NOT_FOUND', message: expect.stringContaining('这个主题不存在') } });
  });

  it('refuses a bad page', async () => {
    const [top] = (await get('/api/topics?limit=1')).body.topics as Array<{ name: string }>;
    const res = await get(`/api/topics/${enc(top!.name)}?offset=-1`);
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('PARAM_INVALID');
  });
});

describe('the topic pages', () => {
  it.each(['/topics', `/topics/${enc('任何主题')}`])('answers %s with the HTML shell', async (url) => {
    const res = await get(url);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
    expect(res.text).toContain('<script type="module" src="/assets/main.js">');
  });
});
