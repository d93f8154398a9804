// `huayu serve` on several processes (HUAYU_WORKERS): one port, a process
// each, the index brought up to the corpus once by the primary, a process that
// dies replaced, a transcript dropped in answered by every process, and a
// SIGTERM that stops them all.

import { spawn, type ChildProcess } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import { afterEach, describe, expect, it, onTestFailed } from 'vitest';
import { freePort } from '../../bench/net.js';
import { HUAYU_BIN, ROOT, seedAndFixturesCopy } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

let primary: ChildProcess | null = null;
afterEach(() => {
  if (primary && primary.exitCode === null) primary.kill('SIGKILL');
});

/** The processes the primary forked (Linux: /proc/<pid>/task/<pid>/children). */
function children(pid: number): number[] {
  return readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/u).filter(Boolean).map(Number);
}

/** One request on a connection of its own (no agent), given up after 5 s: a connection handed to a process being killed is lost. */
function getOnce(url: string): Promise<string> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { agent: false, timeout: 5000 }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (c: string) => (body += c));
      res.on('end', () => (res.statusCode === 200 ? resolve(body) : reject(new Error(`status ${res.statusCode}`))));
    });
    req.on('timeout', () => req.destroy(new Error('timed out')));
    req.on('error', reject);
  });
}

async function waitFor<T>(what: string, f: () => Promise<T | undefined> | T | undefined, timeoutMs = 30_000): Promise<T> {
  const t0 = Date.now();
  for (;;) {
    const v = await Promise.resolve(f()).catch(() => undefined);
    if (v !== undefined) return v;
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not so after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

// Children are read from /proc: Linux only.
describe.skipIf(process.platform !== 'linux')('huayu serve with HUAYU_WORKERS=2', () => {
  it('serves one port from two processes, replaces one that dies, follows the corpus in both, and stops on SIGTERM', async () => {
    const corpus = seedAndFixturesCopy('workers');
    const port = await freePort();
    const url = `http://127.0.0.1:${port}`;
    primary = spawn(process.execPath, [HUAYU_BIN, 'serve'], {
      env: { ...process.env, HUAYU_CORPUS: corpus, HUAYU_INDEX: tempDir('workers-index'), HUAYU_WORKERS: '2', HUAYU_THREADS: '0', PORT: String(port), HOST: '127.0.0.1', LOG_LEVEL: 'info' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let log = '';
    primary.stdout!.on('data', (c) => (log += c));
    primary.stderr!.on('data', (c) => (log += c));
    // What the processes logged is the only account of a race between them.
    onTestFailed(() => console.error(`--- what huayu's processes logged ---\n${log.slice(-8000)}`));
    const pid = primary.pid!;

    // Both processes listening: each logs that it serves.
    await waitFor('two processes serving', () => ((log.match(/"msg":"huayu serving on http:\/\/localhost:\d+"/gu) ?? []).length === 2 ? true : undefined));
    const first = children(pid);
    expect(first).toHaveLength(2);
    expect(JSON.parse(await getOnce(`${url}/healthz`))).toMatchObject({ ok: true, documents: 9 });

    // One dies: another takes its place, and the port answers meanwhile (from the one left).
    process.kill(first[0]!, 'SIGKILL');
    await waitFor('an answer after the kill', async () => (await getOnce(`${url}/healthz`)) || undefined);
    await waitFor('a replacement process', () => {
      const now = children(pid);
      return now.length === 2 && !now.includes(first[0]!) ? now : undefined;
    });
    await waitFor('the replacement serving', () => ((log.match(/"msg":"huayu serving on http:\/\/localhost:\d+"/gu) ?? []).length === 3 ? true : undefined));

    // A transcript dropped in: every process answers it (connections go to either).
    writeFileSync(path.join(corpus, 'multi.txt'), '2026年12月1日外交部发言人毛宁主持例行记者会\n\n法新社记者：请问多进程的独特语句是什么？\n毛宁：多进程的独特语句在这里。\n');
    const q = `${url}/api/search?q=${encodeURIComponent('"多进程的独特语句"')}`;
    let seen: number[] = [];
    onTestFailed(() => console.error(`the last totals of "多进程的独特语句": ${seen.join(', ')}`));
    await waitFor('the new transcript answered by both processes', async () => {
      // A new connection for each request (no agent), so both processes are asked.
      const totals = await Promise.all(Array.from({ length: 8 }, async () => (JSON.parse(await getOnce(q)) as { total: number }).total));
      seen = totals;
      return totals.every((t) => t === 2) ? totals : undefined;
    });

    primary.kill('SIGTERM');
    const code = await waitFor('the primary gone', () => (primary!.exitCode === null ? undefined : primary!.exitCode));
    expect(code).toBe(0);
    expect(log.match(/"msg":"shut down"/gu)?.length).toBe(2);
  }, 120_000);
});
