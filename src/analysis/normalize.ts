// Normalization for matching: full-width → half-width, Traditional → Simplified,
// Latin lower case. It is length-preserving in UTF-16 code units: character i
// of the result comes from character i of the input, so the offset map back to
// the original is the identity and every offset found in normalized text is an
// offset in the original. A conversion that would change the length (rare
// OpenCC phrase mappings, a few Unicode case mappings) is applied character by
// character or not at all, never at the cost of the map.

import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });

function foldWidthAndCase(text: string): string {
  let out = '';
  let changed = false;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    let d = c;
    if (c >= 0xff01 && c <= 0xff5e) d = c - 0xfee0; // ！..～ → !..~
    else if (c === 0x3000) d = 0x20; // ideographic space
    if (d >= 0x41 && d <= 0x5a) d += 0x20; // A-Z → a-z
    else if (d >= 0xc0 && d <= 0x24f) {
      const lower = String.fromCharCode(d).toLowerCase();
      if (lower.length === 1) d = lower.charCodeAt(0);
    }
    if (d !== c) changed = true;
    out += String.fromCharCode(d);
  }
  return changed ? out : text;
}

function simplify(text: string): string {
  const converted = toSimplified(text);
  if (converted.length === text.length) return converted;
  // A phrase mapping changed the length somewhere: convert code point by code point.
  let out = '';
  for (const ch of text) {
    const c = toSimplified(ch);
    out += c.length === ch.length ? c : ch;
  }
  return out;
}

export function normalize(text: string): string {
  return simplify(foldWidthAndCase(text));
}

/** Punctuation, symbols and white space: ignored when phrases and quotes are compared. */
const IGNORABLE = /[\p{P}\p{S}\p{Z}\p{Cc}\p{Cf}\s]/u;

/**
 * Ignorable, except where it is part of a figure: the percent and per-mille
 * signs, and a decimal point between digits (49.58 is not 4958).
 */
function ignorableAt(text: string, i: number, ch: string): boolean {
  if (ch === '%' || ch === '‰') return false;
  if (ch === '.' && isDigit(text.charCodeAt(i - 1)) && isDigit(text.charCodeAt(i + 1))) return false;
  return IGNORABLE.test(ch);
}

function isDigit(c: number): boolean {
  return c >= 0x30 && c <= 0x39;
}

/** Normalized text with punctuation and white space removed, and where each kept unit came from. */
export interface Compact {
  text: string;
  /** map[i] = UTF-16 offset in the source of compact unit i; map[text.length] = end of the source. */
  map: Uint32Array;
}

export function compact(normalized: string, offset = 0): Compact {
  const map = new Uint32Array(normalized.length + 1);
  let out = '';
  let j = 0;
  for (let i = 0; i < normalized.length; i++) {
    const c = normalized.charCodeAt(i);
    const isHigh = c >= 0xd800 && c <= 0xdbff && i + 1 < normalized.length;
    const ch = isHigh ? normalized.slice(i, i + 2) : normalized[i]!;
    if (!ignorableAt(normalized, i, ch)) {
      for (let k = 0; k < ch.length; k++) {
        map[j++] = offset + i + k;
        out += ch[k];
      }
    }
    if (isHigh) i++;
  }
  map[j] = offset + normalized.length;
  return { text: out, map: map.slice(0, j + 1) };
}

/** Normalized and compacted in one go: the form in which phrases and quotes are compared. */
export function matchForm(text: string): string {
  return compact(normalize(text)).text;
}
