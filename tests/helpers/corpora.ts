// Test corpora: the seed in corpus/, the MFA fixtures in tests/fixtures, and
// the 116 real transcripts in ../shared/corpus-real when that folder exists
// (a user's clone has none: tests that need it skip with a message).

import { copyFileSync, cpSync, existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { inject } from 'vitest';
import { CLI } from '../../bench/cli.js';
import { createDatabase } from '../../bench/pgCluster.js';
import { inlineSegmenter } from '../../src/analysis/segmenter.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import { loadFromPostgres } from '../../src/index/postgres/store.js';
import { indexIntoPostgres } from '../../src/index/postgres/write.js';
import type { Engine } from '../../src/index/engine.js';
import { MemoryRetrieval } from '../../src/index/embedded/retrieval.js';
import { readCorpus, type RefusedFile, type SourceFile } from '../../src/ingest/readCorpus.js';
import { tempDir } from './tempDir.js';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** The command line as `huayu` and `npm start` run it: the bundle the build writes (scripts/bundle.mjs). */
export const HUAYU_BIN = CLI;
export const CORPUS = path.join(ROOT, 'corpus');
export const SEED = path.join(CORPUS, 'zhangye-2024-01-15.txt');
export const FIXTURES = path.join(ROOT, 'tests/fixtures');
export const SHARED_REAL = path.resolve(ROOT, '../shared/corpus-real');
export const HAS_SHARED = existsSync(SHARED_REAL);
export const SHARED_SKIP_MESSAGE = `skipped: ${SHARED_REAL} is absent (the real-transcript corpus is only on the developers' machines)`;

/** A corpus folder a test may change: the seed and the MFA fixtures in mfa/ (not their provenance note), in a new temp folder. */
export function seedAndFixturesCopy(prefix: string): string {
  return seedAndFixturesInto(tempDir(prefix));
}

/** The seed and the MFA fixtures written into `dir` (made if absent), over any copies a test changed there; `dir` back. */
export function seedAndFixturesInto(dir: string): string {
  cpSync(path.join(FIXTURES, 'mfa'), path.join(dir, 'mfa'), { recursive: true, filter: (f) => !f.endsWith('.md') });
  copyFileSync(SEED, path.join(dir, path.basename(SEED)));
  return dir;
}

export function readText(file: string): string {
  return readFileSync(file, 'utf8');
}

/** Files of several folders as one corpus, each under its own prefix so ids stay unique. */
export function filesFrom(dirs: Record<string, string>): Array<SourceFile | RefusedFile> {
  const out: Array<SourceFile | RefusedFile> = [];
  for (const [prefix, dir] of Object.entries(dirs)) {
    for (const f of readCorpus(dir)) {
      const p = prefix ? `${prefix}/${f.path}` : f.path;
      out.push({ ...f, path: p, id: p.replace(/\.txt$/u, '').replace(/\//gu, '.') });
    }
  }
  return out;
}

/** Which store the shared suites run against: the vitest project "postgres" sets HUAYU_TEST_STORE. */
export const TEST_STORE = process.env.HUAYU_TEST_STORE === 'postgres' ? 'postgres' : 'embedded';

let seed: Promise<Engine> | null = null;
/**
 * The seed, once per test process: built in this thread, or (project
 * "postgres") written to a throwaway PostgreSQL cluster and loaded from it.
 */
export function seedEngine(): Promise<Engine> {
  seed ??= TEST_STORE === 'postgres' ? seedFromPostgres() : buildIndex(readCorpus(CORPUS));
  return seed;
}

/** A database of its own in the project's cluster (tests/helpers/postgresSetup.ts): test files run in parallel. */
async function seedFromPostgres(): Promise<Engine> {
  return loadFromPostgres(await seededDatabase(inject('postgresUrl'), `huayu_seed_${process.pid}_${Date.now().toString(36)}`, readCorpus(CORPUS)), inlineSegmenter([]));
}

/** A new database in the cluster at `clusterUrl`, holding `files` as "huayu index" writes them. */
export async function seededDatabase(clusterUrl: string, name: string, files: Array<SourceFile | RefusedFile>): Promise<string> {
  const url = await createDatabase(clusterUrl, name);
  await indexIntoPostgres(url, files, { threads: 0 });
  return url;
}

/** A passage's words after its speaker label, from an engine that holds its texts. */
export { bodyOf } from '../../bench/queries.js';

let real: Promise<Engine> | null = null;
/** Seed + every transcript of ../shared/corpus-real. */
export function realEngine(): Promise<Engine> {
  real ??= buildIndex(filesFrom({ '': CORPUS, real: SHARED_REAL }));
  return real;
}

/** The in-memory lists of an engine built in this process (FlexSearch and the bigram index). */
export function memory(engine: Engine): MemoryRetrieval {
  if (!(engine.retrieval instanceof MemoryRetrieval)) throw new Error('tests: this engine keeps its lists in PostgreSQL, not in memory');
  return engine.retrieval;
}

/** A document's text, fetched as a response fetches it (a server on PostgreSQL holds none). */
export async function documentText(engine: Engine, doc: number): Promise<string> {
  return (await engine.texts.fetch([doc])).text(doc);
}
