import { spawn } from 'node:child_process';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import express from 'express';
import { pino } from 'pino';
import request from 'supertest';
import { Writable } from 'node:stream';
import pg from 'pg';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createHttpServer, shutdown } from '../../src/http/server.js';
import type { Engine } from '../../src/index/engine.js';
import { openIndex } from '../../src/index/embedded/openIndex.js';
import { PgRetrieval } from '../../src/index/postgres/retrieval.js';
import { CORPUS, HUAYU_BIN, ROOT, seedEngine } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

const silent = pino({ level: 'silent' });
let engine: Engine;
beforeAll(async () => {
  engine = await seedEngine();
});

describe('security headers, CORS and rate limit', () => {
  it('sends helmet security headers and no x-powered-by', async () => {
    const res = await request(createApp({ engine, logger: silent })).get('/healthz');
    expect(res.headers['x-content-type-options']).toBe('nosniff');
    expect(res.headers['content-security-policy']).toContain("default-src 'self'");
    expect(res.headers['x-powered-by']).toBeUndefined();
  });

  it('keeps CORS off unless origins are configured', async () => {
    const off = await request(createApp({ engine, logger: silent })).get('/api/topics').set('Origin', 'https://news.example');
    expect(off.headers['access-control-allow-origin']).toBeUndefined();
    const on = await request(createApp({ engine, logger: silent, corsOrigins: ['https://news.example'] })).get('/api/topics').set('Origin', 'https://news.example');
    expect(on.headers['access-control-allow-origin']).toBe('https://news.example');
  });

  it('answers 429 RATE_LIMITED with the error body past the configured rate', async () => {
    const app = createApp({ engine, logger: silent, rateLimitPerMinute: 3 });
    for (let i = 0; i < 3; i++) expect((await request(app).get('/healthz')).status).toBe(200);
    const res = await request(app).get('/healthz');
    expect(res.status).toBe(429);
    expect(res.body.error.code).toBe('RATE_LIMITED');
  });

  it('refuses a JSON body over the size limit', async () => {
    const res = await request(createApp({ engine, logger: silent })).post('/api/quote').send({ text: '营'.repeat(30_000) });
    expect(res.status).toBe(413);
    expect(res.body.error.code).toBe('BAD_REQUEST');
  });
});

describe('a store that stops answering', () => {
  it('answers 503 STORE_UNAVAILABLE, logs the cause and sends none of it', async () => {
    const lines: string[] = [];
    const logger = pino({ level: 'error' }, new Writable({ write: (c, _e, cb) => (lines.push(String(c)), cb()) }));
    // The PostgreSQL retrieval on a port where nothing listens: every connection is refused.
    const gone = new PgRetrieval(new pg.Pool({ connectionString: 'postgres://huayu:hunter2@127.0.0.1:1/huayu' }), new Int32Array([0]), new Int32Array([0]), new Uint32Array([0]), { documents: 1, topDocKey: 1 });
    const app = createApp({ engine: { ...engine, retrieval: gone }, logger });
    for (const url of ['/api/search?q=营商环境', '/api/quote?text=开设张掖老街等各类夜市摊位']) {
      const res = await request(app).get(encodeURI(url));
      expect(res.status).toBe(503);
      expect(res.body.error.code).toBe('STORE_UNAVAILABLE');
      expect(JSON.stringify(res.body)).not.toMatch(/127\.0\.0\.1|hunter2|ECONNREFUSED/u);
    }
    expect(lines.join('')).toContain('ECONNREFUSED');
    await gone.close();
  });
});

describe('shutdown', () => {
  it('lets a request in flight finish, telling its keep-alive client to close, then closes', async () => {
    const app = express();
    app.get('/slow', (_req, res) => void setTimeout(() => res.send('done'), 300));
    const server = createHttpServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const agent = new http.Agent({ keepAlive: true });
    const inFlight = new Promise<{ status?: number; body: string; connection?: string }>((resolve) => {
      http.get({ port, host: '127.0.0.1', path: '/slow', agent }, (res) => {
        let body = '';
        res.on('data', (c) => (body += c));
        res.on('end', () => resolve({ status: res.statusCode, body, connection: res.headers.connection }));
      });
    });
    await new Promise((r) => setTimeout(r, 50));
    const closed = shutdown(server, silent);
    // Kept alive, the connection would hold the server open until its idle timeout (5 s).
    expect(await inFlight).toEqual({ status: 200, body: 'done', connection: 'close' });
    await closed;
    expect(server.listening).toBe(false);
  });

  it('resolves only once the handler of a request whose client went away is done, so the engine is closed after it', async () => {
    const app = express();
    let handled = false;
    app.get('/slow', (_req, res) => void setTimeout(() => ((handled = true), res.send('done')), 300));
    const server = createHttpServer(app);
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const { port } = server.address() as AddressInfo;
    const req = http.get({ port, host: '127.0.0.1', path: '/slow' });
    req.on('error', () => {});
    await new Promise((r) => setTimeout(r, 50));
    // The client gives up (a load balancer's timeout, a closed tab): its connection closes at once.
    req.destroy();
    await new Promise((r) => setTimeout(r, 20));
    await shutdown(server, silent);
    expect(handled).toBe(true);
  });

  it('huayu serve exits 0 on SIGTERM', async () => {
    const index = tempDir('sigterm');
    await openIndex(CORPUS, index); // the child loads it rather than building it
    const child = spawn(process.execPath, [HUAYU_BIN, 'serve', '--port', '0'], {
      env: { ...process.env, HUAYU_CORPUS: CORPUS, HUAYU_INDEX: index, LOG_LEVEL: 'info' },
    });
    let log = '';
    child.stdout.on('data', (c) => (log += c));
    await new Promise<void>((resolve) => child.stdout.on('data', () => log.includes('serving') && resolve()));
    child.kill('SIGTERM');
    const code = await new Promise((r) => child.on('exit', r));
    expect(code).toBe(0);
    expect(log).toContain('shut down');
  });
});
