// Child process: builds and saves the index of a corpus, and reports time and peak memory.
// Reads from its input the JSON of { corpusDir, indexDir } (bench/child.ts).

import { readFileSync } from 'node:fs';
import { buildIndex } from '../../src/index/embedded/build.js';
import { type BuildTimings } from '../../src/index/analyzeCorpus.js';
import { saveIndex } from '../../src/index/embedded/store.js';
import { readSource, scanCorpus } from '../../src/ingest/readCorpus.js';

const { corpusDir, indexDir } = JSON.parse(readFileSync(0, 'utf8')) as { corpusDir: string; indexDir: string };
const t0 = performance.now();
const files = scanCorpus(corpusDir).map((e) => readSource(e));
const tRead = performance.now();
const timings = {} as BuildTimings;
const engine = await buildIndex(files, { timings });
const tBuilt = performance.now();
await saveIndex(indexDir, engine);
const tSaved = performance.now();
await engine.close();
process.stdout.write(
  JSON.stringify({
    readMs: tRead - t0,
    buildMs: tBuilt - tRead,
    saveMs: tSaved - tBuilt,
    totalMs: tSaved - t0,
    bytes: files.reduce((n, f) => n + f.bytes, 0),
    documents: engine.docs.length,
    passages: engine.passages.length,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
    timings,
  }) + '\n',
);
