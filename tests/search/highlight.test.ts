// Highlights stay faithful to the text whatever it holds: surrogate pairs,
// zero-width and combining characters, <, & and quotes.

import { writeFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { matchForm } from '../../src/analysis/normalize.js';
import { buildIndex } from '../../src/index/embedded/build.js';
import { readCorpus } from '../../src/ingest/readCorpus.js';
import { findMarks, highlightHtml, snippetWindow } from '../../src/search/highlight.js';
import { search } from '../../src/search/search.js';
import { tempDir } from '../helpers/tempDir.js';

const TRICKY = ['<', '>', '&', '"', "'", '&amp;', '\u200b', '\u200d', '\u0301', '𠮷', '😀', '营', '商', '环', '境', '，', ' ', 'a', '1', '.', '%'];
const text = fc.array(fc.oneof(fc.constantFrom(...TRICKY), fc.string({ unit: 'grapheme', maxLength: 3 })), { maxLength: 60 }).map((a) => a.join(''));

function decode(html: string): string {
  return html
    .replace(/<\/?mark>/gu, '')
    .replace(/&lt;/gu, '<')
    .replace(/&gt;/gu, '>')
    .replace(/&quot;/gu, '"')
    .replace(/&#39;/gu, "'")
    .replace(/&amp;/gu, '&');
}

function checkMarkup(html: string): void {
  // Marks never nest or cross: they alternate open, close.
  const tags = [...html.matchAll(/<\/?mark>/gu)].map((m) => m[0]);
  tags.forEach((t, i) => expect(t).toBe(i % 2 === 0 ? '<mark>' : '</mark>'));
  // Nothing else looks like a tag.
  expect(html.replace(/<\/?mark>/gu, '')).not.toMatch(/[<>]/u);
}

const isLow = (s: string, i: number) => s.charCodeAt(i) >= 0xdc00 && s.charCodeAt(i) <= 0xdfff;

describe('findMarks, highlightHtml and snippetWindow', () => {
  it('give back the text exactly once tags are removed and entities decoded, with marks inside the text that never cross', () => {
    fc.assert(
      fc.property(text, fc.array(text, { maxLength: 3 }), fc.nat(200), (t, raw, width) => {
        const needles = raw.map(matchForm).filter(Boolean);
        const all = { start: 0, end: t.length };
        const marks = findMarks(t, all, needles);
        let last = 0;
        for (const m of marks) {
          expect(m.start).toBeGreaterThanOrEqual(last);
          expect(m.end).toBeGreaterThan(m.start);
          expect(m.end).toBeLessThanOrEqual(t.length);
          expect(isLow(t, m.start)).toBe(false);
          expect(isLow(t, m.end)).toBe(false);
          last = m.end;
        }
        const html = highlightHtml(t, all, marks);
        checkMarkup(html);
        expect(decode(html)).toBe(t);
        const w = snippetWindow(t, all, marks, Math.max(10, width));
        expect(w.start).toBeGreaterThanOrEqual(0);
        expect(w.end).toBeLessThanOrEqual(t.length);
        const snippet = highlightHtml(t, w, marks);
        checkMarkup(snippet);
        expect(decode(snippet)).toBe(t.slice(w.start, w.end));
      }),
      { numRuns: 300 },
    );
  });

  it('mark no word the compact body forms across a sentence end (交涉。台湾 holds no 涉台), and keep a phrase across a comma whole', () => {
    const t = '中方已提出严正交涉。台湾是中国领土，营商环境不断优化';
    const marks = findMarks(t, { start: 0, end: t.length }, ['涉台', '台湾', '领土营商']);
    expect(marks.map((m) => t.slice(m.start, m.end))).toEqual(['台湾', '领土，营商']);
  });

  it('keep two occurrences a comma separates as two marks, and merge ones the text writes side by side', () => {
    const t = '是中国的台湾，台湾问题是中国内政，营商环境';
    const marks = findMarks(t, { start: 0, end: t.length }, ['台湾', '营商', '环境']);
    expect(marks.map((m) => t.slice(m.start, m.end))).toEqual(['台湾', '台湾', '营商环境']);
  });

  it('do the same through search(), with code point offsets inside the document', async () => {
    await fc.assert(
      fc.asyncProperty(text, async (t) => {
        const body = `营商环境${t.replace(/[\r\n]/gu, '')}营商环境`;
        const dir = tempDir('prop');
        const doc = `2024年3月1日外交部发言人毛宁主持例行记者会\n路透社记者：有何评论？\n毛宁：${body}\n`;
        writeFileSync(path.join(dir, 'p.txt'), doc);
        const engine = await buildIndex(readCorpus(dir));
        const hit = (await search(engine, { q: '营商环境' })).hits[0]!;
        const cps = [...doc];
        checkMarkup(hit.highlight);
        expect(decode(hit.highlight).replace(/^…|…$/gu, '')).toBe(cps.slice(hit.snippet.start, hit.snippet.end).join(''));
        for (const m of hit.marks) {
          expect(m.start).toBeGreaterThanOrEqual(hit.start);
          expect(m.end).toBeLessThanOrEqual(hit.end);
          // A mark holds the query or one of its terms (营商, 环境).
          const form = matchForm(cps.slice(m.start, m.end).join(''));
          expect(form.includes('营商') || form.includes('环境')).toBe(true);
        }
      }),
      { numRuns: 25 },
    );
  });
});
