// Browser tests' plumbing: Debian's Chromium driven by playwright-core (which
// never downloads a browser), and the app served on an ephemeral port.

import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { afterAll, afterEach, beforeAll, beforeEach, expect } from 'vitest';
import { createApp } from '../../src/http/app.js';
import { createHttpServer } from '../../src/http/server.js';
import type { Engine } from '../../src/index/engine.js';
import { ROOT } from '../helpers/corpora.js';

export const CHROMIUM = '/usr/bin/chromium';
export const HAS_CHROMIUM = existsSync(CHROMIUM);
export const NO_CHROMIUM_MESSAGE = `skipped: ${CHROMIUM} is absent (apt-get install chromium; .ci/run does it)`;
export const SCREENSHOTS = path.join(ROOT, 'test-results/screenshots');

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--no-first-run', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--disable-quic'],
  });
}

export interface Served {
  url: string;
  close: () => Promise<void>;
}

export async function serve(engine: Engine): Promise<Served> {
  const server = createHttpServer(createApp({ engine, logger: pino({ level: 'silent' }) }));
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    close: () => new Promise<void>((resolve, reject) => server.close((err) => (err ? reject(err) : resolve()))),
  };
}

export function screenshotPath(name: string): string {
  mkdirSync(SCREENSHOTS, { recursive: true });
  return path.join(SCREENSHOTS, name);
}

export interface OpenOptions {
  viewport?: { width: number; height: number };
  /** Another server than the session's. */
  base?: string;
  permissions?: string[];
}

/** One browser and one served app for a describe block; each test's pages are checked for errors. */
export interface BrowserSession {
  readonly url: string;
  /** What the pages of the current test reported: script errors, and as asked console errors and dialogs. A test may drop what it expects. */
  errors: string[];
  open(url: string, options?: OpenOptions): Promise<Page>;
  /** Closes the page the test opened last (a test that opens several in turn). */
  closePage(): Promise<void>;
}

/**
 * Registers the hooks of a browser test: Chromium launched while `start` serves the app, every page
 * watched for errors, and a test failing when one of its pages reported one. Call inside describe().
 */
export function browserSession(start: () => Promise<Served>, watch: { consoleErrors?: boolean; dialogs?: boolean } = {}): BrowserSession {
  let browser: Browser;
  let app: Served;
  let context: BrowserContext | undefined;
  const session: BrowserSession = {
    get url() {
      return app.url;
    },
    errors: [],
    async open(url, options = {}) {
      context = await browser.newContext({ viewport: options.viewport ?? { width: 1280, height: 900 }, permissions: options.permissions ?? [] });
      const page = await context.newPage();
      page.on('pageerror', (e) => session.errors.push(e.message));
      if (watch.consoleErrors) page.on('console', (m) => (m.type() === 'error' ? session.errors.push(`console: ${m.text()}`) : undefined));
      if (watch.dialogs) {
        page.on('dialog', (d) => {
          session.errors.push(`dialog opened: ${d.message()}`);
          void d.dismiss();
        });
      }
      await page.goto((options.base ?? app.url) + url);
      return page;
    },
    closePage: async () => {
      await context?.close();
    },
  };
  beforeAll(async () => {
    [browser, app] = await Promise.all([launchBrowser(), start()]);
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });
  beforeEach(() => {
    session.errors = [];
  });
  afterEach(async () => {
    await context?.close();
    expect(session.errors).toEqual([]);
  });
  return session;
}
