// The export links in a real headless browser: a click downloads a file whose
// name says what it holds, and the file is read back as a user's program would.

import { readFileSync } from 'node:fs';
import type { Download, Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { parseCitations } from '../../src/export/citationJs.js';
import { seedEngine } from '../helpers/corpora.js';
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
      expect(item.note).toContain('大力发展夜间经济');
      expect(item.title).toContain('张掖专场');
    }
  });
});
