// A search with filters and no words: every passage the filters let through.

import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine, IndexedPassage } from '../../src/index/engine.js';
import { search } from '../../src/search/search.js';
import { CORPUS, FIXTURES, filesFrom } from '../helpers/corpora.js';

let engine: Engine;
beforeAll(async () => {
  engine = await buildIndex(filesFrom({ '': CORPUS, mfa: path.join(FIXTURES, 'mfa') }), { threads: 0 });
});

const idOf = (g: number) => `${engine.docs[engine.passages.at(g)!.doc]!.id}:p${engine.passages.at(g)!.n}`;

async function all(req: Parameters<typeof search>[1]) {
  const first = await search(engine, { ...req, limit: 100 });
  const ids = first.hits.map((h) => h.id);
  for (let offset = 100; offset < first.total; offset += 100) ids.push(...(await search(engine, { ...req, limit: 100, offset })).hits.map((h) => h.id));
  return { total: first.total, ids, first };
}

describe('search without words', () => {
  it('lists every passage of a topic, newest document first and in document order within one', async () => {
    // The topic held by passages of the most documents.
    const docsOf = new Map<string, Set<number>>();
    for (const p of engine.passages) for (const t of p.topics) (docsOf.get(t) ?? docsOf.set(t, new Set()).get(t)!).add(p.doc);
    const [topic] = [...docsOf].sort((a, b) => b[1].size - a[1].size)[0]!;
    const expected = [...engine.passages].filter((p) => p.topics.includes(topic)).map((p) => p.gid);
    const { total, ids, first } = await all({ q: '', topic });
    expect(total).toBe(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected.map(idOf)));
    const dates = ids.map((id) => engine.docs[engine.docById.get(id.slice(0, id.lastIndexOf(':')))!]!.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
    expect(first.matching).toMatchObject({ passage: total, exchange: 0, partial: 0 });
    expect(first.facets.topics[0]).toEqual({ name: topic, count: total });
  });

  it('combines a speaker, a kind and dates', async () => {
    const answers = new Map<string, IndexedPassage[]>();
    for (const p of engine.passages) if (p.speaker && p.kind === 'answer') (answers.get(p.speaker.name) ?? answers.set(p.speaker.name, []).get(p.speaker.name)!).push(p);
    const [who, theirs] = [...answers].sort((a, b) => b[1].length - a[1].length)[0]!;
    const dates = [...new Set(theirs.map((p) => engine.docs[p.doc]!.date!))].sort();
    const from = dates[Math.floor(dates.length / 2)]!;
    const expected = theirs.filter((p) => engine.docs[p.doc]!.date! >= from);
    // The filters must leave some of their passages out, and keep some.
    expect([...engine.passages].filter((p) => p.speaker?.name === who).length).toBeGreaterThan(expected.length);
    const { total, ids } = await all({ q: '', speaker: who, kind: 'answer', from });
    expect(expected.length).toBeGreaterThan(5);
    expect(total).toBe(expected.length);
    expect(new Set(ids)).toEqual(new Set(expected.map((p) => idOf(p.gid))));
  });

  it('finds a topic written in Traditional characters (營商環境 for 营商环境)', async () => {
    const simplified = await all({ q: '', topic: '营商环境' });
    expect(simplified.total).toBeGreaterThan(3);
    const traditional = await all({ q: '', topic: '營商環境' });
    expect(traditional.ids).toEqual(simplified.ids);
    expect((await search(engine, { q: '招商', topic: '營商環境' })).total).toBe((await search(engine, { q: '招商', topic: '营商环境' })).total);
  });

  it('still refuses a request with neither words nor a filter', async () => {
    await expect(search(engine, { q: ' ' })).rejects.toMatchObject({ code: 'QUERY_EMPTY' });
  });
});
