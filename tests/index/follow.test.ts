// A server's engine following its corpus folder (embedded/follow.ts): a
// transcript dropped in, changed or deleted is answered without a restart,
// and an update another process wrote is picked up from the manifest.

import { rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/index/engine.js';
import { followCorpus, type Follower } from '../../src/index/embedded/follow.js';
import { indexEmbedded, openIndex } from '../../src/index/embedded/openIndex.js';
import { readManifest } from '../../src/index/embedded/store.js';
import { search } from '../../src/search/search.js';
import { seedAndFixturesCopy } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';
import { aliasCorpus } from './aliasCorpus.js';

const NEW = '2024年3月1日外交部发言人毛宁主持例行记者会\n路透社记者：关于𠮷野家的事？\n毛宁：我们欢迎外国企业来华投资兴业，继续扩大高水平对外开放。\n';

let follower: Follower | null = null;
/** What the follower reported; a test fails on any (a change it could not take). */
const errors: unknown[] = [];
afterEach(async () => {
  await follower?.stop();
  follower = null;
  expect(errors.splice(0)).toEqual([]);
});

async function served(corpus: string, index: string, watch: boolean): Promise<Follower> {
  const { engine, state } = await openIndex(corpus, index, { querySegmenter: 'worker' });
  follower = followCorpus({ corpusDir: corpus, indexDir: index }, engine, state, { intervalMs: 0, watch, onError: (err) => errors.push(err) });
  return follower;
}

const total = async (e: Engine, q: string) => (await search(e, { q })).total;

/** Polls until `ok`; how long it took. */
async function waitFor(ok: () => Promise<boolean> | boolean, what: string, timeoutMs = 15_000): Promise<number> {
  const t0 = Date.now();
  while (!(await ok())) {
    if (Date.now() - t0 > timeoutMs) throw new Error(`${what}: not so after ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 25));
  }
  return Date.now() - t0;
}

/** Polls until the engine the follower serves answers `q` with `n` passages. */
const until = (f: Follower, q: string, n: number) => waitFor(async () => (await total(f.current(), q)) === n, `"${q}" answers ${n}`);

describe('a server following its corpus folder', () => {
  it('answers a transcript dropped into the folder, without a restart, and writes it to the index as a part', async () => {
    const corpus = seedAndFixturesCopy('follow');
    const index = tempDir('follow-index');
    const f = await served(corpus, index, true);
    const old = f.current();
    expect(await total(old, '"继续扩大高水平对外开放"')).toBe(0);
    writeFileSync(path.join(corpus, 'mfa', 'new.txt'), NEW);
    const ms = await until(f, '"继续扩大高水平对外开放"', 1);
    console.log(`follow: a dropped transcript was answered after ${ms} ms`);
    const hit = (await search(f.current(), { q: '"继续扩大高水平对外开放"' })).hits[0]!;
    expect(hit.speaker?.name).toBe('毛宁');
    expect(readManifest(index).parts.at(-1)!.documents).toEqual(['mfa/new.txt']);
    // The engine it replaced still answers as it did, for the requests that hold it.
    expect(await total(old, '"继续扩大高水平对外开放"')).toBe(0);
  });

  it('drops a deleted transcript and replaces a changed one', async () => {
    const corpus = seedAndFixturesCopy('follow');
    const index = tempDir('follow-index');
    writeFileSync(path.join(corpus, 'mfa', 'new.txt'), NEW);
    const f = await served(corpus, index, true);
    expect(await total(f.current(), '"继续扩大高水平对外开放"')).toBe(1);
    writeFileSync(path.join(corpus, 'mfa', 'new.txt'), NEW.replace('继续扩大高水平对外开放', '稳步扩大制度型开放'));
    await until(f, '"稳步扩大制度型开放"', 1);
    expect(await total(f.current(), '"继续扩大高水平对外开放"')).toBe(0);
    rmSync(path.join(corpus, 'mfa', 'new.txt'));
    await until(f, '"稳步扩大制度型开放"', 0);
    expect(f.current().docs.map((d) => d.path)).not.toContain('mfa/new.txt');
  });

  it('joins names written into aliases.tsv and takes short forms added to synonyms.tsv, while serving', async () => {
    const c = aliasCorpus();
    const f = await served(c.corpus, tempDir('follow-index'), true);
    expect(f.current().speakers.get('张晓东')!.aliases).toEqual(['張曉東']);
    writeFileSync(path.join(c.corpus, 'aliases.tsv'), '张晓东\t张小东\n');
    writeFileSync(path.join(c.corpus, 'synonyms.tsv'), '消费券\t消费补贴券\n');
    await waitFor(() => f.current().speakers.get('张晓东')!.aliases!.includes('张小东'), '张小东 joined to 张晓东');
    expect(f.current().speakers.get('张晓东')!.aliases).toEqual(expect.arrayContaining(['張曉東', '张小东']));
    expect(f.current().synonymGroups).toEqual([['消费券', '消费补贴券']]);
    c.remove();
  });

  it('waits while another writer holds the index lock, without reporting it, then writes the update', async () => {
    const corpus = seedAndFixturesCopy('follow');
    const index = tempDir('follow-index');
    const f = await served(corpus, index, true);
    // A live process other than this one holds the lock (a "huayu index" running).
    writeFileSync(path.join(index, 'write.lock'), String(process.ppid));
    writeFileSync(path.join(corpus, 'mfa', 'new.txt'), NEW);
    await new Promise((r) => setTimeout(r, 700));
    expect(await total(f.current(), '"继续扩大高水平对外开放"')).toBe(0);
    rmSync(path.join(index, 'write.lock'));
    await until(f, '"继续扩大高水平对外开放"', 1);
  });

  it('reads the part an update by another writer ("huayu index") added, from the manifest', async () => {
    const corpus = seedAndFixturesCopy('follow');
    const index = tempDir('follow-index');
    const f = await served(corpus, index, false);
    writeFileSync(path.join(corpus, 'mfa', 'new.txt'), NEW);
    const { updated } = await indexEmbedded(corpus, index);
    expect(updated?.documents.map((d) => d.path)).toEqual(['mfa/new.txt']);
    expect(await f.refresh()).toBe(true);
    expect(await total(f.current(), '"继续扩大高水平对外开放"')).toBe(1);
    // Nothing changed since: nothing is composed again.
    expect(await f.refresh()).toBe(false);
  });
});
