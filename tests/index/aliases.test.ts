// One entry per outlet and per person, whatever the spelling: the rules of
// src/index/aliasRules.ts, the corpus folder's aliases.tsv, and what the
// entries change in search (facets, filters, outlets, speaker order).

import { beforeAll, describe, expect, it, onTestFinished } from 'vitest';
import { joinSpellings } from '../../src/index/aliases.js';
import { ALIAS_RULES } from '../../src/index/aliasRules.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine, SpeakerProfile } from '../../src/index/engine.js';
import { openEngine } from '../../src/index/stores.js';
import { parseAliases } from '../../src/ingest/aliasesFile.js';
import { listSpeakers } from '../../src/search/catalog.js';
import { search } from '../../src/search/search.js';
import { speakerSpellings } from '../../src/search/speakerNames.js';
import { bodyOf, HAS_SHARED, realEngine, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';
import { aliasCorpus, aliasFiles, GANSU_LABELS, KYODO_LABELS } from './aliasCorpus.js';

/** Passages whose label (as written) is one of `labels`, counted from the passages themselves. */
const passagesLabelled = (engine: Engine, labels: readonly string[]) => [...engine.passages].filter((p) => p.speaker && labels.includes(p.speaker.name));
const spellingsOf = (s: SpeakerProfile) => [s.name, ...s.orgs, ...(s.aliases ?? [])];
const entriesSpelling = (engine: Engine, names: readonly string[]) => listSpeakers(engine).filter((s) => names.some((n) => spellingsOf(s).includes(n)));

describe('the alias rules', () => {
  const join = (written: string[], groups: string[][] = []) => joinSpellings(written, groups, ALIAS_RULES);

  it('strips book-title marks and drops a China Media Group prefix (《北京青年报》 is 北京青年报, 总台CGTN is CGTN = 中国国际电视台)', () => {
    const j = join(['《北京青年报》', '北京青年报', '总台CGTN', 'CGTN', '中国国际电视台']);
    expect(j.canonicalOf('《北京青年报》')).toBe('北京青年报');
    expect(new Set(['总台CGTN', 'CGTN', '中国国际电视台'].map((s) => j.canonicalOf(s)))).toEqual(new Set(['中国国际电视台']));
  });

  it('drops a country before an outlet only when the rest is written elsewhere (日本共同社 → 共同社, not 日本电视台 → 电视台)', () => {
    expect(join(['日本共同社', '共同社']).canonicalOf('日本共同社')).toBe('共同社');
    expect(join(['日本共同社']).canonicalOf('日本共同社')).toBe('日本共同社');
    const tv = join(['日本富士电视台', '德国富士电视台', '电视台x']);
    expect(tv.canonicalOf('日本富士电视台')).not.toBe(tv.canonicalOf('德国富士电视台'));
  });

  it('names a group by what the transcripts write, not by what a rule leaves (总台国广 stays 总台国广)', () => {
    expect(join(['总台国广']).canonicalOf('总台国广')).toBe('总台国广');
    expect(join(['总台华语环球节目中心', '总台央视华语环球节目中心']).canonicalOf('总台央视华语环球节目中心')).toBe('总台华语环球节目中心');
  });

  it('lets a user group join what no rule joins, its first name canonical', () => {
    expect(join(['共同社', 'Kyodo']).canonicalOf('Kyodo')).toBe('Kyodo');
    expect(join(['共同社', 'Kyodo'], [['共同社', 'Kyodo']]).canonicalOf('Kyodo')).toBe('共同社');
  });
});

describe('aliases.tsv', () => {
  it('reads one group a line, tab- or space-separated, with # comments', () => {
    const { groups, warnings } = parseAliases('# outlets\n共同社\tKyodo\tKyodo News\n张晓东 张小东 # a typo\n\n');
    expect(groups).toEqual([
      ['共同社', 'Kyodo', 'Kyodo News'],
      ['张晓东', '张小东'],
    ]);
    expect(warnings).toEqual([]);
  });

  it('names each malformed line in a warning and keeps every good line', () => {
    const { groups, warnings } = parseAliases('共同社\tKyodo\n孤零零\nbad\u0001line x\n新华社 Kyodo 新华通讯社\n路透社\t\tReuters\n');
    expect(groups).toEqual([
      ['共同社', 'Kyodo'],
      ['新华社', '新华通讯社'],
      ['路透社', 'Reuters'],
    ]);
    expect(warnings.map((w) => [w.code, w.message.match(/line (\d+)/u)?.[1]])).toEqual([
      ['ALIASES_LINE_INVALID', '2'],
      ['ALIASES_LINE_INVALID', '3'],
      ['ALIASES_LINE_INVALID', '4'],
    ]);
    expect(warnings[2]!.message).toContain('"Kyodo" is already in the group of line 1');
  });
});

describe('entries over a small corpus of several spellings (no ../shared needed)', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await buildIndex(aliasFiles(), { threads: 0 });
  });

  it('makes one entry of an outlet written with marks, without, and in Traditional script, its count the sum of every spelling', () => {
    const entries = entriesSpelling(engine, [...GANSU_LABELS, '甘肃日报']);
    expect(entries).toHaveLength(1);
    const [gansu] = entries;
    expect(spellingsOf(gansu!)).toEqual(expect.arrayContaining(GANSU_LABELS));
    expect(gansu!.orgs).toEqual(['甘肃日报']);
    expect(gansu!.passages).toBe(passagesLabelled(engine, GANSU_LABELS).length);
    expect(gansu!.passages).toBe(4);
  });

  it('joins 日本共同社 and 共同社 by the country rule, but not Kyodo, which only aliases.tsv can join', () => {
    const [kyodo, ...more] = entriesSpelling(engine, KYODO_LABELS);
    expect(more).toEqual([]);
    expect(kyodo!.orgs).toEqual(['共同社']);
    expect(kyodo!.passages).toBe(passagesLabelled(engine, KYODO_LABELS).length);
    expect(entriesSpelling(engine, ['Kyodo记者'])).not.toContain(kyodo);
  });

  it('makes one person of both scripts (张晓东, 張曉東), and gives a person whose title changed a timeline', () => {
    expect(entriesSpelling(engine, ['张晓东', '張曉東'])).toHaveLength(1);
    expect(new Set(speakerSpellings(engine, '张晓东'))).toEqual(new Set(['张晓东', '張曉東']));
    const wang = engine.speakers.get('王小明')!;
    expect(wang.titles).toEqual(['副厅长', '厅长']);
    expect(wang.timeline).toEqual([
      { title: '副厅长', org: '甘肃省商务厅', from: '2021-06-01', to: '2021-06-01' },
      { title: '厅长', org: '甘肃省商务厅', from: '2023-09-01', to: '2023-09-01' },
    ]);
  });

  it('counts every spelling toward the entry in the facets and the speaker order, and keeps the labels as written in passages', async () => {
    const res = await search(engine, { q: '消费', limit: 100 });
    const gansu = engine.facetTables.speakerIds.get('《甘肃日报》记者')!;
    const { speakerOf } = engine.facetTables;
    // Each of the four questions asks about 消费 (消費 in the Traditional one).
    const asked = passagesLabelled(engine, GANSU_LABELS).filter((p) => /消[费費]/u.test(bodyOf(engine, p))).length;
    expect(asked).toBe(4);
    expect(res.facets.speakers.filter((f) => GANSU_LABELS.includes(f.name))).toEqual([{ name: '《甘肃日报》记者', count: asked }]);
    expect(res.hits.some((h) => h.speaker?.name === '甘肅日報記者')).toBe(true);
    // saidOrder: the entry's range holds the passages of all its labels.
    const { gids, start } = engine.saidOrder;
    const said = [...gids.subarray(start[gansu]!, start[gansu + 1]!)].sort((a, b) => a - b);
    expect(said).toEqual(passagesLabelled(engine, GANSU_LABELS).map((p) => p.gid));
    expect(said.every((g) => speakerOf[g] === gansu)).toBe(true);
  });

  it('finds the same passages by any spelling in a ?speaker= filter, and reads any outlet spelling in a query as the outlet', async () => {
    const ids = async (speaker: string) => (await search(engine, { q: '消费', speaker, limit: 100 })).hits.map((h) => h.id).sort();
    const expected = passagesLabelled(engine, GANSU_LABELS)
      .filter((p) => /消[费費]/u.test(bodyOf(engine, p)))
      .map((p) => `${engine.docs[p.doc]!.id}:p${p.n}`)
      .sort();
    for (const spelling of [...GANSU_LABELS, '甘肃日报', '甘肅日報']) expect(await ids(spelling), spelling).toEqual(expected);
    for (const typed of ['日本共同社', '共同社']) {
      const res = await search(engine, { q: typed });
      expect(res.understood.outlets, typed).toEqual(['共同社']);
      expect(new Set(res.hits.filter((h) => h.kind === 'question').map((h) => h.speaker?.name))).toEqual(new Set(KYODO_LABELS));
    }
    expect(engine.units.byOutlet.get('日本共同社')).toBe(engine.units.byOutlet.get('共同社'));
  });
});

describe('aliases.tsv in the corpus folder, read when the index is opened', () => {
  it('joins two names no rule joins (共同社 and Kyodo; 张晓东 and 张小东)', async () => {
    const c = aliasCorpus('# 用户的别名\n共同社\tKyodo\n张晓东\t张小东\n');
    onTestFinished(c.remove);
    const { engine, warnings } = await openEngine({ corpusDir: c.corpus, indexDir: `${c.dir}/index` }, { threads: 0 });
    onTestFinished(() => engine.close());
    expect(warnings).toEqual([]);
    const kyodo = entriesSpelling(engine, ['Kyodo记者', ...KYODO_LABELS]);
    expect(kyodo).toHaveLength(1);
    expect(kyodo[0]!.passages).toBe(passagesLabelled(engine, ['Kyodo记者', ...KYODO_LABELS]).length);
    const zhang = engine.speakers.get('张晓东')!;
    expect(zhang.aliases).toEqual(expect.arrayContaining(['張曉東', '张小东']));
    expect(zhang.passages).toBe(passagesLabelled(engine, ['张晓东', '張曉東', '张小东']).length);
    expect((await search(engine, { q: 'Kyodo' })).understood.outlets).toEqual(['共同社']);
  });

  it('warns by code for a malformed file and still applies its good lines', async () => {
    const c = aliasCorpus('共同社 Kyodo\nKyodo\n张晓东\t张小东\t\u0007\n');
    onTestFinished(c.remove);
    const { engine, warnings } = await openEngine({ corpusDir: c.corpus, indexDir: `${c.dir}/index` }, { threads: 0 });
    onTestFinished(() => engine.close());
    expect(warnings.map((w) => w.code)).toEqual(['ALIASES_LINE_INVALID', 'ALIASES_LINE_INVALID']);
    expect(entriesSpelling(engine, ['Kyodo记者', ...KYODO_LABELS])).toHaveLength(1);
    expect(entriesSpelling(engine, ['张晓东', '张小东'])).toHaveLength(2);
  });

  it('warns ALIASES_UNREADABLE for a file that is not UTF-8, and opens the index', async () => {
    const c = aliasCorpus();
    onTestFinished(c.remove);
    const { writeFileSync } = await import('node:fs');
    writeFileSync(`${c.corpus}/aliases.tsv`, Buffer.from([0xb9, 0xb2, 0xcd, 0xac, 0xc9, 0xe7, 0x09, 0xff, 0xfe]));
    const { engine, warnings } = await openEngine({ corpusDir: c.corpus, indexDir: `${c.dir}/index` }, { threads: 0 });
    onTestFinished(() => engine.close());
    expect(warnings.map((w) => w.code)).toEqual(['ALIASES_UNREADABLE']);
    expect(entriesSpelling(engine, KYODO_LABELS)).toHaveLength(1);
  });
});

/** The six outlets of issue 13 as the real transcripts write them (阿纳多卢 also as 安纳多卢, the other transliteration). */
const REAL_OUTLETS: string[][] = [
  ['北京青年报', '《北京青年报》'],
  ['共同社', '日本共同社'],
  ['CGTN', '总台CGTN', '中国国际电视台'],
  ['阿纳多卢通讯社', '土耳其阿纳多卢通讯社', '土耳其安纳多卢通讯社'],
  ['中国日报', '《中国日报》'],
  ['凤凰卫视', '《凤凰卫视》'],
];

describe.skipIf(!HAS_SHARED)('over the seed and the 116 real Foreign Ministry transcripts', () => {
  // A reporter of one of the outlets: the label is the outlet as written, with or without 记者.
  const labelsOf = (engine: Engine, outlet: string[]) =>
    [...new Set([...engine.passages].flatMap((p) => (p.speaker?.role === 'reporter' ? [p.speaker.name] : [])))].filter((l) =>
      outlet.some((o) => l === o || l === `${o}记者`),
    );

  it.each(REAL_OUTLETS)('lists %s as one entry with its aliases, its passages summed over every spelling', async (...outlet) => {
    const real = await realEngine();
    const labels = labelsOf(real, outlet);
    // Every spelling of the issue is written in the corpus.
    expect(labels.length).toBeGreaterThanOrEqual(2);
    const entries = entriesSpelling(real, labels);
    expect(entries.map((e) => e.name)).toHaveLength(1);
    const entry = entries[0]!;
    expect(spellingsOf(entry)).toEqual(expect.arrayContaining(labels));
    expect(entry.aliases?.length).toBeGreaterThan(0);
    expect(entry.passages).toBe(passagesLabelled(real, labels).length);
    const id = real.facetTables.speakerIds.get(entry.name)!;
    expect(real.facetTables.speakerOf.filter((s) => s === id).length).toBe(entry.passages);
  });
});

if (!HAS_SHARED) console.warn(`aliases: ${SHARED_SKIP_MESSAGE}`);
