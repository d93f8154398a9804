// An index opened from disk answers from its own word and tag lists, not from
// FlexSearch: the same passages in the same order as the FlexSearch it was built with.

import { beforeAll, describe, expect, it } from 'vitest';
import { indexTokens } from '../../src/analysis/tokenize.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import { loadIndex, saveIndex } from '../../src/index/embedded/store.js';
import { decodeLists, listsFrom, serializeLists, TAG_FIELDS, type ListKeys, type Lists } from '../../src/index/embedded/postings.js';
import type { TagField } from '../../src/index/retrieval.js';
import type { Engine } from '../../src/index/engine.js';
import { readCorpus, scanCorpus } from '../../src/ingest/readCorpus.js';
import { random } from '../../bench/random.js';
import { bodyOf, memory, seedAndFixturesCopy } from '../helpers/corpora.js';
import { tempDir } from '../helpers/tempDir.js';

let built: Engine;
let opened: Engine;

beforeAll(async () => {
  const corpus = seedAndFixturesCopy('postings-corpus');
  built = await buildIndex(readCorpus(corpus), { threads: 0 });
  const index = tempDir('postings-index');
  await saveIndex(index, built);
  opened = await loadIndex(index, scanCorpus(corpus));
}, 120_000);

describe('word and tag lists of an opened index', () => {
  it('holds no FlexSearch: it answers from the lists it read', () => {
    expect(memory(opened).index).toBeNull();
    expect(memory(built).index).not.toBeNull();
  });

  it('gives the same passages in the same order as FlexSearch at build, for words of one passage, of two, and absent ones', async () => {
    const rand = random(99);
    const vocabulary = [...built.passages].map((p) => indexTokens(bodyOf(built, p))).filter((v) => v.length > 0);
    const pick = <T>(xs: readonly T[]): T => xs[Math.floor(rand() * xs.length)]!;
    let nonEmpty = 0;
    for (let i = 0; i < 2000; i++) {
      const own = pick(vocabulary);
      const terms = Array.from({ length: 1 + Math.floor(rand() * 3) }, () => pick(own));
      if (rand() < 0.2) terms.push(pick(pick(vocabulary)));
      if (rand() < 0.05) terms.push('不在索引里的词');
      const [a, b] = await Promise.all([built.retrieval.wordMatches(terms), opened.retrieval.wordMatches(terms)]);
      expect(Array.from(b), terms.join(' ')).toEqual(Array.from(a));
      if (a.length > 1) nonEmpty++;
    }
    // Most of them had several passages to put in order.
    expect(nonEmpty).toBeGreaterThan(500);
  });

  it('gives every tag value the same passages', async () => {
    const keys = memory(built).lists.keys();
    let values = 0;
    for (const field of TAG_FIELDS) {
      for (const value of keys.tags[field]) {
        expect(Array.from(await opened.retrieval.tagged(field, value)), `${field}=${value}`).toEqual(Array.from(await built.retrieval.tagged(field, value)));
        values++;
      }
      expect(Array.from(await opened.retrieval.tagged(field, '没有这个值'))).toEqual([]);
    }
    expect(values).toBeGreaterThan(100);
  });

  it('reads back every list it wrote, slot by slot and tag by tag', () => {
    const lists = memory(built).lists;
    const keys = lists.keys();
    const again = listsFrom(decodeLists(serializeLists(lists, keys)), keys);
    // FlexSearch leaves the slots after a term's last one out; ours are all there, empty ones undefined.
    const plain = (slots: ReadonlyArray<ArrayLike<number> | undefined> | undefined) =>
      slots && Array.from({ length: lists.words.resolution }, (_, y) => (slots[y]?.length ? Array.from(slots[y]!) : null));
    for (const term of keys.terms) expect(plain(again.words.slots(term)), term).toEqual(plain(lists.words.slots(term)));
    for (const f of TAG_FIELDS) for (const v of keys.tags[f]) expect(Array.from(again.tagged(f, v))).toEqual(Array.from(lists.tagged(f, v)));
  });

  it("reads the lists of a part an earlier version wrote with a 'doc' field, and passes that field over", () => {
    // Until documents were filtered from the engine (Engine.firstOf), a part listed each document's passages too.
    const lists = memory(built).lists;
    const keys = lists.keys();
    const docs = built.docs.map((d) => d.id);
    const ranges = (id: string) => {
      const d = built.docById.get(id)!;
      return Uint32Array.from({ length: built.firstOf[d + 1]! - built.firstOf[d]! }, (_, i) => built.firstOf[d]! + i);
    };
    const earlier = { ...lists, tagged: (f: string, v: string) => (f === 'doc' ? ranges(v) : lists.tagged(f as TagField, v)) } as Lists;
    const earlierKeys = { terms: keys.terms, tags: { ...keys.tags, doc: docs } } as ListKeys;
    const read = listsFrom(decodeLists(serializeLists(earlier, earlierKeys)), earlierKeys);
    expect(docs.length).toBeGreaterThan(5);
    for (const f of TAG_FIELDS) {
      expect(keys.tags[f].length).toBeGreaterThan(0);
      for (const v of keys.tags[f]) expect(Array.from(read.tagged(f, v)), `${f}=${v}`).toEqual(Array.from(lists.tagged(f, v)));
    }
    // What it names as its keys, and a merge or a new part writes, is this version's fields.
    expect(Object.keys(read.keys().tags)).toEqual([...TAG_FIELDS]);
  });

  it('names a damaged list file (INDEX_CORRUPT, lists.bin)', () => {
    const lists = memory(built).lists;
    const keys = lists.keys();
    const bytes = Buffer.from(serializeLists(lists, keys));
    const cut = Buffer.from(bytes);
    // The last byte of the last list: a continuation bit runs it past the end of the file.
    cut[cut.length - 1]! |= 0x80;
    expect(() => decodeLists(cut, '/some/index')).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringContaining('lists.bin') }));
    expect(() => decodeLists(bytes.subarray(0, 30), '/some/index')).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
    // Lists that do not belong to the terms of lists.json.
    expect(() => listsFrom(decodeLists(bytes), { ...keys, terms: keys.terms.slice(1) }, '/some/index')).toThrow(/do not match lists\.json/u);
  });
});
