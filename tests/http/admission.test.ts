// A server works on a few API requests at once; the others wait their turn.

import type { AddressInfo } from 'node:net';
import { once } from 'node:events';
import express from 'express';
import { afterEach, describe, expect, it } from 'vitest';
import { admission } from '../../src/http/admission.js';

/** An app whose /work/:n requests stay at work until released by number. */
async function gatedServer(max: number) {
  const started: string[] = [];
  const gates = new Map<string, () => void>();
  let active = 0;
  let most = 0;
  const app = express();
  app.use(admission(max));
  app.get('/work/:n', async (req, res) => {
    const n = req.params.n;
    started.push(n);
    most = Math.max(most, ++active);
    await new Promise<void>((release) => gates.set(n, release));
    active--;
    res.send(n);
  });
  const server = app.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  /** Resolves once request n is at work. */
  const atWork = async (n: string) => {
    while (!gates.has(n)) await new Promise((r) => setTimeout(r, 5));
  };
  const release = (n: string) => gates.get(n)!();
  return { url, started, atWork, release, most: () => most, close: () => {
      // fetch keeps its connections alive; a server waiting for them to idle out took 4 s to close.
      server.closeAllConnections();
      return new Promise((r) => server.close(r));
    },
  };
}

let closing: Array<() => Promise<unknown>> = [];
afterEach(async () => {
  await Promise.all(closing.map((c) => c()));
  closing = [];
});

describe('admission', () => {
  it('works on at most the limit of requests at once, and admits the others in arrival order', async () => {
    const s = await gatedServer(2);
    closing.push(s.close);
    const answers: Array<Promise<string>> = [];
    for (const n of ['1', '2', '3', '4']) {
      answers.push(fetch(`${s.url}/work/${n}`).then((r) => r.text()));
      // Sent one after another, so that their arrival order is this one.
      await new Promise((r) => setTimeout(r, 20));
    }
    await s.atWork('1');
    await s.atWork('2');
    expect(s.started).toEqual(['1', '2']);
    s.release('2');
    await s.atWork('3');
    expect(s.started).toEqual(['1', '2', '3']);
    s.release('1');
    await s.atWork('4');
    s.release('3');
    s.release('4');
    expect(await Promise.all(answers)).toEqual(['1', '2', '3', '4']);
    expect(s.most()).toBe(2);
  });

  it('gives no turn to a request whose client left while it waited, and loses no place to it', async () => {
    const s = await gatedServer(1);
    closing.push(s.close);
    const first = fetch(`${s.url}/work/a`).then((r) => r.text());
    await s.atWork('a');
    const leaving = new AbortController();
    const gone = fetch(`${s.url}/work/b`, { signal: leaving.signal }).catch((e: Error) => e.name);
    await new Promise((r) => setTimeout(r, 50));
    leaving.abort();
    expect(await gone).toBe('AbortError');
    const third = fetch(`${s.url}/work/c`).then((r) => r.text());
    await new Promise((r) => setTimeout(r, 50));
    s.release('a');
    await s.atWork('c');
    s.release('c');
    expect([await first, await third]).toEqual(['a', 'c']);
    expect(s.started).toEqual(['a', 'c']);
  });

  it('frees a place when a client leaves in the middle of its answer', async () => {
    const s = await gatedServer(1);
    closing.push(s.close);
    const leaving = new AbortController();
    const gone = fetch(`${s.url}/work/x`, { signal: leaving.signal }).catch((e: Error) => e.name);
    await s.atWork('x');
    leaving.abort();
    expect(await gone).toBe('AbortError');
    // x is still at work (its handler never finishes its answer), yet the next request is admitted.
    const next = fetch(`${s.url}/work/y`).then((r) => r.text());
    await s.atWork('y');
    s.release('y');
    expect(await next).toBe('y');
    s.release('x');
  });

  it('lets every request through at once when the limit is 0', async () => {
    const s = await gatedServer(0);
    closing.push(s.close);
    const answers = ['1', '2', '3'].map((n) => fetch(`${s.url}/work/${n}`).then((r) => r.text()));
    for (const n of ['1', '2', '3']) await s.atWork(n);
    expect(s.most()).toBe(3);
    for (const n of ['1', '2', '3']) s.release(n);
    expect(await Promise.all(answers)).toEqual(['1', '2', '3']);
  });
});
