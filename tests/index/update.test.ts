// A corpus that changes: what changed is written as a new part of the index
// (update.ts), never a rebuild, and the index of several parts answers as a
// rebuild of the same corpus does.

import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import type { Engine } from '../../src/index/engine.js';
import { indexEmbedded, openIndex, rebuildIndex } from '../../src/index/embedded/openIndex.js';
import { readManifest } from '../../src/index/embedded/store.js';
import { withIndexLock } from '../../src/index/embedded/lock.js';
import { planUpdate } from '../../src/index/embedded/update.js';
import { MERGE_AT } from '../../src/index/embedded/merge.js';
import { scanCorpus } from '../../src/ingest/readCorpus.js';
import { checkQuote } from '../../src/quote/quote.js';
import { listSpeakers } from '../../src/search/catalog.js';
import { search } from '../../src/search/search.js';
import { SEED, seedAndFixturesCopy } from '../helpers/corpora.js';
import { QUERIES } from '../helpers/querySet.js';
import { tempDir } from '../helpers/tempDir.js';
import { heldTexts } from '../../src/index/texts.js';

const ADDED = 'fyrbt-100.txt';

/** Seed and the MFA fixtures but one; that one is kept aside to be added. */
function corpusWithoutOne(): { corpus: string; index: string; aside: string } {
  const corpus = seedAndFixturesCopy('update');
  const aside = path.join(tempDir('aside'), ADDED);
  copyFileSync(path.join(corpus, 'mfa', ADDED), aside);
  rmSync(path.join(corpus, 'mfa', ADDED));
  return { corpus, index: tempDir('update-index'), aside };
}

/** Every query of the set, whole: its total and the passages it finds (as ids, in any order), its facets. */
async function answers(engine: Engine) {
  return Promise.all(
    QUERIES.map(async (r) => {
      const res = await search(engine, { ...r, limit: 100, offset: 0 });
      return { q: r, total: res.total, ids: res.hits.map((h) => h.id).sort(), facets: res.facets };
    }),
  );
}

const sortedSpeakers = (e: Engine) =>
  listSpeakers(e)
    .map((s) => ({ ...s, documents: [...s.documents].sort() }))
    .sort((a, b) => a.name.localeCompare(b.name));

describe('an index that follows its corpus by parts', () => {
  it('writes an added transcript as a new part, reading and analyzing nothing else, and answers as a rebuild does', async () => {
    const { corpus, index, aside } = corpusWithoutOne();
    await openIndex(corpus, index);
    const before = readManifest(index);
    const first = before.parts[0]!.generation;
    copyFileSync(aside, path.join(corpus, 'mfa', ADDED));
    // Only the new file is read: the others' sizes and times are as recorded.
    expect(planUpdate(before, scanCorpus(corpus)).read.map((f) => f.path)).toEqual([`mfa/${ADDED}`]);
    const { engine, rebuilt, updated } = await openIndex(corpus, index);
    expect(rebuilt?.code).toBe('INDEX_STALE');
    expect(updated?.map((d) => d.path)).toEqual([`mfa/${ADDED}`]);
    const manifest = readManifest(index);
    expect(manifest.parts.map((p) => p.generation)[0]).toBe(first);
    expect(manifest.parts[1]!.documents).toEqual([`mfa/${ADDED}`]);

    const whole = await rebuildIndex(corpus, tempDir('update-rebuilt'));
    expect(engine.passages.length).toBe(whole.passages.length);
    expect(await answers(engine)).toEqual(await answers(whole));
    expect(sortedSpeakers(engine)).toEqual(sortedSpeakers(whole));
    expect(Object.fromEntries(engine.topics)).toEqual(Object.fromEntries(whole.topics));
    await Promise.all([engine.close(), whole.close()]);
  });

  it('replaces a changed transcript and removes a deleted one: their old passages, speakers and facets are gone', async () => {
    const { corpus, index } = corpusWithoutOne();
    await openIndex(corpus, index);
    const changed = path.join(corpus, 'mfa', 'fyrbt-003.txt');
    const text = readFileSync(changed, 'utf8');
    // A sentence of the answer, rewritten in its middle.
    const answer = text.split('\n').find((l) => l.includes('答：'))!;
    const sentence = answer.slice(answer.indexOf('答：') + 2, answer.indexOf('答：') + 22);
    const rewritten = `${sentence.slice(0, 4)}已经改写的一句话`;
    writeFileSync(changed, text.replace(sentence, rewritten));
    const deleted = readdirSync(path.join(corpus, 'mfa')).find((f) => f.startsWith('rssmaker'))!;
    rmSync(path.join(corpus, 'mfa', deleted));

    const { engine } = await openIndex(corpus, index);
    const manifest = readManifest(index);
    expect(manifest.parts).toHaveLength(2);
    expect(manifest.removed).toHaveLength(2);
    expect(engine.docs.map((d) => d.path)).not.toContain(`mfa/${deleted}`);
    expect(engine.docs.filter((d) => d.path === 'mfa/fyrbt-003.txt')).toHaveLength(1);
    expect((await checkQuote(engine, { text: sentence, baseUrl: 'http://x' })).found).toBe(false);
    expect((await checkQuote(engine, { text: rewritten, baseUrl: 'http://x' })).found).toBe(true);
    const deletedId = `mfa.${deleted.replace(/\.txt$/u, '')}`;
    expect((await search(engine, { q: '', doc: deletedId })).total).toBe(0);

    const whole = await rebuildIndex(corpus, tempDir('update-rebuilt'));
    expect(await answers(engine)).toEqual(await answers(whole));
    expect(sortedSpeakers(engine)).toEqual(sortedSpeakers(whole));
    await Promise.all([engine.close(), whole.close()]);
  });

  it('leaves a transcript refused for its size unread while it stays too large, and reads it once a raised limit admits it', async () => {
    const { corpus, index } = corpusWithoutOne();
    // Every transcript of the corpus fits; big.txt does not.
    const limits = { maxBytes: Math.max(...scanCorpus(corpus).map((e) => e.bytes)) };
    writeFileSync(path.join(corpus, 'big.txt'), `${readFileSync(SEED, 'utf8')}\n`.repeat(Math.ceil(limits.maxBytes / readFileSync(SEED).length) + 1));
    await openIndex(corpus, index, { threads: 0, limits });
    const manifest = readManifest(index);
    expect(manifest.refused.map((r) => [r.path, r.code])).toEqual([['big.txt', 'FILE_TOO_LARGE']]);
    // Unchanged: nothing to read, so a following server does not update (it rewrote its manifest every check).
    expect(planUpdate(manifest, scanCorpus(corpus), limits)).toMatchObject({ differs: false, read: [] });
    const again = await openIndex(corpus, index, { threads: 0, limits });
    expect(again.rebuilt).toBeNull();
    const raised = planUpdate(manifest, scanCorpus(corpus), { maxBytes: limits.maxBytes * 2 });
    expect(raised.read.map((f) => f.path)).toEqual(['big.txt']);
  });

  it('cites a quote of an added transcript in code points, after a character outside the BMP', async () => {
    const { corpus, index } = corpusWithoutOne();
    await openIndex(corpus, index);
    const text = '2024年3月1日外交部发言人毛宁主持例行记者会\n路透社记者：𠮷野家的事？\n毛宁：我们欢迎𠮷野家来华投资兴业。\n';
    writeFileSync(path.join(corpus, 'yoshinoya.txt'), text);
    const { engine } = await openIndex(corpus, index);
    expect(readManifest(index).parts).toHaveLength(2);
    const m = (await checkQuote(engine, { text: '欢迎𠮷野家来华投资', baseUrl: 'http://x' })).matches[0]!;
    expect([...text].slice(m.start, m.end).join('')).toBe('欢迎𠮷野家来华投资');
    expect(m.speaker?.name).toBe('毛宁');
    await engine.close();
  });

  it('opens an index of several parts after a restart as it was composed, reading no transcript', async () => {
    const { corpus, index, aside } = corpusWithoutOne();
    await openIndex(corpus, index);
    copyFileSync(aside, path.join(corpus, 'mfa', ADDED));
    const { engine: composed } = await openIndex(corpus, index);
    const { engine: reopened, rebuilt } = await openIndex(corpus, index);
    expect(rebuilt).toBeNull();
    expect(await answers(reopened)).toEqual(await answers(composed));
    expect(reopened.docs.map((_, i) => heldTexts(reopened.texts).text(i))).toEqual(composed.docs.map((_, i) => heldTexts(composed.texts).text(i)));
    await Promise.all([composed.close(), reopened.close()]);
  });

  it('merges the parts into one on "huayu index --full", deleting the folders of the others', async () => {
    const { corpus, index, aside } = corpusWithoutOne();
    await openIndex(corpus, index);
    copyFileSync(aside, path.join(corpus, 'mfa', ADDED));
    const { updated } = await indexEmbedded(corpus, index);
    expect(updated?.documents.map((d) => d.path)).toEqual([`mfa/${ADDED}`]);
    expect(readManifest(index).parts).toHaveLength(2);
    const { engine } = await indexEmbedded(corpus, index, { full: true });
    const parts = readManifest(index).parts;
    expect(parts).toHaveLength(1);
    expect(readdirSync(index).filter((f) => f.startsWith('gen-'))).toEqual([parts[0]!.generation]);
    await engine?.close();
  });

  it(`merges the later parts into one once there are ${MERGE_AT}, analyzing nothing again, and still answers as a rebuild does`, async () => {
    const { corpus, index } = corpusWithoutOne();
    await openIndex(corpus, index);
    const briefing = (i: number) =>
      `2024年3月${i + 1}日外交部发言人毛宁主持例行记者会\n路透社记者：第${i}个问题关于合作。\n毛宁：中方愿同各方加强合作，这是第${i}次回答。\n`;
    const counts: number[] = [];
    let analyzed: string[] = [];
    for (let i = 0; i < MERGE_AT; i++) {
      writeFileSync(path.join(corpus, `added-${i}.txt`), briefing(i));
      // Along the way: an added transcript changed, one deleted, one transcript of the first part changed.
      if (i === 3) writeFileSync(path.join(corpus, 'added-1.txt'), briefing(1).replace('加强合作', '深化合作'));
      if (i === 4) rmSync(path.join(corpus, 'added-2.txt'));
      if (i === 5) writeFileSync(path.join(corpus, 'mfa', 'fyrbt-004.txt'), readFileSync(path.join(corpus, 'mfa', 'fyrbt-004.txt'), 'utf8') + '\n补充：本段为更新后新增。\n');
      const { updated } = await indexEmbedded(corpus, index);
      expect(updated).not.toBeNull();
      // What this update took away: the old versions of changed transcripts and the deleted one.
      expect(updated!.removed, `update ${i}`).toBe(i === 3 || i === 4 || i === 5 ? 1 : 0);
      analyzed = updated!.documents.map((d) => d.path);
      counts.push(readManifest(index).parts.length);
    }
    // The update that merged analyzed its own transcript only.
    expect(analyzed).toEqual([`added-${MERGE_AT - 1}.txt`]);
    // One more part each time, until the later ones were merged into one.
    expect(counts).toEqual([2, 3, 4, 5, 6, 7, 8, 2]);
    const manifest = readManifest(index);
    expect(manifest.removed.every(([k]) => k === 0)).toBe(true);
    expect(manifest.parts[1]!.documents.sort()).toEqual(['added-0.txt', 'added-1.txt', 'added-3.txt', 'added-4.txt', 'added-5.txt', 'added-6.txt', 'added-7.txt', 'mfa/fyrbt-004.txt']);
    expect(readdirSync(index).filter((f) => f.startsWith('gen-')).sort()).toEqual(manifest.parts.map((p) => p.generation).sort());

    const { engine, rebuilt } = await openIndex(corpus, index);
    expect(rebuilt).toBeNull();
    const whole = await rebuildIndex(corpus, tempDir('update-rebuilt'));
    expect(await answers(engine)).toEqual(await answers(whole));
    for (const q of ['"深化合作"', '"加强合作"', '"第2次回答"', '"本段为更新后新增"']) {
      expect((await search(engine, { q })).total, q).toBe((await search(whole, { q })).total);
    }
    expect((await search(engine, { q: '"深化合作，这是第1次回答"' })).total).toBe(1);
    expect((await search(engine, { q: '"加强合作，这是第1次回答"' })).total).toBe(0);
    await Promise.all([engine.close(), whole.close()]);
  });

  it('refuses a second writer while a live process holds the lock (INDEX_BUSY), and takes over the lock of a dead one', async () => {
    const index = tempDir('lock');
    const holder = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' });
    const deadPid = Number(holder.stdout);
    writeFileSync(path.join(index, 'write.lock'), String(process.ppid));
    await expect(withIndexLock(index, async () => 'written')).rejects.toMatchObject({ code: 'INDEX_BUSY' });
    writeFileSync(path.join(index, 'write.lock'), String(deadPid));
    await expect(withIndexLock(index, async () => 'written')).resolves.toBe('written');
    expect(existsSync(path.join(index, 'write.lock'))).toBe(false);
  });
});
