// topicView against counts made here the slow, obvious way from engine.passages.
// Which topics exist is the topic extractor's business: the topics tested are
// chosen from the engine at test time, never named.

import { beforeAll, describe, expect, it } from 'vitest';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine, IndexedPassage } from '../../src/index/engine.js';
import { isHuayuError } from '../../src/errors.js';
import { topicView, type TopicView } from '../../src/search/topicView.js';
import { CORPUS, FIXTURES, filesFrom, seedEngine } from '../helpers/corpora.js';

let seed: Engine;
/** The seed and the MFA fixtures: documents spread over several years. */
let several: Engine;
beforeAll(async () => {
  [seed, several] = await Promise.all([seedEngine(), buildIndex(filesFrom({ '': CORPUS, mfa: `${FIXTURES}/mfa` }), { threads: 0 })]);
});

const ALL = { limit: 100_000, offset: 0 };

function carrying(engine: Engine, name: string): IndexedPassage[] {
  return [...engine.passages].filter((p) => p.topics.includes(name));
}

/** The biggest topic, one of middling size, and the smallest. */
function someTopics(engine: Engine): string[] {
  const byCount = [...engine.topics].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])).map(([n]) => n);
  return [...new Set([byCount[0]!, byCount[Math.floor(byCount.length / 2)]!, byCount[byCount.length - 1]!])];
}

function expectMatchesPassages(engine: Engine, v: TopicView): void {
  const mine = carrying(engine, v.name);
  expect(v.count).toBe(mine.length);
  expect(v.documents).toBe(new Set(mine.map((p) => p.doc)).size);
  expect(v.unattributed).toBe(mine.filter((p) => !p.speaker).length);
  const bySpeaker = new Map<string, number>();
  for (const p of mine) if (p.speaker) bySpeaker.set(p.speaker.name, (bySpeaker.get(p.speaker.name) ?? 0) + 1);
  expect(v.speakerCount).toBe(bySpeaker.size);
  for (const s of v.speakers) {
    expect(s.count).toBe(bySpeaker.get(s.name));
    expect(s.share).toBeCloseTo(s.count / mine.length, 4);
  }
  // Biggest first, and nobody left out who has more than the last one listed.
  const counts = v.speakers.map((s) => s.count);
  expect(counts).toEqual([...counts].sort((a, b) => b - a));
  const listed = new Set(v.speakers.map((s) => s.name));
  for (const [name, n] of bySpeaker) if (!listed.has(name)) expect(n).toBeLessThanOrEqual(counts[counts.length - 1] ?? 0);
  // The passages: every one of the topic's, once.
  expect(v.passages.map((p) => p.id).sort()).toEqual(mine.map((p) => `${engine.docs[p.doc]!.id}:p${p.n}`).sort());
}

function expectTimelineAddsUp(v: TopicView): void {
  const { periods, series } = v.timeline;
  expect(periods.reduce((n, p) => n + p.count, 0)).toBe(v.count);
  for (const p of periods) {
    expect(p.speakers.map((s) => s.name)).toEqual(series);
    expect(p.speakers.reduce((n, s) => n + s.count, p.others)).toBe(p.count);
  }
  for (const name of series) {
    const total = periods.reduce((n, p) => n + p.speakers.find((s) => s.name === name)!.count, 0);
    expect(total).toBe(v.speakers.find((s) => s.name === name)!.count);
  }
}

describe('topicView on the seed', () => {
  it('counts passages, documents and speakers as engine.passages does', async () => {
    for (const name of someTopics(seed)) expectMatchesPassages(seed, await topicView(seed, name, ALL));
  });

  it('has a timeline by document (the seed is one press conference) that sums to the count', async () => {
    for (const name of someTopics(seed)) {
      const v = await topicView(seed, name, ALL);
      expect(v.timeline.granularity).toBe('document');
      expect(v.timeline.periods.map((p) => p.key)).toEqual(['zhangye-2024-01-15']);
      expect(v.timeline.periods[0]).toMatchObject({ date: '2024-01-15', title: seed.docs[0]!.title });
      expectTimelineAddsUp(v);
    }
  });

  it('pages the passages in document order', async () => {
    const name = someTopics(seed)[0]!;
    const all = (await topicView(seed, name, ALL)).passages.map((p) => p.id);
    expect(all.map((id) => Number(id.split(':p')[1]))).toEqual([...all.map((id) => Number(id.split(':p')[1]))].sort((a, b) => a - b));
    const page = await topicView(seed, name, { limit: 3, offset: 2 });
    expect(page.passages.map((p) => p.id)).toEqual(all.slice(2, 5));
    expect(page).toMatchObject({ limit: 3, offset: 2, count: all.length });
    expect((await topicView(seed, name, { limit: 3, offset: all.length })).passages).toEqual([]);
  });

  it('throws TOPIC_NOT_FOUND for a topic no passage carries', async () => {
    const unknown = '这个主题不存在';
    expect(seed.topics.has(unknown)).toBe(false);
    let caught: unknown;
    try {
      await topicView(seed, unknown, ALL);
    } catch (err) {
      caught = err;
    }
    expect(isHuayuError(caught) && caught.code).toBe('TOPIC_NOT_FOUND');
    expect(isHuayuError(caught) && caught.status).toBe(404);
  });
});

describe('topicView over documents of several months', () => {
  /** A topic whose documents span more than one month. */
  function spanning(): string {
    const month = (p: IndexedPassage) => several.docs[p.doc]!.date?.slice(0, 7);
    const name = [...several.topics]
      .sort((a, b) => b[1] - a[1])
      .map(([n]) => n)
      .find((n) => new Set(carrying(several, n).map(month)).size > 1);
    expect(name).toBeDefined();
    return name!;
  }

  it('counts as engine.passages does', async () => {
    for (const name of [...someTopics(several), spanning()]) expectMatchesPassages(several, await topicView(several, name, ALL));
  });

  it('has one period per month from the first to the last, counted from the document dates', async () => {
    const name = spanning();
    const v = await topicView(several, name, ALL);
    expect(v.timeline.granularity).toBe('month');
    expectTimelineAddsUp(v);
    const months = v.timeline.periods.map((p) => p.key);
    const dated = carrying(several, name).map((p) => several.docs[p.doc]!.date!.slice(0, 7));
    expect(months[0]).toBe([...dated].sort()[0]);
    expect(months[months.length - 1]).toBe([...dated].sort().reverse()[0]);
    // Consecutive months, none skipped.
    const index = (m: string) => Number(m.slice(0, 4)) * 12 + Number(m.slice(5, 7));
    months.forEach((m, i) => i && expect(index(m) - index(months[i - 1]!)).toBe(1));
    for (const p of v.timeline.periods) expect(p.count).toBe(dated.filter((m) => m === p.key).length);
  });

  it('lists the newest document first', async () => {
    const v = await topicView(several, spanning(), ALL);
    const dates = v.passages.map((p) => p.doc.date ?? '');
    expect(dates).toEqual([...dates].sort().reverse());
  });
});
