import { appendFileSync, cpSync, readdirSync, readFileSync, utimesSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { openIndex } from '../../src/index/embedded/openIndex.js';
import { loadIndex } from '../../src/index/embedded/store.js';
import { readTexts, writeTexts } from '../../src/index/embedded/texts.js';
import { scanCorpus } from '../../src/ingest/readCorpus.js';
import { search } from '../../src/search/search.js';
import { CORPUS, FIXTURES } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';
import { heldTexts, MemoryTexts } from '../../src/index/texts.js';
import { heldBodies } from '../../src/index/bodies.js';
import { passagesOfDocument } from '../../src/index/engine.js';

function tempCorpus(): { corpus: string; index: string } {
  const root = tempDir('store');
  const corpus = path.join(root, 'corpus');
  cpSync(CORPUS, corpus, { recursive: true });
  return { corpus, index: path.join(root, 'index') };
}

/** An index built from a copy of the corpus, and the path of one of its part's files. */
async function builtIndexFile(name: string): Promise<{ corpus: string; index: string; file: string }> {
  const { corpus, index } = tempCorpus();
  await openIndex(corpus, index);
  const gen = readdirSync(index).find((f) => f.startsWith('gen-'))!;
  return { corpus, index, file: path.join(index, gen, name) };
}

const editManifest = (index: string, edit: (m: Record<string, unknown>) => void) => {
  const file = path.join(index, 'manifest.json');
  const m = JSON.parse(readFileSync(file, 'utf8'));
  edit(m);
  writeFileSync(file, JSON.stringify(m));
};

describe('openIndex', () => {
  it('builds a missing index, then loads it as it is', async () => {
    const { corpus, index } = tempCorpus();
    const first = await openIndex(corpus, index);
    expect(first.rebuilt?.code).toBe('INDEX_NOT_FOUND');
    const second = await openIndex(corpus, index);
    expect(second.rebuilt).toBeNull();
    expect((await search(second.engine, { q: '夜间经济' })).hits.map((h) => h.id)).toEqual((await search(first.engine, { q: '夜间经济' })).hits.map((h) => h.id));
  });

  it('gives the loaded index the same results as the freshly built one, on every query of a set', async () => {
    const { corpus, index } = tempCorpus();
    const built = (await openIndex(corpus, index)).engine;
    const loaded = (await openIndex(corpus, index)).engine;
    for (const q of ['营商环境', '"优化营商环境"', '招商', '49.58%', '營商環境 张掖', '减税降费']) {
      expect((await search(loaded, { q, limit: 100 })).hits).toEqual((await search(built, { q, limit: 100 })).hits);
    }
  });

  it('opens every document and passage as it was built, field for field and in the same key order', async () => {
    const { corpus, index } = tempCorpus();
    cpSync(path.join(FIXTURES, 'layouts'), path.join(corpus, 'layouts'), { recursive: true, filter: (f) => !f.endsWith('.md') });
    const built = (await openIndex(corpus, index)).engine;
    const loaded = (await openIndex(corpus, index)).engine;
    expect(loaded.passages.length).toBeGreaterThan(100);
    expect(JSON.stringify(loaded.passages)).toBe(JSON.stringify(built.passages));
    // The same documents, their passages counted from firstOf, and each document's passages read through it.
    const withoutPassages = (e: typeof built) => JSON.stringify(e.docs.map((d, i) => ({ ...d, passages: e.firstOf[i + 1]! - e.firstOf[i]! })));
    expect(withoutPassages(loaded)).toBe(withoutPassages(built));
    expect(loaded.docs.flatMap((_, i) => passagesOfDocument(loaded, i))).toEqual([...loaded.passages]);
    expect(heldBodies(loaded.bodies).all).toEqual(heldBodies(built.bodies).all);
    // Each document's details (roster, turn report, metadata lines), read from their own file when asked for.
    expect((loaded.texts as MemoryTexts).table.length).toBe(built.docs.length);
    const details = (e: typeof built) => JSON.stringify(e.docs.map((_, i) => heldTexts(e.texts).details(i)));
    expect(details(loaded)).toBe(details(built));
  });

  it('names a details file whose table does not match its documents (INDEX_CORRUPT) when it opens, not when a document is viewed', async () => {
    const { corpus, index, file } = await builtIndexFile('details.bin');
    const bytes = readFileSync(file);
    // The document count in the header, one more than there are: the table no longer matches the file's length.
    bytes.writeUInt32LE(bytes.readUInt32LE(8) + 1, 8);
    writeFileSync(file, bytes);
    await expect(loadIndex(index, scanCorpus(corpus))).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('details.bin') });
  });

  it('names a passage file whose values are not in the catalog (INDEX_CORRUPT)', async () => {
    const { corpus, index, file } = await builtIndexFile('passages.bin');
    const bytes = readFileSync(file);
    // The first passage's kind (header of 4 numbers, then the doc and n columns of every passage).
    const passages = bytes.readUInt32LE(8);
    bytes.writeUInt32LE(999_999, (4 + 2 * passages) * 4);
    writeFileSync(file, bytes);
    await expect(loadIndex(index, scanCorpus(corpus))).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('passages.bin: kind 999999') });
  });

  it('reads no unchanged transcript on open: the texts come from the index, so offsets refer to what was indexed', async () => {
    const { corpus, index } = tempCorpus();
    const file = path.join(corpus, 'zhangye-2024-01-15.txt');
    // A whole second, which the file system keeps exactly.
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    await openIndex(corpus, index);
    const original = readFileSync(file);
    // The same size and modification time, other bytes: as git does, the file is taken to be unchanged.
    writeFileSync(file, Buffer.alloc(original.length, 0x61));
    utimesSync(file, 1_700_000_000, 1_700_000_000);
    const again = await openIndex(corpus, index);
    expect(again.rebuilt).toBeNull();
    expect(heldTexts(again.engine.texts).text(0)).toBe(original.toString('utf8'));
  });

  it('keeps every UTF-16 unit of a text, astral characters and lone surrogates included', () => {
    const texts = ['𠮷野家说：“今天”', '', 'a\ud842b', '營商環境'.repeat(1000)];
    expect(readTexts(writeTexts(texts), 'memory')).toEqual(texts);
    expect(() => readTexts(writeTexts(texts).subarray(0, 40), '/some/index')).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
  });

  it('updates when a transcript changed (INDEX_STALE)', async () => {
    const { corpus, index } = tempCorpus();
    await openIndex(corpus, index);
    appendFileSync(path.join(corpus, 'zhangye-2024-01-15.txt'), '\n补充说明:新增一段关于冰雪经济的文字。\n');
    const again = await openIndex(corpus, index);
    expect(again.rebuilt?.code).toBe('INDEX_STALE');
    expect((await search(again.engine, { q: '冰雪经济' })).total).toBe(1);
  });

  it('rebuilds an index built by another analyzer version (INDEX_ANALYZER_MISMATCH)', async () => {
    const { corpus, index } = tempCorpus();
    await openIndex(corpus, index);
    editManifest(index, (m) => (m.analyzerVersion = -1));
    expect((await openIndex(corpus, index)).rebuilt?.code).toBe('INDEX_ANALYZER_MISMATCH');
  });

  it('names a foreign format on load (INDEX_FORMAT_MISMATCH)', async () => {
    const { corpus, index } = tempCorpus();
    await openIndex(corpus, index);
    editManifest(index, (m) => (m.formatVersion = 99));
    await expect(loadIndex(index, scanCorpus(corpus))).rejects.toMatchObject({ code: 'INDEX_FORMAT_MISMATCH' });
  });

  it('names a truncated index file (INDEX_CORRUPT) before parsing it, and rebuilds', async () => {
    const { corpus, index, file } = await builtIndexFile('bigrams.bin');
    writeFileSync(file, readFileSync(file).subarray(0, 100));
    await expect(loadIndex(index, scanCorpus(corpus))).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('bigrams.bin') });
    expect((await openIndex(corpus, index)).rebuilt?.code).toBe('INDEX_CORRUPT');
  });

  it('names a list file damaged inside, same size (INDEX_CORRUPT from the decoding thread), and rebuilds', async () => {
    const { corpus, index, file } = await builtIndexFile('lists.bin');
    const bytes = readFileSync(file);
    bytes[bytes.length - 1]! |= 0x80;
    writeFileSync(file, bytes);
    await expect(loadIndex(index, scanCorpus(corpus))).rejects.toMatchObject({ code: 'INDEX_CORRUPT', message: expect.stringContaining('lists.bin') });
    expect((await openIndex(corpus, index)).rebuilt?.code).toBe('INDEX_CORRUPT');
  });

  it('names an unreadable manifest (INDEX_CORRUPT) and rebuilds', async () => {
    const { corpus, index } = tempCorpus();
    await openIndex(corpus, index);
    writeFileSync(path.join(index, 'manifest.json'), '{"formatVersion": 1, ');
    await expect(loadIndex(index, scanCorpus(corpus))).rejects.toMatchObject({ code: 'INDEX_CORRUPT' });
    expect((await openIndex(corpus, index)).rebuilt?.code).toBe('INDEX_CORRUPT');
  });
});
