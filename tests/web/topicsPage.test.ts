// The topics pages in Chromium, against the seed and the MFA fixtures (press
// conferences over several years, so the chart has months). Topic names are
// taken from the engine at test time: which topics exist is the extractor's
// business.

import { statSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { topicView, type TopicView } from '../../src/search/topicView.js';
import { CORPUS, FIXTURES, filesFrom } from '../helpers/corpora.js';
import { browserSession, HAS_CHROMIUM, NO_CHROMIUM_MESSAGE, screenshotPath, serve } from './browser.js';

const DESKTOP = { width: 1280, height: 800 };
const PHONE = { width: 390, height: 844 };

describe.skipIf(!HAS_CHROMIUM)(HAS_CHROMIUM ? 'the topics pages in Chromium' : `the topics pages in Chromium (${NO_CHROMIUM_MESSAGE})`, () => {
  let engine: Engine;
  /** The biggest topic whose passages fall in more than one month: its chart is by month. */
  let topic: TopicView;
  // No script error and nothing written to the console as an error.
  const session = browserSession(
    async () => {
      engine = await buildIndex(filesFrom({ '': CORPUS, mfa: path.join(FIXTURES, 'mfa') }), { threads: 0 });
      const names = [...engine.topics].sort((a, b) => b[1] - a[1]).map(([n]) => n);
      topic = (await Promise.all(names.map((n) => topicView(engine, n, { limit: 100_000, offset: 0 })))).find((v) => v.timeline.granularity === 'month' && v.speakers.length > 1)!;
      expect(topic).toBeDefined();
      return serve(engine);
    },
    { consoleErrors: true },
  );
  const open = (url: string, viewport = DESKTOP): Promise<Page> => session.open(url, { viewport });

  const topicPath = (name: string) => `/topics/${encodeURIComponent(name)}`;
  const overflow = (page: Page) => page.evaluate(() => document.documentElement.scrollWidth);

  it('lists the topics biggest first, reached from the navigation, and opens one on click', async () => {
    const page = await open('/');
    await page.locator('.site-nav a[data-nav=topics]').click();
    await page.waitForURL((u) => u.pathname === '/topics');
    await page.locator('.topic-item').first().waitFor();
    expect(await page.locator('.site-nav a[aria-current=page]').innerText()).toBe('主题');
    const names = await page.locator('.topic-item .topic-name').allInnerTexts();
    const counts = (await page.locator('.topic-item .topic-count').allInnerTexts()).map((t) => Number.parseInt(t, 10));
    expect(names.length).toBe(Math.min(100, engine.topics.size));
    expect(counts).toEqual([...counts].sort((a, b) => b - a));
    names.slice(0, 10).forEach((n, i) => expect(engine.topics.get(n)).toBe(counts[i]));
    await page.locator('.topic-item .topic-name', { hasText: topic.name }).first().click();
    await page.waitForURL((u) => u.pathname === topicPath(topic.name) || decodeURIComponent(u.pathname) === `/topics/${topic.name}`);
    expect(await page.locator('.topic-page h1').innerText()).toBe(topic.name);
  });

  it('draws one bar group per month with the counts of the API, a legend and titles; saves the desktop screenshot', async () => {
    const page = await open(topicPath(topic.name));
    const groups = page.locator('svg.chart g.bar-group');
    await groups.first().waitFor();
    const api = (await (await page.request.get(`${session.url}/api/topics/${encodeURIComponent(topic.name)}`)).json()) as TopicView;
    expect(api.timeline.periods.map((p) => p.count)).toEqual(topic.timeline.periods.map((p) => p.count));
    const drawn = await groups.evaluateAll((els) =>
      els.map((g) => ({
        key: g.getAttribute('data-key'),
        count: Number(g.getAttribute('data-count')),
        stacked: Array.from(g.querySelectorAll('rect.bar')).reduce((n, r) => n + Number(r.getAttribute('data-count')), 0),
        title: g.querySelector(':scope > title')?.textContent ?? '',
      })),
    );
    expect(drawn.map((d) => d.key)).toEqual(api.timeline.periods.map((p) => p.key));
    expect(drawn.map((d) => d.count)).toEqual(api.timeline.periods.map((p) => p.count));
    expect(drawn.map((d) => d.stacked)).toEqual(api.timeline.periods.map((p) => p.count));
    for (const d of drawn) expect(d.title).toContain(`${d.count} 段`);
    expect(await page.locator('svg.chart > title').textContent()).toContain(topic.name);
    expect(await page.locator('svg.chart .chart-label').count()).toBeGreaterThan(1);
    expect(await page.locator('svg.chart .chart-tick').first().textContent()).toBe('0');
    const legend = await page.locator('.chart-legend li').allInnerTexts();
    expect(legend[0]).toContain(api.timeline.series[0]!);
    // Who speaks about it, with shares.
    expect(await page.locator('.share-list .share-name').first().innerText()).toBe(api.speakers[0]!.name);
    expect(await page.locator('.topic-page .hit').count()).toBe(Math.min(20, api.count));
    const file = screenshotPath('topics-desktop.png');
    await page.screenshot({ path: file });
    expect(statSync(file).size).toBeGreaterThan(10_000);
  });

  it("filters the search by the topic, and shows what one speaker said about it", async () => {
    const mine = new Set([...engine.passages].filter((p) => p.topics.includes(topic.name)).map((p) => `${engine.docs[p.doc]!.id}:p${p.n}`));
    const ids = (page: Page) => page.locator('.hit').evaluateAll((els) => els.map((e) => e.getAttribute('data-id')!));
    const page = await open(topicPath(topic.name));
    // An empty box lists every passage of the topic in the search, the topic as its filter.
    await page.locator('form.topic-search button').click();
    await page.waitForURL((u) => u.pathname === '/' && u.searchParams.get('topic') === topic.name && !u.searchParams.has('q'));
    await page.locator('.hit').first().waitFor();
    expect(await page.locator('.active-filters').innerText()).toContain(`主题：${topic.name}`);
    expect(await page.locator('.summary').innerText()).toContain(`共 ${mine.size} 段`);
    for (const id of await ids(page)) expect(mine.has(id)).toBe(true);
    // Words typed in the box search among the topic's passages.
    await page.goBack();
    await page.locator('form.topic-search input[name=q]').fill(topic.name);
    await page.locator('form.topic-search button').click();
    await page.waitForURL((u) => u.searchParams.get('topic') === topic.name && u.searchParams.get('q') === topic.name);
    await page.locator('.summary').waitFor();
    for (const id of await ids(page)) expect(mine.has(id)).toBe(true);

    await page.goBack();
    const speaker = topic.speakers[0]!;
    await page.locator('.share-list a.share-name', { hasText: speaker.name }).first().click();
    await page.waitForURL((u) => u.searchParams.get('topic') === topic.name && u.searchParams.get('speaker') === speaker.name);
    // Polled: the hits of the search left behind can stand until the new answer replaces them.
    await expect.poll(async () => new Set(await page.locator('.hit .speaker-name').allInnerTexts()), { timeout: 10_000 }).toEqual(new Set([speaker.name]));
    // Every passage the speaker has on the topic, and no other.
    expect(await page.locator('.summary').innerText()).toContain(`共 ${speaker.count} 段`);
    for (const id of await ids(page)) expect(mine.has(id)).toBe(true);
  });

  it('fits a 390-pixel phone without running off the side; saves the phone screenshot', async () => {
    const list = await open('/topics', PHONE);
    await list.locator('.topic-item').first().waitFor();
    expect(await overflow(list)).toBeLessThanOrEqual(PHONE.width);
    await session.closePage();
    const page = await open(topicPath(topic.name), PHONE);
    await page.locator('svg.chart g.bar-group').first().waitFor();
    expect(await page.locator('svg.chart g.bar-group').count()).toBe(topic.timeline.periods.length);
    expect(await overflow(page)).toBeLessThanOrEqual(PHONE.width);
    const chart = (await page.locator('svg.chart').boundingBox())!;
    expect(chart.x).toBeGreaterThanOrEqual(0);
    expect(chart.x + chart.width).toBeLessThanOrEqual(PHONE.width);
    await page.screenshot({ path: screenshotPath('topics-phone.png') });
  });

  it('links the topics of a transcript, a search result and a speaker to their topic pages', async () => {
    const page = await open(`/documents/zhangye-2024-01-15`);
    const chip = page.locator('.doc-topics a').first();
    await chip.waitFor();
    const name = await chip.innerText();
    await chip.click();
    await page.waitForURL((u) => decodeURIComponent(u.pathname) === `/topics/${name}`);
    expect(await page.locator('.topic-page h1').innerText()).toBe(name);

    await page.goto(`${session.url}/?q=${encodeURIComponent('营商环境')}`);
    const link = page.locator('.hit .topic-link').first();
    await link.waitFor();
    expect(decodeURIComponent((await link.getAttribute('href'))!)).toBe(`/topics/${await link.innerText()}`);
    await page.goto(`${session.url}/speakers/${encodeURIComponent('张成琦')}`);
    await page.locator('.speaker-page .hit .topic-link').first().waitFor();
  });

  it('says so for a topic that does not exist', async () => {
    const page = await open(topicPath('这个主题不存在'));
    await page.locator('.error', { hasText: '没有这个主题' }).waitFor();
    // The API's 404 is the one console error this page may log.
    session.errors = session.errors.filter((e) => !e.includes('404'));
  });
});
