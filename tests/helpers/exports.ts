// Reading result-set exports back in tests: the raw bytes of a response, CSV
// through csv-parse, and the ids of every page of /api/search for comparison.

import { parse } from 'csv-parse/sync';
import request from 'supertest';
import { expect } from 'vitest';
import type { createApp } from '../../src/http/app.js';

type App = ReturnType<typeof createApp>;

/** The response with its body as the bytes sent (supertest would decode text and drop nothing visible). */
export async function getRaw(app: App, url: string) {
  const res = await request(app)
    .get(url)
    .buffer(true)
    .parse((r, done) => {
      const chunks: Buffer[] = [];
      r.on('data', (c: Buffer) => chunks.push(c));
      r.on('end', () => done(null, Buffer.concat(chunks)));
    });
  return { res, bytes: res.body as Buffer };
}

export type CsvRow = Record<string, string>;

/** Rows by header, as a spreadsheet would read them (bom: true takes the BOM off the first header). */
export function csvRows(bytes: Buffer): CsvRow[] {
  return parse(bytes, { bom: true, columns: true }) as CsvRow[];
}

export function jsonLines(bytes: Buffer): Array<Record<string, unknown>> {
  const text = bytes.toString('utf8');
  expect(text === '' || text.endsWith('\n')).toBe(true);
  return text.split('\n').filter(Boolean).map((l) => JSON.parse(l) as Record<string, unknown>);
}

export interface PagedHit {
  id: string;
  match: string;
  start: number;
  end: number;
  bodyStart: number;
  text: string;
}

/** Every hit of a query, page by page of /api/search (limit 100), with its total. */
export async function pagedHits(app: App, query: string): Promise<{ total: number; hits: PagedHit[] }> {
  const hits: PagedHit[] = [];
  let total = 0;
  for (let offset = 0; offset === 0 || offset < total; offset += 100) {
    const res = await request(app).get(`/api/search?${query}&limit=100&offset=${offset}`);
    expect(res.status).toBe(200);
    total = res.body.total;
    hits.push(...(res.body.hits as PagedHit[]));
  }
  expect(hits).toHaveLength(total);
  return { total, hits };
}

export const q = (s: string) => encodeURIComponent(s);
