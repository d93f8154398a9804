// Browser tests' plumbing: Debian's Chromium driven by playwright-core (which
// never downloads a browser), and the app served on an ephemeral port.

import { existsSync, mkdirSync } from 'node:fs';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { pino } from 'pino';
import { chromium, type Browser } from 'playwright-core';
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
