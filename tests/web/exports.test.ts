// The export links in a real headless browser: a click downloads a file whose
// name says what it holds, and the file is read back as a user's program would.

import { readFileSync } from 'node:fs';
import { parse as parseCsv } from 'csv-parse/sync';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCitations } from '../../src/export/citationJs.js';
import { HAS_SHARED, realEngine, SHARED_SKIP_MESSAGE, seedEngine } from '../helpers/corpora.js';
import { browserSession, HAS_CHROMIUM, NO_CHROMIUM_MESSAGE, serve } from './browser.js';

/** Clicks the link and waits for the download it starts: its suggested name and its content. */
async function download(page: Page, click: () => Promise<void>): Promise<{ name: string; text: string }> {
  const [file] = (await Promise.all([page.waitForEvent('download'), click()])) as [Download, void];
  const saved = await file.path();
  return { name: file.suggestedFilename(), text: readFileSync(saved, 'utf8') };
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'export links in Chromium' : `export links in Chromium (${NO_CHROMIUM_MESSAGE})`, () => {
  const session = browserSession(() => seedEngine().then(serve), { dialogs: true });

  it('downloads a checked quote as BibTeX, RIS and CSL-JSON named by speaker and date, each holding the quote', async () => {
    const page = await session.open(`/quote?text=${encodeURIComponent('大力发展夜间经济')}`);
    const match = page.locator('.quote-match').first();
    await match.waitFor();
    for (const [link, ext] of [['BibTeX', 'bib'], ['RIS', 'ris'], ['CSL-JSON', 'json']] as const) {
      const file = await download(page, () => match.getByRole('link', { name: link, exact: true }).click());
      expect(file.name).toBe(`huayu-quote-梁顺海-2024-01-15.${ext}`);
      const [item] = ext === 'json' ? JSON.parse(file.text) : parseCitations(file.text);
      expect(item.note).toBe('大力发展夜间经济');
      expect(item.title).toContain('张掖专场');
      expect(item.author[0].literal ?? item.author[0].family).toBe('梁顺海');
      expect(item.issued).toEqual({ 'date-parts': [[2024, 1, 15]] });
      // The permalink the page shows, with its text fragment.
      expect(item.URL).toBe(new URL((await match.locator('a.permalink').getAttribute('href'))!, session.url).href);
    }
  });
});

/** The result list of `q`: its total as the page says it, and every match downloaded as CSV and JSONL. */
async function exportAll(page: Page, q: string): Promise<void> {
  await page.locator('.hit').first().waitFor();
  const total = Number(/共 (\d+) 段/u.exec(await page.locator('.summary').innerText())![1]);
  expect(total).toBeGreaterThan(10);
  const csv = await download(page, () => page.getByRole('link', { name: 'CSV', exact: true }).click());
  expect(csv.name).toMatch(new RegExp(`^huayu-${q}-\\d{4}-\\d{2}-\\d{2}\\.csv$`, 'u'));
  expect(csv.text.charCodeAt(0)).toBe(0xfeff);
  const rows = parseCsv(csv.text, { bom: true, columns: true }) as Array<{ rank: string; text: string }>;
  expect(rows).toHaveLength(total);
  expect(rows.map((r) => Number(r.rank))).toEqual(Array.from({ length: total }, (_, i) => i + 1));
  const jsonl = await download(page, () => page.getByRole('link', { name: 'JSONL', exact: true }).click());
  expect(jsonl.text.trim().split('\n').map((l) => JSON.parse(l).rank)).toEqual(rows.map((r) => Number(r.rank)));
  // The page's citations: one a hit shown.
  const ris = await download(page, () => page.locator('.exports').getByRole('link', { name: 'RIS', exact: true }).click());
  expect(ris.name).toMatch(/-p1\.ris$/u);
  expect(parseCitations(ris.text)).toHaveLength(await page.locator('.hit').count());
}

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'result exports in Chromium (seed)' : `result exports in Chromium (${NO_CHROMIUM_MESSAGE})`, () => {
  const session = browserSession(() => seedEngine().then(serve), { dialogs: true });

  it('downloads every match of 营商环境 as CSV and JSONL, as many rows as the page counts, and the page as RIS', async () => {
    await exportAll(await session.open(`/?q=${encodeURIComponent('营商环境')}`), '营商环境');
  });
});

const REAL = HAS_CHROMIUM && HAS_SHARED;
describe.skipIf(!REAL)(REAL ? 'result exports in Chromium (seed + real transcripts)' : `result exports in Chromium (${HAS_CHROMIUM ? SHARED_SKIP_MESSAGE : NO_CHROMIUM_MESSAGE})`, () => {
  const session = browserSession(() => realEngine().then(serve), { dialogs: true });

  it('downloads every match of 台湾 over seed + real transcripts as CSV and JSONL, as many rows as the page counts', async () => {
    await exportAll(await session.open(`/?q=${encodeURIComponent('台湾')}`), '台湾');
  });
});
