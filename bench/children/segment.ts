// Child process: nodejieba alone on one core over the corpus text, line by
// line, as the indexer sees it: the floor that indexing cannot beat on one core.
// Reads from its input the JSON of { corpusDir } (bench/child.ts).

import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';
import { ensureLoaded } from '../../src/analysis/segment.js';
import { scanCorpus } from '../../src/ingest/readCorpus.js';

const { corpusDir } = JSON.parse(readFileSync(0, 'utf8')) as { corpusDir: string };
const lines = scanCorpus(corpusDir).flatMap((e) => readFileSync(e.file, 'utf8').split('\n'));
const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
const rss0 = process.memoryUsage().rss;
const tLoad = performance.now();
// The dictionaries as every huayu process loads them (without nodejieba's own IDF table, which the
// default load adds: ~0.35 s and ~14 MB that no huayu process spends).
ensureLoaded();
nodejieba.cutForSearch('预热', true);
const loadMs = performance.now() - tLoad;
// What every segmenting process holds for the dictionaries (patches/ shares one copy with TextRank).
const dictMB = (process.memoryUsage().rss - rss0) / 1024 / 1024;
const t0 = performance.now();
for (const line of lines) nodejieba.cutForSearch(line, true);
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ bytes, loadMs, dictMB, ms, mbPerS: bytes / 1024 / 1024 / (ms / 1000) }) + '\n');
