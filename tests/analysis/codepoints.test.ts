import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CodePointIndex, codePointLength } from '../../src/analysis/codepoints.js';

describe('CodePointIndex', () => {
  it('counts 𠮷 as one code point and two UTF-16 units', () => {
    const text = 'a𠮷b';
    const cp = CodePointIndex.of(text);
    expect(cp.toCodePoint(3)).toBe(2);
    expect(cp.toUtf16(2)).toBe(3);
    expect(codePointLength(text)).toBe(3);
  });

  it('round-trips every code point offset, as Python would count it', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 30 }), (s) => {
        const cp = CodePointIndex.of(s);
        const chars = [...s];
        let u16 = 0;
        chars.forEach((ch, i) => {
          expect(cp.toCodePoint(u16)).toBe(i);
          expect(cp.toUtf16(i)).toBe(u16);
          u16 += ch.length;
        });
        expect(cp.toCodePoint(s.length)).toBe(chars.length);
      }),
    );
  });
});
