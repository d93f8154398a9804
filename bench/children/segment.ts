// Child process: nodejieba alone on one core over the corpus text, line by
// line, as the indexer sees it: the floor that indexing cannot beat on one core.
// argv: corpusDir

import { readFileSync } from 'node:fs';
import nodejieba from 'nodejieba';
import { scanCorpus } from '../../src/ingest/readCorpus.js';

const [corpusDir] = process.argv.slice(2) as [string];
const lines = scanCorpus(corpusDir).flatMap((e) => readFileSync(e.file, 'utf8').split('\n'));
const bytes = lines.reduce((n, l) => n + Buffer.byteLength(l), 0);
const tLoad = performance.now();
nodejieba.cutForSearch('预热', true);
const loadMs = performance.now() - tLoad;
const t0 = performance.now();
for (const line of lines) nodejieba.cutForSearch(line, true);
const ms = performance.now() - t0;
process.stdout.write(JSON.stringify({ bytes, loadMs, ms, mbPerS: bytes / 1024 / 1024 / (ms / 1000) }) + '\n');
