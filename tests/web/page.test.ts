// The web page in a real headless browser (Debian's Chromium through
// playwright-core), against the app serving the seed corpus on an ephemeral port.

import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { seedEngine } from '../helpers/corpora.js';
import { browserSession, HAS_CHROMIUM, NO_CHROMIUM_MESSAGE, screenshotPath, serve } from './browser.js';

if (!HAS_CHROMIUM) console.warn(`tests/web: ${NO_CHROMIUM_MESSAGE}`);

const DOC = 'zhangye-2024-01-15';
const CHANGED_FIGURE = '开设张掖老街等各类夜市摊位3000余个';

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'the web page in Chromium' : `the web page in Chromium (${NO_CHROMIUM_MESSAGE})`, () => {
  // Every page a test opens must run without a script error or a dialog.
  const session = browserSession(() => seedEngine().then(serve), { dialogs: true });
  const open = (url: string, width = 1280, base?: string): Promise<Page> =>
    session.open(url, { viewport: { width, height: 900 }, base, permissions: ['clipboard-read', 'clipboard-write'] });

  const texts = (page: Page, selector: string) => page.locator(selector).allInnerTexts();

  it('shows 梁顺海 with the term marked when 夜间经济 is searched from the box', async () => {
    const page = await open('/');
    await page.locator('#q').fill('夜间经济');
    await page.keyboard.press('Enter');
    await page.waitForURL((u) => u.searchParams.get('q') === '夜间经济');
    const hit = page.locator('.hit').first();
    await hit.waitFor();
    expect(await hit.locator('.speaker-name').innerText()).toBe('梁顺海');
    expect(await hit.locator('.speaker-meta').innerText()).toBe('张掖市商务局 局长');
    expect(await hit.locator('.badge').first().innerText()).toBe('答');
    expect(await hit.locator('mark').allInnerTexts()).toEqual(['夜间经济']);
    expect(await hit.locator('.hit-foot').innerText()).toContain('2024年1月15日');
  });

  it('narrows the results and updates the URL when a speaker facet is clicked; the back button undoes it', async () => {
    const page = await open(`/?q=${encodeURIComponent('营商环境')}`);
    await page.locator('.hit').first().waitFor();
    expect(await page.locator('.summary').innerText()).toContain('共 13 段');
    await page.locator('.facet-speaker a', { hasText: '张成琦' }).click();
    await page.waitForURL((u) => u.searchParams.get('speaker') === '张成琦' && u.searchParams.get('q') === '营商环境');
    await page.locator('.summary', { hasText: '共 5 段' }).waitFor();
    expect(new Set(await texts(page, '.hit .speaker-name'))).toEqual(new Set(['张成琦']));
    expect(await page.locator('.hit').count()).toBe(5);
    await page.goBack();
    await page.locator('.summary', { hasText: '共 13 段' }).waitFor();
    expect(new URL(page.url()).searchParams.has('speaker')).toBe(false);
  });

  it('pages through the results with a link that keeps the query in the URL', async () => {
    const page = await open(`/?q=${encodeURIComponent('营商环境')}`);
    await page.locator('.hit').first().waitFor();
    expect(await page.locator('.hit').count()).toBe(10);
    await page.locator('.pager a[rel=next]').click();
    await page.waitForURL((u) => u.searchParams.get('page') === '2' && u.searchParams.get('q') === '营商环境');
    await page.locator('.pager-status', { hasText: '第 2 / 2 页' }).waitFor();
    expect(await page.locator('.hit').count()).toBe(3);
  });

  it('groups the results under their speakers when "按发言人分组" is switched on', async () => {
    const page = await open(`/?q=${encodeURIComponent('营商环境')}`);
    await page.locator('.hit').first().waitFor();
    await page.locator('label.toggle').click();
    await page.waitForURL((u) => u.searchParams.get('group') === 'speaker');
    await page.locator('.group').first().waitFor();
    const speakers = await texts(page, '.group-head .speaker-name');
    expect(speakers[0]).toBe('张成琦');
    expect(new Set(speakers).size).toBe(speakers.length);
    expect(await page.locator('.group').first().locator('.hit').count()).toBe(5);
    expect(await page.locator('.group .hit').count()).toBe(13);
  });

  it('shows how the query was understood, and searches the name as text in one click', async () => {
    const page = await open(`/?q=${encodeURIComponent('郝文年谈招商')}`);
    await page.locator('.hit').first().waitFor();
    const understood = page.locator('.understood');
    expect(await understood.locator('.understood-item.who strong').allInnerTexts()).toEqual(['郝文年']);
    expect(await understood.locator('.understood-item.words strong').allInnerTexts()).toEqual(['招商']);
    expect(await understood.locator('.understood-item.dropped strong').allInnerTexts()).toEqual(['谈']);
    expect((await texts(page, '.hit .speaker-name')).slice(0, 3)).toEqual(['郝文年', '郝文年', '郝文年']);
    await understood.locator('.understood-switch').click();
    await page.waitForURL((u) => u.searchParams.get('plain') === '1');
    await page.locator('.understood', { hasText: '按原文检索每个词' }).waitFor();
    await page.screenshot({ path: screenshotPath('understood-plain.png') });
  });

  it('groups the results by exchange, each question with the answers that hold the words', async () => {
    const page = await open(`/?q=${encodeURIComponent('招商')}`);
    await page.locator('.hit').first().waitFor();
    await page.locator('a.group-switch').click();
    await page.waitForURL((u) => u.searchParams.get('group') === 'exchange');
    await page.locator('.exchange-groups .group').first().waitFor();
    const heads = await texts(page, '.exchange-groups .group-head');
    expect(heads.some((t) => t.includes('张掖市融媒体中心提问') && t.includes('郝文年回答'))).toBe(true);
    const first = page.locator('.exchange-groups .group', { hasText: '张掖市融媒体中心提问' });
    expect(new Set(await first.locator('.hit .speaker-name').allInnerTexts())).toEqual(new Set(['张掖市融媒体中心记者', '郝文年']));
    await page.screenshot({ path: screenshotPath('exchange-groups.png') });
  });

  it("opens a result's transcript on its passage, highlighted, with the search terms marked", async () => {
    const page = await open(`/?q=${encodeURIComponent('夜间经济')}`);
    await page.locator('.hit-text').first().click();
    await page.waitForURL((u) => u.pathname === `/documents/${DOC}` && u.hash === '#p24');
    const target = page.locator('#p24');
    await target.waitFor();
    expect(await target.getAttribute('class')).toContain('target');
    expect(await target.locator('mark').allInnerTexts()).toEqual(['夜间经济']);
    const box = (await target.boundingBox())!;
    expect(box.y).toBeGreaterThanOrEqual(0);
    expect(box.y + box.height).toBeLessThanOrEqual(900);
    // The answer sits under its speaker's heading, in one box with the question it answers.
    const exchange = page.locator('.exchange', { has: page.locator('#p24') });
    expect(await exchange.locator('.turn.kind-question .speaker-name').innerText()).toBe('中国甘肃网记者');
    expect(await exchange.locator('.turn.kind-answer .turn-head .speaker-name').innerText()).toBe('梁顺海');
  });

  it('says "not found" for a quote with a changed figure and marks the figure in the source and the quote', async () => {
    const page = await open('/quote');
    await page.locator('#quote-text').fill(CHANGED_FIGURE);
    await page.getByRole('button', { name: '核对', exact: true }).click();
    await page.waitForURL((u) => u.pathname === '/quote' && u.searchParams.get('text') === CHANGED_FIGURE);
    const verdict = page.locator('.verdict');
    await verdict.waitFor();
    expect(await verdict.innerText()).toContain('未找到');
    const match = page.locator('.quote-match').first();
    expect(await match.locator('.speaker-name').innerText()).toBe('梁顺海');
    expect(await match.locator('.diff-source mark').allInnerTexts()).toEqual(['2']);
    expect(await match.locator('.diff-quote mark').allInnerTexts()).toEqual(['3']);
    expect(await match.locator('.diff-source').innerText()).toContain('开设张掖老街等各类夜市摊位2000余个');
  });

  it('copies the citation and the permalink of a checked quote', async () => {
    const page = await open(`/quote?text=${encodeURIComponent('大力发展夜间经济')}`);
    const match = page.locator('.quote-match').first();
    await match.waitFor();
    expect(await page.locator('.verdict').innerText()).toContain('找到原话');
    await match.getByRole('button', { name: '复制GB/T 7714' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toMatch(/^王志俭\. .*\[EB\/OL\]\. \(2024-01-15\)/u);
    await match.getByRole('button', { name: '复制纯文本' }).click();
    expect(await page.evaluate(() => navigator.clipboard.readText())).toContain('梁顺海（张掖市商务局局长）');
    await match.getByRole('button', { name: '复制链接' }).click();
    const link = await page.evaluate(() => navigator.clipboard.readText());
    expect(link.startsWith(`${session.url}/documents/${DOC}#p24:~:text=`)).toBe(true);
    expect(await match.locator('.citation', { has: page.locator('.permalink') }).locator('.copy-button').innerText()).toBe('已复制 ✓');
  });

  it('shows a <script> query as text and runs nothing from it', async () => {
    const q = '<script>window.__xss=1</script><img src=x onerror="window.__xss=2">';
    const page = await open(`/?q=${encodeURIComponent(q)}`);
    await page.locator('.summary').waitFor();
    expect(await page.locator('.summary strong').innerText()).toBe(q);
    expect(await page.locator('#q').inputValue()).toBe(q);
    expect(await page.locator('main script, main img').count()).toBe(0);
    expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
  });

  it('shows markup inside a transcript as text in results and in the transcript', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'huayu-web-'));
    const line = '<img src=x onerror="window.__xss=1">夜市<script>window.__xss=2</script>';
    writeFileSync(path.join(dir, 'markup.txt'), `${line}\n第二段：夜市摊位。\n`);
    const other = await serve(await buildIndex(readCorpus(dir)));
    try {
      const page = await open(`/?q=${encodeURIComponent('夜市')}`, 1280, other.url);
      await page.locator('.hit').first().waitFor();
      expect(await page.locator('.hit-text').allInnerTexts()).toContain(line);
      await page.goto(`${other.url}/documents/markup#p1`);
      await page.locator('#p1').waitFor();
      expect(await page.locator('#p1 .passage-text').innerText()).toBe(line);
      expect(await page.locator('main script, main img').count()).toBe(0);
      expect(await page.evaluate(() => (window as { __xss?: number }).__xss)).toBeUndefined();
    } finally {
      await other.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('focuses the search box when / is pressed, and results are links', async () => {
    const page = await open(`/?q=${encodeURIComponent('夜间经济')}`);
    await page.locator('.hit').first().waitFor();
    await page.locator('body').click({ position: { x: 5, y: 400 } });
    await page.keyboard.press('/');
    expect(await page.evaluate(() => document.activeElement?.id)).toBe('q');
    expect(await page.locator('.hit-text').first().getAttribute('href')).toBe(`/documents/${DOC}?q=${encodeURIComponent('夜间经济')}#p24`);
  });

  it("shows a speaker's titles, press conferences and statements on the speaker page", async () => {
    const page = await open(`/speakers/${encodeURIComponent('张成琦')}`);
    await page.locator('.speaker-head h1').waitFor();
    expect(await page.locator('.speaker-head h1').innerText()).toBe('张成琦');
    expect(await page.locator('.speaker-titles').innerText()).toBe('张掖市发展和改革委员会 主任');
    expect(await page.locator('.doc-list li').count()).toBe(1);
    expect(await page.locator('.answered li').innerText()).toContain('香港大公文汇传媒集团');
    expect(await page.locator('.speaker-page .hit').count()).toBe(5);
  });

  it('sets side by side the figures two officials gave for 减税降费', async () => {
    const page = await open(`/?q=${encodeURIComponent('减税降费')}`);
    await page.locator('.figure-row').first().waitFor();
    const rows = await page.locator('.figure-row').evaluateAll((els) =>
      els.map((el) => [el.querySelector('.speaker-name')?.textContent, el.querySelector('.figure-value')?.textContent]),
    );
    expect(rows).toEqual([
      ['刘力江', '超10.2亿元'],
      ['张成琦', '11.4亿元'],
    ]);
  });

  it('fits the screen and saves screenshots of the results page at 1280 and 375 pixels', async () => {
    for (const width of [1280, 375]) {
      const page = await open(`/?q=${encodeURIComponent('营商环境')}`, width);
      await page.locator('.hit').first().waitFor();
      // Nothing runs off the side of a phone screen.
      expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
      const file = screenshotPath(`results-${width}.png`);
      await page.screenshot({ path: file, fullPage: width > 400 });
      expect(statSync(file).size).toBeGreaterThan(10_000);
      await session.closePage();
    }
  });

  it('fits a 375-pixel screen on the quote check and the transcript, and saves screenshots of them', async () => {
    const pages = [
      ['quote', `/quote?text=${encodeURIComponent(CHANGED_FIGURE)}`, '.quote-match'],
      ['transcript', `/documents/${DOC}?q=${encodeURIComponent('夜间经济')}#p24`, '#p24.target'],
    ] as const;
    for (const [name, url, ready] of pages) {
      for (const width of [1280, 375]) {
        const page = await open(url, width);
        await page.locator(ready).first().waitFor();
        expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(width);
        await page.screenshot({ path: screenshotPath(`${name}-${width}.png`) });
        await session.closePage();
      }
    }
  });
});
