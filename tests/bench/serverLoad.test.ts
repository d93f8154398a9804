import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CLI, combined, cpuMeter, interleave, measuredLoad, processTreeCpuMs, SERVE_ENV, SERVE_FLAGS, type HttpLoad } from '../../bench/server.js';
import { START } from '../../bench/cli.js';
import { ROOT } from '../helpers/corpora.js';

describe('interleave', () => {
  it('takes one path of each list in turn, so every stretch of a load is the same mix', () => {
    expect(interleave([['w1', 'w2', 'w3'], ['t1', 't2', 't3'], ['q1']])).toEqual(['w1', 't1', 'q1', 'w2', 't2', 'w3', 't3']);
  });

  it('keeps every path once, whatever the lists\' lengths', () => {
    const lists = [['a', 'b'], [], ['c', 'd', 'e', 'f'], ['g']];
    const out = interleave(lists);
    expect([...out].sort()).toEqual(lists.flat().sort());
    expect(interleave([])).toEqual([]);
  });
});

const load = (requests: number, p50: number, p99: number, errors = 0): HttpLoad => ({
  requests,
  perSecond: requests / 5,
  latencyMs: { n: requests, p50, p99, max: p99 * 2, mean: p50 },
  errors,
  timeouts: 0,
  non2xx: 0,
});

describe('the servers the bench starts', () => {
  it('run with the environment and node flags npm start gives, and npm start runs the bin as "huayu serve"', () => {
    const start = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { scripts: Record<string, string> }).scripts.start;
    // Read from the start script, word for word: its environment and node's flags are what the bench's servers get.
    expect(start).toBe([...Object.entries(SERVE_ENV).map(([k, v]) => `${k}=${v}`), 'node', ...SERVE_FLAGS, START.script, ...START.args].join(' '));
    // The file the bin names, as a user's `huayu serve` runs it.
    expect(path.join(ROOT, START.script)).toBe(CLI);
    expect(START.args).toEqual(['serve']);
  });
});

describe('combined', () => {
  it('sums the requests of loads run side by side and keeps the worst of their latencies', () => {
    const both = combined([load(500, 30, 90), load(700, 40, 80, 2)]);
    expect(both).toMatchObject({ requests: 1200, perSecond: 240, errors: 2, timeouts: 0, non2xx: 0 });
    expect(both.latencyMs).toMatchObject({ p50: 40, p99: 90, max: 180 });
  });
});

/** Busy until this process has spent `ms` of CPU: by the clock, a loaded machine gave it less (the whole suite on two cores). */
function spin(ms: number): void {
  const start = process.cpuUsage();
  for (let used = process.cpuUsage(start); (used.user + used.system) / 1000 < ms; used = process.cpuUsage(start));
}

/** A child's own `spend(ms)`: busy until the child has spent that much CPU, however loaded the machine. */
const SPEND = 'const spend = (ms) => { const s = process.cpuUsage(); for (let u = process.cpuUsage(s); (u.user + u.system) / 1000 < ms; u = process.cpuUsage(s)); }';

/** Until the child writes `word` on its stdout. */
function said(child: ReturnType<typeof spawn>, word: string): Promise<void> {
  return new Promise((resolve, reject) => {
    let out = '';
    child.stdout!.on('data', (d: Buffer) => {
      out += String(d);
      if (out.includes(word)) resolve();
    });
    child.once('exit', () => reject(new Error(`the child exited before it said ${word}`)));
  });
}

describe.skipIf(process.platform !== 'linux')('CPU per request (Linux /proc)', () => {
  it('counts the CPU this process spends', () => {
    const before = processTreeCpuMs(process.pid);
    spin(150);
    // Clock ticks are 10 ms: 150 ms of spinning shows as at least 100.
    expect(processTreeCpuMs(process.pid) - before).toBeGreaterThanOrEqual(100);
  });

  it('counts a busy child with its parent, as a primary with its workers', async () => {
    // It says when it has spent 400 ms of CPU: by the clock, a loaded machine gave it 120 of 400.
    const child = spawn(process.execPath, ['-e', `${SPEND}; spend(400); process.stdout.write('spent'); setTimeout(() => {}, 5000)`], { stdio: ['ignore', 'pipe', 'ignore'] });
    try {
      await said(child, 'spent');
      const own = processTreeCpuMs(child.pid!);
      expect(own).toBeGreaterThanOrEqual(300);
      expect(processTreeCpuMs(process.pid)).toBeGreaterThanOrEqual(own);
    } finally {
      child.kill();
    }
  });

  it('keeps counting a child that exited and was waited for, as a database backend whose connection closed', async () => {
    const child = spawn(process.execPath, ['-e', `${SPEND}; spend(200); process.stdout.write('half'); spend(400)`], { stdio: ['ignore', 'pipe', 'ignore'] });
    const exited = new Promise((r) => child.once('exit', r));
    // Alive, 200 ms of its CPU spent; then gone after 400 more, every bit of it counted with this process.
    await said(child, 'half');
    const during = processTreeCpuMs(process.pid);
    await exited;
    await new Promise((r) => setTimeout(r, 50));
    expect(processTreeCpuMs(process.pid) - during).toBeGreaterThanOrEqual(300);
  });

  it('divides the CPU the servers spent since it started by the requests answered, and the loader\'s as its process reports it', () => {
    const meter = cpuMeter([process.pid], null);
    spin(200);
    const per = meter.perRequest(10, 50);
    expect(per.database).toBeNull();
    expect(per.servers).toBeGreaterThanOrEqual(15);
    expect(per.servers).toBeLessThan(100);
    expect(per.loader).toBe(5);
  });

  it('runs the measured load from a process of its own, which reports its CPU: not the bench\'s', async () => {
    // This process serves (its CPU is the servers'), spending 2 ms a request; the load's child only asks.
    const server = http.createServer((_req, res) => {
      spin(2);
      res.end('ok');
    });
    await new Promise<void>((r) => server.listen(0, '127.0.0.1', r));
    const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    try {
      const done = await measuredLoad([process.pid], null, [url, url], ['/a', '/b'], 4, 1);
      expect(done.requests).toBeGreaterThan(50);
      expect(done.non2xx + done.errors).toBe(0);
      expect(done.cpu!.servers).toBeGreaterThanOrEqual(1.5);
      expect(done.cpu!.loader).toBeGreaterThan(0);
      expect(done.cpu!.loader).toBeLessThan(done.cpu!.servers);
    } finally {
      server.close();
    }
  });

  it('reads an exited process as having used nothing, not as an error', () => {
    expect(processTreeCpuMs(2 ** 22 + 12345)).toBe(0);
  });
});
