import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compact, matchForm, matchForms, normalize } from '../../src/analysis/normalize.js';

describe('normalize', () => {
  it('folds Traditional to Simplified: 營商環境 → 营商环境', () => {
    expect(normalize('優化營商環境')).toBe('优化营商环境');
  });

  it('folds full-width to half-width and Latin to lower case', () => {
    expect(normalize('ＣＧＴＮ：２０２３年，４９．５８％')).toBe('cgtn:2023年,49.58%');
  });

  it('maps U+3000 to a plain space', () => {
    expect(normalize('\u3000\u3000问')).toBe('  问');
  });

  it('keeps every character where it was: the result has the input length, in UTF-16 units', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 60 }), (s) => {
        expect(normalize(s).length).toBe(s.length);
      }),
    );
  });

  it('leaves a character outside the BMP intact (𠮷)', () => {
    expect(normalize('𠮷野家')).toBe('𠮷野家');
  });
});

describe('compact', () => {
  it('drops punctuation and spaces and maps each kept unit back to its source offset', () => {
    const c = compact(normalize('优化、营商 环境。'));
    expect(c.text).toBe('优化营商环境');
    expect([...c.map.slice(0, 6)]).toEqual([0, 1, 3, 4, 6, 7]);
  });

  it('keeps a decimal point between digits and the percent sign: 49.58% is not 4958', () => {
    expect(matchForm('同比增长49.58%。')).toBe('同比增长49.58%');
    expect(matchForm('4958')).not.toBe(matchForm('49.58'));
  });

  it('adds an offset to the map when given one', () => {
    expect(compact('a,b', 100).map[1]).toBe(102);
  });

  it('maps every kept unit to the same character of the source', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 40 }), (s) => {
        const n = normalize(s);
        const c = compact(n);
        for (let i = 0; i < c.text.length; i++) expect(c.text[i]).toBe(n[c.map[i]!]);
      }),
    );
  });
});

describe('matchForms', () => {
  it('gives each span of a text exactly the matchForm of its slice (surrogates, decimal points and full-width at the edges)', () => {
    const unit = fc.constantFrom(...'营商環境，。 .5１２%Ａa\u3000'.split(''), '𠮷', '😀', '\ud842', '\udfb7');
    fc.assert(
      fc.property(
        fc.string({ unit, maxLength: 50 }),
        fc.array(fc.tuple(fc.nat(60), fc.nat(60)), { maxLength: 8 }),
        (text, cuts) => {
          const spans = cuts.map(([a, b]) => ({ start: Math.min(a, b, text.length), end: Math.min(Math.max(a, b), text.length) }));
          expect(matchForms(text, spans)).toEqual(spans.map((s) => matchForm(text.slice(s.start, s.end))));
        },
      ),
      { numRuns: 2000 },
    );
  });

  it('is compact() without its map, the same for a text as for its normalized form (the analysis compacts normalized bodies)', () => {
    const unit = fc.constantFrom(...'营商環境，。 .5１２%Ａa\u3000！'.split(''), '𠮷', '😀', '\ud842', '\udfb7');
    fc.assert(
      fc.property(fc.string({ unit, maxLength: 50 }), (text) => {
        expect(matchForm(text)).toBe(compact(text).text);
        expect(matchForm(normalize(text))).toBe(matchForm(text));
      }),
      { numRuns: 2000 },
    );
  });
});
