// Normalization for matching: full-width → half-width, Traditional →
// Simplified, Latin lower case. It is length-preserving in UTF-16 code units:
// unit i of the result comes from unit i of the input, so the offset map back
// to the original is the identity and every offset found in normalized text is
// an offset in the original.
//
// Traditional → Simplified is OpenCC's (opencc-js) character mapping, generated
// into a table of pairs and read into a 64K-entry table (parse/script.ts, which
// the parser shares): one table lookup per unit normalizes ~100 MB of
// transcripts in well under a second, where converting text through OpenCC's
// phrase trie runs at ~27 MB/s. Character-level conversion is also what keeps
// the length fixed; index and queries go through the same table.

import { simplifiedCodes } from '../parse/script.js';

const FOLD = buildFoldTable();
const IGNORABLE = buildIgnorableTable();

function buildFoldTable(): Uint16Array {
  const table = new Uint16Array(65536);
  const toSimplified = simplifiedCodes();
  for (let c = 0; c < 65536; c++) {
    let d = c;
    if (c >= 0xff01 && c <= 0xff5e) d = c - 0xfee0; // ！..～ → !..~
    else if (c === 0x3000) d = 0x20; // ideographic space
    if (d >= 0x41 && d <= 0x5a) d += 0x20;
    else if (d >= 0xc0 && d <= 0x24f) {
      const lower = String.fromCharCode(d).toLowerCase();
      if (lower.length === 1) d = lower.charCodeAt(0);
    } else {
      d = toSimplified[d]!;
    }
    table[c] = d;
  }
  // Idempotent: normalizing normalized text changes nothing.
  for (let c = 0; c < 65536; c++) while (table[table[c]!] !== table[c]) table[c] = table[table[c]!]!;
  return table;
}

/** Punctuation, symbols and white space: ignored when phrases and quotes are compared. */
function buildIgnorableTable(): Uint8Array {
  const table = new Uint8Array(65536);
  const re = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\s]/u;
  for (let c = 0; c < 65536; c++) {
    if (c >= 0xd800 && c <= 0xdfff) continue;
    if (re.test(String.fromCharCode(c))) table[c] = 1;
  }
  // Part of a figure: 49.58% is not 4958 (the decimal point is kept between digits, see below).
  table[0x25] = 0; // %
  table[0x2030] = 0; // ‰
  return table;
}

function fromCodes(codes: Uint16Array, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 8192) {
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(length, i + 8192)) as unknown as number[]);
  }
  return out;
}

export function normalize(text: string): string {
  const n = text.length;
  let i = 0;
  while (i < n && FOLD[text.charCodeAt(i)] === text.charCodeAt(i)) i++;
  if (i === n) return text;
  const codes = new Uint16Array(n);
  for (let j = 0; j < n; j++) codes[j] = FOLD[text.charCodeAt(j)]!;
  return fromCodes(codes, n);
}

const isDigit = (c: number) => c >= 0x30 && c <= 0x39;
const isLowSurrogate = (c: number) => c >= 0xdc00 && c <= 0xdfff;

/** Normalized text with punctuation and white space removed, and where each kept unit came from. */
export interface Compact {
  text: string;
  /** map[i] = UTF-16 offset in the source of compact unit i; map[text.length] = end of the source. */
  map: Uint32Array;
}

/**
 * The one pass of compact() and matchForms(): text[start, end) normalized, with what phrase and quote
 * matching ignore dropped, written into `codes` from `j`; `map`, when given, records where each
 * kept unit came from (plus `offset`). Returns the new end of `codes`.
 */
function fold(text: string, start: number, end: number, codes: Uint16Array, j: number, map: Uint32Array | null, offset: number): number {
  for (let i = start; i < end; i++) {
    const raw = text.charCodeAt(i);
    if (raw >= 0xd800 && raw <= 0xdbff && i + 1 < end && isLowSurrogate(text.charCodeAt(i + 1))) {
      // An astral character (𠮷) is kept whole, unless it is a symbol such as an emoji. A high half
      // without its low half is kept alone: the character after it had been kept unfolded as its pair.
      if (!/[\p{P}\p{S}\p{Z}]/u.test(text.slice(i, i + 2))) {
        if (map) map[j] = offset + i;
        codes[j++] = raw;
        if (map) map[j] = offset + i + 1;
        codes[j++] = text.charCodeAt(i + 1);
      }
      i++;
      continue;
    }
    const c = FOLD[raw]!;
    // A decimal point stays between digits, its neighbours looked for inside [start, end) only.
    if (IGNORABLE[c] && !(c === 0x2e && i > start && i + 1 < end && isDigit(FOLD[text.charCodeAt(i - 1)]!) && isDigit(FOLD[text.charCodeAt(i + 1)]!))) continue;
    if (map) map[j] = offset + i;
    codes[j++] = c;
  }
  return j;
}

/**
 * Normalizes and drops what phrase and quote matching ignore, in one pass.
 * `offset` is added to every map entry (the source's position in its document).
 */
export function compact(text: string, offset = 0): Compact {
  const n = text.length;
  const codes = new Uint16Array(n);
  const map = new Uint32Array(n + 1);
  const j = fold(text, 0, n, codes, 0, map, offset);
  map[j] = offset + n;
  return { text: fromCodes(codes, j), map: map.slice(0, j + 1) };
}

let scratch = new Uint16Array(1 << 16);

/**
 * matchForm of each span of one text, without an offset map: what an index needs of every passage
 * (at 100 MB, compact() per passage took 1.4 s of opening; this writes one buffer per text and
 * copies each span's string out of it). Equal to `matchForm(text.slice(start, end))` for every span.
 */
export function matchForms(text: string, spans: ReadonlyArray<{ start: number; end: number }>): string[] {
  const total = spans.reduce((n, s) => n + Math.max(0, s.end - s.start), 0);
  if (scratch.length < total) scratch = new Uint16Array(Math.max(total, scratch.length * 2));
  const codes = scratch;
  const ends: number[] = [];
  let j = 0;
  for (const { start, end } of spans) {
    j = fold(text, start, end, codes, j, null, 0);
    ends.push(j);
  }
  // One string per span, copied out of the buffer: slices of one string per text (V8's sliced strings)
  // made a search's indexOf over them ~10 % slower at 100 MB.
  const bytes = Buffer.from(codes.buffer, codes.byteOffset, j * 2);
  return ends.map((e, k) => bytes.toString('utf16le', (k === 0 ? 0 : ends[k - 1]!) * 2, e * 2));
}

/** How many times `needle` stands in `haystack`, not overlapping: a term's frequency in a compact body, for BM25. */
export function countOccurrences(haystack: string, needle: string): number {
  let n = 0;
  for (let i = haystack.indexOf(needle); i >= 0; i = haystack.indexOf(needle, i + needle.length)) n++;
  return n;
}

/** Normalized and compacted: the form in which phrases and quotes are compared (compact() without its offset map). */
export function matchForm(text: string): string {
  return matchForms(text, [{ start: 0, end: text.length }])[0]!;
}
