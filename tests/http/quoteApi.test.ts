import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createHttpServer } from '../../src/http/server.js';
import { seedEngine } from '../helpers/corpora.js';

let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  app = createApp({ engine: await seedEngine(), logger: pino({ level: 'silent' }) });
});
const get = (url: string) => request(app).get(url);
const enc = encodeURIComponent;

describe('GET /api/quote', () => {
  it('answers found, exact and matches with citations and a permalink on the request origin', async () => {
    const res = await get(`/api/quote?text=${enc('大力发展夜间经济,开设张掖老街等各类夜市摊位2000余个')}`).set('Host', 'huayu.example:8080');
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ found: true, exact: true });
    const m = res.body.matches[0];
    expect(Object.keys(m).sort()).toEqual(
      ['citation', 'diff', 'doc', 'end', 'kind', 'mode', 'passages', 'quote', 'selectors', 'similarity', 'speaker', 'start', 'url'].sort(),
    );
    expect(m.citation.gbt7714).toContain('http://huayu.example:8080/documents/zhangye-2024-01-15#p24.');
    expect(m.url).toMatch(/^\/documents\/zhangye-2024-01-15#p24:~:text=/u);
  });

  it('answers a changed figure with found false and the nearest source', async () => {
    const res = await get(`/api/quote?text=${enc('开设张掖老街等各类夜市摊位3000余个')}`);
    expect(res.body.found).toBe(false);
    expect(res.body.matches[0].diff).toContainEqual({ op: 'insert', text: '3' });
  });

  it('refuses text under 2 or over 2000 characters with 400 QUOTE_LENGTH', async () => {
    for (const text of ['', '营', '营'.repeat(2001)]) {
      const res = await request(createHttpServer(app)).get(`/api/quote?text=${enc(text)}`);
      expect(res.status).toBe(400);
      expect(res.body.error.code).toBe('QUOTE_LENGTH');
    }
    expect((await get('/api/quote')).body.error.code).toBe('QUOTE_LENGTH');
  });

  it('takes a 2000-character quote in a GET URL through the server (≈18 KB encoded)', async () => {
    const res = await request(createHttpServer(app)).get(`/api/quote?text=${enc('营'.repeat(2000))}`);
    expect(res.status).toBe(200);
    expect(res.body.found).toBe(false);
  });

  it('takes the quote in a JSON body with POST', async () => {
    const res = await request(app).post('/api/quote').send({ text: '大力发展夜间经济' });
    expect(res.status).toBe(200);
    expect(res.body.found).toBe(true);
    const bad = await request(app).post('/api/quote').send({ text: 42 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.code).toBe('PARAM_INVALID');
    const malformed = await request(app).post('/api/quote').set('Content-Type', 'application/json').send('{"text":');
    expect(malformed.status).toBe(400);
    expect(malformed.body.error.code).toBe('BAD_REQUEST');
  });

  it('refuses a repeated text parameter', async () => {
    expect((await get('/api/quote?text=ab&text=cd')).body.error.code).toBe('PARAM_REPEATED');
  });
});

describe('GET /api/speakers/:name', () => {
  it("gives 梁顺海's profile, passages in document order and the question he answered with its outlet", async () => {
    const res = await get(`/api/speakers/${enc('梁顺海')}`);
    expect(res.status).toBe(200);
    expect(res.body.speaker).toEqual({
      name: '梁顺海',
      titles: ['局长'],
      orgs: ['张掖市商务局'],
      role: 'official',
      passageCount: 6,
      documents: [{ id: 'zhangye-2024-01-15', title: expect.any(String), date: '2024-01-15' }],
    });
    expect(res.body.passages.map((p: { anchor: string }) => p.anchor)).toEqual(['p23', 'p24', 'p25', 'p26', 'p27', 'p28']);
    expect(res.body.answered).toEqual([
      expect.objectContaining({ question: 'zhangye-2024-01-15:p22', askedBy: { name: '中国甘肃网记者', org: '中国甘肃网' } }),
    ]);
    expect(res.body.outlets).toEqual([{ name: '中国甘肃网', count: 1 }]);
  });

  it('pages the passages', async () => {
    const res = await get(`/api/speakers/${enc('郝文年')}?limit=2&offset=2`);
    expect(res.body.total).toBe(9);
    expect(res.body.passages.map((p: { anchor: string }) => p.anchor)).toEqual(['p14', 'p15']);
  });

  it('answers 404 SPEAKER_NOT_FOUND for an unknown name', async () => {
    const res = await get(`/api/speakers/${enc('查无此人')}`);
    expect(res.status).toBe(404);
    expect(res.body.error.code).toBe('SPEAKER_NOT_FOUND');
  });
});

describe('GET /api/figures', () => {
  it('sets the figures 刘力江 and 张成琦 gave for 减税降费 side by side', async () => {
    const res = await get(`/api/figures?q=${enc('减税降费')}`);
    expect(res.status).toBe(200);
    const by = Object.fromEntries(res.body.bySpeaker.map((g: { speaker: string; figures: Array<{ figure: string }> }) => [g.speaker, g.figures.map((f) => f.figure)]));
    expect(by).toEqual({ 刘力江: ['超10.2亿元'], 张成琦: ['11.4亿元'] });
    const liu = res.body.figures.find((f: { speaker: { name: string } }) => f.speaker.name === '刘力江');
    expect(liu).toMatchObject({ number: '10.2', unit: '亿元', qualifier: '超', context: '落实减税降费超10.2亿元', mode: 'reported' });
    const zhang = res.body.figures.find((f: { speaker: { name: string } }) => f.speaker.name === '张成琦');
    expect(zhang.context).toBe('落实减税降费及缓交税费11.4亿元');
  });

  it('gives figure offsets that cut the document back to the figure', async () => {
    const res = await get(`/api/figures?q=${enc('减税降费')}`);
    const doc = await get('/api/documents/zhangye-2024-01-15');
    const cps = [...doc.body.document.text];
    for (const f of res.body.figures) expect(cps.slice(f.start, f.end).join('')).toBe(f.figure);
  });

  it('refuses an empty subject', async () => {
    expect((await get('/api/figures?q=')).status).toBe(400);
  });

  it('pages the passages that mention the subject, and gives the figures of the page alone', async () => {
    const whole = (await get(`/api/figures?q=${enc('减税降费')}`)).body;
    expect(whole).toMatchObject({ offset: 0, limit: 100 });
    expect(whole.total).toBeGreaterThan(1);
    const paged: Array<{ passage: string }> = [];
    for (let offset = 0; offset < whole.total; offset++) {
      const one = (await get(`/api/figures?q=${enc('减税降费')}&limit=1&offset=${offset}`)).body;
      expect(one).toMatchObject({ total: whole.total, offset, limit: 1 });
      expect(new Set(one.figures.map((f: { passage: string }) => f.passage)).size).toBeLessThanOrEqual(1);
      paged.push(...one.figures);
    }
    expect(paged).toEqual(whole.figures);
  });

  it('refuses a page of more than 500 passages, naming the parameter', async () => {
    const res = await get(`/api/figures?q=${enc('减税降费')}&limit=501`);
    expect(res.status).toBe(400);
    expect(JSON.stringify(res.body)).toContain('limit');
  });
});
