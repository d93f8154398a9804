// The peer: Lucene 8 with its SmartChineseAnalyzer (the engine inside
// Elasticsearch), from ../shared/peers/lucene, on the same generated corpus and
// the same queries, so the report can put the two side by side. Its run.sh
// installs a JDK and Lucene with apt-get when they are missing; without
// ../shared the rows are skipped with a message.

import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { SearchRequest } from '../src/search/search.js';
import { QUERY_CLASSES, type QueryClass } from './queries.js';
import { latency, MB, type Latency } from './stats.js';

export interface LuceneResult {
  version: string;
  /** Two indexing threads sharing one writer, as the peer's README measures it. */
  build: { threads: number; MBps: number; seconds: number; indexMB: number; peakRssMB: number; segments: number };
  /** From the JVM's launch to the first answered query (dictionaries, index open, one unwarmed query). */
  coldStartMs: number;
  /** OR queries (Elasticsearch's match default), top 10 with stored fields; then with one highlighted passage a hit. */
  search: Partial<Record<QueryClass, Latency>>;
  highlight: Partial<Record<QueryClass, Latency>>;
}

/** The peer's launcher, or why there is none. */
export function lucenePeer(shared: string): string | { skipped: string } {
  const runSh = path.resolve(shared, '../peers/lucene/run.sh');
  return existsSync(runSh) ? runSh : { skipped: `Lucene rows skipped: ${runSh} is absent (the peer is only on the developers' machines)` };
}

function run(runSh: string, args: string[]): string {
  const r = spawnSync(runSh, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.status !== 0) throw new Error(`bench: lucene ${args[0]} failed (${r.status}): ${r.stderr.slice(-2000)}`);
  return r.stdout;
}

const jsonLines = (out: string): Array<Record<string, unknown>> =>
  out
    .split('\n')
    .filter((l) => l.startsWith('{'))
    .map((l) => JSON.parse(l) as Record<string, unknown>);

/** Per class, the latency of each query's timed run (ms). Filters have no Lucene field: those classes send their words alone. */
function searchOnce(runSh: string, indexDir: string, file: string, highlight: boolean): { byClass: Partial<Record<QueryClass, Latency>>; coldStartMs: number } {
  // One warm-up pass and one timed pass, as huayu's queries are timed.
  const lines = jsonLines(run(runSh, ['search', indexDir, file, '10', '--runs', '1', '--warmup', '1', ...(highlight ? ['--highlight'] : [])]));
  const summary = lines.find((l) => l.summary === true);
  const times = new Map<QueryClass, number[]>();
  for (const l of lines) {
    if (l.summary) continue;
    const cls = String(l.id).split(':')[0] as QueryClass;
    (times.get(cls) ?? times.set(cls, []).get(cls)!).push(Number(l.us) / 1000);
  }
  const byClass: Partial<Record<QueryClass, Latency>> = {};
  for (const c of QUERY_CLASSES) if (times.get(c)?.length) byClass[c] = latency(times.get(c)!);
  return { byClass, coldStartMs: Number(summary?.cold_start_ms ?? NaN) };
}

export function runLucene(runSh: string, corpusDir: string, work: string, queries: Record<QueryClass, SearchRequest[]>): LuceneResult {
  const version = String(jsonLines(run(runSh, ['version']))[0]?.lucene ?? '?');
  const indexDir = path.join(work, 'lucene-index');
  mkdirSync(indexDir, { recursive: true });
  const built = jsonLines(run(runSh, ['index', corpusDir, indexDir, '--threads', '2']))[0]!;
  const file = path.join(work, 'lucene-queries.jsonl');
  writeFileSync(file, QUERY_CLASSES.flatMap((c) => queries[c].map((q, i) => JSON.stringify({ id: `${c}:${i}`, q: q.q }))).join('\n') + '\n');
  const plain = searchOnce(runSh, indexDir, file, false);
  const highlighted = searchOnce(runSh, indexDir, file, true);
  // The peer counts MB as 10^6 bytes; the report as 2^20.
  const bytes = Number(built.bytes);
  return {
    version,
    build: {
      threads: Number(built.threads),
      MBps: bytes / MB / Number(built.seconds),
      seconds: Number(built.seconds),
      indexMB: Number(built.index_bytes) / MB,
      peakRssMB: Number(built.peak_rss_mb),
      segments: Number(built.segments),
    },
    coldStartMs: plain.coldStartMs,
    search: plain.byClass,
    highlight: highlighted.byClass,
  };
}
