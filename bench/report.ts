// The benchmark's table: our figures, the baselines', the ratios and the targets side by side.

import type { BuildTimings } from '../src/index/analyzeCorpus.js';
import type { LoadPhase } from '../src/index/embedded/store.js';
import type { HttpLoad } from './server.js';
import type { Latency } from './stats.js';
import type { WordPath } from './pgAlternatives.js';
import type { LuceneResult } from './lucene.js';

export interface BenchResult {
  date: string;
  machine: { cores: number; cpu: string; node: string; memGB: number };
  corpus: { MB: number; files: number; documents: number; passages: number };
  floor: { MBps: number; dictLoadMs: number; dictMB?: number };
  build: { readMs: number; buildMs: number; saveMs: number; totalMs: number; MBps: number; maxRssMB: number; indexMB: number; timings: BuildTimings };
  loadMs: number;
  loadPhases: LoadPhase[];
  search: Partial<Record<string, Latency & { answered: number; meanMatches: number }>>;
  quote: Partial<Record<string, Latency & { found: number; near: number }>>;
  scan: Partial<Record<string, Latency>>;
  minisearch: { buildMBps: number; heapMB: number; search: Partial<Record<string, Latency>> } | null;
  /** Lucene 8 + SmartChineseAnalyzer on the same corpus and queries, or null when the peer is absent. */
  lucene?: LuceneResult | null;
  coldStartMs: number;
  serving: { rssMB: number; peakMB: number; idleRssMB: number };
  http: HttpLoad;
  /** Each transcript added to a running server's corpus: from the write to the first search that finds it. */
  addMs: number[];
  /** The HTTP load on one server process a core, and their resident memory together. */
  httpAll?: { workers: number; load: HttpLoad; rssMB: number };
  healthz: HttpLoad;
  /** The same corpus in PostgreSQL, served by two processes at once. */
  postgres: {
    indexMBps: number;
    /** pg_database_size after indexing: tables, GIN indexes, TOAST. */
    dbMB: number;
    loadMs: number;
    /** The same queries and quotes answered through SQL in one process. */
    search: BenchResult['search'];
    quote: BenchResult['quote'];
    /** Share of queries whose match count equals the embedded index's. */
    agreement: number;
    wordPaths: WordPath[];
    coldStartMs: number;
    peakMB: number[];
    /** Each of the two servers' resident memory after its share of the load. */
    rssMB?: number[];
    /**
     * One server alone under the whole load (50 connections), and its spawn to first answer; `moreStartsMs`:
     * that of further starts, one after another once it stopped, for the spread a single start hides.
     */
    one?: { load: HttpLoad; rssMB: number; coldStartMs?: number; moreStartsMs?: number[] };
    http: HttpLoad;
  } | null;
}

const f = (n: number | undefined, digits = 2): string => (n === undefined || Number.isNaN(n) ? '–' : n.toFixed(digits));
const ok = (met: boolean): string => (met ? 'met' : 'MISSED');
/** Further starts' first answers as " (N more: median M, lowest–highest s)", or nothing. */
const spread = (ms: readonly number[] | undefined): string => {
  if (!ms?.length) return '';
  const sorted = [...ms].sort((x, y) => x - y);
  return ` (${sorted.length} more: median ${f(sorted[sorted.length >> 1]! / 1000)}, ${f(sorted[0]! / 1000)}–${f(sorted.at(-1)! / 1000)} s)`;
};

function table(rows: string[][]): string {
  const widths = rows[0]!.map((_, i) => Math.max(...rows.map((r) => [...(r[i] ?? '')].length)));
  const line = (r: string[]): string => '| ' + r.map((c, i) => c + ' '.repeat(widths[i]! - [...c].length)).join(' | ') + ' |';
  return [line(rows[0]!), '|' + widths.map((w) => '-'.repeat(w + 2)).join('|') + '|', ...rows.slice(1).map(line)].join('\n');
}

export function printReport(r: BenchResult): void {
  const out: string[] = [];
  out.push(
    `huayu bench: ${f(r.corpus.MB, 1)} MB, ${r.corpus.documents} documents, ${r.corpus.passages} passages; ` +
      `${r.machine.cores} cores (${r.machine.cpu}), Node ${r.machine.node}, ${r.date.slice(0, 10)}`,
    '',
  );
  out.push(
    table([
      ['build and start', 'huayu', 'reference', 'ratio', 'target (100 MB)', ''],
      ['index build, end to end', `${f(r.build.MBps)} MB/s`, `nodejieba alone, 1 core: ${f(r.floor.MBps)} MB/s`, `${f(r.build.MBps / r.floor.MBps)}×`, '≥ 5 MB/s', ok(r.build.MBps >= 5)],
      ['  read · analyze+index · save', `${f(r.build.readMs / 1000, 1)} · ${f(r.build.buildMs / 1000, 1)} · ${f(r.build.saveMs / 1000, 1)} s`, '', '', '', ''],
      [
        '  main thread: parse · FlexSearch insert · bigram lists',
        `${f(r.build.timings.parseMs / 1000, 1)} · ${f(r.build.timings.wordIndexMs / 1000, 1)} · ${f(r.build.timings.bigramMs / 1000, 1)} s`,
        `FlexSearch insert alone: ${f(r.corpus.MB / (r.build.timings.wordIndexMs / 1000))} MB/s`,
        '',
        '',
        '',
      ],
      ['MiniSearch build, same tokenizer', '', r.minisearch ? `${f(r.minisearch.buildMBps)} MB/s` : '–', r.minisearch ? `${f(r.build.MBps / r.minisearch.buildMBps)}×` : '–', '', ''],
      ['peak memory while building', `${f(r.build.maxRssMB, 0)} MB`, '', '', '', ''],
      ['index on disk', `${f(r.build.indexMB, 1)} MB`, `corpus ${f(r.corpus.MB, 1)} MB`, `${f(r.build.indexMB / r.corpus.MB)}×`, '≤ 1.5×', ok(r.build.indexMB / r.corpus.MB <= 1.5)],
      ...r.loadPhases.map((p) => [`  load: ${p.phase}`, `${f(p.ms / 1000)} s`, `heap ${f(p.heapMB, 0)} MB, buffers ${f(p.buffersMB, 0)} MB`, '', '', '']),
      ['cold start to first answer', `${f(r.coldStartMs / 1000)} s`, `nodejieba dictionary load: ${f(r.floor.dictLoadMs / 1000)} s${r.floor.dictMB === undefined ? '' : `, ${f(r.floor.dictMB, 0)} MB`}`, '', '≤ 3 s', ok(r.coldStartMs <= 3000)],
      ...(r.addMs?.length ? [['a transcript added, answered by the running server', `${r.addMs.map((ms) => f(ms / 1000)).join(' / ')} s`, 'written as a new part, no rebuild', '', '≤ 2 s', ok(Math.max(...r.addMs) <= 2000)]] : []),
      ['memory while serving (peak)', `${f(r.serving.peakMB, 0)} MB`, `idle ${f(r.serving.idleRssMB, 0)} MB`, '', '≤ 1200 MB', ok(r.serving.peakMB <= 1200)],
    ]),
    '',
  );
  const rows = [['search() ms', 'p50', 'p99', 'answered', 'mean matches', 'scan p50', 'scan p99', 'scan/huayu p50', 'MiniSearch p50', 'p99', 'MiniSearch/huayu p50', 'p99', 'target']];
  for (const [c, s] of Object.entries(r.search)) {
    const scan = r.scan[c];
    const mini = r.minisearch?.search[c];
    const target = s!.p99 <= 10 && (c !== 'word' || s!.p50 <= 1) && (!scan || scan.p50 / s!.p50 >= 100) && (!mini || (mini.p50 >= s!.p50 && mini.p99 >= s!.p99));
    rows.push([
      c,
      f(s!.p50),
      f(s!.p99),
      `${f(s!.answered * 100, 0)}%`,
      f(s!.meanMatches, 0),
      f(scan?.p50),
      f(scan?.p99),
      scan ? `${f(scan.p50 / s!.p50, 0)}×` : '–',
      f(mini?.p50),
      f(mini?.p99),
      mini ? `${f(mini.p50 / s!.p50)}×` : '–',
      mini ? `${f(mini.p99 / s!.p99)}×` : '–',
      ok(target),
    ]);
  }
  out.push(table(rows), '');
  if (r.lucene) out.push(luceneTable(r, r.lucene), '');
  const qrows = [['quote check ms', 'p50', 'p99', 'found', 'near matches', 'target p99 ≤ 20']];
  for (const [c, q] of Object.entries(r.quote)) qrows.push([c, f(q!.p50), f(q!.p99), `${f(q!.found * 100, 0)}%`, `${f(q!.near * 100, 0)}%`, ok(q!.p99 <= 20)]);
  out.push(table(qrows), '');
  out.push(
    table([
      ['HTTP, 50 connections, mixed search + quote', 'requests/s', 'p50 ms', 'p99 ms', 'errors', 'non-2xx', 'CPU ms a request: servers + database + load', 'target'],
      ['GET /healthz only: the HTTP stack\'s ceiling', f(r.healthz.perSecond, 0), f(r.healthz.latencyMs.p50, 1), f(r.healthz.latencyMs.p99, 1), String(r.healthz.errors + r.healthz.timeouts), String(r.healthz.non2xx), '', ''],
      ['huayu serve (1 process)', f(r.http.perSecond, 0), f(r.http.latencyMs.p50, 1), f(r.http.latencyMs.p99, 1), String(r.http.errors + r.http.timeouts), String(r.http.non2xx), cpuCell(r.http), `≥ 3000/s, p99 ≤ 25: ${ok(r.http.perSecond >= 3000 && r.http.latencyMs.p99 <= 25)}`],
      ...(r.httpAll
        ? [
            [
              `huayu serve (${r.httpAll.workers} processes, a copy each)`,
              f(r.httpAll.load.perSecond, 0),
              f(r.httpAll.load.latencyMs.p50, 1),
              f(r.httpAll.load.latencyMs.p99, 1),
              String(r.httpAll.load.errors + r.httpAll.load.timeouts),
              String(r.httpAll.load.non2xx),
              cpuCell(r.httpAll.load),
              `${f(r.httpAll.load.perSecond / r.http.perSecond)}× one process (≥ 1.8×: ${ok(r.httpAll.load.perSecond >= 1.8 * r.http.perSecond)}); ${f(r.httpAll.rssMB, 0)} MB resident in all`,
            ],
          ]
        : []),
      ...(r.postgres?.one
        ? [
            [
              'PostgreSQL store, 1 process',
              f(r.postgres.one.load.perSecond, 0),
              f(r.postgres.one.load.latencyMs.p50, 1),
              f(r.postgres.one.load.latencyMs.p99, 1),
              String(r.postgres.one.load.errors + r.postgres.one.load.timeouts),
              String(r.postgres.one.load.non2xx),
              cpuCell(r.postgres.one.load),
              `${f(r.postgres.one.rssMB, 0)} MB resident after the load`,
            ],
          ]
        : []),
      ...(r.postgres
        ? [
            [
              'PostgreSQL store, 2 processes (25 + 25 connections)',
              f(r.postgres.http.perSecond, 0),
              f(r.postgres.http.latencyMs.p50, 1),
              f(r.postgres.http.latencyMs.p99, 1),
              String(r.postgres.http.errors + r.postgres.http.timeouts),
              String(r.postgres.http.non2xx),
              cpuCell(r.postgres.http),
              `index ${f(r.postgres.indexMBps)} MB/s, cold start ${f(r.postgres.coldStartMs / 1000)} s, peak ${r.postgres.peakMB.map((m) => f(m, 0)).join(' + ')} MB`,
            ],
          ]
        : []),
    ]),
  );
  if (r.postgres) {
    const pg = r.postgres;
    const prow = [['on PostgreSQL, ms', 'p50', 'p99', 'embedded p50', 'p99', 'PostgreSQL/embedded p50', 'p99']];
    for (const [c, s] of [...Object.entries(pg.search), ...Object.entries(pg.quote).map(([c, q]) => [`quote ${c}`, q] as const)]) {
      const e = r.search[c] ?? r.quote[c.replace(/^quote /u, '')];
      prow.push([c, f(s!.p50), f(s!.p99), f(e?.p50), f(e?.p99), e ? `${f(s!.p50 / e.p50, 1)}×` : '–', e ? `${f(s!.p99 / e.p99, 1)}×` : '–']);
    }
    out.push(
      `PostgreSQL: database ${f(pg.dbMB, 0)} MB (${f(pg.dbMB / r.corpus.MB, 1)}× corpus), load ${f(pg.loadMs / 1000)} s, ` +
        `match counts equal to embedded for ${f(pg.agreement * 100, 1)}% of queries`,
      table(prow),
      '',
      pgTargets(r, pg),
      '',
      table([
        ['word lists in PostgreSQL (same term sets)', 'p50 ms', 'p99 ms', 'space MB', 'same passages as embedded', 'same order'],
        ...pg.wordPaths.map((w) => [
          w.name,
          f(w.latency.p50),
          f(w.latency.p99),
          f(w.MB, 1),
          `${f(w.samePassages * 100, 1)}%`,
          w.sameOrder === null ? '–' : `${f(w.sameOrder * 100, 1)}%`,
        ]),
      ]),
      '',
    );
  }
  process.stdout.write(out.join('\n') + '\n');
}

/** The CPU a request cost, summed over the processes that served it (with what each took); '–' when not measured. */
function cpuCell(load: HttpLoad): string {
  const c = load.cpu;
  if (!c) return '–';
  const total = c.servers + (c.database ?? 0) + c.loader;
  return `${f(total, 2)} = ${f(c.servers, 2)}${c.database === null ? '' : ` + ${f(c.database, 2)}`} + ${f(c.loader, 2)}`;
}

/** Issue 16's targets for the PostgreSQL store (set at 100 MB), beside what this run measured. */
function pgTargets(r: BenchResult, pg: NonNullable<BenchResult['postgres']>): string {
  const worstP50 = Math.max(...Object.values(pg.search).map((s) => s!.p50));
  const worstP99 = Math.max(...Object.values(pg.search).map((s) => s!.p99));
  const rss = Math.max(...(pg.rssMB ?? pg.peakMB));
  return table([
    ['PostgreSQL store (issue 16)', 'measured', 'target', ''],
    ['resident memory of each server after the load', `${f(rss, 0)} MB`, '≤ 400 MB', ok(rss <= 400)],
    ['search p50 / p99, worst class', `${f(worstP50)} / ${f(worstP99)} ms`, '≤ 10 / ≤ 50 ms', ok(worstP50 <= 10 && worstP99 <= 50)],
    ['two servers against one embedded server', `${f(pg.http.perSecond, 0)} / ${f(r.http.perSecond, 0)} req/s`, '≥ 1×', ok(pg.http.perSecond >= r.http.perSecond)],
    ['database / corpus', `${f(pg.dbMB / r.corpus.MB, 1)}×`, '≤ 6×', ok(pg.dbMB / r.corpus.MB <= 6)],
    ['indexing', `${f(pg.indexMBps)} MB/s`, '≥ 2 MB/s', ok(pg.indexMBps >= 2)],
    [
      'first answer after a server starts (no corpus folder)',
      // Alone, as the issue asks; two starting at once share the two cores.
      `${pg.one?.coldStartMs === undefined ? '–' : `${f(pg.one.coldStartMs / 1000)} s alone${spread(pg.one.moreStartsMs)},`} ${f(pg.coldStartMs / 1000)} s two at once (nodejieba's dictionaries alone: ${f(r.floor.dictLoadMs / 1000)} s${r.floor.dictMB === undefined ? '' : `, ${f(r.floor.dictMB, 0)} MB`})`,
      '≤ 1 s',
      ok((pg.one?.coldStartMs ?? pg.coldStartMs) <= 1000),
    ],
  ]);
}

/** huayu beside Lucene on the same corpus and queries: build, start, size, search with and without highlights. */
function luceneTable(r: BenchResult, l: LuceneResult): string {
  const ratio = (ours: number, theirs: number) => `${f(ours / theirs)}×`;
  const start = table([
    [`beside Lucene ${l.version} (SmartChineseAnalyzer)`, 'huayu', 'Lucene', 'huayu/Lucene'],
    [`index build, end to end (Lucene: ${l.build.threads} threads)`, `${f(r.build.MBps)} MB/s`, `${f(l.build.MBps)} MB/s`, ratio(r.build.MBps, l.build.MBps)],
    ['index on disk', `${f(r.build.indexMB, 1)} MB`, `${f(l.build.indexMB, 1)} MB`, ratio(r.build.indexMB, l.build.indexMB)],
    ['peak memory while building', `${f(r.build.maxRssMB, 0)} MB`, `${f(l.build.peakRssMB, 0)} MB`, ratio(r.build.maxRssMB, l.build.peakRssMB)],
    ['cold start to first answer', `${f(r.coldStartMs / 1000)} s`, `${f(l.coldStartMs / 1000)} s`, ratio(r.coldStartMs, l.coldStartMs)],
  ]);
  // Lucene: Elasticsearch's match (OR), top 10 with stored fields, one warm-up pass and one timed pass;
  // it has no speaker or topic field, so the filter classes send it their words alone.
  const rows = [['search ms, p50 / p99', 'huayu', 'Lucene', 'Lucene + highlight', 'huayu / Lucene + highlight']];
  for (const [c, s] of Object.entries(r.search)) {
    const plain = l.search[c as keyof typeof l.search];
    const hl = l.highlight[c as keyof typeof l.highlight];
    if (!s || !plain || !hl) continue;
    const note = c === 'speakerFilter' || c === 'topicFilter' ? ' (Lucene: words only)' : '';
    rows.push([`${c}${note}`, `${f(s.p50)} / ${f(s.p99)}`, `${f(plain.p50)} / ${f(plain.p99)}`, `${f(hl.p50)} / ${f(hl.p99)}`, `${ratio(s.p50, hl.p50)} / ${ratio(s.p99, hl.p99)}`]);
  }
  return `${start}\n\n${table(rows)}`;
}
