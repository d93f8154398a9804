// A real `huayu serve` in a child process, for cold start, HTTP load and memory.

import { spawn, spawnSync, type ChildProcess } from 'node:child_process';
import net from 'node:net';
import { readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import { inChild } from './child.js';
import { CLI, START } from './cli.js';
import { freePort } from './net.js';
import { latency, type Latency } from './stats.js';

/** What `huayu` and `npm start` run (cli.ts), for the bench's callers. */
export { CLI };

/**
 * Node's flags for a server, as `npm start` gives them (README, Configuration; read from package.json): V8's young generation
 * at most 8 MB a half, and one background thread for V8 rather than four. Under 50 connections, a
 * server on PostgreSQL was 411–423 MB resident with neither, 378–403 with the first, 368–378 with both
 * (each thread that allocates has a malloc arena of its own), at the same or more req/s. The young
 * generation starts at its 8 MB rather than growing from 1: a start keeps nearly all it allocates, and
 * small scavenges copied it again and again (first answer at 100 MB 973 ms against 1,015, same memory).
 */
export const SERVE_FLAGS: readonly string[] = START.flags;
/**
 * The environment npm start sets for a server (read from package.json): glibc's malloc asks the kernel for transparent huge pages
 * (madvise), so memory written for the first time faults in 2 MB at a time rather than 4 KB. Here, a
 * microVM whose host backs each page on first touch, 16 MB filled fresh took 58–61 ms with 4 KB pages
 * and 7–40 ms so. A PostgreSQL server at 100 MB answered first after a median 1,037 ms against 1,162
 * (six starts each, alternated), its main thread 755 ms of CPU against 910; 1,200 queries later it held
 * 355–357 MB against 351–356. Read by glibc when a process starts; elsewhere (musl, macOS) ignored.
 */
export const SERVE_ENV: Readonly<Record<string, string>> = START.env;

export interface RunningServer {
  proc: ChildProcess;
  url: string;
  /** From spawn to the first answered search, index on disk. */
  coldStartMs: number;
  stop(): Promise<number | null>;
}

/** Whether something listens on the port: a plain TCP connection, closed at once. */
function accepts(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = net.connect(port, '127.0.0.1');
    socket.once('connect', () => {
      socket.destroy();
      resolve(true);
    });
    socket.once('error', () => resolve(false));
  });
}

export async function startServer(corpusDir: string, indexDir: string, env: NodeJS.ProcessEnv = {}, timeoutMs = 300_000): Promise<RunningServer> {
  const port = await freePort();
  const url = `http://127.0.0.1:${port}`;
  const t0 = performance.now();
  const proc = spawn(process.execPath, [...SERVE_FLAGS, CLI, 'serve'], {
    env: { ...process.env, ...SERVE_ENV, PORT: String(port), HOST: '127.0.0.1', HUAYU_CORPUS: corpusDir, HUAYU_INDEX: indexDir, HUAYU_RATE_LIMIT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: ['ignore', 'ignore', 'pipe'],
  });
  let stderr = '';
  proc.stderr!.on('data', (d: Buffer) => (stderr += d.toString()));
  const exited = new Promise<number | null>((resolve) => proc.once('exit', (code) => resolve(code)));
  for (;;) {
    if (proc.exitCode !== null) throw new Error(`bench: server exited with ${proc.exitCode}: ${stderr}`);
    if (performance.now() - t0 > timeoutMs) {
      proc.kill('SIGKILL');
      throw new Error(`bench: server did not answer within ${timeoutMs} ms: ${stderr}`);
    }
    // Asked once the port takes a connection (the server listens once it can answer): a fetch() refused
    // every 10 ms took this process ~0.1 s of CPU (against ~0.05 s for these probes and one fetch) on the
    // two cores the server was starting on.
    if (await accepts(port)) {
      try {
        const res = await fetch(`${url}/api/search?q=${encodeURIComponent('发展')}`);
        await res.arrayBuffer();
        if (res.ok) break;
      } catch {
        // the connection dropped: asked again
      }
    }
    await new Promise((r) => setTimeout(r, 10));
  }
  const coldStartMs = performance.now() - t0;
  return {
    proc,
    url,
    coldStartMs,
    stop: async () => {
      proc.kill('SIGTERM');
      return exited;
    },
  };
}

/**
 * A transcript written into the served corpus, then the same search asked
 * every 10 ms until it finds the transcript's own sentence: how long a
 * running server takes to answer a new file, per file (no restart, no rebuild).
 */
export async function addLatency(url: string, corpusDir: string, count: number): Promise<number[]> {
  const out: number[] = [];
  const files: string[] = [];
  try {
    for (let i = 0; i < count; i++) {
      const marker = `第${i + 1}次增量更新检验的独有语句`;
      const text = `2026年12月1日外交部发言人毛宁主持例行记者会\n\n法新社记者：请问${marker}是什么？\n毛宁：${marker}在这里，我们欢迎外国企业来华投资兴业。\n`;
      const q = `/api/search?${new URLSearchParams({ q: `"${marker}"` })}`;
      const t0 = performance.now();
      files.push(path.join(corpusDir, `bench-added-${i + 1}.txt`));
      writeFileSync(files[i]!, text);
      for (;;) {
        const res = await fetch(url + q);
        const body = (await res.json()) as { total?: number };
        if (body.total === 2) break;
        if (performance.now() - t0 > 60_000) throw new Error(`bench: a transcript added to ${corpusDir} was not answered within 60 s`);
        await new Promise((r) => setTimeout(r, 10));
      }
      out.push(performance.now() - t0);
    }
  } finally {
    // The corpus as it was: the rows after this one (every core, PostgreSQL) index and compare the same files as the first.
    for (const f of files) rmSync(f, { force: true });
  }
  return out;
}

/** A process and the processes it started, and theirs (a primary and its workers; the postmaster and its backends), alive now (Linux /proc). */
function processTree(pid: number): number[] {
  let kids: number[];
  try {
    kids = readFileSync(`/proc/${pid}/task/${pid}/children`, 'utf8').trim().split(/\s+/u).filter(Boolean).map(Number);
  } catch {
    // Exited meanwhile (a database backend whose connection closed).
    return [];
  }
  return [pid, ...kids.flatMap(processTree)];
}

/** Resident memory of a process and the processes it started (a primary and its workers), in MB (Linux /proc). */
export function processTreeRss(pid: number): number {
  // The process itself read first: one that is gone is an error here, as a server must be running.
  return memoryOf(pid).rssMB + processTree(pid).slice(1).reduce((n, p) => n + memoryOf(p).rssMB, 0);
}

/**
 * CPU time (user + system, every thread) of a process and of its descendants, in ms (Linux /proc): those
 * alive now, and those that exited and were waited for (a database backend whose connection closed).
 */
export function processTreeCpuMs(pid: number): number {
  return processTree(pid).reduce((n, p) => n + cpuMsOf(p), 0);
}

/**
 * CPU time of one process and of its children that exited and were waited for, 0 for one that exited
 * meanwhile (its own parent counts it then). Without the children's, a backend counted alive at the start
 * of a load and gone at its end took its CPU with it: one run's database read -4.58 ms a request.
 */
function cpuMsOf(pid: number): number {
  let stat: string;
  try {
    stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  } catch {
    return 0;
  }
  // After the command's closing parenthesis: state is field 3; utime, stime, cutime and cstime are fields 14–17.
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  return ((Number(fields[11]) + Number(fields[12]) + Number(fields[13]) + Number(fields[14])) * 1000) / clockTicks();
}

let ticks: number | undefined;
/** The kernel's clock ticks a second (/proc's unit for CPU time), asked of getconf when first needed. */
function clockTicks(): number {
  return (ticks ??= Number(spawnSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).stdout.trim()) || 100);
}

/** CPU a load cost per request, in ms: the servers' processes, the database's, and this process (autocannon). */
export interface CpuPerRequest {
  servers: number;
  database: number | null;
  loader: number;
}

/**
 * Starts counting the CPU of the servers (and a database's postmaster with its backends); `perRequest`
 * divides what they used since by the requests answered. On two cores, req/s is what the CPU a request
 * costs in all the processes allows: this says where it goes. The load generator's CPU is what its own
 * process reports (measuredLoad).
 */
export function cpuMeter(serverPids: readonly number[], databasePid: number | null): { perRequest(requests: number, loaderMs: number): CpuPerRequest } {
  const servers = () => serverPids.reduce((n, p) => n + processTreeCpuMs(p), 0);
  const database = () => (databasePid === null ? 0 : processTreeCpuMs(databasePid));
  const start = { servers: servers(), database: database() };
  return {
    perRequest(requests, loaderMs) {
      const per = (ms: number) => ms / Math.max(1, requests);
      return {
        servers: per(servers() - start.servers),
        database: databasePid === null ? null : per(database() - start.database),
        loader: per(loaderMs),
      };
    },
  };
}

/**
 * The measured load: `connections` split between `urls`, each cycling through `paths` for `seconds`, from a
 * child process (children/load.ts), with what its requests cost in the servers' and the database's
 * processes and in the child's (cpuMeter).
 */
export async function measuredLoad(serverPids: readonly number[], databasePid: number | null, urls: readonly string[], paths: readonly string[], connections: number, seconds: number): Promise<HttpLoad> {
  const meter = cpuMeter(serverPids, databasePid);
  // 1,300 percent-encoded paths are ~130 KB.
  const { load, cpuMs } = await inChild<{ load: HttpLoad; cpuMs: number }>('load.js', { urls, paths, connections, seconds });
  return { ...load, cpu: meter.perRequest(load.requests, cpuMs) };
}

/** Loads run side by side, one for each server, as one: their requests summed, the worst of their latencies. */
export function combined(loads: readonly HttpLoad[]): HttpLoad {
  const sum = (f: (l: HttpLoad) => number) => loads.reduce((n, l) => n + f(l), 0);
  const worst = (f: (l: HttpLoad) => number) => Math.max(...loads.map(f));
  return {
    requests: sum((l) => l.requests),
    perSecond: sum((l) => l.perSecond),
    latencyMs: { n: 0, p50: worst((l) => l.latencyMs.p50), p99: worst((l) => l.latencyMs.p99), max: worst((l) => l.latencyMs.max), mean: NaN },
    errors: sum((l) => l.errors),
    timeouts: sum((l) => l.timeouts),
    non2xx: sum((l) => l.non2xx),
  };
}

/** Resident memory of a process now and at its peak (Linux /proc). */
export function memoryOf(pid: number): { rssMB: number; peakMB: number } {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const kb = (key: string): number => Number(new RegExp(`${key}:\\s+(\\d+)`).exec(status)?.[1] ?? NaN);
  return { rssMB: kb('VmRSS') / 1024, peakMB: kb('VmHWM') / 1024 };
}

/**
 * The request paths of every list taken in turn (one of each, then the next of each): every stretch of a
 * load is the same mix. In list order, a server that answered 700 requests in its seconds met only the
 * first classes' queries, one that answered 1,400 every class, so their req/s were not of the same work.
 */
export function interleave(lists: ReadonlyArray<readonly string[]>): string[] {
  const out: string[] = [];
  const longest = Math.max(0, ...lists.map((l) => l.length));
  for (let i = 0; i < longest; i++) for (const l of lists) if (i < l.length) out.push(l[i]!);
  return out;
}

export interface HttpLoad {
  requests: number;
  perSecond: number;
  latencyMs: Latency;
  errors: number;
  timeouts: number;
  non2xx: number;
  /** Where the CPU went (cpuMeter), when the run measured it. */
  cpu?: CpuPerRequest;
}

/** autocannon over a list of paths, each connection cycling through them. */
export async function httpLoad(url: string, paths: string[], connections: number, seconds: number): Promise<HttpLoad> {
  let next = 0;
  const result = await autocannon({
    url,
    connections,
    duration: seconds,
    requests: [{ setupRequest: (req) => ({ ...req, path: paths[next++ % paths.length]! }) }],
  });
  return {
    requests: result.requests.total,
    perSecond: result.requests.average,
    latencyMs: { n: result.requests.total, p50: result.latency.p50, p99: result.latency.p99, max: result.latency.max, mean: result.latency.average },
    errors: result.errors,
    timeouts: result.timeouts,
    non2xx: result.non2xx,
  };
}

export { latency };
