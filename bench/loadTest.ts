// npm run test:load: 50 connections for 20 s against a real `huayu serve` over
// the seed transcript and the real Foreign Ministry transcripts. Passes when
// no request failed, every valid query answered 2xx, and resident memory came
// back to its warmed-up level afterwards. Stops by itself; not part of npm test.

import { cpSync, existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { scanCorpus } from '../src/ingest/readCorpus.js';
import { httpLoad, memoryOf, startServer, type HttpLoad } from './server.js';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
const SHARED = path.resolve(ROOT, '../shared/corpus-real');
const CONNECTIONS = 50;
const SECONDS = Number(process.env.LOAD_SECONDS ?? 20);
/** Resident memory after the run may exceed the warmed-up level by this much: the heap's own slack. */
const MEMORY_SLACK = 1.25;
const log = (s: string): void => void process.stdout.write(s + '\n');

/** Copies a folder's transcripts (not the provenance notes beside them). */
function copyTranscripts(from: string, to: string): void {
  cpSync(from, to, { recursive: true, filter: (f) => !f.endsWith('.md') });
}

async function json<T>(url: string): Promise<T> {
  const res = await fetch(url);
  if (!res.ok) throw new Error(`load: ${url} answered ${res.status}`);
  return (await res.json()) as T;
}

/** Valid requests of every kind a reader makes, drawn from what the server itself lists. */
async function requestPaths(url: string): Promise<string[]> {
  const { speakers } = await json<{ speakers: Array<{ name: string }> }>(`${url}/api/speakers`);
  const { documents } = await json<{ documents: Array<{ id: string }> }>(`${url}/api/documents`);
  const terms = ['中方', '发展', '合作', '营商环境', '夜间经济', '美方', '经济', '"一带一路"', '台湾', '招商引资', '安全', '和平'];
  const paths: string[] = [];
  const q = (params: Record<string, string>) => new URLSearchParams(params).toString();
  for (const t of terms) paths.push(`/api/search?${q({ q: t })}`);
  for (const s of speakers.slice(0, 12)) paths.push(`/api/search?${q({ q: '发展', speaker: s.name })}`, `/api/speakers/${encodeURIComponent(s.name)}`);
  for (const d of documents.slice(0, 12)) paths.push(`/api/documents/${encodeURIComponent(d.id)}`);
  const { hits } = await json<{ hits: Array<{ text: string; bodyStart: number; start: number }> }>(`${url}/api/search?${q({ q: '中国', limit: '30' })}`);
  for (const h of hits) {
    const body = [...h.text].slice(h.bodyStart - h.start);
    paths.push(`/api/quote?${q({ text: body.slice(0, 20).join('') })}`, `/api/quote?${q({ text: body.slice(0, 16).join('').replace('的', '地') })}`);
  }
  paths.push('/', '/healthz', '/api/topics');
  return paths;
}

const work = mkdtempSync(path.join(os.tmpdir(), 'huayu-load-'));
let failed = false;
try {
  const corpus = path.join(work, 'corpus');
  copyTranscripts(path.join(ROOT, 'corpus'), corpus);
  if (existsSync(SHARED)) copyTranscripts(SHARED, path.join(corpus, 'mfa'));
  else {
    log(`load: ${SHARED} is absent; the load runs over corpus/ and tests/fixtures/mfa only`);
    copyTranscripts(path.join(ROOT, 'tests/fixtures/mfa'), path.join(corpus, 'mfa'));
  }
  const files = scanCorpus(corpus).length;
  const server = await startServer(corpus, path.join(work, 'index'));
  try {
    const paths = await requestPaths(server.url);
    // Each request once first: a load run over requests that were never valid proves nothing.
    for (const p of paths) {
      const res = await fetch(server.url + p);
      await res.arrayBuffer();
      if (!res.ok) throw new Error(`load: ${p} answered ${res.status} before the load began`);
    }
    log(`load: ${files} transcripts, ${paths.length} distinct valid requests, ${CONNECTIONS} connections`);
    await httpLoad(server.url, paths, CONNECTIONS, 3); // warm up: JIT, caches, heap at working size
    const warm = memoryOf(server.proc.pid!);
    const run: HttpLoad = await httpLoad(server.url, paths, CONNECTIONS, SECONDS);
    await new Promise((r) => setTimeout(r, 2000));
    const after = memoryOf(server.proc.pid!);
    log(
      `load: ${run.requests} requests in ${SECONDS} s = ${run.perSecond.toFixed(0)}/s; latency p50 ${run.latencyMs.p50} ms, p99 ${run.latencyMs.p99} ms, max ${run.latencyMs.max} ms`,
    );
    log(`load: errors ${run.errors}, timeouts ${run.timeouts}, non-2xx ${run.non2xx}`);
    log(`load: resident memory warmed up ${warm.rssMB.toFixed(0)} MB, after the run ${after.rssMB.toFixed(0)} MB, peak ${after.peakMB.toFixed(0)} MB`);
    const problems = [
      run.errors + run.timeouts > 0 && `${run.errors + run.timeouts} requests failed`,
      run.non2xx > 0 && `${run.non2xx} valid requests answered outside 2xx`,
      after.rssMB > warm.rssMB * MEMORY_SLACK && `memory did not come back: ${after.rssMB.toFixed(0)} MB after, ${warm.rssMB.toFixed(0)} MB warmed up`,
      run.requests === 0 && 'no request was answered',
    ].filter(Boolean);
    const code = await server.stop();
    if (code !== 0) problems.push(`the server exited with ${code} on SIGTERM`);
    for (const p of problems) log(`load: FAILED: ${p}`);
    failed = problems.length > 0;
    if (!failed) log('load: passed');
  } catch (err) {
    await server.stop();
    throw err;
  }
} finally {
  rmSync(work, { recursive: true, force: true });
}
process.exit(failed ? 1 : 0);
