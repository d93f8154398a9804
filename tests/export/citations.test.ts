import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { Ajv } from 'ajv';
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { parseCitations } from '../../src/export/citationJs.js';
import { createApp } from '../../src/http/app.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { FIXTURES, readText, seedEngine } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

const enc = encodeURIComponent;
const QUOTE = '大力发展夜间经济,开设张掖老街等各类夜市摊位2000余个';
const validate = new Ajv({ strict: false }).compile(JSON.parse(readText(path.join(FIXTURES, 'csl/csl-data.json'))));

type Match = { quote: string; start: number; end: number; url: string; speaker: { name: string }; doc: { id: string; title: string; date: string } };

/** What every format must carry through an import: who, when, which transcript, where, and the words. */
function expectSameSource(item: Record<string, unknown>, m: Match, base: string): void {
  const author = (item.author as Array<{ literal?: string; family?: string }>)[0]!;
  expect(author.literal ?? author.family).toBe(m.speaker.name);
  expect(item.issued).toEqual({ 'date-parts': [m.doc.date.split('-').map(Number)] });
  expect(item.title).toBe(m.doc.title);
  expect(item.URL).toBe(`${base}${m.url}`);
  expect(item.note).toBe(m.quote);
}

function today(): number[] {
  const d = new Date();
  return [d.getFullYear(), d.getMonth() + 1, d.getDate()];
}

describe('citation files of a checked quote (seed transcript)', () => {
  let app: ReturnType<typeof createApp>;
  let match: Match;
  const base = 'http://huayu.example:8080';
  const get = (url: string) => request(app).get(url).set('Host', 'huayu.example:8080');
  beforeAll(async () => {
    app = createApp({ engine: await seedEngine(), logger: pino({ level: 'silent' }) });
    match = (await get(`/api/quote?text=${enc(QUOTE)}`)).body.matches[0];
  });

  it('exports CSL-JSON that the CSL schema accepts, with speaker, date, title, URL and quote intact', async () => {
    const res = await get(`/api/quote?text=${enc(QUOTE)}&format=csl-json`);
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('application/vnd.citationstyles.csl+json; charset=utf-8');
    const items = JSON.parse(res.text) as Array<Record<string, unknown>>;
    expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
    expect(items).toHaveLength(1);
    const item = items[0]!;
    expectSameSource(item, match, base);
    expect(item).toMatchObject({ type: 'speech', publisher: '大西北网', accessed: { 'date-parts': [today()] } });
    expect(item.custom).toMatchObject({ quote: { start: match.start, end: match.end, mode: 'direct' } });
  });

  it('exports a BibTeX @misc that citation-js reads back with the same speaker, date, title, URL and quote', async () => {
    const res = await get(`/api/quote?text=${enc(QUOTE)}&format=bibtex`);
    expect(res.headers['content-type']).toBe('application/x-bibtex; charset=utf-8');
    expect(res.text).toMatch(/^@misc\{zhangye-2024-01-15:\d+-\d+,/u);
    expect(res.text).toMatch(/\thowpublished = \{.+，大西北网\},/u);
    expect(res.text).toMatch(/\turldate = \{\d{4}-\d{2}-\d{2}\},/u);
    const [item] = parseCitations(res.text);
    expectSameSource(item!, match, base);
    expect(item!.accessed).toEqual({ 'date-parts': [today()] });
  });

  it('exports an RIS record of type SOUND that citation-js reads back with the same fields', async () => {
    const res = await get(`/api/quote?text=${enc(QUOTE)}&format=ris`);
    expect(res.headers['content-type']).toBe('application/x-research-info-systems; charset=utf-8');
    expect(res.text.startsWith('TY  - SOUND\n')).toBe(true);
    const [item] = parseCitations(res.text);
    expectSameSource(item!, match, base);
  });

  it('takes the format from an Accept header that names one, and answers JSON to a browser', async () => {
    const bib = await get(`/api/quote?text=${enc(QUOTE)}`).set('Accept', 'application/x-bibtex');
    expect(bib.text.startsWith('@misc{')).toBe(true);
    const page = await get(`/api/quote?text=${enc(QUOTE)}`).set('Accept', 'text/html,application/xhtml+xml,*/*;q=0.8');
    expect(page.body.found).toBe(true);
  });

  it('names the download by who said it and when, encoded for a header', async () => {
    const res = await get(`/api/quote?text=${enc(QUOTE)}&format=ris`);
    const name = `huayu-quote-${match.speaker.name}-${match.doc.date}.ris`;
    expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${enc(name)}`);
    // Old clients get an ASCII name, the Chinese run as one "_" (never "?", which Windows refuses in a file name).
    expect(res.headers['content-disposition']).toMatch(new RegExp(`^attachment; filename="?huayu-quote-_-${match.doc.date}\\.ris"?;`, 'u'));
  });

  it('cites the verbatim source of a near match, not the words the user typed', async () => {
    const typed = '开设张掖老街等各类夜市摊位3000余个';
    const near = (await get(`/api/quote?text=${enc(typed)}`)).body.matches[0];
    const items = JSON.parse((await get(`/api/quote?text=${enc(typed)}&format=csl-json`)).text);
    expect(items[0].note).toBe(near.quote);
    expect(items[0].note).toContain('2000');
  });

  it('exports only the match asked for, and says there is nothing to cite past the last', async () => {
    const one = JSON.parse((await get(`/api/quote?text=${enc('营商环境')}&format=csl-json&match=2`)).text);
    const all = (await get(`/api/quote?text=${enc('营商环境')}`)).body.matches;
    expect(all.length).toBeGreaterThan(1);
    expect(one).toHaveLength(1);
    expect(one[0].note).toBe(all[1].quote);
    const past = await get(`/api/quote?text=${enc(QUOTE)}&format=ris&match=5`);
    expect(past.status).toBe(404);
    expect(past.body.error.code).toBe('QUOTE_NOTHING_TO_CITE');
  });

  it('refuses a format it does not write with 400 PARAM_INVALID naming the parameter', async () => {
    const res = await get(`/api/quote?text=${enc(QUOTE)}&format=endnote`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({ code: 'PARAM_INVALID' });
    expect(res.body.error.message).toContain('"format"');
  });

  it('exports with POST and a JSON body too', async () => {
    const res = await request(app).post('/api/quote').send({ text: QUOTE, format: 'bibtex' });
    expect(res.text.startsWith('@misc{')).toBe(true);
  });
});

describe('citation files keep every character', () => {
  it('carries 𠮷, Traditional script and LaTeX specials through CSL-JSON, BibTeX and RIS, with code-point offsets', async () => {
    const dir = tempDir('cite');
    const text = '2024年3月1日行政院院會後記者會\n𠮷野家記者：請問漲幅是多少？\n唐鳳：我們預計漲幅5%，𠮷野家的{新}店_#1 & 2都會開。\n';
    writeFileSync(path.join(dir, 'astral.txt'), text);
    const app = createApp({ engine: await buildIndex(readCorpus(dir)), logger: pino({ level: 'silent' }) });
    const said = '我們預計漲幅5%，𠮷野家的{新}店_#1 & 2都會開';
    const q = (format: string) => request(app).get(`/api/quote?text=${enc(said)}&format=${format}`).set('Host', 'h.example');
    const [csl] = JSON.parse((await q('csl-json')).text);
    expect(validate([csl])).toBe(true);
    expect(csl.note).toBe(said);
    expect(csl.author).toEqual([{ literal: '唐鳳' }]);
    const cps = Array.from(text);
    expect(cps.slice(csl.custom.quote.start, csl.custom.quote.end).join('')).toBe(said);
    for (const format of ['bibtex', 'ris']) {
      const [item] = parseCitations((await q(format)).text);
      expect(item!.note, format).toBe(said);
      expect(item!.title, format).toBe(csl.title);
    }
  });
});

describe('citation files of a page of search results (seed transcript)', () => {
  let app: ReturnType<typeof createApp>;
  beforeAll(async () => {
    app = createApp({ engine: await seedEngine(), logger: pino({ level: 'silent' }) });
  });
  const get = (url: string) => request(app).get(url).set('Host', 'h.example');

  it("cites each hit of the page asked for, its words after the speaker's label as the quote", async () => {
    for (const offset of [0, 10]) {
      const page = (await get(`/api/search?q=${enc('营商环境')}&offset=${offset}`)).body;
      const res = await get(`/api/search?q=${enc('营商环境')}&offset=${offset}&format=ris`);
      expect(res.headers['content-disposition']).toContain(`filename*=UTF-8''${enc(`huayu-营商环境-`)}`);
      expect(res.headers['content-disposition']).toMatch(new RegExp(`-p${offset / 10 + 1}\\.ris$`, 'u'));
      const items = parseCitations(res.text);
      expect(items).toHaveLength(page.hits.length);
      items.forEach((item, i) => {
        const hit = page.hits[i];
        expect(item.note).toBe(Array.from(hit.text as string).slice(hit.bodyStart - hit.start).join(''));
        expect(item.URL).toBe(`http://h.example/documents/${hit.doc.id}#${hit.anchor}`);
        if (hit.speaker) expect((item.author as Array<{ family: string }>)[0]!.family).toBe(hit.speaker.name);
      });
    }
  });

  it('gives CSL-JSON of a page that the CSL schema accepts, and JSON when no format is asked', async () => {
    const items = JSON.parse((await get(`/api/search?q=${enc('夜间经济')}&format=csl-json`)).text);
    expect(validate(items), JSON.stringify(validate.errors)).toBe(true);
    expect(items.length).toBeGreaterThan(0);
    expect((await get(`/api/search?q=${enc('夜间经济')}`)).body.total).toBeGreaterThan(0);
  });
});

describe('citation of an interview transcript', () => {
  it('cites the interviewee of a 人民日报 interview as an interview (CSL) and a generic record (RIS)', async () => {
    const app = createApp({ engine: await buildIndex(readCorpus(path.join(FIXTURES, 'layouts'))), logger: pino({ level: 'silent' }) });
    const said = '2025年，我国消费市场向新而行，保持稳健增长';
    const q = (format: string) => request(app).get(`/api/quote?text=${enc(said)}&format=${format}`);
    const [item] = JSON.parse((await q('csl-json')).text);
    expect(validate([item])).toBe(true);
    expect(item).toMatchObject({ type: 'interview', author: [{ literal: '王文涛' }], publisher: '人民日报', genre: '采访实录', note: said });
    expect((await q('ris')).text.startsWith('TY  - GEN\n')).toBe(true);
  });
});

describe('citation of a transcript that names no publisher', () => {
  it('leads a Taiwan cabinet transcript\'s citations with its event, never with an empty author, and writes no empty publisher', async () => {
    const app = createApp({ engine: await buildIndex(readCorpus(path.join(FIXTURES, 'layouts'))), logger: pino({ level: 'silent' }) });
    const said = '這個新增的補發功能';
    const res = await request(app).get(`/api/quote?text=${enc(said)}`);
    const m = res.body.matches[0];
    expect(m.speaker.name).toBe('羅秉成');
    expect(m.citation.gbt7714).toMatch(/^數位證明系統新增確診者隔離通知書補發功能記者會\. 2022-05-30 數位證明系統新增確診者隔離通知書補發功能記者會\[EB\/OL\]\. \(2022-05-30\)/u);
    expect(m.citation.apa).toMatch(/^數位證明系統新增確診者隔離通知書補發功能記者會\. \(2022, May 30\)\. 2022-05-30 數位證明系統.+\[Press conference transcript\]\. http/u);
    const [item] = JSON.parse((await request(app).get(`/api/quote?text=${enc(said)}&format=csl-json`)).text);
    expect(validate([item])).toBe(true);
    expect(item).not.toHaveProperty('publisher');
    const bibtex = (await request(app).get(`/api/quote?text=${enc(said)}&format=bibtex`)).text;
    expect(bibtex).toContain('\thowpublished = {发布会发言},\n');
    expect(bibtex).not.toContain('publisher');
  });
});
