// A batch's words numbered in the order they first occur (src/index/postgres/termIds.ts),
// read from the joined terms the analysis gives each passage.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { TERM_SEPARATOR } from '../../src/analysis/tokenize.js';
import { TermIds } from '../../src/index/postgres/termIds.js';

/** What the writer did before: split, without empty terms, numbered by a Map. */
function byMap(passages: string[]): { terms: string[]; ids: number[][] } {
  const ids = new Map<string, number>();
  const out = passages.map((joined) =>
    joined
      .split(TERM_SEPARATOR)
      .filter((t) => t.length > 0)
      .map((t) => ids.get(t) ?? ids.set(t, ids.size).get(t)!),
  );
  return { terms: [...ids.keys()], ids: out };
}

function read(passages: string[]): { terms: string[]; ids: number[][] } {
  const t = new TermIds();
  const ids = passages.map((joined) => Array.from(t.ids.subarray(0, t.read(joined))));
  return { terms: t.terms, ids };
}

const term = fc.oneof(fc.constantFrom('发展', '合作', '𠮷野家', '中国', '', '49.58%', 'covid'), fc.string({ unit: 'grapheme', maxLength: 6 }));
const passage = fc.array(term, { maxLength: 40 }).map((ts) => ts.join(TERM_SEPARATOR));

describe('term numbers of a batch', () => {
  it('numbers every non-empty term as a Map of the split terms does, over thousands of distinct terms', () => {
    fc.assert(
      fc.property(fc.array(passage, { maxLength: 30 }), (passages) => {
        expect(read(passages)).toEqual(byMap(passages));
      }),
    );
    // Past the table's first sizes: ~20,000 distinct terms, each met twice.
    const many = Array.from({ length: 2000 }, (_, i) => Array.from({ length: 10 }, (_, j) => `词${(i * 10 + j) % 20011}`).join(TERM_SEPARATOR));
    expect(read([...many, ...many])).toEqual(byMap([...many, ...many]));
  });

  it('gives a passage of no terms, or of empty ones only, no numbers', () => {
    expect(read(['', TERM_SEPARATOR, `${TERM_SEPARATOR}${TERM_SEPARATOR}`])).toEqual({ terms: [], ids: [[], [], []] });
  });
});
