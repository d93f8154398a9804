import type { Span } from './types.js';

/** A non-blank line with its white space trimmed away; `text` is exactly source.slice(start, end). */
export interface Line extends Span {
  text: string;
}

// Blank for a transcript: ASCII white space, U+3000 ideographic space (MFA
// pages indent with two of them), NBSP, the BOM and other Unicode spaces.
const BLANK = /[\s\u3000\u00a0\ufeff\u200b]/;

export function isBlank(ch: string): boolean {
  return BLANK.test(ch);
}

/** Splits on LF, CRLF or CR; keeps offsets into the original text. */
export function splitLines(text: string): Line[] {
  const lines: Line[] = [];
  const breaks = /\r\n|\n|\r/g;
  let from = 0;
  for (;;) {
    const m = breaks.exec(text);
    const to = m ? m.index : text.length;
    let s = from;
    let e = to;
    while (s < e && isBlank(text[s]!)) s++;
    while (e > s && isBlank(text[e - 1]!)) e--;
    if (e > s) lines.push({ start: s, end: e, text: text.slice(s, e) });
    if (!m) break;
    from = m.index + m[0].length;
  }
  return lines;
}
