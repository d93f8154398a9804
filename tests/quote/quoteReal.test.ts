// Quote checks over the seed and the 116 real transcripts (../shared/corpus-real).

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { matchForm } from '../../src/analysis/normalize.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import type { Engine } from '../../src/index/engine.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { checkQuote } from '../../src/quote/quote.js';
import { bodyOf, HAS_SHARED, realEngine, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';
import { random } from '../../bench/random.js';
import { tempDir } from '../helpers/tempDir.js';
import { heldBodies } from '../../src/index/bodies.js';

const BASE = 'http://localhost:3000';

describe.skipIf(!HAS_SHARED)('quote check over ../shared/corpus-real', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await realEngine();
  });

  it('finds a quote from a real transcript, with the spokesperson and the conference', async () => {
    const res = await checkQuote(engine, { text: '我无意评判美方抗疫，但我记得福奇博士曾说过，数字不会骗人', baseUrl: BASE });
    expect(res.found).toBe(true);
    expect(res.exact).toBe(false); // the source has a half-width comma after 说过
    const m = res.matches[0]!;
    expect(m.speaker).toMatchObject({ name: '华春莹', role: 'official' });
    expect(m.doc.title).toBe('2020年9月2日外交部发言人华春莹主持例行记者会');
    expect(m.quote).toBe('我无意评判美方抗疫，但我记得福奇博士曾说过,数字不会骗人');
  });

  it('finds 200 random 16-character spans each with the right speaker, and none of them with one character changed', async () => {
    const rnd = random(20261125);
    const spoken = [...engine.passages].filter((p) => ['answer', 'question', 'statement'].includes(p.kind) && p.span.end - p.bodyStart > 40);
    const all = heldBodies(engine.bodies).all.join('\u0000');
    const FILLER = '甲乙丙丁戊己庚辛壬癸';
    let checked = 0;
    let changedChecked = 0;
    const failures: string[] = [];
    while (checked < 200) {
      const p = spoken[Math.floor(rnd() * spoken.length)]!;
      const doc = engine.docs[p.doc]!;
      const body = [...bodyOf(engine, p)];
      const at = Math.floor(rnd() * (body.length - 16));
      const span = body.slice(at, at + 16).join('');
      if (matchForm(span).length < 8) continue;
      checked++;
      const id = `${doc.id}:p${p.n}`;
      const res = await checkQuote(engine, { text: span, baseUrl: BASE, limit: 20 });
      const mine = res.matches.find((m) => m.passages.includes(id));
      if (!res.found || !mine) failures.push(`not found: ${id} «${span}»`);
      else if (mine.speaker?.name !== p.speaker?.name) failures.push(`${id}: ${mine.speaker?.name} ≠ ${p.speaker?.name}`);

      // One Chinese character changed: never reported as found (unless that text really exists).
      const chars = [...span];
      const han = chars.map((c, i) => (/\p{Script=Han}/u.test(c) ? i : -1)).filter((i) => i >= 0);
      const k = han[Math.floor(rnd() * han.length)]!;
      const replacement = [...FILLER].find((c) => c !== chars[k])!;
      chars[k] = replacement;
      const changed = chars.join('');
      if (all.includes(matchForm(changed))) continue;
      changedChecked++;
      const again = await checkQuote(engine, { text: changed, baseUrl: BASE });
      if (again.found) failures.push(`changed span reported as found: «${changed}»`);
      for (const m of again.matches) if (m.similarity >= 1) failures.push(`changed span with similarity 1: «${changed}»`);
    }
    expect(failures).toEqual([]);
    expect(changedChecked).toBeGreaterThan(190);
  });
});

describe('quote selectors on repeated text', () => {
  it('widens the context of a TextQuoteSelector until prefix+exact+suffix is unique', async () => {
    const dir = tempDir('repeat');
    const repeated = '我们一贯主张通过对话协商和平解决争端，反对动辄使用武力或以武力相威胁，这一立场是明确的、一贯的。';
    const text = `2024年3月1日外交部发言人毛宁主持例行记者会\n路透社记者：你怎么看？\n毛宁：${repeated.repeat(3)}第一次。\n法新社记者：还有呢？\n毛宁：${repeated.repeat(3)}第二次。\n`;
    writeFileSync(path.join(dir, 'r.txt'), text);
    const e = await buildIndex(readCorpus(dir));
    const res = await checkQuote(e, { text: '反对动辄使用武力', baseUrl: BASE, limit: 20 });
    expect(res.matches).toHaveLength(6);
    for (const m of res.matches) {
      const [sel] = m.selectors;
      expect(text.split(sel.prefix + sel.exact + sel.suffix)).toHaveLength(2);
    }
    expect(Math.max(...res.matches.map((m) => [...m.selectors[0].prefix].length + [...m.selectors[0].suffix].length))).toBeGreaterThan(64);
  });

  it('counts a character outside the BMP as one code point in quote offsets', async () => {
    const dir = tempDir('astral-q');
    const text = '2024年3月1日外交部发言人毛宁主持例行记者会\n路透社记者：𠮷野家的事？\n毛宁：我们欢迎𠮷野家来华投资兴业。\n';
    writeFileSync(path.join(dir, 'a.txt'), text);
    const e = await buildIndex(readCorpus(dir));
    const m = (await checkQuote(e, { text: '欢迎𠮷野家来华投资', baseUrl: BASE })).matches[0]!;
    expect([...text].slice(m.start, m.end).join('')).toBe('欢迎𠮷野家来华投资');
    expect(m.end - m.start).toBe(9);
  });
});

if (!HAS_SHARED) console.warn(`quoteReal: ${SHARED_SKIP_MESSAGE}`);
