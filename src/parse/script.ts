// Names and labels are compared through their Simplified form, one character
// for one character (surrogate halves and non-Han characters stay as they are), so a Traditional transcript (唐鳳, 記者) matches the
// conventions and a roster entry written in the other script. The text itself
// is never changed: speakers keep their names as written.

import { TRADITIONAL_SIMPLIFIED_PAIRS } from './simplifiedTable.js';

// Traditional → Simplified for one character at a time: OpenCC's mapping
// (opencc-js), generated into simplifiedTable.ts. Parsing looks up every
// character of a transcript, and OpenCC's phrase trie per call would cost
// ~40× the parse; loading opencc-js to build the table cost every process
// ~0.2 s and ~24 MB.
let table: Uint16Array | null = null;

/** Code unit → its Simplified code unit (itself where none): the table analysis/normalize folds with too. */
export function simplifiedCodes(): Uint16Array {
  if (table) return table;
  const t = new Uint16Array(65536);
  for (let c = 0; c < 65536; c++) t[c] = c;
  for (let i = 0; i < TRADITIONAL_SIMPLIFIED_PAIRS.length; i += 2) t[TRADITIONAL_SIMPLIFIED_PAIRS.charCodeAt(i)] = TRADITIONAL_SIMPLIFIED_PAIRS.charCodeAt(i + 1);
  table = t;
  return t;
}

/** The Simplified form of `s`, of the same length (so offsets found in it are offsets in `s`). */
export function simplified(s: string): string {
  const t = simplifiedCodes();
  let i = 0;
  while (i < s.length && t[s.charCodeAt(i)] === s.charCodeAt(i)) i++;
  if (i === s.length) return s;
  const codes = new Uint16Array(s.length);
  for (let j = 0; j < s.length; j++) codes[j] = t[s.charCodeAt(j)]!;
  let out = '';
  for (let j = 0; j < codes.length; j += 8192) out += String.fromCharCode(...codes.subarray(j, j + 8192));
  return out;
}

/**
 * Whether `text` is written in Traditional script: two different characters of it or more change when
 * folded to Simplified. One is not enough, however often it comes: a few characters the table folds
 * are in Simplified use too (乾县, 乾隆).
 */
export function writtenTraditional(text: string): boolean {
  const t = simplifiedCodes();
  let first = -1;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (t[c] === c || c === first) continue;
    if (first >= 0) return true;
    first = c;
  }
  return false;
}

const withIndices = new WeakMap<RegExp, RegExp>();

/**
 * Matches a pattern written in Simplified script against `text` in either
 * script; the groups are cut from `text` itself, as written. Index 0 is the
 * whole match; a group that did not take part is undefined.
 */
export function matchAs(re: RegExp, text: string): Array<string | undefined> | null {
  let d = withIndices.get(re);
  if (!d) {
    d = new RegExp(re.source, re.flags.replace('g', '') + 'd');
    withIndices.set(re, d);
  }
  const m = d.exec(simplified(text));
  if (!m) return null;
  return m.indices!.map((ix) => (ix ? text.slice(ix[0], ix[1]) : undefined));
}
