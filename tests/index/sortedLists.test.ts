// Ascending lists of passage numbers: what the stores answer substrings and
// tags with, combined by search.

import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { holds, intersectSorted, unionSorted } from '../../src/index/sortedLists.js';

const ascending = fc.uniqueArray(fc.nat(500)).map((a) => Uint32Array.from(a.sort((x, y) => x - y)));

describe('ascending lists', () => {
  it('intersects lists of any lengths', () => {
    fc.assert(
      fc.property(ascending, ascending, (a, b) => {
        expect([...intersectSorted(a, b)]).toEqual([...a].filter((x) => b.includes(x)));
      }),
    );
  });

  it('unites lists into one ascending list, each passage once', () => {
    fc.assert(
      fc.property(ascending, ascending, (a, b) => {
        expect([...unionSorted(a, b)]).toEqual([...new Set([...a, ...b])].sort((x, y) => x - y));
      }),
    );
  });

  it('tells whether a list holds a passage', () => {
    fc.assert(
      fc.property(ascending, fc.nat(500), (a, x) => {
        expect(holds(a, x)).toBe(a.includes(x));
      }),
    );
  });
});
