// A corpus with one file of every bad kind next to good ones: each bad file
// gets a named outcome, and no passage of a good file is lost.

import { copyFileSync, mkdirSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import iconv from 'iconv-lite';
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { passagesOfDocument, type Engine, type IndexedPassage } from '../../src/index/engine.js';
import { openIndex } from '../../src/index/embedded/openIndex.js';
import { parseTranscript } from '../../src/parse/parseTranscript.js';
import { checkQuote } from '../../src/quote/quote.js';
import { readText, SEED } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';
import { heldTexts } from '../../src/index/texts.js';

const MFA = '2021年11月1日外交部发言人汪文斌主持例行记者会\n2021-11-01 19:57\n\n法新社记者：你对此有何评论？\n汪文斌：中方坚决反对任何形式的单边制裁。\n这是我们一贯的立场。\n';

let dir: string;
let index: string;
let engine: Engine;
beforeAll(async () => {
  dir = tempDir('bad');
  index = tempDir('bad-index');
  copyFileSync(SEED, path.join(dir, 'seed.txt'));
  writeFileSync(path.join(dir, 'bom.txt'), '\ufeff' + MFA);
  writeFileSync(path.join(dir, 'crlf.txt'), MFA.replace('汪文斌主持', '华春莹主持').replace(/汪文斌：/gu, '华春莹：').replace(/\n/gu, '\r\n'));
  writeFileSync(path.join(dir, 'gbk.txt'), iconv.encode(MFA.replace(/汪文斌/gu, '赵立坚'), 'gbk'));
  writeFileSync(path.join(dir, 'binary.txt'), Buffer.from([0x89, 0x50, 0x4e, 0x47, 0, 0, 1, 2, 3]));
  writeFileSync(path.join(dir, 'empty.txt'), '');
  writeFileSync(path.join(dir, 'latin1.txt'), iconv.encode('Déclaration à la presse, été 2024, à Genève.', 'latin1'));
  writeFileSync(path.join(dir, 'no-labels.txt'), '今天天气很好。\n我们去公园散步。\n');
  writeFileSync(path.join(dir, 'page.html'), `<html><body><p>2021年12月1日外交部发言人毛宁主持例行记者会</p><p>路透社记者：&ldquo;有何评论&rdquo;？</p><p>毛宁：我们&amp;各方保持沟通。</p></body></html>`);
  // One giant line over the limit given below (2 MB).
  writeFileSync(path.join(dir, 'giant.txt'), '很长的一行'.repeat(200_000));
  ({ engine } = await openIndex(dir, index, { limits: { maxBytes: 2 * 1024 * 1024 } }));
});

const doc = (p: string) => engine.docs.find((d) => d.path === p)!;
/** The engine's passages of the file at `p`. */
const passagesIn = (e: Engine, p: string) => passagesOfDocument(e, e.docs.findIndex((d) => d.path === p));
/** A passage as the parser gave it: without the numbers and topics the index adds. */
const asParsed = (p: IndexedPassage) => ({ ...(JSON.parse(JSON.stringify(p)) as object), gid: undefined, doc: undefined, topics: undefined });

describe('bad transcript files at index time', () => {
  it('indexes the good files and names a reason for each refused one', () => {
    expect(engine.docs.map((d) => d.path).sort()).toEqual(['bom.txt', 'crlf.txt', 'gbk.txt', 'no-labels.txt', 'page.html', 'seed.txt']);
    expect(engine.manifest.refused.map((r) => [r.path, r.code])).toEqual([
      ['binary.txt', 'FILE_BINARY'],
      ['empty.txt', 'FILE_EMPTY'],
      ['giant.txt', 'FILE_TOO_LARGE'],
      ['latin1.txt', 'ENCODING_UNSUPPORTED'],
    ]);
  });

  it('loses no passage of a good file', () => {
    const alone = parseTranscript('seed', readText(SEED));
    expect(passagesIn(engine, 'seed.txt').map(asParsed)).toEqual(alone.passages);
  });

  it('cites a quote from a BOM or CRLF file with offsets that slice the stored file back', async () => {
    for (const [file, who] of [['bom.txt', '汪文斌'], ['crlf.txt', '华春莹']] as const) {
      const m = (await checkQuote(engine, { text: '中方坚决反对任何形式的单边制裁', baseUrl: 'http://x', limit: 20 })).matches.find((x) => x.doc.id === doc(file).id)!;
      expect(m.speaker?.name).toBe(who);
      expect([...heldTexts(engine.texts).text(engine.docs.indexOf(doc(file)))].slice(m.start, m.end).join('')).toBe('中方坚决反对任何形式的单边制裁');
    }
  });

  it('finds a quote spanning a CRLF paragraph break', async () => {
    const m = (await checkQuote(engine, { text: '单边制裁。这是我们一贯的立场', baseUrl: 'http://x', limit: 20 })).matches.find((x) => x.doc.id === doc('crlf.txt').id)!;
    expect(m.quote).toBe('单边制裁。\r\n这是我们一贯的立场');
  });

  it('attributes the GBK file like the UTF-8 one', () => {
    expect(passagesIn(engine, 'gbk.txt').map((p) => p.speaker?.name)).toEqual(['法新社记者', '赵立坚', '赵立坚']);
    expect(doc('gbk.txt').warnings[0]).toMatch(/GB18030/u);
  });

  it('indexes a file without speaker labels as narration, with a warning', () => {
    expect(doc('no-labels.txt')).toMatchObject({ format: 'plain', warnings: [expect.stringMatching(/no speaker labels/u)] });
  });

  it('indexes HTML as its text', () => {
    expect(passagesIn(engine, 'page.html').map((p) => [p.kind, p.speaker?.name])).toEqual([
      ['question', '路透社记者'],
      ['answer', '毛宁'],
    ]);
  });

  it('lists every file with its status in GET /api/documents', async () => {
    const res = await request(createApp({ engine, logger: pino({ level: 'silent' }) })).get('/api/documents');
    expect(res.body.documents).toHaveLength(6);
    expect(res.body.documents.find((d: { path: string }) => d.path === 'gbk.txt')).toMatchObject({ status: 'indexed', encoding: 'gb18030' });
    expect(res.body.refused).toContainEqual({ path: 'giant.txt', status: 'refused', code: 'FILE_TOO_LARGE', message: expect.stringContaining('HUAYU_MAX_FILE_MB') });
  });
});

describe('a corpus that changes between starts', () => {
  it('updates a changed document and removes a deleted one, leaving the others as they were', async () => {
    const c = tempDir('change');
    const idx = tempDir('change-index');
    mkdirSync(c, { recursive: true });
    copyFileSync(SEED, path.join(c, 'seed.txt'));
    writeFileSync(path.join(c, 'a.txt'), MFA);
    writeFileSync(path.join(c, 'b.txt'), MFA.replace(/汪文斌/gu, '华春莹'));
    const before = (await openIndex(c, idx)).engine;
    writeFileSync(path.join(c, 'a.txt'), MFA.replace('单边制裁', '长臂管辖'));
    rmSync(path.join(c, 'b.txt'));
    const { engine: after, rebuilt } = await openIndex(c, idx);
    expect(rebuilt?.code).toBe('INDEX_STALE');
    // The changed transcript is in the update's new part, after the ones left as they were.
    expect(after.docs.map((d) => d.id)).toEqual(['seed', 'a']);
    expect((await checkQuote(after, { text: '反对任何形式的长臂管辖', baseUrl: 'http://x' })).found).toBe(true);
    expect((await checkQuote(after, { text: '反对任何形式的单边制裁', baseUrl: 'http://x' })).found).toBe(false);
    // The same passages, numbered anew (b's are gone from before them).
    // As JSON: a loaded passage's fields are read from its columns (columnPassage.ts), a built one's are its own.
    const unnumbered = (e: Engine) => passagesOfDocument(e, e.docById.get('seed')!).map(asParsed);
    expect(unnumbered(after)).toEqual(unnumbered(before));
  });
});
