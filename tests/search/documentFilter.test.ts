// The document filter (?doc=…), on either store: a document's passages are numbered in a row from its
// first, which every engine holds (Engine.firstOf), so no store is asked for them.

import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { openIndex } from '../../src/index/embedded/openIndex.js';
import { readManifest } from '../../src/index/embedded/store.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { inlineSegmenter } from '../../src/analysis/segmenter.js';
import { loadFromPostgres } from '../../src/index/postgres/store.js';
import { search } from '../../src/search/search.js';
import { CORPUS, FIXTURES, filesFrom, seedAndFixturesCopy, seededDatabase, TEST_STORE } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

const files = () => filesFrom({ '': CORPUS, mfa: path.join(FIXTURES, 'mfa') });

let engine: Engine;
beforeAll(async () => {
  engine =
    TEST_STORE === 'postgres'
      ? await loadFromPostgres(await seededDatabase(inject('postgresUrl'), `huayu_docfilter_${process.pid}_${Date.now().toString(36)}`, files()), inlineSegmenter([]))
      : await buildIndex(files(), { threads: 0 });
});
afterAll(() => engine?.close());

const ALL = 100_000;
const idsOf = async (req: Parameters<typeof search>[1]) => (await search(engine, { limit: ALL, ...req })).hits.map((h) => h.id);

/** The numbers of document d's passages, found by each passage's own document (docOf) rather than the range. */
const passagesOf = (e: Engine, d: number) => Array.from({ length: e.passages.length }, (_, g) => g).filter((g) => e.docOf[g] === d);

/** Each document alone: exactly its passages, whose own document is the one asked for. */
async function expectEachDocumentAlone(e: Engine): Promise<void> {
  expect(e.docs.length).toBeGreaterThan(5);
  for (const [d, doc] of e.docs.entries()) {
    const res = await search(e, { q: '', doc: doc.id, limit: ALL });
    expect(res.total, doc.id).toBe(passagesOf(e, d).length);
    expect(new Set(res.hits.map((h) => h.doc.id)), doc.id).toEqual(new Set([doc.id]));
    expect(res.hits.length, doc.id).toBe(res.total);
  }
}

describe('the document filter', () => {
  it("keeps exactly a document's passages, browsing: every document, its own passages and no other's", async () => {
    await expectEachDocumentAlone(engine);
  });

  it('keeps the matches of a query that are in the document, and passes over the others', async () => {
    const everywhere = (await search(engine, { q: '中方', limit: ALL })).hits;
    const docs = new Set(everywhere.map((h) => h.doc.id));
    expect(docs.size).toBeGreaterThan(3);
    for (const id of docs) {
      const inDoc = everywhere.filter((h) => h.doc.id === id).map((h) => h.id);
      expect((await idsOf({ q: '中方', doc: id })).sort(), id).toEqual(inDoc.sort());
    }
  });

  it('combines with a speaker and a kind, and answers nothing for an unknown document', async () => {
    const answers = (await search(engine, { q: '中方', kind: 'answer', limit: ALL })).hits;
    const h = answers.find((x) => x.speaker);
    expect(h).toBeDefined();
    const ids = await idsOf({ q: '中方', kind: 'answer', speaker: h!.speaker!.name, doc: h!.doc.id });
    expect(ids).toContain(h!.id);
    expect(ids.length).toBe(answers.filter((x) => x.doc.id === h!.doc.id && x.speaker?.name === h!.speaker!.name).length);
    expect((await search(engine, { q: '', doc: 'no-such-document' })).total).toBe(0);
    expect((await search(engine, { q: '中方', doc: 'no-such-document' })).total).toBe(0);
  });

  it.skipIf(TEST_STORE === 'postgres')('keeps each document its own passages in an index of two parts, one document written again in the second', async () => {
    const corpus = seedAndFixturesCopy('docfilter');
    const index = tempDir('docfilter-index');
    await openIndex(corpus, index);
    // The seed written again, a paragraph longer: its passages now come after every other document's.
    const seed = path.join(corpus, 'zhangye-2024-01-15.txt');
    writeFileSync(seed, `${readFileSync(seed, 'utf8')}\n主持人：今天的发布会到此结束。\n`);
    const { engine: updated } = await openIndex(corpus, index);
    expect(readManifest(index).parts.length).toBe(2);
    expect(updated.docs.length).toBe(engine.docs.length);
    await expectEachDocumentAlone(updated);
  });
});
