// The roster through the API: who a document names, as what, and where each
// was found, in code points; and speakers found from either script.

import { cpSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pino } from 'pino';
import request from 'supertest';
import { beforeAll, describe, expect, it } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import { FIXTURES, filesFrom } from '../helpers/corpora.js';

// An astral character (𠮷, two UTF-16 units) before every roster mention: code points and UTF-16 offsets differ.
const ASTRAL = [
  '𠮷𠮷市政府新闻发布会',
  '2024-05-01',
  '',
  '发布人：𠮷𠮷市政府新闻办主任王小明',
  '王小明：大家好，欢迎参加发布会。',
  '记者：请问今年的重点工作有哪些？',
  '王小明：主要有三项。',
].join('\n');

let app: ReturnType<typeof createApp>;
beforeAll(async () => {
  const dir = mkdtempSync(path.join(os.tmpdir(), 'huayu-roster-'));
  for (const f of ['mod-002.txt', 'tw-moda-005.txt']) cpSync(path.join(FIXTURES, 'layouts', f), path.join(dir, f));
  writeFileSync(path.join(dir, 'astral.txt'), ASTRAL);
  const engine = await buildIndex(filesFrom({ '': dir }), { threads: 0 });
  rmSync(dir, { recursive: true, force: true });
  app = createApp({ engine, logger: pino({ level: 'silent' }) });
});

const document = async (id: string) => {
  const res = await request(app).get(`/api/documents/${encodeURIComponent(id)}`);
  expect(res.status).toBe(200);
  return res.body.document as {
    text: string;
    roster: Array<{ name: string; title: string; org: string; role: string; found: Array<{ in: string; start: number; end: number }> }>;
    passages: Array<{ attribution: string; speaker: { name: string } | null; text: string }>;
    turns: { attributions: Record<string, number>; labelShapes: Record<string, number> };
  };
};

describe('GET /api/documents/:id roster', () => {
  it('lists the spokesperson with the title the lead gives and every place he was found', async () => {
    const doc = await document('mod-002');
    const jiang = doc.roster.find((e) => e.name === '蒋斌')!;
    expect(jiang).toMatchObject({ title: '新闻发言人', org: '国防部', role: 'official' });
    expect(jiang.found.map((f) => f.in)).toEqual(['lead', 'label', 'label', 'label', 'label', 'label']);
    const cps = [...doc.text];
    for (const f of jiang.found) expect(cps.slice(f.start, f.end).join('')).toContain('蒋斌');
    expect(doc.roster.find((e) => e.role === 'reporter')).toMatchObject({ name: '记者', org: '' });
  });

  it('gives where a roster entry was found in code points, past a character outside the BMP', async () => {
    const doc = await document('astral');
    const wang = doc.roster.find((e) => e.name === '王小明')!;
    expect(wang).toMatchObject({ title: '主任', org: '𠮷𠮷市政府新闻办', role: 'official' });
    const header = wang.found.find((f) => f.in === 'header')!;
    expect([...doc.text].slice(header.start, header.end).join('')).toBe('𠮷𠮷市政府新闻办主任王小明');
    // In UTF-16 units the same span starts two units later: the API does not give those.
    expect(doc.text.slice(header.start, header.end)).not.toBe('𠮷𠮷市政府新闻办主任王小明');
  });

  it('says how each passage was attributed, and counts the document\'s turns by attribution and label shape', async () => {
    const doc = await document('tw-moda-005');
    expect(doc.passages[0]).toMatchObject({ attribution: 'label', speaker: { name: '羅秉成' } });
    expect(doc.passages[2]).toMatchObject({ attribution: 'continuation', speaker: { name: '莊人祥' } });
    expect(doc.turns.labelShapes).toEqual({ markdown: 27 });
    expect(doc.turns.attributions).toEqual({ label: 27, continuation: 17 });
  });
});

describe('speakers from either script', () => {
  it('opens the page of a Traditional-script speaker (唐鳳) asked for in Simplified (唐凤)', async () => {
    const res = await request(app).get(`/api/speakers/${encodeURIComponent('唐凤')}`);
    expect(res.status).toBe(200);
    expect(res.body.speaker).toMatchObject({ name: '唐鳳', role: 'official', titles: ['政委'] });
  });
});

describe('GET /api/search speaker filter', () => {
  it('finds a Traditional-script speaker (唐鳳) when the filter is written in Simplified (唐凤)', async () => {
    const res = await request(app).get(`/api/search?q=${encodeURIComponent('健保')}&speaker=${encodeURIComponent('唐凤')}`);
    expect(res.status).toBe(200);
    expect(res.body.total).toBeGreaterThan(0);
    for (const h of res.body.hits) expect(h.speaker.name).toBe('唐鳳');
  });
});
