import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { bigramKeys } from '../../src/analysis/ngrams.js';
import { BigramIndex, BigramIndexBuilder } from '../../src/index/embedded/bigramIndex.js';

function build(texts: string[]): BigramIndex {
  const b = new BigramIndexBuilder();
  texts.forEach((t, gid) => b.add(gid, bigramKeys(t)));
  return b.finish();
}

/** The answer without an index: every passage whose bigrams include all of the query's. */
function bruteForce(texts: string[], q: string): number[] {
  const need = [...bigramKeys(q)];
  return texts.flatMap((t, gid) => {
    const have = new Set(bigramKeys(t));
    return need.length > 0 && need.every((k) => have.has(k)) ? [gid] : [];
  });
}

const text = fc.string({ unit: fc.constantFrom(...'营商环境招商引资中方美方𠮷a1'), maxLength: 30 });

describe('BigramIndex', () => {
  it('finds the passages holding every bigram of a query', () => {
    const idx = build(['优化营商环境', '营商', '环境优化', '招商引资']);
    expect([...idx.candidates('营商环境')]).toEqual([0]);
    expect([...idx.candidates('营商')]).toEqual([0, 1]);
    expect([...idx.candidates('没有')]).toEqual([]);
  });

  it('agrees with a brute-force check on random texts', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), text, (texts, q) => {
        expect([...build(texts).candidates(q)]).toEqual(bruteForce(texts, q));
      }),
    );
  });

  it('reads back what it wrote', () => {
    fc.assert(
      fc.property(fc.array(text, { maxLength: 25 }), text, (texts, q) => {
        const idx = build(texts);
        const again = BigramIndex.deserialize(idx.serialize());
        expect([...again.candidates(q)]).toEqual([...idx.candidates(q)]);
        expect(again.size).toBe(idx.size);
      }),
    );
  });

  it('refuses a truncated file (INDEX_CORRUPT)', () => {
    const bytes = build(['优化营商环境', '招商引资']).serialize();
    expect(() => BigramIndex.deserialize(bytes.subarray(0, bytes.length - 3))).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT' }));
    expect(() => BigramIndex.deserialize(bytes.subarray(0, 10))).toThrow(/bigrams\.bin: the file is shorter/u);
  });

  it('names a list damaged inside (INDEX_CORRUPT, bigrams.bin)', () => {
    const texts = Array.from({ length: 300 }, (_, i) => (i % 2 ? '营商环境' : '招商引资'));
    const bytes = Buffer.from(build(texts).serialize());
    // The last byte of the last list: a continuation bit there runs the varint past the list's end.
    bytes[bytes.length - 1]! |= 0x80;
    expect(() => BigramIndex.deserialize(bytes, '/some/index')).toThrow(expect.objectContaining({ code: 'INDEX_CORRUPT', message: expect.stringContaining('bigrams.bin: list') }));
  });

  it('refuses passages out of order', () => {
    const b = new BigramIndexBuilder();
    b.add(3, bigramKeys('营商'));
    expect(() => b.add(2, bigramKeys('环境'))).toThrow();
  });
});
