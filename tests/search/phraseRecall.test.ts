// Over the seed and every real transcript: a phrase search for a sentence of
// any answer, statement or question paragraph returns that paragraph first,
// attributed to the right person. The expected speaker comes from a small
// oracle over the raw lines (nearest label above), not from the parser.

import { beforeAll, describe, expect, it } from 'vitest';
import { matchForm } from '../../src/analysis/normalize.js';
import type { Engine, IndexedPassage } from '../../src/index/engine.js';
import { search } from '../../src/search/search.js';
import { HAS_SHARED, realEngine, SHARED_SKIP_MESSAGE } from '../helpers/corpora.js';
import { heldTexts } from '../../src/index/texts.js';
import { heldBodies } from '../../src/index/bodies.js';

const NAME_LABEL = /^([\u4e00-\u9fff]{2,3}|答)\s*[：:]/u;
const QUESTION_LABEL = /^(?:(.{1,24}?)记者|问)\s*[：:]/u;

/** Expected speaker of an official's paragraph: the nearest name label above it, else the title's spokesperson. */
function expectedOfficial(lines: string[], upto: number, titleSpokesperson: string): string {
  for (let i = upto; i >= 0; i--) {
    const m = NAME_LABEL.exec(lines[i]!);
    if (m && !QUESTION_LABEL.test(lines[i]!)) return m[1] === '答' ? titleSpokesperson : m[1]!;
    if (QUESTION_LABEL.test(lines[i]!)) break;
  }
  return titleSpokesperson;
}

/** Sentences of the paragraph's words of at least 8 characters, the middle one first. */
function sentencesOf(body: string): string[] {
  const sentences = body
    .split(/(?<=[。！？])/u)
    .map((s) => s.trim().replace(/[。！？]$/u, ''))
    .filter((s) => matchForm(s).length >= 8);
  const mid = Math.floor(sentences.length / 2);
  return [...sentences.slice(mid), ...sentences.slice(0, mid).reverse()];
}

function saidOnce(haystack: string, needle: string): boolean {
  const first = haystack.indexOf(needle);
  return first >= 0 && haystack.indexOf(needle, first + 1) < 0;
}

describe.skipIf(!HAS_SHARED)('phrase search over seed + ../shared/corpus-real', () => {
  let engine: Engine;
  beforeAll(async () => {
    engine = await realEngine();
  });

  it('returns the paragraph first, with the right spokesperson or outlet, for a sentence of every paragraph', async () => {
    const all = heldBodies(engine.bodies).all.join('\u0000');
    let checked = 0;
    let repeated = 0;
    const failures: string[] = [];
    for (const p of engine.passages as IndexedPassage[]) {
      if (!['answer', 'statement', 'question'].includes(p.kind)) continue;
      const doc = engine.docs[p.doc]!;
      const text = heldTexts(engine.texts).text(p.doc);
      const body = text.slice(p.bodyStart, p.span.end);
      // A sentence said twice (boilerplate) cannot single out one paragraph: take another.
      const sentence = sentencesOf(body).find((s) => saidOnce(all, matchForm(s)));
      if (!sentence) {
        repeated++;
        continue;
      }
      const top = (await search(engine, { q: `"${sentence}"`, limit: 1 })).hits[0];
      checked++;
      if (top?.id !== `${doc.id}:p${p.n}`) {
        failures.push(`${doc.id}:p${p.n} «${sentence}» → ${top?.id ?? 'nothing'}`);
        continue;
      }
      if (doc.format !== 'mfa-briefing') {
        if (top.speaker?.name !== p.speaker?.name) failures.push(`${top.id}: speaker ${top.speaker?.name}`);
        continue;
      }
      const lines = text.split('\n').map((l) => l.replace(/^[\s\u3000]+/u, ''));
      const lineNo = text.slice(0, p.span.start).split('\n').length - 1;
      const title = /发言人([\u4e00-\u9fff]{2,3}?)(?:主持|就|答)/u.exec(lines[0]!)?.[1] ?? '外交部发言人';
      const q = QUESTION_LABEL.exec(lines[lineNo]!);
      if (p.kind === 'question' && q) {
        const outlet = (q[1] ?? '').replace(/[《》]/gu, '');
        if (top.kind !== 'question' || top.speaker?.org !== outlet) failures.push(`${top.id}: ${top.kind} ${top.speaker?.org} ≠ ${outlet}`);
      } else if (p.kind !== 'question') {
        const who = expectedOfficial(lines, lineNo, title);
        if (top.speaker?.name !== who) failures.push(`${top.id}: ${top.speaker?.name} ≠ ${who}`);
      }
    }
    expect(failures).toEqual([]);
    expect(checked).toBeGreaterThan(2500);
    expect(repeated).toBeLessThan(checked / 50);
  });
});

if (!HAS_SHARED) console.warn(`phraseRecall: ${SHARED_SKIP_MESSAGE}`);
