import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import { pino } from 'pino';
import { DEFAULTS, type Config } from '../config.js';
import type { CitableSpan, CitationFormat } from '../export/citations.js';
import type { ResultFormat } from '../export/resultFormats.js';
import { createError } from '../errors.js';
import type { Engine } from '../index/engine.js';
import { describeStore, indexCorpus, liveEngine, openEngine } from '../index/stores.js';
import { documentIdForPath } from '../ingest/identity.js';
import type { PassageKind } from '../parse/types.js';
import type { SearchRequest } from '../search/search.js';
import { progressBar } from './progress.js';
import { isServingProcess, runPrimary } from './workers.js';
import { formatHit, formatPassageLine, formatQuote, formatRosterLine } from './format.js';

// Each command imports what it alone needs when it runs: a server starts opening its index
// while the HTTP stack is still being loaded (~0.1–0.2 s of a cold start).
const out = (s: string): void => void process.stdout.write(s + "\n");
const err = (s: string): void => void process.stderr.write(s + "\n");

/** Builds on every core; queries are segmented on a worker thread. */
function openOptions(config: Config) {
  return { threads: config.threads, querySegmenter: 'worker', limits: { maxBytes: config.maxFileBytes }, batchBytes: config.pgBatchBytes, cacheBytes: config.pgCacheBytes, connections: config.pgConnections } as const;
}

async function engineFor(config: Config): Promise<Engine> {
  return (await openedFor(config)).engine;
}

async function openedFor(config: Config, serving = false) {
  const bar = await progressBar('indexing');
  const opened = await openEngine(config, { ...openOptions(config), onProgress: bar.update, warmCache: serving });
  bar.stop();
  const { engine, rebuilt } = opened;
  if (rebuilt) err(`huayu: index ${opened.updated ? 'updated' : 'rebuilt'} (${rebuilt.code}): ${engine.docs.length} documents, ${engine.passages.length} passages`);
  return opened;
}

export async function indexCommand(config: Config, opts: { full?: boolean } = {}): Promise<void> {
  const t0 = Date.now();
  const bar = await progressBar('indexing');
  const r = await indexCorpus(config, { ...openOptions(config), onProgress: bar.update, full: opts.full });
  bar.stop();
  const passages = r.documents.reduce((n, d) => n + d.passages, 0);
  out(
    `indexed ${r.written} documents, ${passages} passages in ${((Date.now() - t0) / 1000).toFixed(1)} s → ${describeStore(config)}` +
      (r.unchanged ? `; ${r.unchanged} unchanged` : '') +
      (r.removed ? `; removed ${r.removed}` : '') +
      (r.refused.length ? `; refused ${r.refused.length} files` : ''),
  );
  for (const d of r.documents) {
    const status = d.warnings.length ? `warning: ${d.warnings.join('; ')}` : 'ok';
    out(`  ${d.path}  ${d.format}  ${d.passages} passages  ${status}`);
  }
  for (const f of r.refused) out(`  ${f.path}  refused  ${f.code}: ${f.message}`);
}

/** Where links point: where "huayu serve" would answer them. */
function baseUrlOf(config: Config): string {
  return config.baseUrl ?? `http://localhost:${config.port}`;
}

interface SearchOpts {
  speaker?: string;
  topic?: string;
  kind?: PassageKind;
  doc?: string;
  from?: string;
  to?: string;
  limit: string;
  json?: boolean;
  format?: ResultFormat | CitationFormat;
  max?: number;
}

const isResultFormat = (f: string): f is ResultFormat => f === 'csv' || f === 'jsonl';

/** The spans as a citation file on stdout (`huayu quote … --format bibtex >> refs.bib`). */
async function printCitations(engine: Engine, spans: CitableSpan[], format: CitationFormat): Promise<void> {
  const [{ cslItem }, { formatCitations }, { today }] = await Promise.all([import('../export/citations.js'), import('../export/citationJs.js'), import('../quote/citation.js')]);
  const accessed = today();
  process.stdout.write(formatCitations(spans.map((s) => cslItem(engine, s, accessed)), format));
}

export async function searchCommand(config: Config, q: string, opts: SearchOpts): Promise<void> {
  const { json, format, max, limit, ...filters } = opts;
  if (format && isResultFormat(format)) return exportCommand(config, { q, ...filters }, format, max ?? DEFAULTS.search.maxExport);
  const [engine, { search }, { spanOfHit }] = await Promise.all([engineFor(config), import('../search/search.js'), import('../export/citations.js')]);
  const res = await search(engine, { q, ...filters, limit: Math.min(100, Math.max(1, Number(limit) || 10)) });
  if (format) return printCitations(engine, res.hits.map((h) => spanOfHit(h, baseUrlOf(config))), format);
  if (json) return out(JSON.stringify(res, null, 2));
  out(`${res.total} passages for ${res.query} (${res.took_ms} ms)`);
  res.hits.forEach((h, i) => out(formatHit(h, i + 1, process.stdout.isTTY)));
}

/** Every match to stdout as CSV or JSONL (`huayu search 台湾 --format csv > 台湾.csv`); what the limit cut goes to stderr. */
async function exportCommand(config: Config, req: SearchRequest, format: ResultFormat, max: number): Promise<void> {
  const [engine, { exportResults }] = await Promise.all([engineFor(config), import('../export/resultStream.js')]);
  const baseUrl = baseUrlOf(config);
  // stdout stays open (end: false); a reader that stops early (| head) ends the process quietly (main.ts).
  const r = await exportResults(engine, req, { format, max, baseUrl, end: false }, process.stdout, () => undefined);
  if (r.truncated) {
    const more = Math.min(r.total, DEFAULTS.search.maxExportCap);
    err(`huayu: exported ${r.rows} of ${r.total} matches, the limit; ${more > r.rows ? `--max ${more} exports ${more === r.total ? 'them all' : 'the most allowed'}` : 'no more are allowed'}`);
  }
}

export async function speakersCommand(config: Config, opts: { json?: boolean }): Promise<void> {
  const [engine, { listSpeakers }] = await Promise.all([engineFor(config), import('../search/catalog.js')]);
  const speakers = listSpeakers(engine);
  if (opts.json) return out(JSON.stringify({ speakers }, null, 2));
  for (const s of speakers) {
    const about = [...s.orgs, ...s.titles].filter(Boolean).join(' ');
    out(`${s.name}\t${s.role}\t${s.passages} passages in ${s.documents.length} documents\t${about}`);
  }
}

export async function parseCommand(file: string, opts: { json?: boolean }): Promise<void> {
  if (!existsSync(file)) throw createError('FILE_NOT_FOUND', file);
  const { parseTranscript } = await import('../parse/parseTranscript.js');
  const doc = parseTranscript(documentIdForPath(path.basename(file)), readFileSync(file, 'utf8'));
  if (opts.json) return out(JSON.stringify(doc, null, 2));
  out(`${doc.title}\n${doc.date ?? 'no date'} · ${doc.format} · ${doc.passages.length} passages · ${doc.exchanges.length} exchanges`);
  out('roster:');
  for (const e of doc.roster) out(formatRosterLine(doc, e));
  if (doc.editor) out(`  editor: ${doc.editor}`);
  const how = Object.entries(doc.turns.attributions).map(([k, n]) => `${k} ${n}`).join(', ');
  const shapes = Object.entries(doc.turns.labelShapes).map(([k, n]) => `${k} ${n}`).join(', ');
  out(`turns: ${how}${shapes ? ` · labels: ${shapes}` : ''}`);
  for (const w of doc.warnings) out(`  warning: ${w}`);
  out('passages (n, kind, speaker, how it was attributed, text):');
  for (const p of doc.passages) out(formatPassageLine(doc, p));
}

export async function quoteCommand(config: Config, text: string, opts: { json?: boolean; format?: CitationFormat; match?: number }): Promise<void> {
  const [engine, { checkQuote }, { spanOfMatch }] = await Promise.all([engineFor(config), import('../quote/quote.js'), import('../export/citations.js')]);
  const baseUrl = baseUrlOf(config);
  const res = await checkQuote(engine, { text, baseUrl });
  if (opts.format) {
    const matches = opts.match ? res.matches.slice(opts.match - 1, opts.match) : res.matches;
    if (matches.length === 0) throw createError('QUOTE_NOTHING_TO_CITE', res.matches.length, opts.match ?? null);
    return printCitations(engine, matches.map((m) => spanOfMatch(m, baseUrl)), opts.format);
  }
  if (opts.json) return out(JSON.stringify(res, null, 2));
  out(formatQuote(res, process.stdout.isTTY));
}

export async function serveCommand(config: Config): Promise<void> {
  const logger = pino({ level: process.env.LOG_LEVEL ?? 'info' });
  // On PostgreSQL the documents are written by "huayu index"; a primary of the embedded store brings index/ up to the corpus.
  if (!isServingProcess(config)) return runPrimary(config, logger, async () => (config.store ? null : indexCorpus(config, openOptions(config))));
  const opening = openedFor(config, true);
  // A failure to open is reported where it is awaited (a named error), not as an unhandled rejection meanwhile.
  opening.catch(() => undefined);
  const [{ createApp }, { createHttpServer, shutdown }] = await Promise.all([import('../http/app.js'), import('../http/server.js')]);
  const opened = await opening;
  // After the load, which allocates fast and keeps nearly all of it: collected more often there it took longer.
  // V8 reads the factor at each full collection, so setting it now takes effect from the next one.
  if (config.store && config.pgHeapGrowthPercent > 0) v8.setFlagsFromString(`--heap-growing-percent=${config.pgHeapGrowthPercent}`);
  const first = opened.engine;
  const live = await liveEngine(config, opened, {
    ...openOptions(config),
    warmCache: true,
    intervalMs: config.reloadSeconds * 1000,
    onReload: (e, took) =>
      logger.info({ documents: e.docs.length, passages: e.passages.length, ...(took ? { ms: Math.round(took.ms), written: took.documents } : {}) }, 'reloaded: the store changed'),
    onError: (err) => logger.error({ err }, 'checking the store for changes failed; serving what was loaded'),
  });
  const app = createApp({ engine: live.current, logger, baseUrl: config.baseUrl, rateLimitPerMinute: config.rateLimitPerMinute, corsOrigins: config.corsOrigins, maxActiveRequests: config.maxActiveRequests });
  const server = createHttpServer(app).listen(config.port, config.host, () => {
    logger.info({ port: config.port, documents: first.docs.length, passages: first.passages.length }, `huayu serving on http://localhost:${config.port}`);
  });
  server.on('error', (e) => {
    logger.fatal({ err: e }, 'server failed to start');
    process.exit(1);
  });
  for (const signal of ['SIGTERM', 'SIGINT'] as const) {
    process.once(signal, () => {
      void shutdown(server, logger)
        .then(() => live.stop())
        .then(() => process.exit(0));
    });
  }
}
