// Names and labels are compared through their Simplified form, one character
// for one character, so a Traditional transcript (唐鳳, 記者) matches the
// conventions and a roster entry written in the other script. The text itself
// is never changed: speakers keep their names as written.

import * as OpenCC from 'opencc-js';

const toSimplified = OpenCC.Converter({ from: 't', to: 'cn' });
const cache = new Map<string, string>();

function simplifiedChar(c: string): string {
  const known = cache.get(c);
  if (known !== undefined) return known;
  const converted: string = toSimplified(c);
  const s = converted.length === c.length ? converted : c;
  cache.set(c, s);
  return s;
}

/** The Simplified form of `s`, of the same length (so offsets found in it are offsets in `s`). */
export function simplified(s: string): string {
  let out = '';
  for (let i = 0; i < s.length; i++) {
    const c = s[i]!;
    // Only Han characters of the BMP convert; surrogate halves and the rest stay as they are.
    out += (c >= '\u3400' && c <= '\u9fff') || (c >= '\uf900' && c <= '\ufaff') ? simplifiedChar(c) : c;
  }
  return out;
}

/** True when the text is written in Traditional script (more characters change to Simplified than not). */
export function isTraditional(text: string): boolean {
  const sample = text.slice(0, 4000);
  return simplified(sample) !== sample && countChanged(sample) >= 5;
}

function countChanged(s: string): number {
  let n = 0;
  const simple = simplified(s);
  for (let i = 0; i < s.length; i++) if (simple[i] !== s[i]) n++;
  return n;
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
