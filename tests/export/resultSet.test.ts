// Result sets as rows: a character outside the BMP keeps its code-point
// offsets in both formats, a slow reader holds the export back page by page,
// and file names say what the file holds without what a header refuses.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Writable } from 'node:stream';
import { setTimeout as sleep } from 'node:timers/promises';
import { pino } from 'pino';
import { beforeAll, describe, expect, it } from 'vitest';
import { exportFileName } from '../../src/export/resultFileName.js';
import { openResultSet, type ResultRow } from '../../src/export/resultSet.js';
import { writeRows } from '../../src/export/resultStream.js';
import { createApp } from '../../src/http/app.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { csvRows, getRaw, jsonLines, pagedHits, q } from '../helpers/exports.js';
import { tempDir } from '../helpers/tempDir.js';

const HEAD = '2024年3月1日外交部发言人毛宁主持例行记者会\n';
const ASTRAL = `${HEAD}𠮷野家记者：𠮷野家的问题是什么？\n毛宁：我们欢迎𠮷野家来华投资，营商环境很好。\n`;
/** 1,200 passages holding 营商环境: an export of some 400 KB of CSV. */
const MANY = HEAD + Array.from({ length: 600 }, (_, i) => `记者：第${i + 1}个关于营商环境的问题是什么？\n毛宁：第${i + 1}个回答，营商环境持续改善，欢迎各方来华投资。\n`).join('');

async function engineOf(text: string): Promise<Engine> {
  const dir = tempDir('export');
  writeFileSync(path.join(dir, 'x.txt'), text);
  return buildIndex(readCorpus(dir), { threads: 0 });
}

describe('a character outside the BMP in an export', () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    app = createApp({ engine: await engineOf(ASTRAL), logger: pino({ level: 'silent' }) });
  });

  it('keeps 𠮷 in CSV and JSONL, with the offsets /api/search gives, in code points', async () => {
    const { hits } = await pagedHits(app, `q=${q('营商环境')}`);
    const csv = csvRows((await getRaw(app, `/api/search?q=${q('营商环境')}&format=csv`)).bytes);
    const jsonl = jsonLines((await getRaw(app, `/api/search?q=${q('营商环境')}&format=jsonl`)).bytes);
    const cps = [...ASTRAL];
    expect(csv).toHaveLength(1);
    expect(jsonl).toHaveLength(1);
    const expected = '毛宁：我们欢迎𠮷野家来华投资，营商环境很好。';
    for (const row of [csv[0]!, jsonl[0]!]) {
      expect(row.text).toBe(expected);
      expect(cps.slice(Number(row.start), Number(row.end)).join('')).toBe(expected);
      // In UTF-16 units the passage would start one further on (𠮷 is two units, one code point).
      expect(ASTRAL.slice(Number(row.start), Number(row.end))).not.toBe(expected);
      expect(Number(row.start)).toBe(hits[0]!.start);
      expect(Number(row.end)).toBe(hits[0]!.end);
    }
    expect(Number(csv[0]!.body_start)).toBe(hits[0]!.bodyStart);
    expect(jsonl[0]!.bodyStart).toBe(hits[0]!.bodyStart);
  });
});

describe('streaming an export', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await engineOf(MANY);
  });

  it('writes in many chunks, waits for drain, and builds the next page only when the reader takes the last', async () => {
    const set = await openResultSet(engine, { q: '营商环境' }, { max: 10_000, baseUrl: 'http://localhost:3000' });
    expect(set.total).toBe(1200);
    const pageRows = 50;
    let pulled = 0;
    async function* counted(): AsyncGenerator<ResultRow[]> {
      for await (const page of set.pages(pageRows)) {
        pulled++;
        yield page;
      }
    }
    // A reader that takes a chunk only when the test lets it: tiny buffer, every write held.
    const chunks: Buffer[] = [];
    const held: Array<() => void> = [];
    const reader = new Writable({ highWaterMark: 1024, write: (chunk: Buffer, _enc, done) => (chunks.push(chunk), held.push(done)) });
    let drains = 0;
    reader.on('drain', () => drains++);
    let finished = false;
    const writing = writeRows(counted(), 'csv', reader).then((r) => ((finished = true), r));

    await sleep(50);
    // Stalled on the first chunk: a few pages at most went into the encoder's buffers.
    expect(finished).toBe(false);
    expect(chunks).toHaveLength(1);
    expect(pulled).toBeGreaterThan(0);
    expect(pulled).toBeLessThan(1200 / pageRows / 2);

    while (!finished) {
      held.shift()?.();
      await new Promise((r) => setImmediate(r));
    }
    expect(await writing).toEqual({ rows: 1200, complete: true });
    expect(pulled).toBe(1200 / pageRows);
    expect(drains).toBeGreaterThan(5);
    expect(chunks.length).toBeGreaterThan(5);
    const bytes = Buffer.concat(chunks);
    expect(Math.max(...chunks.map((c) => c.length))).toBeLessThan(bytes.length / 4);
    expect(csvRows(bytes).map((r) => r.rank)).toEqual(Array.from({ length: 1200 }, (_, i) => String(i + 1)));
  });

  it('stops quietly when the reader goes away, without building the rest', async () => {
    const set = await openResultSet(engine, { q: '营商环境' }, { max: 10_000, baseUrl: 'http://localhost:3000' });
    let pulled = 0;
    async function* counted(): AsyncGenerator<ResultRow[]> {
      for await (const page of set.pages(50)) {
        pulled++;
        yield page;
      }
    }
    const reader = new Writable({ highWaterMark: 1024, write: (_chunk, _enc, done) => void setTimeout(done, 1) });
    const writing = writeRows(counted(), 'jsonl', reader);
    await sleep(20);
    reader.destroy();
    const r = await writing;
    expect(r.complete).toBe(false);
    expect(r.rows).toBeLessThan(1200);
    expect(pulled).toBeLessThan(24);
  });
});

describe('export file names', () => {
  const day = '2026-12-01';

  it('say what the file holds: the words, then the filters', () => {
    expect(exportFileName({ q: '台湾' }, 'csv', day)).toBe('huayu-台湾-2026-12-01.csv');
    expect(exportFileName({ q: ' 台湾  军售 ', speaker: '汪文斌', from: '2024' }, 'jsonl', day)).toBe('huayu-台湾-军售-汪文斌-from-2024-2026-12-01.jsonl');
    expect(exportFileName({ q: '', topic: '营商环境', kind: 'answer' }, 'csv', day)).toBe('huayu-营商环境-answer-2026-12-01.csv');
  });

  it('hold no slashes, quotes or control characters, and stay short', () => {
    const name = exportFileName({ q: '../"a"/b\\c\u0000\u202e\n\'d*?<>|' }, 'csv', day);
    expect(name).toBe('huayu-a_b_c_d-2026-12-01.csv');
    expect(exportFileName({ q: '/' }, 'csv', day)).toBe('huayu-results-2026-12-01.csv');
    expect([...exportFileName({ q: '营'.repeat(500) }, 'csv', day)]).toHaveLength(60 + 'huayu--2026-12-01.csv'.length);
  });
});
