import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { seedEngine } from '../helpers/corpora.js';

let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  app = createApp({ engine: await seedEngine(), logger: pino({ level: 'silent' }) });
});

describe('the web page routes', () => {
  it.each(['/', '/?q=%E8%90%A5%E5%95%86%E7%8E%AF%E5%A2%83', '/quote', '/documents/zhangye-2024-01-15', `/speakers/${encodeURIComponent('张成琦')}`])(
    'answers %s with the HTML shell in Chinese',
    async (url) => {
      const res = await request(app).get(url);
      expect(res.status).toBe(200);
      expect(res.headers['content-type']).toBe('text/html; charset=utf-8');
      expect(res.text).toContain('<html lang="zh-CN">');
      expect(res.text).toContain('<script type="module" src="/assets/main.js">');
    },
  );

  it('serves the compiled client and the stylesheet', async () => {
    const js = await request(app).get('/assets/main.js');
    expect(js.status).toBe(200);
    expect(js.headers['content-type']).toMatch(/^(text|application)\/javascript/u);
    expect(js.text).toContain("from './searchPage.js'");
    const css = await request(app).get('/assets/style.css');
    expect(css.status).toBe(200);
    expect(css.headers['content-type']).toMatch(/^text\/css/u);
  });

  it('leaves the API and unknown paths as they were', async () => {
    const api = await request(app).get('/api/documents/nope');
    expect(api.body.error.code).toBe('DOCUMENT_NOT_FOUND');
    const asset = await request(app).get('/assets/nope.js');
    expect(asset.status).toBe(404);
    expect(asset.body.error.code).toBe('ROUTE_NOT_FOUND');
    const deeper = await request(app).get('/documents/a/b');
    expect(deeper.body.error.code).toBe('ROUTE_NOT_FOUND');
  });
});
