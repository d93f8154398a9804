// Highlights computed on the original characters. Matching runs on the
// compact normalized body (no punctuation, Simplified, half-width); its offset
// map leads every match back to the original text, so 營商環境 in the source is
// marked when 营商环境 is searched, and a phrase spanning a comma is marked whole.
// FlexSearch's own highlighter is not used: it misplaces marks on unspaced Chinese.

import { compact } from '../analysis/normalize.js';
import type { Span } from '../parse/types.js';

/** Sentence ends: a word found across one in the compact body (交涉。台湾 for 涉台) is not in the text; a snippet ends at one. */
const SENTENCE_END = /[。！？；!?;]/u;

/**
 * Ranges of the body (offsets into the document) where any needle occurs, in order; overlapping ones,
 * and ones the text writes side by side, merged. A needle may span a comma or a space the compact body
 * dropped (a phrase is marked whole), never a sentence end; two occurrences a dropped comma separates
 * stay two marks (台湾，台湾).
 */
export function findMarks(docText: string, body: Span, needles: readonly string[]): Span[] {
  const c = compact(docText.slice(body.start, body.end), body.start);
  /** Whether the characters the compact body dropped between its positions k and k + 1 end a sentence. */
  const endsSentence = (k: number) => c.map[k + 1]! - c.map[k]! > 1 && SENTENCE_END.test(docText.slice(c.map[k]! + 1, c.map[k + 1]!));
  const ranges: Array<[number, number]> = [];
  for (const needle of needles) {
    if (!needle) continue;
    for (let i = c.text.indexOf(needle); i >= 0; i = c.text.indexOf(needle, i + 1)) {
      let whole = true;
      for (let k = i; k < i + needle.length - 1 && whole; k++) whole = !endsSentence(k);
      if (whole) ranges.push([i, i + needle.length]);
    }
  }
  ranges.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  const merged: Array<[number, number]> = [];
  for (const r of ranges) {
    const last = merged[merged.length - 1];
    if (last && (r[0] < last[1] || (r[0] === last[1] && c.map[r[0]] === c.map[r[0] - 1]! + 1))) last[1] = Math.max(last[1], r[1]);
    else merged.push([r[0], r[1]]);
  }
  return merged.map(([a, b]) => ({ start: c.map[a]!, end: c.map[b - 1]! + 1 }));
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

export function escapeHtml(s: string): string {
  return s.replace(/[&<>"']/gu, (ch) => ESCAPES[ch]!);
}

/** `text` is docText[window]; marks are document offsets, clipped to the window. */
export function highlightHtml(docText: string, window: Span, marks: readonly Span[]): string {
  let out = '';
  let at = window.start;
  for (const m of marks) {
    const s = Math.max(m.start, window.start);
    const e = Math.min(m.end, window.end);
    if (e <= s || s < at) continue;
    out += escapeHtml(docText.slice(at, s)) + '<mark>' + escapeHtml(docText.slice(s, e)) + '</mark>';
    at = e;
  }
  return out + escapeHtml(docText.slice(at, window.end));
}

/**
 * The part of a long passage worth showing: whole sentences (cut at 。！？；)
 * around the first mark, about `maxChars` long. Short passages are shown whole.
 */
export function snippetWindow(docText: string, passage: Span, marks: readonly Span[], maxChars: number): Span {
  if (passage.end - passage.start <= maxChars * 1.25) return passage;
  const sentences: Span[] = [];
  let s = passage.start;
  for (let i = passage.start; i < passage.end; i++) {
    if (SENTENCE_END.test(docText[i]!)) {
      // Keep a closing quote or bracket with its sentence.
      let e = i + 1;
      while (e < passage.end && /[”’」』）)]/u.test(docText[e]!)) e++;
      sentences.push({ start: s, end: e });
      s = e;
      i = e - 1;
    }
  }
  if (s < passage.end) sentences.push({ start: s, end: passage.end });
  const focus = marks[0]?.start ?? passage.start;
  let k = sentences.findIndex((x) => focus < x.end);
  if (k < 0) k = 0;
  let start = sentences[k]!.start;
  let end = sentences[k]!.end;
  let before = k - 1;
  let after = k + 1;
  while (end - start < maxChars && (after < sentences.length || before >= 0)) {
    if (after < sentences.length && sentences[after]!.end - start <= maxChars) end = sentences[after++]!.end;
    else if (before >= 0 && end - sentences[before]!.start <= maxChars) start = sentences[before--]!.start;
    else break;
  }
  // One very long sentence: cut inside it, around the focus.
  if (end - start > maxChars * 1.5) {
    start = Math.max(start, focus - Math.floor(maxChars / 3));
    end = Math.min(end, start + maxChars);
    if (isLowSurrogate(docText, start)) start--;
    if (isLowSurrogate(docText, end)) end++;
  }
  return { start, end };
}

function isLowSurrogate(text: string, i: number): boolean {
  const c = text.charCodeAt(i);
  return c >= 0xdc00 && c <= 0xdfff;
}
