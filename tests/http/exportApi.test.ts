// Result sets as files over the seed: /api/search?format=csv|jsonl gives every
// match in the order of the JSON pages, with the same offsets, and says when
// its limit cut the file short.

import { Writable } from 'node:stream';
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { CSV_HEADERS } from '../../src/export/resultFormats.js';
import { createApp } from '../../src/http/app.js';
import type { Engine } from '../../src/index/engine.js';
import { documentText, seedEngine } from '../helpers/corpora.js';
import { csvRows, getRaw, jsonLines, pagedHits, q } from '../helpers/exports.js';
import type { Texts, TextSource } from '../../src/index/texts.js';

const BOM = Buffer.from([0xef, 0xbb, 0xbf]);
let engine: Engine;
let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  engine = await seedEngine();
  app = createApp({ engine, logger: pino({ level: 'silent' }), baseUrl: 'https://huayu.example' });
});

const expectInvalid = async (url: string, param: string) => {
  const res = await request(app).get(url);
  expect(res.status).toBe(400);
  expect(res.body).toEqual({ error: { code: 'PARAM_INVALID', message: expect.stringContaining(`"${param}"`) } });
};

describe('GET /api/search?format=csv', () => {
  it('begins with a BOM and a header row, and names the file after the query and the day', async () => {
    const { res, bytes } = await getRaw(app, `/api/search?q=${q('营商环境')}&format=csv`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(bytes.subarray(0, 3)).toEqual(BOM);
    expect(bytes.subarray(3).toString('utf8').split('\n')[0]).toBe(CSV_HEADERS.join(','));
    const disposition = res.headers['content-disposition'];
    expect(disposition).toMatch(/^attachment; filename="?huayu-_-\d{4}-\d\d-\d\d\.csv"?; filename\*=UTF-8''huayu-%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83-\d{4}-\d\d-\d\d\.csv$/u);
    expect(res.headers).toMatchObject({ 'x-huayu-total': '13', 'x-huayu-rows': '13', 'x-huayu-truncated': 'false' });
  });

  it('gives the same offsets in code points as /api/search for the same hits, and the text column is the passage text', async () => {
    const { total, hits } = await pagedHits(app, `q=${q('营商环境')}`);
    const rows = csvRows((await getRaw(app, `/api/search?q=${q('营商环境')}&format=csv`)).bytes);
    expect(rows).toHaveLength(total);
    const text = [...(await documentText(engine, 0))];
    rows.forEach((row, i) => {
      const h = hits[i]!;
      expect(row).toMatchObject({ rank: String(i + 1), id: h.id, match: h.match, text: h.text, start: String(h.start), end: String(h.end), body_start: String(h.bodyStart) });
      expect(text.slice(Number(row.start), Number(row.end)).join('')).toBe(row.text);
    });
  });

  it('fills every column of an answer: speaker, exchange, topics joined by "; ", and the permalink on the configured origin', async () => {
    const rows = csvRows((await getRaw(app, `/api/search?q=${q('夜间经济')}&format=csv`)).bytes);
    expect(rows).toEqual([
      expect.objectContaining({
        id: 'zhangye-2024-01-15:p24',
        document_id: 'zhangye-2024-01-15',
        date: '2024-01-15',
        speaker_name: '梁顺海',
        speaker_title: '局长',
        speaker_org: '张掖市商务局',
        speaker_role: 'official',
        kind: 'answer',
        mode: 'direct',
        question_id: 'zhangye-2024-01-15:p22',
        answered_by: '梁顺海',
        permalink: 'https://huayu.example/documents/zhangye-2024-01-15#p24',
      }),
    ]);
    const topics = [...engine.passages].find((p) => p.n === 24)!.topics;
    expect(rows[0]!.topics).toBe(topics.join('; '));
    expect(topics).toContain('千方百计促消费扩内需');
  });

  it('exports the three tiers of a two-word query (passage, exchange, partial) in the order of the pages', async () => {
    const { hits } = await pagedHits(app, `q=${q('招商 项目')}`);
    expect(new Set(hits.map((h) => h.match))).toEqual(new Set(['passage', 'exchange', 'partial']));
    const rows = csvRows((await getRaw(app, `/api/search?q=${q('招商 项目')}&format=csv`)).bytes);
    expect(rows.map((r) => [r.id, r.match])).toEqual(hits.map((h) => [h.id, h.match]));
  });

  it('cuts a query whose total exceeds max at max rows, and says so in X-Huayu-Total and X-Huayu-Truncated', async () => {
    const whole = csvRows((await getRaw(app, `/api/search?q=${q('营商环境')}&format=csv`)).bytes);
    const { res, bytes } = await getRaw(app, `/api/search?q=${q('营商环境')}&format=csv&max=5`);
    expect(res.headers).toMatchObject({ 'x-huayu-total': '13', 'x-huayu-rows': '5', 'x-huayu-truncated': 'true' });
    expect(csvRows(bytes)).toEqual(whole.slice(0, 5));
  });

  it('exports every match of a names-only query: what 郝文年 said, then what mentions him', async () => {
    const json = await request(app).get(`/api/search?q=${q('郝文年')}`);
    expect(json.body.understood).toMatchObject({ speakers: ['郝文年'], words: [] });
    const { total, hits } = await pagedHits(app, `q=${q('郝文年')}`);
    const rows = csvRows((await getRaw(app, `/api/search?q=${q('郝文年')}&format=csv`)).bytes);
    expect(rows.map((r) => [r.id, r.match])).toEqual(hits.map((h) => [h.id, h.match]));
    expect(rows).toHaveLength(total);
    expect(new Set(rows.map((r) => r.match))).toEqual(new Set(['passage', 'partial']));
  });

  it('exports every match of a filter-only (browse) query, limit and offset ignored', async () => {
    const { total, hits } = await pagedHits(app, 'kind=answer');
    expect(total).toBeGreaterThan(10);
    const { res, bytes } = await getRaw(app, '/api/search?kind=answer&format=csv&limit=2&offset=3');
    expect(csvRows(bytes).map((r) => r.id)).toEqual(hits.map((h) => h.id));
    expect(res.headers['content-disposition']).toMatch(/filename="?huayu-answer-\d{4}-/u);
  });

  it('writes the header row alone when nothing matches', async () => {
    const { res, bytes } = await getRaw(app, `/api/search?q=${q('查无此词')}&format=csv`);
    expect(res.headers['x-huayu-total']).toBe('0');
    expect(bytes.toString('utf8')).toBe(`\ufeff${CSV_HEADERS.join(',')}\n`);
  });
});

describe('GET /api/search?format=jsonl', () => {
  it('gives one JSON object a line, the same rows and offsets as the CSV, nested', async () => {
    const { res, bytes } = await getRaw(app, `/api/search?q=${q('营商环境')}&format=jsonl`);
    expect(res.headers['content-type']).toBe('application/x-ndjson; charset=utf-8');
    expect(res.headers['content-disposition']).toMatch(/filename\*=UTF-8''huayu-%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83-\d{4}-\d\d-\d\d\.jsonl$/u);
    const lines = jsonLines(bytes);
    const rows = csvRows((await getRaw(app, `/api/search?q=${q('营商环境')}&format=csv`)).bytes);
    expect(lines.map((l) => [l.id, l.start, l.end, l.bodyStart, l.text])).toEqual(rows.map((r) => [r.id, Number(r.start), Number(r.end), Number(r.body_start), r.text]));
    expect(lines[0]).toMatchObject({ rank: 1, document: { id: 'zhangye-2024-01-15' }, speaker: { name: expect.any(String), org: expect.any(String) }, topics: expect.any(Array) });
  });
});

describe('GET /api/search export parameters', () => {
  it('refuses an unknown format and a max that is not a whole number from 1 to 1,000,000 with PARAM_INVALID', async () => {
    for (const format of ['xml', 'CSV', '']) await expectInvalid(`/api/search?q=x&format=${format}`, 'format');
    for (const max of ['0', '-1', 'abc', '1.5', '1000001']) await expectInvalid(`/api/search?q=x&format=csv&max=${max}`, 'max');
  });

  it('lets a page on an allowed origin read the count headers and the file name', async () => {
    const cors = createApp({ engine, logger: pino({ level: 'silent' }), corsOrigins: ['https://notebook.example'] });
    const res = await request(cors).get(`/api/search?q=${q('营商环境')}&format=jsonl`).set('Origin', 'https://notebook.example');
    expect(res.headers['access-control-expose-headers']).toBe('Content-Disposition,X-Huayu-Total,X-Huayu-Rows,X-Huayu-Truncated');
  });

  it('answers a bad query with the JSON error before any row is sent', async () => {
    const res = await request(app).get('/api/search?q=&format=csv');
    expect(res.status).toBe(400);
    expect(res.body.error.code).toBe('QUERY_EMPTY');
  });

  it('cuts the connection and logs, rather than sending a JSON error into the file, when a row fails mid-export', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    // Code points are read for the rows only after the search (two a row): the fourth row fails.
    let calls = 0;
    const failing = (fetched: Texts): Texts => ({
      slice: (doc, start, end) => fetched.slice(doc, start, end),
      codePoints: (doc) => {
        if (++calls > 6) throw new Error('disk gone at row 3');
        return fetched.codePoints(doc);
      },
    });
    const texts: TextSource = {
      fetch: (docs) => engine.texts.fetch(docs),
      fetchSpans: async (spans) => failing(await engine.texts.fetchSpans(spans)),
      details: (doc) => engine.texts.details(doc),
    };
    const broken = createApp({ engine: { ...engine, texts }, logger });
    const failed = await getRaw(broken, `/api/search?q=${q('营商环境')}&format=csv`).then(
      ({ res }) => ({ status: res.status, text: String(res.body) }),
      (err: Error) => ({ error: err.message }),
    );
    // The headers went out with the count: the client sees a 200 whose body stops short, never an error body.
    expect(failed).toEqual({ error: expect.stringMatching(/aborted|socket hang up|ECONNRESET/u) });
    expect(lines.join('')).toContain('request failed after its response began');
    expect(lines.join('')).toContain('disk gone at row 3');
  });
});
